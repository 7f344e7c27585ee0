/**
 * Practice settings through the API (real SQLite store): everyone signed in reads them, only an
 * administrator replaces them, bad values are named field by field, reads and changes are audited
 * without content, and a stored record that no longer fits falls back field by field. The
 * practice is on every exported document (PDF header, FHIR custodian), and its co-sign rule
 * decides, at signing, whether a supervisee's note needs the supervisor's co-signature.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AuditEntrySchema,
  DEFAULT_CRISIS_RESOURCES,
  PracticeSettingsSchema,
  ProgressNoteSchema,
} from '../../src/server/domain/schemas.js';
import { US_NPI_SYSTEM } from '../../src/server/export/fhir.js';
import { displayTime } from '../../src/server/export/input.js';
import { pdfText } from '../../src/server/export/test-fixtures.js';
import { PRACTICE_SETTINGS_KEY } from '../../src/server/services/settings.js';
import {
  createClient,
  createSession,
  errorOf,
  read,
  rnd,
  useApi,
  type Caller,
  type Reply,
} from './harness.js';

const SettingsReply = z.object({ settings: PracticeSettingsSchema });
const settingsOf = (r: Reply) => read(SettingsReply, r).settings;

const SPEECH_DEFAULTS = {
  engine: 'pocketsphinx',
  whisperModel: 'ggml-base.en.bin',
  openaiModel: 'whisper-1',
  keepAudio: false,
};

const DEFAULTS = {
  practiceName: 'DocScrib practice',
  timezone: 'UTC',
  requireCosignForSupervisees: true,
  speech: SPEECH_DEFAULTS,
  crisisResources: DEFAULT_CRISIS_RESOURCES,
};

function full() {
  return {
    practiceName: `Harbourview Counselling ${rnd()}`,
    address: '12 Quay Street\nPortland, ME 04101',
    phone: '+1 (207) 555-0134 ext. 12',
    npi: '1234567893',
    timezone: 'America/New_York',
    requireCosignForSupervisees: false,
    speech: { ...SPEECH_DEFAULTS, engine: 'whisper', keepAudio: true },
    crisisResources: {
      heading: 'Help now',
      lines: [{ label: 'Samaritans (UK and Ireland)', contact: 'Call 116 123' }],
      note: '',
    },
  };
}

describe('a practice that never saved its settings', () => {
  const api = useApi();

  it('reads the defaults, whoever asks', async () => {
    for (const role of ['clinician', 'supervisor', 'admin'] as const) {
      const r = await (await api.user(role)).get('/api/settings');
      expect(r.status, role).toBe(200);
      expect(settingsOf(r), role).toEqual(DEFAULTS);
    }
    expect((await api.anon().get('/api/settings')).status).toBe(401);
  });
});

describe('practice settings', () => {
  const api = useApi();

  it('an administrator replaces them; clinicians and supervisors read them', async () => {
    const admin = await api.user('admin');
    const want = full();
    const put = await admin.put('/api/settings', want);
    expect(put.status, put.text).toBe(200);
    expect(settingsOf(put)).toEqual(want);
    for (const role of ['clinician', 'supervisor'] as const) {
      expect(settingsOf(await (await api.user(role)).get('/api/settings')), role).toEqual(want);
    }
  });

  it('a PUT replaces the whole record: absent fields take their defaults, empty ones are cleared', async () => {
    const admin = await api.user('admin');
    expect((await admin.put('/api/settings', full())).status).toBe(200);
    const name = `  Second Practice ${rnd()}  `;
    const r = await admin.put('/api/settings', { practiceName: name, address: '' });
    expect(settingsOf(r)).toEqual({ ...DEFAULTS, practiceName: name.trim() });
    expect(settingsOf(await admin.get('/api/settings'))).toEqual({
      ...DEFAULTS,
      practiceName: name.trim(),
    });
  });

  it('only administrators change them (403), signed in and with the CSRF token', async () => {
    const admin = await api.user('admin');
    const before = settingsOf(await admin.get('/api/settings'));
    for (const role of ['clinician', 'supervisor'] as const) {
      const r = await (await api.user(role)).put('/api/settings', full());
      expect(r.status, role).toBe(403);
      expect(errorOf(r).code).toBe('forbidden');
    }
    expect((await api.anon().put('/api/settings', full())).status).toBe(401);
    const noCsrf = await admin.request('PUT', '/api/settings', full(), { noCsrf: true });
    expect(noCsrf.status).toBe(403);
    expect(errorOf(noCsrf).code).toBe('csrf_failed');
    expect(settingsOf(await admin.get('/api/settings'))).toEqual(before);
  });

  it('keeps the speech engine settings (engine, models, keepAudio) with the rest', async () => {
    const admin = await api.user('admin');
    const speech = {
      engine: 'openai',
      whisperModel: 'ggml-small.en.bin',
      openaiBaseUrl: 'http://127.0.0.1:8080/v1',
      openaiModel: 'Systran/faster-whisper-small',
      keepAudio: true,
    };
    const r = await admin.put('/api/settings', { practiceName: 'Speech Practice', speech });
    expect(settingsOf(r)).toEqual({ ...DEFAULTS, practiceName: 'Speech Practice', speech });
    expect(settingsOf(await admin.get('/api/settings')).speech).toEqual(speech);
    await admin.put('/api/settings', { practiceName: 'Speech Practice' });
    expect(settingsOf(await admin.get('/api/settings')).speech).toEqual(SPEECH_DEFAULTS);
  });

  it('bad values are named field by field, and nothing is saved', async () => {
    const admin = await api.user('admin');
    const before = settingsOf(await admin.get('/api/settings'));
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ npi: '1234567890' }, 'body.npi', /check digit/],
      [{ npi: '123456789' }, 'body.npi', /10 digits/],
      [{ npi: 'ABCDEFGHIJ' }, 'body.npi', /10 digits/],
      [{ timezone: 'Mars/Olympus_Mons' }, 'body.timezone', /IANA time zone/],
      [{ timezone: '+01:00' }, 'body.timezone', /IANA time zone/],
      [{ phone: 'call me' }, 'body.phone', /phone number/],
      [{ practiceName: '   ' }, 'body.practiceName', /empty/],
      [{ practiceName: 'x'.repeat(201) }, 'body.practiceName', /200/],
      [{ address: 'x'.repeat(501) }, 'body.address', /500/],
      [{ requireCosignForSupervisees: 'no' }, 'body.requireCosignForSupervisees', /boolean/],
      [{ practiceName: 'P', logo: 'x' }, 'body.logo', /unknown field/],
      [{ speech: { engine: 'dragon' } }, 'body.speech.engine', /pocketsphinx/],
      [{ speech: { whisperModel: '../x.bin' } }, 'body.speech.whisperModel', /ggml/],
      [{ speech: { openaiBaseUrl: 'ftp://x' } }, 'body.speech.openaiBaseUrl', /./],
      [{ speech: { apiKey: 'sk-1' } }, 'body.speech.apiKey', /unknown field/],
      [
        { speech: { openaiBaseUrl: 'https://user:sk-secret@api.example.com/v1' } },
        'body.speech.openaiBaseUrl',
        /user name or password/,
      ],
      [
        { speech: { openaiBaseUrl: 'https://api.example.com/v1?key=sk-secret' } },
        'body.speech.openaiBaseUrl',
        /query/,
      ],
    ];
    for (const [body, path, message] of cases) {
      const r = await admin.put('/api/settings', body);
      const label = JSON.stringify(body).slice(0, 60);
      expect(r.status, label).toBe(400);
      const e = errorOf(r);
      expect(e.code, label).toBe('validation_failed');
      const issue = e.issues?.find((i) => i.path === path);
      expect(issue?.message, `${label}: ${JSON.stringify(e.issues)}`).toMatch(message);
    }
    expect(settingsOf(await admin.get('/api/settings'))).toEqual(before);
  });

  it('reads and changes are audited with the record type only, never the values', async () => {
    const admin = await api.user('admin');
    const clinician = await api.user('clinician');
    const want = full();
    expect((await admin.put('/api/settings', want)).status).toBe(200);
    expect((await clinician.get('/api/settings')).status).toBe(200);
    const r = await admin.get('/api/audit?limit=1000');
    const entries = read(z.object({ entries: z.array(AuditEntrySchema) }), r).entries;
    const settings = entries.filter((e) => e.recordType === 'settings');
    expect(settings).toContainEqual(
      expect.objectContaining({ actorId: admin.user?.id, action: 'update', recordId: 'practice' }),
    );
    expect(settings).toContainEqual(
      expect.objectContaining({
        actorId: clinician.user?.id,
        action: 'read',
        recordId: 'practice',
      }),
    );
    for (const value of [want.practiceName, want.npi, 'Quay Street']) {
      expect(r.text.includes(value), value).toBe(false);
    }
  });

  it('a stored record that no longer fits keeps its good fields and defaults the rest', async () => {
    const admin = await api.user('admin');
    await api.store().settings.put(
      PRACTICE_SETTINGS_KEY,
      JSON.stringify({
        practiceName: 'Kept Practice',
        npi: '1234567890',
        timezone: 'Nowhere/Atlantis',
        requireCosignForSupervisees: false,
        retired: 'a field an older DocScrib wrote',
      }),
    );
    expect(settingsOf(await admin.get('/api/settings'))).toEqual({
      practiceName: 'Kept Practice',
      timezone: 'UTC',
      requireCosignForSupervisees: false,
      speech: SPEECH_DEFAULTS,
      crisisResources: DEFAULT_CRISIS_RESOURCES,
    });
    await api.store().settings.put(PRACTICE_SETTINGS_KEY, 'not json {');
    expect(settingsOf(await admin.get('/api/settings'))).toEqual(DEFAULTS);
  });
});

const NoteReply = z.object({ note: ProgressNoteSchema });

/** A signed note by `author` (a new client and session); returns its id and co-sign flag. */
async function signedNote(author: Caller): Promise<{ id: string; cosignRequired: boolean }> {
  const client = await createClient(author);
  const { noteId, note } = await createSession(author, client.id);
  const r = await author.post(`/api/notes/${noteId}/sign`, { version: note.version });
  expect(r.status, r.text).toBe(200);
  return { id: noteId, cosignRequired: read(NoteReply, r).note.cosignRequired };
}

describe('the settings where documents are made', () => {
  const api = useApi();

  it('PDF and FHIR exports name the practice, with its contact details and NPI', async () => {
    const admin = await api.user('admin');
    const practice = full();
    expect((await admin.put('/api/settings', practice)).status).toBe(200);
    const clinician = await api.user('clinician');
    const { id } = await signedNote(clinician);

    const pdf = await clinician.get(`/api/notes/${id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.bytes);
    expect(text).toContain(practice.practiceName);
    expect(text).toContain('NPI 1234567893');
    expect(text).toContain('12 Quay Street, Portland, ME 04101');

    const Bundle = z.object({
      entry: z.array(z.object({ fullUrl: z.string(), resource: z.looseObject({}) })),
    });
    const bundle = Bundle.parse(
      JSON.parse((await clinician.get(`/api/notes/${id}/fhir?resource=Composition`)).text),
    );
    const org = bundle.entry.find((e) => e.resource['resourceType'] === 'Organization');
    expect(org?.resource).toMatchObject({
      name: practice.practiceName,
      identifier: [{ system: US_NPI_SYSTEM, value: '1234567893' }],
      telecom: [{ system: 'phone', value: practice.phone }],
    });
    expect(bundle.entry[0]?.resource['custodian']).toEqual({
      reference: org?.fullUrl,
      display: practice.practiceName,
    });

    const docRef = z
      .looseObject({ custodian: z.unknown(), contained: z.array(z.looseObject({})) })
      .parse(
        JSON.parse((await clinician.get(`/api/notes/${id}/fhir?resource=DocumentReference`)).text),
      );
    expect(docRef.custodian).toEqual({ reference: '#practice', display: practice.practiceName });
    expect(docRef.contained).toContainEqual(
      expect.objectContaining({ resourceType: 'Organization', id: 'practice' }),
    );

    // A rename shows on the next export.
    const renamed = `Renamed Practice ${rnd()}`;
    expect((await admin.put('/api/settings', { practiceName: renamed })).status).toBe(200);
    const again = pdfText((await clinician.get(`/api/notes/${id}/pdf`)).bytes);
    expect(again).toContain(renamed);
    expect(again).not.toContain('NPI 1234567893');
  });

  it("shows the document times in the practice's time zone, named (UTC by default)", async () => {
    const admin = await api.user('admin');
    const clinician = await api.user('clinician');
    const { id } = await signedNote(clinician);
    const addendum = await clinician.post(`/api/notes/${id}/addenda`, { text: 'Late entry.' });
    expect(addendum.status, addendum.text).toBe(201);
    const { signedAt } = read(NoteReply, await clinician.get(`/api/notes/${id}`)).note;
    const { createdAt } = read(
      z.object({ addendum: z.object({ createdAt: z.string() }) }),
      addendum,
    ).addendum;
    if (signedAt === null) throw new Error('the note is not signed');
    const TextReply = z.object({
      sections: z.array(z.object({ id: z.string(), text: z.string() })),
    });

    for (const timezone of [undefined, 'Asia/Kolkata', 'America/Chicago']) {
      const settings = {
        practiceName: `Zone Practice ${rnd()}`,
        ...(timezone ? { timezone } : {}),
      };
      expect((await admin.put('/api/settings', settings)).status).toBe(200);
      const zone = timezone ?? 'UTC';
      const pdf = pdfText((await clinician.get(`/api/notes/${id}/pdf`)).bytes);
      expect(pdf, zone).toContain(`on ${displayTime(signedAt, zone)}.`);
      expect(pdf, zone).toContain(`Addendum — ${displayTime(createdAt, zone)} — `);
      expect(displayTime(signedAt, zone)).toContain(`(${zone})`);
      const { sections } = read(TextReply, await clinician.get(`/api/notes/${id}/text`));
      expect(sections.at(-1)?.text, zone).toContain(`Addendum, ${displayTime(createdAt, zone)}, `);
    }
  });

  it("decides at signing whether a supervisee's note needs the co-signature", async () => {
    const admin = await api.user('admin');
    const supervisor = await api.user('supervisor');
    const trainee = await api.user('clinician', { supervisorId: supervisor.user?.id ?? null });

    // Rule off: a supervisee's draft shows no co-sign, and signing needs none.
    expect((await admin.put('/api/settings', { requireCosignForSupervisees: false })).status).toBe(
      200,
    );
    const client = await createClient(trainee);
    const draft = await createSession(trainee, client.id);
    const shown = read(NoteReply, await trainee.get(`/api/notes/${draft.noteId}`)).note;
    expect(shown.cosignRequired).toBe(false);
    const off = await signedNote(trainee);
    expect(off.cosignRequired).toBe(false);
    const refused = await supervisor.post(`/api/notes/${off.id}/cosign`);
    expect(refused.status).toBe(409);
    expect(errorOf(refused).code).toBe('conflict');

    // Rule on: the same draft now shows it; a note signed now needs it; the earlier one keeps
    // what was decided when it was signed.
    expect((await admin.put('/api/settings', { requireCosignForSupervisees: true })).status).toBe(
      200,
    );
    expect(
      read(NoteReply, await trainee.get(`/api/notes/${draft.noteId}`)).note.cosignRequired,
    ).toBe(true);
    const on = await signedNote(trainee);
    expect(on.cosignRequired).toBe(true);
    expect((await supervisor.post(`/api/notes/${on.id}/cosign`)).status).toBe(200);
    expect(read(NoteReply, await trainee.get(`/api/notes/${off.id}`)).note.cosignRequired).toBe(
      false,
    );

    // Clinicians without a supervisor never need one, whatever the rule.
    expect((await signedNote(await api.user('clinician'))).cosignRequired).toBe(false);
  });

  it("answers a new session's draft with the same co-sign decision as reading it", async () => {
    const admin = await api.user('admin');
    const supervisor = await api.user('supervisor');
    const trainee = await api.user('clinician', { supervisorId: supervisor.user?.id ?? null });
    const client = await createClient(trainee);

    for (const rule of [false, true]) {
      const put = await admin.put('/api/settings', { requireCosignForSupervisees: rule });
      expect(put.status).toBe(200);
      const { noteId, note } = await createSession(trainee, client.id);
      expect(note.cosignRequired, `POST with the rule ${rule ? 'on' : 'off'}`).toBe(rule);
      const shown = read(NoteReply, await trainee.get(`/api/notes/${noteId}`)).note;
      expect(shown.cosignRequired, `GET with the rule ${rule ? 'on' : 'off'}`).toBe(rule);
    }
  });
});
