/**
 * A speaker-labelled speech transcript in the text forms people and the core read:
 *
 * - `speechToCoreJson`: `{"segments":[{speaker,start,end,text}]}`, what `parseTranscript(…,
 *   {format: 'json'})` takes (roles are inferred there from how each speaker talks);
 * - `toVtt`: WebVTT with `<v Speaker 1>` voice tags (subtitle players, and `docscrib note x.vtt`);
 * - `toTxt`: `[00:01:05] Speaker 1: text` lines, the core's line format (`docscrib note x.txt`).
 *
 * All three are written per turn: consecutive segments of one speaker separated by a short pause
 * (≤ {@link TURN_GAP_SEC}) are one turn, as a person would transcribe them. Text is the engine's,
 * never changed apart from collapsing white space.
 */
import type { SpeechTranscript } from './schema.js';

/** Longest pause (seconds) between two segments of one speaker that still makes them one turn. */
export const TURN_GAP_SEC = 3;

export interface SpeechTurn {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

/** The transcript's segments as turns (see the file comment), in time order. */
export function speechTurns(t: SpeechTranscript, maxGapSec: number = TURN_GAP_SEC): SpeechTurn[] {
  const segments = [...t.segments].sort((a, b) => a.start - b.start || a.end - b.end);
  const turns: SpeechTurn[] = [];
  for (const s of segments) {
    const text = s.text.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const last = turns[turns.length - 1];
    if (last && last.speaker === s.speaker && s.start - last.end <= maxGapSec) {
      last.text = `${last.text} ${text}`;
      last.end = Math.max(last.end, s.end);
    } else {
      turns.push({ speaker: s.speaker, start: s.start, end: s.end, text });
    }
  }
  return turns;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** `{"segments":[{speaker,start,end,text}]}`: the core parser's JSON transcript. */
export function speechToCoreJson(t: SpeechTranscript): string {
  const segments = speechTurns(t).map((turn) => ({
    speaker: turn.speaker,
    start: round3(turn.start),
    end: round3(turn.end),
    text: turn.text,
  }));
  return JSON.stringify({ segments });
}

/** Seconds → `hh:mm:ss.mmm` (WebVTT timestamps). */
export function vttTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms % 1000, 3)}`;
}

/** Seconds → `hh:mm:ss` (the line format's time prefix; fractions dropped). */
export function clockTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  return `${pad(Math.floor(total / 3600), 2)}:${pad(Math.floor(total / 60) % 60, 2)}:${pad(total % 60, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Cue text escaped for WebVTT: `&`, `<`, `>` as entities (so `-->` cannot appear either). */
function vttEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Voice names cannot hold `>` (it closes the tag); speaker labels are `Speaker N` anyway. */
function voiceName(label: string): string {
  return label.replace(/[<>&\r\n]/g, ' ').trim();
}

/** WebVTT, one cue per turn, the speaker as a `<v Speaker 1>` voice tag. */
export function toVtt(t: SpeechTranscript): string {
  const cues = speechTurns(t).map((turn, i) => {
    const end = Math.max(turn.end, turn.start + 0.001);
    return `${i + 1}\n${vttTime(turn.start)} --> ${vttTime(end)}\n<v ${voiceName(turn.speaker)}>${vttEscape(turn.text)}`;
  });
  return ['WEBVTT', '', ...cues.map((c) => `${c}\n`)].join('\n');
}

export interface TxtOptions {
  /**
   * Write `Speaker 1 (clinician): text` for people to read. Off by default: the plain
   * `Speaker 1: text` lines are what `docscrib note` reads back with the same speaker labels
   * (so `--roles "Speaker 1=…"` still applies); roles are inferred again when it reads them.
   */
  roles?: boolean;
}

/** `[00:01:05] Speaker 1: text`, one line per turn: the core's line format. */
export function toTxt(t: SpeechTranscript, opts: TxtOptions = {}): string {
  const roleOf = new Map(t.speakers.map((s) => [s.label, s.role]));
  const lines = speechTurns(t).map((turn) => {
    const role = opts.roles ? roleOf.get(turn.speaker) : undefined;
    const who = role ? `${turn.speaker} (${role})` : turn.speaker;
    return `[${clockTime(turn.start)}] ${who}: ${turn.text}`;
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
