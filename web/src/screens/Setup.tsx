import { useState, type SubmitEvent } from 'react';
import { api } from '../api';
import type { AuthPayload } from '../types';
import { ErrorBox, Field, PageTitle } from '../ui';

/** First run: create the administrator (then MFA enrolment follows). */
export function Setup({ onDone }: { onDone: (p: AuthPayload) => Promise<void> }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (password !== confirm) {
      setError('The two passwords differ. Type the same password in both fields.');
      return;
    }
    if (password.length < 12) {
      setError('The password is too short: use at least 12 characters.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onDone(await api.setup({ name: name.trim(), email: email.trim(), password }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section className="narrow">
      <PageTitle>Create the administrator</PageTitle>
      <p>
        DocScrib has no users yet. The administrator manages users and the audit log (and sees no
        clinical records). Next you will set up two-step sign-in with an authenticator app.
      </p>
      <p className="muted">
        For safety this works only in a browser on the DocScrib server itself; elsewhere, run{' '}
        <code>docscrib user add --role admin</code> on the server.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate={false}>
        <Field label="Name">
          {(p) => (
            <input
              {...p}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
              }}
              required
              autoComplete="name"
            />
          )}
        </Field>
        <Field label="Email">
          {(p) => (
            <input
              {...p}
              type="email"
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
              }}
              required
              autoComplete="username"
            />
          )}
        </Field>
        <Field label="Password" hint="At least 12 characters.">
          {(p) => (
            <input
              {...p}
              type="password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
              }}
              required
              minLength={12}
              autoComplete="new-password"
            />
          )}
        </Field>
        <Field label="Repeat the password">
          {(p) => (
            <input
              {...p}
              type="password"
              value={confirm}
              onChange={(e) => {
                setConfirm(e.target.value);
              }}
              required
              autoComplete="new-password"
            />
          )}
        </Field>
        {/* A refusal from elsewhere than the server says how to do it (the server's words). */}
        <ErrorBox error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create administrator'}
        </button>
      </form>
    </section>
  );
}
