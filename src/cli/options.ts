import { InvalidArgumentError, Option } from 'commander';
import {
  InputFormatSchema,
  NoteFormatSchema,
  isDocscribError,
  parseRoleOverrides,
  type InputFormat,
  type NoteFormat,
  type Role,
} from '../core/index.js';

/** Options every transcript-reading command shares. */
export interface InputOptions {
  inputFormat?: InputFormat;
  roles?: Record<string, Role>;
  plan?: string;
}

/**
 * `--roles "Speaker 1=clinician,Speaker 2=client"`, read by the core's parser. A malformed value
 * is a bad option value (exit code 2); a label that is not a speaker of the transcript is
 * reported by the core when the transcript is parsed (exit code 3, listing the labels).
 */
function parseRolesOption(value: string): Record<string, Role> {
  try {
    return parseRoleOverrides(value);
  } catch (e) {
    if (isDocscribError(e)) throw new InvalidArgumentError(`${e.message} ${e.hint}`);
    throw e;
  }
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
  ).argParser(parseRolesOption);
}

export function planOption(): Option {
  return new Option('-p, --plan <plan.json>', 'treatment plan with goals to link progress to');
}
