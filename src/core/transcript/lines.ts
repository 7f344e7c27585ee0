/**
 * The line format: one turn per line, `[HH:MM:SS] Speaker: text`, also `HH:MM:SS Speaker: text`,
 * `[MM:SS] Speaker: text`, `[H:MM:SS.mmm]`, `[start - end]`, or no time at all.
 *
 * Also read: a time alone on a line (it dates the next turn), and "Name  0:05" header lines
 * (after a blank line) whose turn text follows on the next lines, as meeting-transcription
 * exports write them.
 *
 * Decisions:
 * - A line without a speaker prefix directly below a turn (no blank line between) is a wrapped
 *   line of that turn and is appended to it, with a warning naming the line (a missing label
 *   would otherwise go unnoticed). Two lines that each have a speaker are never merged. The
 *   text lines under a header line (or under a label alone on its line) are that turn's text:
 *   no warning.
 * - A `Word:` prefix on a line directly below a turn counts as a new speaker only when it looks
 *   like a label: the line has a time, the label is used on another line too, names a role, is
 *   a diarization label (`Speaker 2`), or is capitalised like a name (`Maria`, `Dr. Lee`).
 *   Otherwise ("and then she said: fine") the line is a wrapped line of the turn above.
 * - A line with a bracketed time but no speaker is a turn by `Unknown` (with a warning).
 * - A line without speaker that follows a blank line cannot be placed: it is skipped with a
 *   warning (or, when most lines are like that, the file is rejected).
 */
import type { FormatResult, RawTurn } from './raw.js';
import { WarningSink } from './raw.js';
import { colonPrefix } from './label.js';
import { roleFromLabel } from './roles.js';
import { CLOCK_SRC, clockSeconds } from './time.js';

export const LINES_EXPECTED = '[HH:MM:SS] Speaker: text  (the time is optional)';

/** Optional time prefix: `[t]`, `(t)`, `t`, `[t - t]`; then an optional `-` or `|` separator. */
const TIME_PREFIX = new RegExp(
  String.raw`^\s*([\[(])?\s*${CLOCK_SRC}(?:\s*(?:-->|-|\u2013|to)\s*${CLOCK_SRC})?\s*([\])])?(?:\s*[-|\u2013\u2014](?=\s))?(?:(?<=[\])])|(?=\s|$))\s*`,
  'u',
);
/** A meeting-export header: `Speaker 1  0:05` (label, spaces, time, nothing else). */
const HEADER = new RegExp(
  String.raw`^\s*(\p{L}[\p{L}\p{M}\p{N}_.'\u2019()# -]{0,39}?)\s+${CLOCK_SRC}\s*$`,
  'u',
);

type Kind = 'blank' | 'turn' | 'time' | 'header' | 'text';

interface Classified {
  kind: Kind;
  label?: string;
  text?: string;
  start?: number | null;
  end?: number | null;
  bracketed?: boolean;
  timed?: boolean;
  badTime?: boolean;
}

const BLANK: Classified = { kind: 'blank' };

function classify(line: string): Classified {
  if (line.trim() === '') return BLANK;
  const tm = TIME_PREFIX.exec(line);
  let rest = line;
  let start: number | null = null;
  let end: number | null = null;
  let timed = false;
  let badTime = false;
  let bracketed = false;
  if (tm && (tm[1] === undefined) === (tm[10] === undefined)) {
    timed = true;
    bracketed = tm[1] !== undefined;
    const s = clockSeconds(tm[2] ?? '0', tm[3] ?? '0', tm[4], tm[5]);
    if (s === undefined) badTime = true;
    else start = s;
    if (tm[6] !== undefined) {
      const e = clockSeconds(tm[6], tm[7] ?? '0', tm[8], tm[9]);
      if (e === undefined) badTime = true;
      else end = e;
    }
    if (badTime) start = end = null;
    rest = line.slice(tm[0].length);
  }
  if (timed && rest.trim() === '') return { kind: 'time', start, end, badTime, timed };
  const p = colonPrefix(rest.trimStart());
  if (p)
    return { kind: 'turn', label: p.label, text: p.rest, start, end, timed, bracketed, badTime };
  if (!timed) {
    const h = HEADER.exec(line);
    if (h) {
      const s = clockSeconds(h[2] ?? '0', h[3] ?? '0', h[4], h[5]);
      return {
        kind: 'header',
        label: (h[1] ?? '').trim(),
        start: s ?? null,
        end: null,
        badTime: s === undefined,
        timed: true,
      };
    }
  }
  return { kind: 'text', text: rest.trim(), start, end, timed, bracketed, badTime };
}

export interface LinesResult extends FormatResult {
  /** Turns that started with a speaker label (for format detection). */
  labelled: number;
  /** Turns that started with a bracketed time but had no speaker. */
  timedOnly: number;
  /** Kind of the first non-blank line. */
  firstKind: Kind | null;
}

export function readLines(lines: readonly string[]): LinesResult {
  const cls = lines.map(classify);
  const labelCount = new Map<string, number>();
  for (const c of cls) {
    if ((c.kind === 'turn' || c.kind === 'header') && c.label !== undefined) {
      labelCount.set(c.label, (labelCount.get(c.label) ?? 0) + 1);
    }
  }
  const strongLabel = new Map<string, boolean>();
  const isStrong = (label: string): boolean => {
    let v = strongLabel.get(label);
    if (v === undefined) {
      v = (labelCount.get(label) ?? 0) >= 2 || looksLikeSpeaker(label);
      strongLabel.set(label, v);
    }
    return v;
  };
  const anyLabels = labelCount.size > 0;

  const turns: RawTurn[] = [];
  const warn = new WarningSink();
  const badLines: number[] = [];
  let units = 0;
  let labelled = 0;
  let timedOnly = 0;
  let firstKind: Kind | null = null;
  let current: RawTurn | null = null;
  let currentFromHeader = false; // the current turn's text is on the lines below its label
  let afterContent = false; // the previous line belongs to a turn (no blank line between)
  let pending: { start: number | null; end: number | null } | null = null;
  let lastStart = -1;

  const open = (speaker: string | null, c: Classified, lineNo: number): RawTurn => {
    let start = c.start ?? null;
    let end = c.end ?? null;
    if (!c.timed && pending) {
      start = pending.start;
      end = pending.end;
    }
    pending = null;
    if (c.badTime) {
      warn.add(
        'time out of range',
        `Line ${lineNo}: the time is out of range (minutes and seconds must be below 60); the time was ignored.`,
        lineNo,
      );
    }
    if (start !== null) {
      if (start < lastStart) {
        warn.add(
          'time goes backwards',
          `Line ${lineNo}: the time is earlier than the turn before it; input order was kept.`,
          lineNo,
        );
      }
      lastStart = start;
    }
    const turn: RawTurn = { speaker, start, end, text: c.text ?? '', line: lineNo };
    turns.push(turn);
    currentFromHeader = c.kind === 'header' || turn.text === '';
    return turn;
  };

  /** A line without a speaker, joined to the turn above it. */
  const join = (turn: RawTurn, text: string, lineNo: number): void => {
    if (turn.text !== '' && !currentFromHeader && text.trim() !== '') {
      warn.add('joined', `Line ${lineNo} has no speaker label; joined to the turn above.`, lineNo);
    }
    appendText(turn, text);
  };

  for (let i = 0; i < cls.length; i++) {
    const c = cls[i] ?? BLANK;
    const lineNo = i + 1;
    if (c.kind === 'blank') {
      afterContent = false;
      continue;
    }
    units++;
    firstKind ??= c.kind;
    switch (c.kind) {
      case 'time':
        if (c.badTime) {
          warn.add(
            'time out of range',
            `Line ${lineNo}: the time is out of range (minutes and seconds must be below 60); the time was ignored.`,
            lineNo,
          );
        }
        pending = { start: c.start ?? null, end: c.end ?? null };
        afterContent = false;
        break;
      case 'header':
        if (!afterContent && isStrong(c.label ?? '')) {
          current = open(c.label ?? null, c, lineNo);
          labelled++;
          afterContent = true;
        } else if (current && afterContent) {
          join(current, lines[i] ?? '', lineNo);
        } else {
          badLines.push(lineNo);
        }
        break;
      case 'turn': {
        const label = c.label ?? '';
        if (current && afterContent && !c.timed && !isStrong(label)) {
          join(current, lines[i] ?? '', lineNo);
        } else {
          current = open(label, c, lineNo);
          labelled++;
          afterContent = true;
        }
        break;
      }
      case 'text':
        if (c.timed && (c.bracketed || !afterContent || !anyLabels)) {
          current = open(null, c, lineNo);
          timedOnly++;
          afterContent = true;
          if (anyLabels) {
            warn.add(
              'no speaker',
              `Line ${lineNo}: the turn has a time but no speaker label; the speaker is "Unknown".`,
              lineNo,
            );
          }
        } else if (current && afterContent) {
          join(current, lines[i] ?? '', lineNo);
        } else {
          badLines.push(lineNo);
          afterContent = false;
        }
        break;
    }
  }
  return {
    turns,
    warnings: warn.done(),
    badLines,
    units,
    expected: LINES_EXPECTED,
    labelled,
    timedOnly,
    firstKind,
  };
}

/** `Speaker 2`, `SPEAKER_01`, `spk_0`, `Person 3`, `S1`. */
const GENERIC_LABEL = /^(?:speaker|spk|person|participant|voice|guest|s)[ _-]?(?:\d+|[a-z])$/i;
/** Every word capitalised (`Maria`, `Dr. Lee`, `MOTHER`), at most four words. */
const TITLE_CASE =
  /^\p{Lu}[\p{L}\p{M}.'\u2019-]*(?: (?:\p{Lu}[\p{L}\p{M}.'\u2019-]*|\d+|\([^)]*\))){0,3}$/u;

/**
 * A label that is a speaker even when it occurs only once and has no time: it names a role,
 * is a diarization label, or is capitalised like a name. "and then she said" is not.
 */
function looksLikeSpeaker(label: string): boolean {
  return roleFromLabel(label) !== null || GENERIC_LABEL.test(label) || TITLE_CASE.test(label);
}

function appendText(turn: RawTurn, text: string): void {
  const t = text.trim();
  if (t === '') return;
  turn.text = turn.text === '' ? t : `${turn.text} ${t}`;
}
