/**
 * Speaker-labelled segments → the `SpeechTranscript` a session gets: speakers renamed
 * `Speaker 1..N` in order of first speech, seconds of speech per speaker, and each speaker's role
 * (clinician / client / other) from the core, which infers it from how each speaker talks (the
 * same parser a typed transcript goes through; `roles` overrides it, as `--roles` does).
 *
 * No speech at all gives a transcript with no segments, no speakers and a warning: silence never
 * becomes words, and callers decide what an empty transcript means (the CLI refuses to write a
 * note from it).
 */
import { parseTranscript } from '../core/transcript/parse.js';
import type { Role } from '../core/transcript/schema.js';
import type { SpeechEngine } from './engine.js';
import {
  SpeechTranscriptSchema,
  type DiarizationMethod,
  type SpeakerSegment,
  type SpeechSpeaker,
  type SpeechTranscript,
} from './schema.js';
import { speechToCoreJson } from './transcript.js';

/** The warning an empty transcript carries. */
export const NO_SPEECH_WARNING = 'No speech was found in the audio.';

export interface BuildOptions {
  /** Role overrides by label (`{ 'Speaker 1': 'clinician' }`), after renumbering. */
  roles?: Record<string, Role>;
}

/**
 * Build the transcript. `segments` may carry any speaker labels (a diarizer's cluster ids); they
 * are renamed `Speaker 1`, `Speaker 2`, … by first appearance in time.
 */
export function buildSpeechTranscript(
  engine: Pick<SpeechEngine, 'id' | 'quality' | 'model'>,
  segments: readonly SpeakerSegment[],
  durationSec: number,
  method: DiarizationMethod,
  warnings: readonly string[],
  opts: BuildOptions = {},
): SpeechTranscript {
  const sorted = segments
    .filter((s) => s.text.trim() !== '')
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const names = new Map<string, string>();
  const relabelled: SpeakerSegment[] = sorted.map((s) => {
    let name = names.get(s.speaker);
    if (name === undefined) {
      name = `Speaker ${names.size + 1}`;
      names.set(s.speaker, name);
    }
    return { ...s, speaker: name };
  });
  const seconds = new Map<string, number>();
  for (const s of relabelled) {
    seconds.set(s.speaker, (seconds.get(s.speaker) ?? 0) + Math.max(0, s.end - s.start));
  }
  const base: SpeechTranscript = {
    engine: engine.id,
    model: engine.model,
    quality: engine.quality,
    durationSec: Math.max(0, durationSec),
    diarization: relabelled.length === 0 ? 'none' : method,
    speakers: [],
    segments: relabelled,
    warnings: [...warnings],
  };
  if (relabelled.length === 0) {
    if (!base.warnings.includes(NO_SPEECH_WARNING)) base.warnings.push(NO_SPEECH_WARNING);
    return SpeechTranscriptSchema.parse(base);
  }
  const parsed = parseTranscript(speechToCoreJson(base), {
    format: 'json',
    ...(opts.roles ? { roles: opts.roles } : {}),
  });
  const speakers: SpeechSpeaker[] = [...names.values()].map((label) => {
    const found = parsed.speakers.find((s) => s.label === label);
    return {
      label,
      role: found?.role ?? 'other',
      roleSource: found?.roleSource ?? 'inferred',
      seconds: Math.round((seconds.get(label) ?? 0) * 1000) / 1000,
    };
  });
  return SpeechTranscriptSchema.parse({ ...base, speakers });
}
