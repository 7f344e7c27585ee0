import type { User } from '../domain/schemas.js';
import { ApiError, conflict, unauthenticated, validationFailed } from '../errors.js';
import {
  checkPasswordPolicy,
  dummyVerify,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../security/passwords.js';
import {
  createLoginThrottle,
  type LoginAttempt,
  type LoginThrottle,
} from '../security/throttle.js';
import { newTotpSecret, totpUri, verifyTotp } from '../security/totp.js';
import type { Store } from '../store/port.js';
import { audit, type AuditDeps } from './audit.js';

/**
 * Sign-in and account security: first-run setup, login (password, then TOTP when enrolled),
 * login throttling, MFA enrolment, password change. Sessions themselves (cookie, CSRF) are the
 * HTTP layer's (http/session.ts); this service decides WHO may have one.
 *
 * Every login, failed login, logout and account change goes to the audit log (ids only); an
 * account change and its entry are one transaction (services/audit.ts).
 */

/** The one answer for an unknown email, a disabled account and a wrong password. */
const BAD_CREDENTIALS = 'The email or password is not right.';

export interface AuthDeps extends AuditDeps {
  store: Store;
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string | undefined;
  /** The client's address (for the per-address throttle). */
  ip: string | undefined;
}

export interface LoginResult {
  user: User;
  /** The user passed the TOTP step (always false for a user without MFA). */
  mfaVerified: boolean;
}

export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(private readonly deps: AuthDeps) {
    // 5 failures per email and 20 per address in a sliding 15-minute window (security/throttle.ts).
    this.throttle = createLoginThrottle(deps.store.loginThrottle, deps.clock);
  }

  async needsSetup(): Promise<boolean> {
    return (await this.deps.store.users.count()) === 0;
  }

  /** Create the first administrator; 409 once any user exists. */
  async setup(input: { email: string; name: string; password: string }): Promise<User> {
    passwordPolicy(input.password, 'password');
    const passwordHash = await hashPassword(input.password);
    return this.deps.store.transaction(async (tx) => {
      const outcome =
        (await tx.users.count()) > 0
          ? undefined
          : await tx.users.create({
              email: input.email,
              name: input.name,
              role: 'admin',
              supervisorId: null,
              passwordHash,
            });
      if (!outcome?.ok) {
        throw conflict(
          'DocScrib is already set up: an administrator exists.',
          'Sign in instead; an administrator can add more users.',
        );
      }
      await audit(this.deps, tx, outcome.value, 'create', 'user', outcome.value.id);
      return outcome.value;
    });
  }

  /**
   * Check a login. Throws 429 `throttled` (before looking at the password) after too many
   * failures, 401 `unauthenticated` with the same message for an unknown email, a disabled account
   * and a wrong password (an unknown email costs the same scrypt time), 401 `mfa_required` when a
   * TOTP code is needed, missing, wrong or replayed.
   *
   * The attempt is counted before the password is checked (so simultaneous guesses cannot all
   * pass the limit) and stays counted when the password or the code is wrong; a right password
   * without the code it needs, or an internal error, uncounts it; a success clears the account.
   */
  async login(input: LoginInput): Promise<LoginResult> {
    const now = this.deps.clock.now();
    const email = input.email.trim().toLowerCase();
    const attempt = await this.beginAttempt(email, input.ip);
    let settled = false;
    try {
      const user = await this.deps.store.users.getByEmail(email);
      const secrets =
        user && !user.disabled ? await this.deps.store.users.getSecrets(user.id) : undefined;
      const passwordOk =
        user && secrets && !user.disabled
          ? await verifyPassword(input.password, secrets.passwordHash)
          : await dummyVerify(input.password);
      if (!user || !secrets || !passwordOk) {
        settled = true; // a failure: the attempt stays counted
        await this.auditFailure(user?.id ?? null);
        throw unauthenticated(BAD_CREDENTIALS);
      }

      let mfaVerified = false;
      if (user.mfaEnabled) {
        if (input.totp === undefined || input.totp.trim() === '') {
          throw new ApiError(
            'mfa_required',
            'Enter the 6-digit code from your authenticator app.',
            {
              hint: 'Send it as `totp` with your email and password.',
            },
          );
        }
        const step =
          secrets.totpSecret === null
            ? null
            : verifyTotp(secrets.totpSecret, input.totp, now.getTime());
        const fresh = step !== null && (await this.deps.store.users.useTotpStep(user.id, step));
        if (!fresh) {
          settled = true;
          await this.auditFailure(user.id);
          throw new ApiError(
            'mfa_required',
            step === null
              ? 'The code is not right or has expired.'
              : 'That code was already used; wait for the next one.',
            { hint: 'Enter the current 6-digit code from your authenticator app.' },
          );
        }
        mfaVerified = true;
      }

      settled = true;
      await attempt.succeed();
      if (needsRehash(secrets.passwordHash)) {
        const rehashed = await hashPassword(input.password);
        await this.deps.store.transaction(async (tx) => {
          await tx.users.setPasswordHash(user.id, rehashed);
          await audit(this.deps, tx, user, 'login', 'user', user.id);
        });
      } else {
        await audit(this.deps, this.deps.store, user, 'login', 'user', user.id);
      }
      return { user, mfaVerified };
    } catch (e) {
      if (!settled) await attempt.release();
      throw e;
    }
  }

  async logout(user: User): Promise<void> {
    await audit(this.deps, this.deps.store, user, 'logout', 'user', user.id);
  }

  /**
   * Start MFA enrolment: a new secret (replacing any unconfirmed one), after checking the current
   * password (wrong → 400, counted like a failed login), so a borrowed or stolen session cannot
   * bind the account to the thief's authenticator. 409 once enabled.
   */
  async setupMfa(
    user: User,
    input: { currentPassword: string; ip: string | undefined },
  ): Promise<{ secret: string; otpauthUri: string }> {
    if (user.mfaEnabled) {
      throw conflict(
        'Two-step sign-in is already set up for this account.',
        'To move it to a new device, ask an administrator to reset it.',
      );
    }
    await this.checkCurrentPassword(user, input.currentPassword, input.ip);
    const secret = newTotpSecret();
    await this.deps.store.users.setTotpSecret(user.id, secret);
    return { secret, otpauthUri: totpUri(secret, user.email) };
  }

  /** Confirm enrolment with a current code; the code's step is used up. */
  async enableMfa(user: User, code: string): Promise<User> {
    if (user.mfaEnabled) {
      throw conflict('Two-step sign-in is already set up for this account.', 'Nothing to do.');
    }
    const secrets = await this.deps.store.users.getSecrets(user.id);
    if (!secrets?.totpSecret) {
      throw new ApiError('bad_request', 'Two-step sign-in has not been started.', {
        hint: 'Call POST /api/auth/mfa/setup first, add the secret to your authenticator app, then send a code.',
      });
    }
    const step = verifyTotp(secrets.totpSecret, code, this.deps.clock.now().getTime());
    if (step === null || !(await this.deps.store.users.useTotpStep(user.id, step))) {
      throw validationFailed(
        [{ path: 'body.code', message: 'is not the current code, or it has expired' }],
        'Check that the device clock is right and enter the current 6-digit code.',
      );
    }
    return this.deps.store.transaction(async (tx) => {
      const updated = await tx.users.update(user.id, { mfaEnabled: true });
      if (!updated.ok) throw unauthenticated();
      await audit(this.deps, tx, user, 'mfa_enabled', 'user', user.id);
      return updated.value;
    });
  }

  /**
   * Change the password after checking the current one (wrong → 400, counted like a failed
   * login). The route then ends every session of the user and starts a new one for the caller.
   */
  async changePassword(
    user: User,
    input: { currentPassword: string; newPassword: string; ip: string | undefined },
  ): Promise<void> {
    await this.checkCurrentPassword(user, input.currentPassword, input.ip);
    passwordPolicy(input.newPassword, 'newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    await this.deps.store.transaction(async (tx) => {
      await tx.users.setPasswordHash(user.id, passwordHash);
      await audit(this.deps, tx, user, 'update', 'user', user.id);
    });
  }

  /**
   * Re-authentication of a signed-in user (`body.currentPassword`): a wrong password is 400
   * `validation_failed` and counts like a failed login (429 `throttled` past the limit).
   */
  private async checkCurrentPassword(
    user: User,
    password: string,
    ip: string | undefined,
  ): Promise<void> {
    const attempt = await this.beginAttempt(user.email, ip);
    let passwordOk: boolean;
    try {
      const secrets = await this.deps.store.users.getSecrets(user.id);
      passwordOk = secrets !== undefined && (await verifyPassword(password, secrets.passwordHash));
    } catch (e) {
      await attempt.release();
      throw e;
    }
    if (!passwordOk) {
      await this.auditFailure(user.id); // the attempt stays counted
      throw validationFailed(
        [{ path: 'body.currentPassword', message: 'is not your current password' }],
        'Enter the password you signed in with.',
      );
    }
    await attempt.release();
  }

  /** Count an attempt before a password is checked; 429 `throttled` when over the limit. */
  private async beginAttempt(email: string, ip: string | undefined): Promise<LoginAttempt> {
    const decision = await this.throttle.begin(email, ip);
    if (!decision.allowed) {
      throw new ApiError('throttled', 'Too many failed sign-in attempts.', {
        hint: `Wait ${Math.ceil(decision.retryAfterSeconds / 60)} minutes and try again, or ask an administrator for help.`,
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }
    return decision.attempt;
  }

  /** A failed sign-in (no data written): by nobody known, about the account if there is one. */
  private async auditFailure(userId: string | null): Promise<void> {
    await audit(this.deps, this.deps.store, null, 'login_failed', 'user', userId);
  }
}

/** 400 `validation_failed` naming the field when a new password breaks the policy. */
export function passwordPolicy(password: string, field: string): void {
  const problem = checkPasswordPolicy(password);
  if (problem !== null) {
    throw validationFailed(
      [{ path: `body.${field}`, message: problem }],
      'Choose a longer password; a few unrelated words make a good one.',
    );
  }
}
