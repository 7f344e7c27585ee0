/**
 * An audio file → a speaker-labelled `SpeechTranscript`: probe (length, channels), decode to
 * 16 kHz mono PCM as a stream (a two-hour file is never held whole), recognise with the engine,
 * tell speakers apart (second streamed decode for the voice embeddings), then label speakers
 * `Speaker 1..N` and take their roles from the core (`buildSpeechTranscript`).
 *
 * Used by `docscrib transcribe`, `docscrib note <audio>` and the server's upload worker. Errors
 * are `DocscribError`s (`audio.decode`, `engine.*`) naming the file, never its content.
 */
import { basename } from 'node:path';
import type { Role } from '../core/transcript/schema.js';
import { AUDIO_CONDITIONING, decodeToPcm } from './audio/decode.js';
import { probeAudio } from './audio/probe.js';
import { diarize } from './diarize/diarize.js';
import type { SpeechEngine } from './engine.js';
import type { RecognizedSegment, SpeechTranscript } from './schema.js';
import { buildSpeechTranscript } from './speakers.js';

export { buildSpeechTranscript, NO_SPEECH_WARNING } from './speakers.js';

export interface TranscribeFileOptions {
  engine: SpeechEngine;
  /** Exactly this many speakers, when known (otherwise the clustering decides). */
  speakers?: number;
  /** Condition the audio before recognition (ffmpeg `AUDIO_CONDITIONING` filters); default off. */
  conditioning?: boolean;
  /** Role overrides by label (`Speaker 1` …), as `--roles` gives them. */
  roles?: Record<string, Role>;
  /** Seconds of audio the engine has consumed, and the file's length. */
  onProgress?: (seconds: number, durationSec: number) => void;
  /** Each recognised segment as soon as the engine has it (before speakers are known). */
  onSegment?: (segment: RecognizedSegment) => void;
  /** Called when the pipeline moves to the next step (for progress displays). */
  onStage?: (stage: 'recognising' | 'speakers') => void;
  signal?: AbortSignal;
}

export async function transcribeFile(
  path: string,
  opts: TranscribeFileOptions,
): Promise<SpeechTranscript> {
  const { engine, signal } = opts;
  const info = await probeAudio(path);
  await engine.check();
  signal?.throwIfAborted();
  opts.onStage?.('recognising');
  const pcm = decodeToPcm(path, {
    ...(signal ? { signal } : {}),
    ...(opts.conditioning ? { filters: AUDIO_CONDITIONING } : {}),
  });
  let segments: RecognizedSegment[];
  try {
    segments = await engine.transcribe(pcm, {
      ...(signal ? { signal } : {}),
      ...(opts.onSegment ? { onSegment: opts.onSegment } : {}),
      onProgress: (seconds) =>
        opts.onProgress?.(Math.min(seconds, info.durationSec), info.durationSec),
    });
  } finally {
    pcm.destroy();
  }
  const warnings: string[] = [];
  const buildOpts = opts.roles ? { roles: opts.roles } : {};
  if (segments.length === 0) {
    return buildSpeechTranscript(engine, [], info.durationSec, 'none', warnings, buildOpts);
  }
  opts.onStage?.('speakers');
  // A second streamed decode (ffmpeg is hundreds of times faster than real time) for the voices.
  const source = decodeToPcm(path, signal ? { signal } : {});
  let result: Awaited<ReturnType<typeof diarize>>;
  try {
    result = await diarize(source, segments, {
      path,
      channels: info.channels,
      ...(opts.speakers === undefined ? {} : { numSpeakers: opts.speakers }),
      ...(signal ? { signal } : {}),
    });
  } finally {
    source.destroy();
  }
  warnings.push(...result.warnings);
  if (result.method === 'none' && opts.speakers !== undefined && opts.speakers > 1) {
    warnings.push(
      `Speakers could not be told apart in ${basename(path)} (too little speech); everything is Speaker 1.`,
    );
  }
  return buildSpeechTranscript(
    engine,
    result.segments,
    info.durationSec,
    result.method,
    warnings,
    buildOpts,
  );
}
