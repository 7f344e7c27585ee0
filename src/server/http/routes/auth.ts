import { z } from 'zod';
import { AuthService } from '../../services/auth.js';
import { UserService } from '../../services/users.js';
import { clientIp, fromLoopback } from '../client-ip.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../../errors.js';
import { defineRoute, type Route } from '../route.js';
import { endSession, startSession } from '../session.js';
import {
  CsrfReply,
  LoginBody,
  MfaEnableBody,
  MfaSetupBody,
  MfaSetupReply,
  PasswordBody,
  SessionReply,
  SetupBody,
  SignedInReply,
  SupervisionBody,
  SupervisionReply,
  UserReply,
} from './schemas.js';

/**
 * First-run setup and sign-in: setup, login, logout, session, MFA enrolment, password, and the
 * caller's answer to a proposed supervisor.
 */
export function authRoutes(deps: AppDeps): Route[] {
  const auth = new AuthService(deps);
  const users = new UserService(deps);
  return [
    defineRoute({
      method: 'GET',
      path: '/api/setup',
      summary: 'Whether DocScrib still needs its first administrator',
      tags: ['setup'],
      auth: 'public',
      responses: { 200: z.object({ needsSetup: z.boolean() }) },
      handler: async () => ({ body: { needsSetup: await auth.needsSetup() } }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/setup',
      summary: 'Create the first administrator and sign in (409 once any user exists)',
      description:
        'Only from the server itself (a loopback address; behind DOCSCRIB_TRUST_PROXY the forwarded client address): 403 `forbidden` from anywhere else while no user exists. The new administrator must then enrol MFA (POST /api/auth/mfa/setup).',
      tags: ['setup'],
      auth: 'public',
      csrf: false,
      body: SetupBody,
      responses: { 201: SignedInReply },
      handler: async ({ body, c, deps: d, now }) => {
        // Once set up the answer is 409 from anywhere (GET /api/setup says as much already).
        if (!fromLoopback(c, d.config) && (await auth.needsSetup())) {
          throw new ApiError(
            'forbidden',
            'Create the first administrator on the server itself, or with `docscrib user add --role admin`.',
            {
              hint: 'Open http://localhost:<port> in a browser on the server (an SSH tunnel works), or run `docscrib user add --email you@example.org --role admin --password-stdin` there.',
            },
          );
        }
        const user = await auth.setup(body);
        if (c.get('auth')) await endSession(c, d);
        const state = await startSession(c, d, user, { mfaVerified: false, now });
        return { status: 201, body: { user, csrfToken: state.session.csrfToken } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/auth/login',
      summary: 'Sign in with email and password (and a TOTP code when MFA is on)',
      description:
        '401 unauthenticated (same answer for an unknown email and a wrong password), 401 mfa_required (send `totp`), 429 throttled after 5 failures per 15 min per email or 20 per address.',
      tags: ['auth'],
      auth: 'public',
      csrf: false,
      body: LoginBody,
      responses: { 200: SignedInReply },
      handler: async ({ body, c, deps: d, now }) => {
        const { user, mfaVerified } = await auth.login({ ...body, ip: clientIp(c, d.config) });
        // A new session for every sign-in: a session id set before login is never reused.
        if (c.get('auth')) await endSession(c, d);
        const state = await startSession(c, d, user, { mfaVerified, now });
        return { body: { user, csrfToken: state.session.csrfToken } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/auth/logout',
      summary: 'Sign out (ends this session)',
      tags: ['auth'],
      auth: 'user',
      allowWithoutMfa: true,
      responses: { 204: null },
      handler: async ({ actor, c, deps: d }) => {
        await auth.logout(actor);
        await endSession(c, d);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/auth/session',
      summary: 'The signed-in user and the CSRF token for unsafe requests',
      tags: ['auth'],
      auth: 'user',
      allowWithoutMfa: true,
      responses: { 200: SessionReply },
      handler: async ({ actor, session }) => ({
        body: {
          user: actor,
          csrfToken: session.csrfToken,
          mfaEnrollmentRequired: actor.role === 'admin' && !actor.mfaEnabled,
          supervision: await users.supervision(actor),
        },
      }),
    }),
    ...(['accept', 'decline'] as const).map((answer) =>
      defineRoute({
        method: 'POST',
        path: `/api/auth/supervision/${answer}`,
        summary:
          answer === 'accept'
            ? 'Accept the supervisor an administrator proposed (they then read your clinical records and co-sign your notes)'
            : 'Decline the supervisor an administrator proposed',
        description:
          'Send the id you were shown (`supervision.pending.id` of GET /api/auth/session); 409 `conflict` when another supervisor (or none) is pending now.',
        tags: ['auth'],
        auth: 'user',
        body: SupervisionBody,
        responses: { 200: SupervisionReply },
        handler: async ({ actor, body }) => {
          const user = await users.settleSupervision(actor, body.supervisorId, answer === 'accept');
          return { body: { user, supervision: await users.supervision(user) } };
        },
      }),
    ),
    defineRoute({
      method: 'POST',
      path: '/api/auth/mfa/setup',
      summary: 'Start MFA enrolment: a new TOTP secret and its otpauth:// URI',
      description:
        'Needs the current password (400 `validation_failed` when wrong, counted like a failed sign-in; 429 `throttled` past the limit). 409 once enrolled: an administrator resets it (POST /api/users/:id/mfa/reset).',
      tags: ['auth'],
      auth: 'user',
      allowWithoutMfa: true,
      body: MfaSetupBody,
      responses: { 200: MfaSetupReply },
      handler: async ({ actor, body, c, deps: d }) => ({
        body: await auth.setupMfa(actor, { ...body, ip: clientIp(c, d.config) }),
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/auth/mfa/enable',
      summary: 'Confirm MFA enrolment with a current code',
      tags: ['auth'],
      auth: 'user',
      allowWithoutMfa: true,
      body: MfaEnableBody,
      responses: { 200: UserReply },
      handler: async ({ actor, session, body, deps: d }) => {
        const user = await auth.enableMfa(actor, body.code);
        await d.store.authSessions.setMfaVerified(session.id);
        return { body: { user } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/auth/password',
      summary: 'Change your password (ends every session; this one continues under a new token)',
      description:
        'Answers the new session: a new cookie and `csrfToken` (use it from now on); the old session token no longer works, nor do your other sessions.',
      tags: ['auth'],
      auth: 'user',
      body: PasswordBody,
      responses: { 200: CsrfReply },
      handler: async ({ actor, session, body, c, deps: d, now }) => {
        await auth.changePassword(actor, { ...body, ip: clientIp(c, d.config) });
        await d.store.authSessions.deleteForUser(actor.id);
        // A new token and CSRF token; the absolute timeout stays the old session's.
        const next = await startSession(c, d, actor, {
          mfaVerified: session.mfaVerified,
          now,
          createdAt: session.createdAt,
        });
        return { body: { csrfToken: next.session.csrfToken } };
      },
    }),
  ];
}
