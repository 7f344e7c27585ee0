import { describe, expect, it } from 'vitest';
import { extractHomework } from './homework.js';
import { asr, snippetContext, type Line } from './test-helpers.js';

/**
 * Fictional snippets written for these tests (T clinician, C client, P parent): reviews and
 * assignments worded the way clinicians talk when no "homework" word is used, also in
 * speech-recognition style.
 */

const hw = (lines: readonly Line[]) => extractHomework(snippetContext(lines));

describe('review without the word "homework"', () => {
  it.each<Line[]>([
    [
      ['T', 'Could I see the tracker?'],
      ['C', 'Here. I did five of them, one is only half done.'],
    ],
    [
      ['T', 'Last session we talked about sorting through his clothes. Did you get a chance?'],
      ['C', 'I did some of it. I got as far as the coats.'],
    ],
    [
      [
        'T',
        'Last time we ended with an idea for the week, a walk together after dinner. How did that go?',
      ],
      ['P', 'We managed one. The rain got the rest.'],
    ],
    [
      ['C', 'I did the writing. The statement. It was hard.'],
      ['T', 'You wrote the statement. Thank you for doing that.'],
    ],
  ])('is a review: %j', (...lines) => {
    expect(hw(lines).reviewed).toBe(true);
    expect(hw(asr(lines)).reviewed).toBe(true);
  });
  it('history from before treatment is not a review', () => {
    expect(
      hw([
        ['T', 'Have you done anything like this before?'],
        ['C', 'I did worksheets years ago with my last counsellor.'],
        ['T', 'Okay.'],
      ]).reviewed,
    ).toBe(false);
  });
});

describe('assignment without "I would like you to"', () => {
  it.each<Line[]>([
    [
      [
        'T',
        'So for this coming week, could we pick two things? One would be going to the choir on Tuesday.',
      ],
    ],
    [
      [
        'T',
        'For this week, I would like to give you a worksheet for catching these thoughts. One a day.',
      ],
    ],
    [
      [
        'T',
        'For this week, two things. Keep one screen-free evening. And twice this week, a short check-in.',
      ],
    ],
    [['T', 'And keep reading the letter once more this week, just to yourself.']],
  ])('is assigned: %j', (...lines) => {
    expect(hw(lines).assigned.length).toBeGreaterThan(0);
    expect(hw(asr(lines)).assigned.length).toBeGreaterThan(0);
  });
  it('a plan for what happens in a later session is not assigned', () => {
    expect(
      hw([['T', 'Next session we will look at the memory together. We can talk about it then.']])
        .assigned,
    ).toHaveLength(0);
  });
});

describe('a week scope with imperative or counted tasks', () => {
  it('counted tasks and imperatives after "for this week" are an assignment, and an "and …" follow-up too', () => {
    const h = hw([
      [
        'T',
        'Right, for this week. Two worry logs, especially after the team call, and note what you predicted. Rate the worry at the end.',
      ],
      ['C', 'Two logs, predictions, rating.'],
      ['T', 'And speak to your neighbour once about the fence. Jot down how it went.'],
      ['C', 'Okay.'],
    ]);
    expect(h.assigned.map((a) => a.text)).toEqual([
      expect.stringMatching(/^Two worry logs/),
      expect.stringMatching(/^Speak to your neighbour/),
    ]);
  });
  it('"let\'s look at your sheet from this week" is a review, not an assignment', () => {
    const h = hw([
      ['T', 'Good to see you. Let us briefly look at your breathing sheet from this week.'],
      ['C', 'I did it most mornings, and twice at work when I got tense.'],
      ['T', 'Most mornings. What did you notice?'],
    ]);
    expect(h.reviewed).toBe(true);
    expect(h.assigned).toEqual([]);
  });
});

describe('review asked briefly or by the period it covers', () => {
  it.each<Line[]>([
    [
      ['T', "Let's look at last week's plan. What did you manage?"],
      ['C', 'I went on Monday. Not Friday, it rained.'],
    ],
    [
      ['T', "Okay, let's go over last session's schedule."],
      ['C', 'I did most of it.'],
    ],
    [
      ['T', 'And the practice? We left it at the breathing exercise daily.'],
      ['C', 'Five days a week, roughly.'],
    ],
    [
      ['T', 'What about your log?'],
      ['C', 'I filled it in three times.'],
    ],
  ])('is a review (%#)', (...lines) => {
    expect(hw(lines).reviewed).toBe(true);
    expect(hw(asr(lines)).reviewed).toBe(true);
  });

  it('a bare "and the practice?" about the session itself, answered with a feeling, is not', () => {
    expect(
      hw([
        ['T', 'And the practice?'],
        ['C', 'It felt calming.'],
      ]).reviewed,
    ).toBe(false);
  });
});

describe('assignment as practices with how often, under a scope of several weeks', () => {
  const lines: Line[] = [
    [
      'T',
      'For the next three weeks, then. The breathing space every working day, like now. And the body scan twice a week, the short one.',
    ],
    ['C', 'Okay.'],
  ];
  it('is assigned, also in speech-recognition style', () => {
    expect(hw(lines).assigned).toHaveLength(1);
    expect(hw(asr(lines)).assigned).toHaveLength(1);
  });
  it('a practice done twice a week last month, without a coming scope, is not assigned', () => {
    expect(
      hw([
        ['T', 'Last month the body scan was twice a week, and that worked for you.'],
        ['C', 'It did.'],
      ]).assigned,
    ).toEqual([]);
  });
});
