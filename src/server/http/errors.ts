import type { z } from 'zod';
import { isDocscribError, type ErrorCode } from '../../core/errors.js';
import {
  isApiError,
  validationFailed,
  type ApiError,
  type ErrorStatus,
  type ApiErrorCode,
  type ValidationIssue,
} from '../errors.js';

/**
 * The JSON error body of the HTTP API, and the one function that turns anything thrown by a route
 * into it (`errorBody`). The outcomes themselves and their statuses are in server/errors.ts.
 */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    hint?: string;
    issues?: ValidationIssue[];
  };
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
  return validationFailed(issues);
}

function formatPath(where: string, path: readonly PropertyKey[]): string {
  let out = where;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}

/**
 * Whether a core error is about what the caller sent (400 `bad_request`, its message and hint
 * passed on: they name lines and fields, never text): an unreadable transcript (`input.*`), a
 * plan or a note the engine cannot use. Every other code is the server's (500 `internal`): a
 * stored field that does not decrypt (tampering, a wrong key), a command-line `usage` error that
 * reached the API. A new code must be placed here (the switch is exhaustive).
 */
export function isCallerError(code: ErrorCode): boolean {
  switch (code) {
    case 'input.empty':
    case 'input.binary':
    case 'input.encoding':
    case 'input.too_large':
    case 'input.format_unknown':
    case 'input.parse':
    case 'input.roles':
    case 'plan.invalid':
    case 'note.invalid':
    case 'audio.decode':
      return true;
    case 'usage':
    case 'decrypt_failed':
    case 'engine.unavailable':
    case 'engine.model':
    case 'engine.failed':
      return false;
  }
}

/**
 * The response for anything a route threw. `ApiError` → its status and body; a core
 * `DocscribError` about the caller's input (`isCallerError`) → 400 `bad_request`; anything else
 * (an `InternalError`, any other core error, a bug) → 500 `internal` with a generic message,
 * logged by the app. Never a stack trace or internal detail.
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
  if (isDocscribError(e) && isCallerError(e.code)) {
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
