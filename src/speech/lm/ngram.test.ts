import { describe, expect, it } from 'vitest';
import { BOS, EOS, TrigramModel } from './ngram.js';
import { spellNumber, textToSentences, transcriptTurns } from './text.js';

const SENTENCES = [
  'how are you feeling today',
  'how are you sleeping',
  'how are things at work',
  'i am feeling better today',
  'i am sleeping better',
  'how are you feeling today',
].map((s) => s.split(' '));
const VOCAB = new Set(SENTENCES.flat().concat(['anxious', 'river']));

function sumProb(m: TrigramModel, history: string[], words: Iterable<string>): number {
  let s = 0;
  for (const w of words) s += Math.pow(10, m.logProb(history, w));
  return s;
}

describe('TrigramModel', () => {
  const model = new TrigramModel(SENTENCES, { vocabulary: VOCAB, trigramCutoff: 1 });
  const outcomes = [...model.unigrams.keys()].filter((w) => w !== BOS);

  it('every context is a probability distribution over the vocabulary', () => {
    for (const h of [
      [],
      ['how'],
      ['how', 'are'],
      ['are', 'you'],
      ['i', 'am'],
      ['river', 'today'],
    ]) {
      expect(sumProb(model, h, outcomes)).toBeCloseTo(1, 6);
    }
  });

  it('prefers seen continuations and keeps unseen ones possible', () => {
    expect(model.logProb(['how', 'are'], 'you')).toBeGreaterThan(
      model.logProb(['how', 'are'], 'things'),
    );
    expect(model.logProb(['are', 'you'], 'feeling')).toBeGreaterThan(
      model.logProb(['are', 'you'], 'work'),
    );
    // Only in the vocabulary, never in the text: no domain mass without a background.
    expect(model.unigrams.has('river')).toBe(false);
  });

  it('mixes in background unigrams, so words the text never used stay possible', () => {
    const bg = new Map([
      ['river', 0.01],
      ['anxious', 0.02],
      ['how', 0.05],
      ['you', 0.1],
    ]);
    const m = new TrigramModel(SENTENCES, {
      vocabulary: VOCAB,
      background: bg,
      domainWeight: 0.5,
      trigramCutoff: 1,
    });
    expect(m.unigrams.get('anxious')?.logp).toBeGreaterThan(m.unigrams.get('river')?.logp ?? 0);
    const all = [...m.unigrams.keys()].filter((w) => w !== BOS);
    expect(sumProb(m, [], all)).toBeCloseTo(1, 6);
    expect(sumProb(m, ['how', 'are'], all)).toBeCloseTo(1, 6);
  });

  it('drops rare trigrams with the cutoff but stays normalised', () => {
    const m = new TrigramModel(SENTENCES, { vocabulary: VOCAB, trigramCutoff: 2 });
    expect(m.trigrams.has('how are you')).toBe(true);
    expect(m.trigrams.has('are things at')).toBe(false);
    expect(
      sumProb(
        m,
        ['are', 'things'],
        [...m.unigrams.keys()].filter((w) => w !== BOS),
      ),
    ).toBeCloseTo(1, 6);
  });

  it('splits at out-of-vocabulary words and writes ARPA sections with counts', () => {
    const m = new TrigramModel([['how', 'xyzzy', 'are', 'you']], {
      vocabulary: VOCAB,
      trigramCutoff: 1,
    });
    expect(m.bigrams.has('how are')).toBe(false);
    expect(m.bigrams.has(`${BOS} are`)).toBe(true);
    const arpa = m.toArpa('test model');
    expect(arpa).toMatch(/^# test model\n\n\\data\\\nngram 1=\d+\nngram 2=\d+\nngram 3=\d+\n/);
    expect(arpa).toContain(`-99.0000\t${BOS}`);
    expect(arpa).toContain(`\t${EOS}`);
    expect(arpa.trimEnd().endsWith('\\end\\')).toBe(true);
  });
});

describe('LM text normalisation', () => {
  it('turns a transcript into spoken-form sentences', () => {
    const turns = transcriptTurns(
      '[00:00:03] Therapist: Hi Lia. How was your week? (laughs)\nClient: About 80% better, Dr. Lee.',
    );
    expect(turns).toEqual(['Hi Lia. How was your week? (laughs)', 'About 80% better, Dr. Lee.']);
    expect(turns.flatMap(textToSentences)).toEqual([
      ['hi', 'lia'],
      ['how', 'was', 'your', 'week'],
      ['about', 'eighty', 'percent', 'better', 'doctor', 'lee'],
    ]);
    expect(textToSentences("I don't know — maybe 3.5 hours")).toEqual([
      ['i', "don't", 'know'],
      ['maybe', 'three', 'point', 'five', 'hours'],
    ]);
    expect(spellNumber(1234)).toEqual(['one', 'thousand', 'two', 'hundred', 'thirty', 'four']);
  });
});
