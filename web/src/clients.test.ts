import { describe, expect, it } from 'vitest';
import { clientMatches, EMPTY_PROFILE, toDraft, toProfile } from './clients';
import type { Client, ClientProfile } from './types';

const rnd = () => Math.random().toString(36).slice(2, 10);

function client(profile: Partial<ClientProfile>): Client {
  return {
    id: `c${rnd()}xxxxxx`,
    clinicianId: `u${rnd()}xxxxxx`,
    profile: { ...EMPTY_PROFILE, ...profile },
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('clientMatches', () => {
  const c = client({
    name: 'Jordan Example',
    identifiers: [{ system: 'MRN', value: '12345' }],
    diagnoses: [{ code: 'F43.10', description: 'Post-traumatic stress disorder' }],
    presentingConcerns: ['trauma', 'sleep'],
  });

  it('matches every word, in any field, ignoring case', () => {
    expect(clientMatches(c, '')).toBe(true);
    expect(clientMatches(c, '  jordan ')).toBe(true);
    expect(clientMatches(c, 'f43 sleep')).toBe(true);
    expect(clientMatches(c, 'mrn 12345')).toBe(true);
    expect(clientMatches(c, 'jordan anxiety')).toBe(false);
    expect(clientMatches(c, 'smith')).toBe(false);
  });
});

describe('client form', () => {
  it('round-trips a profile through the form draft', () => {
    const p: ClientProfile = {
      name: `Name ${rnd()}`,
      dateOfBirth: '1990-04-12',
      identifiers: [{ system: 'MRN', value: rnd() }],
      diagnoses: [
        { code: 'F41.1', description: 'Generalized anxiety disorder' },
        { code: null, description: 'Insomnia' },
      ],
      presentingConcerns: ['anxiety', 'sleep'],
      preferences: 'Prefers mornings',
      culturalConsiderations: '',
    };
    expect(toProfile(toDraft(p))).toEqual({ profile: p, problems: [] });
  });

  it('trims, drops empty rows and says what is missing', () => {
    const d = toDraft(EMPTY_PROFILE);
    const { profile, problems } = toProfile({
      ...d,
      name: '  ',
      dateOfBirth: '',
      identifiers: [
        { system: '', value: '' },
        { system: 'MRN', value: '' },
      ],
      diagnoses: [{ code: 'F32.1', description: ' ' }],
      concerns: 'anxiety,\n\n depression , anxiety',
    });
    expect(problems).toEqual([
      'Name: enter the client’s name.',
      'Identifier 2: give both the kind (e.g. MRN) and the value.',
      'Diagnosis 1: add a description (the code alone is not enough).',
    ]);
    expect(profile.dateOfBirth).toBeNull();
    expect(profile.presentingConcerns).toEqual(['anxiety', 'depression']);
  });
});
