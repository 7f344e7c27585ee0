/**
 * Unsaved note edits kept in memory (never in browser storage) when the session ends under the
 * clinician's hands while they were at work (the 12-hour limit, signed out in another tab), so
 * that after signing in again the editor can offer them back. Keyed by user and note; only given
 * back for the same note version.
 *
 * Kept only until a deadline: 30 minutes after the person's last activity (`holdDraftsUntil`,
 * set by the app when the session ends), then dropped — PHI does not outlive the idle timeout.
 * Nothing is kept unless the app opened such a window (never on the idle sign-out itself), and
 * everything is dropped on the idle sign-out and on an explicit sign-out (`clearDrafts`).
 */
import type { EditState } from './editor-model';

interface Kept {
  version: number;
  state: EditState;
}

const kept = new Map<string, Kept>();
const key = (userId: string, noteId: string) => `${userId}\u0000${noteId}`;
/** Until when edits may be kept (clock ms); null: not now. */
let deadline: number | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
/** Editors with unsaved edits, asked to keep them when the session ends. */
const sources = new Set<() => void>();

/** The session ended while the person was at work: keep edits, and drop them all at `until`. */
export function holdDraftsUntil(until: number, now = Date.now()): void {
  if (timer !== undefined) clearTimeout(timer);
  deadline = until;
  timer = setTimeout(clearDrafts, Math.max(0, until - now));
}

export function keepDraft(
  userId: string,
  noteId: string,
  version: number,
  state: EditState,
  now = Date.now(),
): void {
  if (deadline === null || now >= deadline) return;
  kept.set(key(userId, noteId), { version, state });
}

/** The kept edits of this note if they were made on this very version (and forget them). */
export function takeDraft(
  userId: string,
  noteId: string,
  version: number,
  body: EditState['base'],
  now = Date.now(),
): EditState | undefined {
  if (deadline !== null && now >= deadline) clearDrafts();
  const k = key(userId, noteId);
  const found = kept.get(k);
  kept.delete(k);
  if (!found || found.version !== version) return undefined;
  if (JSON.stringify(found.state.base) !== JSON.stringify(body)) return undefined;
  return found.state;
}

/** Drop every kept edit and close the window for keeping any. */
export function clearDrafts(): void {
  kept.clear();
  deadline = null;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

export function hasDrafts(): boolean {
  return kept.size > 0;
}

/** An editor with unsaved edits registers how to keep them; returns the unregistration. */
export function addDraftSource(keep: () => void): () => void {
  sources.add(keep);
  return () => {
    sources.delete(keep);
  };
}

/** The session ended (not by idleness): every open editor keeps its unsaved edits. */
export function collectDrafts(): void {
  for (const keep of sources) keep();
}
