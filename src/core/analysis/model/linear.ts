import { decodeBase64, decodeKeys, encodeBase64, encodeKeys } from './base64.js';
import { unpackEmbeddings, type Embeddings, type PackedEmbeddings } from './embed.js';
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
  /** Background document frequencies of content stems (features.salience). */
  salience?: PackedSalience;
  /** Word vectors for the sequence stage (see embed.ts). */
  embeddings?: PackedEmbeddings;
}

/**
 * Document frequencies of content-word stems over the training conversations: stem hashes
 * (sorted, delta + varint coded, base64) and one byte each (df, capped at 255).
 */
export interface PackedSalience {
  docs: number;
  count: number;
  keys: string;
  df: string;
}

export interface Salience {
  docs: number;
  df: Map<number, number>;
}

export interface LinearModel {
  task: string;
  labels: readonly string[];
  features: FeatureConfig;
  bias: Float64Array;
  /** feature hash → row offset into `weights`. */
  rows: Map<number, number>;
  /** The same map as an open-addressing hash table (typed arrays; faster lookups). */
  table: RowTable;
  weights: Float32Array;
  stack?: StackWeights;
  salience?: Salience;
  embeddings?: Embeddings;
}

export interface RowTable {
  mask: number;
  keys: Uint32Array;
  /** Row offset, -1 = empty slot. */
  offs: Int32Array;
}

const slotOf = (h: number, mask: number): number => (Math.imul(h, 0x9e3779b1) >>> 7) & mask;

function buildTable(rows: ReadonlyMap<number, number>): RowTable {
  let size = 16;
  while (size < rows.size * 2) size *= 2;
  const mask = size - 1;
  const keys = new Uint32Array(size);
  const offs = new Int32Array(size).fill(-1);
  for (const [h, off] of rows) {
    let i = slotOf(h, mask);
    while ((offs[i] ?? -1) >= 0) i = (i + 1) & mask;
    keys[i] = h;
    offs[i] = off;
  }
  return { mask, keys, offs };
}

/** Row offset of feature hash `h`, or -1. */
export function rowOf(t: RowTable, h: number): number {
  let i = slotOf(h, t.mask);
  for (;;) {
    const off = t.offs[i] ?? -1;
    if (off < 0 || t.keys[i] === h) return off;
    i = (i + 1) & t.mask;
  }
}

export function packSalience(s: Salience): PackedSalience {
  const keys = [...s.df.keys()].sort((a, b) => a - b);
  return {
    docs: s.docs,
    count: keys.length,
    keys: encodeBase64(encodeKeys(keys)),
    df: encodeBase64(Uint8Array.from(keys, (k) => Math.min(255, s.df.get(k) ?? 0))),
  };
}

export function unpackSalience(p: PackedSalience): Salience {
  const keys = decodeKeys(decodeBase64(p.keys), p.count, 'salience');
  const df = decodeBase64(p.df);
  if (df.length !== p.count) throw new Error('model salience: size mismatch');
  return { docs: p.docs, df: new Map(keys.map((k, i) => [k, df[i] ?? 0])) };
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
    table: buildTable(rows),
    weights,
    ...(p.stack ? { stack: p.stack } : {}),
    ...(p.salience ? { salience: unpackSalience(p.salience) } : {}),
    ...(p.embeddings ? { embeddings: unpackEmbeddings(p.embeddings) } : {}),
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
export function scoreFeatures(m: LinearModel, feats: ArrayLike<number>): Float64Array {
  const k = m.labels.length;
  const z = new Float64Array(k);
  const w = m.weights;
  const n = feats.length;
  for (let i = 0; i < n; i++) {
    const off = rowOf(m.table, feats[i] ?? 0);
    if (off < 0) continue;
    for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + (w[off + c] ?? 0);
  }
  const v = featureValue(n, m.features.normalize);
  for (let c = 0; c < k; c++) z[c] = (m.bias[c] ?? 0) + v * (z[c] ?? 0);
  return z;
}

export function argmax(z: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < z.length; c++) if ((z[c] ?? -Infinity) > (z[best] ?? -Infinity)) best = c;
  return best;
}
