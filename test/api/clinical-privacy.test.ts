/**
 * Privacy through the API: exports of signed notes (text, PDF, FHIR), process notes visible only
 * to their author and absent from every other response and export, audit entries for reads and
 * writes holding ids only, and encryption at rest (the raw database holds no clinical text).
 */
import { readFileSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProcessNoteSchema, ProgressNoteSchema } from '../../src/server/domain/schemas.js';
import { validateFhir } from '../../src/server/export/fhir-validate.js';
import { pdfText } from '../../src/server/export/test-fixtures.js';
import { createClient, createSession, errorOf, example, read, rnd, useApi } from './harness.js';

const api = useApi();

/** Every base64 `data` field of a FHIR resource, decoded (text as UTF-8, PDF as latin1). */
function attachmentsOf(json: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o['data'] === 'string') {
        const bytes = Buffer.from(o['data'], 'base64');
        out.push(
          bytes.subarray(0, 5).toString('latin1') === '%PDF-'
            ? bytes.toString('latin1')
            : bytes.toString('utf8'),
        );
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(json);
  return out;
}

const ProcessNoteReply = z.object({ processNote: ProcessNoteSchema });

/** Distinctive words from the example transcript (it is about a manager named Odile). */
const TRANSCRIPT_WORDS = ['Odile', 'release bug', 'stand-up on Tuesday'];

describe('exports', () => {
  it('gives copy-ready text and a PDF of a draft, and FHIR only once signed', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const { note } = await createSession(clin, client.id);

    const text = await clin.get(`/api/notes/${note.id}/text`);
    expect(text.status).toBe(200);
    const sections = read(
      z.object({
        sections: z.array(z.object({ id: z.string(), heading: z.string(), text: z.string() })),
      }),
      text,
    ).sections;
    expect(sections.map((s) => s.id).slice(0, 4)).toEqual(
      note.body.sections.map((s) => s.id).slice(0, 4),
    );
    expect(sections.every((s) => !s.text.includes('<') && !s.text.includes('**'))).toBe(true);

    const pdf = await clin.get(`/api/notes/${note.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(
      /^attachment; filename="progress-note-[\w-]+\.pdf"$/,
    );
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    expect(pdf.headers.get('content-disposition')).not.toContain(client.profile.name);

    const draftFhir = await clin.get(`/api/notes/${note.id}/fhir`);
    expect(draftFhir.status).toBe(409);
    expect(errorOf(draftFhir).code).toBe('conflict');

    expect((await clin.post(`/api/notes/${note.id}/sign`, { version: note.version })).status).toBe(
      200,
    );
    for (const resource of ['Composition', 'DocumentReference'] as const) {
      const r = await clin.get(`/api/notes/${note.id}/fhir?resource=${resource}`);
      expect(r.status, r.text.slice(0, 300)).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
      const check = validateFhir(r.json);
      expect(check.errors).toEqual([]);
      const doc = r.json as {
        resourceType?: string;
        type?: string;
        entry?: { resource: { resourceType: string } }[];
      };
      if (resource === 'Composition') {
        expect(doc.resourceType).toBe('Bundle');
        expect(doc.type).toBe('document');
        expect(doc.entry?.[0]?.resource.resourceType).toBe('Composition');
      } else {
        expect(doc.resourceType).toBe('DocumentReference');
      }
    }
    const bad = await clin.get(`/api/notes/${note.id}/fhir?resource=Patient`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues?.[0]?.path).toBe('query.resource');
  });

  it('exports are for the owner: the supervisor reads but does not export', async () => {
    const sup = await api.user('supervisor');
    const trainee = await api.user('clinician', { supervisorId: sup.user?.id ?? null });
    const client = await createClient(trainee);
    const { note } = await createSession(trainee, client.id);
    expect((await sup.get(`/api/notes/${note.id}`)).status).toBe(200);
    for (const kind of ['text', 'pdf', 'fhir']) {
      const r = await sup.get(`/api/notes/${note.id}/${kind}`);
      expect(r.status).toBe(403);
      expect(r.text).not.toContain(client.profile.name);
    }
  });
});

describe('process notes', () => {
  it('are visible to their author only and absent from every other response and export', async () => {
    const sup = await api.user('supervisor');
    const author = await api.user('clinician', { supervisorId: sup.user?.id ?? null });
    const admin = await api.user('admin');
    const client = await createClient(author);
    const { note, sessionId } = await createSession(author, client.id);
    const secret = `Countertransference-${rnd()} felt protective`;

    const created = await author.post(`/api/clients/${client.id}/process-notes`, {
      text: secret,
      sessionId,
    });
    expect(created.status).toBe(201);
    const pn = read(ProcessNoteReply, created).processNote;
    expect(pn.authorId).toBe(author.user?.id);
    expect(pn.sessionId).toBe(sessionId);

    expect(
      read(ProcessNoteReply, await author.get(`/api/process-notes/${pn.id}`)).processNote.text,
    ).toBe(secret);
    const edited = `${secret}, less so now`;
    const put = await author.put(`/api/process-notes/${pn.id}`, { text: edited });
    expect(put.status).toBe(200);
    expect(read(ProcessNoteReply, put).processNote.text).toBe(edited);
    const mine = read(
      z.object({ processNotes: z.array(ProcessNoteSchema) }),
      await author.get(`/api/clients/${client.id}/process-notes`),
    );
    expect(mine.processNotes.map((p) => p.id)).toEqual([pn.id]);

    // The supervisor (who may read the chart) and everyone else: it does not exist.
    expect((await sup.get(`/api/process-notes/${pn.id}`)).status).toBe(404);
    expect((await sup.put(`/api/process-notes/${pn.id}`, { text: 'x' })).status).toBe(404);
    const supList = await sup.get(`/api/clients/${client.id}/process-notes`);
    expect(supList.status).toBe(200);
    expect(read(z.object({ processNotes: z.array(z.unknown()) }), supList).processNotes).toEqual(
      [],
    );
    expect((await admin.get(`/api/process-notes/${pn.id}`)).status).toBe(403);
    const other = await api.user('clinician');
    expect((await other.get(`/api/process-notes/${pn.id}`)).status).toBe(404);

    // Never in another response or export, not even the author's own.
    expect(
      (await author.post(`/api/notes/${note.id}/sign`, { version: note.version })).status,
    ).toBe(200);
    const everywhere = [
      author.get(`/api/clients`),
      author.get(`/api/clients/${client.id}`),
      author.get(`/api/clients/${client.id}/sessions`),
      author.get(`/api/clients/${client.id}/notes`),
      author.get(`/api/sessions/${sessionId}`),
      author.get(`/api/notes/${note.id}`),
      author.get(`/api/notes/${note.id}/text`),
      author.get(`/api/notes/${note.id}/pdf`),
      author.get(`/api/notes/${note.id}/fhir?resource=Composition`),
      author.get(`/api/notes/${note.id}/fhir?resource=DocumentReference`),
      sup.get(`/api/notes/${note.id}`),
      sup.get(`/api/sessions/${sessionId}`),
      sup.get(`/api/clients/${client.id}`),
    ];
    for (const r of await Promise.all(everywhere)) {
      expect(r.status).toBe(200);
      expect(r.text).not.toContain('Countertransference');
      expect(r.text).not.toContain(pn.id);
    }
    // FHIR attachments, decoded: the note's text is there, the process note is not.
    const docRef = await author.get(`/api/notes/${note.id}/fhir?resource=DocumentReference`);
    const attached = attachmentsOf(docRef.json);
    expect(attached.length).toBe(2);
    expect(attached[0]).toContain(client.profile.name);
    expect(attached[1]?.startsWith('%PDF-')).toBe(true); // compressed: its text is checked below
    for (const a of attached) expect(a).not.toContain('Countertransference');
    // The PDF's text, decoded: the chart is there, the process note is not.
    const pdf = pdfText((await author.get(`/api/notes/${note.id}/pdf`)).bytes);
    expect(pdf).toContain(client.profile.name);
    expect(pdf).not.toContain('Countertransference');

    // Never given to the engine: a later session's note and analysis do not contain it.
    const later = await createSession(author, client.id);
    expect(JSON.stringify(later.note)).not.toContain('Countertransference');
    const laterSession = await author.get(`/api/sessions/${later.sessionId}`);
    expect(laterSession.text).not.toContain('Countertransference');
  });

  it('refuses a session of another client', async () => {
    const clin = await api.user('clinician');
    const a = await createClient(clin);
    const b = await createClient(clin);
    const { sessionId } = await createSession(clin, b.id);
    const r = await clin.post(`/api/clients/${a.id}/process-notes`, {
      text: 'Reflection.',
      sessionId,
    });
    expect(r.status).toBe(400);
    expect(errorOf(r).issues?.[0]?.path).toBe('body.sessionId');
  });

  it("the supervisor cannot write one on a supervisee's client", async () => {
    const sup = await api.user('supervisor');
    const trainee = await api.user('clinician', { supervisorId: sup.user?.id ?? null });
    const client = await createClient(trainee);
    const r = await sup.post(`/api/clients/${client.id}/process-notes`, { text: 'Mine.' });
    expect(r.status).toBe(403);
  });
});

describe('audit and encryption at rest', () => {
  it('audits every read and write of clinical records with ids only', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const { note, sessionId } = await createSession(clin, client.id);
    await clin.get(`/api/notes/${note.id}`);
    await clin.get(`/api/sessions/${sessionId}`);
    const pn = read(
      ProcessNoteReply,
      await clin.post(`/api/clients/${client.id}/process-notes`, { text: 'Private thought.' }),
    ).processNote;
    await clin.get(`/api/process-notes/${pn.id}`);
    await clin.get(`/api/notes/${note.id}/pdf`);

    const entries = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.actorId === clin.user?.id,
    );
    const has = (action: string, recordType: string, recordId: string): boolean =>
      entries.some(
        (e) => e.action === action && e.recordType === recordType && e.recordId === recordId,
      );
    expect(has('create', 'client', client.id)).toBe(true);
    expect(has('create', 'session', sessionId)).toBe(true);
    expect(has('create', 'transcript', sessionId)).toBe(true);
    expect(has('create', 'analysis', sessionId)).toBe(true);
    expect(has('create', 'note', note.id)).toBe(true);
    expect(has('read', 'note', note.id)).toBe(true);
    expect(has('read', 'transcript', sessionId)).toBe(true);
    expect(has('create', 'process_note', pn.id)).toBe(true);
    expect(has('read', 'process_note', pn.id)).toBe(true);
    expect(has('export', 'note', note.id)).toBe(true);
    const raw = JSON.stringify(entries);
    expect(raw).not.toContain(client.profile.name);
    expect(raw).not.toContain('Private thought');
    for (const w of TRANSCRIPT_WORDS) expect(raw).not.toContain(w);
  });

  it('a denied read is not audited as a read', async () => {
    const owner = await api.user('clinician');
    const other = await api.user('clinician');
    const client = await createClient(owner);
    const { note } = await createSession(owner, client.id);
    expect((await other.get(`/api/notes/${note.id}`)).status).toBe(404);
    const entries = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.actorId === other.user?.id,
    );
    expect(entries.filter((e) => e.action === 'read')).toEqual([]);
  });

  it('the raw database file and rows hold no transcript, note, client or process-note text', async () => {
    const clin = await api.user('clinician');
    const name = `Ottoline Brackenbury ${rnd()}`;
    const client = await createClient(clin, {
      name,
      dateOfBirth: '1990-01-01',
      identifiers: [],
      diagnoses: [],
      presentingConcerns: ['anxiety'],
      preferences: 'Prefers mornings',
      culturalConsiderations: '',
    });
    const { note } = await createSession(clin, client.id, example('cbt-thought-record.txt'));
    const noteText = note.body.sections
      .flatMap((s) => s.sentences)
      .find((s) => s.kind === 'finding')?.text;
    if (!noteText) throw new Error('no finding');
    await clin.post(`/api/clients/${client.id}/process-notes`, { text: 'Aubergine reverie' });
    await clin.post(`/api/notes/${note.id}/sign`, { version: note.version });
    await clin.post(`/api/notes/${note.id}/addenda`, { text: 'Pomegranate addendum' });

    const needles = [
      name,
      'Prefers mornings',
      'Aubergine reverie',
      'Pomegranate addendum',
      noteText,
      ...TRANSCRIPT_WORDS,
    ];
    // Every file of the database (main file, WAL, shared memory), as bytes.
    const files = readdirSync(api.dir()).filter((f) => f.startsWith('docscrib.db'));
    expect(files).toContain('docscrib.db');
    for (const f of files) {
      const bytes = readFileSync(`${api.dir()}/${f}`);
      for (const n of needles)
        expect(bytes.includes(Buffer.from(n, 'utf8')), `${n} in ${f}`).toBe(false);
    }
    // And every text cell of every table, read through SQLite itself.
    const db = new Database(api.dbPath(), { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      let cells = 0;
      for (const { name: table } of tables) {
        for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<
          string,
          unknown
        >[]) {
          for (const v of Object.values(row)) {
            if (typeof v !== 'string') continue;
            cells++;
            for (const n of needles) expect(v.includes(n), `${n} in ${table}`).toBe(false);
          }
        }
      }
      expect(cells).toBeGreaterThan(20);
    } finally {
      db.close();
    }
    // Yet the API gives it all back to its owner.
    const back = read(
      z.object({ note: ProgressNoteSchema }),
      await clin.get(`/api/notes/${note.id}`),
    );
    expect(back.note.body.sections.flatMap((s) => s.sentences.map((x) => x.text))).toContain(
      noteText,
    );
  });
});
