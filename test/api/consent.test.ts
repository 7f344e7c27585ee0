/**
 * Informed-consent records through the API (issue 5): the kinds and their intervention field,
 * listing, withdrawal (once), what counts as on file for a session (`consentsOnFile`), access
 * per role, audit entries, and the content sealed at rest.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConsentRecordSchema } from '../../src/server/domain/schemas.js';
import { consentsOnFile } from '../../src/server/services/consents.js';
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

  it('consentsOnFile: agreed, dated on or before the day, not withdrawn by then', async () => {
    const clin = await api.user('clinician');
    const { id } = await createClient(clin);
    const early = await record(clin, id, interventionConsent('exposure.in_vivo', '2026-03-01'));
    const later = await record(
      clin,
      id,
      interventionConsent('trauma.cognitive_processing', '2026-03-10'),
    );
    await record(clin, id, {
      ...interventionConsent('exposure.imaginal', '2026-03-01'),
      decision: 'declined',
    });
    const rec = await record(clin, id, recordingConsent('2026-03-01'));
    const ids = async (day: string) =>
      (await consentsOnFile(api.store(), id, day)).map((c) => c.id).sort();

    expect(await ids('2026-02-28')).toEqual([]);
    expect(await ids('2026-03-01')).toEqual([early.id, rec.id].sort());
    expect(await ids('2026-03-10')).toEqual([early.id, later.id, rec.id].sort());

    expect((await clin.post(`/api/consents/${rec.id}/withdraw`)).status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    // Withdrawn today: it no longer counts from today, but it covered the sessions before.
    expect(await ids(today)).toEqual([early.id, later.id].sort());
    expect(await ids('2026-03-10')).toEqual(
      today > '2026-03-10' ? [early.id, later.id, rec.id].sort() : [early.id, later.id].sort(),
    );
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
