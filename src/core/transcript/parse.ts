/**
 * Text of a transcript file → turns with speakers, roles and times. Detects the format unless
 * `opts.format` forces one. Throws DocscribError on bad input; messages name lines and fields,
 * never transcript text.
 */
import { DocscribError } from '../errors.js';
import { readCues } from './cues.js';
import { describeUnknown, detectFormat } from './detect.js';
import { readJson } from './json.js';
import { readLines } from './lines.js';
import { splitLines, WarningSink, type FormatResult, type RawTurn } from './raw.js';
import type { TranscriptWarning } from './raw.js';
import { assignRoles } from './roles.js';
import type { InputFormat, ParseOptions, Transcript, Turn } from './schema.js';

/** Shown when the format is not recognised. */
export const FORMATS_HINT =
  'Accepted formats: lines such as "[00:01:05] Therapist: How was your week?" (the time is optional), ' +
  'WebVTT (WEBVTT header, <v Name> voices or "Name:" prefixes), SRT (numbered cues with "Name:" prefixes), ' +
  'JSON (an array of {"speaker", "start", "end", "text"} or Whisper-style {"segments": [...]}).';

const FORMAT_NAMES: Record<InputFormat, string> = {
  lines: 'line',
  vtt: 'WebVTT',
  srt: 'SRT',
  json: 'JSON',
};

/** Label of turns whose input gave no speaker. */
export const UNKNOWN_SPEAKER = 'Unknown';

export function parseTranscript(text: string, opts: ParseOptions = {}): Transcript {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (src.trim() === '') {
    throw new DocscribError(
      'input.empty',
      'The transcript is empty.',
      'Give a file with at least one turn, e.g. "[00:00:05] Therapist: How was your week?".',
    );
  }
  const format = opts.format ?? detectFormat(src);
  if (format === null) {
    throw new DocscribError(
      'input.format_unknown',
      `The transcript format was not recognised (${describeUnknown(src)}).`,
      FORMATS_HINT,
    );
  }

  let turns: RawTurn[];
  let warnings: TranscriptWarning[];
  if (format === 'json') {
    ({ turns, warnings } = readJson(src));
  } else {
    const lines = splitLines(src);
    const r = format === 'lines' ? readLines(lines) : readCues(lines, format);
    warnings = [...checkBadLines(r, format), ...r.warnings];
    turns = r.turns;
  }
  if (turns.length === 0) {
    throw new DocscribError(
      'input.empty',
      `The ${FORMAT_NAMES[format]} transcript has no turns with text.`,
      'Give a file with at least one turn.',
    );
  }

  const labels: string[] = [];
  const seen = new Set<string>();
  for (const t of turns) {
    t.speaker ??= UNKNOWN_SPEAKER;
    if (!seen.has(t.speaker)) {
      seen.add(t.speaker);
      labels.push(t.speaker);
    }
  }
  const roles = assignRoles(labels, turns, opts.roles);
  const out: Turn[] = new Array<Turn>(turns.length);
  for (let i = 0; i < turns.length; i++) {
    const t = turns[i] as RawTurn;
    const speaker = t.speaker ?? UNKNOWN_SPEAKER;
    out[i] = {
      id: `u${i + 1}`,
      speaker,
      role: roles.roleOf.get(speaker) ?? 'other',
      start: t.start,
      end: t.end,
      text: t.text,
      ...(t.line === undefined ? {} : { line: t.line }),
    };
  }
  return {
    format,
    speakers: roles.speakers,
    turns: out,
    warnings: [...warnings, ...roles.warnings],
  };
}

/**
 * A few unreadable lines are skipped with a warning each; a file that is mostly unreadable is
 * rejected, naming the first bad line and the expected pattern (not the line's content).
 */
function checkBadLines(r: FormatResult, format: InputFormat): TranscriptWarning[] {
  if (r.badLines.length === 0) return [];
  const first = r.badLines[0] ?? 1;
  if (r.badLines.length * 2 > r.units) {
    throw new DocscribError(
      'input.parse',
      `Line ${first} is not in the ${FORMAT_NAMES[format]} format (${r.badLines.length} of ${r.units} ${format === 'lines' ? 'lines' : 'blocks'} could not be read).`,
      `Expected: ${r.expected}. ${format === 'lines' ? '' : 'Or choose another --input-format. '}${FORMATS_HINT}`,
      { line: first },
    );
  }
  const sink = new WarningSink();
  for (const line of r.badLines) {
    sink.add(
      'line could not be read',
      `Line ${line} could not be read (expected: ${r.expected}); it was skipped.`,
      line,
    );
  }
  return sink.done();
}
