import { describe, expect, it } from 'vitest';
import { extractIndicators } from './indicators.js';
import type { Indicator } from './schema.js';
import { asr as asrStyle, snippetContext } from './test-helpers.js';

/** Fictional snippets. [speaker label, text]; T is the clinician, anything else client side. */
type Line = readonly [string, string];

const run = (lines: readonly Line[], secondsPerTurn = 20): Indicator[] =>
  extractIndicators(snippetContext(lines, { start: secondsPerTurn }));

const asr = (lines: readonly Line[]) => asrStyle(lines, { hyphens: true });

describe('MI rulers answered with a bare number', () => {
  const lines: Line[] = [
    [
      'T',
      'On a scale from zero to ten, where zero is not at all and ten is extremely, how important is it to you to make a change with the drinking?',
    ],
    ['C', 'Seven.'],
    ['T', 'Seven. And how confident are you that you could do it, same scale?'],
    ['C', 'Four. Maybe.'],
    ['T', 'Why a seven and not a four?'],
    ['C', "Because of my daughter. I don't want her seeing me like that."],
    [
      'T',
      "So importance is a seven and confidence is a four. It matters a lot, and you're less sure you can.",
    ],
  ];
  it.each([
    ['punctuated', lines],
    ['asr', asr(lines)],
  ])('%s: importance 7 and confidence 4, out of ten, no duplicates', (_n, l) => {
    const r = run(l).filter((i) => i.kind === 'rating');
    const imp = r.filter((i) => i.scale === 'importance');
    const conf = r.filter((i) => i.scale === 'confidence');
    expect(imp).toHaveLength(1);
    expect(conf).toHaveLength(1);
    expect(imp[0]).toMatchObject({ value: 7, scaleMax: 10 });
    expect(conf[0]).toMatchObject({ value: 4, scaleMax: 10 });
  });

  it('"seven i guess" answers an importance ruler', () => {
    const r = run([
      ['T', 'how important is it for you to cut down zero to ten'],
      ['C', 'seven i guess'],
    ]);
    expect(r).toContainEqual(
      expect.objectContaining({ kind: 'rating', scale: 'importance', value: 7 }),
    );
  });
});

describe('instrument scores', () => {
  it.each<[string, Line[], string, number]>([
    [
      'AUDIT named once, then "the questionnaire"',
      [
        ['T', 'Thanks for doing the AUDIT in the waiting room.'],
        ['C', 'Sure. It was a bit confronting.'],
        ['T', 'Your score on the questionnaire was nineteen, which puts it in the harmful range.'],
      ],
      'AUDIT',
      19,
    ],
    ['DAST-10', [['T', 'your dast ten came out at six this time']], 'DAST-10', 6],
    [
      'AUDIT, score given a few turns later',
      [
        ['T', 'Before we start, I had you fill in the AUDIT, the alcohol one.'],
        ['C', 'Yeah.'],
        ['T', 'Can I share what came out of it?'],
        ['C', 'Go on.'],
        ['T', 'your score on the questionnaire was nineteen'],
      ],
      'AUDIT',
      19,
    ],
    ['PCL-5', [['T', 'Your PCL-5 today is 38, down from 52 at intake.']], 'PCL-5', 38],
    ['GAD-7', [['T', 'gad seven today was twelve']], 'GAD-7', 12],
    ['EPDS', [['T', 'The Edinburgh scale you filled in came to fourteen.']], 'EPDS', 14],
    ['CORE-10', [['T', 'Your CORE-10 score is 17 today.']], 'CORE-10', 17],
    [
      'ORS',
      [['T', 'On the ORS you came in at twenty-two today, last week you were at eighteen.']],
      'ORS',
      22,
    ],
  ])('%s', (_n, lines, instrument, value) => {
    const m = run(lines).filter((i) => i.kind === 'measure');
    expect(m).toContainEqual(expect.objectContaining({ instrument, value }));
  });

  it('ORS totals may have decimals', () => {
    const m = run([['T', 'Your ORS total today is 24.5, up from 19.2 last session.']]).filter(
      (i) => i.kind === 'measure',
    );
    expect(m).toContainEqual(
      expect.objectContaining({ instrument: 'ORS', value: 24.5, previous: 19.2 }),
    );
  });

  it('a score for the questionnaire with no instrument named: the score is kept, no instrument is invented', () => {
    const m = run([['T', 'Your score on the questionnaire was nineteen.']]).filter(
      (i) => i.kind === 'measure',
    );
    expect(m).toHaveLength(1);
    expect(m[0]?.value).toBe(19);
    expect(m[0]?.instrument).toBeUndefined();
  });
});

describe('frequencies', () => {
  it('drinks a week', () => {
    const f = run([
      ['T', 'So on a typical week, how much are you drinking?'],
      ['C', 'Honestly? Around forty drinks a week. Maybe more on a bad week.'],
    ]).filter((i) => i.kind === 'frequency');
    expect(f).toContainEqual(expect.objectContaining({ count: 40, period: 'week' }));
  });

  it('panic attacks this week with the starting level', () => {
    const lines: Line[] = [
      ['T', 'How many panic attacks this week?'],
      ['C', 'Three panic attacks this week. Down from eight when we started.'],
    ];
    for (const l of [lines, asr(lines)]) {
      const f = run(l).filter((i) => i.kind === 'frequency');
      expect(f).toContainEqual(expect.objectContaining({ count: 3, period: 'week', baseline: 8 }));
    }
  });

  it('a bare "three times" answering a question about the week', () => {
    const f = run([
      ['T', 'How did the check-ins go this week?'],
      ['A', 'Three times. Monday, Tuesday, Saturday.'],
    ]).filter((i) => i.kind === 'frequency');
    expect(f).toContainEqual(expect.objectContaining({ count: 3, period: 'week' }));
  });

  it('check-ins three times', () => {
    const f = run([
      ['T', 'How did the check-ins go this week?'],
      ['C', 'We did the check-ins three times.'],
    ]).filter((i) => i.kind === 'frequency');
    expect(f).toContainEqual(expect.objectContaining({ count: 3 }));
  });
});

describe('interoceptive exposure ratings in speech-recognition style', () => {
  const lines: Line[] = [
    ['T', 'okay first one spinning in the chair for sixty seconds go'],
    ['C', 'okay'],
    ['T', 'and stop anxiety zero to ten'],
    ['C', 'six'],
    ['T', 'how close was that to a real panic attack zero to ten'],
    ['C', 'seven'],
    ['T', 'lets do the spinning again'],
    ['C', 'okay'],
    ['T', 'anxiety zero to ten'],
    ['C', 'four'],
    ['T', 'and once more anxiety'],
    ['C', 'three'],
    ['T', 'good next one breathing through a thin straw for a minute'],
    ['C', 'okay'],
    ['T', 'stop anxiety zero to ten'],
    ['C', 'seven'],
    ['T', 'similarity to your panic zero to ten'],
    ['C', 'eight'],
    ['T', 'again with the straw'],
    ['C', 'okay'],
    ['T', 'anxiety'],
    ['C', 'four'],
  ];
  it('one anxiety series per exercise, similarity rated', () => {
    const r = run(lines, 15);
    const anx = r.filter((i) => i.scale === 'anxiety' && i.from !== undefined);
    expect(anx.map((i) => [i.from, i.to])).toEqual([
      [6, 3],
      [7, 4],
    ]);
    const sim = r.filter((i) => i.scale === 'similarity to panic');
    expect(sim.map((i) => i.value ?? i.from)).toContain(7);
  });
});

describe('couples: each partner rates satisfaction', () => {
  const lines: Line[] = [
    ['T', 'On a scale of one to ten, how satisfied are you with the relationship right now? Dana?'],
    ['A', 'Five.'],
    ['T', 'And Sam?'],
    ['B', 'Six. Up from a four when we started.'],
  ];
  it.each([
    ['punctuated', lines],
    ['asr', asr(lines)],
  ])('%s: two satisfaction ratings, one per speaker', (_n, l) => {
    const r = run(l).filter((i) => i.scale?.startsWith('satisfaction'));
    expect(r).toHaveLength(2);
    const a = r.find((i) => i.value === 5);
    const b = r.find((i) => i.value === 6 || i.to === 6);
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(`${a?.scale ?? ''} ${a?.context ?? ''}`).toMatch(/\bA\b/);
    expect(`${b?.scale ?? ''} ${b?.context ?? ''}`).toMatch(/\bB\b/);
  });
});

describe('durations of exercise rounds', () => {
  it('two minutes per round when done', () => {
    const lines: Line[] = [
      ['T', "We'll do the hyperventilation for two minutes. Ready? Go."],
      ['C', 'Okay.'],
      ['T', "And stop. That was two minutes. How's your anxiety, zero to ten?"],
      ['C', 'Six.'],
    ];
    for (const l of [lines, asr(lines)]) {
      const d = run(l).filter((i) => i.kind === 'duration');
      expect(d).toContainEqual(expect.objectContaining({ minutes: 2 }));
    }
  });

  it('a round set up with its length and then stopped is a duration', () => {
    const lines: Line[] = [
      ['T', "Next I'll have you breathe through the straw for two minutes. Ready? Go."],
      ['C', '(breathing) Okay.'],
      ['T', 'And stop. Anxiety, zero to ten?'],
      ['C', 'Seven.'],
    ];
    for (const l of [lines, asr(lines)]) {
      const d = run(l).filter((i) => i.kind === 'duration');
      expect(d).toContainEqual(expect.objectContaining({ minutes: 2, what: 'straw breathing' }));
    }
  });

  it('a round that was set up but not done is not a duration', () => {
    const d = run([
      ['T', "We'll do the spinning for one minute, but first, any questions?"],
      ['C', 'What if I feel sick?'],
      ['T', 'Then we pause. Shall we leave it for next week?'],
    ]).filter((i) => i.kind === 'duration');
    expect(d).toEqual([]);
  });

  it('a duration only mentioned for later is not recorded', () => {
    const d = run([
      ['T', 'At home you could try it for two minutes a day.'],
      ['C', 'Okay.'],
    ]).filter((i) => i.kind === 'duration');
    expect(d).toEqual([]);
  });
});

describe('a questionnaire scored without its name', () => {
  const base: Line[] = [
    [
      'T',
      'I see you filled in the form in the waiting room, the questionnaire. Shall we start there?',
    ],
    ['C', 'Sure.'],
    ['T', 'It came out at twenty-one today. Three weeks ago it was eighteen.'],
    ['C', 'That sounds about right.'],
  ];
  const measures = (lines: readonly Line[]) => run(lines).filter((i) => i.kind === 'measure');

  it('the PHQ-9 item-9 wording identifies the instrument, and its answer is read', () => {
    const m = measures([
      ...base,
      [
        'T',
        'And on the question about thoughts that you would be better off dead or of hurting yourself, you marked a two.',
      ],
      ['C', 'Yes.'],
    ]);
    expect(m).toEqual([
      expect.objectContaining({ instrument: 'PHQ-9', value: 21, previous: 18, item9: 2 }),
    ]);
  });

  it('without that wording the score and the previous one are kept, no instrument named', () => {
    const m = measures([...base, ['T', 'On the last question you put a zero.'], ['C', 'Yes.']]);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ value: 21, previous: 18 });
    expect(m[0]?.instrument).toBeUndefined();
    expect(m[0]?.item9).toBeUndefined();
  });

  it('speech-recognition style reads the same', () => {
    const m = measures(
      asr([
        ...base,
        ['T', 'any thoughts that you would be better off dead you put a one this time'],
        ['C', 'yeah'],
      ]),
    );
    expect(m).toEqual([expect.objectContaining({ instrument: 'PHQ-9', value: 21, item9: 1 })]);
  });

  it('a number said about the questionnaire without a score word is not a score', () => {
    expect(
      measures([
        ['T', 'The questionnaire has a few questions about sleep. It was about two pages long.'],
        ['C', 'Okay.'],
      ]),
    ).toEqual([]);
  });

  it('a drinking questionnaire above twelve is the AUDIT; at twelve or below it stays unnamed', () => {
    const lines = (n: string): Line[] => [
      ['C', 'My GP gave me a questionnaire about drinking, I think I got a lot on it.'],
      ['T', 'Okay.'],
      ['T', `Your score on that questionnaire was ${n}.`],
      ['C', 'Yeah.'],
    ];
    expect(measures(lines('twenty-two'))).toEqual([
      expect.objectContaining({ instrument: 'AUDIT', value: 22 }),
    ]);
    const low = measures(lines('nine'));
    expect(low).toHaveLength(1);
    expect(low[0]?.instrument).toBeUndefined();
  });
});

describe('frequencies over a counted stretch, and what is not a reported frequency', () => {
  const freqs = (lines: readonly Line[]) =>
    run(lines)
      .filter((i) => i.kind === 'frequency')
      .map((i) => ({ count: i.count, period: i.period }));

  it('"forty-one times in the five days" and "twice in three weeks" carry their stretch', () => {
    const lines: Line[] = [
      ['T', 'How many times did you check, going by the log?'],
      ['C', 'Forty-one times in the five days. I counted.'],
    ];
    expect(freqs(lines)).toContainEqual({ count: 41, period: '5 days' });
    expect(freqs(asr(lines))).toContainEqual({ count: 41, period: '5 days' });
  });

  it('a brief "and the practice?" answered with two rates gives both, each with its own period', () => {
    const lines: Line[] = [
      ['T', 'And the practice? Last time we left it at the walk daily and the stretches weekly.'],
      ['C', "The walk, four days a week. I'll be honest, the stretches twice in three weeks."],
    ];
    const f = freqs(lines);
    expect(f).toContainEqual({ count: 4, period: 'week' });
    expect(f).toContainEqual({ count: 2, period: '3 weeks' });
  });

  it('a recalled plan, a rating "four out of five" and a plan for the next weeks are not counts', () => {
    expect(
      freqs([
        ['T', 'Last time we left it at the walk three times a week.'],
        ['C', 'Yes.'],
        ['T', 'And the urge to drink, you rated it a four out of five most nights.'],
        ['C', 'Yeah.'],
        ['T', 'For the next four weeks, the stretches twice a week.'],
        ['C', 'Okay.'],
      ]),
    ).toEqual([]);
  });
});
