/**
 * The shapes the web app receives from the HTTP API. Domain records and core types are imported
 * from the one schema source (types only: no server or engine code is bundled).
 */
import type { z } from 'zod';
import type {
  Addendum,
  AuditVerifyResultSchema,
  EnginesReportSchema,
  ProgressNote,
  Role,
  Session,
  SessionDetails,
  StartCaptureBodySchema,
  User,
} from '../../src/server/domain/schemas.js';
import type {
  NewSessionBodySchema,
  NewUserBody,
  UserPatchBody,
} from '../../src/server/http/routes/schemas.js';
import type { Analysis } from '../../src/core/analysis/schema.js';
import type { NoteFormat } from '../../src/core/notes/schema.js';
import type { InputFormat, Transcript } from '../../src/core/transcript/schema.js';

export type { Addendum, ProgressNote, Role, Session, SessionDetails, User };
export type {
  CaptureState,
  CaptureStatus,
  CaptureView,
  CaptureSummary,
  AuditEntry,
  Client,
  ClientPlan,
  ClientProfile,
  PracticeSettings,
  ProcessNote,
} from '../../src/server/domain/schemas.js';
export type { Analysis, InputFormat, NoteFormat, Transcript };
export type { Note, NoteSentence } from '../../src/core/notes/schema.js';
export type { Finding, Severity } from '../../src/core/review/schema.js';
export type { Turn } from '../../src/core/transcript/schema.js';

export type TranscriptInputFormat = 'auto' | InputFormat;

export interface AuthPayload {
  user: User;
  csrfToken: string;
}

/** A person named to the signed-in user (their supervisor, or the one proposed to them). */
export interface PersonRef {
  id: string;
  name: string;
}

/** The caller's supervisor, and the one an administrator proposed (they accept or decline it). */
export interface Supervision {
  supervisor: PersonRef | null;
  pending: PersonRef | null;
}

export interface SessionInfo extends AuthPayload {
  mfaEnrollmentRequired: boolean;
  supervision: Supervision;
}

/** `GET /api/clients/:id/notes`: newest first. */
export type NoteSummary = Pick<
  ProgressNote,
  'id' | 'sessionId' | 'format' | 'status' | 'signedAt' | 'cosignRequired' | 'cosignedAt'
> & { date: string };

export interface NoteDetail {
  note: ProgressNote;
  addenda: Addendum[];
  session: Session;
}

export interface SessionDetail {
  session: Session;
  transcript: Transcript | null;
  analysis: Analysis | null;
}

export interface NoteSectionText {
  id: string;
  heading: string;
  text: string;
}

/** `POST /api/audit/verify`. */
export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;

/** `POST /api/users`: what the route's schema accepts (before its trimming and lower-casing). */
export type NewUser = z.input<typeof NewUserBody>;

/** `PATCH /api/users/:id`. */
export type UserPatch = z.input<typeof UserPatchBody>;

/** `POST /api/clients/:id/sessions`: what the route's schema accepts. */
export type NewSessionRequest = z.input<typeof NewSessionBodySchema>;

export type FhirResource = 'Composition' | 'DocumentReference';

/** `POST /api/clients/:id/captures`: a session recorded live or from an uploaded file. */
export type StartCaptureRequest = z.input<typeof StartCaptureBodySchema>;

/** `GET /api/speech/engines`: each engine and whether it can run here now. */
export type SpeechEnginesReport = z.infer<typeof EnginesReportSchema>;
export type SpeechEngineInfo = SpeechEnginesReport['engines'][number];

export type { SpeechSettings, SpeechTranscript } from '../../src/speech/schema.js';
