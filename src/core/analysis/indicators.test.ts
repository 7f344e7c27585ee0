import { describe, expect, it } from 'vitest';
import { extractIndicators } from './indicators.js';
import { snippetContext } from './test-helpers.js';

type Line = readonly ['T' | 'C', string, number?];

/** A context from [speaker, text, seconds?] lines; T = clinician, C = client. */
const ctxOf = (lines: readonly Line[]) =>
  snippetContext(lines, { start: (i, [, , sec]) => sec ?? i * 20 });

const ofKind = (lines: readonly Line[], kind: string) =>
  extractIndicators(ctxOf(lines)).filter((i) => i.kind === kind);

describe('suds', () => {
  it('pairs distress ratings across an exposure run, with the peak and the 0–100 scale', () => {
    const suds = ofKind(
      [
        ['T', "Before we start the ladder step, where's your distress, zero to a hundred?"],
        ['C', 'Sixty.'],
        ['T', 'Go ahead. ... Number?'],
        ['C', 'Ninety, maybe. That was rough.'],
        ['T', 'Again, same rules.'],
        ['C', 'Fifty.'],
        ['T', 'Number?'],
        ['C', 'Twenty. It just faded.'],
      ],
      'suds',
    );
    expect(suds).toHaveLength(1);
    expect(suds[0]).toMatchObject({ from: 60, to: 20, peak: 90, scaleMax: 100 });
    expect(suds[0]?.evidence.length).toBeGreaterThan(0);
  });

  it('works on lower-case unpunctuated speech', () => {
    const suds = ofKind(
      [
        ['T', 'how about your distress right now zero to ten'],
        ['C', 'like a seven'],
        ['T', 'and now'],
        ['C', 'a four i guess'],
      ],
      'suds',
    );
    expect(suds[0]).toMatchObject({ from: 7, to: 4, scaleMax: 10 });
  });
});

describe('rating', () => {
  it('takes the scale from the question and the value from the answer, with a previous rating', () => {
    const r = ofKind(
      [
        ['T', 'On a scale from zero to ten, how would you rate your mood this week?'],
        ['C', 'Maybe a six. Last week I said three.'],
      ],
      'rating',
    );
    expect(r[0]).toMatchObject({ scale: 'mood', value: 6, previous: 3, scaleMax: 10 });
    expect(r[0]?.evidence[0]?.utteranceIds).toEqual(['u1', 'u2']);
  });

  it('reads "X, down from Y" and "before … after" as changes', () => {
    const r = ofKind(
      [
        ['T', 'How much do you believe the thought now?'],
        ['C', 'Maybe thirty percent.'],
        ['T', 'Thirty, down from eighty.'],
        ['C', 'I wrote my mood before the run was a two and after was a six.'],
      ],
      'rating',
    );
    expect(r).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scale: 'belief', from: 80, to: 30, scaleMax: 100 }),
        expect.objectContaining({ scale: 'mood', from: 2, to: 6 }),
      ]),
    );
  });

  it('keeps a "right now" urge rating apart and uses the 0–5 scale asked for', () => {
    const r = ofKind(
      [
        ['T', 'And the urge to cut came up then?'],
        ['C', 'Yeah. It got to a four.'],
        ['T', "Right now, sitting here, where's the urge, zero to five?"],
        ['C', 'Like a one.'],
        ['T', 'And after the ice?'],
        ['C', 'After that it was like a two.'],
      ],
      'rating',
    );
    expect(r).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scale: 'self-harm urge', from: 4, to: 2, scaleMax: 5 }),
        expect.objectContaining({ scale: 'self-harm urge', value: 1, scaleMax: 5 }),
      ]),
    );
  });

  it('does not read counts, times or ages as ratings', () => {
    const r = extractIndicators(
      ctxOf([
        ['T', 'How was your mood on the trip?'],
        ['C', 'We left at four and drove three hours. My son is seven.'],
      ]),
    );
    expect(r.filter((i) => i.kind === 'rating')).toEqual([]);
  });
});

describe('measure', () => {
  it('reads a score with previous and baseline, and the item-9 answer', () => {
    const m = ofKind(
      [
        [
          'T',
          'Your PHQ-9 came in at twelve today. Last time it was fifteen, and when we first met it was twenty-one.',
        ],
        ['C', 'Okay.'],
        [
          'T',
          'On item nine, thoughts you would be better off dead, you marked zero. Is that right?',
        ],
      ],
      'measure',
    );
    expect(m[0]).toMatchObject({
      instrument: 'PHQ-9',
      value: 12,
      previous: 15,
      baseline: 21,
      item9: 0,
    });
  });

  it('reads "your GAD-7 was 9, down from 13"', () => {
    const m = ofKind([['T', 'Your GAD-7 was 9, down from 13.']], 'measure');
    expect(m[0]).toMatchObject({ instrument: 'GAD-7', value: 9, previous: 13 });
  });
});

describe('frequency', () => {
  it('reads "N X out of the M we planned" with target', () => {
    const f = ofKind([['C', 'I got two runs out of the four we planned.']], 'frequency');
    expect(f[0]).toMatchObject({ count: 2, target: 4, what: 'runs' });
  });

  it('reads done-times with a period and a baseline said next', () => {
    const f = ofKind(
      [
        ['C', 'I checked the locks nine times a day this week.'],
        ['T', 'How does that compare to before?'],
        ['C', 'When I started it was more like twenty.'],
      ],
      'frequency',
    );
    expect(f[0]).toMatchObject({ count: 9, period: 'day', baseline: 20 });
  });

  it('ignores plans and negations', () => {
    expect(ofKind([['C', "I'll try to go three times next week."]], 'frequency')).toEqual([]);
    expect(ofKind([['C', "I didn't go three times."]], 'frequency')).toEqual([]);
  });
});

describe('duration', () => {
  it('reads time tolerated or practised, not plans', () => {
    const d = ofKind(
      [
        ['C', 'I stayed in the store for fifteen minutes without leaving.'],
        ['T', 'For this week, can you practise ten minutes a day?'],
      ],
      'duration',
    );
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ minutes: 15 });
  });
});

describe('homework_completion', () => {
  it.each([
    [
      ['Did you get a chance to do the breathing practice?', 'Yes, I did it every day.'],
      'completed',
    ],
    [['Did you bring your log?', 'Yeah. I missed Thursday and Friday though.'], 'partial'],
    [
      ['How did the homework go this week?', "Honestly I didn't get to it. Work was crazy."],
      'not_completed',
    ],
  ] as const)('%j → %s', ([q, a], status) => {
    const h = ofKind(
      [
        ['T', q],
        ['C', a],
      ],
      'homework_completion',
    );
    expect(h[0]?.status).toBe(status);
    expect(h[0]?.evidence.length).toBeGreaterThan(0);
  });
});

describe('no invention', () => {
  it('returns nothing for small talk without numbers', () => {
    expect(
      extractIndicators(
        ctxOf([
          ['T', 'How was the weekend?'],
          ['C', 'Good, we went to the lake.'],
        ]),
      ),
    ).toEqual([]);
  });
});
