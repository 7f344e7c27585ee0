import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { DocscribError, type ErrorCode } from '../core/index.js';

/**
 * Reads and validates a JSON file. Errors name the file, the line of a syntax error and the field
 * of a schema error, never the file's content (a plan or a note holds client information).
 */
export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  what: { code: ErrorCode; name: string; hint: string },
): Promise<z.infer<S>> {
  const text = await readFile(path, 'utf8');
  return parseJsonText(text, schema, { ...what, file: path });
}

export function parseJsonText<S extends z.ZodType>(
  text: string,
  schema: S,
  what: { code: ErrorCode; name: string; hint: string; file: string },
): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const line = syntaxErrorLine(text, e);
    throw new DocscribError(
      what.code,
      `${what.name} is not valid JSON${line ? ` (syntax error on line ${line})` : ''}.`,
      what.hint,
      { file: what.file, ...(line ? { line } : {}) },
    );
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

/** The 1-based line of a JSON.parse error, from the position or line V8 reports. */
function syntaxErrorLine(text: string, e: unknown): number | undefined {
  const message = e instanceof Error ? e.message : '';
  const lineMatch = /\(line (\d+) column \d+\)/.exec(message);
  if (lineMatch?.[1]) return Number(lineMatch[1]);
  const posMatch = /at position (\d+)/.exec(message);
  if (posMatch?.[1]) {
    const pos = Number(posMatch[1]);
    let line = 1;
    for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  }
  if (/end of JSON input/i.test(message)) return text.trimEnd().split('\n').length;
  return undefined;
}
