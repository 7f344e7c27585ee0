/** Word error rate and its text normalisation (eval/speech/wer.ts). */
import { describe, expect, it } from 'vitest';
import { alignWords, normalizeWords, pooledWer, wordErrorRate } from '../../eval/speech/wer.js';
import { spellNumber } from '../../src/speech/lm/text.js';

describe('normalizeWords', () => {
  it('lowercases, strips punctuation and keeps in-word apostrophes', () => {
    expect(normalizeWords('Well, I DON\u2019T know... "really"?')).toEqual([
      'well',
      'i',
      "don't",
      'know',
      'really',
    ]);
  });
  it('spells out numbers and unifies spoken forms, drops hesitations', () => {
    expect(normalizeWords('Mr. Dashwood, um, 42% of 3.5 days; OK')).toEqual(
      'mister dashwood forty two percent of three point five days okay'.split(' '),
    );
    expect(normalizeWords('a 1,200-word self-report')).toEqual(
      'a one thousand two hundred word self report'.split(' '),
    );
  });
  it('spells numbers as the LM text does (spellNumber): teens, tens, hundreds, thousands', () => {
    expect(spellNumber(0)).toEqual(['zero']);
    expect(spellNumber(17)).toEqual(['seventeen']);
    expect(spellNumber(90)).toEqual(['ninety']);
    expect(spellNumber(305)).toEqual(['three', 'hundred', 'five']);
    expect(spellNumber(2024)).toEqual(['two', 'thousand', 'twenty', 'four']);
  });
});

describe('wordErrorRate', () => {
  it('is zero for the same words written differently', () => {
    expect(
      wordErrorRate('He was not an ill-disposed young man.', 'he was not an ill disposed young man')
        .wer,
    ).toBe(0);
  });
  it('counts substitutions, deletions and insertions', () => {
    const r = wordErrorRate('one two three four five six', 'one too three five six seven');
    expect(r).toMatchObject({ refWords: 6, substitutions: 1, deletions: 1, insertions: 1 });
    expect(r.wer).toBeCloseTo(3 / 6);
  });
  it('an empty hypothesis deletes every word; an empty reference counts insertions', () => {
    expect(wordErrorRate('one two three', '')).toMatchObject({ deletions: 3, wer: 1 });
    expect(wordErrorRate('', 'hello there')).toMatchObject({ insertions: 2, wer: 2 });
    expect(wordErrorRate('', '').wer).toBe(0);
  });
  it('alignWords finds the minimum edit path', () => {
    expect(alignWords(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'e'])).toMatchObject({
      substitutions: 0,
      deletions: 1,
      insertions: 1,
    });
  });
  it('pooledWer weights utterances by their length', () => {
    const a = wordErrorRate('one two three four', 'one two three four');
    const b = wordErrorRate('five six', 'five seven');
    expect(pooledWer([a, b]).wer).toBeCloseTo(1 / 6);
  });
});
