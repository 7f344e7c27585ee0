import { useState, type SubmitEvent } from 'react';
import { api } from '../api';
import type { AuthPayload } from '../types';
import { EmailField, InputField, PasswordField } from '../components/fields';
import { LEAVING, useSubmit } from '../components/submit';
import { ErrorBox, PageTitle } from '../ui';

/** First run: create the administrator (then MFA enrolment follows). */
export function Setup({ onDone }: { onDone: (p: AuthPayload) => Promise<void> }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useSubmit();

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (password !== confirm) {
      form.setError('The two passwords differ. Type the same password in both fields.');
      return;
    }
    if (password.length < 12) {
      form.setError('The password is too short: use at least 12 characters.');
      return;
    }
    await form.run(async () => {
      await onDone(await api.setup({ name: name.trim(), email: email.trim(), password }));
      return LEAVING;
    });
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
        <InputField label="Name" value={name} onValue={setName} required autoComplete="name" />
        <EmailField label="Email" value={email} onValue={setEmail} autoComplete="username" />
        <PasswordField
          label="Password"
          hint="At least 12 characters."
          value={password}
          onValue={setPassword}
          minLength={12}
          autoComplete="new-password"
        />
        <PasswordField
          label="Repeat the password"
          value={confirm}
          onValue={setConfirm}
          autoComplete="new-password"
        />
        {/* A refusal from elsewhere than the server says how to do it (the server's words). */}
        <ErrorBox error={form.error} />
        <button type="submit" disabled={form.busy}>
          {form.busy ? 'Creating…' : 'Create administrator'}
        </button>
      </form>
    </section>
  );
}
