import { decodeBase64 } from './base64.js';
import type { FeatureConfig } from './features.js';
import type { StackWeights } from './stack.js';

/**
 * A multinomial logistic-regression model over hashed features, as shipped in the generated
 * module: feature hashes (sorted, delta + varint coded) and int8-quantised weights, base64.
 */
export interface PackedModel {
  task: string;
  labels: readonly string[];
  features: FeatureConfig;
  /** Per-label intercept, decision bias included. */
  bias: readonly number[];
  /** weight = int8 × scale. */
  scale: number;
  count: number;
  keys: string;
  weights: string;
  /** Optional second stage over neighbouring same-role turns; the decision bias is then on its output. */
  stack?: StackWeights;
}

export interface LinearModel {
  task: string;
  labels: readonly string[];
  features: FeatureConfig;
  bias: Float64Array;
  /** feature hash → row offset into `weights`. */
  rows: Map<number, number>;
  weights: Float32Array;
  stack?: StackWeights;
}

export function unpackModel(p: PackedModel): LinearModel {
  const k = p.labels.length;
  const keyBytes = decodeBase64(p.keys);
  const wBytes = decodeBase64(p.weights);
  if (wBytes.length !== p.count * k) throw new Error(`model ${p.task}: weight size mismatch`);
  const rows = new Map<number, number>();
  const weights = new Float32Array(p.count * k);
  const signed = new Int8Array(wBytes.buffer, wBytes.byteOffset, wBytes.length);
  for (let i = 0; i < weights.length; i++) weights[i] = (signed[i] ?? 0) * p.scale;
  let pos = 0;
  let key = 0;
  for (let r = 0; r < p.count; r++) {
    let delta = 0;
    let mul = 1;
    for (;;) {
      const b = keyBytes[pos++];
      if (b === undefined) throw new Error(`model ${p.task}: truncated keys`);
      delta += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    key += delta;
    rows.set(key, r * k);
  }
  return {
    task: p.task,
    labels: p.labels,
    features: p.features,
    bias: Float64Array.from(p.bias),
    rows,
    weights,
    ...(p.stack ? { stack: p.stack } : {}),
  };
}

/**
 * The value every feature of a turn takes: 1, or with `normalize` sqrt(32 / n) for n features,
 * so long turns do not dominate by sheer feature count.
 */
export function featureValue(n: number, normalize: boolean | undefined): number {
  return normalize && n > 0 ? Math.sqrt(32 / n) : 1;
}

/** Logits for one feature set (scaled sum of the rows of present features plus the intercept). */
export function scoreFeatures(m: LinearModel, feats: readonly number[]): Float64Array {
  const k = m.labels.length;
  const z = new Float64Array(k);
  for (const f of feats) {
    const off = m.rows.get(f);
    if (off === undefined) continue;
    for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + (m.weights[off + c] ?? 0);
  }
  const v = featureValue(feats.length, m.features.normalize);
  for (let c = 0; c < k; c++) z[c] = (m.bias[c] ?? 0) + v * (z[c] ?? 0);
  return z;
}

export function argmax(z: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < z.length; c++) if ((z[c] ?? -Infinity) > (z[best] ?? -Infinity)) best = c;
  return best;
}
