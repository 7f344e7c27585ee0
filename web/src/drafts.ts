/**
 * Unsaved note edits kept in memory (never in browser storage) when the session ends under the
 * clinician's hands (idle timeout while writing), so that after signing in again the editor can
 * offer them back. Keyed by user and note; only given back for the same note version; dropped on
 * an explicit sign-out.
 */
import type { EditState } from './editor-model';

interface Kept {
  version: number;
  state: EditState;
}

const kept = new Map<string, Kept>();
const key = (userId: string, noteId: string) => `${userId}\u0000${noteId}`;

export function keepDraft(userId: string, noteId: string, version: number, state: EditState): void {
  kept.set(key(userId, noteId), { version, state });
}

/** The kept edits of this note if they were made on this very version (and forget them). */
export function takeDraft(
  userId: string,
  noteId: string,
  version: number,
  body: EditState['base'],
): EditState | undefined {
  const k = key(userId, noteId);
  const found = kept.get(k);
  kept.delete(k);
  if (!found || found.version !== version) return undefined;
  if (JSON.stringify(found.state.base) !== JSON.stringify(body)) return undefined;
  return found.state;
}

export function clearDrafts(): void {
  kept.clear();
}
