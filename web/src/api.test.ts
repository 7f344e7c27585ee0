import { describe, expect, it } from 'vitest';
import {
  ApiClient,
  ApiError,
  describeError,
  errorFromBody,
  issueLabel,
  parseRetryAfter,
  type FetchFn,
} from './api';
import { EMPTY_PROFILE } from './clients';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>): {
  fetchFn: FetchFn;
  calls: Call[];
} {
  const calls: Call[] = [];
  return {
    calls,
    fetchFn: async (url, init) => {
      const call = { url, init };
      calls.push(call);
      return respond(call);
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

const header = (call: Call | undefined, name: string): string | undefined =>
  (call?.init.headers as Record<string, string> | undefined)?.[name];

const token = () => `csrf-${Math.random().toString(36).slice(2)}`;

describe('ApiClient', () => {
  it('sends the CSRF token on unsafe methods only', async () => {
    const { fetchFn, calls } = fakeFetch(() => json(200, { clients: [] }));
    const client = new ApiClient(fetchFn);
    const csrf = token();
    client.setCsrfToken(csrf);
    await client.clients();
    await client.createClient({ ...EMPTY_PROFILE, name: 'X' });
    await client.updateUser('abcdefghij', { disabled: true });
    expect(header(calls[0], 'X-CSRF-Token')).toBeUndefined();
    expect(calls[1]?.init.method).toBe('POST');
    expect(header(calls[1], 'X-CSRF-Token')).toBe(csrf);
    expect(header(calls[1], 'Content-Type')).toBe('application/json');
    expect(header(calls[2], 'X-CSRF-Token')).toBe(csrf);
    expect(calls[2]?.init.method).toBe('PATCH');
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
  });

  it('puts ids into paths encoded and bodies as JSON', async () => {
    const { fetchFn, calls } = fakeFetch(() => json(200, { note: {} }));
    const client = new ApiClient(fetchFn);
    await client.signNote('a/b', 7);
    expect(calls[0]?.url).toBe('/api/notes/a%2Fb/sign');
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ version: 7 });
  });

  it('turns the error envelope into an ApiError with code, hint and issues', async () => {
    const { fetchFn } = fakeFetch(() =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'The request has 1 problem.',
          hint: 'Fix the fields named.',
          issues: [{ path: 'body.profile.dateOfBirth', message: 'must be a date' }],
        },
      }),
    );
    const err = await new ApiClient(fetchFn).clients().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(400);
    expect(e.code).toBe('validation_failed');
    expect(e.hint).toBe('Fix the fields named.');
    expect(describeError(e).issues).toEqual([
      { label: 'Date of birth', message: 'must be a date' },
    ]);
  });

  it('reports a 401 to the app (sign in again) except where the caller handles it', async () => {
    const { fetchFn } = fakeFetch(() =>
      json(401, { error: { code: 'unauthenticated', message: 'You are not signed in.' } }),
    );
    const client = new ApiClient(fetchFn);
    const seen: string[] = [];
    client.setHandlers({ onUnauthenticated: (e) => seen.push(e.code) });
    await expect(client.note('abcdefghij')).rejects.toBeInstanceOf(ApiError);
    expect(seen).toEqual(['unauthenticated']);
    await expect(client.login({ email: 'a@b.c', password: 'x' })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(client.authSession()).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual(['unauthenticated']);
  });

  it('keeps mfa_required for the sign-in form and reports mfa_enrollment_required', async () => {
    let code = 'mfa_required';
    const { fetchFn } = fakeFetch(() =>
      json(code === 'mfa_required' ? 401 : 403, { error: { code, message: 'm' } }),
    );
    const client = new ApiClient(fetchFn);
    const seen: string[] = [];
    client.setHandlers({
      onUnauthenticated: () => seen.push('401'),
      onMfaEnrollmentRequired: () => seen.push('enrol'),
    });
    await expect(client.login({ email: 'a@b.c', password: 'p' })).rejects.toMatchObject({
      code: 'mfa_required',
    });
    code = 'mfa_enrollment_required';
    await expect(client.users()).rejects.toMatchObject({ code });
    expect(seen).toEqual(['enrol']);
  });

  it('says the server is unreachable when fetch fails', async () => {
    const client = new ApiClient(() => Promise.reject(new TypeError('Failed to fetch')));
    const err = (await client.clients().catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('network');
    expect(err.status).toBe(0);
    expect(describeError(err).message).toMatch(/could not reach/i);
  });

  it('gives a plain message for an error answer that is not the envelope', async () => {
    const { fetchFn } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const err = (await new ApiClient(fetchFn).clients().catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('internal');
    expect(err.message).not.toMatch(/html/i);
  });

  it('returns undefined for 204 and refuses an unreadable success body', async () => {
    let body: string | null = null;
    const { fetchFn } = fakeFetch(() =>
      body === null ? new Response(null, { status: 204 }) : new Response(body, { status: 200 }),
    );
    const client = new ApiClient(fetchFn);
    await expect(client.logout()).resolves.toBeUndefined();
    body = 'not json';
    await expect(client.clients()).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('adopts the new CSRF token a password change answers, and keeps the old one if it fails', async () => {
    const fresh = token();
    let fail = true;
    const { fetchFn, calls } = fakeFetch(({ url }) => {
      if (url === '/api/auth/password') {
        return fail
          ? json(400, { error: { code: 'validation_failed', message: 'Wrong password.' } })
          : json(200, { csrfToken: fresh });
      }
      return json(200, { users: [] });
    });
    const client = new ApiClient(fetchFn);
    const old = token();
    client.setCsrfToken(old);
    const body = { currentPassword: 'a'.repeat(12), newPassword: 'b'.repeat(12) };
    await expect(client.changePassword(body)).rejects.toMatchObject({ status: 400 });
    await client.verifyAudit();
    expect(header(calls[1], 'X-CSRF-Token')).toBe(old);
    fail = false;
    await client.changePassword(body);
    expect(header(calls[2], 'X-CSRF-Token')).toBe(old);
    await client.verifyAudit();
    expect(header(calls[3], 'X-CSRF-Token')).toBe(fresh);
  });

  it('sends the current password to start MFA enrolment, and the proposal answered', async () => {
    const { fetchFn, calls } = fakeFetch(() => json(200, {}));
    const client = new ApiClient(fetchFn);
    await client.mfaSetup('my current password');
    await client.answerSupervision('sup-id-1234', true);
    await client.answerSupervision('sup-id-1234', false);
    await client.resetMfa('u/1');
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['POST', '/api/auth/mfa/setup'],
      ['POST', '/api/auth/supervision/accept'],
      ['POST', '/api/auth/supervision/decline'],
      ['POST', '/api/users/u%2F1/mfa/reset'],
    ]);
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({
      currentPassword: 'my current password',
    });
    expect(JSON.parse(calls[1]?.init.body as string)).toEqual({ supervisorId: 'sup-id-1234' });
  });
});

describe('error details', () => {
  it('throttled: says when to try again from Retry-After', () => {
    const e = errorFromBody(
      429,
      { error: { code: 'throttled', message: 'Too many failed sign-ins.' } },
      '600',
    );
    expect(e.retryAfter).toBe(600);
    expect(describeError(e)).toMatchObject({
      message: 'Too many failed sign-ins.',
      hint: 'Try again in 10 minutes.',
    });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('names fields for people', () => {
    expect(issueLabel('body.details.startTime')).toBe('Start time');
    expect(issueLabel('body.profile.identifiers.0.value')).toBe('Value');
    expect(issueLabel('body')).toBe('');
    expect(issueLabel('query.limit')).toBe('Limit');
  });

  it('never shows an internal error message or stack', () => {
    const view = describeError(new Error('TypeError at foo.ts:12 secret'));
    expect(view.message).toBe('Something went wrong in the app.');
    expect(JSON.stringify(view)).not.toMatch(/secret|foo\.ts/);
  });

  it('ignores malformed issues', () => {
    const e = errorFromBody(400, {
      error: {
        code: 'validation_failed',
        message: 'm',
        issues: [{ path: 1 }, 'x', { message: 'ok' }],
      },
    });
    expect(e.issues).toEqual([{ path: '', message: 'ok' }]);
  });
});
