/**
 * Parses what `pocketsphinx_continuous -time yes` prints on stdout into utterances.
 *
 * For each utterance the program prints one hypothesis line (the words, possibly empty) and then,
 * with `-time yes`, one line per recognised token: `word start end confidence` (seconds from the
 * start of the stream). Tokens include sentence markers (`<s>`, `</s>`), silence (`<sil>`) and
 * fillers (`[NOISE]`, `[SPEECH]`, `++…++`), and alternate pronunciations carry a suffix (`to(2)`).
 * The parser is fed lines as they arrive and hands back each utterance once it is complete (its
 * `</s>` line, the next hypothesis line, or the end of the output), so the live transcript can
 * show it at once.
 */

export interface ParsedWord {
  text: string;
  start: number;
  end: number;
  confidence: number;
}

export interface ParsedUtterance {
  /** Recognised words without markers, silences and fillers, in order. */
  words: ParsedWord[];
  /** Span of the whole utterance (markers included), seconds from the start of the stream. */
  start: number;
  end: number;
}

const WORD_LINE = /^(\S+) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/i;

/** True for tokens that are not words: sentence markers, silence and noise/filler models. */
export function isFillerToken(token: string): boolean {
  return (
    token.startsWith('<') ||
    (token.startsWith('[') && token.endsWith(']')) ||
    (token.startsWith('++') && token.endsWith('++'))
  );
}

/** `to(2)` → `to`: the dictionary's alternate-pronunciation suffix is not part of the word. */
export function baseWord(token: string): string {
  return token.replace(/\(\d+\)$/, '');
}

export class PocketsphinxOutputParser {
  private pending: ParsedUtterance | null = null;

  /** Feed one stdout line; returns the utterances this line completed (0 or 1, rarely 2). */
  line(raw: string): ParsedUtterance[] {
    const line = raw.trim();
    const done: ParsedUtterance[] = [];
    const m = WORD_LINE.exec(line);
    if (!m) {
      // A hypothesis line starts the next utterance (an empty one too).
      const prev = this.take();
      if (prev) done.push(prev);
      this.pending = { words: [], start: Number.NaN, end: Number.NaN };
      return done;
    }
    const [, token = '', s = '0', e = '0', c = '0'] = m;
    const start = Math.max(0, Number(s));
    const end = Math.max(start, Number(e));
    const utt = (this.pending ??= { words: [], start: Number.NaN, end: Number.NaN });
    if (Number.isNaN(utt.start)) utt.start = start;
    utt.end = end;
    if (token === '</s>') {
      const prev = this.take();
      if (prev) done.push(prev);
      return done;
    }
    if (!isFillerToken(token)) {
      const text = baseWord(token);
      // Confidences come out as posteriors that can round a hair above 1 (1.000100).
      const confidence = Math.min(1, Math.max(0, Number(c)));
      if (text) utt.words.push({ text, start, end, confidence });
    }
    return done;
  }

  /** The end of the output: the utterance still open, if it has words. */
  end(): ParsedUtterance[] {
    const prev = this.take();
    return prev ? [prev] : [];
  }

  private take(): ParsedUtterance | null {
    const utt = this.pending;
    this.pending = null;
    if (!utt || utt.words.length === 0) return null;
    return utt;
  }
}
