/**
 * Test audio made on the spot with the real tools (espeak-ng, sox, ffmpeg) in a temp directory,
 * shared by the audio module's tests. Not part of the build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { expect } from 'vitest';
import { DocscribError } from '../../core/errors.js';

/** A fresh temp directory and its removal. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'docscrib-'));
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function run(program: string, args: string[]): void {
  execFileSync(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** ffmpeg, quiet, overwriting. */
export function ffmpeg(...args: string[]): void {
  run('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args]);
}

/** An espeak-ng utterance as a 16 kHz mono WAV (espeak's own rate is 22050 Hz). */
export function speak(path: string, text: string, voice = 'en-us'): void {
  const raw = `${path}.espeak.wav`;
  run('espeak-ng', ['-v', voice, '-w', raw, text]);
  ffmpeg('-i', raw, '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', path);
  rmSync(raw);
}

/** Seconds of `sec` digital silence as a 16 kHz mono WAV. */
export function silence(path: string, sec: number): void {
  run('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', path, 'trim', '0', String(sec)]);
}

/** Concatenate 16 kHz mono WAVs. */
export function concat(path: string, parts: string[]): void {
  run('sox', [...parts, path]);
}

/** Seconds of a 16 kHz mono 16-bit WAV from its size (canonical 44-byte header). */
export function wavSeconds(path: string): number {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'stream=duration', '-of', 'csv=p=0', path],
    { encoding: 'utf8' },
  );
  return Number(out.trim());
}

/** Peak absolute sample. */
export function peak(samples: Int16Array): number {
  let p = 0;
  for (const s of samples) p = Math.max(p, Math.abs(s));
  return p;
}

/** Pearson correlation of two equally long sample arrays (the shorter length is used). */
export function correlation(a: Int16Array, b: Int16Array): number {
  const n = Math.min(a.length, b.length);
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i] as number;
    sb += b[i] as number;
  }
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    cov += x * y;
    va += x * x;
    vb += y * y;
  }
  return va === 0 || vb === 0 ? 0 : cov / Math.sqrt(va * vb);
}

/** Everything a stream yields, as one Buffer. */
export async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** The `DocscribError` a promise rejects with (fails the test if it resolves or throws another). */
export async function docscribFailure(p: Promise<unknown>): Promise<DocscribError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocscribError);
  return e as DocscribError;
}
