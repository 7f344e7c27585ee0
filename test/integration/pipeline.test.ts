/**
 * Invariants of the whole pipeline (transcript → analysis → note → review) on every labelled
 * session we have: the contracts hold, every piece of evidence points at real words of the
 * transcript, and nothing is invented.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AnalysisSchema,
  NoteSchema,
  NoteFormatSchema,
  analyze,
  parseTranscript,
  renderMarkdown,
  reviewNote,
  writeNote,
  type Analysis,
  type Evidence,
} from '../../src/core/index.js';

const root = resolve(import.meta.dirname, '../..');
const dirs = [
  resolve(root, '../shared/corpus/sessions'),
  join(root, 'eval/corpus'),
  join(root, 'eval/corpus-blind'),
  join(root, 'eval/corpus-final'),
  join(root, 'eval/corpus-holdout'),
].filter((d) => existsSync(d));
const sessions = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.txt$/.test(f) && existsSync(join(dir, f.replace(/\.txt$/, '.gold.json'))))
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') })),
);

/** Phrases a transcript can never support (appearance, affect, mental status). */
const UNGROUNDED = [
  /appears? (calm|cooperative|well|anxious|depressed)/i,
  /well[- ]groomed/i,
  /speech (was )?(clear|coherent|normal)/i,
  /\bwithin normal limits\b/i,
  /\bthought process (was )?(linear|goal[- ]directed)\b/i,
];

function allEvidence(a: Analysis): Evidence[] {
  return [
    ...a.interventions.flatMap((i) => [
      ...i.evidence,
      ...i.response.markers.map((m) => m.evidence),
    ]),
    ...a.mentionedNotDelivered.flatMap((m) => m.evidence),
    ...a.indicators.flatMap((i) => i.evidence),
    ...a.risk.flatMap((r) => r.evidence),
    ...a.homework.reviewedEvidence,
    ...a.homework.assigned.flatMap((h) => h.evidence),
    ...a.consent.flatMap((c) => c.evidence),
    ...a.goals.flatMap((g) => g.evidence),
  ];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

const NOTE_FORMATS = NoteFormatSchema.options;

describe.each(sessions)('pipeline on $name', ({ text }) => {
  const analysis = analyze(parseTranscript(text));

  it('produces an analysis that satisfies the public contract', () => {
    expect(() => AnalysisSchema.parse(analysis)).not.toThrow();
    expect(analysis.utterances.length).toBe(text.split('\n').filter((l) => l.trim()).length);
    expect(analysis.risk.map((r) => r.kind).sort()).toEqual(
      [
        'abuse_or_neglect',
        'homicidal_ideation',
        'psychosis',
        'self_harm',
        'substance_use',
        'suicidal_ideation',
        'suicide_attempt_history',
        'suicide_plan',
      ].sort(),
    );
  });

  it('grounds every piece of evidence in the transcript', () => {
    const byId = new Map(analysis.utterances.map((u) => [u.id, u]));
    for (const ev of allEvidence(analysis)) {
      const first = byId.get(ev.utteranceIds[0] ?? '');
      expect(first, `evidence ${ev.utteranceIds.join(',')}`).toBeDefined();
      for (const id of ev.utteranceIds) expect(byId.has(id)).toBe(true);
      const quote = squash(ev.quote.replace(/…$/, '')).replace(/^"|"$/g, '');
      const joined = squash(ev.utteranceIds.map((id) => byId.get(id)?.text ?? '').join(' '));
      expect(joined, `quote of ${ev.utteranceIds.join(',')}`).toContain(quote.split('…')[0]);
      expect(ev.start).toBe(first?.start ?? null);
    }
  });

  it('never lists an intervention as both delivered and not delivered', () => {
    const delivered = new Set(analysis.interventions.map((i) => i.id));
    for (const m of analysis.mentionedNotDelivered) expect(delivered.has(m.id)).toBe(false);
  });

  it('never records a denial without the question and the answer', () => {
    for (const r of analysis.risk.filter((x) => x.status === 'denied')) {
      const ids = r.evidence.flatMap((e) => e.utteranceIds);
      const roles = ids.map((id) => analysis.utterances.find((u) => u.id === id)?.role);
      expect(roles).toContain('clinician');
      expect(roles).toContain('client');
    }
  });

  it('is deterministic', () => {
    expect(analyze(parseTranscript(text))).toEqual(analysis);
  });

  it.each(NOTE_FORMATS)('writes a grounded %s note', (format) => {
    const note = writeNote(analysis, { format });
    expect(() => NoteSchema.parse(note)).not.toThrow();
    const ids = new Set(analysis.utterances.map((u) => u.id));
    for (const s of note.sections.flatMap((x) => x.sentences)) {
      if (s.kind === 'finding') expect(s.evidence.length).toBeGreaterThan(0);
      for (const e of s.evidence) for (const id of e.utteranceIds) expect(ids.has(id)).toBe(true);
    }
    const md = renderMarkdown(note);
    for (const re of UNGROUNDED) expect(md).not.toMatch(re);
    const deniedKinds = new Set(
      analysis.risk.filter((r) => r.status === 'denied').map((r) => r.kind),
    );
    if (!deniedKinds.has('suicidal_ideation'))
      expect(md).not.toMatch(/denie[sd] (any )?(suicidal|SI\b)/i);
    expect(() => reviewNote({ note, analysis })).not.toThrow();
  });
});
