/**
 * Session-risk alerts raised from the LIVE capture path (the typed-transcript path is covered by
 * test/api/safety.test.ts): a live capture started through the API, real two-voice espeak-ng
 * audio appended as frames (so the speakers are told apart by the real clustering), the words
 * saved directly as recognized segments (no speech engine), then finished and relabelled. The
 * alerts are read through GET /api/alerts, as the clinician's banner does.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AnalysisSchema,
  CaptureStateSchema,
  ClinicalAlertSchema,
  ProgressNoteSchema,
  type ClinicalAlert,
} from '../../src/server/domain/schemas.js';
import { CaptureService } from '../../src/server/services/capture.js';
import { PCM_BYTES_PER_SECOND } from '../../src/speech/engine.js';
import type { RecognizedSegment } from '../../src/speech/schema.js';
import { DIALOGUE, writeDialogueWav, type DialogueLine } from '../support/speech-dialogue.js';
import { startLive } from './capture-helpers.js';
import { createClient, profile, read, useApi, type Caller } from './harness.js';

const api = useApi();

/** The client endorses suicidal thoughts; the clinician asks about a plan (no plan). */
const RISK_LINES: readonly DialogueLine[] = [
  { speaker: 'clinician', text: 'Good morning. How has the week been since we last met?' },
  {
    speaker: 'client',
    text: "Hard. Honestly, I've been having thoughts of killing myself most nights this week.",
  },
  {
    speaker: 'clinician',
    text: 'Thank you for telling me. Have you thought about how you would do it?',
  },
  {
    speaker: 'client',
    text: "No, I don't have a plan. It's more that I wish I could just not exist.",
  },
  {
    speaker: 'clinician',
    text: "Let's talk about how to keep you safe this week and who you can call.",
  },
  { speaker: 'client', text: 'Okay. My sister, I think.' },
];

/** A CBT session without risk talk. */
const CALM_LINES = DIALOGUE.slice(0, 4);

/** Silence before each line and after it, as writeDialogueWav pads them. */
const LEAD_SEC = 0.5;
const GAP_SEC = 0.8;

interface Spoken {
  /** 16 kHz mono s16le PCM of the whole dialogue. */
  pcm: Buffer;
  /** One segment per line with its exact time in `pcm`. */
  segments: RecognizedSegment[];
}

/** Each line spoken on its own (so its time is exact), joined into one PCM stream. */
async function speakLines(dir: string, name: string, lines: readonly DialogueLine[]) {
  const parts: Buffer[] = [];
  const segments: RecognizedSegment[] = [];
  let at = 0;
  for (const [i, line] of lines.entries()) {
    const path = await writeDialogueWav(dir, `${name}-${i}.wav`, [line], GAP_SEC);
    const pcm = readFileSync(path).subarray(44); // sox's 44-byte WAV header
    const sec = pcm.length / PCM_BYTES_PER_SECOND;
    segments.push({ start: at + LEAD_SEC, end: at + sec - GAP_SEC, text: line.text });
    parts.push(pcm);
    at += sec;
  }
  return { pcm: Buffer.concat(parts), segments } satisfies Spoken;
}

const AlertsReply = z.object({ alerts: z.array(ClinicalAlertSchema) });
const State = z.object({ capture: CaptureStateSchema });
const NoteReply = z.object({ note: ProgressNoteSchema });
const SessionReply = z.object({ analysis: AnalysisSchema.nullable() });

let owner: Caller;
let risky: Spoken;
let calm: Spoken;

beforeAll(async () => {
  const dir = join(api.dir(), 'audio');
  mkdirSync(dir, { recursive: true });
  risky = await speakLines(dir, 'risk', RISK_LINES);
  calm = await speakLines(dir, 'calm', CALM_LINES);
  owner = await api.user('clinician');
}, 60_000);

/** The owner's open alerts for one session (GET /api/alerts, as the banner reads them). */
async function openAlerts(sessionId: string): Promise<ClinicalAlert[]> {
  const r = await owner.get('/api/alerts?status=open');
  return read(AlertsReply, r).alerts.filter((a) => a.sessionId === sessionId);
}

/** Every alert (open or acknowledged) of one session. */
async function allAlerts(sessionId: string): Promise<ClinicalAlert[]> {
  const r = await owner.get('/api/alerts?status=all');
  return read(AlertsReply, r).alerts.filter((a) => a.sessionId === sessionId);
}

/** The risk kinds the session's stored analysis finds endorsed. */
async function endorsedRisks(sessionId: string): Promise<string[]> {
  const view = read(SessionReply, await owner.get(`/api/sessions/${sessionId}`));
  return (view.analysis?.risk ?? []).filter((r) => r.status === 'endorsed').map((r) => r.kind);
}

/** A live capture for a new client: frames of `spoken` appended, its words saved, finished. */
async function recordLive(spoken: Spoken, date: string): Promise<string> {
  const clientId = (await createClient(owner, profile())).id;
  const { id, deps, actor } = await startLive(api, owner, clientId, date);
  const capture = new CaptureService(deps);
  const frame = PCM_BYTES_PER_SECOND / 2;
  let seq = 0;
  for (let at = 0; at < spoken.pcm.length; at += frame) {
    await capture.appendLiveAudio(actor, id, seq++, spoken.pcm.subarray(at, at + frame));
  }
  await capture.saveLiveSegments(
    actor,
    id,
    spoken.segments,
    spoken.pcm.length / PCM_BYTES_PER_SECOND,
  );
  const { note } = await capture.finishLive(actor, id);
  expect(note).toMatchObject({ sessionId: id, status: 'draft' });
  return id;
}

describe('session risk alerts from a live recording', () => {
  it('finishing a live session where the client endorses suicidal thoughts raises one urgent alert; a relabel adds no second', async () => {
    const sessionId = await recordLive(risky, '2025-05-06');
    // Two voices told apart, with the clinician's and the client's turns where they were spoken.
    const done = read(
      State,
      await owner.get(`/api/sessions/${sessionId}/capture?include=segments`),
    ).capture;
    expect(done.status).toBe('ready');
    const speakers = done.speech?.speakers ?? [];
    expect(speakers.map((s) => s.role).sort()).toEqual(['client', 'clinician']);

    const alerts = await openAlerts(sessionId);
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert).toMatchObject({
      kind: 'session_risk',
      severity: 'urgent',
      sessionId,
      administrationId: null,
      clinicianId: owner.user?.id,
    });
    expect(alert?.message).toMatch(/suicidal ideation/);
    // The message names the risk only, never the client's words.
    expect(alert?.message).not.toMatch(/killing|exist|sister/i);
    // Raised in the note's transaction, audited as created by the clinician who stopped.
    const created = (await api.store().audit.list(0, 100_000)).filter(
      (e) => e.recordType === 'alert' && e.action === 'create' && e.recordId === alert?.id,
    );
    expect(created.map((e) => e.actorId)).toEqual([owner.user?.id]);

    // The clinician confirms the speakers' roles: the draft is rewritten (risk still endorsed),
    // and the open alert stays the only one.
    const roles = Object.fromEntries(speakers.map((s) => [s.label, s.role]));
    const relabel = await owner.put(`/api/sessions/${sessionId}/speakers`, { roles });
    expect(relabel.status, relabel.text).toBe(200);
    expect(read(NoteReply, relabel).note.version).toBe(2);
    expect(await endorsedRisks(sessionId)).toContain('suicidal_ideation');
    expect((await openAlerts(sessionId)).map((a) => a.id)).toEqual([alert?.id]);
    expect(await allAlerts(sessionId)).toHaveLength(1);

    // Once acknowledged, the next re-draft that still finds the risk raises a fresh alert (the
    // relabel path raises too; at most one OPEN alert per session).
    const ack = await owner.post(`/api/alerts/${alert?.id ?? ''}/acknowledge`, {});
    expect(ack.status, ack.text).toBe(200);
    expect(await openAlerts(sessionId)).toEqual([]);
    const again = await owner.put(`/api/sessions/${sessionId}/speakers`, { roles });
    expect(again.status, again.text).toBe(200);
    const reopened = await openAlerts(sessionId);
    expect(reopened).toHaveLength(1);
    expect(reopened[0]?.id).not.toBe(alert?.id);
    expect(await allAlerts(sessionId)).toHaveLength(2);
  }, 60_000);

  it('a live session without risk talk raises no alert', async () => {
    const sessionId = await recordLive(calm, '2025-05-07');
    expect(await endorsedRisks(sessionId)).toEqual([]);
    expect(await allAlerts(sessionId)).toEqual([]);
  }, 60_000);
});
