/**
 * The one interface every speech engine implements, and the PCM format they all take.
 *
 * Audio reaches an engine as a stream of PCM chunks in one fixed format (16 kHz, mono, signed
 * 16-bit little-endian): decoding files (ffmpeg) and receiving live audio (WebSocket) happen
 * before, so an engine never sees a container format. Chunks can be any size (a multiple of 2
 * bytes); an engine must not hold the whole stream in memory (two-hour files).
 */
import type { EngineId, EngineQuality, RecognizedSegment } from './schema.js';

/** Samples per second of the PCM every engine takes. */
export const SAMPLE_RATE = 16_000;
/** Bytes per sample (signed 16-bit little-endian, mono). */
export const BYTES_PER_SAMPLE = 2;
/** Bytes of PCM per second of audio. */
export const PCM_BYTES_PER_SECOND = SAMPLE_RATE * BYTES_PER_SAMPLE;

export interface TranscribeOptions {
  signal?: AbortSignal;
  /**
   * Called with each segment as soon as the engine has finished it (live transcript, progress),
   * in time order. The same segments are also in the returned array.
   */
  onSegment?: (segment: RecognizedSegment) => void;
  /**
   * Called, in non-decreasing order, with a position on the session's timeline: `offsetSec` plus
   * the seconds of this stream the engine has consumed so far (like segment times, which also
   * include `offsetSec`). The last call, once the input has ended, is `offsetSec` + the stream's
   * whole length.
   */
  onProgress?: (seconds: number) => void;
  /**
   * Seconds of audio that came before this stream (resuming a live session after a restart):
   * added to every time the engine reports (segment and word times, progress).
   */
  offsetSec?: number;
}

export interface SpeechEngine {
  readonly id: EngineId;
  readonly quality: EngineQuality;
  /** The model in use, for the record (`ggml-base.en`, `en-us + therapy LM`, server model). */
  readonly model: string | null;
  /**
   * Cheap check that the engine can run here: its program, model file or server configuration.
   * Throws `DocscribError` `engine.unavailable` / `engine.model` with a hint saying what to
   * install or configure. Never sends audio anywhere.
   */
  check(): Promise<void>;
  /**
   * Recognise a stream of 16 kHz mono s16le PCM. Resolves, once the input has ended and the
   * engine has flushed, with every segment in time order. Silence yields no segment. Rejects with
   * a `DocscribError` (`engine.*`) when the engine fails; with an `AbortError` when aborted.
   * Once it settles, no listener it added is left on `opts.signal` (the caller's signal may
   * outlive many runs).
   */
  transcribe(pcm: AsyncIterable<Buffer>, opts?: TranscribeOptions): Promise<RecognizedSegment[]>;
}
