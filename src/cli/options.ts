import { InvalidArgumentError, Option } from 'commander';
import {
  DocscribError,
  InputFormatSchema,
  NoteFormatSchema,
  RoleSchema,
  type InputFormat,
  type NoteFormat,
  type Role,
  type Transcript,
} from '../core/index.js';

/** Options every transcript-reading command shares. */
export interface InputOptions {
  inputFormat?: InputFormat;
  roles?: Record<string, Role>;
  plan?: string;
}

const ROLE_ALIASES: Record<string, Role> = {
  therapist: 'clinician',
  counselor: 'clinician',
  counsellor: 'clinician',
  patient: 'client',
  parent: 'other',
  partner: 'other',
  family: 'other',
};

/** `"Speaker 1=clinician,Speaker 2=client"` → `{ 'Speaker 1': 'clinician', 'Speaker 2': 'client' }`. */
export function parseRoles(value: string): Record<string, Role> {
  const roles: Record<string, Role> = {};
  for (const part of value.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.lastIndexOf('=');
    const label = part.slice(0, Math.max(eq, 0)).trim();
    const roleText = part
      .slice(eq + 1)
      .trim()
      .toLowerCase();
    if (eq < 0 || label === '') {
      throw new InvalidArgumentError(
        'expected "Label=role" pairs separated by commas, e.g. "Speaker 1=clinician,Speaker 2=client".',
      );
    }
    const parsed = RoleSchema.safeParse(roleText);
    const role = parsed.success ? parsed.data : ROLE_ALIASES[roleText];
    if (!role) {
      throw new InvalidArgumentError(
        `role for "${label}" must be one of ${RoleSchema.options.join(', ')}.`,
      );
    }
    roles[label] = role;
  }
  if (Object.keys(roles).length === 0) throw new InvalidArgumentError('no roles given.');
  return roles;
}

/**
 * Every label `--roles` names must be a speaker of the transcript; otherwise the override would be
 * silently ignored. The error lists the transcript's speaker labels.
 */
export function checkRoleLabels(
  transcript: Transcript,
  roles: Record<string, Role> | undefined,
  file: string,
): void {
  if (!roles) return;
  const labels = transcript.speakers.map((s) => s.label);
  const known = new Set(labels.map((l) => l.trim().toLowerCase()));
  const unknown = Object.keys(roles).filter((l) => !known.has(l.trim().toLowerCase()));
  if (unknown.length === 0) return;
  throw new DocscribError(
    'input.roles',
    `--roles names ${unknown.map((l) => `"${l}"`).join(', ')}, not a speaker label in this transcript.`,
    `Speaker labels in this transcript: ${labels.map((l) => `"${l}"`).join(', ')}.`,
    { file },
  );
}

export function noteFormatOption(): Option {
  return new Option('-f, --format <format>', 'note format')
    .choices(NoteFormatSchema.options)
    .default('soap' satisfies NoteFormat);
}

export function inputFormatOption(): Option {
  return new Option(
    '-i, --input-format <format>',
    'transcript format (default: detected from the content)',
  ).choices(InputFormatSchema.options);
}

export function rolesOption(): Option {
  return new Option(
    '-r, --roles <pairs>',
    'speaker roles, overriding the labels and inference, e.g. "Speaker 1=clinician,Speaker 2=client"',
  ).argParser(parseRoles);
}

export function planOption(): Option {
  return new Option('-p, --plan <plan.json>', 'treatment plan with goals to link progress to');
}
