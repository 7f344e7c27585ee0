import type { NotDeliveredReason } from '../schema.js';
import type { Hit } from './matcher.js';

/** A cue hit whose context does not deliver the intervention. */
export interface Mention {
  hit: Hit;
  reason: NotDeliveredReason;
  /** The context is one of the clearest kinds (named later session, previous therapist, declined). */
  clear?: boolean;
}

/** Everything found for one intervention in a session. */
export interface Bucket {
  deliver: Hit[];
  mentions: Mention[];
}

export type Buckets = Map<string, Bucket>;

export function bucket(b: Buckets, id: string): Bucket {
  let x = b.get(id);
  if (!x) {
    x = { deliver: [], mentions: [] };
    b.set(id, x);
  }
  return x;
}

/** Per-turn score cap: one turn alone rarely proves delivery. */
export const TURN_CAP = 1.25;

/**
 * Delivering score: per turn, explicit and implicit weights, plus half the component weights in
 * turns that also carry an explicit or implicit cue (components mark fidelity steps; alone
 * they are too generic to prove delivery).
 */
export function scoreHits(hits: readonly Hit[]): { score: number; perTurn: Map<number, number> } {
  const perTurn = new Map<number, number>();
  for (const h of hits) {
    if (h.kind === 'component') continue;
    perTurn.set(h.turnIndex, (perTurn.get(h.turnIndex) ?? 0) + h.weight);
  }
  for (const h of hits) {
    const v = perTurn.get(h.turnIndex);
    if (h.kind === 'component' && v !== undefined) perTurn.set(h.turnIndex, v + h.weight * 0.5);
  }
  let score = 0;
  for (const [t, v] of perTurn) {
    const capped = Math.min(TURN_CAP, v);
    perTurn.set(t, capped);
    score += capped;
  }
  return { score, perTurn };
}

/** Move hits (delivering and mentions) from one id to another, e.g. generic CBT → TF-CBT. */
export function moveBucket(b: Buckets, from: string, to: string): void {
  const src = b.get(from);
  if (!src) return;
  const dst = bucket(b, to);
  for (const h of src.deliver) dst.deliver.push({ ...h, id: to });
  for (const m of src.mentions) dst.mentions.push({ ...m, hit: { ...m.hit, id: to } });
  b.delete(from);
}
