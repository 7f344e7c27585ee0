/**
 * Informed-consent records through the API (issue 5): the kinds and their intervention field,
 * listing, withdrawal (once), what the note review reads as on file (`consentsForReview`), no
 * consent dated in the future, access per role, audit entries, and the content sealed at rest.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConsentRecordSchema } from '../../src/server/domain/schemas.js';
import { consentsForReview } from '../../src/server/services/consents.js';
import { interventionConsent, recordingConsent } from './care-helpers.js';
import { createClient, errorOf, read, rnd, useApi, type Caller } from './harness.js';

const api = useApi();

const ConsentReply = z.object({ consent: ConsentRecordSchema });
const ConsentsReply = z.object({ consents: z.array(ConsentRecordSchema) });

async function record(as: Caller, clientId: string, body: unknown) {
  const r = await as.post(`/api/clients/${clientId}/consents`, body);
  expect(r.status, r.text).toBe(201);
  return read(ConsentReply, r).consent;
}

describe('consent kinds', () => {
  it('records consent to an intervention, to recording and to treatment', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const exposure = await record(clin, id, interventionConsent('exposure.in_vivo'));
    expect(exposure).toMatchObject({
      clientId: id,
      kind: 'intervention',
      interventionId: 'exposure.in_vivo',
      decision: 'agreed',
      date: '2026-03-01',
      recordedBy: clin.user?.id,
      withdrawnAt: null,
    });
    const rec = await record(clin, id, recordingConsent());
    expect(rec.interventionId).toBeNull();
    const treatment = await record(clin, id, {
      ...recordingConsent('2026-02-20'),
      kind: 'treatment',
      decision: 'declined',
    });
    expect(treatment.decision).toBe('declined');
    // An intervention that does not call for informed consent may still have one on file.
    const cbt = await record(clin, id, interventionConsent('cbt.cognitive_restructuring'));
    expect(cbt.interventionId).toBe('cbt.cognitive_restructuring');

    const list = read(ConsentsReply, await clin.get(`/api/clients/${id}/consents`)).consents;
    expect(list.map((c) => c.id)).toEqual([cbt.id, treatment.id, rec.id, exposure.id]);
  });

  it('kind intervention needs a catalogue id; the other kinds take none', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const cases: [unknown, string][] = [
      [
        { ...interventionConsent(), interventionId: null },
        'is needed for a consent to an intervention',
      ],
      [interventionConsent('exposure.made_up_thing'), 'is not an intervention of the catalogue'],
      [
        { ...recordingConsent(), interventionId: 'exposure.in_vivo' },
        'must be null for a consent of kind recording',
      ],
      [
        { ...recordingConsent(), kind: 'treatment', interventionId: 'exposure.in_vivo' },
        'must be null for a consent of kind treatment',
      ],
    ];
    for (const [body, message] of cases) {
      const r = await clin.post(`/api/clients/${id}/consents`, body);
      expect(r.status).toBe(400);
      const e = errorOf(r);
      expect(e.issues?.map((i) => i.path)).toEqual(['body.interventionId']);
      expect(e.issues?.[0]?.message).toMatch(message);
      expect(r.text).not.toContain('made_up_thing');
    }
    expect(read(ConsentsReply, await clin.get(`/api/clients/${id}/consents`)).consents).toEqual([]);
  });
});

describe('withdrawal and what is on file', () => {
  it('withdraws once; a second withdrawal is a conflict', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const c = await record(clin, id, interventionConsent());
    const w = await clin.post(`/api/consents/${c.id}/withdraw`);
    expect(w.status).toBe(200);
    const withdrawn = read(ConsentReply, w).consent;
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect({ ...withdrawn, withdrawnAt: null }).toEqual(c);
    const again = await clin.post(`/api/consents/${c.id}/withdraw`);
    expect(again.status).toBe(409);
    expect(errorOf(again).message).toBe('This consent was already withdrawn.');
    const listed = read(ConsentsReply, await clin.get(`/api/clients/${id}/consents`)).consents;
    expect(listed[0]?.withdrawnAt).toBe(withdrawn.withdrawnAt);
  });

  it('consentsForReview: a later decline overrides an agreement; a withdrawal counts from its local date', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const store = api.store();
    const agreed = await record(clin, id, interventionConsent('exposure.in_vivo', '2026-03-01'));
    await record(clin, id, {
      ...interventionConsent('exposure.in_vivo', '2026-03-05'),
      decision: 'declined',
    });
    const rec = await record(clin, id, recordingConsent('2026-03-01'));
    const onFile = (day: string, zone = 'UTC') => consentsForReview(store, id, day, zone);

    expect(await onFile('2026-02-28')).toEqual([]);
    expect(await onFile('2026-03-01')).toEqual([
      {
        interventionId: 'exposure.in_vivo',
        kind: 'intervention',
        decision: 'agreed',
        date: '2026-03-01',
      },
      { interventionId: null, kind: 'recording', decision: 'agreed', date: '2026-03-01' },
    ]);
    // The decline of the 5th comes after the agreement: the rule reads the last one.
    expect((await onFile('2026-03-05')).map((c) => `${c.kind}:${c.decision}:${c.date}`)).toEqual([
      'intervention:agreed:2026-03-01',
      'recording:agreed:2026-03-01',
      'intervention:declined:2026-03-05',
    ]);
    expect(agreed.withdrawnAt).toBeNull();

    // Withdrawn at 2026-03-11T00:30Z: still the 10th in Los Angeles, the 11th in Tokyo.
    const w = await store.consents.withdraw(rec.id, '2026-03-11T00:30:00.000Z');
    expect(w.ok).toBe(true);
    const recording = async (day: string, zone: string) =>
      (await onFile(day, zone)).filter((c) => c.kind === 'recording').map((c) => c.decision);
    // A session before the withdrawal's local date was still covered.
    expect(await recording('2026-03-09', 'America/Los_Angeles')).toEqual(['agreed']);
    expect(await recording('2026-03-10', 'Asia/Tokyo')).toEqual(['agreed']);
    // On and after it: declined from that day.
    expect(await recording('2026-03-10', 'America/Los_Angeles')).toEqual(['agreed', 'declined']);
    expect(await recording('2026-03-11', 'Asia/Tokyo')).toEqual(['agreed', 'declined']);
    expect((await onFile('2026-03-10', 'America/Los_Angeles')).at(-1)).toEqual({
      interventionId: null,
      kind: 'recording',
      decision: 'declined',
      date: '2026-03-10',
    });
  });

  it('refuses a consent dated after the practice-local today', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const tomorrow = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const r = await clin.post(`/api/clients/${id}/consents`, recordingConsent(tomorrow));
    expect(r.status).toBe(400);
    expect(errorOf(r).issues?.map((i) => i.path)).toEqual(['body.date']);
    expect(errorOf(r).issues?.[0]?.message).toMatch(/must not be in the future/);
    expect(read(ConsentsReply, await clin.get(`/api/clients/${id}/consents`)).consents).toEqual([]);
  });
});

describe('who may do what', () => {
  it('owner records and withdraws; the supervisor reads; other clinicians see nothing; admins are refused', async () => {
    const sup = await api.user('supervisor');
    const owner = await api.user('clinician', { supervisorId: sup.user?.id ?? null });
    const other = await api.user('clinician');
    const admin = await api.user('admin');
    const { id } = await createClient(owner);
    const c = await record(owner, id, interventionConsent());

    expect(read(ConsentsReply, await sup.get(`/api/clients/${id}/consents`)).consents).toHaveLength(
      1,
    );
    expect((await sup.post(`/api/clients/${id}/consents`, recordingConsent())).status).toBe(403);
    const supW = await sup.post(`/api/consents/${c.id}/withdraw`);
    expect(supW.status).toBe(403);
    expect(errorOf(supW).message).toBe('Only the clinician who owns this client may change it.');

    expect((await other.get(`/api/clients/${id}/consents`)).status).toBe(404);
    expect((await other.post(`/api/clients/${id}/consents`, recordingConsent())).status).toBe(404);
    const hidden = await other.post(`/api/consents/${c.id}/withdraw`);
    const absent = await other.post(
      `/api/consents/${randomBytes(16).toString('base64url')}/withdraw`,
    );
    expect(hidden.status).toBe(404);
    expect(hidden.text).toBe(absent.text);
    expect(errorOf(hidden).message).toBe('No such consent record.');

    expect((await admin.get(`/api/clients/${id}/consents`)).status).toBe(403);
    expect((await admin.post(`/api/consents/${c.id}/withdraw`)).status).toBe(403);

    const after = read(ConsentsReply, await owner.get(`/api/clients/${id}/consents`)).consents;
    expect(after.map((x) => x.withdrawnAt)).toEqual([null]);
  });
});

describe('audit and encryption at rest', () => {
  it('audits create, read and withdrawal with ids only', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const notes = `Discussed the ladder with Perpetua ${rnd()}`;
    const c = await record(clin, id, interventionConsent('exposure.in_vivo', '2026-03-01', notes));
    await clin.get(`/api/clients/${id}/consents`);
    await clin.post(`/api/consents/${c.id}/withdraw`);
    const entries = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.actorId === clin.user?.id && e.recordType === 'consent',
    );
    expect(entries.map((e) => [e.action, e.recordId])).toEqual([
      ['create', c.id],
      ['read', c.id],
      ['update', c.id],
    ]);
    expect(JSON.stringify(entries)).not.toContain('Perpetua');
  });

  it('keeps what was discussed, the intervention and the date sealed', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const mark = `Xylograph${rnd()}`;
    const c = await record(
      clin,
      id,
      interventionConsent('trauma.cognitive_processing', '2026-04-17', mark),
    );
    const db = new Database(api.dbPath(), { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT * FROM consents WHERE id = ?').get(c.id);
      const text = JSON.stringify(row);
      expect(text).toContain(id);
      for (const needle of [mark, 'trauma.cognitive_processing', '2026-04-17', 'agreed']) {
        expect(text.includes(needle), needle).toBe(false);
      }
    } finally {
      db.close();
    }
  });
});
