/**
 * The speech layer's data: which engine, what it recognised, and the speaker-labelled transcript
 * a session gets from audio. One source of truth for these shapes (CLI output, server storage,
 * web types and the eval all use them).
 *
 * Times are seconds from the start of the audio (for a live session: of the recorded audio, so
 * pauses do not count). Text is what the engine heard; silence is never turned into words, so a
 * silent stretch has no segment at all.
 */
import { z } from 'zod';
import { RoleSchema, RoleSourceSchema } from '../core/transcript/schema.js';

/** The speech engines (`--engine`, practice setting). A public identifier: never rename one. */
export const EngineIdSchema = z.enum(['pocketsphinx', 'whisper', 'openai']);
export type EngineId = z.infer<typeof EngineIdSchema>;

/**
 * How far a clinician can trust the words. `draft`: a small offline recogniser (pocketsphinx)
 * whose transcript needs checking; `standard`: a modern recogniser (Whisper-class).
 */
export const EngineQualitySchema = z.enum(['draft', 'standard']);
export type EngineQuality = z.infer<typeof EngineQualitySchema>;

const Seconds = z.number().nonnegative();

export const RecognizedWordSchema = z.object({
  text: z.string().min(1),
  start: Seconds,
  end: Seconds,
  /** 0–1 when the engine gives one. */
  confidence: z.number().min(0).max(1).optional(),
});
export type RecognizedWord = z.infer<typeof RecognizedWordSchema>;

/** One stretch of speech the engine recognised (an utterance between pauses, or a Whisper segment). */
export const RecognizedSegmentSchema = z.object({
  start: Seconds,
  end: Seconds,
  text: z.string().min(1),
  words: z.array(RecognizedWordSchema).optional(),
  /** The input channel it came from, when channels were transcribed separately (0-based). */
  channel: z.number().int().nonnegative().optional(),
});
export type RecognizedSegment = z.infer<typeof RecognizedSegmentSchema>;

/** How speakers were told apart. */
export const DiarizationMethodSchema = z.enum([
  /** One speaker per audio channel (a stereo recording with one microphone each). */
  'channels',
  /** Acoustic clustering of the segments' voices. */
  'clustering',
  /** Not separated: every segment is `Speaker 1` (one speaker, or too little speech to tell). */
  'none',
]);
export type DiarizationMethod = z.infer<typeof DiarizationMethodSchema>;

/** A recognised segment with the speaker it was attributed to (`Speaker 1`, `Speaker 2`, …). */
export const SpeakerSegmentSchema = RecognizedSegmentSchema.extend({
  speaker: z.string().min(1),
});
export type SpeakerSegment = z.infer<typeof SpeakerSegmentSchema>;

export const SpeechSpeakerSchema = z.object({
  /** `Speaker 1`, `Speaker 2`, … in order of first speech. */
  label: z.string().min(1),
  role: RoleSchema,
  roleSource: RoleSourceSchema,
  /** Seconds of speech attributed to this speaker. */
  seconds: Seconds,
});
export type SpeechSpeaker = z.infer<typeof SpeechSpeakerSchema>;

/** What transcribing one recording produced: the input for the clinical engine and the UI. */
export const SpeechTranscriptSchema = z.object({
  engine: EngineIdSchema,
  /** The model used, e.g. `ggml-base.en`, `en-us + therapy LM`, or the server's model name. */
  model: z.string().nullable(),
  quality: EngineQualitySchema,
  /** Length of the audio in seconds. */
  durationSec: Seconds,
  diarization: DiarizationMethodSchema,
  speakers: z.array(SpeechSpeakerSchema),
  segments: z.array(SpeakerSegmentSchema),
  /** Non-fatal problems (no speech found, one channel silent…). Never transcript content. */
  warnings: z.array(z.string()),
});
export type SpeechTranscript = z.infer<typeof SpeechTranscriptSchema>;

/**
 * Engine configuration shared by the CLI and the server. The OpenAI-compatible engine's API key
 * is never stored with the settings: it comes from the environment (`DOCSCRIB_SPEECH_API_KEY`).
 */
export const SpeechSettingsSchema = z.strictObject({
  engine: EngineIdSchema.default('pocketsphinx'),
  /** Whisper model file name inside the models directory (see `docscrib models`). */
  whisperModel: z
    .string()
    .trim()
    .regex(/^[\w.-]+\.bin$/, 'must be a ggml model file name such as ggml-base.en.bin')
    .default('ggml-base.en.bin'),
  /**
   * Base URL of an OpenAI-compatible server, e.g. `http://127.0.0.1:8080/v1`. No user name,
   * password, query or fragment: settings are stored in plain text and every signed-in user reads
   * them, so a key pasted into the URL would leak (the engine refuses such URLs too).
   */
  openaiBaseUrl: z
    .url({ protocol: /^https?$/ })
    .refine((u) => {
      const url = new URL(u);
      return url.username === '' && url.password === '';
    }, 'must not contain a user name or password (the API key goes in DOCSCRIB_SPEECH_API_KEY)')
    .refine(
      (u) => !/[?#]/.test(u),
      'must not have a query (?…) or fragment (#…): give only the API root, e.g. https://host/v1',
    )
    .optional(),
  /** Model name sent to that server (`whisper-1`, `Systran/faster-whisper-small`, …). */
  openaiModel: z.string().trim().min(1).max(200).default('whisper-1'),
  /** Keep the session's audio after transcription (default: delete it). */
  keepAudio: z.boolean().default(false),
});
export type SpeechSettings = z.infer<typeof SpeechSettingsSchema>;
