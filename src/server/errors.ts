/**
 * The typed error outcomes of the server, mapped to an HTTP status in ONE place (`STATUS`).
 * Services and routes throw `ApiError` (a caller's problem, or a state they must know about) or
 * `InternalError` (a server fault). http/errors.ts turns whatever a route threw into the JSON
 * error body.
 *
 * Messages say what was wrong and what to do; they never quote request or record content (PHI):
 * they name fields, lines and ids only.
 */
export const STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  mfa_required: 401,
  mfa_enrollment_required: 403,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  /** A one-time questionnaire link that cannot be used (unknown, expired, used or revoked: one answer). */
  link_invalid: 404,
  conflict: 409,
  note_locked: 409,
  /** The request named a host this server does not answer to (DNS rebinding, a LAN address). */
  misdirected_request: 421,
  payload_too_large: 413,
  unsupported_media_type: 415,
  throttled: 429,
  internal: 500,
} as const;

export type ApiErrorCode = keyof typeof STATUS;
export type ErrorStatus = (typeof STATUS)[ApiErrorCode];

export interface ValidationIssue {
  /** Where in the request: `body.profile.name`, `query.limit`, `params.id`. */
  path: string;
  message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly hint: string | undefined;
  readonly issues: ValidationIssue[] | undefined;
  /** Extra response headers, e.g. `Retry-After` for `throttled`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    opts: { hint?: string; issues?: ValidationIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.hint = opts.hint;
    this.issues = opts.issues;
    this.headers = opts.headers ?? {};
  }

  get status(): ErrorStatus {
    return STATUS[this.code];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

// ── Common errors, so the same situation reads the same everywhere ───────────

export const notFound = (what = 'record'): ApiError =>
  new ApiError('not_found', `No such ${what}.`, {
    hint: 'Check the id; it may have been removed, or you may not have access to it.',
  });

export const forbidden = (): ApiError =>
  new ApiError('forbidden', 'Your role may not use this part of DocScrib.', {
    hint: 'Ask an administrator if you think you need access.',
  });

export const unauthenticated = (message = 'You are not signed in.'): ApiError =>
  new ApiError('unauthenticated', message, { hint: 'Sign in and try again.' });

export const conflict = (message: string, hint: string): ApiError =>
  new ApiError('conflict', message, { hint });

/** The error for a failed store write (`UpdateOutcome` with ok: false). */
export function outcomeError(
  reason: 'not_found' | 'conflict' | 'locked',
  what = 'record',
): ApiError {
  switch (reason) {
    case 'not_found':
      return notFound(what);
    case 'conflict':
      return conflict(
        `The ${what} was changed by someone else since you loaded it.`,
        'Reload it and apply your change again.',
      );
    case 'locked':
      return new ApiError('note_locked', `The ${what} is signed and can no longer be changed.`, {
        hint: 'Add an addendum instead.',
      });
  }
}

/**
 * 400 `validation_failed`: what in the request broke a rule, one issue per problem (`path` names
 * the part: `body.profile.name`, `query.limit`, `params.id`; the message says what it must be,
 * never quoting the value). The one message shape: "The request body is not valid (body.x: …)."
 * naming the first problem, and how many there are when more than one.
 */
export function validationFailed(
  issues: readonly ValidationIssue[],
  hint = 'Fix the fields listed in `issues` and send it again.',
): ApiError {
  const first = issues[0];
  const where = first?.path.split(/[.[]/)[0] ?? '';
  const summary = first ? `${first.path}: ${first.message.replace(/\.$/, '')}` : '';
  const count = issues.length > 1 ? `${issues.length} problems; first ` : '';
  const message = first
    ? `The request ${where} is not valid (${count}${summary}).`
    : 'The request is not valid.';
  return new ApiError('validation_failed', message, { hint, issues: [...issues] });
}

/**
 * A server fault with a detail for the operator: the app logs `detail` (PHI-free: field paths,
 * record ids, counts; never request or record content) and answers 500 `internal` with the
 * generic message. The detail is never sent to the client.
 */
export class InternalError extends Error {
  override readonly name = 'InternalError';

  constructor(readonly detail: string) {
    super(detail);
  }
}

export function isInternalError(e: unknown): e is InternalError {
  return e instanceof InternalError;
}
