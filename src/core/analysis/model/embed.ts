import { decodeBase64, decodeKeys, encodeBase64, encodeKeys } from './base64.js';
import type { TurnInfo } from './features.js';

/**
 * Compact word vectors for the sequence stage: for each model-vocabulary word (keyed by its fnv
 * hash, as in TurnInfo.hashes) a low-dimensional projection of a pretrained embedding (principal
 * components over the vocabulary, int8-quantised). Derived at training time only
 * (scripts/train-mi.ts, EMBEDDINGS_DIR); the runtime reads them from the generated model.
 */
export interface PackedEmbeddings {
  dim: number;
  count: number;
  /** Word hashes, sorted, delta + varint, base64. */
  keys: string;
  /** int8 × scale, count × dim, base64. */
  vectors: string;
  scale: number;
}

export interface Embeddings {
  dim: number;
  rows: Map<number, number>;
  vecs: Float32Array;
}

export function unpackEmbeddings(p: PackedEmbeddings): Embeddings {
  const keys = decodeKeys(decodeBase64(p.keys), p.count, 'embeddings');
  const bytes = decodeBase64(p.vectors);
  if (bytes.length !== p.count * p.dim) throw new Error('model embeddings: size mismatch');
  const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const vecs = new Float32Array(bytes.length);
  for (let i = 0; i < vecs.length; i++) vecs[i] = (signed[i] ?? 0) * p.scale;
  return { dim: p.dim, rows: new Map(keys.map((k, i) => [k, i * p.dim])), vecs };
}

/**
 * Fit the projection: unit-normalised vectors of `words` (those `lookup` knows), centred,
 * top `dim` principal components by power iteration with deflation (deterministic start), each
 * component scaled to unit variance, then int8-quantised.
 */
export function fitEmbeddings(
  words: readonly { hash: number; word: string }[],
  lookup: (word: string) => ArrayLike<number> | undefined,
  dim: number,
): PackedEmbeddings {
  const byHash = new Map<number, Float64Array>();
  let d = 0;
  for (const { hash, word } of words) {
    if (byHash.has(hash)) continue;
    const v = lookup(word);
    if (!v) continue;
    d = v.length;
    const x = Float64Array.from(v);
    let n = 0;
    for (const a of x) n += a * a;
    n = Math.sqrt(n);
    if (n === 0) continue;
    for (let j = 0; j < d; j++) x[j] = (x[j] ?? 0) / n;
    byHash.set(hash, x);
  }
  const keys = [...byHash.keys()].sort((a, b) => a - b);
  const X = keys.map((k) => byHash.get(k) ?? new Float64Array(d));
  const mean = new Float64Array(d);
  for (const x of X) for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (x[j] ?? 0) / X.length;
  for (const x of X) for (let j = 0; j < d; j++) x[j] = (x[j] ?? 0) - (mean[j] ?? 0);
  const cov = new Float64Array(d * d);
  for (const x of X)
    for (let a = 0; a < d; a++) {
      const xa = x[a] ?? 0;
      for (let b = 0; b < d; b++) cov[a * d + b] = (cov[a * d + b] ?? 0) + xa * (x[b] ?? 0);
    }
  const comps: Float64Array[] = [];
  for (let c = 0; c < dim; c++) {
    let v = Float64Array.from({ length: d }, (_, j) => 1 / Math.sqrt(d) + (j === c ? 0.5 : 0));
    let lambda = 0;
    for (let it = 0; it < 300; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let b = 0; b < d; b++) s += (cov[a * d + b] ?? 0) * (v[b] ?? 0);
        w[a] = s;
      }
      let n = 0;
      for (const a of w) n += a * a;
      n = Math.sqrt(n);
      if (n === 0) break;
      for (let j = 0; j < d; j++) w[j] = (w[j] ?? 0) / n;
      lambda = n;
      v = w;
    }
    comps.push(v);
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++)
        cov[a * d + b] = (cov[a * d + b] ?? 0) - lambda * (v[a] ?? 0) * (v[b] ?? 0);
  }
  const proj = X.map((x) =>
    comps.map((v) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[j] ?? 0) * (v[j] ?? 0);
      return s;
    }),
  );
  // unit variance per component
  for (let c = 0; c < dim; c++) {
    let ss = 0;
    for (const p of proj) ss += (p[c] ?? 0) ** 2;
    const sd = Math.sqrt(ss / Math.max(1, proj.length)) || 1;
    for (const p of proj) p[c] = (p[c] ?? 0) / sd;
  }
  let maxAbs = 0;
  for (const p of proj) for (const a of p) maxAbs = Math.max(maxAbs, Math.abs(a));
  const scale = maxAbs === 0 ? 1 : maxAbs / 127;
  const bytes = new Uint8Array(keys.length * dim);
  proj.forEach((p, i) => {
    p.forEach((a, c) => {
      bytes[i * dim + c] = Math.max(-127, Math.min(127, Math.round(a / scale))) & 0xff;
    });
  });
  return {
    dim,
    count: keys.length,
    keys: encodeBase64(encodeKeys(keys)),
    vectors: encodeBase64(bytes),
    scale: Number(scale.toPrecision(8)),
  };
}

const BUT = new Set(['but', 'though', 'although', 'however']);

/**
 * Dense features of one turn: the mean vector of its known content, cue and negation words and the mean over the words
 * after its last "but" (the whole turn when there is none); 2 × dim values.
 */
export function turnVector(t: TurnInfo, e: Embeddings): Float64Array {
  const d = e.dim;
  const out = new Float64Array(2 * d);
  let start = 0;
  t.tokens.forEach((w, i) => {
    if (BUT.has(w)) start = i + 1;
  });
  let nAll = 0;
  let nTail = 0;
  const hs = t.hashes;
  for (let i = 0; i < hs.length; i++) {
    const w = t.words[i];
    if (!w || (!w.content && w.cue < 0 && !w.negation)) continue;
    const off = e.rows.get(hs[i] ?? 0);
    if (off === undefined) continue;
    nAll++;
    const tail = i >= start;
    if (tail) nTail++;
    for (let c = 0; c < d; c++) {
      const v = e.vecs[off + c] ?? 0;
      out[c] = (out[c] ?? 0) + v;
      if (tail) out[d + c] = (out[d + c] ?? 0) + v;
    }
  }
  for (let c = 0; c < d; c++) {
    out[c] = nAll > 0 ? (out[c] ?? 0) / nAll : 0;
    out[d + c] = nTail > 0 ? (out[d + c] ?? 0) / nTail : (out[c] ?? 0);
  }
  return out;
}
