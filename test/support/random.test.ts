import { describe, expect, it } from 'vitest';
import { mulberry32 } from './random.js';

const take = (next: () => number, n: number): number[] => Array.from({ length: n }, next);

describe('mulberry32', () => {
  it('keeps its sequence (pinned values), so a seed named by an earlier failure repeats it', () => {
    expect(take(mulberry32(42), 3)).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
    expect(take(mulberry32(0), 2)).toEqual([0.26642920868471265, 0.0003297457005828619]);
  });

  it('repeats with the same seed, differs with another, and stays in [0, 1)', () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const values = take(mulberry32(seed), 1000);
    expect(take(mulberry32(seed), 1000)).toEqual(values);
    expect(take(mulberry32(seed + 1), 1000)).not.toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
