import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AuthSession, User } from '../domain/schemas.js';
import { hashToken, newToken, safeEqual } from '../security/tokens.js';
import type { AppDeps } from './deps.js';
import { ApiError, unauthenticated } from '../errors.js';

/**
 * Browser sessions: a random 256-bit token in an HttpOnly, Secure, SameSite=Strict `__Host-`
 * cookie; the store keeps only its SHA-256. Idle timeout 30 min, absolute 12 h; `lastSeenAt` is
 * written at most once a minute. A CSRF synchronizer token lives beside the session.
 */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
export const TOUCH_INTERVAL_MS = 60_000;

/** `__Host-` requires Secure; with secure cookies off (plain-http test rigs) drop the prefix. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-docscrib_session' : 'docscrib_session';
}

export interface AuthState {
  user: User;
  session: AuthSession;
}

export interface HttpEnv {
  Variables: {
    /** The signed-in user, once `resolveSession` has run and found a live session. */
    auth: AuthState | undefined;
    /** The matched route's pattern (`/api/users/:id`), for the request log. */
    routePattern: string | undefined;
  };
}

/** The cookie's token: 256 random bits, base64url. */
export const newSessionToken = newToken;
/** What the store keeps of a session token (its id): SHA-256, hex. */
export const hashSessionToken = hashToken;

/**
 * The live session of this request, or undefined (no cookie, unknown token, expired, user
 * disabled). Expired sessions are deleted and their cookie cleared. Cached on the context.
 */
export async function resolveSession(
  c: Context<HttpEnv>,
  deps: AppDeps,
  now: Date,
): Promise<AuthState | undefined> {
  const cached = c.get('auth');
  if (cached) return cached;
  const name = sessionCookieName(deps.config.secureCookies);
  const token = getCookie(c, name);
  if (token === undefined || token.length < 20 || token.length > 100) return undefined;
  const id = hashSessionToken(token);
  const session = await deps.store.authSessions.get(id);
  if (!session) {
    clearSessionCookie(c, deps);
    return undefined;
  }
  const t = now.getTime();
  const idle = t - Date.parse(session.lastSeenAt) > IDLE_TIMEOUT_MS;
  const absolute = t - Date.parse(session.createdAt) > ABSOLUTE_TIMEOUT_MS;
  const user = idle || absolute ? undefined : await deps.store.users.get(session.userId);
  if (!user || user.disabled) {
    await deps.store.authSessions.delete(id);
    clearSessionCookie(c, deps);
    return undefined;
  }
  // `X-DocScrib-Background: 1` marks a check the web app makes on its own (is the session still
  // alive?): it must not keep an unattended session alive, so it does not count as activity.
  const background = c.req.header('x-docscrib-background') === '1';
  if (!background && t - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    const lastSeenAt = now.toISOString();
    await deps.store.authSessions.touch(id, lastSeenAt);
    session.lastSeenAt = lastSeenAt;
  }
  const auth: AuthState = { user, session };
  c.set('auth', auth);
  return auth;
}

/**
 * Start a session for `user`: store its hash, set the cookie. Returns the CSRF token.
 * `createdAt` (a session replacing another, e.g. after a password change) keeps the absolute
 * timeout of the old one; by default it is `now`.
 */
export async function startSession(
  c: Context<HttpEnv>,
  deps: AppDeps,
  user: User,
  opts: { mfaVerified: boolean; now: Date; createdAt?: string },
): Promise<AuthState> {
  const token = newSessionToken();
  const at = opts.now.toISOString();
  const session: AuthSession = {
    id: hashSessionToken(token),
    userId: user.id,
    csrfToken: newSessionToken(),
    mfaVerified: opts.mfaVerified,
    createdAt: opts.createdAt ?? at,
    lastSeenAt: at,
  };
  await deps.store.authSessions.create(session);
  setSessionCookie(c, deps, token);
  const auth: AuthState = { user, session };
  c.set('auth', auth);
  return auth;
}

/** End this request's session (logout). */
export async function endSession(c: Context<HttpEnv>, deps: AppDeps): Promise<void> {
  const auth = c.get('auth');
  if (auth) await deps.store.authSessions.delete(auth.session.id);
  c.set('auth', undefined);
  clearSessionCookie(c, deps);
}

function cookieAttributes(deps: AppDeps): string {
  return `Path=/; HttpOnly; SameSite=Strict${deps.config.secureCookies ? '; Secure' : ''}`;
}

function setSessionCookie(c: Context<HttpEnv>, deps: AppDeps, token: string): void {
  const name = sessionCookieName(deps.config.secureCookies);
  const maxAge = Math.floor(ABSOLUTE_TIMEOUT_MS / 1000);
  c.header('Set-Cookie', `${name}=${token}; Max-Age=${maxAge}; ${cookieAttributes(deps)}`, {
    append: true,
  });
}

function clearSessionCookie(c: Context<HttpEnv>, deps: AppDeps): void {
  const name = sessionCookieName(deps.config.secureCookies);
  c.header('Set-Cookie', `${name}=; Max-Age=0; ${cookieAttributes(deps)}`, { append: true });
}

/** Unsafe methods must echo the session's CSRF token in `X-CSRF-Token`. */
export function checkCsrf(c: Context<HttpEnv>, auth: AuthState | undefined): void {
  if (!auth) throw unauthenticated();
  const sent = c.req.header('x-csrf-token');
  if (sent === undefined || !safeEqual(sent, auth.session.csrfToken)) {
    throw new ApiError('csrf_failed', 'The request is missing its CSRF token, or it is wrong.', {
      hint: 'Send the csrfToken from GET /api/auth/session in the X-CSRF-Token header.',
    });
  }
}
