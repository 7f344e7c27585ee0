import { describe, expect, it } from 'vitest';
import {
  currentPracticeName,
  onPracticeName,
  setPracticeName,
  settingsIssues,
  toSettingsBody,
  toSettingsDraft,
  type SettingsDraft,
} from './settings';

const rnd = () => Math.random().toString(36).slice(2, 10);

/** A practice's speech settings (not on this form: carried through untouched). */
const SPEECH = {
  engine: 'whisper',
  whisperModel: 'ggml-small.en.bin',
  openaiModel: 'whisper-1',
  keepAudio: true,
} as const;

/** The practice's crisis resources (as the API default: three US lines). */
const CRISIS = {
  heading: 'If you are thinking about harming yourself, help is available now',
  lines: [
    { label: 'In immediate danger', contact: 'Call 911' },
    { label: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988' },
  ],
  note: 'Your clinician has been told.',
};

function draft(over: Partial<SettingsDraft> = {}): SettingsDraft {
  return {
    practiceName: `Harbourview ${rnd()}`,
    address: '',
    phone: '',
    npi: '',
    timezone: 'UTC',
    requireCosignForSupervisees: true,
    speech: SPEECH,
    crisisResources: structuredClone(CRISIS),
    ...over,
  };
}

describe('settings form ↔ API body', () => {
  it('leaves empty optional fields out, so saving clears them', () => {
    const d = draft({ address: ' \n  ', phone: '   ', npi: '' });
    expect(toSettingsBody(d)).toEqual({
      practiceName: d.practiceName,
      timezone: 'UTC',
      requireCosignForSupervisees: true,
      speech: SPEECH,
      crisisResources: CRISIS,
    });
  });

  it('trims texts, drops blank address lines and spaces or dashes in the NPI', () => {
    const body = toSettingsBody(
      draft({
        practiceName: '  Quay Practice ',
        address: ' 12 Quay Street \n\n Portland, ME ',
        phone: ' +1 207 555 0134 ',
        npi: '123 456-7893',
        timezone: ' America/New_York ',
        requireCosignForSupervisees: false,
      }),
    );
    expect(body).toEqual({
      practiceName: 'Quay Practice',
      address: '12 Quay Street\nPortland, ME',
      phone: '+1 207 555 0134',
      npi: '1234567893',
      timezone: 'America/New_York',
      requireCosignForSupervisees: false,
      speech: SPEECH,
      crisisResources: CRISIS,
    });
  });

  it('trims the crisis resources and keeps blank lines, so issues of line N are about line N', () => {
    const body = toSettingsBody(
      draft({
        crisisResources: {
          heading: '  Help now ',
          lines: [
            { label: ' ', contact: '' },
            { label: ' Samaritans ', contact: ' Call 116 123 ' },
          ],
          note: ' Tell someone. ',
        },
      }),
    );
    expect(body.crisisResources).toEqual({
      heading: 'Help now',
      lines: [
        { label: '', contact: '' },
        { label: 'Samaritans', contact: 'Call 116 123' },
      ],
      note: 'Tell someone.',
    });
  });

  it('round-trips saved settings through the form', () => {
    const saved = {
      practiceName: `P ${rnd()}`,
      address: 'Line 1\nLine 2',
      phone: '555 0100',
      npi: '1234567893',
      timezone: 'Europe/Dublin',
      requireCosignForSupervisees: false,
      speech: SPEECH,
      crisisResources: CRISIS,
    };
    expect(toSettingsBody(toSettingsDraft(saved))).toEqual(saved);
    // The draft is a copy: editing it leaves the saved settings alone.
    const d = toSettingsDraft(saved);
    d.crisisResources.lines[0] = { label: 'x', contact: 'y' };
    expect(saved.crisisResources.lines[0]?.label).toBe('In immediate danger');
    expect(toSettingsDraft({ ...saved, address: undefined }).address).toBe('');
  });
});

describe('settingsIssues', () => {
  it("puts the API's messages on their fields, as sentences, first one per field", () => {
    const { fields, other } = settingsIssues([
      { path: 'body.npi', message: 'is not a valid NPI (its check digit does not match)' },
      { path: 'body.npi', message: 'must be 10 digits' },
      { path: 'body.timezone', message: 'must be an IANA time zone name such as UTC.' },
      {
        path: 'body.crisisResources.lines[1].contact',
        message: 'Too small: expected string to have >=1 characters',
      },
      { path: 'body.crisisResources.lines.0.label', message: 'too long' },
      { path: 'body.crisisResources.heading', message: 'too long' },
      { path: 'body.crisisResources.lines', message: 'at most 10' },
      { path: 'body.crisisResources.lines.1.phone', message: 'unknown field' },
      { path: 'body.logo', message: 'unknown field' },
      { path: 'body', message: 'expected an object' },
    ]);
    expect(fields).toEqual({
      npi: 'Is not a valid NPI (its check digit does not match).',
      timezone: 'Must be an IANA time zone name such as UTC.',
      'crisisResources.lines.1.contact': 'Must not be empty.',
      'crisisResources.lines.0.label': 'Too long.',
      'crisisResources.heading': 'Too long.',
      'crisisResources.lines': 'At most 10.',
    });
    expect(other).toEqual(['unknown field', 'unknown field', 'expected an object']);
  });
});

describe('the practice name in the header', () => {
  it('tells its listeners when it changes, and not when it stays', () => {
    const seen: (string | null)[] = [];
    const off = onPracticeName((n) => seen.push(n));
    const name = `Practice ${rnd()}`;
    setPracticeName(name);
    setPracticeName(name);
    expect(currentPracticeName()).toBe(name);
    off();
    setPracticeName(null);
    expect(seen).toEqual([name]);
    expect(currentPracticeName()).toBeNull();
  });
});
