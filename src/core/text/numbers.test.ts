import { describe, expect, it } from 'vitest';
import { collapseRanges, findDurations, findNumbers, parseNumber } from './numbers.js';

describe('parseNumber', () => {
  it.each([
    ['seventy', 70],
    ['thirty-five', 35],
    ['eighty five', 85],
    ['one hundred', 100],
    ['a hundred', 100],
    ['a hundred and ten', 110],
    ['five and a half', 5.5],
    ['14', 14],
    ['40%', 40],
    ['zero', 0],
    ['nineteen', 19],
  ] as const)('%s → %s', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it('rejects phrases that are more than a number', () => {
    expect(parseNumber('four floors')).toBeNull();
    expect(parseNumber('hello')).toBeNull();
  });
});

describe('findNumbers', () => {
  it('marks ratings said with an article', () => {
    const [m] = findNumbers('like a four, honestly');
    expect(m).toMatchObject({ value: 4, article: true });
  });

  it('reads "eight out of ten" as one rating with its scale', () => {
    const list = findNumbers('i would say eight out of ten');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ value: 8, outOf: 10 });
    expect(findNumbers('six out of seven days')[0]).toMatchObject({
      value: 6,
      outOf: 7,
      next: 'days',
    });
  });

  it('flags times of day', () => {
    expect(findNumbers("at four o'clock")[0]?.timeOfDay).toBe(true);
    expect(findNumbers('the seven a.m. shift')[0]?.timeOfDay).toBe(true);
    const [h, m] = findNumbers('the walk at eight thirty');
    expect(h?.timeOfDay && m?.timeOfDay).toBe(true);
    expect(findNumbers('a four')[0]?.timeOfDay).toBe(false);
  });

  it('reads count words and "a couple of"', () => {
    expect(findNumbers('i did it twice')[0]).toMatchObject({ value: 2, countWord: true });
    expect(findNumbers('a couple of times')[0]).toMatchObject({ value: 2, approximate: true });
  });

  it('marks percent', () => {
    expect(findNumbers('ninety percent')[0]).toMatchObject({ value: 90, percent: true });
  });
});

describe('collapseRanges', () => {
  it('takes the later number of a said range', () => {
    const text = 'more like thirty-five, forty';
    const [r] = collapseRanges(text, findNumbers(text));
    expect(r).toMatchObject({ value: 40, low: 35, high: 40 });
    const t2 = 'maybe three or four';
    expect(collapseRanges(t2, findNumbers(t2))[0]).toMatchObject({ value: 4, low: 3, high: 4 });
  });

  it('keeps "from X to Y" as two numbers', () => {
    const text = 'it went from eight to four';
    expect(collapseRanges(text, findNumbers(text)).map((m) => m.value)).toEqual([8, 4]);
  });
});

describe('findDurations', () => {
  it.each([
    ['stayed in it for ten minutes', 10],
    ['about half an hour', 30],
    ['an hour and a half', 90],
    ['practised 10 minutes a day', 10],
    ['two hours', 120],
    ['about twenty minutes of riding', 20],
  ] as const)('%s → %s min', (text, minutes) => {
    expect(findDurations(text)[0]?.minutes).toBe(minutes);
  });
});
