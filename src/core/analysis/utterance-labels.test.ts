import { describe, expect, it } from 'vitest';
import { buildContext } from './context.js';
import { labelUtterances } from './utterance-labels.js';
import type { Role } from '../transcript/schema.js';

function turns(lines: [Role, string][]) {
  return buildContext({
    format: 'lines',
    speakers: [],
    turns: lines.map(([role, text], i) => ({
      id: `u${i + 1}`,
      speaker: role,
      role,
      start: i * 10,
      end: i * 10 + 8,
      text,
    })),
    warnings: [],
  }).turns;
}

describe('labelUtterances', () => {
  it('labels clinicians with mi, clients with talk, others with nothing', () => {
    const l = labelUtterances(
      turns([
        ['clinician', 'What brings you in today?'],
        ['client', 'I really want to cut back.'],
        ['clinician', "It sounds like you're torn."],
        ['other', 'He has been trying, I can tell you that.'],
        ['client', '(nods)'],
        ['clinician', ''],
      ]),
    );
    expect(l).toHaveLength(6);
    expect(l[0]).toEqual({ mi: 'question' });
    expect(l[1]).toEqual({ talk: 'change' });
    expect(l[2]).toEqual({ mi: 'reflection' });
    expect(l[3]).toEqual({});
    expect(l[4]).toEqual({ talk: 'neutral' });
    expect(l[5]).toEqual({ mi: 'other' });
  });

  it('labels every turn of a 600-turn session', () => {
    const lines: [Role, string][] = [];
    for (let i = 0; i < 300; i++) {
      lines.push([
        'clinician',
        `So what would it take for you to feel ready to try that this week ${i}?`,
      ]);
      lines.push([
        'client',
        `I guess I could give it a go, but honestly I am not sure it will help with the drinking ${i}.`,
      ]);
    }
    const prepared = turns(lines);
    // Speed is measured by `npm run bench`, not asserted here (timed tests flake on busy machines).
    const l = labelUtterances(prepared);
    expect(l).toHaveLength(600);
    // Clinician turns (even) get an MI code, client turns (odd) a talk type.
    expect(l.every((x, i) => (i % 2 === 0 ? x.mi !== undefined : x.talk !== undefined))).toBe(true);
  });
});
