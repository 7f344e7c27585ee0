import type { z } from 'zod';
import { isDocscribError } from '../../core/errors.js';

/**
 * Typed error outcomes of the HTTP API, mapped to a status in ONE place (`STATUS`), and the one
 * function that turns anything thrown by a route into the JSON error body (`errorBody`).
 *
 * Services and routes throw `ApiError`. Messages say what was wrong and what to do; they never
 * quote request content (PHI): they name fields, lines and ids only.
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

export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    hint?: string;
    issues?: ValidationIssue[];
  };
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

/** A zod failure on part of the request (`body`, `query`, `params`) as `validation_failed`. */
export function validationError(where: 'body' | 'query' | 'params', error: z.ZodError): ApiError {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const base = formatPath(where, issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          path: `${base}.${key}`,
          message: 'unknown field; remove it (see GET /api/openapi.json for the fields allowed)',
        });
      }
    } else {
      issues.push({ path: base, message: issue.message });
    }
  }
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  return new ApiError(
    'validation_failed',
    `The request ${where} is not valid (${issues.length === 1 ? summary : `${issues.length} problems; first ${summary}`}).`,
    { hint: 'Fix the fields listed in `issues` and send it again.', issues },
  );
}

function formatPath(where: string, path: readonly PropertyKey[]): string {
  let out = where;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}

/**
 * The response for anything a route threw. `ApiError` → its status and body; a core
 * `DocscribError` (e.g. an unreadable transcript; its messages name lines, never text) → 400
 * `bad_request`, except `decrypt_failed` (server-side: tampered data or a wrong key); anything else → 500 `internal` with a generic message. Never a stack trace.
 */
export function errorBody(e: unknown): {
  status: ErrorStatus;
  body: ApiErrorBody;
  headers: Readonly<Record<string, string>>;
} {
  if (isApiError(e)) {
    const error: ApiErrorBody['error'] = { code: e.code, message: e.message };
    if (e.hint !== undefined) error.hint = e.hint;
    if (e.issues !== undefined) error.issues = e.issues;
    return { status: e.status, body: { error }, headers: e.headers };
  }
  // Input problems are the caller's (400); a stored field that does not decrypt (tampering, a
  // wrong key) is the server's: 500 like any other internal failure, logged by the caller.
  if (isDocscribError(e) && e.code !== 'usage' && e.code !== 'decrypt_failed') {
    const where = e.location.line !== undefined ? ` (line ${e.location.line})` : '';
    return {
      status: 400,
      body: { error: { code: 'bad_request', message: `${e.message}${where}`, hint: e.hint } },
      headers: {},
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'internal',
        message: 'Something went wrong on the server.',
        hint: 'Try again; if it keeps happening, tell your administrator (the server log has the details).',
      },
    },
    headers: {},
  };
}
