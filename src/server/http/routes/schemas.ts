import { z } from 'zod';
import { EmailSchema, IdSchema, RoleSchema, UserSchema } from '../../domain/schemas.js';

/** Request and response schemas of the account routes (setup, auth, users, audit). */

/** Bounded so a huge "password" cannot make scrypt work on megabytes; the policy says 12–256. */
export const PasswordField = z.string().max(1024, 'must be at most 256 characters');
export const NameField = z.string().trim().min(1, 'must not be empty').max(200);

export const UserReply = z.object({ user: UserSchema });
export const SignedInReply = z.object({ user: UserSchema, csrfToken: z.string() });
const PersonRef = z.object({ id: IdSchema, name: z.string() });
/** The caller's supervisor, and the one an administrator proposed (accept or decline it). */
export const SupervisionSchema = z.object({
  supervisor: PersonRef.nullable(),
  pending: PersonRef.nullable(),
});
export const SessionReply = z.object({
  user: UserSchema,
  csrfToken: z.string(),
  /** An administrator without MFA may only enrol (POST /api/auth/mfa/setup, /enable). */
  mfaEnrollmentRequired: z.boolean(),
  supervision: SupervisionSchema,
});
export const SupervisionBody = z.strictObject({
  /** The proposed supervisor the user was shown (`supervision.pending.id`). */
  supervisorId: IdSchema,
});
export const SupervisionReply = z.object({ user: UserSchema, supervision: SupervisionSchema });
/** The new session's CSRF token (the old session and its token are gone). */
export const CsrfReply = z.object({ csrfToken: z.string() });

export const SetupBody = z.strictObject({
  email: EmailSchema,
  name: NameField,
  password: PasswordField,
});

export const LoginBody = z.strictObject({
  email: z.string().trim().min(1, 'must not be empty').max(254),
  password: z.string().min(1, 'must not be empty').max(1024),
  /** The 6-digit code from the authenticator app, when MFA is enabled. */
  totp: z.string().max(20).optional(),
});

export const MfaSetupBody = z.strictObject({
  currentPassword: z.string().min(1, 'must not be empty').max(1024),
});
export const MfaSetupReply = z.object({ secret: z.string(), otpauthUri: z.string() });
export const MfaEnableBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{3} ?\d{3}$/, 'must be the 6-digit code from the authenticator app'),
});

export const PasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'must not be empty').max(1024),
  newPassword: PasswordField,
});

export const NewUserBody = z.strictObject({
  email: EmailSchema,
  name: NameField,
  role: RoleSchema,
  password: PasswordField,
  supervisorId: IdSchema.nullable().optional(),
});

export const UserPatchBody = z.strictObject({
  name: NameField.optional(),
  role: RoleSchema.optional(),
  supervisorId: IdSchema.nullable().optional(),
  disabled: z.boolean().optional(),
});

export const IdParams = z.strictObject({ id: IdSchema });
