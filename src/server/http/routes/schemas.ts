import { z } from 'zod';
import {
  ClientProfileSchema,
  EmailSchema,
  IdSchema,
  InputFormatSchema,
  NoteFormatSchema,
  NoteSchema,
  RoleSchema,
  SessionDetailsSchema,
  UserSchema,
} from '../../domain/schemas.js';

/** Request and response schemas of the routes: account (setup, auth, users, audit), clinical. */

/** `:id` in a route's path: a record id. */
export const IdParams = z.strictObject({ id: IdSchema });

// ── Account routes ───────────────────────────────────────────────────────────

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

// ── Clinical routes ──────────────────────────────────────────────────────────

/** Largest transcript text accepted (characters); the 5 MB body limit applies first. */
export const MAX_TRANSCRIPT_CHARS = 4_000_000;
/** Largest addendum and process note (characters). */
export const MAX_ADDENDUM_CHARS = 20_000;
export const MAX_PROCESS_NOTE_CHARS = 100_000;

const Version = z.number().int().positive();

export const ClientProfileBodySchema = z.strictObject({ profile: ClientProfileSchema });

export const NewSessionBodySchema = z.strictObject({
  details: SessionDetailsSchema,
  transcript: z.strictObject({
    text: z.string().min(1, 'the transcript is empty').max(MAX_TRANSCRIPT_CHARS),
    format: z.enum(['auto', ...InputFormatSchema.options]).default('auto'),
  }),
  noteFormat: NoteFormatSchema.default('soap'),
});

export const NoteUpdateBodySchema = z.strictObject({ body: NoteSchema, version: Version });
export const NoteSignBodySchema = z.strictObject({ version: Version });
export const AddendumBodySchema = z.strictObject({
  text: z.string().trim().min(1).max(MAX_ADDENDUM_CHARS),
});

export const TextSectionsSchema = z.object({
  sections: z.array(z.object({ id: z.string(), heading: z.string(), text: z.string() })),
});

export const FhirQuerySchema = z.strictObject({
  resource: z.enum(['Composition', 'DocumentReference']).default('Composition'),
});

const ProcessNoteText = z.string().trim().min(1).max(MAX_PROCESS_NOTE_CHARS);
export const NewProcessNoteBodySchema = z.strictObject({
  text: ProcessNoteText,
  sessionId: IdSchema.optional(),
});
export const ProcessNoteUpdateBodySchema = z.strictObject({ text: ProcessNoteText });
