import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PCM_BYTES_PER_SECOND } from '../engine.js';
import { decodeToPcm } from './decode.js';
import { collect, ffmpeg, speak, tempDir } from './test-helpers.js';

const tmp = tempDir();
const dir = tmp.dir;
const speech = join(dir, 'speech.wav');

beforeAll(() => {
  speak(speech, 'Sleep has improved.');
  ffmpeg('-i', speech, '-c:a', 'flac', join(dir, 'a.flac'));
});
afterAll(() => {
  tmp.cleanup();
});

/** Is a process whose command line contains `marker` running? (read-only check) */
function running(marker: string): boolean {
  try {
    execFileSync('pgrep', ['-f', marker], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function until(cond: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

describe('decodeToPcm: streaming', () => {
  /** ffmpeg writing `seconds` of an 8 kHz sine as WAV to a pipe: long audio without a big file. */
  function generator(seconds: number): ReturnType<typeof spawn> {
    return spawn(
      'ffmpeg',
      [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi'],
        ...['-i', `sine=f=440:sample_rate=8000:duration=${seconds}`, '-f', 'wav', 'pipe:1'],
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
  }

  it('streams two hours of audio in bounded memory', async () => {
    // 7200 s → 230 MB of 16 kHz PCM; holding it would grow memory by at least that much.
    const gen = generator(7200);
    if (!gen.stdout) throw new Error('no generator output');
    global.gc?.();
    const base = process.memoryUsage().rss;
    let grown = 0;
    let bytes = 0;
    let n = 0;
    for await (const c of decodeToPcm(gen.stdout)) {
      bytes += (c as Buffer).length;
      if (++n % 64 === 0) grown = Math.max(grown, process.memoryUsage().rss - base);
    }
    expect(bytes / PCM_BYTES_PER_SECOND).toBeCloseTo(7200, 1);
    expect(grown).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);

  it('backpressure: a consumer that stops reading stops ffmpeg (nothing piles up)', async () => {
    const gen = generator(600);
    if (!gen.stdout) throw new Error('no generator output');
    const out = decodeToPcm(gen.stdout);
    const it = out[Symbol.asyncIterator]();
    await it.next();
    // Stop reading for a while; ffmpeg could produce ~19 MB in that time if nothing held it back.
    await new Promise((r) => setTimeout(r, 700));
    expect(out.readableLength).toBeLessThanOrEqual(out.readableHighWaterMark + 128 * 1024);
    await it.return?.();
    gen.kill('SIGKILL');
  });

  it('aborting kills ffmpeg and errors the stream with an AbortError', async () => {
    const marker = join(dir, `abort-${process.pid}.wav`);
    ffmpeg('-f', 'lavfi', '-i', 'sine=f=300:sample_rate=8000:duration=600', marker);
    const ac = new AbortController();
    const out = decodeToPcm(marker, { signal: ac.signal });
    let error: unknown = null;
    let got = 0;
    try {
      for await (const c of out) {
        got += (c as Buffer).length;
        if (got > 64 * 1024) ac.abort();
      }
    } catch (e) {
      error = e;
    }
    expect((error as Error | null)?.name).toBe('AbortError');
    expect(await until(() => !running(marker))).toBe(true);
  });

  it('an already aborted signal never starts ffmpeg', async () => {
    const out = decodeToPcm(speech, { signal: AbortSignal.abort() });
    await expect(collect(out)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a consumer that stops early (break) kills ffmpeg', async () => {
    const marker = join(dir, `early-${process.pid}.wav`);
    ffmpeg('-f', 'lavfi', '-i', 'sine=f=300:sample_rate=8000:duration=600', marker);
    const iterator = decodeToPcm(marker)[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.return?.();
    expect(await until(() => !running(marker))).toBe(true);
  });

  it('an input stream that fails fails the output with its error', async () => {
    const input = new Readable({ read() {} });
    input.push(execFileSync('cat', [join(dir, 'a.flac')]).subarray(0, 2000));
    const out = decodeToPcm(input);
    setTimeout(() => input.destroy(new Error('upload connection lost')), 50);
    await expect(collect(out)).rejects.toThrow('upload connection lost');
  });
});
