/**
 * Which format a transcript text is in. Looks at the start of the text only, so detection stays
 * cheap on large files.
 */
import { readLines } from './lines.js';
import { splitLines } from './raw.js';
import type { InputFormat } from './schema.js';

const SAMPLE_LINES = 200;
const VTT_HEADER = /^WEBVTT(?:\s|$)/;
const JSON_ARRAY_START = /^\[\s*(?:[{"\]]|$)/;
const LINES_TIME_START = /^\[\s*\d{1,3}:\d/;
const CUE_TIMING = /^\s*(?:\d{1,3}:)?\d{1,2}:\d{1,2}(?:([.,])\d{1,3})?\s*-->/;
const DIGITS = /^\s*\d+\s*$/;

/** The detected format, or null when the text is in none of the accepted formats. */
export function detectFormat(text: string): InputFormat | null {
  const t = text.trimStart();
  if (VTT_HEADER.test(t)) return 'vtt';
  if (t.startsWith('{') || JSON_ARRAY_START.test(t)) return 'json';
  if (t.startsWith('[') && !LINES_TIME_START.test(t) && isJson(t)) return 'json';

  const sample = sampleLines(t);
  for (let i = 0; i < sample.length; i++) {
    const m = CUE_TIMING.exec(sample[i] ?? '');
    if (m) {
      const numbered = i > 0 && DIGITS.test(sample[i - 1] ?? '');
      return m[1] === ',' || numbered ? 'srt' : 'vtt';
    }
  }
  const r = readLines(sample);
  const turnStarts = r.labelled + r.timedOnly;
  if (turnStarts >= 1 && turnStarts * 5 >= r.units && r.badLines.length * 2 <= r.units) {
    return 'lines';
  }
  return null;
}

/** A short description of what an unrecognised text looks like (never its content). */
export function describeUnknown(text: string): string {
  const t = text.trimStart();
  if (/^<(?:!doctype|html|\?xml|[a-z]+[\s>])/i.test(t)) return 'it looks like HTML or XML';
  const first = t.slice(0, t.indexOf('\n') === -1 ? t.length : t.indexOf('\n'));
  if ((first.match(/,/g) ?? []).length >= 2 || (first.match(/\t/g) ?? []).length >= 2) {
    return 'it looks like a table (CSV or TSV)';
  }
  return 'no line starts with a speaker label such as "Therapist:"';
}

function isJson(t: string): boolean {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

function sampleLines(t: string): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < SAMPLE_LINES && from <= t.length) {
    let nl = t.indexOf('\n', from);
    if (nl === -1) nl = t.length;
    out.push(...splitLines(t.slice(from, nl)));
    from = nl + 1;
  }
  return out;
}
