import { useState, type SubmitEvent } from 'react';
import { api, ApiError } from '../api';
import type { AuthPayload } from '../types';
import { ErrorBox, Field, PageTitle } from '../ui';

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
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const code = totp.replace(/\s+/g, '');
      const payload = await api.login({
        email: email.trim(),
        password,
        ...(needsCode && code !== '' ? { totp: code } : {}),
      });
      await onSignedIn(payload);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'mfa_required') {
        if (needsCode) setError(err);
        setNeedsCode(true);
        setTotp('');
      } else {
        setError(err);
      }
      setBusy(false);
    }
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
        <Field label="Password">
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
        {needsCode ? (
          <Field
            label="Authentication code"
            hint="Your account uses two-step sign-in: enter the 6-digit code your authenticator app shows now."
          >
            {(p) => (
              <input
                {...p}
                // appears after the password step: take the focus (mounted once)
                autoFocus
                value={totp}
                onChange={(e) => {
                  setTotp(e.target.value);
                }}
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9 ]{6,7}"
                maxLength={7}
                required
              />
            )}
          </Field>
        ) : null}
        <ErrorBox error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
