/**
 * Numbers as people say them in sessions: digits ("14", "3.5", "40%") or words ("seventy",
 * "thirty-five", "a hundred", "five and a half", "a couple of"), with the small cues detectors need
 * to tell a rating ("a four", "eight out of ten") from a time ("four o'clock", "eight thirty") or a
 * count ("twice"). Pure string functions; works on lower- or mixed-case text without punctuation.
 *
 * Ranges ("thirty-five, forty", "three or four", "3-4") are reported by `collapseRanges` as one
 * mention whose `value` is the LATER number (with `low`/`high`): a client who says "thirty-five,
 * forty" is correcting towards the value they settle on, so the later one is the representative.
 */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const COUNT_WORDS: Readonly<Record<string, number>> = { once: 1, twice: 2, thrice: 3 };

export interface NumberMention {
  value: number;
  /** Character offsets in the searched text. */
  start: number;
  end: number;
  /** Index of the first and one past the last token. */
  tokenStart: number;
  tokenEnd: number;
  /** Said with an article, as ratings often are: "a four", "an eight". */
  article: boolean;
  /** "ninety percent", "40%". */
  percent: boolean;
  /** "eight out of ten" → 10. */
  outOf?: number;
  /** A time of day: "four o'clock", "seven a.m.", "eight thirty". */
  timeOfDay: boolean;
  /** "once", "twice", "thrice". */
  countWord: boolean;
  /** "a couple (of)". */
  approximate: boolean;
  /** Lower-cased token before / after the number (undefined at the edges). */
  prev?: string;
  next?: string;
  /** Ranges only (`collapseRanges`): the two numbers said. */
  low?: number;
  high?: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /\d+(?:\.\d+)?%?|[a-z]+(?:'[a-z]+)?/gi;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    out.push({ text: m[0].toLowerCase(), start, end: start + m[0].length });
  }
  return out;
}

/** Tokens are joined when only spaces or one hyphen separate them ("thirty-five", "eighty five"). */
function joined(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  return /^(?:\s*-?\s*)$/.test(gap) && gap.length <= 3;
}

interface Parsed {
  value: number;
  next: number; // token index after the number
}

/** Parse a spoken or written number starting at token i. */
function parseAt(text: string, toks: readonly Token[], i: number): Parsed | null {
  const t = toks[i];
  if (!t) return null;
  const w = t.text;
  if (/^\d/.test(w)) {
    const value = Number.parseFloat(w);
    if (!Number.isFinite(value)) return null;
    return withHalf(text, toks, { value, next: i + 1 });
  }
  if (w === 'a' || w === 'one') {
    const n = toks[i + 1];
    if (n && n.text === 'hundred' && joined(text, t, n)) {
      return withRest(text, toks, 100, i + 2);
    }
  }
  if (w in UNITS || w in TEENS) {
    const base = UNITS[w] ?? TEENS[w] ?? 0;
    const n = toks[i + 1];
    if (n && n.text === 'hundred' && joined(text, t, n) && base > 0) {
      return withRest(text, toks, base * 100, i + 2);
    }
    return withHalf(text, toks, { value: base, next: i + 1 });
  }
  if (w in TENS) {
    const base = TENS[w] ?? 0;
    const n = toks[i + 1];
    if (n && n.text in UNITS && n.text !== 'zero' && joined(text, t, n)) {
      return withHalf(text, toks, { value: base + (UNITS[n.text] ?? 0), next: i + 2 });
    }
    return withHalf(text, toks, { value: base, next: i + 1 });
  }
  return null;
}

/** After "hundred": optional "and" plus tens/units ("a hundred and ten"). */
function withRest(text: string, toks: readonly Token[], base: number, i: number): Parsed {
  let j = i;
  if (toks[j]?.text === 'and') j++;
  const t = toks[j];
  const prev = toks[j - 1];
  if (
    t &&
    prev &&
    joined(text, prev, t) &&
    (t.text in UNITS || t.text in TEENS || t.text in TENS)
  ) {
    const rest = parseAt(text, toks, j);
    if (rest && rest.value < 100) return { value: base + rest.value, next: rest.next };
  }
  return { value: base, next: i };
}

/** "five and a half" → 5.5. */
function withHalf(text: string, toks: readonly Token[], p: Parsed): Parsed {
  const a = toks[p.next];
  const b = toks[p.next + 1];
  const c = toks[p.next + 2];
  if (a?.text === 'and' && b?.text === 'a' && c?.text === 'half' && joined(text, b, c)) {
    return { value: p.value + 0.5, next: p.next + 3 };
  }
  return p;
}

const TIME_AFTER = /^(?:o'clock|oclock|am|pm|a|p)$/;

/** Every number in `text`, in order. */
export function findNumbers(text: string): NumberMention[] {
  const toks = tokenize(text);
  const out: NumberMention[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (!t) break;
    if (t.text in COUNT_WORDS) {
      out.push(mention(text, toks, i, i + 1, COUNT_WORDS[t.text] ?? 0, { countWord: true }));
      i++;
      continue;
    }
    if (t.text === 'a' && toks[i + 1]?.text === 'couple') {
      const end = toks[i + 2]?.text === 'of' ? i + 3 : i + 2;
      out.push(mention(text, toks, i, end, 2, { approximate: true }));
      i = end;
      continue;
    }
    // "a hundred" starts with "a" but is a number, not an article.
    const p = parseAt(text, toks, i);
    if (!p || (t.text === 'a' && p.value < 100)) {
      i++;
      continue;
    }
    out.push(mention(text, toks, i, p.next, p.value, {}));
    i = p.next;
  }
  markOutOf(out);
  markTimes(text, toks, out);
  return out;
}

function mention(
  text: string,
  toks: readonly Token[],
  s: number,
  e: number,
  value: number,
  flags: Partial<NumberMention>,
): NumberMention {
  const first = toks[s];
  const last = toks[e - 1];
  const prev = toks[s - 1]?.text;
  const next = toks[e]?.text;
  const raw = first && last ? text.slice(first.start, last.end) : '';
  const percent = raw.endsWith('%') || next === 'percent' || next === 'per';
  const article = (prev === 'a' || prev === 'an') && !flags.approximate;
  return {
    value,
    start: first?.start ?? 0,
    end: last?.end ?? 0,
    tokenStart: s,
    tokenEnd: e,
    article,
    percent,
    timeOfDay: false,
    countWord: false,
    approximate: false,
    ...(prev !== undefined ? { prev } : {}),
    ...(next !== undefined ? { next } : {}),
    ...flags,
  };
}

/** "eight out of ten": the first gets outOf, the second is dropped. */
function markOutOf(list: NumberMention[]): void {
  for (let k = 0; k < list.length - 1; k++) {
    const a = list[k];
    const b = list[k + 1];
    if (!a || !b) continue;
    if (a.next === 'out' && b.prev === 'of' && b.tokenStart === a.tokenEnd + 2) {
      a.outOf = b.value;
      a.end = b.end;
      a.tokenEnd = b.tokenEnd;
      if (b.next !== undefined) a.next = b.next;
      else delete a.next;
      list.splice(k + 1, 1);
    }
  }
}

function markTimes(text: string, toks: readonly Token[], list: NumberMention[]): void {
  for (let k = 0; k < list.length; k++) {
    const m = list[k];
    if (!m) continue;
    const after = toks[m.tokenEnd];
    if (m.value >= 1 && m.value <= 12 && after && TIME_AFTER.test(after.text)) {
      // "a" / "p" only when written "a.m." / "p.m.".
      if (after.text.length > 1 || text[after.end] === '.') m.timeOfDay = true;
    }
    // "two in the morning", "eleven at night".
    if (m.value >= 1 && m.value <= 12 && Number.isInteger(m.value) && !m.article) {
      const w = toks
        .slice(m.tokenEnd, m.tokenEnd + 3)
        .map((x) => x.text)
        .join(' ');
      if (/^(?:in the (?:morning|afternoon|evening|night)|at night)\b/.test(w)) m.timeOfDay = true;
    }
    const n = list[k + 1];
    // "eight thirty", "ten fifteen": an hour followed at once by minutes.
    if (
      n &&
      n.tokenStart === m.tokenEnd &&
      Number.isInteger(m.value) &&
      m.value >= 1 &&
      m.value <= 12 &&
      [15, 30, 45].includes(n.value) &&
      !m.article
    ) {
      m.timeOfDay = true;
      n.timeOfDay = true;
    }
  }
}

/**
 * Merge ranges said as two numbers in a row ("thirty-five, forty", "three or four", "3-4",
 * "five to six") into one mention whose value is the later number. "from X to Y" is not a range.
 */
export function collapseRanges(text: string, list: readonly NumberMention[]): NumberMention[] {
  const out: NumberMention[] = [];
  for (let k = 0; k < list.length; k++) {
    const a = list[k];
    if (!a) continue;
    const b = list[k + 1];
    if (b && !a.timeOfDay && !b.timeOfDay && isRangeGap(text.slice(a.end, b.start), text, a)) {
      out.push({
        ...b,
        start: a.start,
        tokenStart: a.tokenStart,
        article: a.article || b.article,
        low: Math.min(a.value, b.value),
        high: Math.max(a.value, b.value),
        ...(a.prev !== undefined ? { prev: a.prev } : {}),
      });
      k++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function isRangeGap(gap: string, text: string, a: NumberMention): boolean {
  const g = gap.toLowerCase();
  if (/^\s*(?:,|-|or|to)\s*(?:maybe\s*|like\s*)?$/.test(g) || /^\s*,\s*(?:or\s*)?$/.test(g)) {
    // "from 8 to 4" is a change, not a range.
    const before = text.slice(Math.max(0, a.start - 12), a.start).toLowerCase();
    return !(/\bfrom\s*$/.test(before) && /to/.test(g));
  }
  return false;
}

export interface DurationMention {
  minutes: number;
  start: number;
  end: number;
}

const DURATION_PHRASE =
  /\b(?:(half an? hour)|(an? hour and a half)|(an? hour)|(a couple (?:of )?hours)|(a minute))\b/gi;
const UNIT_AFTER = /^\s*(minutes?|mins?|hours?|hrs?|seconds?|secs?)\b/i;

/** Durations in minutes: "ten minutes", "half an hour", "an hour and a half", "2 hours". */
export function findDurations(text: string): DurationMention[] {
  const out: DurationMention[] = [];
  for (const m of text.matchAll(DURATION_PHRASE)) {
    const minutes = m[1] ? 30 : m[2] ? 90 : m[3] ? 60 : m[4] ? 120 : 1;
    out.push({ minutes, start: m.index, end: m.index + m[0].length });
  }
  for (const n of findNumbers(text)) {
    if (n.timeOfDay || n.countWord) continue;
    const u = UNIT_AFTER.exec(text.slice(n.end));
    if (!u?.[1]) continue;
    const unit = u[1].toLowerCase();
    const minutes = unit.startsWith('s')
      ? n.value / 60
      : unit.startsWith('h')
        ? n.value * 60
        : n.value;
    const end = n.end + u[0].length;
    // "an hour and a half" was already read as a phrase.
    if (out.some((d) => n.start < d.end && end > d.start)) continue;
    out.push({ minutes, start: n.start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Parse a whole phrase as one number ("thirty-five" → 35); null when it is not just a number. */
export function parseNumber(phrase: string): number | null {
  const list = findNumbers(phrase);
  const first = list[0];
  if (list.length !== 1 || !first) return null;
  const rest = (phrase.slice(0, first.start) + phrase.slice(first.end)).replace(/[\s%.,-]/g, '');
  return rest === '' || rest === 'percent' ? first.value : null;
}
