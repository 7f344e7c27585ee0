import { describe, expect, it } from 'vitest';
import { dateTime, dayTicks, layoutChart, linear, scoreRange, timeDomain } from './chart-layout';
import { outcome, PHQ9, SESSION_LOG } from './test-fixtures';

const DAY = 86_400_000;
const BOX = { width: 500, height: 300, margin: { top: 10, right: 100, bottom: 90, left: 40 } };

describe('chart scales', () => {
  it('linear maps the domain onto the range, inverted for y, and a flat domain to the middle', () => {
    const y = linear([0, 27], [200, 10]);
    expect(y(0)).toBe(200);
    expect(y(27)).toBe(10);
    expect(y(13.5)).toBe(105);
    expect(linear([5, 5], [0, 100])(5)).toBe(50);
  });

  it('timeDomain pads 4 % each side, and widens one instant to a week around it', () => {
    expect(timeDomain([0, 100 * DAY])).toEqual([-4 * DAY, 104 * DAY]);
    const one = Date.parse('2026-01-05T10:00:00Z');
    expect(timeDomain([one])).toEqual([one - 3.5 * DAY, one + 3.5 * DAY]);
    expect(timeDomain([])).toEqual([0, 7 * DAY]);
  });

  it('dayTicks gives whole UTC days, at most five, evenly stepped', () => {
    const t0 = Date.UTC(2026, 0, 1, 6);
    const ticks = dayTicks([t0, t0 + 40 * DAY]);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks[0]).toBe(Date.UTC(2026, 0, 2));
    for (const t of ticks) expect(t % DAY).toBe(0);
    const steps = ticks.slice(1).map((t, i) => t - (ticks[i] ?? 0));
    expect(new Set(steps).size).toBe(1);
    // No midnight inside: one tick in the middle.
    expect(dayTicks([t0, t0 + DAY / 4])).toEqual([t0 + DAY / 8]);
  });

  it('dateTime reads a calendar date as noon UTC; scoreRange spans the bands', () => {
    expect(dateTime('2026-02-02')).toBe(Date.UTC(2026, 1, 2, 12));
    expect(Number.isNaN(dateTime('2 Feb'))).toBe(true);
    expect(scoreRange(PHQ9.bands)).toEqual([0, 27]);
  });
});

describe('layoutChart', () => {
  const l = layoutChart(outcome(), SESSION_LOG, BOX);
  const bottom = BOX.height - BOX.margin.bottom; // 210
  const y = linear([0, 27], [bottom, BOX.margin.top]);

  it('shades each band from half a point below its minimum to half above its maximum, contiguous', () => {
    expect(l.plot).toEqual({ x: 40, y: 10, width: 360, height: 200 });
    expect(l.bands.map((b) => b.label)).toEqual([
      'Minimal',
      'Mild',
      'Moderate',
      'Moderately severe',
      'Severe',
    ]);
    const minimal = l.bands[0];
    const severe = l.bands[4];
    expect(minimal?.y).toBeCloseTo(y(4.5), 1);
    expect((minimal?.y ?? 0) + (minimal?.height ?? 0)).toBeCloseTo(bottom, 1);
    expect(severe?.y).toBeCloseTo(10, 1);
    for (let i = 1; i < l.bands.length; i++) {
      const below = l.bands[i - 1];
      const above = l.bands[i];
      expect((above?.y ?? 0) + (above?.height ?? 0)).toBeCloseTo(below?.y ?? -1, 0);
    }
  });

  it('draws the cut-off on the band boundary below it (10 → 9.5) and ticks at the band edges', () => {
    expect(l.cutoff?.score).toBe(10);
    expect(l.cutoff?.y).toBeCloseTo(y(9.5), 1);
    expect(l.yTicks.map((t) => t.value)).toEqual([0, 5, 10, 15, 20, 27]);
    expect(l.yTicks[0]?.y).toBe(bottom);
  });

  it('places points in time order, invalid ones on the axis and out of the line', () => {
    expect(l.points.map((p) => p.total)).toEqual([18, null, 12, 8]);
    const xs = l.points.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(l.points[1]).toMatchObject({ valid: false, y: bottom, administrationId: 'a2' });
    expect(l.points[0]?.y).toBeCloseTo(y(18), 1);
    expect(l.line.split(' ')).toHaveLength(3);
    expect(l.line.startsWith('M')).toBe(true);
    expect(l.line).not.toContain(`,${bottom}`);
  });

  it('numbers the sessions with interventions by date, under the axis, at their dates', () => {
    expect(l.markers.map((m) => [m.n, m.date, m.names])).toEqual([
      [1, '2026-01-05', ['Cognitive restructuring', 'Reflective listening']],
      [2, '2026-02-02', ['Behavioral activation']],
    ]);
    expect(l.markers[0]?.y).toBeGreaterThan(bottom);
    // Session dates (noon UTC) sit between the points of their days.
    const first = l.points[0]?.x ?? 0;
    expect(l.markers[0]?.x).toBeGreaterThan(first);
    expect(l.markers[1]?.x).toBeGreaterThan(l.points[2]?.x ?? 0);
  });

  it('keeps a lone point in the middle and has no line without valid points', () => {
    const one = layoutChart(
      outcome({ points: [{ at: '2026-01-05T10:00:00Z', total: null }] }),
      [],
      BOX,
    );
    expect(one.points[0]?.x).toBe(220);
    expect(one.line).toBe('');
    expect(one.markers).toEqual([]);
  });

  it('scales a form without bands over its range, or up to the highest total', () => {
    const o = outcome({ bands: [], cutoff: 0 });
    const ranged = layoutChart(o, [], BOX, [0, 36]);
    expect(ranged.bands).toEqual([]);
    expect(ranged.yTicks.map((t) => t.value)).toEqual([0, 36]);
    expect(ranged.points[0]?.y).toBeCloseTo(linear([0, 36], [210, 10])(18), 1);
    const bare = layoutChart(o, [], BOX);
    expect(bare.points[0]?.y).toBe(10); // 18 is the highest total: the top
  });

  it('omits a cut-off outside the score range', () => {
    expect(layoutChart(outcome({ cutoff: 0 }), [], BOX).cutoff).toBeNull();
  });
});
