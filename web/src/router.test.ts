import { describe, expect, it } from 'vitest';
import { parseRoute, resolveRoute, routeHref, type AuthView, type Route } from './router';

const randomId = () => Math.random().toString(36).slice(2, 12) + 'Ab_-9';

describe('parseRoute / routeHref', () => {
  it('round-trips every route with ids', () => {
    const clientId = randomId();
    const noteId = randomId();
    const routes: Route[] = [
      { name: 'home' },
      { name: 'setup' },
      { name: 'signIn' },
      { name: 'account' },
      { name: 'users' },
      { name: 'audit' },
      { name: 'settings' },
      { name: 'clients' },
      { name: 'newClient' },
      { name: 'client', clientId },
      { name: 'newSession', clientId },
      { name: 'note', noteId },
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
  });

  it('reads addresses with or without the leading #/ and trailing slashes', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#')).toEqual({ name: 'home' });
    expect(parseRoute('#clients')).toEqual({ name: 'clients' });
    expect(parseRoute('#/clients/')).toEqual({ name: 'clients' });
    expect(parseRoute('#/notes/abc123XYZ_-?x=1')).toEqual({ name: 'note', noteId: 'abc123XYZ_-' });
  });

  it('"new" is the new-client form, not a client id', () => {
    expect(parseRoute('#/clients/new')).toEqual({ name: 'newClient' });
  });

  it('refuses ids with other characters and unknown paths', () => {
    expect(parseRoute('#/clients/a%20b')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/notes/../x')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/clients/abc/sessions')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/main-content')).toEqual({ name: 'notFound' });
  });
});

describe('resolveRoute', () => {
  const clinician: AuthView = {
    state: 'signedIn',
    role: 'clinician',
    mfaEnrollmentRequired: false,
  };
  const admin: AuthView = { state: 'signedIn', role: 'admin', mfaEnrollmentRequired: false };
  const note: Route = { name: 'note', noteId: randomId() };

  it('sends everyone to setup while the app has no users', () => {
    expect(resolveRoute(note, { state: 'setup' })).toEqual({ name: 'setup' });
  });

  it('sends signed-out visitors to sign in', () => {
    expect(resolveRoute(note, { state: 'signedOut' })).toEqual({ name: 'signIn' });
    expect(resolveRoute({ name: 'users' }, { state: 'signedOut' })).toEqual({ name: 'signIn' });
  });

  it('keeps an administrator without MFA on the enrolment screen', () => {
    const pending: AuthView = { state: 'signedIn', role: 'admin', mfaEnrollmentRequired: true };
    expect(resolveRoute({ name: 'users' }, pending)).toEqual({ name: 'account' });
  });

  it('each role has its home', () => {
    expect(resolveRoute({ name: 'home' }, clinician)).toEqual({ name: 'clients' });
    expect(resolveRoute({ name: 'signIn' }, admin)).toEqual({ name: 'users' });
    expect(resolveRoute({ name: 'setup' }, { ...clinician, role: 'supervisor' })).toEqual({
      name: 'clients',
    });
  });

  it('administrators see no clinical screens, clinicians no administration', () => {
    expect(resolveRoute(note, admin)).toEqual({ name: 'notAllowed' });
    expect(resolveRoute({ name: 'clients' }, admin)).toEqual({ name: 'notAllowed' });
    expect(resolveRoute({ name: 'audit' }, clinician)).toEqual({ name: 'notAllowed' });
    expect(resolveRoute({ name: 'settings' }, clinician)).toEqual({ name: 'notAllowed' });
    expect(resolveRoute({ name: 'settings' }, admin)).toEqual({ name: 'settings' });
    expect(resolveRoute({ name: 'users' }, { ...clinician, role: 'supervisor' })).toEqual({
      name: 'notAllowed',
    });
    expect(resolveRoute(note, clinician)).toEqual(note);
    expect(resolveRoute({ name: 'audit' }, admin)).toEqual({ name: 'audit' });
    expect(resolveRoute({ name: 'account' }, clinician)).toEqual({ name: 'account' });
  });
});
