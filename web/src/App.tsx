import { useCallback, useEffect, useRef, useState } from 'react';
import { AlertBanner } from './alerts/AlertBanner';
import { api, ApiError } from './api';
import { clearDrafts, collectDrafts, holdDraftsUntil } from './drafts';
import { ROLE_LABELS } from './format';
import { IDLE_TIMEOUT_MS } from './idle';
import { IdleWarning, useIdleSignOut, type SessionEnd } from './idle-session';
import { navigate, setLeaveGuard, useRoute } from './nav';
import { homeFor, resolveRoute, routeHref, type AuthView, type Route } from './router';
import { Account } from './screens/Account';
import { Audit } from './screens/Audit';
import { ClientPage } from './screens/ClientPage';
import { OutcomesScreen } from './screens/OutcomesScreen';
import { PlanScreen } from './screens/PlanScreen';
import { SafetyScreen } from './screens/SafetyScreen';
import { Toolkit } from './screens/Toolkit';
import { Clients } from './screens/Clients';
import { NewClient } from './screens/ClientForm';
import { NewSession } from './screens/NewSession';
import { ContinueRecording, RecordSession } from './screens/RecordSession';
import { NoteEditor } from './screens/NoteEditor';
import { Setup } from './screens/Setup';
import { PracticeName, Settings } from './screens/Settings';
import { SignIn } from './screens/SignIn';
import { Users } from './screens/Users';
import type { AuthPayload, SessionInfo, Supervision, User } from './types';
import { AnnounceProvider, ErrorBox, PageTitle } from './ui';

type Auth =
  | { state: 'loading' }
  | { state: 'unreachable'; error: unknown }
  | { state: 'setup' }
  | { state: 'signedOut'; notice?: string }
  | {
      state: 'signedIn';
      user: User;
      mfaEnrollmentRequired: boolean;
      supervision: Supervision;
    };

function authView(auth: Auth): AuthView {
  switch (auth.state) {
    case 'loading':
    case 'unreachable':
      return { state: 'loading' };
    case 'setup':
      return { state: 'setup' };
    case 'signedOut':
      return { state: 'signedOut' };
    case 'signedIn':
      return {
        state: 'signedIn',
        role: auth.user.role,
        mfaEnrollmentRequired: auth.mfaEnrollmentRequired,
      };
  }
}

export const IDLE_NOTICE = 'You were signed out after 30 minutes without activity.';
const NOTICES: Record<SessionEnd, string> = {
  idle: IDLE_NOTICE,
  ended: 'Your session has ended (signed out or timed out). Sign in again to continue.',
  elsewhere: 'You signed out in another DocScrib tab or window. Sign in again to continue.',
};

export function App() {
  const requested = useRoute();
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });
  /** Where a signed-out visitor was going, to continue there after signing in. */
  const returnTo = useRef<Route | null>(null);
  /** The compulsory MFA enrolment was showing: once done, go to the role's home. */
  const wasEnrolling = useRef(false);
  /**
   * Bumped whenever a session ends: everything below the app is keyed on it, so every screen's
   * state (client records, notes, transcripts, open dialogs, announcements) is thrown away.
   */
  const [epoch, setEpoch] = useState(0);
  /** Signed in right now (a ref: read by the API's 401 handler between renders). */
  const inSession = useRef(false);
  /** The server answered 401 while signed in (set below, once the idle watch exists). */
  const sessionLost = useRef<() => void>(() => undefined);

  const loadSession = useCallback(async (): Promise<void> => {
    try {
      const { needsSetup } = await api.setupStatus();
      if (needsSetup) {
        setAuth({ state: 'setup' });
        return;
      }
      const s = await api.authSession();
      api.setCsrfToken(s.csrfToken);
      inSession.current = true;
      setAuth({
        state: 'signedIn',
        user: s.user,
        mfaEnrollmentRequired: s.mfaEnrollmentRequired,
        supervision: s.supervision,
      });
      if (wasEnrolling.current && !s.mfaEnrollmentRequired) {
        navigate(homeFor(s.user.role), { replace: true });
      }
      wasEnrolling.current = s.mfaEnrollmentRequired;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401 && inSession.current) {
        sessionLost.current();
      } else if (e instanceof ApiError && e.status === 401) {
        api.setCsrfToken(null);
        setAuth({ state: 'signedOut' });
      } else {
        setAuth({ state: 'unreachable', error: e });
      }
    }
  }, []);

  /**
   * The session is over here: clear every clinical record from memory and show the sign-in
   * screen. After 30 minutes without activity nothing survives (and the server session is ended
   * too); when it ended while the person was at work, open editors keep their unsaved edits in
   * memory until 30 minutes after the last activity (drafts.ts).
   */
  const endSession = useCallback((why: SessionEnd, lastActivityAt: number) => {
    inSession.current = false;
    setLeaveGuard(null); // no "leave without saving?" question on the way out
    if (why === 'idle') {
      clearDrafts();
      // The request takes the CSRF token as it starts, before it is forgotten below.
      void api.logout().catch(() => undefined);
    } else {
      holdDraftsUntil(lastActivityAt + IDLE_TIMEOUT_MS);
      collectDrafts();
    }
    api.setCsrfToken(null);
    setEpoch((n) => n + 1);
    setAuth({ state: 'signedOut', notice: NOTICES[why] });
  }, []);

  const userId = auth.state === 'signedIn' ? auth.user.id : null;
  /** The minute check's answer: show what changed meanwhile (e.g. a supervisor proposed). */
  const sessionChecked = useCallback((s: SessionInfo) => {
    setAuth((a) =>
      a.state === 'signedIn' &&
      a.user.id === s.user.id &&
      (JSON.stringify(a.user) !== JSON.stringify(s.user) ||
        JSON.stringify(a.supervision) !== JSON.stringify(s.supervision))
        ? { ...a, user: s.user, supervision: s.supervision }
        : a,
    );
  }, []);
  const idle = useIdleSignOut(userId, endSession, sessionChecked);
  sessionLost.current = () => {
    // A late answer of a screen already gone (the session is over here) changes nothing.
    if (!inSession.current) return;
    if (!idle.sessionEnded()) endSession('ended', Date.now());
  };

  useEffect(() => {
    api.setHandlers({
      onUnauthenticated: () => {
        sessionLost.current();
      },
      onMfaEnrollmentRequired: () => {
        void loadSession();
      },
    });
    void loadSession();
  }, [loadSession]);

  const signedIn = useCallback(
    async (payload: AuthPayload) => {
      api.setCsrfToken(payload.csrfToken);
      await loadSession();
    },
    [loadSession],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // signed out already, or the server is gone: either way the session is over here
    }
    inSession.current = false;
    idle.signedOut();
    api.setCsrfToken(null);
    returnTo.current = null;
    clearDrafts();
    setEpoch((n) => n + 1);
    setAuth({ state: 'signedOut', notice: 'You have signed out.' });
    navigate({ name: 'signIn' });
  }, [idle.signedOut]);

  const view = authView(auth);
  const route = resolveRoute(requested, view);

  // Keep the address in step with the screen shown (sign-in, each role's home).
  useEffect(() => {
    if (auth.state === 'loading' || auth.state === 'unreachable') return;
    if (auth.state === 'signedOut' && requested.name !== 'signIn') {
      if (requested.name !== 'home') returnTo.current = requested;
    }
    if (route.name === 'notAllowed' || route.name === 'notFound') return;
    if (routeHref(route) !== routeHref(requested)) {
      let target: Route = route;
      if (auth.state === 'signedIn' && !auth.mfaEnrollmentRequired && returnTo.current) {
        const back = resolveRoute(returnTo.current, view);
        returnTo.current = null;
        if (back.name !== 'notAllowed') target = back;
      }
      navigate(target, { replace: true });
    }
  }, [auth, requested, route, view]);

  // Move focus to the new screen's title so it is announced (and keyboard focus starts there).
  const routeKey = routeHref(route) + route.name;
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    const h1 = main.querySelector('h1');
    if (h1 instanceof HTMLElement) h1.focus();
  }, [routeKey, auth.state]);

  useEffect(() => {
    document.title = `${screenTitle(route)} · DocScrib`;
  }, [route]);

  const user = auth.state === 'signedIn' ? auth.user : null;

  return (
    <AnnounceProvider key={epoch}>
      <button
        type="button"
        className="skip-link"
        onClick={() => {
          const h1 = mainRef.current?.querySelector('h1');
          if (h1 instanceof HTMLElement) h1.focus();
          else mainRef.current?.focus();
        }}
      >
        Skip to content
      </button>
      <header className="app-header">
        <a className="brand" href="#/">
          DocScrib
        </a>
        {user && !(auth.state === 'signedIn' && auth.mfaEnrollmentRequired) ? (
          <PracticeName key={user.id} />
        ) : null}
        {user && !(auth.state === 'signedIn' && auth.mfaEnrollmentRequired) ? (
          <nav aria-label="Main">
            <ul>
              {user.role === 'admin' ? (
                <>
                  <NavLink route={{ name: 'users' }} current={route}>
                    Users
                  </NavLink>
                  <NavLink route={{ name: 'audit' }} current={route}>
                    Audit log
                  </NavLink>
                  <NavLink route={{ name: 'settings' }} current={route}>
                    Settings
                  </NavLink>
                </>
              ) : (
                <>
                  <NavLink route={{ name: 'clients' }} current={route}>
                    Clients
                  </NavLink>
                  <NavLink route={{ name: 'toolkit' }} current={route}>
                    Toolkit
                  </NavLink>
                </>
              )}
              <NavLink route={{ name: 'account' }} current={route}>
                Account
              </NavLink>
            </ul>
          </nav>
        ) : null}
        {user ? (
          <div className="user-box">
            <span className="user-name">
              {user.name} <span className="muted">({ROLE_LABELS[user.role]})</span>
            </span>
            <button type="button" className="button-secondary" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        ) : null}
      </header>
      {auth.state === 'signedIn' && !auth.mfaEnrollmentRequired ? (
        <AlertBanner key={auth.user.id} user={auth.user} />
      ) : null}
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Screen
          route={route}
          auth={auth}
          onSignedIn={signedIn}
          onRetry={() => void loadSession()}
          onAccountChanged={() => void loadSession()}
        />
      </main>
      <footer className="app-footer">
        <p>DocScrib runs on this computer; nothing leaves it.</p>
      </footer>
      <IdleWarning signOutAt={idle.warningAt} onStay={idle.stay} />
    </AnnounceProvider>
  );
}

function NavLink({ route, current, children }: { route: Route; current: Route; children: string }) {
  const active =
    route.name === current.name ||
    (route.name === 'clients' &&
      [
        'client',
        'newClient',
        'newSession',
        'recordSession',
        'liveSession',
        'note',
        'clientPlan',
        'clientOutcomes',
        'clientSafety',
      ].includes(current.name));
  return (
    <li>
      <a href={routeHref(route)} aria-current={active ? 'page' : undefined}>
        {children}
      </a>
    </li>
  );
}

function screenTitle(route: Route): string {
  switch (route.name) {
    case 'home':
      return 'Home';
    case 'setup':
      return 'First run';
    case 'signIn':
      return 'Sign in';
    case 'account':
      return 'Account';
    case 'users':
      return 'Users';
    case 'audit':
      return 'Audit log';
    case 'settings':
      return 'Practice settings';
    case 'clients':
      return 'Clients';
    case 'newClient':
      return 'New client';
    case 'client':
      return 'Client';
    case 'newSession':
      return 'New session';
    case 'recordSession':
    case 'liveSession':
      return 'Record session';
    case 'note':
      return 'Progress note';
    case 'toolkit':
      return 'Intervention toolkit';
    case 'clientPlan':
      return 'Treatment plan';
    case 'clientOutcomes':
      return 'Outcomes';
    case 'clientSafety':
      return 'Consent and safety';
    case 'notAllowed':
      return 'Not available';
    case 'notFound':
      return 'Page not found';
  }
}

interface ScreenProps {
  route: Route;
  auth: Auth;
  onSignedIn: (p: AuthPayload) => Promise<void>;
  onRetry: () => void;
  onAccountChanged: () => void;
}

function Screen({ route, auth, onSignedIn, onRetry, onAccountChanged }: ScreenProps) {
  if (auth.state === 'loading') {
    return (
      <p className="loading" role="status">
        Loading DocScrib…
      </p>
    );
  }
  if (auth.state === 'unreachable') {
    return (
      <>
        <PageTitle>DocScrib is not available</PageTitle>
        <ErrorBox error={auth.error} />
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </>
    );
  }
  if (auth.state === 'setup') return <Setup onDone={onSignedIn} />;
  if (auth.state === 'signedOut') return <SignIn notice={auth.notice} onSignedIn={onSignedIn} />;
  const user = auth.user;
  switch (route.name) {
    case 'account':
      return (
        <Account
          user={user}
          enrollmentRequired={auth.mfaEnrollmentRequired}
          supervision={auth.supervision}
          onChanged={onAccountChanged}
        />
      );
    case 'users':
      return <Users user={user} />;
    case 'audit':
      return <Audit />;
    case 'settings':
      return <Settings />;
    case 'clients':
      return (
        <Clients user={user} supervision={auth.supervision} onAccountChanged={onAccountChanged} />
      );
    case 'newClient':
      return <NewClient />;
    case 'client':
      return <ClientPage key={route.clientId} clientId={route.clientId} user={user} />;
    case 'newSession':
      return <NewSession key={route.clientId} clientId={route.clientId} />;
    case 'recordSession':
      return <RecordSession key={route.clientId} clientId={route.clientId} />;
    case 'liveSession':
      return <ContinueRecording key={route.sessionId} sessionId={route.sessionId} />;
    case 'note':
      return <NoteEditor key={route.noteId} noteId={route.noteId} user={user} />;
    case 'toolkit':
      return <Toolkit user={user} />;
    case 'clientPlan':
      return <PlanScreen key={route.clientId} clientId={route.clientId} user={user} />;
    case 'clientOutcomes':
      return <OutcomesScreen key={route.clientId} clientId={route.clientId} user={user} />;
    case 'clientSafety':
      return <SafetyScreen key={route.clientId} clientId={route.clientId} user={user} />;
    case 'notAllowed':
      return (
        <>
          <PageTitle>Not available for your role</PageTitle>
          <p>
            {user.role === 'admin'
              ? 'Administrators manage users, settings and the audit log; they do not see clinical records.'
              : 'This part of DocScrib is for administrators.'}
          </p>
          <p>
            <a href={routeHref(homeFor(user.role))}>Go to your home page</a>
          </p>
        </>
      );
    case 'home':
    case 'setup':
    case 'signIn':
    case 'notFound':
      return (
        <>
          <PageTitle>Page not found</PageTitle>
          <p>
            There is nothing at this address. <a href={routeHref(homeFor(user.role))}>Go home</a>
          </p>
        </>
      );
  }
}
