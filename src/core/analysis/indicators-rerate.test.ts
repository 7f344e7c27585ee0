import { describe, expect, it } from 'vitest';
import { extractIndicators } from './indicators.js';
import type { Indicator } from './schema.js';
import { snippetContext } from './test-helpers.js';

/**
 * Fictional snippets written for these tests: ratings re-taken after a longer stretch of work,
 * self-corrections, ruler follow-ups and scale anchors. [speaker, text, minute]; T clinician.
 */
type Line = readonly [string, string, number];

const run = (lines: readonly Line[]): Indicator[] =>
  extractIndicators(snippetContext(lines, { start: (i, [, , min]) => min * 60 + i }));

const ratings = (lines: readonly Line[]) =>
  run(lines)
    .filter((i) => i.kind === 'rating' || i.kind === 'suds')
    .map((i) => ({ kind: i.kind, from: i.from, to: i.to, value: i.value, max: i.scaleMax }));

describe('a belief re-rated after restructuring, fifteen minutes later', () => {
  const lines: Line[] = [
    ['T', 'How much do you believe "I always let people down", zero to a hundred?', 5],
    ['C', 'Eighty. Maybe eighty-five.', 5],
    ['T', 'What is the evidence for it?', 6],
    ['C', 'I forgot her birthday.', 6],
    ['T', 'And how much do you believe it now?', 20],
    ['C', 'Fifty? It is not eighty-five any more.', 20],
  ];
  it('is one change from the corrected first number to the re-rating', () => {
    expect(ratings(lines)).toEqual([
      { kind: 'rating', from: 85, to: 50, value: undefined, max: 100 },
    ]);
  });
  it('a belief for a newly named thought starts a new series', () => {
    const r = ratings([
      ...lines,
      ['T', 'How much do you believe they will laugh at you, zero to a hundred?', 22],
      ['C', 'Seventy percent.', 22],
      ['T', 'How much do you believe it now, after the experiment?', 40],
      ['C', 'Twenty percent.', 40],
    ]);
    expect(r).toContainEqual({ kind: 'rating', from: 70, to: 20, value: undefined, max: 100 });
    expect(r).toContainEqual({ kind: 'rating', from: 85, to: 50, value: undefined, max: 100 });
  });
});

describe('check-ins across a session without repeating the scale word', () => {
  it('closes the series the clinician restates', () => {
    const r = ratings([
      ['T', 'How distressed are you right now, zero to ten?', 1],
      ['C', 'When I walked in it was an eight. Now maybe a seven.', 1],
      ['T', 'Where are you now, zero to ten?', 14],
      ['C', 'Like a five.', 14],
      ['T', 'Where are you now, zero to ten?', 28],
      ['C', 'Three.', 28],
      ['T', 'From an eight to a three.', 28],
    ]);
    expect(r.some((x) => x.kind === 'suds' && x.from === 8 && x.to === 3)).toBe(true);
  });
});

describe('MI rulers', () => {
  it('a 0–10 ruler anchored with "100% confident" is out of 10', () => {
    const r = ratings([
      [
        'T',
        'On a scale from 0 to 10, where 10 means you are 100% confident, how confident are you that you can cut down on soda?',
        3,
      ],
      ['C', 'Um, a six.', 3],
    ]);
    expect(r).toEqual([{ kind: 'rating', from: undefined, to: undefined, value: 6, max: 10 }]);
  });
  it('"what would it take to get from a seven to a nine?" is not a change', () => {
    const r = ratings([
      ['T', 'Zero to ten, how important is it to you to cut back?', 3],
      ['C', 'Seven.', 3],
      ['T', 'What would it take to get from a seven to a nine?', 4],
      ['C', 'If the next scan is bad, then it is a nine.', 4],
      ['T', 'Why a seven and not a three?', 5],
      ['C', 'Because of my daughter.', 5],
    ]);
    expect(r).toEqual([{ kind: 'rating', from: undefined, to: undefined, value: 7, max: 10 }]);
  });
  it('"more ready than a six" is not a rating of six', () => {
    const r = ratings([
      ['T', 'On a scale of one to ten, how ready are you to cut back?', 3],
      ['C', "I'd say an eight.", 3],
      ['T', 'An eight. What makes it an eight?', 3],
      ['C', "I'm more ready than a six because I'm tired of the hangovers.", 4],
    ]);
    expect(r).toEqual([{ kind: 'rating', from: undefined, to: undefined, value: 8, max: 10 }]);
  });
});

describe('a couple rating the week on a range with no scale word', () => {
  it('keeps each partner apart with the previous rating', () => {
    const r = run([
      ['T', 'Quick numbers first. Zero to ten, how has the relationship felt this week? Ana?', 1],
      ['A', 'Six. Last week I said five.', 1],
      ['T', 'And Lee?', 1],
      ['B', 'Seven. I said five last week too.', 1],
    ]).filter((i) => i.kind === 'rating');
    expect(r.map((i) => [i.value, i.previous, i.scaleMax])).toEqual([
      [6, 5, 10],
      [7, 5, 10],
    ]);
  });
});

describe('thought-record numbers that are not re-ratings', () => {
  const lines: Line[] = [
    ['T', 'How much did you believe "they think I am useless", zero to a hundred?', 2],
    ['C', 'Seventy-five. Maybe eighty at like three in the morning.', 2],
    ['T', 'And the feelings?', 3],
    ['C', 'Ashamed, sixty. And tired.', 3],
    ['T', 'Looking at all of it, how much do you believe it now?', 6],
    ['C', 'Thirty? Twenty percent of me still says they were being polite.', 6],
    ['T', 'And the shame, if you picture the meeting again?', 7],
    ['C', 'Like a twenty-five.', 7],
    ['T', 'For this week, two thought records. Re-rate the belief at the end.', 40],
    ['C', 'Two thought records, re-rate.', 40],
  ];
  it('keeps the series first answer → re-rating, and pairs the feeling named before its number', () => {
    const r = ratings(lines);
    expect(r).toContainEqual({ kind: 'rating', from: 75, to: 30, value: undefined, max: 100 });
    expect(r).toContainEqual({ kind: 'rating', from: 60, to: 25, value: undefined, max: 100 });
    // Not "twenty percent of me", not "eighty at three in the morning", not "two thought records".
    expect(r.some((x) => x.to === 20 || x.from === 80 || x.value === 2)).toBe(false);
  });
});

describe('ratings asked without a scale word', () => {
  it('an exposure series on "zero to a hundred" / "number?" is SUDS, also after a longer step', () => {
    const r = ratings([
      ['T', 'This is the next rung on the ladder. Stay with the fear until it drops.', 1],
      ['T', 'Where are you right now, zero to a hundred?', 2],
      ['C', 'Sixty. My legs are shaky.', 2],
      ['T', "What's your number?", 9],
      ['C', "Eighty. She's right there.", 9],
      ['T', 'Number?', 14],
      ['C', 'Forty.', 14],
    ]);
    expect(r).toContainEqual({ kind: 'suds', from: 60, to: 40, value: undefined, max: 100 });
  });
  it('"it went from a four to a two" takes the scale named just before', () => {
    const r = ratings([
      ['T', 'What did you do when the urge came?', 3],
      ['C', 'I held ice and went for a walk.', 3],
      ['T', 'And after?', 4],
      ['C', 'It went from a four to a two.', 4],
    ]);
    expect(r).toEqual([{ kind: 'rating', from: 4, to: 2, value: undefined, max: 10 }]);
  });
  it('"I started at seventy and by the end I was at forty" in exposure work', () => {
    const r = ratings([
      ['T', 'How did the practice on the ladder go? Did you stay with the fear?', 1],
      [
        'C',
        'I stood by the lift for ten minutes. I started at seventy and by the end I was at forty.',
        1,
      ],
    ]);
    expect(r).toContainEqual({ kind: 'suds', from: 70, to: 40, value: undefined, max: 100 });
  });
});

describe('"one" before a noun is a count, not the last rating', () => {
  const lines = (tail: Line[]): Line[] => [
    ['T', 'Where is the anxiety now, zero to a hundred?', 10],
    ['C', 'Sixty.', 10],
    ['T', 'And now?', 12],
    ['C', 'Forty.', 12],
    ...tail,
  ];
  it('a read-back of the plan ("one wash") after "write down your number" is not a rating', () => {
    const r = ratings(
      lines([
        ['T', 'One more rating before we plan the week?', 14],
        ['C', 'Twenty-five.', 14],
        [
          'T',
          'For the week: write down your number before, and the number just before you wash.',
          15,
        ],
        ['C', 'Every day, an hour, one wash. Numbers before and at the end.', 15],
      ]),
    );
    expect(r).toEqual([expect.objectContaining({ from: 60, to: 25 })]);
  });
  it('a bare "one" as the answer is still a rating', () => {
    const r = ratings(
      lines([
        ['T', 'And where is it now?', 14],
        ['C', 'One, maybe.', 14],
      ]),
    );
    expect(r).toEqual([expect.objectContaining({ from: 60, to: 1 })]);
  });
});
