import { describe, expect, it } from 'vitest';
import { assessRisk } from './risk.js';
import { RISK_KINDS, type RiskKind } from './schema.js';
import { snippetContext, type Line } from './test-helpers.js';

const ctxOf = (lines: readonly Line[]) => snippetContext(lines, { start: 15 });

function statusOf(lines: readonly Line[], kind: RiskKind) {
  return assessRisk(ctxOf(lines)).find((r) => r.kind === kind)?.status;
}

describe('assessRisk', () => {
  it('returns exactly one finding per kind, not_assessed when nothing was touched', () => {
    const r = assessRisk(
      ctxOf([
        ['T', 'How was the week?'],
        ['C', 'Busy but fine.'],
      ]),
    );
    expect(r.map((x) => x.kind)).toEqual([...RISK_KINDS]);
    expect(r.every((x) => x.status === 'not_assessed' && x.evidence.length === 0)).toBe(true);
  });

  it.each<[RiskKind, string]>([
    ['suicidal_ideation', "Some nights I think it would be okay if I just didn't wake up."],
    ['suicidal_ideation', 'Honestly they would all be better off without me.'],
    ['suicide_plan', "I've thought about how I would do it. I've been saving up my pills."],
    ['suicide_attempt_history', 'I tried to kill myself when I was nineteen.'],
    ['self_harm', 'I cut myself on Saturday after the fight.'],
    ['self_harm', 'The urge to cut was really strong all weekend.'],
    ['homicidal_ideation', 'I keep thinking about hurting him, like really hurting him.'],
    ['abuse_or_neglect', 'My stepdad hits me when he drinks.'],
    ['substance_use', "I've been drinking every night to fall asleep."],
    ['psychosis', 'I hear voices telling me I am worthless.'],
  ])('%s endorsed from a client statement without a question: %s', (kind, text) => {
    expect(statusOf([['C', text]], kind)).toBe('endorsed');
  });

  it.each<[RiskKind, string, string]>([
    [
      'suicidal_ideation',
      'Any thoughts of suicide or of wanting to die?',
      'No, nothing like that.',
    ],
    [
      'suicide_plan',
      'When you have those thoughts of suicide, do you have a plan for how you would do it?',
      'No. No plan.',
    ],
    ['suicide_attempt_history', 'Have you ever attempted suicide in the past?', 'Never.'],
    ['self_harm', 'Any self-harm this week, cutting or burning?', 'No.'],
    ['homicidal_ideation', 'Any thoughts of hurting anyone else?', 'No, not at all.'],
    ['abuse_or_neglect', 'Do you feel safe at home?', "Yes. He's never hurt me."],
    ['substance_use', 'How about alcohol or drugs lately?', "No, I don't drink."],
    ['psychosis', "Have you been hearing voices or seeing things others can't?", 'No.'],
  ])('%s denied only with the question and the answer as evidence', (kind, q, a) => {
    const r = assessRisk(
      ctxOf([
        ['T', q],
        ['C', a],
      ]),
    ).find((x) => x.kind === kind);
    expect(r?.status).toBe('denied');
    expect(r?.evidence[0]?.utteranceIds).toEqual(['u1', 'u2']);
  });

  it.each<[RiskKind, string, string]>([
    [
      'suicidal_ideation',
      'Any thoughts of suicide this week?',
      "I don't know. Sometimes... not really.",
    ],
    ['substance_use', 'How much are you drinking these days?', 'Depends on the week.'],
    ['self_harm', 'Any urges to hurt yourself?', 'Maybe. Kind of.'],
  ])('%s unclear when the answer is ambiguous', (kind, q, a) => {
    expect(
      statusOf(
        [
          ['T', q],
          ['C', a],
        ],
        kind,
      ),
    ).toBe('unclear');
  });

  it('a question about suicide answered "no, it was just the cutting" → SI denied and self-harm endorsed', () => {
    const lines: Line[] = [
      ['T', 'Any thoughts of suicide, of wanting to die?'],
      ['C', "No. Not this time. It was just the cutting thing. I didn't want to die."],
    ];
    expect(statusOf(lines, 'suicidal_ideation')).toBe('denied');
    expect(statusOf(lines, 'self_harm')).toBe('endorsed');
  });

  it('never denies a kind that was not asked, even when the client says no', () => {
    const lines: Line[] = [
      ['T', 'Did you finish the worksheet?'],
      ['C', 'No, I did not.'],
    ];
    for (const r of assessRisk(ctxOf(lines))) expect(r.status).toBe('not_assessed');
  });

  it('a clinician reading "your card says zero" without an answer is not a denial', () => {
    expect(
      statusOf(
        [['T', 'Your card says zero for suicidal thoughts. Let us move on to Tuesday.']],
        'suicidal_ideation',
      ),
    ).toBe('not_assessed');
  });

  it('"you marked zero, is that still accurate?" answered yes is a denial', () => {
    expect(
      statusOf(
        [
          [
            'T',
            "On the last item, thoughts you'd be better off dead, you marked zero. Is that still accurate?",
          ],
          ['C', 'Yeah.'],
        ],
        'suicidal_ideation',
      ),
    ).toBe('denied');
  });

  it('a negatively phrased question answered with a bare yes is unclear', () => {
    expect(
      statusOf(
        [
          ['T', "You're not having any thoughts of suicide, are you?"],
          ['C', 'Yes.'],
        ],
        'suicidal_ideation',
      ),
    ).toBe('unclear');
  });

  it('endorsement wins over a denial of something else in the same session', () => {
    const lines: Line[] = [
      ['T', 'Did you act on the urges at all? Any cutting?'],
      ['C', 'No. I wanted to, but no.'],
      ['C', 'The urge to cut was at a four on Friday though.'],
    ];
    expect(statusOf(lines, 'self_harm')).toBe('endorsed');
  });

  it.each([
    "She'll be the death of me, I swear.",
    "I'm dying to see that movie.",
    'He is killing it at work lately.',
    'Just shoot me an email about it.',
    'I could kill him for that, leaving the dishes again. (laughs)',
    'My back is killing me.',
    'I had a beer at the game on Sunday.',
    'She brought me a beer on the ladder.',
    'I need to cut myself some slack.',
    'I beat myself up about it all week.',
    'I miss her so much. I keep expecting her to call.',
    'I was so nervous I thought I would die of embarrassment.',
    'This voice goes, what is the point, nobody is hiring.',
  ])('figure of speech or ordinary talk is not risk: %s', (text) => {
    for (const r of assessRisk(ctxOf([['C', text]]))) expect(r.status).toBe('not_assessed');
  });

  it('"I could kill him" without the idiom is flagged unclear for a clinician to look at', () => {
    expect(statusOf([['C', 'Sometimes I could kill him, honestly.']], 'homicidal_ideation')).toBe(
      'unclear',
    );
  });

  it('negated statements are not endorsements', () => {
    for (const r of assessRisk(ctxOf([['C', "I'm not suicidal and I never cut myself."]])))
      expect(r.status).toBe('not_assessed');
  });

  it("someone else's risk told by the client is not the client's", () => {
    expect(
      statusOf([['C', 'My friend told me she wanted to die last year.']], 'suicidal_ideation'),
    ).toBe('not_assessed');
  });

  it('a parent reporting the child cutting is endorsed', () => {
    expect(statusOf([['P', "We found out she's been cutting herself."]], 'self_harm')).toBe(
      'endorsed',
    );
  });

  it('works on lower-case unpunctuated speech-recognition text', () => {
    const lines: Line[] = [
      ['T', 'and any thoughts of suicide of wanting to die or not be here'],
      ['C', 'no not really no'],
      ['T', 'and alcohol or weed the card says none'],
      ['C', 'none'],
      ['C', 'sometimes i think it would be easier if i didnt wake up'],
    ];
    expect(statusOf(lines, 'substance_use')).toBe('denied');
    // "didnt" without the apostrophe still reads as passive ideation, which wins over "not really".
    expect(statusOf(lines, 'suicidal_ideation')).toBe('endorsed');
    const passive: Line[] = [['C', "sometimes i think it'd be fine if i didn't wake up"]];
    expect(statusOf(passive, 'suicidal_ideation')).toBe('endorsed');
  });
});
