import { describe, expect, it } from 'vitest';
import { assessRisk } from './risk.js';
import type { RiskKind } from './schema.js';
import { asr, snippetContext } from './test-helpers.js';

/**
 * Fictional snippets written for these tests (T clinician, C client): diary cards and forms read
 * back, questions that name the topic first and ask "anything like that?", urges after a "no",
 * self-injury in other words, and everyday drinks that are not substance use.
 */
type Line = readonly ['T' | 'C', string];

function statuses(lines: readonly Line[]): Record<RiskKind, string> {
  const out = {} as Record<RiskKind, string>;
  for (const r of assessRisk(snippetContext(lines, { start: 15 }))) out[r.kind] = r.status;
  return out;
}

describe('diary-card check: urges are endorsed even when no act is reported', () => {
  const card: Line[] = [
    ['T', 'Let me see the card. Wednesday, urges to self-harm at a three.'],
    ['C', 'Mm-hm.'],
    ['T', 'Did you act on any of those urges? Any cutting or burning?'],
    ['C', 'No. I felt like it on Wednesday night but I went for a walk instead.'],
    ['T', 'And the drinking column, you have put none.'],
    ['C', 'None, no.'],
  ];
  it('endorses self-harm from the card rating and the urge, and reads the alcohol column as denied', () => {
    const s = statuses(card);
    expect(s.self_harm).toBe('endorsed');
    expect(s.substance_use).toBe('denied');
  });
  it('a "no" to acting, then "I wanted to", is an urge', () => {
    const s = statuses([
      ['T', 'Any self-harm this week?'],
      ['C', 'No. I wanted to on Friday. I did not.'],
    ]);
    expect(s.self_harm).toBe('endorsed');
  });
  it('self-injury in other words is endorsed', () => {
    for (const act of [
      'I kept digging my nails into my hand until it stopped.',
      'I was pulling my hair out again in the bathroom.',
      'I banged my head against the wall a few times.',
    ]) {
      expect(statuses([['C', act]]).self_harm).toBe(act ? 'endorsed' : '');
    }
  });
  it('works on speech-recognition text', () => {
    expect(statuses(asr(card)).self_harm).toBe('endorsed');
  });
});

describe('topic named first, then asked with "anything like that?"', () => {
  it('a PHQ-9 item read back and confirmed as zero is denied', () => {
    const s = statuses([
      [
        'T',
        'The last item asks about thoughts that you would be better off dead, or of hurting yourself. You circled zero. Is that still right, nothing like that?',
      ],
      ['C', 'Yes, zero. Nothing like that.'],
    ]);
    expect(s.suicidal_ideation).toBe('denied');
    expect(s.self_harm).toBe('denied');
  });
  it('a question to a teenager after a normalising statement is denied', () => {
    const s = statuses([
      [
        'T',
        'When things are hard at home, some teenagers think about killing themselves or not wanting to be alive. Has anything like that happened for you?',
      ],
      ['C', 'No, not really like that. I just go quiet.'],
    ]);
    expect(s.suicidal_ideation).not.toBe('not_assessed');
    expect(s.suicidal_ideation).not.toBe('endorsed');
  });
  it('a crisis-line instruction followed by a question is not a check', () => {
    const s = statuses([
      ['T', 'If thoughts of suicide ever come up, call the crisis line. Does that sound okay?'],
      ['C', 'Yes.'],
    ]);
    expect(s.suicidal_ideation).toBe('not_assessed');
  });
});

describe('everyday drinks are not substance use', () => {
  it('juice, soda and coffee talk is neither endorsed nor denied', () => {
    const s = statuses([
      ['T', 'How many drinks of juice would you say you have?'],
      ['C', 'Probably four glasses of orange juice a day.'],
      ['T', 'Do you drink soda?'],
      ['C', "No, I didn't have any, I switched to sugar-free drinks."],
      ['C', 'I drank way too much coffee this morning.'],
      ['T', 'How much coffee are you drinking these days?'],
      ['C', 'About four cups a day.'],
    ]);
    expect(s.substance_use).toBe('not_assessed');
  });
  it('an alcohol question still counts', () => {
    expect(
      statuses([
        ['T', 'Do you drink alcohol at all?'],
        ['C', 'No, never.'],
      ]).substance_use,
    ).toBe('denied');
  });
  it('"how much are you drinking" answered with "not that much" is not a denial', () => {
    expect(
      statuses([
        ['T', 'How much are you drinking?'],
        ['C', "I don't think I'm drinking that much. Mainly at parties."],
      ]).substance_use,
    ).not.toBe('denied');
  });
  it('high cholesterol and falling over are not risk', () => {
    const s = statuses([
      ['C', 'I got high cholesterol, so the doctor wants me on a pill.'],
      ['C', "I'm scared I'll fall and hurt myself if I walk too far."],
    ]);
    expect(s.substance_use).toBe('not_assessed');
    expect(s.self_harm).toBe('not_assessed');
  });
});

describe('alcohol: quantity with frequency, or loss of control', () => {
  it('a bottle most nights is endorsed', () => {
    const r = statuses([
      ['T', 'What does a usual evening look like?'],
      [
        'C',
        'I open a bottle of red when I get in. It is usually empty by ten. Most nights, really.',
      ],
    ]);
    expect(r.substance_use).toBe('endorsed');
  });
  it('needing it and going out for more is endorsed', () => {
    const r = statuses([
      ['T', 'What is less good about it?'],
      [
        'C',
        'I hate that I need it. On Friday I walked to the corner shop at eleven because the wine was gone.',
      ],
    ]);
    expect(r.substance_use).toBe('endorsed');
  });
  it('a beer at the game is not', () => {
    const r = statuses([
      ['T', 'How was the weekend?'],
      ['C', 'Good. I had a beer at the game with my brother and we talked about Dad.'],
    ]);
    expect(r.substance_use).not.toBe('endorsed');
  });
});

describe('a denial for the period asked about', () => {
  const urges = (answer: string): Line[] => [
    ['T', 'The urges column is zeros all week. Is that right, no urges at all to hurt yourself?'],
    ['C', answer],
  ];
  it('"Yeah. Not this week. It wasn\'t that kind of week." is denied ("that kind of" is no hedge)', () => {
    const lines = urges("Yeah. Honestly, not this week. It wasn't that kind of week.");
    expect(statuses(lines).self_harm).toBe('denied');
    expect(statuses(asr(lines)).self_harm).toBe('denied');
  });
  it('"not this week, but last week …" is not a denial', () => {
    expect(statuses(urges('Not this week. But last week, yeah, on Sunday.')).self_harm).not.toBe(
      'denied',
    );
  });
  it('a hedging "kind of" still keeps it from being denied', () => {
    expect(statuses(urges('Kind of. On Sunday a bit.')).self_harm).not.toBe('denied');
    expect(statuses(urges('Yeah, sort of, not really.')).self_harm).not.toBe('denied');
  });
});

describe('an urge rating the client gives is an endorsed urge', () => {
  it('"urge to self-harm, zero to five?" answered "A one" is endorsed', () => {
    const s = statuses([
      ['T', 'And right now, sitting here, urge to self-harm, zero to five?'],
      ['C', "A one. It's just sort of humming in the background."],
    ]);
    expect(s.self_harm).toBe('endorsed');
  });

  it('an urge rating of zero is not an endorsement', () => {
    const s = statuses([
      ['T', 'Urge to self-harm right now, zero to five?'],
      ['C', 'Zero. Honestly, nothing today.'],
    ]);
    expect(s.self_harm).not.toBe('endorsed');
  });
});

describe('a negation or another subject in the previous sentence does not cancel a disclosure', () => {
  it('"I can not do this today. My boyfriend hit me." is endorsed abuse', () => {
    const s = statuses([
      ['T', 'How have things been at home this week?'],
      ['C', 'I can not do this today. My boyfriend hit me on Sunday.'],
    ]);
    expect(s.abuse_or_neglect).toBe('endorsed');
  });

  it('"She left. Sometimes I want to die." is endorsed suicidal ideation', () => {
    const s = statuses([
      ['T', 'What has the week been like?'],
      ['C', 'She left on Friday. Sometimes I want to die.'],
    ]);
    expect(s.suicidal_ideation).toBe('endorsed');
  });
});
