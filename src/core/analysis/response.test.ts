import { describe, expect, it } from 'vitest';
import { buildContext, evidenceOf, type AnalysisContext } from './context.js';
import { describeResponse } from './response.js';
import type { Role } from '../transcript/schema.js';
import type { TalkLabel } from './schema.js';

type Line = [Role, string, TalkLabel?];

function ctxOf(lines: Line[], gapAfter?: number): AnalysisContext {
  let t = 0;
  const base = buildContext({
    format: 'lines',
    speakers: [
      { label: 'Therapist', role: 'clinician', roleSource: 'label' },
      { label: 'Client', role: 'client', roleSource: 'label' },
    ],
    turns: lines.map(([role, text], i) => {
      const start = t;
      t += 10 + (gapAfter === i ? 900 : 0);
      return {
        id: `u${i + 1}`,
        speaker: role === 'clinician' ? 'Therapist' : 'Client',
        role,
        start,
        end: start + 8,
        text,
      };
    }),
    warnings: [],
  });
  const turns = base.turns.map((turn, i) => {
    const talk = lines[i]?.[2];
    return talk ? { ...turn, talk } : turn;
  });
  return { ...base, turns, byId: new Map(turns.map((x) => [x.id, x])) };
}

const at = (ctx: AnalysisContext, id: string) => {
  const t = ctx.byId.get(id);
  if (!t) throw new Error(id);
  return evidenceOf([t]);
};

describe('describeResponse', () => {
  it('is not_observed when no client turn follows', () => {
    const ctx = ctxOf([
      ['client', 'I keep thinking everyone at work hates me.'],
      ['clinician', "Let's write that thought down and look at the evidence for it."],
    ]);
    expect(describeResponse(ctx, [at(ctx, 'u2')])).toEqual({
      summary: 'not_observed',
      markers: [],
    });
  });

  it('is not_observed when the client only says "mm-hmm"', () => {
    const ctx = ctxOf([
      ['clinician', "Let's write that thought down and look at the evidence for it."],
      ['client', 'Mm-hmm.'],
    ]);
    expect(describeResponse(ctx, [at(ctx, 'u1')]).summary).toBe('not_observed');
  });

  it('finds insight with a verbatim quote of the sentence that shows it', () => {
    const ctx = ctxOf([
      ['clinician', 'What do you notice when you put the two columns side by side?'],
      [
        'client',
        "Hm. Every time I skip lunch I'm the one who snaps at people. I never thought of it that way.",
      ],
      ['clinician', 'That is a real pattern.'],
    ]);
    const r = describeResponse(ctx, [at(ctx, 'u1')]);
    expect(r.summary).toBe('engaged');
    expect(r.markers[0]?.kind).toBe('insight');
    expect(r.markers[0]?.evidence.utteranceIds).toEqual(['u2']);
    expect(ctx.turns[1]?.text).toContain(r.markers[0]?.evidence.quote ?? '∅');
  });

  it('finds resistance, also in speech-recognition style text', () => {
    const ctx = ctxOf([
      ['clinician', 'one thing that helps is tracking your mood each evening'],
      ['client', 'i dont see the point of writing stuff down'],
      ['clinician', 'what makes it feel pointless'],
      ['client', 'it wont help i already know how i feel'],
    ]);
    const r = describeResponse(ctx, [at(ctx, 'u1')]);
    expect(r.summary).toBe('resistant');
    expect(r.markers.map((m) => m.kind)).toEqual(['resistance', 'resistance']);
    expect(r.markers.map((m) => m.evidence.utteranceIds[0])).toEqual(['u2', 'u4']);
  });

  it('is mixed when engagement and sustain talk both follow', () => {
    const ctx = ctxOf([
      ['clinician', 'Would you be willing to try the breathing for two minutes now?'],
      ['client', "Okay, let's try it."],
      ['clinician', 'How was that?'],
      ['client', 'Honestly the wine still works better for calming down.', 'sustain'],
    ]);
    const r = describeResponse(ctx, [at(ctx, 'u1')]);
    expect(r.summary).toBe('mixed');
    expect(new Set(r.markers.map((m) => m.kind))).toEqual(new Set(['engagement', 'sustain_talk']));
  });

  it('reads change talk from the talk label and from stated intent', () => {
    const ctx = ctxOf([
      ['clinician', 'What would be different if you cut down?'],
      ['client', "I'd sleep better, and I'd stop fighting with my partner.", 'change'],
      ['clinician', 'So what might be a first step?'],
      ['client', "I'm going to skip the drinks after work on weekdays."],
    ]);
    const r = describeResponse(ctx, [at(ctx, 'u1')]);
    expect(r.summary).toBe('engaged');
    expect(r.markers.map((m) => m.kind)).toEqual(['change_talk', 'change_talk']);
  });

  it('stops at a long gap, uses distinct turns and at most four markers', () => {
    const lines: Line[] = [['clinician', 'Try the thought record with that situation.']];
    for (let i = 0; i < 6; i++) {
      lines.push([
        'client',
        `I wrote the situation down and rated the feeling at ${i + 5} out of ten.`,
      ]);
    }
    const ctx = ctxOf(lines);
    const r = describeResponse(ctx, [at(ctx, 'u1'), at(ctx, 'u1')]);
    expect(r.markers).toHaveLength(4);
    expect(new Set(r.markers.map((m) => m.evidence.utteranceIds[0])).size).toBe(4);

    const gap = ctxOf(
      [
        ['clinician', 'Try the thought record with that situation.'],
        ['clinician', 'Take your time.'],
        ['client', "I don't see the point."],
      ],
      1,
    );
    expect(describeResponse(gap, [at(gap, 'u1')]).summary).toBe('not_observed');
  });
});
