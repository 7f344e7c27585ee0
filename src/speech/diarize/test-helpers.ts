/**
 * Test and eval support: synthetic two-voice dialogues made with espeak-ng (and sox to resample),
 * with exact speaker turns. Not used by the product.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_RATE } from '../engine.js';
import type { SpeakerTurn } from './der.js';

export interface DialogueLine {
  /** espeak-ng voice, e.g. `en-us`, `en-us+f3`. */
  voice: string;
  text: string;
  /** Extra espeak-ng arguments (pitch `-p 40`, speed `-s 150`). */
  args?: string[];
}

export interface Dialogue {
  /** The mono mix (16 kHz). */
  mono: Int16Array;
  /** One channel per distinct voice (16 kHz each, same length as `mono`). */
  channels: Int16Array[];
  /** Speaker turns with exact times; speaker = `voice` plus args. */
  turns: SpeakerTurn[];
}

/** Speaks `text` with espeak-ng and returns 16 kHz mono samples, trimmed of leading/trailing silence. */
export function speak(line: DialogueLine, dir: string): Int16Array {
  const wav = join(dir, 'line.wav');
  const raw = join(dir, 'line.raw');
  execFileSync('espeak-ng', ['-v', line.voice, ...(line.args ?? []), '-w', wav, line.text]);
  execFileSync('sox', [
    wav,
    '-r',
    String(SAMPLE_RATE),
    '-c',
    '1',
    '-b',
    '16',
    '-e',
    'signed-integer',
    '-t',
    'raw',
    raw,
  ]);
  const bytes = readFileSync(raw);
  const all = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  let first = 0;
  while (first < all.length && Math.abs(all[first] ?? 0) < 200) first++;
  let last = all.length - 1;
  while (last > first && Math.abs(all[last] ?? 0) < 200) last--;
  return Int16Array.from(all.subarray(first, last + 1));
}

/** A small deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds a dialogue: lines one after another with `pauseSec` silence between them, a low noise
 * floor (RMS ≈ `noise`) on every channel, and, on each voice's channel, the other voices leaking in
 * at `crosstalk` (amplitude ratio; 0: none).
 */
export function makeDialogue(
  lines: readonly DialogueLine[],
  opts: { pauseSec?: number; noise?: number; crosstalk?: number; seed?: number } = {},
): Dialogue {
  const dir = mkdtempSync(join(tmpdir(), 'docscrib-'));
  try {
    const pause = Math.round((opts.pauseSec ?? 0.5) * SAMPLE_RATE);
    const name = (l: DialogueLine): string => [l.voice, ...(l.args ?? [])].join(' ');
    const voices = [...new Set(lines.map(name))];
    const spoken = lines.map((l) => speak(l, dir));
    const total = pause + spoken.reduce((s, x) => s + x.length + pause, 0);
    const random = rng(opts.seed ?? 1);
    const noise = opts.noise ?? 30;
    const crosstalk = opts.crosstalk ?? 0;
    const mono = new Float64Array(total);
    const chans = voices.map(() => new Float64Array(total));
    const turns: SpeakerTurn[] = [];
    let at = pause;
    lines.forEach((l, i) => {
      const s = spoken[i] ?? new Int16Array(0);
      const v = voices.indexOf(name(l));
      s.forEach((x, k) => {
        mono[at + k] = (mono[at + k] ?? 0) + x;
        chans.forEach((c, ci) => (c[at + k] = (c[at + k] ?? 0) + (ci === v ? 1 : crosstalk) * x));
      });
      turns.push({ speaker: name(l), start: at / SAMPLE_RATE, end: (at + s.length) / SAMPLE_RATE });
      at += s.length + pause;
    });
    // Gaussian-ish noise: sum of uniforms.
    const noisy = (x: Float64Array): Int16Array =>
      Int16Array.from(x, (v) => {
        const n = (random() + random() + random() - 1.5) * 2 * noise;
        return Math.max(-32768, Math.min(32767, Math.round(v + n)));
      });
    return { mono: noisy(mono), channels: chans.map(noisy), turns };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 44-byte PCM WAV header for 16-bit little-endian samples. */
function header(dataBytes: number, channels: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(SAMPLE_RATE, 24);
  h.writeUInt32LE(SAMPLE_RATE * 2 * channels, 28);
  h.writeUInt16LE(2 * channels, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Writes interleaved channels (equal lengths) as a 16 kHz 16-bit WAV file. */
export function writeWav(path: string, channels: readonly Int16Array[]): void {
  const n = channels[0]?.length ?? 0;
  const data = Buffer.alloc(n * 2 * channels.length);
  for (let i = 0; i < n; i++) {
    channels.forEach((c, ci) => data.writeInt16LE(c[i] ?? 0, (i * channels.length + ci) * 2));
  }
  writeFileSync(path, Buffer.concat([header(data.length, channels.length), data]));
}

/** Therapy-like lines for two speakers, A (clinician) and B (client). */
export const SAMPLE_LINES: readonly [string, string][] = [
  [
    'Hello, thanks for coming in today. How have you been since we last met?',
    'Honestly it has been a hard couple of weeks. I have not been sleeping well.',
  ],
  [
    'That sounds difficult. What has been keeping you awake at night?',
    'Mostly worrying about work, and then I lie there thinking about everything I said during the day.',
  ],
  [
    'So your mind keeps replaying the day. What goes through your head when that happens?',
    'That I messed something up, that people think I am not good enough.',
  ],
  [
    'Let us look at that thought together. What evidence do you have that people think that?',
    'I suppose nobody has actually said it. My manager even thanked me last week.',
  ],
  [
    'That is important to notice. How do you feel when you remember that?',
    'A little lighter, I guess. It is hard to hold on to it though.',
  ],
  [
    'Would you be willing to try writing those thoughts down this week, with the evidence for and against?',
    'Yes, I can try that. Maybe in the evening before bed.',
  ],
];

/** A two-voice dialogue of `SAMPLE_LINES` (first `turns` pairs). */
export function sampleDialogue(
  voiceA: Omit<DialogueLine, 'text'>,
  voiceB: Omit<DialogueLine, 'text'>,
  pairs = SAMPLE_LINES.length,
  opts: Parameters<typeof makeDialogue>[1] = {},
): Dialogue {
  const lines: DialogueLine[] = [];
  for (const [a, b] of SAMPLE_LINES.slice(0, pairs)) {
    lines.push({ ...voiceA, text: a }, { ...voiceB, text: b });
  }
  return makeDialogue(lines, opts);
}
