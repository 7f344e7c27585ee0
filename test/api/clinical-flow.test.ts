/**
 * The clinical flow through the API, in-process over a real SQLite store: client → plan →
 * session from a transcript → draft note with evidence → edit → sign (locks) → addendum →
 * co-sign by the supervisor → exports, and process notes kept to their author.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AddendumSchema,
  ClientPlanSchema,
  ProgressNoteSchema,
  type ProgressNote,
} from '../../src/server/domain/schemas.js';
import { AnalysisSchema, TranscriptSchema, type Note } from '../../src/core/index.js';
import {
  createClient,
  createSession,
  details,
  errorOf,
  example,
  examplePlan,
  read,
  useApi,
  type Caller,
} from './harness.js';

const api = useApi();
const NoteReply = z.object({ note: ProgressNoteSchema });

/** A deep copy of a note body to edit. */
const copy = (n: Note): Note => structuredClone(n);

/** The first finding sentence in the note's sections, with its position. */
function firstFinding(body: Note): { section: number; sentence: number } {
  for (const [i, s] of body.sections.entries()) {
    const j = s.sentences.findIndex((x) => x.kind === 'finding');
    if (j >= 0) return { section: i, sentence: j };
  }
  throw new Error('no finding in the note');
}

function sentenceAt(body: Note, at: { section: number; sentence: number }) {
  const s = body.sections[at.section]?.sentences[at.sentence];
  if (!s) throw new Error('no such sentence');
  return s;
}

async function draft(as: Caller): Promise<{ clientId: string; note: ProgressNote }> {
  const client = await createClient(as);
  const { note } = await createSession(as, client.id);
  return { clientId: client.id, note };
}

describe('client, plan and session', () => {
  it('creates a client, sets a plan, and writes a draft note with evidence from the transcript', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);

    const got = await clin.get(`/api/clients/${client.id}`);
    expect(got.status).toBe(200);
    expect(read(z.object({ plan: ClientPlanSchema }), got).plan.goals).toEqual([]);

    const planned = await clin.put(`/api/clients/${client.id}/plan`, examplePlan());
    expect(planned.status).toBe(200);
    const plan = read(z.object({ plan: ClientPlanSchema }), planned).plan;
    expect(plan.goals.map((g) => g.id)).toEqual(['G1', 'G2', 'G3']);
    // Set by the server when the plan is saved (an ISO time; the body has none).
    expect(plan.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const { sessionId, note } = await createSession(clin, client.id);
    expect(note.status).toBe('draft');
    expect(note.version).toBe(1);
    expect(note.cosignRequired).toBe(false);
    expect(note.format).toBe('soap');
    const findings = note.body.sections
      .flatMap((s) => s.sentences)
      .filter((s) => s.kind === 'finding');
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) expect(f.evidence.length).toBeGreaterThan(0);
    // The plan reached the engine: the note links progress to a goal of the plan.
    expect(JSON.stringify(note.body)).toMatch(/G1|GAD-7 below 10/);

    const s = await clin.get(`/api/sessions/${sessionId}`);
    expect(s.status).toBe(200);
    const view = read(z.object({ transcript: TranscriptSchema, analysis: AnalysisSchema }), s);
    expect(view.transcript.format).toBe('lines');
    expect(view.transcript.turns[0]?.id).toBe('u1');
    const ids = new Set(view.analysis.utterances.map((u) => u.id));
    for (const f of findings)
      for (const e of f.evidence) for (const id of e.utteranceIds) expect(ids.has(id)).toBe(true);

    const list = await clin.get(`/api/clients/${client.id}/sessions`);
    expect(
      read(z.object({ sessions: z.array(z.object({ id: z.string() })) }), list).sessions.map(
        (x) => x.id,
      ),
    ).toEqual([sessionId]);
  });

  it('reads every transcript format of the examples and honours the note format', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    for (const [file, format, noteFormat] of [
      ['dbt-skills.srt', 'srt', 'dap'],
      ['exposure-session.vtt', 'vtt', 'birp'],
      ['mi-alcohol.json', 'json', 'girp'],
    ] as const) {
      const { note, sessionId } = await createSession(clin, client.id, example(file), {
        noteFormat,
      });
      expect(note.format).toBe(noteFormat);
      const s = read(
        z.object({ transcript: TranscriptSchema }),
        await clin.get(`/api/sessions/${sessionId}`),
      );
      expect(s.transcript.format).toBe(format);
    }
    const notes = await clin.get(`/api/clients/${client.id}/notes`);
    expect(
      read(z.object({ notes: z.array(z.object({ format: z.string() })) }), notes).notes,
    ).toHaveLength(3);
  });

  it('answers an unreadable transcript with 400 naming the line, never quoting it', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const secret = 'Marigold-Vantablack confided';
    const r = await clin.post(`/api/clients/${client.id}/sessions`, {
      details: details(),
      transcript: { text: `[00:00:01] Therapist: Hello.\n{"${secret}": [1,2`, format: 'json' },
    });
    expect(r.status).toBe(400);
    const e = errorOf(r);
    expect(e.code).toBe('bad_request');
    expect(e.message).toMatch(/line \d+/);
    expect(r.text).not.toContain('Marigold');
    // Nothing was stored.
    const sessions = await clin.get(`/api/clients/${client.id}/sessions`);
    expect(read(z.object({ sessions: z.array(z.unknown()) }), sessions).sessions).toEqual([]);
  });

  it('asks for the platform of a telehealth session', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const r = await clin.post(`/api/clients/${client.id}/sessions`, {
      details: { ...details(), location: 'telehealth' },
      transcript: { text: example('cbt-thought-record.txt') },
    });
    expect(r.status).toBe(400);
    expect(errorOf(r).issues?.[0]?.path).toBe('body.details.telehealthPlatform');
  });

  it('stores no transcript without consent to record, and refuses a session ending before it starts', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const noConsent = await clin.post(`/api/clients/${client.id}/sessions`, {
      details: { ...details(), consentToRecord: false },
      transcript: { text: example('cbt-thought-record.txt') },
    });
    expect(noConsent.status).toBe(400);
    expect(errorOf(noConsent).issues?.[0]?.path).toBe('body.details.consentToRecord');
    const backwards = await clin.post(`/api/clients/${client.id}/sessions`, {
      details: { ...details(), startTime: '10:00', endTime: '09:10' },
      transcript: { text: example('cbt-thought-record.txt') },
    });
    expect(backwards.status).toBe(400);
    expect(errorOf(backwards).issues?.[0]?.path).toBe('body.details.endTime');
    const sessions = await clin.get(`/api/clients/${client.id}/sessions`);
    expect(read(z.object({ sessions: z.array(z.unknown()) }), sessions).sessions).toEqual([]);
  });

  it('takes the note header times, minutes and CPT code from the entered session times', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const transcript = example('exposure-session.vtt');
    const { note } = await createSession(clin, client.id, transcript, {
      details: { ...details(), startTime: '10:00', endTime: '10:53' },
    });
    expect(note.body.header).toMatchObject({
      startClock: '10:00',
      endClock: '10:53',
      durationMinutes: 53,
      cpt: '90837',
      timeSource: 'session',
    });
    expect(note.body.header.start).not.toBeNull();
    const rules = note.review.map((f) => f.ruleId);
    expect(rules).not.toContain('start-stop-times');
    expect(rules).not.toContain('cpt-duration');

    // Without both times, the transcript's length decides, as before.
    const { note: untimed } = await createSession(clin, client.id, transcript, {
      details: { ...details(), startTime: '10:00', endTime: null },
    });
    expect(untimed.body.header.timeSource).toBe('transcript');
    expect(untimed.body.header.startClock).toBeUndefined();
    expect(untimed.body.header.durationMinutes).not.toBe(53);
  });

  it('flags entered times much shorter than the transcript', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const { note } = await createSession(clin, client.id, example('exposure-session.vtt'), {
      details: { ...details(), startTime: '10:00', endTime: '10:20' },
    });
    const f = note.review.filter((x) => x.ruleId === 'session-times-transcript');
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0]?.message).toMatch(/^The transcript runs \d+ min but the session times give 20 min/);
  });

  it('refuses duplicate goal ids in a plan, naming the goal', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const r = await clin.put(`/api/clients/${client.id}/plan`, {
      goals: [
        { id: 'G1', text: 'Sleep better' },
        { id: 'G1', text: 'Worry less' },
      ],
    });
    expect(r.status).toBe(400);
    expect(errorOf(r).issues?.[0]?.path).toBe('body.goals[1].id');
  });
});

describe('editing a draft', () => {
  it('saves an edited finding, keeps its evidence, re-reviews and bumps the version', async () => {
    const clin = await api.user('clinician');
    const { note } = await draft(clin);
    const body = copy(note.body);
    const at = firstFinding(body);
    const s = sentenceAt(body, at);
    const evidence = s.evidence;
    s.text = 'Client described the thought record in their own words.';
    const r = await clin.put(`/api/notes/${note.id}`, { body, version: note.version });
    expect(r.status).toBe(200);
    const saved = read(NoteReply, r).note;
    expect(saved.version).toBe(note.version + 1);
    expect(sentenceAt(saved.body, at).text).toBe(s.text);
    expect(sentenceAt(saved.body, at).evidence).toEqual(evidence);
    expect(Array.isArray(saved.review)).toBe(true);

    const again = read(NoteReply, await clin.get(`/api/notes/${note.id}`)).note;
    expect(sentenceAt(again.body, at).text).toBe(s.text);
  });

  it("accepts the clinician's own sentence without evidence", async () => {
    const clin = await api.user('clinician');
    const { note } = await draft(clin);
    const body = copy(note.body);
    body.sections[0]?.sentences.push({
      text: 'Client arrived on time, casually dressed, affect anxious.',
      kind: 'clinician',
      evidence: [],
    });
    const r = await clin.put(`/api/notes/${note.id}`, { body, version: note.version });
    expect(r.status).toBe(200);
    expect(read(NoteReply, r).note.body.sections[0]?.sentences.at(-1)?.kind).toBe('clinician');
  });

  it('refuses a finding stripped of its evidence, or with evidence not in the transcript', async () => {
    const clin = await api.user('clinician');
    const { note } = await draft(clin);
    const at = firstFinding(note.body);

    const stripped = copy(note.body);
    sentenceAt(stripped, at).evidence = [];
    const r1 = await clin.put(`/api/notes/${note.id}`, { body: stripped, version: note.version });
    expect(r1.status).toBe(400);
    const e1 = errorOf(r1);
    expect(e1.code).toBe('validation_failed');
    expect(e1.issues?.[0]?.path).toBe(
      `body.body.sections[${at.section}].sentences[${at.sentence}].evidence`,
    );
    expect(e1.issues?.[0]?.message).toMatch(/clinician/);

    const invented = copy(note.body);
    const ev = sentenceAt(invented, at).evidence[0];
    if (!ev) throw new Error('no evidence');
    ev.utteranceIds = ['u99999'];
    const r2 = await clin.put(`/api/notes/${note.id}`, { body: invented, version: note.version });
    expect(r2.status).toBe(400);
    expect(errorOf(r2).issues?.[0]?.path).toBe(
      `body.body.sections[${at.section}].sentences[${at.sentence}].evidence[0].utteranceIds[0]`,
    );

    // Nothing changed.
    expect(read(NoteReply, await clin.get(`/api/notes/${note.id}`)).note.version).toBe(
      note.version,
    );
  });

  it('refuses evidence whose quote, time or utterance ids were changed, naming the path and never quoting it', async () => {
    const clin = await api.user('clinician');
    const { note } = await draft(clin);
    const at = firstFinding(note.body);
    const where = `body.body.sections[${at.section}].sentences[${at.sentence}].evidence[0]`;
    const forged = 'I never want to see my family again';
    const edits: [
      string,
      (e: Note['sections'][number]['sentences'][number]['evidence'][number]) => void,
    ][] = [
      ['quote', (e) => (e.quote = forged)],
      ['quote, extended', (e) => (e.quote = `${e.quote} ${forged}`)],
      ['time', (e) => (e.start = (e.start ?? 0) + 60)],
      ['utterance ids', (e) => (e.utteranceIds = [...e.utteranceIds, 'u1'])],
    ];
    for (const [what, edit] of edits) {
      const body = copy(note.body);
      const ev = sentenceAt(body, at).evidence[0];
      if (!ev) throw new Error('no evidence');
      edit(ev);
      const r = await clin.put(`/api/notes/${note.id}`, { body, version: note.version });
      expect(r.status, what).toBe(400);
      const e = errorOf(r);
      expect(e.code, what).toBe('validation_failed');
      expect(
        e.issues?.map((i) => i.path),
        what,
      ).toEqual([where]);
      expect(r.text, what).not.toContain(forged);
    }
    expect(read(NoteReply, await clin.get(`/api/notes/${note.id}`)).note.version).toBe(
      note.version,
    );
  });

  it("accepts the engine's own evidence: kept, reordered, or moved to another sentence", async () => {
    const clin = await api.user('clinician');
    const { note } = await draft(clin);
    const body = copy(note.body);
    const at = firstFinding(body);
    const s = sentenceAt(body, at);
    s.evidence.reverse();
    body.sections[0]?.sentences.push({
      text: 'My own summary of what the client said.',
      kind: 'clinician',
      evidence: [...s.evidence],
    });
    const r = await clin.put(`/api/notes/${note.id}`, { body, version: note.version });
    expect(r.status).toBe(200);
    // Saved again unchanged: the stored draft's evidence is accepted as it is.
    const saved = read(NoteReply, r).note;
    const again = await clin.put(`/api/notes/${note.id}`, {
      body: saved.body,
      version: saved.version,
    });
    expect(again.status).toBe(200);
  });

  it('accepts the evidence of a transcript without times (start null) as it is, and refuses a time added to it', async () => {
    const clin = await api.user('clinician');
    const client = await createClient(clin);
    const untimed = example('cbt-thought-record.txt').replace(/^\[[\d:]+\] /gm, '');
    const { note } = await createSession(clin, client.id, untimed);
    const at = firstFinding(note.body);
    const ev = sentenceAt(note.body, at).evidence[0];
    expect(ev?.start).toBeNull();
    const body = copy(note.body);
    sentenceAt(body, at).text = 'Reworded by the clinician.';
    const r = await clin.put(`/api/notes/${note.id}`, { body, version: note.version });
    expect(r.status).toBe(200);
    const saved = read(NoteReply, r).note;
    const timed = copy(saved.body);
    const e0 = sentenceAt(timed, at).evidence[0];
    if (!e0) throw new Error('no evidence');
    e0.start = 5;
    const r2 = await clin.put(`/api/notes/${note.id}`, { body: timed, version: saved.version });
    expect(r2.status).toBe(400);
  });

  it("keeps the engine's structure: format and sections stay", async () => {
    const clin = await api.user('clinician');
    const { note } = await draft(clin);
    const otherFormat = { ...copy(note.body), format: 'dap' as const };
    const r1 = await clin.put(`/api/notes/${note.id}`, {
      body: otherFormat,
      version: note.version,
    });
    expect(r1.status).toBe(400);
    expect(errorOf(r1).issues?.map((i) => i.path)).toContain('body.body.format');

    const fewer = copy(note.body);
    fewer.sections.pop();
    const r2 = await clin.put(`/api/notes/${note.id}`, { body: fewer, version: note.version });
    expect(r2.status).toBe(400);
    expect(errorOf(r2).issues?.[0]?.path).toBe('body.body.sections');

    const renamed = copy(note.body);
    const first = renamed.sections[0];
    if (!first) throw new Error('no section');
    first.heading = 'Something else';
    const r3 = await clin.put(`/api/notes/${note.id}`, { body: renamed, version: note.version });
    expect(r3.status).toBe(400);
    expect(errorOf(r3).issues?.[0]?.path).toBe('body.body.sections[0].heading');

    for (const header of [
      { ...note.body.header, cpt: '90837' },
      { ...note.body.header, durationMinutes: 60 },
      { ...note.body.header, startClock: '09:00' },
      { ...note.body.header, timeSource: undefined },
    ]) {
      const r = await clin.put(`/api/notes/${note.id}`, {
        body: { ...copy(note.body), header },
        version: note.version,
      });
      expect(r.status).toBe(400);
      expect(errorOf(r).issues?.[0]?.path).toBe('body.body.header');
    }

    const badSchema = { ...copy(note.body), schemaVersion: 2 };
    const r4 = await clin.put(`/api/notes/${note.id}`, { body: badSchema, version: note.version });
    expect(r4.status).toBe(400);
    expect(errorOf(r4).issues?.[0]?.path).toBe('body.body.schemaVersion');
  });

  it('answers a stale version with 409 conflict', async () => {
    const clin = await api.user('clinician');
    const { note } = await draft(clin);
    const ok = await clin.put(`/api/notes/${note.id}`, { body: note.body, version: note.version });
    expect(ok.status).toBe(200);
    const stale = await clin.put(`/api/notes/${note.id}`, {
      body: note.body,
      version: note.version,
    });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('conflict');
    const staleSign = await clin.post(`/api/notes/${note.id}/sign`, { version: note.version });
    expect(staleSign.status).toBe(409);
    expect(errorOf(staleSign).code).toBe('conflict');
  });
});

describe('sign, lock, addenda, co-sign', () => {
  it('signs; a signed note is locked; changes go into addenda', async () => {
    const clin = await api.user('clinician');
    const { note, clientId } = await draft(clin);

    const early = await clin.post(`/api/notes/${note.id}/addenda`, { text: 'Too early.' });
    expect(early.status).toBe(409);

    const signed = await clin.post(`/api/notes/${note.id}/sign`, { version: note.version });
    expect(signed.status).toBe(200);
    const n = read(NoteReply, signed).note;
    expect(n.status).toBe('signed');
    expect(n.signedBy).toBe(clin.user?.id);
    expect(n.signedAt).not.toBeNull();

    const put = await clin.put(`/api/notes/${note.id}`, { body: note.body, version: n.version });
    expect(put.status).toBe(409);
    expect(errorOf(put).code).toBe('note_locked');
    const resign = await clin.post(`/api/notes/${note.id}/sign`, { version: n.version });
    expect(resign.status).toBe(409);
    expect(errorOf(resign).code).toBe('note_locked');

    const add = await clin.post(`/api/notes/${note.id}/addenda`, {
      text: 'Correction: the GAD-7 was given before the session.',
    });
    expect(add.status).toBe(201);
    const addendum = read(z.object({ addendum: AddendumSchema }), add).addendum;
    expect(addendum.authorId).toBe(clin.user?.id);

    const view = read(
      z.object({ note: ProgressNoteSchema, addenda: z.array(AddendumSchema) }),
      await clin.get(`/api/notes/${note.id}`),
    );
    expect(view.addenda.map((a) => a.id)).toEqual([addendum.id]);
    expect(view.note.body).toEqual(note.body);

    const summaries = read(
      z.object({ notes: z.array(z.object({ id: z.string(), status: z.string() })) }),
      await clin.get(`/api/clients/${clientId}/notes`),
    );
    expect(summaries.notes).toEqual([expect.objectContaining({ id: note.id, status: 'signed' })]);
  });

  it("a supervisee's note needs the supervisor's co-sign, after the author signs", async () => {
    const sup = await api.user('supervisor');
    const trainee = await api.user('clinician', { supervisorId: sup.user?.id ?? null });
    const otherSup = await api.user('supervisor');
    const { note } = await draft(trainee);
    expect(note.cosignRequired).toBe(true);

    // The supervisor reads the draft but may not edit or sign it.
    expect((await sup.get(`/api/notes/${note.id}`)).status).toBe(200);
    expect((await sup.put(`/api/notes/${note.id}`, { body: note.body, version: 1 })).status).toBe(
      403,
    );
    expect((await sup.post(`/api/notes/${note.id}/sign`, { version: 1 })).status).toBe(403);

    const tooEarly = await sup.post(`/api/notes/${note.id}/cosign`);
    expect(tooEarly.status).toBe(409);
    expect(errorOf(tooEarly).message).toMatch(/sign/);

    expect((await trainee.post(`/api/notes/${note.id}/sign`, { version: 1 })).status).toBe(200);
    // The author may not co-sign their own note; another supervisor cannot even see it.
    expect((await trainee.post(`/api/notes/${note.id}/cosign`)).status).toBe(403);
    expect((await otherSup.post(`/api/notes/${note.id}/cosign`)).status).toBe(404);

    const co = await sup.post(`/api/notes/${note.id}/cosign`);
    expect(co.status).toBe(200);
    const n = read(NoteReply, co).note;
    expect(n.cosignedBy).toBe(sup.user?.id);
    expect(n.cosignedAt).not.toBeNull();
    expect((await sup.post(`/api/notes/${note.id}/cosign`)).status).toBe(409);

    // The co-signer may add an addendum.
    const add = await sup.post(`/api/notes/${note.id}/addenda`, {
      text: 'Reviewed in supervision.',
    });
    expect(add.status).toBe(201);
  });

  it('decides the co-sign at signing: a draft written before the supervisor was assigned needs it', async () => {
    const sup = await api.user('supervisor');
    const clin = await api.user('clinician');
    const { note } = await draft(clin);
    expect(note.cosignRequired).toBe(false);
    const assigned = await api
      .store()
      .users.update(clin.user?.id ?? '', { supervisorId: sup.user?.id ?? null });
    expect(assigned.ok).toBe(true);
    // The draft shows what signing now needs.
    expect(read(NoteReply, await clin.get(`/api/notes/${note.id}`)).note.cosignRequired).toBe(true);
    const signed = read(NoteReply, await clin.post(`/api/notes/${note.id}/sign`, { version: 1 }));
    expect(signed.note.cosignRequired).toBe(true);
    expect(read(NoteReply, await sup.get(`/api/notes/${note.id}`)).note.cosignRequired).toBe(true);
    const co = await sup.post(`/api/notes/${note.id}/cosign`);
    expect(co.status).toBe(200);
    expect(read(NoteReply, co).note.cosignedBy).toBe(sup.user?.id);
  });

  it('decides the co-sign at signing: a supervisor removed before signing is not asked', async () => {
    const sup = await api.user('supervisor');
    const clin = await api.user('clinician', { supervisorId: sup.user?.id ?? null });
    const { note } = await draft(clin);
    expect(note.cosignRequired).toBe(true);
    const removed = await api.store().users.update(clin.user?.id ?? '', { supervisorId: null });
    expect(removed.ok).toBe(true);
    const signed = read(NoteReply, await clin.post(`/api/notes/${note.id}/sign`, { version: 1 }));
    expect(signed.note.cosignRequired).toBe(false);
    // Assigning a supervisor after signing does not change a signed note.
    await api.store().users.update(clin.user?.id ?? '', { supervisorId: sup.user?.id ?? null });
    const after = read(NoteReply, await clin.get(`/api/notes/${note.id}`)).note;
    expect(after.cosignRequired).toBe(false);
    expect((await sup.post(`/api/notes/${note.id}/cosign`)).status).toBe(409);
  });

  it('a note whose author has no supervisor needs no co-sign', async () => {
    const sup = await api.user('supervisor');
    const { note } = await draft(sup);
    expect(note.cosignRequired).toBe(false);
    expect((await sup.post(`/api/notes/${note.id}/sign`, { version: 1 })).status).toBe(200);
    expect((await sup.post(`/api/notes/${note.id}/cosign`)).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents every clinical route with its request schema', async () => {
    const r = await api.anon().get('/api/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.json as {
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; parameters?: { name: string }[] }>
      >;
    };
    const clinical = api
      .routes()
      .filter((x) => /^\/api\/(clients|sessions|notes|process-notes)\b/.test(x.path));
    // 21 + the 4 capture routes (issue 4) + 7 measures and 9 plan/consent/safety routes (issue 5)
    expect(clinical.length).toBe(41);
    for (const route of clinical) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      if (route.body) expect(op?.requestBody, `${route.method} ${route.path}`).toBeDefined();
      if (route.params) expect(op?.parameters?.map((p) => p.name)).toContain('id');
    }
    const session = JSON.stringify(doc.paths['/api/clients/{id}/sessions']?.['post']?.requestBody);
    for (const field of ['details', 'transcript', 'noteFormat', 'consentToRecord']) {
      expect(session).toContain(field);
    }
  });
});
