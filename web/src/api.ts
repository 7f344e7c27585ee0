/**
 * The one typed client of the DocScrib HTTP API. It sends the CSRF token on unsafe methods,
 * turns the error envelope `{ error: { code, message, hint, issues } }` (or a failed connection)
 * into an `ApiError` with a message for people, and tells the app when the session has ended
 * (401) or MFA enrolment is required, so it can show the right screen.
 */
import type {
  AuditEntry,
  AuditVerifyResult,
  AuthPayload,
  Client,
  ClientPlan,
  ClientProfile,
  FhirResource,
  NewSessionRequest,
  NewUser,
  Note,
  NoteDetail,
  NoteSectionText,
  NoteSummary,
  PracticeSettings,
  ProcessNote,
  ProgressNote,
  Session,
  SessionDetail,
  SessionInfo,
  Supervision,
  User,
  UserPatch,
  Addendum,
  CaptureState,
  CaptureView,
  CaptureSummary,
  SpeechEnginesReport,
  StartCaptureRequest,
} from './types';

export interface ApiIssue {
  path: string;
  message: string;
}

/** An error answer of the API, or a request that never got one (`status` 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly issues: readonly ApiIssue[] = [],
    /** Seconds to wait, from `Retry-After` on `throttled`. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

const GENERIC: Record<number, string> = {
  400: 'The server could not accept this request.',
  401: 'You are not signed in.',
  403: 'You may not do this.',
  404: 'The record was not found.',
  409: 'The record was changed or locked in the meantime.',
  413: 'What you sent is too large.',
  429: 'Too many attempts.',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseIssues(v: unknown): ApiIssue[] {
  if (!Array.isArray(v)) return [];
  const out: ApiIssue[] = [];
  for (const item of v) {
    if (isObject(item) && typeof item.message === 'string') {
      out.push({ path: typeof item.path === 'string' ? item.path : '', message: item.message });
    }
  }
  return out;
}

/** `Retry-After` as seconds (delta form or HTTP date), when present and sensible. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The ApiError for a non-2xx answer: the envelope when there is one, a plain message if not. */
export function errorFromBody(
  status: number,
  body: unknown,
  retryAfterHeader: string | null = null,
): ApiError {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  const err = isObject(body) ? body.error : undefined;
  if (isObject(err) && typeof err.code === 'string' && typeof err.message === 'string') {
    const hint = typeof err.hint === 'string' ? err.hint : undefined;
    return new ApiError(status, err.code, err.message, hint, parseIssues(err.issues), retryAfter);
  }
  if (status >= 500) {
    return new ApiError(
      status,
      'internal',
      'The server ran into a problem and could not finish this request.',
      'Try again in a moment. If it keeps happening, tell your administrator.',
      [],
      retryAfter,
    );
  }
  return new ApiError(
    status,
    'http_' + String(status),
    GENERIC[status] ?? `The server answered with status ${status}.`,
    undefined,
    [],
    retryAfter,
  );
}

export const networkError = (): ApiError =>
  new ApiError(
    0,
    'network',
    'Could not reach the DocScrib server.',
    'Check that it is running and that this computer is connected, then try again.',
  );

/** Words for a field path like `body.profile.dateOfBirth` or `body.details.startTime`. */
export function issueLabel(path: string): string {
  const last = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p));
  const name = last[last.length - 1];
  if (name === undefined || name === 'body' || name === 'query' || name === 'params') return '';
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

export interface ErrorView {
  message: string;
  hint?: string;
  issues: { label: string; message: string }[];
}

/** What to show people for anything a request (or the app) threw. Never a stack trace. */
export function describeError(e: unknown): ErrorView {
  if (e instanceof ApiError) {
    let hint = e.hint;
    if (e.code === 'throttled' && e.retryAfter !== undefined) {
      const minutes = Math.max(1, Math.ceil(e.retryAfter / 60));
      hint = `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    }
    return {
      message: e.message,
      ...(hint !== undefined ? { hint } : {}),
      issues: e.issues.map((i) => ({ label: issueLabel(i.path), message: i.message })),
    };
  }
  return {
    message: 'Something went wrong in the app.',
    hint: 'Reload the page and try again.',
    issues: [],
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** false: a 401 is the caller's business (sign-in, setup, the first session check). */
  authRedirect?: boolean;
  /**
   * A check the app makes on its own (not the person's doing): the server does not count it as
   * activity, so it cannot keep an unattended session alive.
   */
  background?: boolean;
}

export interface ApiHandlers {
  /** A request answered 401: the session ended (timed out, signed out elsewhere). */
  onUnauthenticated?: (e: ApiError) => void;
  /** A request answered 403 `mfa_enrollment_required`. */
  onMfaEnrollmentRequired?: (e: ApiError) => void;
}

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

const enc = encodeURIComponent;

export class ApiClient {
  private csrfToken: string | null = null;
  private handlers: ApiHandlers = {};

  constructor(private readonly fetchFn: FetchFn = (i, init) => fetch(i, init)) {}

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  setHandlers(handlers: ApiHandlers): void {
    this.handlers = handlers;
  }

  /** The raw response of a request, after the error handling (for downloads). */
  async send(
    method: Method,
    path: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken !== null) headers['X-CSRF-Token'] = this.csrfToken;
    if (opts.background === true) headers['X-DocScrib-Background'] = '1';
    let res: Response;
    try {
      res = await this.fetchFn(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw networkError();
    }
    if (res.ok) return res;
    let parsed: unknown = undefined;
    try {
      parsed = await res.json();
    } catch {
      // not JSON (a proxy page, an empty body): the status speaks for itself
    }
    const err = errorFromBody(res.status, parsed, res.headers.get('Retry-After'));
    if (res.status === 401 && opts.authRedirect !== false) this.handlers.onUnauthenticated?.(err);
    if (err.code === 'mfa_enrollment_required') this.handlers.onMfaEnrollmentRequired?.(err);
    throw err;
  }

  async request<T>(
    method: Method,
    path: string,
    body?: unknown,
    opts?: RequestOptions,
  ): Promise<T> {
    const res = await this.send(method, path, body, opts);
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError(
        res.status,
        'bad_response',
        'The server sent an answer the app could not read.',
        'Reload the page; if it keeps happening, the server may need updating.',
      );
    }
  }

  // ── Setup and authentication ──────────────────────────────────────────────
  setupStatus = () =>
    this.request<{ needsSetup: boolean }>('GET', '/api/setup', undefined, { authRedirect: false });
  setup = (body: { email: string; name: string; password: string }) =>
    this.request<AuthPayload>('POST', '/api/setup', body, { authRedirect: false });
  login = (body: { email: string; password: string; totp?: string }) =>
    this.request<AuthPayload>('POST', '/api/auth/login', body, { authRedirect: false });
  authSession = (opts: { background?: boolean } = {}) =>
    this.request<SessionInfo>('GET', '/api/auth/session', undefined, {
      authRedirect: false,
      ...(opts.background === true ? { background: true } : {}),
    });
  logout = () =>
    this.request<undefined>('POST', '/api/auth/logout', undefined, { authRedirect: false });
  /** Start MFA enrolment; the current password is asked again (a borrowed session is not enough). */
  mfaSetup = (currentPassword: string) =>
    this.request<{ secret: string; otpauthUri: string }>('POST', '/api/auth/mfa/setup', {
      currentPassword,
    });
  mfaEnable = (code: string) =>
    this.request<{ user: User }>('POST', '/api/auth/mfa/enable', { code });
  /** Every session ends; this one goes on under a new session and CSRF token (adopted here). */
  changePassword = async (body: { currentPassword: string; newPassword: string }) => {
    const reply = await this.request<{ csrfToken: string }>('POST', '/api/auth/password', body);
    this.setCsrfToken(reply.csrfToken);
    return reply;
  };
  /** Answer the supervisor an administrator proposed (`supervision.pending.id`). */
  answerSupervision = (supervisorId: string, accept: boolean) =>
    this.request<{ user: User; supervision: Supervision }>(
      'POST',
      `/api/auth/supervision/${accept ? 'accept' : 'decline'}`,
      { supervisorId },
    );

  // ── Administration ────────────────────────────────────────────────────────
  users = () => this.request<{ users: User[] }>('GET', '/api/users');
  createUser = (body: NewUser) => this.request<{ user: User }>('POST', '/api/users', body);
  updateUser = (id: string, body: UserPatch) =>
    this.request<{ user: User }>('PATCH', `/api/users/${enc(id)}`, body);
  /** Clear a user's two-step sign-in (lost authenticator); they are signed out everywhere. */
  resetMfa = (id: string) =>
    this.request<{ user: User }>('POST', `/api/users/${enc(id)}/mfa/reset`);
  audit = (after?: number, limit = 100) =>
    this.request<{ entries: AuditEntry[] }>(
      'GET',
      `/api/audit?${after !== undefined ? `after=${after}&` : ''}limit=${limit}`,
    );
  verifyAudit = () => this.request<AuditVerifyResult>('POST', '/api/audit/verify');
  settings = () => this.request<{ settings: PracticeSettings }>('GET', '/api/settings');
  saveSettings = (body: PracticeSettings) =>
    this.request<{ settings: PracticeSettings }>('PUT', '/api/settings', body);

  // ── Clients ───────────────────────────────────────────────────────────────
  clients = () => this.request<{ clients: Client[] }>('GET', '/api/clients');
  createClient = (profile: ClientProfile) =>
    this.request<{ client: Client }>('POST', '/api/clients', { profile });
  client = (id: string) =>
    this.request<{ client: Client; plan: ClientPlan }>('GET', `/api/clients/${enc(id)}`);
  updateClient = (id: string, profile: ClientProfile) =>
    this.request<{ client: Client }>('PATCH', `/api/clients/${enc(id)}`, { profile });
  savePlan = (id: string, plan: ClientPlan) =>
    this.request<{ plan: ClientPlan }>('PUT', `/api/clients/${enc(id)}/plan`, plan);
  sessionsOf = (clientId: string) =>
    this.request<{ sessions: Session[]; captures?: Record<string, CaptureSummary> }>(
      'GET',
      `/api/clients/${enc(clientId)}/sessions`,
    );
  notesOf = (clientId: string) =>
    this.request<{ notes: NoteSummary[] }>('GET', `/api/clients/${enc(clientId)}/notes`);
  createSession = (clientId: string, body: NewSessionRequest) =>
    this.request<{ session: Session; note: ProgressNote }>(
      'POST',
      `/api/clients/${enc(clientId)}/sessions`,
      body,
    );
  therapySession = (id: string) => this.request<SessionDetail>('GET', `/api/sessions/${enc(id)}`);

  // ── Audio: live recording, upload, speakers ────────────────────────────────
  /** Create a session whose transcript comes from audio (consent to record required). */
  startCapture = (clientId: string, body: StartCaptureRequest) =>
    this.request<{ session: Session; capture: CaptureState }>(
      'POST',
      `/api/clients/${enc(clientId)}/captures`,
      body,
    );
  /**
   * A session's capture: status, progress, error, note id. `segments: true` adds the transcript
   * so far and the speakers (`speech`): a transcript read, audited; polling leaves it out.
   */
  capture = (sessionId: string, opts: { background?: boolean; segments?: boolean } = {}) =>
    this.request<{ capture: CaptureView }>(
      'GET',
      `/api/sessions/${enc(sessionId)}/capture${opts.segments === true ? '?include=segments' : ''}`,
      undefined,
      opts.background === undefined ? {} : { background: opts.background },
    );
  /** Name each speaker's role; the draft note is written again from the relabelled transcript. */
  relabelSpeakers = (sessionId: string, roles: Record<string, 'clinician' | 'client' | 'other'>) =>
    this.request<{ note: ProgressNote }>('PUT', `/api/sessions/${enc(sessionId)}/speakers`, {
      roles,
    });
  speechEngines = () => this.request<SpeechEnginesReport>('GET', '/api/speech/engines');

  /**
   * Send an audio file as the session's recording (`PUT /api/sessions/:id/audio`, the file as the
   * body). XMLHttpRequest, not fetch: it reports upload progress (0–1) to `onProgress`.
   */
  uploadAudio(
    sessionId: string,
    file: Blob,
    onProgress: (fraction: number) => void,
  ): Promise<{ capture: CaptureState }> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', `/api/sessions/${enc(sessionId)}/audio`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader(
        'Content-Type',
        file.type !== '' ? file.type : 'application/octet-stream',
      );
      if (this.csrfToken !== null) xhr.setRequestHeader('X-CSRF-Token', this.csrfToken);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onerror = () => {
        reject(networkError());
      };
      xhr.onload = () => {
        let parsed: unknown = undefined;
        try {
          parsed = JSON.parse(xhr.responseText);
        } catch {
          // not JSON: the status speaks for itself
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(parsed as { capture: CaptureState });
          return;
        }
        const err = errorFromBody(xhr.status, parsed, xhr.getResponseHeader('Retry-After'));
        if (xhr.status === 401) this.handlers.onUnauthenticated?.(err);
        reject(err);
      };
      xhr.send(file);
    });
  }

  // ── Notes ─────────────────────────────────────────────────────────────────
  note = (id: string) => this.request<NoteDetail>('GET', `/api/notes/${enc(id)}`);
  saveNote = (id: string, body: Note, version: number) =>
    this.request<{ note: ProgressNote }>('PUT', `/api/notes/${enc(id)}`, { body, version });
  signNote = (id: string, version: number) =>
    this.request<{ note: ProgressNote }>('POST', `/api/notes/${enc(id)}/sign`, { version });
  cosignNote = (id: string) =>
    this.request<{ note: ProgressNote }>('POST', `/api/notes/${enc(id)}/cosign`);
  addAddendum = (id: string, text: string) =>
    this.request<{ addendum: Addendum }>('POST', `/api/notes/${enc(id)}/addenda`, { text });
  noteText = (id: string) =>
    this.request<{ sections: NoteSectionText[] }>('GET', `/api/notes/${enc(id)}/text`);
  notePdf = (id: string) => this.send('GET', `/api/notes/${enc(id)}/pdf`);
  noteFhir = (id: string, resource: FhirResource) =>
    this.request<unknown>('GET', `/api/notes/${enc(id)}/fhir?resource=${resource}`);

  // ── Private process notes ─────────────────────────────────────────────────
  processNotes = (clientId: string) =>
    this.request<{ processNotes: ProcessNote[] }>(
      'GET',
      `/api/clients/${enc(clientId)}/process-notes`,
    );
  addProcessNote = (clientId: string, body: { text: string; sessionId?: string }) =>
    this.request<unknown>('POST', `/api/clients/${enc(clientId)}/process-notes`, body);
  updateProcessNote = (id: string, text: string) =>
    this.request<unknown>('PUT', `/api/process-notes/${enc(id)}`, { text });
}

/** The app's client (same origin as the page). */
export const api = new ApiClient();
