/**
 * Second stage ("stacking") for sequence context: a small dense softmax regression over the
 * first-stage logits of a turn, the first-stage probabilities of the neighbouring turns of the
 * same role (client talk runs in stretches: change talk tends to follow change talk) and the
 * mean probabilities over the other turns of that role in the conversation (its overall stance).
 */

export interface StackWeights {
  /** Row-major: k rows (labels) × STACK_DIM(k) columns. */
  w: number[];
  b: number[];
  /** Mean of the conversation-level inputs in training: used when a turn has no other turns. */
  prior?: number[];
}

const PRIOR_WEIGHT = 8;

export const stackDim = (k: number, extra = 0): number => 4 * k + extra;

export function softmax(z: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let c = 0; c < z.length; c++) m = Math.max(m, z[c] ?? 0);
  const p = new Float64Array(z.length);
  let s = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp((z[c] ?? 0) - m);
    p[c] = e;
    s += e;
  }
  for (let c = 0; c < z.length; c++) p[c] = (p[c] ?? 0) / s;
  return p;
}

/**
 * Stage-2 input for one turn: own centred logits, previous and next same-role probabilities,
 * and the mean probabilities of the other same-role turns (`sum` holds the sum over all `count`
 * turns including this one, whose own probabilities are taken out).
 */
export function stackFeatures(
  own: ArrayLike<number>,
  prev: ArrayLike<number> | undefined,
  next: ArrayLike<number> | undefined,
  sum?: { probs: ArrayLike<number>; count: number },
  prior?: readonly number[],
  extra?: ArrayLike<number>,
): Float64Array {
  const k = own.length;
  const x = new Float64Array(stackDim(k, extra?.length ?? 0));
  if (extra) for (let j = 0; j < extra.length; j++) x[4 * k + j] = extra[j] ?? 0;
  let mean = 0;
  for (let c = 0; c < k; c++) mean += (own[c] ?? 0) / k;
  for (let c = 0; c < k; c++) x[c] = (own[c] ?? 0) - mean;
  // A missing neighbour (start or end of the conversation) reads as the training prior.
  const p = prev ? softmax(prev) : undefined;
  const n = next ? softmax(next) : undefined;
  for (let c = 0; c < k; c++) {
    x[k + c] = p ? (p[c] ?? 0) : (prior?.[c] ?? 1 / k);
    x[2 * k + c] = n ? (n[c] ?? 0) : (prior?.[c] ?? 1 / k);
  }
  // Mean of the other turns, shrunk towards the training prior (pseudo-count PRIOR_WEIGHT) so
  // that a conversation with few turns does not swing the label.
  const mine = softmax(own);
  const others = sum ? sum.count - 1 : 0;
  for (let c = 0; c < k; c++) {
    const rest = sum ? (sum.probs[c] ?? 0) - (mine[c] ?? 0) : 0;
    x[3 * k + c] = (rest + PRIOR_WEIGHT * (prior?.[c] ?? 1 / k)) / (others + PRIOR_WEIGHT);
  }
  return x;
}

/** Sum of the first-stage probabilities over a set of turns. */
export function probabilitySum(logits: readonly (ArrayLike<number> | undefined)[], k: number) {
  const probs = new Float64Array(k);
  let count = 0;
  for (const z of logits) {
    if (!z) continue;
    const p = softmax(z);
    for (let c = 0; c < k; c++) probs[c] = (probs[c] ?? 0) + (p[c] ?? 0);
    count++;
  }
  return { probs, count };
}

export function stackScores(s: StackWeights, x: Float64Array): Float64Array {
  const k = s.b.length;
  const d = x.length;
  const z = Float64Array.from(s.b);
  for (let c = 0; c < k; c++) {
    let v = z[c] ?? 0;
    for (let j = 0; j < d; j++) v += (s.w[c * d + j] ?? 0) * (x[j] ?? 0);
    z[c] = v;
  }
  return z;
}
