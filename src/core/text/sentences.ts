/**
 * Sentence and question helpers that do not depend on punctuation being present (speech-recognition
 * transcripts have none): a turn without punctuation is one sentence.
 */

export interface Span {
  text: string;
  start: number;
  end: number;
}

const SENTENCE_END = /[.!?;]+(?:["')\]]+)?(?=\s|$)/g;

/** Split text into sentences with their offsets. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    push(out, text, from, end);
    from = end;
  }
  push(out, text, from, text.length);
  return out;
}

function push(out: Span[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const t = raw.trim();
  if (t !== '') out.push({ text: t, start: start + lead, end: start + lead + t.length });
}

const QUESTION_START =
  /^(?:(?:and|so|okay|ok|now|but|well|alright|all right|um|uh)[, ]+)*(?:how|what|what's|whats|where|where's|when|why|which|who|did|do|does|have|has|had|are|is|was|were|would|could|can|will|any|anything)\b/;

/** Question-like: ends with "?" or opens the way questions open (for unpunctuated text). */
export function isQuestion(sentence: string): boolean {
  const s = sentence.trim().toLowerCase();
  return s.endsWith('?') || QUESTION_START.test(s);
}

/** The sentence of `text` that contains character offset `at`. */
export function sentenceAt(sentences: readonly Span[], at: number): Span | undefined {
  return sentences.find((s) => at >= s.start && at < s.end) ?? sentences[sentences.length - 1];
}
