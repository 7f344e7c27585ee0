import { useState, type SubmitEvent } from 'react';
import { api, ApiError } from '../api';
import type { AuthPayload } from '../types';
import { EmailField, InputField, PasswordField } from '../components/fields';
import { LEAVING, useSubmit } from '../components/submit';
import { ErrorBox, PageTitle } from '../ui';

/** Sign in: email and password, then the authenticator code when the account has MFA. */
export function SignIn({
  notice,
  onSignedIn,
}: {
  notice?: string;
  onSignedIn: (p: AuthPayload) => Promise<void>;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const form = useSubmit();

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    await form.run(async () => {
      try {
        const code = totp.replace(/\s+/g, '');
        const payload = await api.login({
          email: email.trim(),
          password,
          ...(needsCode && code !== '' ? { totp: code } : {}),
        });
        await onSignedIn(payload);
        return LEAVING;
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'mfa_required')) throw err;
        setNeedsCode(true);
        setTotp('');
        // the first time, the password was right and the code is asked for: no error yet
        if (needsCode) throw err;
        return undefined;
      }
    });
  }

  return (
    <section className="narrow">
      <PageTitle>Sign in</PageTitle>
      {notice !== undefined ? (
        <p className="alert alert-info" role="status">
          {notice}
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)}>
        <EmailField label="Email" value={email} onValue={setEmail} autoComplete="username" />
        <PasswordField
          label="Password"
          value={password}
          onValue={setPassword}
          autoComplete="current-password"
        />
        {needsCode ? (
          <InputField
            label="Authentication code"
            hint="Your account uses two-step sign-in: enter the 6-digit code your authenticator app shows now."
            // appears after the password step: take the focus (mounted once)
            autoFocus
            value={totp}
            onValue={setTotp}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            maxLength={7}
            required
          />
        ) : null}
        <ErrorBox error={form.error} />
        <button type="submit" disabled={form.busy}>
          {form.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
