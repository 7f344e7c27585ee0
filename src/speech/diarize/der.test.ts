import { describe, expect, it } from 'vitest';
import { diarizationErrorRate, hungarian, parseRttm, toRttm } from './der.js';

const t = (speaker: string, start: number, end: number) => ({ speaker, start, end });

describe('diarizationErrorRate', () => {
  it('is 0 for the reference under other names, and maps them', () => {
    const ref = [t('A', 0, 10), t('B', 10, 20), t('A', 20, 25)];
    const hyp = [t('s2', 0, 10), t('s1', 10, 20), t('s2', 20, 25)];
    const r = diarizationErrorRate(ref, hyp, { collar: 0 });
    expect(r.der).toBe(0);
    expect(r.mapping).toEqual({ s2: 'A', s1: 'B' });
    expect(r.totalSpeech).toBe(25);
  });

  it('counts a late speaker change as confusion (2 s of 20)', () => {
    const r = diarizationErrorRate(
      [t('A', 0, 10), t('B', 10, 20)],
      [t('X', 0, 12), t('Y', 12, 20)],
      { collar: 0 },
    );
    expect(r.confusion).toBeCloseTo(2);
    expect(r.missed).toBe(0);
    expect(r.falseAlarm).toBe(0);
    expect(r.der).toBeCloseTo(0.1);
  });

  it('counts missed and false-alarm speech', () => {
    const r = diarizationErrorRate([t('A', 0, 10)], [t('X', 2, 12)], { collar: 0 });
    expect(r.missed).toBeCloseTo(2);
    expect(r.falseAlarm).toBeCloseTo(2);
    expect(r.confusion).toBe(0);
    expect(r.der).toBeCloseTo(0.4);
  });

  it('scores overlapping reference speech per speaker, or skips it', () => {
    const ref = [t('A', 0, 10), t('B', 5, 10)];
    const hyp = [t('X', 0, 10)];
    const r = diarizationErrorRate(ref, hyp, { collar: 0 });
    expect(r.totalSpeech).toBeCloseTo(15);
    expect(r.missed).toBeCloseTo(5);
    expect(r.der).toBeCloseTo(1 / 3);
    const skipped = diarizationErrorRate(ref, hyp, { collar: 0, skipOverlap: true });
    expect(skipped.totalSpeech).toBeCloseTo(5);
    expect(skipped.der).toBe(0);
  });

  it('leaves ±collar around reference boundaries unscored', () => {
    const ref = [t('A', 0, 10), t('B', 10, 20)];
    const hyp = [t('X', 0, 10.2), t('Y', 10.2, 20)];
    expect(diarizationErrorRate(ref, hyp, { collar: 0.25 }).der).toBe(0);
    expect(diarizationErrorRate(ref, hyp, { collar: 0 }).confusion).toBeCloseTo(0.2);
    // Scored time: 20 s minus the collars inside speech: 0.25 s after 0, 0.5 s around 10
    // (A's end and B's start share it), 0.25 s before 20.
    expect(diarizationErrorRate(ref, hyp).totalSpeech).toBeCloseTo(19);
  });

  it('maps one-to-one: two hypothesis speakers cannot both be A', () => {
    const ref = [t('A', 0, 10), t('B', 10, 12)];
    const hyp = [t('X', 0, 6), t('Y', 6, 12)];
    const r = diarizationErrorRate(ref, hyp, { collar: 0 });
    // X→A (6 s), Y→B (2 s); Y on A 6–10 is confusion.
    expect(r.mapping).toEqual({ X: 'A', Y: 'B' });
    expect(r.confusion).toBeCloseTo(4);
  });
});

describe('hungarian', () => {
  it('finds the minimum-cost assignment', () => {
    const cost = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    // Optimum 1 + 2 + 2 = 5: row0→1, row1→0, row2→2.
    expect(hungarian(cost)).toEqual([1, 0, 2]);
  });

  it('handles more columns than rows', () => {
    expect(hungarian([[5, 1, 9]])).toEqual([1]);
  });
});

describe('RTTM', () => {
  it('reads SPEAKER lines and round-trips', () => {
    const text =
      'SPEAKER mix 1 0.00 5.29 <NA> <NA> FEE016 <NA> <NA>\n;; comment\nSPEAKER mix 1 2.59 0.36 <NA> <NA> FEE013 <NA> <NA>\n';
    const turns = parseRttm(text);
    expect(turns).toHaveLength(2);
    expect(turns[0]).toMatchObject({ file: 'mix', speaker: 'FEE016', start: 0 });
    expect(turns[0]?.end).toBeCloseTo(5.29);
    expect(parseRttm(toRttm('mix', turns)).map((x) => x.speaker)).toEqual(['FEE016', 'FEE013']);
  });
});
