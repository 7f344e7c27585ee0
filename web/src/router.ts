/**
 * A tiny hash router: `#/clients/<id>` style addresses, parsed into typed routes and back.
 * Addresses hold record ids only, never names or other PHI. Pure: the React side is in nav.ts.
 */
import type { Role } from './types';

export type Route =
  | { name: 'home' }
  | { name: 'setup' }
  | { name: 'signIn' }
  | { name: 'account' }
  | { name: 'users' }
  | { name: 'audit' }
  | { name: 'settings' }
  | { name: 'clients' }
  | { name: 'newClient' }
  | { name: 'client'; clientId: string }
  | { name: 'newSession'; clientId: string }
  | { name: 'recordSession'; clientId: string }
  | { name: 'liveSession'; sessionId: string }
  | { name: 'note'; noteId: string }
  | { name: 'toolkit' }
  | { name: 'clientPlan'; clientId: string }
  | { name: 'clientOutcomes'; clientId: string }
  | { name: 'clientSafety'; clientId: string }
  | { name: 'notAllowed' }
  | { name: 'notFound' };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The route for a `location.hash` value (`#/clients/abc`, `#clients`, `` → home). */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split(/[?#]/, 1)[0] ?? '';
  const parts = path.split('/').filter((p) => p !== '');
  const [a, b, c, d] = parts;
  const id = (s: string | undefined): s is string => s !== undefined && ID.test(s);
  switch (parts.length) {
    case 0:
      return { name: 'home' };
    case 1:
      if (a === 'setup') return { name: 'setup' };
      if (a === 'sign-in') return { name: 'signIn' };
      if (a === 'account') return { name: 'account' };
      if (a === 'clients') return { name: 'clients' };
      if (a === 'audit') return { name: 'audit' };
      if (a === 'users') return { name: 'users' };
      if (a === 'settings') return { name: 'settings' };
      if (a === 'toolkit') return { name: 'toolkit' };
      break;
    case 2:
      if (a === 'clients' && b === 'new') return { name: 'newClient' };
      if (a === 'clients' && id(b)) return { name: 'client', clientId: b };
      if (a === 'notes' && id(b)) return { name: 'note', noteId: b };
      break;
    case 3:
      if (a === 'sessions' && id(b) && c === 'record') return { name: 'liveSession', sessionId: b };
      if (a === 'clients' && id(b) && c === 'plan') return { name: 'clientPlan', clientId: b };
      if (a === 'clients' && id(b) && c === 'outcomes') {
        return { name: 'clientOutcomes', clientId: b };
      }
      if (a === 'clients' && id(b) && c === 'safety') return { name: 'clientSafety', clientId: b };
      break;
    case 4:
      if (a === 'clients' && id(b) && c === 'sessions' && d === 'new') {
        return { name: 'newSession', clientId: b };
      }
      if (a === 'clients' && id(b) && c === 'sessions' && d === 'record') {
        return { name: 'recordSession', clientId: b };
      }
      break;
  }
  return { name: 'notFound' };
}

/** The address of a route, for `href` and `location.hash`. */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'setup':
      return '#/setup';
    case 'signIn':
      return '#/sign-in';
    case 'account':
      return '#/account';
    case 'users':
      return '#/users';
    case 'audit':
      return '#/audit';
    case 'settings':
      return '#/settings';
    case 'clients':
      return '#/clients';
    case 'newClient':
      return '#/clients/new';
    case 'client':
      return `#/clients/${encodeURIComponent(route.clientId)}`;
    case 'newSession':
      return `#/clients/${encodeURIComponent(route.clientId)}/sessions/new`;
    case 'recordSession':
      return `#/clients/${encodeURIComponent(route.clientId)}/sessions/record`;
    case 'liveSession':
      return `#/sessions/${encodeURIComponent(route.sessionId)}/record`;
    case 'note':
      return `#/notes/${encodeURIComponent(route.noteId)}`;
    case 'toolkit':
      return '#/toolkit';
    case 'clientPlan':
      return `#/clients/${encodeURIComponent(route.clientId)}/plan`;
    case 'clientOutcomes':
      return `#/clients/${encodeURIComponent(route.clientId)}/outcomes`;
    case 'clientSafety':
      return `#/clients/${encodeURIComponent(route.clientId)}/safety`;
    case 'notAllowed':
    case 'notFound':
      return '#/';
  }
}

export type AuthView =
  | { state: 'loading' }
  | { state: 'setup' }
  | { state: 'signedOut' }
  | { state: 'signedIn'; role: Role; mfaEnrollmentRequired: boolean };

const ADMIN_ROUTES = new Set<Route['name']>(['users', 'audit', 'settings']);
const CLINICAL_ROUTES = new Set<Route['name']>([
  'clients',
  'newClient',
  'client',
  'newSession',
  'recordSession',
  'liveSession',
  'note',
  'toolkit',
  'clientPlan',
  'clientOutcomes',
  'clientSafety',
]);

export function homeFor(role: Role): Route {
  return role === 'admin' ? { name: 'users' } : { name: 'clients' };
}

/**
 * The screen to show for a requested route given who is signed in: first-run setup, sign-in,
 * the compulsory MFA enrolment, each role's home. Administrators see no clinical screens and
 * clinicians no administration screens (`notAllowed`); the server enforces the same.
 */
export function resolveRoute(route: Route, auth: AuthView): Route {
  switch (auth.state) {
    case 'loading':
      return route;
    case 'setup':
      return { name: 'setup' };
    case 'signedOut':
      return { name: 'signIn' };
    case 'signedIn':
      if (auth.mfaEnrollmentRequired) return { name: 'account' };
      if (route.name === 'home' || route.name === 'signIn' || route.name === 'setup') {
        return homeFor(auth.role);
      }
      if (auth.role === 'admin' && CLINICAL_ROUTES.has(route.name)) return { name: 'notAllowed' };
      if (auth.role !== 'admin' && ADMIN_ROUTES.has(route.name)) return { name: 'notAllowed' };
      return route;
  }
}
