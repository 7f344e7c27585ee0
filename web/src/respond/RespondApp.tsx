/**
 * The client's questionnaire page: opens the forms behind the one-time token, shows them, sends
 * the answers and says thank you — with the practice's crisis resources when an answer raised a
 * risk alert, also when the answers could not be sent (the link stopped working meanwhile). No sign-in, no cookies, and nothing about the client (not even a name) is shown.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { PublicQuestionnaire } from '../../../src/server/domain/care.js';
import { openQuestionnaire } from './api';
import { CrisisResources } from './CrisisResources';
import { BAD_TOKEN, LINK_INVALID, NO_TOKEN, problemFor, type Problem } from './messages';
import { classifyHash, type Crisis, type TokenRead } from './model';
import { Questionnaire } from './Questionnaire';

/**
 * Reads the token from the address's fragment and removes the fragment from the address bar (and
 * so from the history entry) straight away: it is kept only in memory from here on.
 */
export function takeTokenFromAddress(): TokenRead {
  const read = classifyHash(window.location.hash);
  if (read.kind !== 'none' || window.location.hash !== '') {
    window.history.replaceState(
      window.history.state,
      '',
      window.location.pathname + window.location.search,
    );
  }
  return read;
}

type View =
  | { kind: 'loading' }
  | { kind: 'problem'; problem: Problem; canRetry: boolean; crisis?: Crisis | null }
  | { kind: 'form'; questionnaire: PublicQuestionnaire }
  | { kind: 'done'; practiceName: string; crisis: Crisis | null };

function firstView(read: TokenRead): View {
  if (read.kind === 'none') return { kind: 'problem', problem: NO_TOKEN, canRetry: false };
  if (read.kind === 'bad') return { kind: 'problem', problem: BAD_TOKEN, canRetry: false };
  return { kind: 'loading' };
}

export function RespondApp({ first }: { first: TokenRead }) {
  const [read, setRead] = useState(first);
  const token = useRef<string | null>(first.kind === 'token' ? first.token : null);
  const [view, setView] = useState<View>(() => firstView(first));
  const [attempt, setAttempt] = useState(0);

  // A new link pasted into this tab's address bar: take it (and remove it) like the first.
  useEffect(() => {
    const onHash = () => {
      const next = takeTokenFromAddress();
      if (next.kind === 'none') return;
      token.current = next.kind === 'token' ? next.token : null;
      setRead(next);
      setView(firstView(next));
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  useEffect(() => {
    const t = token.current;
    if (read.kind !== 'token' || t === null) return;
    let live = true;
    setView({ kind: 'loading' });
    openQuestionnaire(t).then(
      (questionnaire) => {
        if (live) setView({ kind: 'form', questionnaire });
      },
      (e: unknown) => {
        if (!live) return;
        const problem = problemFor(e);
        if (problem === LINK_INVALID) token.current = null;
        setView({ kind: 'problem', problem, canRetry: token.current !== null });
      },
    );
    return () => {
      live = false;
    };
  }, [read, attempt]);

  const done = useCallback((practiceName: string, crisis: Crisis | null) => {
    token.current = null; // used: forget it
    setView({ kind: 'done', practiceName, crisis });
  }, []);
  const linkDead = useCallback((problem: Problem, crisis: Crisis | null) => {
    token.current = null;
    setView({ kind: 'problem', problem, canRetry: false, crisis });
  }, []);

  useEffect(() => {
    document.title =
      view.kind === 'done'
        ? 'Thank you · Questionnaire'
        : view.kind === 'problem'
          ? `${view.problem.title} · Questionnaire`
          : 'Questionnaire';
  }, [view]);

  return (
    <>
      <header className="respond-header">
        <p className="respond-brand">
          {view.kind === 'form' ? view.questionnaire.practiceName : 'Questionnaire'}
        </p>
      </header>
      <main className="respond-main">
        {view.kind === 'loading' ? (
          <p className="respond-loading" role="status">
            Opening the questionnaire…
          </p>
        ) : null}
        {view.kind === 'problem' ? (
          <>
            <Title focusKey={view.problem.title}>{view.problem.title}</Title>
            {view.crisis != null ? <CrisisResources crisis={view.crisis} unsent /> : null}
            <div className="respond-problem">
              <p>{view.problem.text}</p>
              {view.problem.hint !== undefined ? <p>{view.problem.hint}</p> : null}
            </div>
            {view.canRetry ? (
              <button
                type="button"
                className="respond-button"
                onClick={() => {
                  setAttempt((n) => n + 1);
                }}
              >
                Try again
              </button>
            ) : null}
          </>
        ) : null}
        {view.kind === 'form' && token.current !== null ? (
          <>
            <Title focusKey="form">Your questionnaire</Title>
            <Questionnaire
              token={token.current}
              questionnaire={view.questionnaire}
              onDone={(crisis) => {
                done(view.questionnaire.practiceName, crisis);
              }}
              onLinkDead={linkDead}
            />
          </>
        ) : null}
        {view.kind === 'done' ? (
          <>
            <Title focusKey="done">Thank you</Title>
            {view.crisis !== null ? <CrisisResources crisis={view.crisis} /> : null}
            <p>Your answers were sent to your clinician at {view.practiceName}.</p>
            <p>You can close this page now. The link cannot be used again.</p>
          </>
        ) : null}
      </main>
    </>
  );
}

/** The page's one h1, focused when it changes so screen readers announce the new state. */
function Title({ children, focusKey }: { children: ReactNode; focusKey: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  return (
    <h1 ref={ref} tabIndex={-1} className="respond-title">
      {children}
    </h1>
  );
}
