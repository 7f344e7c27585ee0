import type { ColumnType, Kysely } from 'kysely';
import type { FieldCipher } from './port.js';

/**
 * The tables, as Kysely sees them. One schema for SQLite and PostgreSQL: times are ISO-8601 text,
 * booleans are integers 0/1, PHI columns (marked "sealed") hold FieldCipher output only.
 * Creation order is `created_at` then the row's insertion order (SQLite `rowid`, PostgreSQL
 * identity column `ord`; see `creationOrder`), which the interface leaves out on purpose.
 */
export interface Database {
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  login_failures: LoginFailuresTable;
  clients: ClientsTable;
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  consents: ConsentsTable;
  safety_assessments: SafetyAssessmentsTable;
  safety_plans: SafetyPlansTable;
  sessions: SessionsTable;
  notes: NotesTable;
  addenda: AddendaTable;
  process_notes: ProcessNotesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  captures: CapturesTable;
  capture_texts: CaptureTextsTable;
  audio_chunks: AudioChunksTable;
  jobs: JobsTable;
  measure_links: MeasureLinksTable;
  measure_administrations: MeasureAdministrationsTable;
  measure_schedules: MeasureSchedulesTable;
  clinical_alerts: ClinicalAlertsTable;
  alert_reads: AlertReadsTable;
  rate_limit_hits: RateLimitHitsTable;
  docscrib_migrations: MigrationsTable;
}

export interface UsersTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  role: string;
  supervisor_id: string | null;
  /** A proposed supervisor awaiting the user's acceptance (migration 0002). */
  pending_supervisor_id: string | null;
  mfa_enabled: number;
  disabled: number;
  created_at: string;
  password_hash: string;
  /** sealed */
  totp_secret: string | null;
  totp_last_step: number | null;
}

export interface AuthSessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  mfa_verified: number;
  created_at: string;
  last_seen_at: string;
}

export interface LoginFailuresTable {
  id: string;
  key: string;
  at: string;
}

export interface ClientsTable {
  id: string;
  clinician_id: string;
  /** sealed JSON ClientProfile */
  profile: string;
  created_at: string;
  updated_at: string;
}

export interface PlansTable {
  client_id: string;
  /** sealed JSON ClientPlan */
  plan: string;
  updated_at: string;
}

/** A signed plan as it was signed (migration 0006): versions 1, 2, … per client. */
export interface PlanVersionsTable {
  client_id: string;
  version: number;
  /** sealed JSON ClientPlan (AAD row: `<clientId>:<version>`) */
  plan: string;
  signed_by: string;
  signed_at: string;
}

/** Informed-consent records (migration 0006). */
export interface ConsentsTable {
  id: string;
  client_id: string;
  /** intervention | recording | treatment */
  kind: string;
  /** sealed JSON { interventionId, discussed, decision, date, notes } */
  body: string;
  recorded_by: string;
  created_at: string;
  withdrawn_at: string | null;
}

/** Safety assessments (migration 0006). */
export interface SafetyAssessmentsTable {
  id: string;
  client_id: string;
  session_id: string | null;
  /** draft | confirmed */
  status: string;
  /** sealed JSON: trigger, risk elements, factors, risk level, actions */
  body: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** The client's collaborative safety plan (migration 0006): one per client. */
export interface SafetyPlansTable {
  client_id: string;
  /** draft | confirmed */
  status: string;
  /** sealed JSON SafetyPlanBody */
  body: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  client_id: string;
  clinician_id: string;
  /** sealed JSON SessionDetails (dates of service are PHI) */
  details: string;
  /** sealed JSON StoredTranscript */
  transcript: string | null;
  /** sealed JSON Analysis */
  analysis: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotesTable {
  id: string;
  session_id: string;
  client_id: string;
  author_id: string;
  format: string;
  status: string;
  /** sealed JSON Note */
  body: string;
  /** sealed JSON Finding[] */
  review: string;
  version: number;
  signed_at: string | null;
  signed_by: string | null;
  cosign_required: number;
  cosigned_at: string | null;
  cosigned_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AddendaTable {
  id: string;
  note_id: string;
  author_id: string;
  /** sealed */
  text: string;
  created_at: string;
}

export interface ProcessNotesTable {
  id: string;
  client_id: string;
  author_id: string;
  session_id: string | null;
  /** sealed */
  text: string;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  /** PostgreSQL `bigint`, which node-postgres reads as a string. */
  seq: ColumnType<number | string, number, never>;
  at: string;
  actor_id: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  mac: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** A session's audio capture (migration 0003): one row per session that has one. */
export interface CapturesTable {
  session_id: string;
  mode: string;
  status: string;
  engine: string;
  quality: string;
  model: string | null;
  note_format: string;
  last_seq: number;
  audio_seconds: number;
  transcribed_until_sec: number;
  progress: number | null;
  /** Why it failed: a code, a message and a hint written to contain no PHI (plain). */
  error_code: string | null;
  error_message: string | null;
  error_hint: string | null;
  note_id: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A capture's sealed transcript columns (migration 0004), apart from its plain row: they grow all
 * session (MBs), and SQLite rewrites a whole row on every update, so the per-frame update of
 * `captures` must not carry them. Sealed with the AAD of `captures` (where 0003 kept them).
 */
export interface CaptureTextsTable {
  session_id: string;
  /** sealed JSON RecognizedSegment[] (the live / so-far transcript) */
  segments: string | null;
  /** sealed JSON (number[] | null)[]: a voice embedding per segment (live diarization) */
  embeddings: string | null;
  /** sealed JSON SpeechTranscript (speakers, roles, engine), once drafted */
  speech: string | null;
}

/** Encrypted audio, in order (`seq` 0, 1, 2…): live frames or pieces of an uploaded file. */
export interface AudioChunksTable {
  session_id: string;
  seq: number;
  /** sealed bytes (FieldCipher.sealBytes; AAD binds session and seq) */
  data: Buffer;
  /** Plaintext length in bytes. */
  bytes: number;
  created_at: string;
}

/** The work queue shared by every worker process (transcription of uploads). */
export interface JobsTable {
  id: string;
  kind: string;
  session_id: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_after: string;
  locked_by: string | null;
  lease_until: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
}

/** A one-time client link to answer measures (migration 0005); only the token's hash is kept. */
export interface MeasureLinksTable {
  id: string;
  client_id: string;
  /** SHA-256 hex of the token. */
  token_hash: string;
  /** JSON InstrumentId[] (not PHI). */
  instruments: string;
  /** pending | completed | revoked (expired is computed from `expires_at`). */
  status: string;
  session_id: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
  revoked_at: string | null;
}

/** One instrument answered once (migration 0005). */
export interface MeasureAdministrationsTable {
  id: string;
  client_id: string;
  instrument: string;
  administered_at: string;
  source: string;
  session_id: string | null;
  link_id: string | null;
  entered_by: string | null;
  /** sealed JSON (number | null)[] */
  answers: string;
  /** sealed JSON ScoreResult */
  score: string;
  created_at: string;
}

/** A recurring measure for a client (migration 0005). */
export interface MeasureSchedulesTable {
  id: string;
  client_id: string;
  instrument: string;
  /** JSON ScheduleCadence */
  cadence: string;
  active: number;
  created_at: string;
  updated_at: string;
}

/** Something the clinician must see now (migration 0005); kind and message sealed (0007). */
export interface ClinicalAlertsTable {
  id: string;
  client_id: string;
  clinician_id: string;
  /** sealed JSON AlertKind (rows from before 0007: the bare kind id) */
  kind: string;
  severity: string;
  /** sealed JSON string (rows from before 0007: in the clear) */
  message: string;
  administration_id: string | null;
  session_id: string | null;
  safety_assessment_id: string | null;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** The first time a user's alert list showed an alert (migration 0007). */
export interface AlertReadsTable {
  alert_id: string;
  user_id: string;
  first_read_at: string;
}

/** Hits of a rate-limited public endpoint (migration 0005); `key` is a bucket and a hash. */
export interface RateLimitHitsTable {
  id: string;
  key: string;
  at: string;
}

export interface MigrationsTable {
  name: string;
  applied_at: string;
}

export type DbKind = 'sqlite' | 'postgres';

/** What every repository works with: the database (or the current transaction) and its tools. */
export interface Ctx {
  readonly db: Kysely<Database>;
  readonly kind: DbKind;
  readonly cipher: FieldCipher;
  /** The current time as an ISO-8601 UTC string. */
  readonly now: () => string;
}
