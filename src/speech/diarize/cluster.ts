/**
 * Groups segment embeddings into speakers: agglomerative (bottom-up) clustering with a stopping
 * rule, so the number of speakers need not be known.
 *
 * Two linkages, combined by default (`hybrid`, chosen by measurement, eval/speech/diarization.ts):
 * - `cosine`: each segment becomes a vector of its MFCC means and log standard deviations and its
 *   mean log pitch, normalised over the whole recording (recording-level cepstral mean and
 *   variance normalisation); clusters are compared by the cosine similarity of their
 *   frame-weighted centroids and merging stops when no pair is more similar than `threshold`.
 *   Good at who is who and at counting two or more voices, but it always splits a lone voice.
 * - `bic`: clusters are full-covariance Gaussians (exact merged statistics); the pair with the
 *   lowest ΔBIC merges and merging stops when every ΔBIC is positive (penalty weight `lambda`).
 *   Used on the cosine clusters to merge those that are one voice.
 *
 * Short segments say little about a voice: only segments with at least `minFrames` voiced frames
 * (and duration weights from their frame counts) build the clusters; shorter ones then join the
 * closest cluster, and segments without an embedding take a neighbour's label.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernel: typed-array and
   matrix indices are bounded by the loops; `!` keeps the hot loops free of fallback branches. */
import { EMBEDDING_DIMS, EMBEDDING_LENGTH, gaussianOf, type GaussianStats } from './embedding.js';

export interface ClusterOptions {
  /** Exactly this many speakers (when known, e.g. from the session's details). */
  numSpeakers?: number;
  /** At least / at most this many speakers. */
  minSpeakers?: number;
  maxSpeakers?: number;
  /**
   * `hybrid` (default): cosine clusters checked by ΔBIC decide how many speakers (see
   * countSpeakers), then cosine agglomeration (which also uses pitch) decides who is who.
   * `cosine` / `bic`: one linkage for both.
   */
  linkage?: 'hybrid' | 'cosine' | 'bic';
  /** Cosine stopping threshold: clusters less similar than this stay apart. */
  threshold?: number;
  /** BIC penalty weight. */
  lambda?: number;
  /** Voiced frames a segment needs to take part in building the clusters. */
  minFrames?: number;
  /** Weight of the normalised mean pitch among the cosine features (0: pitch unused). */
  pitchWeight?: number;
}

/**
 * Defaults, tuned on generated espeak-ng dialogues (eval/speech/dialogues.ts and test-helpers.ts
 * voices, also concatenated into 10–26 minute sessions of one and two voices) and on AMI's
 * per-speaker sources recombined into 1–4 speaker files; never on the AMI mixture.
 */
export const CLUSTER_DEFAULTS = {
  linkage: 'hybrid' as const,
  threshold: 0.1,
  lambda: 2.5,
  minFrames: 100,
  pitchWeight: 1,
};

const D = EMBEDDING_DIMS;
/** Voiced frames (10 ms) a cluster counts for at most in ΔBIC (30 s of speech). */
const BIC_FRAME_CAP = 3000;

interface Item {
  index: number;
  stats: GaussianStats;
  vector: Float64Array;
}

interface Cluster {
  members: number[];
  weight: number;
  /** Weighted sum of member vectors (cosine linkage). */
  sum: Float64Array;
  /** Pooled Gaussian (BIC linkage). */
  gauss: GaussianStats;
  /** log|Σ| of `gauss`. */
  logDet: number;
}

/** log determinant of a symmetric positive-definite D×D matrix (Cholesky), regularised. */
function logDet(cov: Float64Array): number {
  const a = Float64Array.from(cov);
  let trace = 0;
  for (let i = 0; i < D; i++) trace += a[i * D + i]!;
  const ridge = Math.max(1e-6, (trace / D) * 1e-3);
  for (let i = 0; i < D; i++) a[i * D + i] = a[i * D + i]! + ridge;
  let sum = 0;
  for (let j = 0; j < D; j++) {
    let d = a[j * D + j]!;
    for (let k = 0; k < j; k++) d -= a[j * D + k]! * a[j * D + k]!;
    if (d <= 0) d = ridge;
    const l = Math.sqrt(d);
    a[j * D + j] = l;
    sum += 2 * Math.log(l);
    for (let i = j + 1; i < D; i++) {
      let v = a[i * D + j]!;
      for (let k = 0; k < j; k++) v -= a[i * D + k]! * a[j * D + k]!;
      a[i * D + j] = v / l;
    }
  }
  return sum;
}

/** The Gaussian of two pooled Gaussians (exact). */
function pool(a: GaussianStats, b: GaussianStats): GaussianStats {
  const n = a.count + b.count;
  const wa = a.count / n;
  const wb = b.count / n;
  const mean = new Float64Array(D);
  for (let i = 0; i < D; i++) mean[i] = wa * a.mean[i]! + wb * b.mean[i]!;
  const cov = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < D; j++) {
      const second =
        wa * (a.cov[i * D + j]! + a.mean[i]! * a.mean[j]!) +
        wb * (b.cov[i * D + j]! + b.mean[i]! * b.mean[j]!);
      cov[i * D + j] = second - mean[i]! * mean[j]!;
    }
  }
  const pc = a.pitchCount + b.pitchCount;
  let logF0 = 0;
  let logF0Sd = 0;
  if (pc > 0) {
    logF0 = (a.pitchCount * a.logF0 + b.pitchCount * b.logF0) / pc;
    const second =
      (a.pitchCount * (a.logF0Sd ** 2 + a.logF0 ** 2) +
        b.pitchCount * (b.logF0Sd ** 2 + b.logF0 ** 2)) /
      pc;
    logF0Sd = Math.sqrt(Math.max(0, second - logF0 ** 2));
  }
  return { count: n, mean, cov, pitchCount: pc, logF0, logF0Sd };
}

/** Recording-level normalised description of each segment: standardised means and log spreads. */
function vectors(stats: GaussianStats[], pitchWeight: number): Float64Array[] {
  let total = 0;
  const gMean = new Float64Array(D);
  const gSecond = new Float64Array(D);
  for (const s of stats) {
    total += s.count;
    for (let i = 0; i < D; i++) {
      gMean[i] = gMean[i]! + s.count * s.mean[i]!;
      gSecond[i] = gSecond[i]! + s.count * (s.cov[i * D + i]! + s.mean[i]! ** 2);
    }
  }
  const gStd = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    gMean[i] = gMean[i]! / total;
    gStd[i] = Math.sqrt(Math.max(1e-9, gSecond[i]! / total - gMean[i]! ** 2));
  }
  const logSd = stats.map((s) =>
    Array.from(
      { length: D },
      (_, i) => 0.5 * Math.log(Math.max(1e-9, s.cov[i * D + i]!) / gStd[i]! ** 2),
    ),
  );
  const avgLogSd = new Float64Array(D);
  for (let k = 0; k < stats.length; k++) {
    for (let i = 0; i < D; i++)
      avgLogSd[i] = avgLogSd[i]! + (stats[k]!.count * logSd[k]![i]!) / total;
  }
  // Pitch: pooled mean and spread of log F0 over all pitched frames.
  let pTotal = 0;
  let pSum = 0;
  let pSecond = 0;
  for (const s of stats) {
    pTotal += s.pitchCount;
    pSum += s.pitchCount * s.logF0;
    pSecond += s.pitchCount * (s.logF0Sd ** 2 + s.logF0 ** 2);
  }
  const pMean = pTotal > 0 ? pSum / pTotal : 0;
  const pSd = pTotal > 0 ? Math.sqrt(Math.max(1e-6, pSecond / pTotal - pMean ** 2)) : 1;
  return stats.map((s, k) => {
    const v = new Float64Array(2 * D + 1);
    v[2 * D] = s.pitchCount > 0 ? (pitchWeight * (s.logF0 - pMean)) / pSd : 0;
    for (let i = 0; i < D; i++) {
      v[i] = (s.mean[i]! - gMean[i]!) / gStd[i]!;
      v[D + i] = logSd[k]![i]! - avgLogSd[i]!;
    }
    return v;
  });
}

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * A cluster index per embedding (0, 1, … numbered by first appearance in `embeddings` order,
 * which is time order for segments). Nulls take the label of the nearest labelled neighbour
 * (the previous one, else the next); all nulls → all 0.
 */
export function clusterSpeakers(
  embeddings: readonly (Float32Array | null)[],
  opts: ClusterOptions = {},
): number[] {
  if ((opts.linkage ?? CLUSTER_DEFAULTS.linkage) === 'hybrid') {
    let k = opts.numSpeakers;
    if (k === undefined) k = countSpeakers(embeddings, opts);
    const rest: ClusterOptions = { ...opts };
    delete rest.minSpeakers;
    delete rest.maxSpeakers;
    return agglomerate(embeddings, { ...rest, linkage: 'cosine', numSpeakers: k });
  }
  return agglomerate(embeddings, opts);
}

/**
 * How many speakers. Cosine agglomeration with its threshold counts well from two speakers up,
 * also on long sessions, but its features are normalised over the recording, so it always
 * splits a lone voice. ΔBIC between the cosine clusters' pooled Gaussians then merges clusters
 * that are one voice (ΔBIC alone, from single segments, splits long sessions into many).
 */
function countSpeakers(embeddings: readonly (Float32Array | null)[], opts: ClusterOptions): number {
  const present = embeddings.filter((e): e is Float32Array => e !== null && e[0]! > 0);
  const labels = agglomerate(present, { ...opts, linkage: 'cosine' });
  const pooled = new Map<number, GaussianStats>();
  labels.forEach((l, i) => {
    const g = gaussianOf(present[i]!);
    const have = pooled.get(l);
    pooled.set(l, have ? pool(have, g) : g);
  });
  if (pooled.size < 2) return pooled.size;
  const groups = [...pooled.values()].map(embeddingOf);
  return new Set(agglomerate(groups, { ...opts, linkage: 'bic', minFrames: 0 })).size;
}

/** The embedding layout of pooled statistics (inverse of gaussianOf). */
function embeddingOf(g: GaussianStats): Float32Array {
  const out = new Float32Array(EMBEDDING_LENGTH);
  out[0] = g.count;
  out.set(g.mean, 1);
  let t = 1 + D;
  for (let i = 0; i < D; i++) for (let j = i; j < D; j++) out[t++] = g.cov[i * D + j]!;
  out[t] = g.pitchCount;
  out[t + 1] = g.logF0;
  out[t + 2] = g.logF0Sd;
  return out;
}

function agglomerate(embeddings: readonly (Float32Array | null)[], opts: ClusterOptions): number[] {
  const linkage = opts.linkage === 'bic' ? 'bic' : 'cosine';
  const threshold = opts.threshold ?? CLUSTER_DEFAULTS.threshold;
  const lambda = opts.lambda ?? CLUSTER_DEFAULTS.lambda;
  const minFrames = opts.minFrames ?? CLUSTER_DEFAULTS.minFrames;
  const maxK = Math.max(1, opts.numSpeakers ?? opts.maxSpeakers ?? Infinity);
  const minK = Math.max(1, opts.numSpeakers ?? opts.minSpeakers ?? 1);

  const present: Item[] = [];
  const allStats: GaussianStats[] = [];
  embeddings.forEach((e, index) => {
    if (e && e[0]! > 0) {
      const stats = gaussianOf(e);
      allStats.push(stats);
      present.push({ index, stats, vector: new Float64Array(0) });
    }
  });
  const raw = new Array<number>(embeddings.length).fill(-1);
  if (present.length === 0) return raw.map(() => 0);
  const vecs = vectors(allStats, opts.pitchWeight ?? CLUSTER_DEFAULTS.pitchWeight);
  present.forEach((p, k) => (p.vector = vecs[k]!));

  let core = present.filter((p) => p.stats.count >= minFrames);
  if (core.length < Math.min(2, present.length)) core = present;
  const rest = present.filter((p) => !core.includes(p));

  const clusters: Cluster[] = core.map((p) => {
    const sum = Float64Array.from(p.vector, (x) => x * p.stats.count);
    return {
      members: [p.index],
      weight: p.stats.count,
      sum,
      gauss: p.stats,
      logDet: logDet(p.stats.cov),
    };
  });
  const penalty = (n: number): number => lambda * 0.5 * (D + (D * (D + 1)) / 2) * Math.log(n);
  // Score: higher merges first. cosine: similarity; bic: −ΔBIC.
  const score = (a: Cluster, b: Cluster): number => {
    if (linkage === 'cosine') return cosine(a.sum, b.sum);
    const merged = pool(a.gauss, b.gauss);
    // Frame counts capped: ΔBIC's data term grows with length faster than its penalty, so
    // without a cap long recordings split every voice into several clusters.
    const na = Math.min(a.gauss.count, BIC_FRAME_CAP);
    const nb = Math.min(b.gauss.count, BIC_FRAME_CAP);
    const dBic =
      0.5 * ((na + nb) * logDet(merged.cov) - na * a.logDet - nb * b.logDet) - penalty(na + nb);
    return -dBic;
  };
  const stopAt = linkage === 'cosine' ? threshold : 0;

  // Agglomerate, caching each cluster's best partner so a merge costs O(n), not O(n²).
  const n = clusters.length;
  const alive = clusters.map(() => true);
  const sim = Array.from({ length: n }, () => new Float64Array(n).fill(-Infinity));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = score(clusters[i]!, clusters[j]!);
      sim[i]![j] = v;
      sim[j]![i] = v;
    }
  }
  const bestVal = new Float64Array(n).fill(-Infinity);
  const bestJ = new Int32Array(n).fill(-1);
  const refreshRow = (i: number): void => {
    bestVal[i] = -Infinity;
    bestJ[i] = -1;
    const row = sim[i]!;
    for (let j = 0; j < n; j++) {
      if (j !== i && alive[j] && row[j]! > bestVal[i]) {
        bestVal[i] = row[j]!;
        bestJ[i] = j;
      }
    }
  };
  for (let i = 0; i < n; i++) refreshRow(i);
  let count = n;
  while (count > minK) {
    let bi = -1;
    let best = -Infinity;
    for (let i = 0; i < n; i++) {
      if (alive[i] && bestJ[i]! >= 0 && bestVal[i]! > best) {
        best = bestVal[i]!;
        bi = i;
      }
    }
    if (bi < 0) break;
    if (best < stopAt && count <= maxK) break;
    const bj = bestJ[bi]!;
    const a = clusters[bi]!;
    const b = clusters[bj]!;
    for (let t = 0; t < a.sum.length; t++) a.sum[t] = a.sum[t]! + b.sum[t]!;
    a.members.push(...b.members);
    a.weight += b.weight;
    a.gauss = pool(a.gauss, b.gauss);
    if (linkage === 'bic') a.logDet = logDet(a.gauss.cov);
    alive[bj] = false;
    count--;
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === bi) continue;
      const v = score(a, clusters[k]!);
      sim[bi]![k] = v;
      sim[k]![bi] = v;
    }
    refreshRow(bi);
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === bi) continue;
      if (bestJ[k] === bi || bestJ[k] === bj) refreshRow(k);
      else if (sim[k]![bi]! > bestVal[k]!) {
        bestVal[k] = sim[k]![bi]!;
        bestJ[k] = bi;
      }
    }
  }
  const final = clusters.filter((_, i) => alive[i]);
  final.forEach((c, label) => {
    for (const m of c.members) raw[m] = label;
  });

  // Short segments join the closest cluster.
  for (const p of rest) {
    let best = -Infinity;
    let label = 0;
    final.forEach((c, k) => {
      const s =
        linkage === 'cosine'
          ? cosine(p.vector, c.sum)
          : -(
              0.5 *
              ((p.stats.count + c.gauss.count) * logDet(pool(p.stats, c.gauss).cov) -
                p.stats.count * logDet(p.stats.cov) -
                c.gauss.count * c.logDet)
            );
      if (s > best) {
        best = s;
        label = k;
      }
    });
    raw[p.index] = label;
  }
  return renumber(fillGaps(raw));
}

/** Gives each -1 the previous label, or the next one at the start. */
function fillGaps(labels: number[]): number[] {
  const out = [...labels];
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    if (out[i]! >= 0) last = out[i]!;
    else if (last >= 0) out[i] = last;
  }
  let nextLabel = -1;
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i]! >= 0) nextLabel = out[i]!;
    else out[i] = Math.max(0, nextLabel);
  }
  return out;
}

/** Relabels so that labels count up from 0 in order of first appearance. */
export function renumber(labels: readonly number[]): number[] {
  const map = new Map<number, number>();
  return labels.map((l) => {
    let v = map.get(l);
    if (v === undefined) {
      v = map.size;
      map.set(l, v);
    }
    return v;
  });
}
