import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from './parse.js';
import { parseRoleOverrides, roleFromLabel } from './roles.js';
import { errorOf } from '../test-helpers.js';

const FIXTURES = new URL('../../../test/fixtures/transcripts/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const SESSIONS = '/work/shared/corpus/sessions/';

const rolesOf = (text: string, roles?: Record<string, 'clinician' | 'client' | 'other'>) =>
  Object.fromEntries(
    parseTranscript(text, roles ? { roles } : {}).speakers.map((s) => [
      s.label,
      `${s.role}/${s.roleSource}`,
    ]),
  );

describe('role from the label', () => {
  it.each([
    ['Therapist', 'clinician'],
    ['THERAPIST', 'clinician'],
    ['Counselor', 'clinician'],
    ['Counsellor Kim', 'clinician'],
    ['Clinician', 'clinician'],
    ['Psychologist', 'clinician'],
    ['Social worker', 'clinician'],
    ['Dr. Okafor', 'clinician'],
    ['Dr Lee', 'clinician'],
    ['Doctor', 'clinician'],
    ['Interviewer', 'clinician'],
    ['Provider', 'clinician'],
    ['Family therapist', 'clinician'],
    ['T', 'clinician'],
    ['Client', 'client'],
    ['Patient', 'client'],
    ['client 2', 'client'],
    ['C', 'client'],
    ['P', 'client'],
    ['Pt', 'client'],
    ['Parent', 'other'],
    ['Mother', 'other'],
    ['Mom', 'other'],
    ['Father', 'other'],
    ['Dad', 'other'],
    ['Partner', 'other'],
    ['Spouse', 'other'],
    ['Husband', 'other'],
    ['Wife', 'other'],
    ['Caregiver', 'other'],
    ['Guardian', 'other'],
    ['Grandmother', 'other'],
    ["Client's mother", 'other'],
    ['Maria', null],
    ['Speaker 1', null],
    ['SPEAKER_00', null],
    ['Unknown', null],
    ['Drew', null],
    ['Tom', null],
  ])('%s → %s', (label, role) => {
    expect(roleFromLabel(label)).toBe(role);
  });
});

describe('role inference from how speakers talk', () => {
  it('finds the clinician in a two-speaker session with generic labels (client speaks first)', () => {
    const t = parseTranscript(fixture('generic-two-speakers.txt'));
    expect(t.turns).toHaveLength(15);
    expect(t.speakers).toEqual([
      { label: 'Speaker 1', role: 'client', roleSource: 'inferred' },
      { label: 'Speaker 2', role: 'clinician', roleSource: 'inferred' },
    ]);
    expect(
      t.turns.filter((x) => x.role === 'clinician').every((x) => x.speaker === 'Speaker 2'),
    ).toBe(true);
    expect(t.warnings.some((w) => /inferred/.test(w.message))).toBe(true);
  });

  it('does the same on speech-recognition style text (lower case, no punctuation)', () => {
    const asr = fixture('generic-two-speakers.txt')
      .split('\n')
      .map((l) =>
        l.replace(
          /^(\[[^\]]+\] Speaker \d): (.*)$/,
          (_m, p: string, s: string) => `${p}: ${s.toLowerCase().replace(/[^a-z0-9' ]/g, '')}`,
        ),
      )
      .join('\n');
    expect(rolesOf(asr)).toEqual({
      'Speaker 1': 'client/inferred',
      'Speaker 2': 'clinician/inferred',
    });
  });

  it('picks clinician, client and other in a three-speaker family session', () => {
    const t = parseTranscript(fixture('generic-three-speakers.txt'));
    expect(t.turns).toHaveLength(19);
    expect(rolesOf(fixture('generic-three-speakers.txt'))).toEqual({
      SPEAKER_00: 'clinician/inferred',
      SPEAKER_01: 'other/inferred',
      SPEAKER_02: 'client/inferred',
    });
  });

  it('infers only the labels that say nothing: Therapist + a name → the name is the client', () => {
    const text = fixture('generic-two-speakers.txt')
      .replaceAll('Speaker 2:', 'Therapist:')
      .replaceAll('Speaker 1:', 'Jordan:');
    expect(rolesOf(text)).toEqual({ Jordan: 'client/inferred', Therapist: 'clinician/label' });
  });

  it('with labelled clinician and client, a further unlabelled speaker is other', () => {
    const text = 'Therapist: How are you?\nClient: I am okay.\nUnknown: Sorry, wrong room.';
    expect(rolesOf(text)).toEqual({
      Therapist: 'clinician/label',
      Client: 'client/label',
      Unknown: 'other/inferred',
    });
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'finds the therapist of corpus session s0%i relabelled Speaker A / Speaker B',
    (n) => {
      const text = readFileSync(`${SESSIONS}s0${n}.txt`, 'utf8');
      // The client becomes Speaker A so the first label is not the clinician.
      const generic = text
        .replaceAll('] Client:', '] Speaker A:')
        .replaceAll('] Therapist:', '] Speaker B:');
      expect(rolesOf(generic)).toMatchObject({
        'Speaker A': 'client/inferred',
        'Speaker B': 'clinician/inferred',
      });
    },
  );
});

describe('role overrides', () => {
  const text = fixture('generic-two-speakers.txt');

  it('win over inference and over labels', () => {
    expect(rolesOf(text, { 'Speaker 1': 'clinician' })).toEqual({
      'Speaker 1': 'clinician/override',
      'Speaker 2': 'client/inferred',
    });
    expect(rolesOf('Therapist: Hi.\nClient: Hi.', { Therapist: 'other' })).toEqual({
      Therapist: 'other/override',
      Client: 'client/label',
    });
  });

  it('accept a key that differs only in case or spacing', () => {
    expect(rolesOf(text, { ' speaker 2 ': 'clinician' })['Speaker 2']).toBe('clinician/override');
  });

  it('reject a label that is not in the transcript, naming it and the labels present', () => {
    const e = errorOf(() => parseTranscript(text, { roles: { 'Speaker 3': 'client' } }));
    expect(e.code).toBe('input.roles');
    expect(e.message).toContain('"Speaker 3"');
    expect(e.message).toContain('Speakers present: "Speaker 1", "Speaker 2"');
    expect(e.message).not.toMatch(/bus|manager/);
  });

  it('reject a value that is not a role', () => {
    const e = errorOf(() =>
      parseTranscript(text, { roles: { 'Speaker 1': 'boss' as unknown as 'client' } }),
    );
    expect(e.code).toBe('input.roles');
    expect(e.hint).toMatch(/clinician, client and other/);
  });

  it('are parsed from a --roles string, accepting role words', () => {
    expect(parseRoleOverrides('Speaker 1=clinician, Speaker 2 = patient;Mom=other')).toEqual({
      'Speaker 1': 'clinician',
      'Speaker 2': 'client',
      Mom: 'other',
    });
    expect(parseRoleOverrides('Speaker 1=therapist')).toEqual({ 'Speaker 1': 'clinician' });
    const e = errorOf(() => parseRoleOverrides('Speaker 1'));
    expect(e.code).toBe('input.roles');
    expect(errorOf(() => parseRoleOverrides('Speaker 1=boss')).code).toBe('input.roles');
    expect(errorOf(() => parseRoleOverrides(' , ')).code).toBe('input.roles');
    expect(errorOf(() => parseRoleOverrides('=client')).hint).toContain('clinician, client, other');
  });
});

describe('couple sessions', () => {
  const roles = (text: string) => parseTranscript(text).speakers.map((s) => [s.label, s.role]);

  it('makes both partners clients when no speaker is labelled client', () => {
    const text = [
      'Therapist: What brings you both in?',
      'Partner A: We keep having the same fight about money.',
      'Partner B: Every month, the same fight.',
    ].join('\n');
    expect(roles(text)).toEqual([
      ['Therapist', 'clinician'],
      ['Partner A', 'client'],
      ['Partner B', 'client'],
    ]);
  });

  it('keeps a partner as other beside a labelled client', () => {
    const text = [
      'Therapist: Thanks for coming in together.',
      'Client: I asked him to come.',
      'Partner: I wanted to help.',
    ].join('\n');
    expect(roles(text)).toEqual([
      ['Therapist', 'clinician'],
      ['Client', 'client'],
      ['Partner', 'other'],
    ]);
  });
});
