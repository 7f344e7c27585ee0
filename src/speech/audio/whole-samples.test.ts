import { describe, expect, it } from 'vitest';
import { WholeSamples } from './whole-samples.js';

describe('WholeSamples', () => {
  it('returns whole samples and carries a split one into the next piece', () => {
    const w = new WholeSamples();
    // Samples 0x0201, 0x0403, 0x0605 (little-endian), cut at odd places.
    expect([...w.take(Buffer.from([1, 2, 3]))]).toEqual([1, 2]);
    expect([...w.take(Buffer.from([4]))]).toEqual([3, 4]);
    expect([...w.take(Buffer.from([5]))]).toEqual([]);
    expect([...w.take(Buffer.from([]))]).toEqual([]);
    expect([...w.take(Buffer.from([6, 7, 8]))]).toEqual([5, 6, 7, 8]);
  });
});
