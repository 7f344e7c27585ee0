/**
 * What the OpenAI-compatible engine uploads: stretches of speech found by [audio]'s `VadChunker`
 * (cut at pauses, silence left out, so silence is never sent and never gives a server the chance
 * to hallucinate words), packed into uploads as large as the server has time for.
 *
 * Packing: the stream is read ahead while a request is in flight (at most `maxSec` of speech
 * queued, so a two-hour file is never held whole), and the next upload takes every queued chunk
 * that fits: up to `maxSec` from its first sample to its last, with gaps between chunks of at most
 * `maxGapSec`, which are filled with digital silence so the upload's times stay the stream's
 * times. A live session therefore gets its first words after one short request and larger uploads
 * only while the server is busy; a file goes up in uploads of about `maxSec`.
 */
import { BYTES_PER_SAMPLE, PCM_BYTES_PER_SECOND, SAMPLE_RATE } from '../engine.js';
import { VadChunker, type VadChunk } from '../audio/vad.js';

export interface SpeechChunk {
  /** Seconds from the start of the stream to the upload's first sample. */
  readonly startSec: number;
  /** Its length in seconds. */
  readonly durationSec: number;
  /** 16 kHz mono s16le. */
  readonly pcm: Buffer;
}

export interface SpeechPackOptions {
  /** Longest upload, seconds. */
  maxSec: number;
  /** Longest silence between two speech chunks packed into one upload, seconds (default 3). */
  maxGapSec?: number;
  /** A pause at least this long ends a speech chunk, seconds (VadChunker's pauseSec; default 1). */
  pauseSec?: number;
}

export interface SpeechPacks {
  /** The next upload, waiting for audio if none is queued; null at the end of the stream. */
  next(): Promise<SpeechChunk | null>;
  /** Seconds of the stream read so far. */
  readonly readSec: number;
  /** Stop reading the stream (after an error or abort). */
  close(): void;
}

/** Start reading `pcm` in the background and hand it out as uploads. */
export function speechPacks(pcm: AsyncIterable<Buffer>, options: SpeechPackOptions): SpeechPacks {
  const maxSec = options.maxSec;
  const maxGapSec = options.maxGapSec ?? 3;
  const chunker = new VadChunker({ maxSec, pauseSec: options.pauseSec ?? 1 });
  const queue: VadChunk[] = [];
  let bytesRead = 0;
  let ended = false;
  let closed = false;
  let failure: { error: unknown } | null = null;
  /** Whoever waits for a change: the consumer for chunks, the pump for room in the queue. */
  const waiters = new Set<() => void>();
  const notify = (): void => {
    const all = [...waiters];
    waiters.clear();
    for (const w of all) w();
  };
  const waitForChange = (): Promise<void> =>
    new Promise((resolve) => {
      waiters.add(resolve);
    });
  const queuedSec = (): number => queue.reduce((s, c) => s + (c.end - c.start), 0);

  async function pump(): Promise<void> {
    try {
      for await (const buf of pcm) {
        bytesRead += buf.length;
        const done = chunker.push(buf);
        if (done.length > 0) {
          queue.push(...done);
          notify();
        }
        while (!closed && queuedSec() >= maxSec) await waitForChange();
        if (closed) return;
      }
      queue.push(...chunker.flush());
    } catch (error) {
      failure = { error };
    } finally {
      ended = true;
      notify();
    }
  }
  void pump();

  async function next(): Promise<SpeechChunk | null> {
    while (queue.length === 0 && !ended && failure === null) await waitForChange();
    if (failure !== null) throw failure.error;
    const first = queue.shift();
    if (first === undefined) return null;
    const parts: Buffer[] = [first.pcm];
    let end = first.end;
    for (let c = queue[0]; c !== undefined; c = queue[0]) {
      const gap = c.start - end;
      if (gap > maxGapSec || c.end - first.start > maxSec) break;
      queue.shift();
      const gapSamples = Math.max(0, Math.round(gap * SAMPLE_RATE));
      if (gapSamples > 0) parts.push(Buffer.alloc(gapSamples * BYTES_PER_SAMPLE));
      parts.push(c.pcm);
      end = c.end;
    }
    notify();
    const buf = Buffer.concat(parts);
    return {
      startSec: first.start,
      durationSec: buf.length / PCM_BYTES_PER_SECOND,
      pcm: buf,
    };
  }

  return {
    next,
    get readSec() {
      return bytesRead / PCM_BYTES_PER_SECOND;
    },
    close() {
      closed = true;
      notify();
    },
  };
}
