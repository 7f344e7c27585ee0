import { z } from 'zod';
import { AnalysisSchema } from '../../core/analysis/schema.js';
import { ClockTimeSchema, NoteFormatSchema, NoteSchema } from '../../core/notes/schema.js';
import { FindingSchema } from '../../core/review/schema.js';
import { InputFormatSchema } from '../../core/transcript/schema.js';
import {
  EngineIdSchema,
  EngineQualitySchema,
  RecognizedSegmentSchema,
  SpeechSettingsSchema,
  SpeechTranscriptSchema,
} from '../../speech/schema.js';
import { CrisisResourcesSchema, DEFAULT_CRISIS_RESOURCES } from './care.js';
import { DateSchema, IdSchema, IsoTimeSchema } from './primitives.js';

export { DateSchema, IdSchema, IsoTimeSchema };
export * from './care.js';

/**
 * The app's domain records: one source of truth for the store, the services, the HTTP API
 * (request validation and the OpenAPI document) and the web app's types.
 *
 * Ids are opaque random strings (see `newId`). Times are ISO-8601 UTC strings; calendar dates
 * are `YYYY-MM-DD`; clock times `HH:MM` (24 h, the session's local time).
 */

/** `HH:MM` (24 h): the core's schema, the one the note header uses. */
export { ClockTimeSchema };

export const EmailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

// ── Users and authentication ─────────────────────────────────────────────────

export const RoleSchema = z.enum(['admin', 'clinician', 'supervisor']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  /** The supervisor who reviews and co-signs this clinician's notes (a trainee), if any. */
  supervisorId: IdSchema.nullable(),
  /**
   * A supervisor an administrator proposed, waiting for this user's consent (a supervisor reads
   * their supervisee's clinical records): it replaces `supervisorId` only when the user accepts
   * it (POST /api/auth/supervision/accept). Null when nothing waits.
   */
  pendingSupervisorId: IdSchema.nullable(),
  mfaEnabled: z.boolean(),
  disabled: z.boolean(),
  createdAt: IsoTimeSchema,
});
export type User = z.infer<typeof UserSchema>;

/** What the store keeps beside a user and never returns through the API. */
export interface UserSecrets {
  /** scrypt hash in PHC-like string form (see security/passwords.ts). */
  passwordHash: string;
  /** Base32 TOTP secret, encrypted at rest by the store; null until enrolled. */
  totpSecret: string | null;
  /** Last accepted TOTP time step, to refuse replay of a code. */
  totpLastStep: number | null;
}

/** A signed-in browser session. The cookie holds a random token; the store keeps only its hash. */
export interface AuthSession {
  /** SHA-256 of the cookie token, hex. */
  id: string;
  userId: string;
  /** Synchronizer token the client sends back in `X-CSRF-Token` on every unsafe request. */
  csrfToken: string;
  /** False until a user who has (or must have) MFA has passed the TOTP step. */
  mfaVerified: boolean;
  createdAt: string;
  lastSeenAt: string;
}

// ── Clients, plans, sessions ─────────────────────────────────────────────────

export const ClientProfileSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  dateOfBirth: DateSchema.nullable().default(null),
  /** e.g. { system: 'MRN', value: '12345' } or an insurance member id. */
  identifiers: z
    .array(
      z.strictObject({
        system: z.string().trim().min(1).max(100),
        value: z.string().trim().min(1).max(100),
      }),
    )
    .max(20)
    .default([]),
  /** e.g. { code: 'F41.1', description: 'Generalized anxiety disorder' } (ICD-10-CM). */
  diagnoses: z
    .array(
      z.strictObject({
        code: z.string().trim().max(20).nullable().default(null),
        description: z.string().trim().min(1).max(300),
      }),
    )
    .max(20)
    .default([]),
  /** Concern ids from the knowledge base (e.g. `depression`) or free text. */
  presentingConcerns: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
  preferences: z.string().max(5000).default(''),
  culturalConsiderations: z.string().max(5000).default(''),
});
export type ClientProfile = z.infer<typeof ClientProfileSchema>;

export const ClientSchema = z.object({
  id: IdSchema,
  /** The clinician who owns the client's record. */
  clinicianId: IdSchema,
  profile: ClientProfileSchema,
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type Client = z.infer<typeof ClientSchema>;

export const ServiceTypeSchema = z.enum([
  'individual',
  'family',
  'couples',
  'group',
  'intake',
  'crisis',
]);
export const SessionLocationSchema = z.enum(['office', 'telehealth', 'home', 'other']);

export const SessionDetailsSchema = z.strictObject({
  date: DateSchema,
  startTime: ClockTimeSchema.nullable().default(null),
  endTime: ClockTimeSchema.nullable().default(null),
  serviceType: ServiceTypeSchema.default('individual'),
  location: SessionLocationSchema.default('office'),
  /** e.g. "Doxy.me"; required when location is telehealth. */
  telehealthPlatform: z.string().trim().max(100).nullable().default(null),
  consentToRecord: z.boolean(),
});
export type SessionDetails = z.infer<typeof SessionDetailsSchema>;

export const StoredTranscriptSchema = z.object({
  /** The format it was read as (detected or chosen). */
  format: InputFormatSchema,
  text: z.string(),
});
export type StoredTranscript = z.infer<typeof StoredTranscriptSchema>;

export const SessionSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  clinicianId: IdSchema,
  details: SessionDetailsSchema,
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type Session = z.infer<typeof SessionSchema>;

// ── Notes ────────────────────────────────────────────────────────────────────

export const NoteStatusSchema = z.enum(['draft', 'signed']);

export const ProgressNoteSchema = z.object({
  id: IdSchema,
  sessionId: IdSchema,
  clientId: IdSchema,
  authorId: IdSchema,
  format: NoteFormatSchema,
  status: NoteStatusSchema,
  /** The note document (engine draft, edited by the clinician). Encrypted at rest. */
  body: NoteSchema,
  /** The latest review of the body. Encrypted at rest. */
  review: z.array(FindingSchema),
  /** Optimistic concurrency: every update must send the version it read. */
  version: z.number().int().positive(),
  signedAt: IsoTimeSchema.nullable(),
  signedBy: IdSchema.nullable(),
  /** The author's supervisor must co-sign (the author is a trainee). */
  cosignRequired: z.boolean(),
  cosignedAt: IsoTimeSchema.nullable(),
  cosignedBy: IdSchema.nullable(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type ProgressNote = z.infer<typeof ProgressNoteSchema>;

export const AddendumSchema = z.object({
  id: IdSchema,
  noteId: IdSchema,
  authorId: IdSchema,
  text: z.string(),
  createdAt: IsoTimeSchema,
});
export type Addendum = z.infer<typeof AddendumSchema>;

/**
 * A private psychotherapy (process) note (45 CFR 164.501): only its author can read it; never in
 * exports, search, analysis or any AI processing.
 */
export const ProcessNoteSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  authorId: IdSchema,
  sessionId: IdSchema.nullable(),
  text: z.string(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type ProcessNote = z.infer<typeof ProcessNoteSchema>;

// ── Audit ────────────────────────────────────────────────────────────────────

export const AuditActionSchema = z.enum([
  'read',
  'create',
  'update',
  'sign',
  'cosign',
  'addendum',
  'export',
  'login',
  'login_failed',
  'logout',
  'mfa_enabled',
  /** An administrator cleared a user's TOTP secret (and signed them out). */
  'mfa_reset',
  'backup',
  /** Supervision links (record: the supervisee): proposed by an administrator, … */
  'supervision_requested',
  /** … accepted or declined by the supervisee, … */
  'supervision_accepted',
  'supervision_declined',
  /** … a proposal taken back by an administrator, a link removed (administrator). */
  'supervision_withdrawn',
  'supervision_removed',
  /** A record removed on purpose (a session's audio after transcription). */
  'delete',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditRecordTypeSchema = z.enum([
  'user',
  'client',
  'plan',
  'session',
  'transcript',
  'analysis',
  'note',
  'addendum',
  'process_note',
  'settings',
  'database',
  /** A session's recorded or uploaded audio (record id: the session). */
  'audio',
  /** Measurement-based care (issue 5). */
  'measure',
  'measure_link',
  'measure_schedule',
  'alert',
  'consent',
  'safety_assessment',
  'safety_plan',
]);
export type AuditRecordType = z.infer<typeof AuditRecordTypeSchema>;

/** One audit entry: who did what to which record, when. Never any content. */
export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: IsoTimeSchema,
  actorId: z.string().nullable(),
  action: AuditActionSchema,
  recordType: AuditRecordTypeSchema,
  recordId: z.string().nullable(),
  /** HMAC-SHA256 of the previous entry's mac and this entry's fields, hex. */
  mac: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'mac'>;

/**
 * The audit chain check (`POST /api/audit/verify`, `docscrib audit verify`): intact, with the
 * number of entries checked, or the first entry where the chain breaks and why.
 */
export const AuditVerifyResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), count: z.number().int() }),
  z.object({ ok: z.literal(false), seq: z.number().int(), reason: z.string() }),
]);
export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;

// Re-exported so server code imports the engine's contracts from one place.
export { AnalysisSchema, FindingSchema, InputFormatSchema, NoteFormatSchema, NoteSchema };

// ── Practice settings ────────────────────────────────────────────────────────

/**
 * Whether a 10-digit NPI passes its check digit: the Luhn algorithm over the card-issuer prefix
 * 80840 followed by the NPI (CMS, "Requirements for NPI check digit", 45 CFR 162.406).
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  let sum = 0;
  const digits = `80840${npi}`;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Whether `Intl` knows this IANA time zone name (e.g. `America/Chicago`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The practice's settings (administrators change them; every signed-in user reads them): the
 * practice named on exported documents (PDF header, FHIR custodian), its contact details and NPI,
 * its time zone, and whether a supervisee's notes need their supervisor's co-signature. Not PHI.
 * Also the body of `PUT /api/settings` (strict: unknown fields are refused; absent fields take
 * their defaults, so a PUT replaces the whole record).
 */
export const PracticeSettingsSchema = z.strictObject({
  practiceName: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .default('DocScrib practice'),
  address: z.string().trim().max(500, 'must be at most 500 characters').optional(),
  phone: z
    .string()
    .trim()
    .max(50, 'must be at most 50 characters')
    .regex(
      /^(?=(?:\D*\d){3})\+?[0-9 ().-]{3,30}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$/i,
      'must be a phone number (digits, spaces, + ( ) . -, optional extension)',
    )
    .optional(),
  /** National Provider Identifier (type 2, the organisation): 10 digits with a valid check digit. */
  npi: z
    .string()
    .trim()
    .regex(/^\d{10}$/, 'must be 10 digits')
    .refine(
      (v) => !/^\d{10}$/.test(v) || isValidNpi(v),
      'is not a valid NPI (its check digit does not match)',
    )
    .optional(),
  /** IANA time zone name, e.g. `America/New_York`. */
  timezone: z
    .string()
    .trim()
    .max(64, 'must be at most 64 characters')
    .refine(
      (v) => v.length > 64 || isTimeZone(v),
      'must be an IANA time zone name such as America/New_York or UTC',
    )
    .default('UTC'),
  /** When false, a supervisee's notes are complete once signed (no supervisor co-signature). */
  requireCosignForSupervisees: z.boolean().default(true),
  /** The speech engine sessions are transcribed with, and whether audio is kept afterwards. */
  speech: SpeechSettingsSchema.default(() => SpeechSettingsSchema.parse({})),
  /** Shown to a client whose questionnaire answers raise a risk alert (PHQ-9 item 9). */
  crisisResources: CrisisResourcesSchema.default(() => structuredClone(DEFAULT_CRISIS_RESOURCES)),
});
export type PracticeSettings = z.infer<typeof PracticeSettingsSchema>;

// ── Audio capture ────────────────────────────────────────────────────────────

export const CaptureModeSchema = z.enum(['live', 'upload']);
export type CaptureMode = z.infer<typeof CaptureModeSchema>;

/**
 * Where a session's audio capture is: `recording`/`paused` (live), `awaiting_upload` (upload
 * started, no file yet), `queued` → `transcribing` (a worker has it) → `drafting` → `ready`
 * (the draft note exists), or `failed` (see `error`).
 */
export const CaptureStatusSchema = z.enum([
  'recording',
  'paused',
  'awaiting_upload',
  'queued',
  'transcribing',
  'drafting',
  'ready',
  'failed',
]);
export type CaptureStatus = z.infer<typeof CaptureStatusSchema>;

/** Why a capture failed: a code (`audio.decode`, `engine.unavailable`, …), what, what to do. */
export const CaptureErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string(),
});
export type CaptureError = z.infer<typeof CaptureErrorSchema>;

/** A session's capture as the API returns it (segments are PHI: decrypted for the caller). */
export const CaptureStateSchema = z.object({
  sessionId: IdSchema,
  mode: CaptureModeSchema,
  status: CaptureStatusSchema,
  engine: EngineIdSchema,
  quality: EngineQualitySchema,
  model: z.string().nullable(),
  /** Highest contiguous live frame stored, -1 when none. */
  lastSeq: z.number().int().min(-1),
  /** Audio received so far, seconds. */
  audioSeconds: z.number().nonnegative(),
  /** Audio the engine has fully processed (the resume point), seconds. */
  transcribedUntilSec: z.number().nonnegative(),
  segments: z.array(RecognizedSegmentSchema),
  /** 0–1 while an upload is transcribed; null otherwise. */
  progress: z.number().min(0).max(1).nullable(),
  error: CaptureErrorSchema.nullable(),
  /** The draft note, once written. */
  noteId: IdSchema.nullable(),
  /** The speaker-labelled transcript (speakers, roles, engine, quality), once drafted. */
  speech: SpeechTranscriptSchema.nullable(),
});
export type CaptureState = z.infer<typeof CaptureStateSchema>;

/**
 * A capture as `GET /api/sessions/:id/capture` returns it: status, progress, error and note id,
 * and the transcript (`segments`, `speech`) only when asked for (`?include=segments`; audited as
 * a transcript read). Polling without it reads no PHI and writes no audit entry.
 */
export const CaptureViewSchema = CaptureStateSchema.partial({ segments: true, speech: true });
export type CaptureView = z.infer<typeof CaptureViewSchema>;

/** A capture in a session list: enough to show a badge, no transcript. */
export const CaptureSummarySchema = CaptureStateSchema.pick({
  mode: true,
  status: true,
  engine: true,
  quality: true,
  progress: true,
  noteId: true,
});
export type CaptureSummary = z.infer<typeof CaptureSummarySchema>;

/** `POST /api/clients/:id/captures`: a session recorded live or from an uploaded file. */
export const StartCaptureBodySchema = z.strictObject({
  details: SessionDetailsSchema,
  noteFormat: NoteFormatSchema.optional(),
  mode: CaptureModeSchema,
});

/** `GET /api/speech/engines`: each engine and whether it can run here now. */
export const EnginesReportSchema = z.object({
  engines: z.array(
    z.object({
      id: EngineIdSchema,
      quality: EngineQualitySchema,
      /** Administrators only. */
      model: z.string().nullable().optional(),
      available: z.boolean(),
      selected: z.boolean(),
      /** For administrators the engine's own message and hint; for others a path-free sentence. */
      problem: CaptureErrorSchema.nullable(),
    }),
  ),
  /** Administrators only: Whisper model files in the models directory. */
  whisperModels: z.array(z.string()).optional(),
  /** Administrators only: the models directory (a server path). */
  modelsDir: z.string().optional(),
});
export type EnginesReport = z.infer<typeof EnginesReportSchema>;
