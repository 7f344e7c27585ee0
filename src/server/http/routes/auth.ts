import { z } from 'zod';
import { AuthService } from '../../services/auth.js';
import { clientIp, fromLoopback } from '../client-ip.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { defineRoute, type Route } from '../route.js';
import { endSession, startSession } from '../session.js';
import {
  LoginBody,
  MfaEnableBody,
  MfaSetupReply,
  PasswordBody,
  SessionReply,
  SetupBody,
  SignedInReply,
  UserReply,
} from './schemas.js';

/** First-run setup and sign-in: setup, login, logout, session, MFA enrolment, password. */
export function authRoutes(deps: AppDeps): Route[] {
  const auth = new AuthService(deps);
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
      handler: ({ actor, session }) =>
        Promise.resolve({
          body: {
            user: actor,
            csrfToken: session.csrfToken,
            mfaEnrollmentRequired: actor.role === 'admin' && !actor.mfaEnabled,
          },
        }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/auth/mfa/setup',
      summary: 'Start MFA enrolment: a new TOTP secret and its otpauth:// URI',
      tags: ['auth'],
      auth: 'user',
      allowWithoutMfa: true,
      responses: { 200: MfaSetupReply },
      handler: async ({ actor }) => ({ body: await auth.setupMfa(actor) }),
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
      summary: 'Change your password (signs out your other sessions)',
      tags: ['auth'],
      auth: 'user',
      body: PasswordBody,
      responses: { 204: null },
      handler: async ({ actor, session, body, c, deps: d }) => {
        await auth.changePassword(actor, { ...body, ip: clientIp(c, d.config) });
        await d.store.transaction(async (tx) => {
          await tx.authSessions.deleteForUser(actor.id);
          await tx.authSessions.create(session);
        });
        return { status: 204 };
      },
    }),
  ];
}
