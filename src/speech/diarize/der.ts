/**
 * Diarization error rate (DER), NIST md-eval style, and an RTTM reader.
 *
 * DER = (missed speech + false alarm speech + speaker confusion) / total reference speech, all
 * in seconds, where at every instant with R reference and H hypothesis speakers: missed =
 * max(0, R − H), false alarm = max(0, H − R), confusion = min(R, H) − (pairs correct under the
 * mapping). The mapping of hypothesis to reference speakers is the one-to-one assignment with
 * the most overlapping time (Hungarian algorithm). Overlapping speech counts once per speaker.
 * A no-score collar of ±`collar` seconds around every reference boundary is left out, and with
 * `skipOverlap` so is every stretch where two or more reference speakers talk.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernel: typed-array and
   matrix indices are bounded by the loops; `!` keeps the hot loops free of fallback branches. */
import { readFile } from 'node:fs/promises';

export interface SpeakerTurn {
  speaker: string;
  start: number;
  end: number;
}

export interface DerOptions {
  /** Seconds either side of each reference boundary not scored (default 0.25; 0: none). */
  collar?: number;
  /** Leave out stretches where reference speakers overlap (default false). */
  skipOverlap?: boolean;
}

export interface DerResult {
  /** (missed + falseAlarm + confusion) / totalSpeech; 0 when there is no reference speech and no hypothesis. */
  der: number;
  /** Seconds. */
  missed: number;
  falseAlarm: number;
  confusion: number;
  /** Scored reference speech in seconds (speaker-seconds: overlap counts per speaker). */
  totalSpeech: number;
  /** Hypothesis label → reference label it was mapped to. */
  mapping: Record<string, string>;
}

interface Piece {
  start: number;
  end: number;
  ref: Set<string>;
  hyp: Set<string>;
}

function active(turns: readonly SpeakerTurn[], t: number): Set<string> {
  const s = new Set<string>();
  for (const turn of turns) if (turn.start <= t && t < turn.end) s.add(turn.speaker);
  return s;
}

/** Elementary stretches between boundaries, with who talks, minus the no-score zones. */
function pieces(
  ref: readonly SpeakerTurn[],
  hyp: readonly SpeakerTurn[],
  opts: DerOptions,
): Piece[] {
  const collar = opts.collar ?? 0.25;
  const noScore: [number, number][] = [];
  if (collar > 0) {
    for (const r of ref) {
      noScore.push([r.start - collar, r.start + collar], [r.end - collar, r.end + collar]);
    }
  }
  const cuts = new Set<number>();
  for (const t of [...ref, ...hyp]) cuts.add(t.start).add(t.end);
  for (const [a, b] of noScore) cuts.add(a).add(b);
  const times = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const start = times[i]!;
    const end = times[i + 1]!;
    if (end - start <= 1e-9) continue;
    const mid = (start + end) / 2;
    if (noScore.some(([a, b]) => a <= mid && mid < b)) continue;
    const r = active(ref, mid);
    if (opts.skipOverlap && r.size > 1) continue;
    const h = active(hyp, mid);
    if (r.size === 0 && h.size === 0) continue;
    out.push({ start, end, ref: r, hyp: h });
  }
  return out;
}

/**
 * Minimum-cost assignment of rows to columns (rows ≤ columns after padding), Kuhn–Munkres with
 * potentials. Returns, for each row, its column.
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const m = Math.max(n, ...cost.map((r) => r.length));
  const size = Math.max(n, m);
  const at = (i: number, j: number): number => cost[i - 1]?.[j - 1] ?? 0;
  const u = new Array<number>(size + 1).fill(0);
  const v = new Array<number>(size + 1).fill(0);
  const p = new Array<number>(size + 1).fill(0);
  const way = new Array<number>(size + 1).fill(0);
  for (let i = 1; i <= size; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(size + 1).fill(Infinity);
    const used = new Array<boolean>(size + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= size; j++) {
        if (used[j]) continue;
        const cur = at(i0, j) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= size; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowOf = new Array<number>(n).fill(-1);
  for (let j = 1; j <= size; j++) if (p[j]! >= 1 && p[j]! <= n) rowOf[p[j]! - 1] = j - 1;
  return rowOf;
}

/** DER of `hypothesis` against `reference` (see the file comment for the definition). */
export function diarizationErrorRate(
  reference: readonly SpeakerTurn[],
  hypothesis: readonly SpeakerTurn[],
  opts: DerOptions = {},
): DerResult {
  const scored = pieces(reference, hypothesis, opts);
  const refNames = [...new Set(reference.map((t) => t.speaker))];
  const hypNames = [...new Set(hypothesis.map((t) => t.speaker))];
  const overlap = hypNames.map(() => refNames.map(() => 0));
  for (const piece of scored) {
    const d = piece.end - piece.start;
    hypNames.forEach((h, i) => {
      if (!piece.hyp.has(h)) return;
      refNames.forEach((r, j) => {
        if (piece.ref.has(r)) overlap[i]![j]! += d;
      });
    });
  }
  const assignment =
    hypNames.length > 0 && refNames.length > 0
      ? hungarian(overlap.map((row) => row.map((x) => -x)))
      : [];
  const mapping: Record<string, string> = {};
  hypNames.forEach((h, i) => {
    const j = assignment[i];
    if (j !== undefined && j >= 0 && j < refNames.length && overlap[i]![j]! > 0)
      mapping[h] = refNames[j]!;
  });
  let missed = 0;
  let falseAlarm = 0;
  let confusion = 0;
  let total = 0;
  for (const piece of scored) {
    const d = piece.end - piece.start;
    const r = piece.ref.size;
    const h = piece.hyp.size;
    let correct = 0;
    for (const name of piece.hyp) {
      const mapped = mapping[name];
      if (mapped !== undefined && piece.ref.has(mapped)) correct++;
    }
    total += r * d;
    missed += Math.max(0, r - h) * d;
    falseAlarm += Math.max(0, h - r) * d;
    confusion += (Math.min(r, h) - correct) * d;
  }
  const errors = missed + falseAlarm + confusion;
  const der = total > 0 ? errors / total : errors > 0 ? Infinity : 0;
  return { der, missed, falseAlarm, confusion, totalSpeech: total, mapping };
}

/** One RTTM `SPEAKER` line: file, start, duration, speaker name. */
export interface RttmTurn extends SpeakerTurn {
  file: string;
}

/** Parses RTTM text (`SPEAKER <file> <chan> <start> <dur> <NA> <NA> <speaker> …`); other lines are skipped. */
export function parseRttm(text: string): RttmTurn[] {
  const out: RttmTurn[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'SPEAKER' || f.length < 8) continue;
    const start = Number(f[3]);
    const dur = Number(f[4]);
    if (!Number.isFinite(start) || !Number.isFinite(dur) || dur < 0) continue;
    out.push({ file: f[1]!, start, end: start + dur, speaker: f[7]! });
  }
  return out.sort((a, b) => a.start - b.start);
}

export async function readRttm(path: string): Promise<RttmTurn[]> {
  return parseRttm(await readFile(path, 'utf8'));
}

/** Writes turns as RTTM lines. */
export function toRttm(file: string, turns: readonly SpeakerTurn[]): string {
  return turns
    .map(
      (t) =>
        `SPEAKER ${file} 1 ${t.start.toFixed(3)} ${(t.end - t.start).toFixed(3)} <NA> <NA> ${t.speaker} <NA> <NA>\n`,
    )
    .join('');
}
