/**
 * Turns written therapy text into the word sequences a speech language model is trained on:
 * what a recogniser would output for it when spoken. Lower case, no punctuation, numbers as
 * words, timestamps / speaker labels / stage directions (`(laughs)`) removed, split into
 * sentences (a recogniser's utterances are pause-bounded, which sentence ends approximate).
 */

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 0 … 999 999 as spoken words; larger numbers digit by digit. */
export function spellNumber(n: number): string[] {
  if (!Number.isInteger(n) || n < 0) return [];
  if (n < 20) return [ONES[n] ?? ''];
  if (n < 100) {
    const t = TENS[Math.floor(n / 10)] ?? '';
    return n % 10 ? [t, ONES[n % 10] ?? ''] : [t];
  }
  if (n < 1000) {
    const rest = n % 100;
    return [ONES[Math.floor(n / 100)] ?? '', 'hundred', ...(rest ? spellNumber(rest) : [])];
  }
  if (n < 1_000_000) {
    const rest = n % 1000;
    return [...spellNumber(Math.floor(n / 1000)), 'thousand', ...(rest ? spellNumber(rest) : [])];
  }
  return String(n)
    .split('')
    .map((d) => ONES[Number(d)] ?? '');
}

const SPOKEN: Record<string, string> = {
  mr: 'mister',
  mrs: 'missus',
  dr: 'doctor',
  ok: 'okay',
  '%': 'percent',
  '&': 'and',
};

/** Sentences of normalised words from a passage of text (one speaker's turn, a paragraph). */
export function textToSentences(text: string): string[][] {
  const cleaned = text
    .replace(/\[\d{1,2}:\d{2}(?::\d{2})?\]/g, ' ') // [00:01:02]
    .replace(/\([^)]*\)/g, ' ') // (laughs), (pause)
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .toLowerCase()
    .replace(/\b(mr|mrs|ms|dr|st)\./g, '$1') // not a sentence end
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/(\d+)\.(\d+)/g, (_, a: string, b: string) => `${a} point ${b.split('').join(' ')}`)
    .replace(/(\d)\s*%/g, '$1 percent')
    .replace(/(\d)([a-z])/g, '$1 $2');
  const sentences: string[][] = [];
  for (const part of cleaned.split(/[.!?;:\n]+|\s[-–—]+\s|—|–/)) {
    const words: string[] = [];
    for (const raw of part.split(/[\s\-/]+/)) {
      const token = raw.replace(/^[^a-z0-9&]+|[^a-z0-9&]+$/g, '').replace(/[^a-z0-9'&]/g, '');
      if (!token) continue;
      if (/^\d+$/.test(token)) words.push(...spellNumber(Number(token)));
      else words.push(SPOKEN[token] ?? token);
    }
    if (words.length > 0) sentences.push(words);
  }
  return sentences;
}

/** Text of a `[hh:mm:ss] Speaker: words` transcript without timestamps and speaker labels. */
export function transcriptTurns(transcript: string): string[] {
  const turns: string[] = [];
  for (const line of transcript.split(/\r?\n/)) {
    const m = /^\s*(?:\[[\d:.]+\]\s*)?([A-Z][\w .'-]{0,40}):\s*(.*)$/.exec(line);
    const text = (m ? m[2] : line)?.trim();
    if (text) turns.push(text);
  }
  return turns;
}
