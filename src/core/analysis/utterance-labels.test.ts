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

  it('labels a 600-turn session quickly', () => {
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
    labelUtterances(prepared);
    const t0 = performance.now();
    const l = labelUtterances(prepared);
    const ms = performance.now() - t0;
    expect(l).toHaveLength(600);
    expect(ms).toBeLessThan(50);
  });
});
