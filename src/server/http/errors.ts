import type { z } from 'zod';
import { isDocscribError } from '../../core/errors.js';
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
