/**
 * JSON transcripts: an array of `{speaker, start, end, text}` (also `role`), an object with such
 * an array under `turns`, or Whisper-style `{segments: [{start, end, text, speaker?}]}`.
 *
 * - `start`/`end`: seconds (numbers) or clock strings ("00:01:02.5", "01:02"); missing → null.
 * - `speaker`: string or number; missing or empty → `Unknown`. When no item has a speaker (plain
 *   Whisper output), every turn gets the single label `Speaker`, and a warning says roles
 *   cannot be told apart.
 * - `role`: when present and it names a role (`clinician`, `therapist`, `client`, `parent`…), it
 *   sets that speaker's role; with no `speaker`, it is also the label.
 * - Items whose text is empty or only spaces are skipped with a warning.
 * Errors name the field path (`[3].text`, `segments[0].start`), never values.
 */
import { DocscribError } from '../errors.js';
import type { RawTurn, TranscriptWarning } from './raw.js';
import { roleFromWord } from './roles.js';
import { parseClock } from './time.js';

export const JSON_EXPECTED =
  'an array of {"speaker", "start", "end", "text"} objects, or {"segments": [...]}';

export interface JsonResult {
  turns: RawTurn[];
  warnings: TranscriptWarning[];
}

export function readJson(text: string): JsonResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw jsonSyntaxError(text, e);
  }
  let items: unknown[];
  let base: string;
  let key: string | null = null;
  if (Array.isArray(data)) {
    items = data;
    base = '';
  } else if (isRecord(data) && Array.isArray(data.segments)) {
    items = data.segments;
    base = 'segments';
    key = 'segments';
  } else if (isRecord(data) && Array.isArray(data.turns)) {
    items = data.turns;
    base = 'turns';
    key = 'turns';
  } else {
    throw new DocscribError(
      'input.parse',
      isRecord(data)
        ? 'The JSON object has no "segments" or "turns" array.'
        : 'The JSON is not an array of turns.',
      `Give ${JSON_EXPECTED}.`,
      { field: isRecord(data) ? 'segments' : '(root)' },
    );
  }
  if (items.length === 0) {
    throw new DocscribError(
      'input.empty',
      'The JSON transcript has no turns.',
      `Give ${JSON_EXPECTED} with at least one item.`,
      { field: base === '' ? '(root)' : base },
    );
  }
  const lines = elementLines(text, key, items.length);
  const warnings: TranscriptWarning[] = [];
  const turns: RawTurn[] = [];
  let anySpeaker = false;
  let lastStart = -1;
  for (let i = 0; i < items.length; i++) {
    const path = `${base}[${i}]`;
    const line = lines?.[i];
    const item = items[i];
    if (!isRecord(item)) {
      throw fieldError(path, 'is not an object', line);
    }
    const rawText = item.text;
    if (typeof rawText !== 'string') {
      throw fieldError(
        `${path}.text`,
        rawText === undefined ? 'is missing' : 'is not a string',
        line,
      );
    }
    const start = seconds(item.start, `${path}.start`, line);
    const end = seconds(item.end, `${path}.end`, line);
    let speaker = label(item.speaker, `${path}.speaker`, line);
    let role = undefined;
    if (item.role !== undefined && item.role !== null) {
      if (typeof item.role !== 'string') throw fieldError(`${path}.role`, 'is not a string', line);
      role = roleFromWord(item.role) ?? undefined;
      if (speaker === null && item.role.trim() !== '') speaker = item.role.trim();
    }
    if (speaker !== null) anySpeaker = true;
    const body = rawText.replace(/\s+/g, ' ').trim();
    if (body === '') {
      warnings.push(
        line === undefined
          ? { message: `${path}.text is empty; the item was skipped.` }
          : { line, message: `${path}.text (line ${line}) is empty; the item was skipped.` },
      );
      continue;
    }
    if (start !== null) {
      if (start < lastStart) {
        warnings.push({
          ...(line === undefined ? {} : { line }),
          message: `${path}.start is earlier than the item before it; input order was kept.`,
        });
      }
      lastStart = start;
    }
    turns.push({ speaker, ...(role ? { role } : {}), start, end, text: body, line });
  }
  const fallback = anySpeaker ? 'Unknown' : 'Speaker';
  for (const t of turns) t.speaker ??= fallback;
  return { turns, warnings };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldError(field: string, problem: string, line: number | undefined): DocscribError {
  return new DocscribError(
    'input.parse',
    `${field} ${problem}${line === undefined ? '' : ` (item starting on line ${line})`}.`,
    `Give ${JSON_EXPECTED}; "text" is a string, "start"/"end" are seconds or "HH:MM:SS".`,
    { field, ...(line === undefined ? {} : { line }) },
  );
}

function seconds(v: unknown, field: string, line: number | undefined): number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) throw fieldError(field, 'is not a time ≥ 0', line);
    return v;
  }
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
    const s = parseClock(t);
    if (s === null) throw fieldError(field, 'is not a time (seconds or "HH:MM:SS")', line);
    if (s === undefined)
      throw fieldError(field, 'is out of range (minutes and seconds must be below 60)', line);
    return s;
  }
  throw fieldError(field, 'is not a time (seconds or "HH:MM:SS")', line);
}

function label(v: unknown, field: string, line: number | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw fieldError(field, 'is not a string', line);
  const t = v.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * Position (1-based line and column) of a `JSON.parse` error in `text`, from the engine's message
 * ("at position 123", or "line 3 column 5"; at the end of the input, the last line). Either is
 * undefined when the engine does not say. Used for every JSON input (transcripts, plans, notes).
 */
export function jsonErrorPosition(text: string, e: unknown): { line?: number; column?: number } {
  const msg = e instanceof Error ? e.message : '';
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(msg);
  if (pos) {
    // An error in trailing whitespace is at the end of the input: report the last line with text.
    const at = Math.min(Number(pos[1]), text.trimEnd().length);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: at - lineStart + 1 };
  }
  if (/end of (?:JSON|data) input|Unexpected end/i.test(msg)) {
    const body = text.trimEnd();
    let line = 1;
    for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) line++;
    return { line };
  }
  return {};
}

/**
 * A JSON syntax error in a transcript, located by {@link jsonErrorPosition}. The engine's
 * message itself is not repeated: newer engines quote the input in it.
 */
function jsonSyntaxError(text: string, e: unknown): DocscribError {
  const { line, column } = jsonErrorPosition(text, e);
  const where =
    line === undefined
      ? ''
      : ` near line ${line}${column === undefined ? '' : `, column ${column}`}`;
  return new DocscribError(
    'input.parse',
    `The file looks like JSON but is not valid JSON${where}.`,
    `Check brackets, commas and quotes there. Expected ${JSON_EXPECTED}.`,
    line === undefined ? {} : { line },
  );
}

/**
 * 1-based line where each item of the turn array starts, found with one linear scan of the
 * text (JSON.parse does not report positions). `key` is the top-level key holding the array,
 * or null when the root is the array. Undefined if the scan disagrees with the parsed count.
 */
function elementLines(text: string, key: string | null, count: number): number[] | undefined {
  const out: number[] = [];
  const targetDepth = key === null ? 1 : 2;
  let depth = 0;
  let line = 1;
  let inString = false;
  let stringStart = 0;
  let lastKey = '';
  let topKey = ''; // key of the current value at depth 1 (in an object root)
  let expectValue = true; // at targetDepth, the next non-space token starts an element
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) line++;
    if (inString) {
      if (ch === 92)
        i++; // backslash: skip the escaped character
      else if (ch === 34) {
        inString = false;
        lastKey = text.slice(stringStart, i);
      }
      continue;
    }
    if (ch === 32 || ch === 9 || ch === 13 || ch === 10) continue;
    const inTarget = depth === targetDepth && (key === null || topKey === key);
    if (inTarget && expectValue && ch !== 93 /* ] */) {
      out.push(line);
      expectValue = false;
    }
    if (ch === 34) {
      inString = true;
      stringStart = i + 1;
    } else if (ch === 58 /* : */ && depth === 1) {
      topKey = lastKey;
    } else if (ch === 123 || ch === 91) {
      depth++;
      if (depth === targetDepth && ch === 91) expectValue = true;
    } else if (ch === 125 || ch === 93) {
      depth--;
    } else if (ch === 44 /* , */ && inTarget) {
      expectValue = true;
    }
  }
  return out.length === count ? out : undefined;
}
