/**
 * Cue files: WebVTT and SRT. Both are blocks of an optional cue id / number, a timing line
 * `start --> end` and one or more lines of text.
 *
 * Speakers: a WebVTT voice `<v Name>` (also `<v.loud Name>`); otherwise a `Name:` or `[Name]`
 * prefix at the start of the cue text. A cue without any speaker gets the label `Unknown`: the
 * reader does not guess that it continues the previous voice.
 *
 * One cue is one turn, its lines joined with a space, except that a cue holding several
 * speakers (several `<v>` voices, or lines starting with `-` or `>>`, the captioning convention
 * for a change of speaker) gives one turn per speaker, all with the cue's times.
 * NOTE, STYLE and REGION blocks and the WEBVTT header are ignored; tags (`<i>`, `<c.x>`,
 * `<00:01.000>`, `{\an8}`) are stripped.
 */
import type { FormatResult, RawTurn } from './raw.js';
import { WarningSink } from './raw.js';
import { bracketPrefix, colonPrefix, stripMarkup } from './label.js';
import { clockSeconds } from './time.js';

export const VTT_EXPECTED = '00:00:01.000 --> 00:00:04.000 followed by the cue text';
export const SRT_EXPECTED = 'a cue number, then 00:00:01,000 --> 00:00:04,000, then the cue text';

const CUE_TIME = String.raw`(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?`;
const TIMING = new RegExp(String.raw`^\s*${CUE_TIME}\s*-->\s*${CUE_TIME}(?:\s.*)?$`);
const SKIP_BLOCK = /^(?:NOTE|STYLE|REGION)(?:\s|$)/;
const HEADER = /^WEBVTT(?:\s|$)/;
const VOICE = /<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>/g;
const SPEAKER_CHANGE = /^\s*(?:-|>>)\s*/;
const ARROW = '-->';

interface Piece {
  voice: string | null;
  parts: string[];
  line: number;
}

interface Cue {
  start: number | null;
  end: number | null;
  pieces: Piece[];
}

export function readCues(lines: readonly string[], format: 'vtt' | 'srt'): FormatResult {
  const turns: RawTurn[] = [];
  const warn = new WarningSink();
  const badLines: number[] = [];
  let units = 0;
  let cue: Cue | null = null;
  let skipping = false; // inside a NOTE/STYLE/REGION/header block, or after a bad block
  let blockStart = true;
  let seenContent = false;
  let lastStart = -1;

  const flush = (): void => {
    if (!cue) return;
    for (const p of cue.pieces) {
      const turn = pieceToTurn(p, cue.start, cue.end);
      if (turn) turns.push(turn);
    }
    cue = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const lineNo = i + 1;
    if (text.trim() === '') {
      flush();
      skipping = false;
      blockStart = true;
      continue;
    }
    const atBlockStart = blockStart;
    blockStart = false;
    if (skipping) continue;
    if (!seenContent) {
      seenContent = true;
      if (HEADER.test(text.trimStart())) {
        skipping = true;
        continue;
      }
    }
    if (atBlockStart && SKIP_BLOCK.test(text)) {
      skipping = true;
      continue;
    }
    if (text.includes(ARROW)) {
      flush();
      units++;
      const m = TIMING.exec(text);
      if (!m) {
        badLines.push(lineNo);
        skipping = true;
        continue;
      }
      const s = cueTime(m[1], m[2], m[3], m[4]);
      const e = cueTime(m[5], m[6], m[7], m[8]);
      let start: number | null = s ?? null;
      let end: number | null = e ?? null;
      if (s === undefined || e === undefined) {
        warn.add(
          'time out of range',
          `Line ${lineNo}: the cue time is out of range (minutes and seconds must be below 60); the time was ignored.`,
          lineNo,
        );
        start = end = null;
      }
      if (start !== null) {
        if (start < lastStart) {
          warn.add(
            'time goes backwards',
            `Line ${lineNo}: the cue starts earlier than the cue before it; input order was kept.`,
            lineNo,
          );
        }
        lastStart = start;
      }
      cue = { start, end, pieces: [] };
      continue;
    }
    // A cue id or SRT number: the line right before a timing line.
    if ((lines[i + 1] ?? '').includes(ARROW) && (!cue || /^\s*\d+\s*$/.test(text))) continue;
    if (!cue) {
      units++;
      badLines.push(lineNo);
      skipping = true;
      continue;
    }
    addPayloadLine(cue, text, lineNo);
  }
  flush();
  return {
    turns,
    warnings: warn.done(),
    badLines,
    units,
    expected: format === 'vtt' ? VTT_EXPECTED : SRT_EXPECTED,
  };
}

function cueTime(
  h: string | undefined,
  m: string | undefined,
  s: string | undefined,
  frac: string | undefined,
): number | undefined {
  return h === undefined
    ? clockSeconds(m ?? '0', s ?? '0', undefined, frac)
    : clockSeconds(h, m ?? '0', s, frac);
}

function addPayloadLine(cue: Cue, text: string, line: number): void {
  VOICE.lastIndex = 0;
  let m = VOICE.exec(text);
  const last = cue.pieces[cue.pieces.length - 1];
  const before = m ? text.slice(0, m.index) : text;
  if (before.trim() !== '' || !m) {
    const changes = SPEAKER_CHANGE.test(before) && stripMarkup(before) !== '';
    if (last && !changes) last.parts.push(before);
    else cue.pieces.push({ voice: null, parts: [before.replace(SPEAKER_CHANGE, '')], line });
  }
  while (m) {
    const voice = (m[1] ?? '').trim();
    const from = m.index + m[0].length;
    const next = VOICE.exec(text);
    const body = text.slice(from, next ? next.index : text.length);
    cue.pieces.push({ voice: voice === '' ? null : voice, parts: [body], line });
    m = next;
  }
}

function pieceToTurn(p: Piece, start: number | null, end: number | null): RawTurn | null {
  let text = stripMarkup(p.parts.join(' '));
  let speaker = p.voice;
  if (speaker === null) {
    const prefixed = colonPrefix(text) ?? bracketPrefix(text);
    if (prefixed) {
      speaker = prefixed.label;
      text = prefixed.rest;
    }
  }
  if (text === '' && speaker === null) return null;
  return { speaker, start, end, text, line: p.line };
}
