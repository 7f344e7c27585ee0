import { useState, type SubmitEvent } from 'react';
import { api } from '../api';
import { groupSecret } from '../format';
import type { Supervision, User } from '../types';
import { InputField, PasswordField } from '../components/fields';
import { useSubmit } from '../components/submit';
import { ErrorBox, PageTitle, useAnnounce } from '../ui';
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
  const form = useSubmit();
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
    await form.run(async () => {
      setSetup(await api.mfaSetup(password));
      setPassword('');
    });
  }

  async function enable(e: SubmitEvent) {
    e.preventDefault();
    await form.run(async () => {
      await api.mfaEnable(code.replace(/\s+/g, ''));
      setDone(true);
      announce('Two-step sign-in is on.');
      onEnabled();
    });
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
            <PasswordField
              label="Your current password"
              hint="Asked again so that only you can tie this account to an authenticator app."
              value={password}
              onValue={setPassword}
              autoComplete="current-password"
            />
            <ErrorBox error={form.error} />
            <button type="submit" disabled={form.busy}>
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
          <InputField
            label="Code from the app"
            value={code}
            onValue={setCode}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
          />
          <ErrorBox error={form.error} />
          <button type="submit" disabled={form.busy}>
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
  const [saved, setSaved] = useState(false);
  const form = useSubmit();

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setSaved(false);
    if (next.length < 12) {
      form.setError('The new password is too short: use at least 12 characters.');
      return;
    }
    await form.run(async () => {
      // The server ends every session and answers a new one here (the client adopts its token).
      await api.changePassword({ currentPassword: current, newPassword: next });
      setSaved(true);
      setCurrent('');
      setNext('');
    });
  }

  return (
    <section aria-labelledby="pw-title" className="card">
      <h2 id="pw-title">Change password</h2>
      <form onSubmit={(e) => void submit(e)}>
        <PasswordField
          label="Current password"
          value={current}
          onValue={setCurrent}
          autoComplete="current-password"
        />
        <PasswordField
          label="New password"
          hint="At least 12 characters."
          value={next}
          onValue={setNext}
          minLength={12}
          autoComplete="new-password"
        />
        <ErrorBox error={form.error} />
        <p role="status">
          {saved ? 'Password changed. Your other sessions (other browsers) were signed out.' : ''}
        </p>
        <button type="submit" disabled={form.busy}>
          Change password
        </button>
      </form>
    </section>
  );
}
