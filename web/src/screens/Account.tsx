import { useState, type SubmitEvent } from 'react';
import { api } from '../api';
import { groupSecret } from '../format';
import type { Supervision, User } from '../types';
import { ErrorBox, Field, PageTitle, useAnnounce } from '../ui';
import { SupervisionCard, SupervisionProposal } from './Supervision';

/**
 * Two-step sign-in (TOTP) enrolment, compulsory for administrators, the password, and (for
 * clinicians and supervisors) their clinical supervisor and any supervisor proposed to them.
 */
export function Account({
  user,
  enrollmentRequired,
  supervision,
  onChanged,
}: {
  user: User;
  enrollmentRequired: boolean;
  supervision: Supervision;
  onChanged: () => void;
}) {
  return (
    <section className="narrow">
      <PageTitle>{enrollmentRequired ? 'Set up two-step sign-in' : 'Your account'}</PageTitle>
      {enrollmentRequired ? (
        <p className="alert alert-info">
          Administrators must use two-step sign-in. Set it up now to continue.
        </p>
      ) : (
        <p>
          Signed in as <strong>{user.email}</strong>.
        </p>
      )}
      {user.role !== 'admin' ? (
        <SupervisionProposal supervision={supervision} onAnswered={onChanged} />
      ) : null}
      <MfaEnrol user={user} onEnabled={onChanged} />
      {!enrollmentRequired ? <PasswordChange /> : null}
      {user.role !== 'admin' ? <SupervisionCard supervision={supervision} /> : null}
    </section>
  );
}

function MfaEnrol({ user, onEnabled }: { user: User; onEnabled: () => void }) {
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const announce = useAnnounce();

  if (user.mfaEnabled || done) {
    return (
      <section aria-labelledby="mfa-title" className="card">
        <h2 id="mfa-title">Two-step sign-in</h2>
        <p>
          <span className="badge badge-signed">On</span> Signing in asks for a code from your
          authenticator app.
        </p>
      </section>
    );
  }

  async function start(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSetup(await api.mfaSetup(password));
      setPassword('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function enable(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.mfaEnable(code.replace(/\s+/g, ''));
      setDone(true);
      announce('Two-step sign-in is on.');
      onEnabled();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="mfa-title" className="card">
      <h2 id="mfa-title">Two-step sign-in</h2>
      {setup === null ? (
        <>
          <p>
            Protect your account with a 6-digit code from an authenticator app (for example on your
            phone) in addition to your password.
          </p>
          <form onSubmit={(e) => void start(e)}>
            <Field
              label="Your current password"
              hint="Asked again so that only you can tie this account to an authenticator app."
            >
              {(p) => (
                <input
                  {...p}
                  type="password"
                  value={password}
                  onChange={(e) => {
                    setPassword(e.target.value);
                  }}
                  required
                  autoComplete="current-password"
                />
              )}
            </Field>
            <ErrorBox error={error} />
            <button type="submit" disabled={busy}>
              Set up two-step sign-in
            </button>
          </form>
        </>
      ) : (
        <form onSubmit={(e) => void enable(e)}>
          <ol className="steps">
            <li>
              In your authenticator app, add an account and type this key (or paste the setup link
              if the app takes one):
              <dl className="secret">
                <dt>Key</dt>
                <dd>
                  <code data-testid="totp-secret">{groupSecret(setup.secret)}</code>
                </dd>
                <dt>Setup link</dt>
                <dd>
                  <code className="wrap" data-testid="totp-uri">
                    {setup.otpauthUri}
                  </code>
                </dd>
              </dl>
            </li>
            <li>Type the 6-digit code the app shows now.</li>
          </ol>
          <Field label="Code from the app">
            {(p) => (
              <input
                {...p}
                value={code}
                onChange={(e) => {
                  setCode(e.target.value);
                }}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                required
              />
            )}
          </Field>
          <ErrorBox error={error} />
          <button type="submit" disabled={busy}>
            Turn on two-step sign-in
          </button>
        </form>
      )}
    </section>
  );
}

function PasswordChange() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setSaved(false);
    if (next.length < 12) {
      setError('The new password is too short: use at least 12 characters.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The server ends every session and answers a new one here (the client adopts its token).
      await api.changePassword({ currentPassword: current, newPassword: next });
      setSaved(true);
      setCurrent('');
      setNext('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="pw-title" className="card">
      <h2 id="pw-title">Change password</h2>
      <form onSubmit={(e) => void submit(e)}>
        <Field label="Current password">
          {(p) => (
            <input
              {...p}
              type="password"
              value={current}
              onChange={(e) => {
                setCurrent(e.target.value);
              }}
              required
              autoComplete="current-password"
            />
          )}
        </Field>
        <Field label="New password" hint="At least 12 characters.">
          {(p) => (
            <input
              {...p}
              type="password"
              value={next}
              onChange={(e) => {
                setNext(e.target.value);
              }}
              required
              minLength={12}
              autoComplete="new-password"
            />
          )}
        </Field>
        <ErrorBox error={error} />
        <p role="status">
          {saved ? 'Password changed. Your other sessions (other browsers) were signed out.' : ''}
        </p>
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </form>
    </section>
  );
}
