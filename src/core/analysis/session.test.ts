import { describe, expect, it } from 'vitest';
import { cptForMinutes } from './session.js';

describe('cptForMinutes', () => {
  it.each([
    [null, null],
    [15, null],
    [16, '90832'],
    [37, '90832'],
    [38, '90834'],
    [52, '90834'],
    [53, '90837'],
    [90, '90837'],
  ] as const)('%s minutes → %s', (minutes, code) => {
    expect(cptForMinutes(minutes)).toBe(code);
  });
});
