/**
 * A drafted note gets the client's outcome measures (up to the session date) as statements from
 * the record, and its review gets the client's consent records on file (issue 5, F9 / consent).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RECORD_LABEL, type Note, type NoteSentence } from '../../src/core/index.js';
import { ProgressNoteSchema } from '../../src/server/domain/schemas.js';
import { PRACTICE_SETTINGS_KEY } from '../../src/server/services/settings.js';
import { interventionConsent, signablePlan } from './care-helpers.js';
import {
  createClient,
  createSession,
  errorOf,
  example,
  read,
  useApi,
  type Caller,
} from './harness.js';

const api = useApi();

/** The practice's time zone (settings are practice-wide: put back after each test). */
async function practiceZone(timezone: string): Promise<void> {
  await api.store().settings.put(PRACTICE_SETTINGS_KEY, JSON.stringify({ timezone }));
}
afterEach(async () => {
  await api.store().settings.put(PRACTICE_SETTINGS_KEY, JSON.stringify({}));
});

function records(body: Note): NoteSentence[] {
  return body.sections.flatMap((s) => s.sentences.filter((x) => x.kind === 'record'));
}

async function enter(
  as: Caller,
  clientId: string,
  answers: number[],
  at: string,
  instrument = 'gad7',
): Promise<string> {
  const r = await as.post(`/api/clients/${clientId}/measures`, {
    instrument,
    answers,
    administeredAt: at,
  });
  expect(r.status, r.text).toBe(201);
  return read(z.object({ administration: z.object({ id: z.string() }) }), r).administration.id;
}

/** The exposure example without its consent discussion (the rest of the session unchanged). */
const exposureWithoutConsent = example('exposure-session.vtt').replace(
  /You're in charge of the pace, nothing happens without your okay, and you can stop at any point\. How does that sound\?/,
  '',
);

describe('drafted notes and outcome measures', () => {
  it('states the GAD-7 outcome up to the session date, tied to the plan objective', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    expect((await clin.put(`/api/clients/${client.id}/plan`, signablePlan())).status).toBe(200);
    const first = await enter(clin, client.id, [2, 2, 2, 2, 2, 2, 2], '2025-01-10T09:00:00Z');
    const second = await enter(clin, client.id, [1, 1, 1, 1, 1, 1, 0], '2025-02-20T09:00:00Z');
    // After the session (2025-03-04): not part of this note.
    await enter(clin, client.id, [3, 3, 3, 3, 3, 3, 3], '2025-03-10T09:00:00Z');

    const { note } = await createSession(clin, client.id);
    const [r, ...more] = records(note.body);
    expect(more).toEqual([]);
    expect(r?.text).toMatch(
      /^GAD-7 6 \(mild\) on 2025-02-20; since baseline 14 \(moderate\) on 2025-01-10: −8 points, reliable improvement/,
    );
    expect(r?.text).toContain('objective O1 "GAD-7 below 10 by the 12-week review"');
    expect(r?.source).toEqual({
      kind: 'outcome_measures',
      instrument: 'gad7',
      administrationIds: [first, second],
    });
    expect(note.body.sections.find((s) => s.sentences.includes(r as NoteSentence))?.id).toBe(
      'assessment',
    );
    const text = await clin.get(`/api/notes/${note.id}/text`);
    expect(text.status).toBe(200);
    expect(text.text).toContain(RECORD_LABEL);

    // The statement cannot be altered through the API (it would read as a score on record).
    const body = structuredClone(note.body);
    const section = body.sections.find((s) => s.id === 'assessment');
    const at = section?.sentences.findIndex((s) => s.kind === 'record') ?? -1;
    if (section && at >= 0 && section.sentences[at]) {
      section.sentences[at] = {
        ...section.sentences[at],
        text: 'GAD-7 2 (minimal) on 2025-02-20.',
      };
    }
    const put = await clin.put(`/api/notes/${note.id}`, { body, version: note.version });
    expect(put.status).toBe(400);
    expect(JSON.stringify(errorOf(put))).toContain("statement from the client's record");
    // Removing it is allowed.
    const without = structuredClone(note.body);
    for (const s of without.sections) s.sentences = s.sentences.filter((x) => x.kind !== 'record');
    const removed = await clin.put(`/api/notes/${note.id}`, {
      body: without,
      version: note.version,
    });
    expect(removed.status, removed.text).toBe(200);
  });

  it('a client without measures gets no statement from the record', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const { note } = await createSession(clin, client.id);
    expect(records(note.body)).toEqual([]);
  });
});

describe('the review of a drafted note and consent on file', () => {
  const consentFindings = (note: z.output<typeof ProgressNoteSchema>) =>
    note.review.filter((f) => f.ruleId === 'informed-consent');

  it('exposure without consent in session: an error until consent is on file', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const before = await createSession(clin, client.id, exposureWithoutConsent);
    expect(consentFindings(before.note)).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringContaining(
          'no informed consent on file or discussed in session',
        ) as string,
      }),
    ]);

    const c = await clin.post(
      `/api/clients/${client.id}/consents`,
      interventionConsent('exposure.in_vivo', '2025-02-01'),
    );
    expect(c.status, c.text).toBe(201);
    const after = await createSession(clin, client.id, exposureWithoutConsent);
    expect(consentFindings(after.note)).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('informed consent on file (agreed 2025-02-01)') as string,
      }),
    ]);

    // Re-reviewed on save with the same records.
    const saved = await clin.put(`/api/notes/${after.note.id}`, {
      body: after.note.body,
      version: after.note.version,
    });
    expect(saved.status, saved.text).toBe(200);
    const note = read(z.object({ note: ProgressNoteSchema }), saved).note;
    expect(consentFindings(note).map((f) => f.severity)).toEqual(['info']);
  });
});

describe('the session date is the practice-local date', () => {
  // The session is on 2025-03-04 (harness details()). 23:30Z and 00:30Z around it:
  // 2025-03-04T23:30Z = 15:30 on the 4th in Los Angeles, 08:30 on the 5th in Tokyo;
  // 2025-03-05T00:30Z = 16:30 on the 4th in Los Angeles, 09:30 on the 5th in Tokyo;
  // 2025-03-03T23:30Z = the 3rd in Los Angeles, 08:30 on the 4th in Tokyo.
  const seven = (n: number) => [n, n, n, n, n, n, n];

  it('Los Angeles: a measure at 00:30Z the next day (UTC) is still the session day', async () => {
    await practiceZone('America/Los_Angeles');
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    await enter(clin, client.id, seven(2), '2025-03-04T23:30:00Z');
    const latest = await enter(clin, client.id, seven(1), '2025-03-05T00:30:00Z');
    await enter(clin, client.id, seven(3), '2025-03-05T08:30:00Z'); // 00:30 on the 5th in LA
    const { note } = await createSession(clin, client.id);
    const [r] = records(note.body);
    expect(r?.text).toMatch(
      /^GAD-7 7 \(mild\) on 2025-03-04; since baseline 14 \(moderate\) on 2025-03-04/,
    );
    expect(r?.source?.administrationIds).toContain(latest);
  });

  it('Tokyo: a measure at 23:30Z the day before (UTC) counts, one at 23:30Z on the day does not', async () => {
    await practiceZone('Asia/Tokyo');
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    await enter(clin, client.id, seven(2), '2025-03-03T23:30:00Z');
    await enter(clin, client.id, seven(3), '2025-03-04T23:30:00Z'); // the 5th in Tokyo
    const { note } = await createSession(clin, client.id);
    const [r, ...more] = records(note.body);
    expect(more).toEqual([]);
    expect(r?.text).toMatch(/^GAD-7 14 \(moderate\) on 2025-03-04 \(the only valid score so far/);
  });
});

describe('a positive PHQ-9 item 9 reaches the note and its review', () => {
  it('the record says so (nothing else of the answer) and the review asks for risk follow-up', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    await enter(clin, client.id, [1, 1, 1, 1, 1, 1, 1, 1, 2], '2025-03-01T09:00:00Z', 'phq9');
    const { note } = await createSession(clin, client.id);
    const [r] = records(note.body);
    expect(r?.text).toMatch(/ PHQ-9 item 9 was answered above 0 on 2025-03-01\.$/);
    expect(r?.text).not.toMatch(/item 9[^.]*\b2\b/);
    const risk = note.review.filter((f) => f.ruleId === 'risk-follow-up');
    expect(risk).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringContaining('PHQ-9 item 9 (2025-03-01)') as string,
      }),
    ]);
    // Re-reviewed on save with the same records.
    const saved = await clin.put(`/api/notes/${note.id}`, {
      body: note.body,
      version: note.version,
    });
    expect(saved.status, saved.text).toBe(200);
    const again = read(z.object({ note: ProgressNoteSchema }), saved).note;
    expect(again.review.filter((f) => f.ruleId === 'risk-follow-up')).toHaveLength(1);

    // A later administration without the alert: no longer the latest picture.
    await enter(clin, client.id, [1, 1, 1, 1, 1, 1, 1, 1, 0], '2025-03-03T09:00:00Z', 'phq9');
    const next = await createSession(clin, client.id);
    expect(records(next.note.body)[0]?.text).not.toContain('item 9');
    expect(next.note.review.filter((f) => f.ruleId === 'risk-follow-up')).toEqual([]);
  });
});
