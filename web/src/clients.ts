/** Client records in the web app: search matching and the profile form's draft ↔ profile. Pure. */
import { splitList } from './format';
import type { Client, ClientProfile } from './types';

/** What the search box matches: name, identifiers, diagnoses, presenting concerns. */
export function clientMatches(client: Client, query: string): boolean {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return true;
  const p = client.profile;
  const hay = [
    p.name,
    p.dateOfBirth ?? '',
    ...p.identifiers.map((i) => `${i.system} ${i.value}`),
    ...p.diagnoses.map((d) => `${d.code ?? ''} ${d.description}`),
    ...p.presentingConcerns,
  ]
    .join(' ')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

export const EMPTY_PROFILE: ClientProfile = {
  name: '',
  dateOfBirth: null,
  identifiers: [],
  diagnoses: [],
  presentingConcerns: [],
  preferences: '',
  culturalConsiderations: '',
};

export interface ClientDraft {
  name: string;
  dateOfBirth: string;
  identifiers: { system: string; value: string }[];
  diagnoses: { code: string; description: string }[];
  concerns: string;
  preferences: string;
  culturalConsiderations: string;
}

export function toDraft(p: ClientProfile): ClientDraft {
  return {
    name: p.name,
    dateOfBirth: p.dateOfBirth ?? '',
    identifiers: p.identifiers.map((i) => ({ ...i })),
    diagnoses: p.diagnoses.map((d) => ({ code: d.code ?? '', description: d.description })),
    concerns: p.presentingConcerns.join('\n'),
    preferences: p.preferences,
    culturalConsiderations: p.culturalConsiderations,
  };
}

/** The profile to send, and what is missing in words (empty when it is complete). */
export function toProfile(d: ClientDraft): { profile: ClientProfile; problems: string[] } {
  const problems: string[] = [];
  if (d.name.trim() === '') problems.push('Name: enter the client’s name.');
  const identifiers: ClientProfile['identifiers'] = [];
  d.identifiers.forEach((i, n) => {
    const system = i.system.trim();
    const value = i.value.trim();
    if (system === '' && value === '') return;
    if (system === '' || value === '') {
      problems.push(`Identifier ${n + 1}: give both the kind (e.g. MRN) and the value.`);
    }
    identifiers.push({ system, value });
  });
  const diagnoses: ClientProfile['diagnoses'] = [];
  d.diagnoses.forEach((x, n) => {
    const code = x.code.trim();
    const description = x.description.trim();
    if (code === '' && description === '') return;
    if (description === '') {
      problems.push(`Diagnosis ${n + 1}: add a description (the code alone is not enough).`);
    }
    diagnoses.push({ code: code === '' ? null : code, description });
  });
  return {
    problems,
    profile: {
      name: d.name.trim(),
      dateOfBirth: d.dateOfBirth === '' ? null : d.dateOfBirth,
      identifiers,
      diagnoses,
      presentingConcerns: splitList(d.concerns),
      preferences: d.preferences.trim(),
      culturalConsiderations: d.culturalConsiderations.trim(),
    },
  };
}
