import type { z } from 'zod';
import { DocscribError, jsonErrorPosition, type ErrorCode } from '../core/index.js';
import { readTextFile, type FileKind } from './files.js';

/**
 * Reads and validates a JSON file. Errors name the file, the line of a syntax error and the field
 * of a schema error, never the file's content (a plan or a note holds client information).
 */
export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  what: { code: ErrorCode; name: string; hint: string; kind: FileKind },
): Promise<z.infer<S>> {
  const text = await readTextFile(path, what.kind);
  return parseJsonText(text, schema, { ...what, file: path });
}

export function parseJsonText<S extends z.ZodType>(
  text: string,
  schema: S,
  what: { code: ErrorCode; name: string; hint: string; file: string },
): z.infer<S> {
  const json = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    const { line, column } = jsonErrorPosition(json, e);
    const where =
      line === undefined
        ? ''
        : ` (syntax error on line ${line}${column === undefined ? '' : `, column ${column}`})`;
    throw new DocscribError(what.code, `${what.name} is not valid JSON${where}.`, what.hint, {
      file: what.file,
      ...(line === undefined ? {} : { line }),
    });
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue ? fieldPath(issue.path) : '';
  throw new DocscribError(
    what.code,
    `${what.name} is invalid: ${field ? `field ${field}: ` : ''}${issue?.message ?? 'does not match the expected shape'}.`,
    what.hint,
    { file: what.file, ...(field ? { field } : {}) },
  );
}

/** `['goals', 0, 'text']` → `goals[0].text`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
