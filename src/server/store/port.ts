import type {
  Addendum,
  AuditEntry,
  AuthSession,
  Client,
  ClientPlan,
  ClientProfile,
  NewAuditEntry,
  ProcessNote,
  ProgressNote,
  Role,
  Session,
  SessionDetails,
  StoredTranscript,
  User,
  UserSecrets,
} from '../domain/schemas.js';
import type { Analysis, NoteFormat } from '../../core/index.js';
import type {
  ConsentRecord,
  PlanSignature,
  PlanVersion,
  SafetyAssessment,
  SafetyAssessmentBody,
  SafetyPlan,
} from '../domain/care.js';
import type {
  EngineId,
  EngineQuality,
  RecognizedSegment,
  SpeechTranscript,
} from '../../speech/schema.js';
import type { CaptureError, CaptureMode, CaptureStatus } from '../domain/schemas.js';
import type {
  AlertKind,
  ClinicalAlert,
  MeasureAdministration,
  MeasureLink,
  MeasureSchedule,
  ScheduleCadence,
} from '../domain/care.js';
import type { InstrumentId } from '../../core/measures/schema.js';

/**
 * The storage port: everything the services need from a database. One implementation
 * (store/kysely) serves SQLite and PostgreSQL; the same contract suite runs against both.
 *
 * - Inputs and outputs are plaintext domain records. The store encrypts PHI columns (client
 *   profile, plan, transcript, analysis, note body and review, addendum and process-note text,
 *   TOTP secrets) with the FieldCipher it is given, binding each ciphertext to its table, row
 *   and column, so a ciphertext copied to another row fails to open.
 * - `get*` returns `undefined` for a missing id; it never throws for "not found".
 * - Writes that conflict return a typed outcome instead of throwing (see `UpdateOutcome`).
 * - Every method is atomic; `transaction` groups several.
 * - Session details (dates of service, place, platform) are sealed too: they are PHI.
 * - Implementation: store/index.ts `openStore({ url, cipher })`.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';

  users: UserRepo;
  authSessions: AuthSessionRepo;
  loginThrottle: LoginThrottleRepo;
  clients: ClientRepo;
  plans: PlanRepo;
  /** Signed treatment-plan versions (issue 5). */
  planVersions: PlanVersionRepo;
  /** Informed-consent records (issue 5). */
  consents: ConsentRepo;
  /** Safety assessments (issue 5). */
  safetyAssessments: SafetyAssessmentRepo;
  /** The collaborative safety plan, one per client (issue 5). */
  safetyPlans: SafetyPlanRepo;
  sessions: SessionRepo;
  notes: NoteRepo;
  processNotes: ProcessNoteRepo;
  audit: AuditRepo;
  settings: SettingsRepo;
  captures: CaptureRepo;
  audio: AudioRepo;
  jobs: JobRepo;
  /** Outcome-measure administrations (issue 5). */
  measures: MeasureRepo;
  /** One-time client links to answer measures (issue 5). */
  measureLinks: MeasureLinkRepo;
  /** Recurring measure schedules per client (issue 5). */
  measureSchedules: MeasureScheduleRepo;
  /** Clinical alerts (PHQ-9 item 9, session risk) (issue 5). */
  alerts: AlertRepo;
  /** Hit counters of rate-limited public endpoints, shared by all processes (issue 5). */
  rateLimits: RateLimitRepo;

  /** Run `fn` in one transaction; the repos passed to it act inside that transaction. */
  transaction<T>(
    fn: (tx: Omit<Store, 'transaction' | 'close' | 'migrate'>) => Promise<T>,
  ): Promise<T>;
  /**
   * Apply pending migrations (idempotent; safe when several processes start at once), then check
   * that the cipher's key is the one the database was set up with (a `usage` DocscribError if not).
   */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Seals and opens PHI fields. `aad` binds the ciphertext to its place (table:id:column). */
export interface FieldCipher {
  seal(plaintext: string, aad: string): string;
  open(sealed: string, aad: string): string;
  /** The same for binary values (audio): the output is bytes, not text. */
  sealBytes(plaintext: Buffer, aad: string): Buffer;
  openBytes(sealed: Buffer, aad: string): Buffer;
  /**
   * A keyed one-way hash (HMAC-SHA256, 64 hex characters) of a value stored only to be matched or
   * counted, never read back (e.g. a rate-limit key holding a client address): the same for every
   * process holding the master key, and not reversible without it (unlike a plain SHA-256 of
   * the few billion IPv4 addresses). `purpose` separates the uses.
   */
  lookupKey(value: string, purpose: string): string;
}

export type UpdateOutcome<T> =
  { ok: true; value: T } | { ok: false; reason: 'not_found' | 'conflict' | 'locked' };

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  supervisorId: string | null;
  /** A proposed supervisor the new user has yet to accept (default none). */
  pendingSupervisorId?: string | null;
  passwordHash: string;
}

export interface UserRepo {
  /** Fails with `{ok:false, reason:'conflict'}` when the email is taken. */
  create(input: NewUser): Promise<UpdateOutcome<User>>;
  get(id: string): Promise<User | undefined>;
  getByEmail(email: string): Promise<User | undefined>;
  list(): Promise<User[]>;
  count(): Promise<number>;
  update(
    id: string,
    patch: Partial<
      Pick<
        User,
        'name' | 'role' | 'supervisorId' | 'pendingSupervisorId' | 'disabled' | 'mfaEnabled'
      >
    >,
  ): Promise<UpdateOutcome<User>>;
  /**
   * Settle the user's pending supervisor if it is still `supervisorId` (atomic compare-and-set):
   * accepted, it becomes `supervisorId`; declined, it is dropped. `conflict` when another (or
   * no) supervisor is pending, `not_found` for a missing user.
   */
  settlePendingSupervisor(
    id: string,
    supervisorId: string,
    accept: boolean,
  ): Promise<UpdateOutcome<User>>;
  /** Ids of users whose `supervisorId` is this user (accepted links; not pending ones). */
  supervisees(supervisorId: string): Promise<string[]>;
  getSecrets(id: string): Promise<UserSecrets | undefined>;
  setPasswordHash(id: string, hash: string): Promise<void>;
  /** Set (or clear with null) the TOTP secret; clearing also resets the last step. */
  setTotpSecret(id: string, secret: string | null): Promise<void>;
  /**
   * Record `step` as used if it is greater than the last used step (atomic compare-and-set).
   * Returns false when the step was already used: a replayed code.
   */
  useTotpStep(id: string, step: number): Promise<boolean>;
}

export interface AuthSessionRepo {
  create(session: AuthSession): Promise<void>;
  get(id: string): Promise<AuthSession | undefined>;
  touch(id: string, lastSeenAt: string): Promise<void>;
  setMfaVerified(id: string): Promise<void>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  /** Delete sessions last seen before `idleBefore` or created before `createdBefore`. */
  purgeExpired(idleBefore: string, createdBefore: string): Promise<number>;
}

/**
 * Sign-in attempt counters keyed by e.g. `email:<hash>` or `ip:<addr>`, shared by all processes.
 * An attempt is counted BEFORE its credential is checked (so simultaneous guesses cannot all slip
 * under the limit); a failed attempt stays counted, any other is released again.
 */
export interface LoginThrottleRepo {
  /**
   * Count one attempt at `now` and forget the key's attempts from before `windowStart`, as one
   * atomic step across every process sharing the database: returns the attempt's id (for
   * `release`) and the key's attempts within the window, this one included. N simultaneous calls
   * for one key (and an empty window) get the counts 1..N, each exactly once.
   */
  reserve(key: string, now: string, windowStart: string): Promise<{ id: string; count: number }>;
  /** Uncount one attempt (the id `reserve` gave); nothing happens when it is already gone. */
  release(key: string, id: string): Promise<void>;
  /** The key's attempts within the window. */
  attempts(key: string, windowStart: string): Promise<number>;
  /** Forget all of the key's attempts. */
  reset(key: string): Promise<void>;
}

export interface ClientRepo {
  create(clinicianId: string, profile: ClientProfile): Promise<Client>;
  get(id: string): Promise<Client | undefined>;
  /** Clients owned by any of these clinicians, ordered by creation (oldest first). */
  listForClinicians(clinicianIds: readonly string[]): Promise<Client[]>;
  updateProfile(id: string, profile: ClientProfile): Promise<UpdateOutcome<Client>>;
}

export interface PlanRepo {
  get(clientId: string): Promise<ClientPlan | undefined>;
  /** The plans of these clients in one query, by client id (clients without a plan absent). */
  listForClients(clientIds: readonly string[]): Promise<Map<string, ClientPlan>>;
  put(clientId: string, plan: ClientPlan): Promise<ClientPlan>;
}

// ── Care records (issue 5): plan versions, consent, safety ───────────────────

/** Signed plans as they were signed; sealed at rest. */
export interface PlanVersionRepo {
  /** Keep a signed plan as the client's next version (1, 2, …; atomic). */
  add(clientId: string, plan: ClientPlan & { signature: PlanSignature }): Promise<PlanVersion>;
  /** The client's versions, oldest first. */
  list(clientId: string): Promise<PlanVersion[]>;
}

export type NewConsent = Omit<ConsentRecord, 'id' | 'createdAt' | 'withdrawnAt'>;

/** Consent records; their content (intervention, discussion, decision, date, notes) is sealed. */
export interface ConsentRepo {
  create(input: NewConsent): Promise<ConsentRecord>;
  get(id: string): Promise<ConsentRecord | undefined>;
  /** Newest first (by creation). */
  listForClient(clientId: string): Promise<ConsentRecord[]>;
  /** Set `withdrawnAt` once (compare-and-set): `conflict` when already withdrawn. */
  withdraw(id: string, at: string): Promise<UpdateOutcome<ConsentRecord>>;
}

/** What the clinician writes in a safety assessment (the sealed part, without its trigger). */
export type SafetyAssessmentContent = SafetyAssessmentBody;

export type NewSafetyAssessment = SafetyAssessmentContent &
  Pick<SafetyAssessment, 'clientId' | 'sessionId' | 'trigger' | 'createdBy'>;

/** Safety assessments: created as drafts; a confirmed one is `locked`. Content sealed. */
export interface SafetyAssessmentRepo {
  create(input: NewSafetyAssessment): Promise<SafetyAssessment>;
  get(id: string): Promise<SafetyAssessment | undefined>;
  /** Newest first (by creation). */
  listForClient(clientId: string): Promise<SafetyAssessment[]>;
  /** Replace a draft's content (compare-and-set on status): `locked` once confirmed. */
  updateDraft(
    id: string,
    content: SafetyAssessmentContent,
  ): Promise<UpdateOutcome<SafetyAssessment>>;
  /** draft → confirmed, once (`locked` when already confirmed); the content is unchanged. */
  confirm(id: string, by: string, at: string): Promise<UpdateOutcome<SafetyAssessment>>;
}

/** The sealed content of a safety plan. */
export type SafetyPlanContent = Omit<
  SafetyPlan,
  'clientId' | 'status' | 'confirmedAt' | 'confirmedBy' | 'updatedAt' | 'lastConfirmed'
>;

/** The client's safety plan (one per client). Content sealed. */
export interface SafetyPlanRepo {
  get(clientId: string): Promise<SafetyPlan | undefined>;
  /**
   * Create or replace it; it is (again) a draft: its confirmation is cleared, and a confirmed
   * version it replaces is kept as `lastConfirmed` (sealed with it).
   */
  put(clientId: string, content: SafetyPlanContent): Promise<SafetyPlan>;
  /**
   * draft → confirmed, once: `locked` when already confirmed, `not_found` when there is none.
   * The confirmed plan is its own latest confirmed version (`lastConfirmed` becomes null).
   */
  confirm(clientId: string, by: string, at: string): Promise<UpdateOutcome<SafetyPlan>>;
}

export interface NewSession {
  clientId: string;
  clinicianId: string;
  details: SessionDetails;
}

export interface SessionRepo {
  create(input: NewSession): Promise<Session>;
  get(id: string): Promise<Session | undefined>;
  /** Newest first: by session date, then start time, then creation. */
  listForClient(clientId: string): Promise<Session[]>;
  /**
   * The latest session date (YYYY-MM-DD) per client, for these clients, in one query (opens only
   * the details, not transcripts or analyses). Clients without a session are absent.
   */
  latestDates(clientIds: readonly string[]): Promise<Map<string, string>>;
  updateDetails(id: string, details: SessionDetails): Promise<UpdateOutcome<Session>>;
  getTranscript(sessionId: string): Promise<StoredTranscript | undefined>;
  putTranscript(sessionId: string, transcript: StoredTranscript): Promise<void>;
  getAnalysis(sessionId: string): Promise<Analysis | undefined>;
  putAnalysis(sessionId: string, analysis: Analysis): Promise<void>;
}

export type NewNote = Pick<
  ProgressNote,
  'sessionId' | 'clientId' | 'authorId' | 'format' | 'body' | 'review' | 'cosignRequired'
>;

export interface NoteRepo {
  create(input: NewNote): Promise<ProgressNote>;
  get(id: string): Promise<ProgressNote | undefined>;
  /** Newest first (by creation). */
  listForClient(clientId: string): Promise<ProgressNote[]>;
  /** Newest first (by creation). */
  listForSession(sessionId: string): Promise<ProgressNote[]>;
  /**
   * Replace a draft's body and review if `expectedVersion` is current; bumps the version.
   * `locked` when signed, `conflict` when the version is stale.
   */
  updateDraft(
    id: string,
    expectedVersion: number,
    patch: Pick<ProgressNote, 'body' | 'review'>,
  ): Promise<UpdateOutcome<ProgressNote>>;
  /**
   * draft → signed (once; `locked` if already signed, `conflict` on a stale version).
   * `cosignRequired`, when given, replaces the value the draft was created with: the service
   * decides it at signing, from the author's supervisor at that moment. Omitted, it is kept.
   */
  sign(
    id: string,
    expectedVersion: number,
    by: string,
    at: string,
    cosignRequired?: boolean,
  ): Promise<UpdateOutcome<ProgressNote>>;
  /**
   * Co-sign a signed note (once; bumps the version). `locked` if not signed yet or already
   * co-signed. The store does not check `cosignRequired` or who co-signs: the service does.
   */
  cosign(id: string, by: string, at: string): Promise<UpdateOutcome<ProgressNote>>;
  /** The store does not check the note's status: the service allows addenda on signed notes. */
  addAddendum(noteId: string, authorId: string, text: string): Promise<Addendum>;
  /** Oldest first. */
  listAddenda(noteId: string): Promise<Addendum[]>;
}

export interface ProcessNoteRepo {
  create(input: {
    clientId: string;
    authorId: string;
    sessionId: string | null;
    text: string;
  }): Promise<ProcessNote>;
  get(id: string): Promise<ProcessNote | undefined>;
  /** Only this author's process notes about this client, newest first. */
  listForAuthorAndClient(authorId: string, clientId: string): Promise<ProcessNote[]>;
  updateText(id: string, text: string): Promise<UpdateOutcome<ProcessNote>>;
}

export interface AuditRepo {
  /**
   * Append one entry. `mac(prevMac, entryWithSeq)` computes its chain MAC; the store calls it
   * while holding the chain's lock (a transaction, plus an advisory lock on PostgreSQL), so
   * entries from several processes form one unbroken chain.
   */
  append(
    entry: NewAuditEntry,
    mac: (prevMac: string | null, seq: number) => string,
  ): Promise<AuditEntry>;
  /** Entries in sequence order, from `afterSeq` (exclusive), at most `limit`. */
  list(afterSeq: number, limit: number): Promise<AuditEntry[]>;
}

export interface SettingsRepo {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
}

// ── Audio capture (issue 4) ──────────────────────────────────────────────────

/** A session's capture as stored; `segments`, `embeddings` and `speech` are sealed at rest. */
export interface CaptureRecord {
  sessionId: string;
  mode: CaptureMode;
  status: CaptureStatus;
  engine: EngineId;
  quality: EngineQuality;
  model: string | null;
  noteFormat: NoteFormat;
  lastSeq: number;
  audioSeconds: number;
  transcribedUntilSec: number;
  progress: number | null;
  error: CaptureError | null;
  segments: RecognizedSegment[];
  /** One voice embedding per segment (or null where none was computed); empty when none. */
  embeddings: (number[] | null)[];
  speech: SpeechTranscript | null;
  noteId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewCapture = Pick<
  CaptureRecord,
  'sessionId' | 'mode' | 'status' | 'engine' | 'quality' | 'model' | 'noteFormat'
>;

export type CapturePatch = Partial<
  Omit<CaptureRecord, 'sessionId' | 'mode' | 'createdAt' | 'updatedAt'>
>;

export interface CaptureRepo {
  create(input: NewCapture): Promise<CaptureRecord>;
  get(sessionId: string): Promise<CaptureRecord | undefined>;
  /**
   * Change fields (the sealed ones are re-sealed when given). With `from`, only while the status
   * is one of those (atomic compare-and-set): `conflict` otherwise; `not_found` without a capture.
   */
  update(
    sessionId: string,
    patch: CapturePatch,
    from?: readonly CaptureStatus[],
  ): Promise<UpdateOutcome<CaptureRecord>>;
  /**
   * The capture's plain fields (status, lastSeq, audioSeconds, …) without opening a sealed column:
   * the cheap read for per-frame checks and status polling (the segments grow all session).
   */
  getPlain(sessionId: string): Promise<CapturePlain | undefined>;
  /**
   * A live frame stored: raise `lastSeq` to `lastSeq` (never lowers it) and add `seconds` to
   * `audioSeconds`, atomically, only while the status is one of `from` (`conflict` otherwise).
   * Opens no sealed column.
   */
  addLiveAudio(
    sessionId: string,
    change: { lastSeq: number; seconds: number },
    from: readonly CaptureStatus[],
  ): Promise<UpdateOutcome<CapturePlain>>;
  /** Status and note id of these sessions' captures (no sealed column is opened). */
  summaries(sessionIds: readonly string[]): Promise<Map<string, CaptureRecordSummary>>;
}

/** A capture without its sealed columns (segments, embeddings, speech). */
export type CapturePlain = Omit<CaptureRecord, 'segments' | 'embeddings' | 'speech'>;

export type CaptureRecordSummary = Pick<
  CaptureRecord,
  'sessionId' | 'mode' | 'status' | 'engine' | 'quality' | 'progress' | 'noteId'
>;

/**
 * A session's audio as numbered chunks, each sealed on its own (AAD: session and seq), so audio
 * is written and read a piece at a time and never held whole in memory.
 */
export interface AudioRepo {
  /** Store chunk `seq` (idempotent: false when that seq is already stored; its data is kept). */
  putChunk(sessionId: string, seq: number, data: Buffer): Promise<boolean>;
  /**
   * The highest n such that chunks 0..n are all stored; -1 when chunk 0 is missing. With `known`
   * (chunks 0..known are known to be stored, e.g. the capture's lastSeq), only the chunks after it
   * are looked at: the cost no longer grows with the recording.
   */
  contiguousSeq(sessionId: string, known?: number): Promise<number>;
  /** Chunks with seq ≥ `fromSeq`, in order, at most `limit` (decrypted). */
  readChunks(
    sessionId: string,
    fromSeq: number,
    limit: number,
  ): Promise<{ seq: number; data: Buffer }[]>;
  /** Delete every chunk of the session; returns how many there were. */
  deleteAll(sessionId: string): Promise<number>;
  /** Total plaintext bytes stored for the session. */
  byteCount(sessionId: string): Promise<number>;
}

/** `transcribe`: an uploaded file; `finalize`: write the note of a stopped live session. */
export type JobKind = 'transcribe' | 'finalize';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: JobKind;
  sessionId: string;
  status: JobStatus;
  /** Claims so far (a claim after an expired lease counts again). */
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  lockedBy: string | null;
  leaseUntil: string | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The job queue shared by every worker in every process. A claimed job is leased to one worker
 * until `leaseUntil`; the worker extends the lease while it works (`heartbeat`). A worker that
 * dies stops heartbeating: once the lease has expired, the job is claimable again (retried).
 * Times are ISO-8601 strings passed in by the caller (its clock).
 */
export interface JobRepo {
  enqueue(input: {
    kind: JobKind;
    sessionId: string;
    maxAttempts: number;
    runAfter: string;
  }): Promise<Job>;
  get(id: string): Promise<Job | undefined>;
  /** The session's jobs, oldest first. */
  listForSession(sessionId: string): Promise<Job[]>;
  /**
   * Lease the oldest job that is due (queued with `runAfter` ≤ now, or running with an expired
   * lease) to `workerId` until now + leaseMs, counting an attempt. Atomic across processes: two
   * claimers never get the same job (PostgreSQL `FOR UPDATE SKIP LOCKED`; SQLite: the write lock).
   */
  claim(workerId: string, now: string, leaseMs: number): Promise<Job | undefined>;
  /** Extend the lease; false when the job is no longer this worker's (expired and re-claimed). */
  heartbeat(id: string, workerId: string, now: string, leaseMs: number): Promise<boolean>;
  /** Done; false when the job is no longer this worker's. */
  complete(id: string, workerId: string, now: string): Promise<boolean>;
  /**
   * Failed this attempt. `retryAt` set and attempts left: queued again for then; otherwise failed
   * for good. Returns the job's new status, or undefined when it is no longer this worker's.
   */
  fail(
    id: string,
    workerId: string,
    now: string,
    error: { code: string; message: string },
    retryAt: string | null,
  ): Promise<JobStatus | undefined>;
  /** Give a job back unfinished (shutdown): queued again, this attempt not counted. */
  release(id: string, workerId: string, now: string): Promise<boolean>;
}

// ── Measurement-based care (issue 5) ─────────────────────────────────────────

export type NewAdministration = Omit<MeasureAdministration, 'id' | 'createdAt'>;

/** Administrations: answers and score are sealed at rest; the rest is plain for queries. */
export interface MeasureRepo {
  create(input: NewAdministration): Promise<MeasureAdministration>;
  get(id: string): Promise<MeasureAdministration | undefined>;
  /** The client's administrations, oldest first (by `administeredAt`, then creation). */
  listForClient(clientId: string): Promise<MeasureAdministration[]>;
  /**
   * The most recent `administeredAt` per client and instrument, for these clients (no sealed
   * column is opened: the cheap read for due measures over a caseload).
   */
  latestTimes(
    clientIds: readonly string[],
  ): Promise<{ clientId: string; instrument: InstrumentId; administeredAt: string }[]>;
}

export interface NewMeasureLink {
  clientId: string;
  /** SHA-256 hex of the token (security/tokens.ts `hashToken`); the token is never stored. */
  tokenHash: string;
  instruments: InstrumentId[];
  sessionId: string | null;
  createdBy: string;
  expiresAt: string;
}

/**
 * One-time links. The stored status is `pending`, `completed` or `revoked`; `expired` is not
 * stored (the service derives it from `expiresAt` and its clock), so a link returned here may be
 * `pending` past its expiry.
 */
export interface MeasureLinkRepo {
  create(input: NewMeasureLink): Promise<MeasureLink>;
  get(id: string): Promise<MeasureLink | undefined>;
  getByTokenHash(tokenHash: string): Promise<MeasureLink | undefined>;
  /** Newest first. */
  listForClient(clientId: string): Promise<MeasureLink[]>;
  /**
   * pending → completed at `now`, only while it is pending and `expiresAt` > `expiresAfter`
   * (default `now`; the public submit passes `now` minus its grace period) — one atomic
   * conditional update: of concurrent calls exactly one succeeds. `conflict` otherwise.
   */
  complete(id: string, now: string, expiresAfter?: string): Promise<UpdateOutcome<MeasureLink>>;
  /** pending → revoked (atomic); `conflict` when it is no longer pending. */
  revoke(id: string, now: string): Promise<UpdateOutcome<MeasureLink>>;
}

export interface ScheduleInput {
  instrument: InstrumentId;
  cadence: ScheduleCadence;
  active: boolean;
}

export interface MeasureScheduleRepo {
  /** Oldest first. */
  listForClient(clientId: string): Promise<MeasureSchedule[]>;
  listForClients(clientIds: readonly string[]): Promise<MeasureSchedule[]>;
  /** Replace the client's whole list (atomic); returns the new list in the given order. */
  replace(clientId: string, schedules: readonly ScheduleInput[]): Promise<MeasureSchedule[]>;
}

export interface NewAlert {
  clientId: string;
  /** The clinician who owns the client (who must see it). */
  clinicianId: string;
  kind: AlertKind;
  severity: ClinicalAlert['severity'];
  /** Names the kind, instrument, item, value or risk kinds; sealed at rest with `kind`. */
  message: string;
  administrationId: string | null;
  sessionId: string | null;
}

export interface AlertRepo {
  create(input: NewAlert): Promise<ClinicalAlert>;
  get(id: string): Promise<ClinicalAlert | undefined>;
  /** Alerts of clients owned by these clinicians, newest first; `openOnly`: not acknowledged. */
  listForClinicians(
    clinicianIds: readonly string[],
    opts: { openOnly: boolean },
  ): Promise<ClinicalAlert[]>;
  /** The client's alerts, newest first. */
  listForClient(clientId: string): Promise<ClinicalAlert[]>;
  /** Record who acknowledged it and when (once; `conflict` when already acknowledged). */
  acknowledge(id: string, by: string, at: string): Promise<UpdateOutcome<ClinicalAlert>>;
  /**
   * Link a safety assessment to the alerts that have none yet, raised by this administration, or
   * (a session reference) this session's own risk alerts (`session_risk`: not the item-9 alerts of
   * administrations that name the session); returns how many alerts were linked.
   */
  linkSafetyAssessment(
    ref: { administrationId: string } | { sessionId: string },
    assessmentId: string,
  ): Promise<number>;
  /** The session's open (unacknowledged) `session_risk` alert, if there is one. */
  openSessionRisk(sessionId: string): Promise<ClinicalAlert | undefined>;
  /**
   * Record that `userId` has seen these alerts (insert-if-absent); returns the ids seen for the
   * first time (each only once, ever, per user).
   */
  markRead(alertIds: readonly string[], userId: string, at: string): Promise<string[]>;
  /** Of these alerts, the ones `userId` has not seen yet (a read-only check before `markRead`). */
  unread(alertIds: readonly string[], userId: string): Promise<string[]>;
}

/**
 * Sliding-window hit counters for public endpoints, shared by every process on the database. A
 * key (e.g. `respond-fail:<address>`) is stored only as its `FieldCipher.lookupKey` (an HMAC
 * under a key derived from the master key), so the table cannot be turned back into addresses.
 */
export interface RateLimitRepo {
  /**
   * One hit of `key` at `now`, recorded only when allowed: atomically across processes, counts
   * the key's hits since `windowStart` and, when there are fewer than `limit`, records this one
   * (`allowed`, `count` including it); otherwise records nothing (`allowed: false`, `count` the
   * hits in the window). Also deletes a bounded number of hits older than `windowStart` of ANY
   * key, so keys that never come back disappear: every user of the table must use the same
   * window (or a shorter one).
   */
  take(
    key: string,
    now: string,
    windowStart: string,
    limit: number,
  ): Promise<{ allowed: boolean; count: number }>;
  /** The key's hits within the window. */
  count(key: string, windowStart: string): Promise<number>;
}
