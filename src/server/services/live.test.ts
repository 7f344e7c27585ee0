/**
 * The live session manager with a scripted engine and an in-memory capture service: runs that
 * end (engine or store failures) stop their engine; connects that race a run's end or the
 * server's shutdown; hello figures; whose name the saves are made in; and a crash mid-session
 * (no shutdown) followed by a new manager that resumes at the saved point without losing or
 * repeating a segment.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PCM_BYTES_PER_SECOND, type SpeechEngine } from '../../speech/engine.js';
import type { RecognizedSegment } from '../../speech/schema.js';
import type { ProgressNote, Session } from '../domain/schemas.js';
import { ApiError, forbidden } from '../errors.js';
import type { Actor } from './access.js';
import type { CaptureState, CaptureStatus, CaptureView } from './capture.js';
import { encodeFrame, LiveSessionManager, type LiveCapture, type LiveClient } from './live.js';
import type { ServerMessage } from './live-protocol.js';

const SESSION = 'sess-1';
const ana: Actor = { id: 'ana', role: 'clinician', superviseeIds: [] };
const anaPhone: Actor = { id: 'ana-2', role: 'clinician', superviseeIds: [] };
const sue: Actor = { id: 'sue', role: 'supervisor', superviseeIds: ['ana'] };
const quiet = { info: () => undefined, error: () => undefined };

/** A promise and its resolver. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((done) => {
    open = done;
  });
  return { promise, open };
}

/** The capture service's live side in memory, with the real one's rules for frames. */
class FakeCapture implements LiveCapture {
  status_: CaptureStatus = 'recording';
  chunks = new Map<number, Buffer>();
  lastSeq = -1;
  audioSeconds = 0;
  segments: RecognizedSegment[] = [];
  until = 0;
  writers = new Set(['ana', 'ana-2']);
  readers = new Set(['ana', 'ana-2', 'sue']);
  /** What happened, in order ("append 3", "save 2@3.8 by ana", "finish"). */
  log: string[] = [];
  readFails = false;
  readGate: Promise<void> | undefined;
  appendGate: Promise<void> | undefined;
  finishGate: Promise<void> | undefined;

  private check(actor: Actor, access: 'read' | 'write'): void {
    if (!(access === 'write' ? this.writers : this.readers).has(actor.id)) throw forbidden();
  }

  private view(): CaptureView {
    return {
      sessionId: SESSION,
      mode: 'live',
      status: this.status_,
      engine: 'pocketsphinx',
      quality: 'draft',
      model: null,
      lastSeq: this.lastSeq,
      audioSeconds: this.audioSeconds,
      transcribedUntilSec: this.until,
      progress: null,
      error: null,
      noteId: this.status_ === 'ready' ? 'note-1' : null,
    };
  }

  status(actor: Actor, _id: string, access: 'read' | 'write' = 'read'): Promise<CaptureView> {
    this.check(actor, access);
    return Promise.resolve(this.view());
  }

  state(actor: Actor): Promise<CaptureState> {
    this.check(actor, 'read');
    return Promise.resolve({ ...this.view(), segments: [...this.segments], speech: null });
  }

  async appendLiveAudio(actor: Actor, _id: string, seq: number, pcm: Buffer) {
    this.check(actor, 'write');
    await this.appendGate;
    if (this.status_ !== 'recording' && this.status_ !== 'paused') {
      throw new ApiError('conflict', 'not recording');
    }
    this.log.push(`append ${seq}`);
    if (!this.chunks.has(seq)) {
      this.chunks.set(seq, Buffer.from(pcm));
      this.audioSeconds += pcm.length / PCM_BYTES_PER_SECOND;
    }
    while (this.chunks.has(this.lastSeq + 1)) this.lastSeq++;
    return { lastSeq: this.lastSeq };
  }

  setLiveStatus(actor: Actor, _id: string, status: 'recording' | 'paused'): Promise<void> {
    this.check(actor, 'write');
    this.status_ = status;
    return Promise.resolve();
  }

  saveLiveSegments(
    actor: Actor,
    _id: string,
    segments: RecognizedSegment[],
    until: number,
  ): Promise<void> {
    this.check(actor, 'write');
    this.log.push(`save ${segments.length}@${until.toFixed(1)} by ${actor.id}`);
    this.segments = [...segments];
    this.until = until;
    return Promise.resolve();
  }

  async *readLiveAudio(
    actor: Actor,
    _id: string,
    fromSeq: number,
  ): AsyncIterable<{ seq: number; pcm: Buffer }> {
    this.check(actor, 'write');
    await this.readGate;
    if (this.readFails) throw new Error('store closed');
    const seqs = [...this.chunks.keys()].filter((s) => s >= fromSeq).sort((a, b) => a - b);
    for (const seq of seqs) yield { seq, pcm: this.chunks.get(seq) as Buffer };
  }

  async finishLive(actor: Actor): Promise<{ session: Session; note: ProgressNote }> {
    this.check(actor, 'write');
    await this.finishGate;
    this.log.push('finish');
    this.status_ = 'ready';
    return { session: {} as Session, note: { id: 'note-1' } as ProgressNote };
  }
}

interface EngineRun {
  signal: AbortSignal | undefined;
  offsetSec: number;
  received: Buffer[];
}

/**
 * A scripted engine: segment k spans 2k+0.2 … 2k+1.8 s of the session and is recognised once its
 * 2 s are in; a run starting at `offsetSec` recognises only the segments starting after it.
 * `failFirst`: the first run fails at once.
 */
function engines(opts: { failFirst?: boolean } = {}) {
  const runs: EngineRun[] = [];
  const engine: SpeechEngine = {
    id: 'pocketsphinx',
    quality: 'draft',
    model: 'scripted',
    check: () => Promise.resolve(),
    async transcribe(pcm, o = {}) {
      const run: EngineRun = { signal: o.signal, offsetSec: o.offsetSec ?? 0, received: [] };
      runs.push(run);
      if (opts.failFirst && runs.length === 1) throw new Error('engine crashed');
      const out: RecognizedSegment[] = [];
      let at = run.offsetSec;
      let k = Math.max(0, Math.ceil((run.offsetSec - 0.2) / 2 - 1e-9));
      for await (const b of pcm) {
        run.received.push(b);
        at += b.length / PCM_BYTES_PER_SECOND;
        while (at >= 2 * k + 2 - 1e-9) {
          const segment = { start: 2 * k + 0.2, end: 2 * k + 1.8, text: `w${k}` };
          out.push(segment);
          o.onSegment?.(segment);
          k++;
        }
      }
      if (o.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      return out;
    },
  };
  return { runs, engine };
}

/** A socket as the manager sees it, collecting what it is sent. */
class FakeClient implements LiveClient {
  messages: ServerMessage[] = [];
  closeCode: number | null = null;
  private waiters: (() => void)[] = [];

  send(m: ServerMessage): void {
    this.messages.push(m);
    for (const w of this.waiters.splice(0)) w();
  }

  close(code: number): void {
    this.closeCode ??= code;
    for (const w of this.waiters.splice(0)) w();
  }

  async until(pred: (c: FakeClient) => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!pred(this)) {
      if (Date.now() > deadline) throw new Error('the expected message never came');
      await new Promise<void>((done) => {
        const timer = setTimeout(done, 2000);
        this.waiters.push(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  acked(seq: number): Promise<void> {
    return this.until((c) => c.messages.some((m) => m.type === 'ack' && m.seq >= seq));
  }

  hello(): Extract<ServerMessage, { type: 'hello' }> | undefined {
    return this.messages.find(
      (m): m is Extract<ServerMessage, { type: 'hello' }> => m.type === 'hello',
    );
  }
}

function manager(capture: FakeCapture, engine: SpeechEngine, extra = {}) {
  return new LiveSessionManager({
    capture,
    engineFor: () => engine,
    logger: quiet,
    saveEveryMs: 60_000,
    ...extra,
  });
}

/** `seconds` of distinct-looking PCM (random samples), cut into 1 s frames. */
function audio(seconds: number): { pcm: Buffer; frames: Buffer[] } {
  const pcm = randomBytes(seconds * PCM_BYTES_PER_SECOND);
  const frames: Buffer[] = [];
  for (let at = 0; at < pcm.length; at += PCM_BYTES_PER_SECOND) {
    frames.push(pcm.subarray(at, at + PCM_BYTES_PER_SECOND));
  }
  return { pcm, frames };
}

describe('LiveSessionManager', () => {
  it('a run whose stored-audio replay fails stops its engine and is forgotten', async () => {
    const capture = new FakeCapture();
    capture.chunks.set(0, Buffer.alloc(PCM_BYTES_PER_SECOND));
    capture.lastSeq = 0;
    capture.audioSeconds = 1;
    capture.readFails = true;
    const { runs, engine } = engines();
    const m = manager(capture, engine);
    const client = new FakeClient();
    const conn = await m.connect(ana, SESSION, client);
    expect(conn).not.toBeNull();
    await client.until((c) => c.closeCode !== null);
    expect(client.closeCode).toBe(1011);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.signal?.aborted).toBe(true);
    expect(m.activeRuns).toBe(0);
  });

  it('a connect whose run ended while it waited gets a fresh run (frames acknowledged, not 4409)', async () => {
    const capture = new FakeCapture();
    const { runs, engine } = engines({ failFirst: true });
    const m = manager(capture, engine);
    const client = new FakeClient();
    const conn = await m.connect(ana, SESSION, client);
    expect(conn).not.toBeNull();
    conn?.frame(encodeFrame(0, Buffer.alloc(PCM_BYTES_PER_SECOND)));
    await client.acked(0);
    expect(client.closeCode).toBeNull();
    expect(runs).toHaveLength(2);
    expect(runs[0]?.signal?.aborted).toBe(true);
    expect(m.activeRuns).toBe(1);
    await m.shutdown();
  });

  it('a connect racing the shutdown starts no run; the shutdown waits for the frame being stored before its save', async () => {
    const capture = new FakeCapture();
    const { runs, engine } = engines();
    const engineGate = gate();
    const m = manager(capture, engine, {
      engineFor: async () => {
        await engineGate.promise;
        return engine;
      },
    });
    const late = new FakeClient();
    const connecting = m.connect(ana, SESSION, late);
    const stopping = m.shutdown();
    engineGate.open();
    expect(await connecting).toBeNull();
    await stopping;
    expect(late.closeCode).toBe(1001);
    expect(runs).toHaveLength(0);
    expect(m.activeRuns).toBe(0);

    const capture2 = new FakeCapture();
    const two = engines();
    const m2 = manager(capture2, two.engine);
    const client = new FakeClient();
    const conn = await m2.connect(ana, SESSION, client);
    const appendGate = gate();
    capture2.appendGate = appendGate.promise;
    conn?.frame(encodeFrame(0, Buffer.alloc(PCM_BYTES_PER_SECOND)));
    const down = m2.shutdown();
    await new Promise((done) => setTimeout(done, 20));
    appendGate.open();
    await down;
    expect(capture2.log).toEqual(['append 0', 'save 0@0.0 by ana']);
    expect(two.runs[0]?.signal?.aborted).toBe(true);
  });

  it('hello: the stored audio time before the replay ends, and drafting once a stop began', async () => {
    const capture = new FakeCapture();
    const { frames } = audio(3);
    frames.forEach((f, i) => capture.chunks.set(i, f));
    capture.lastSeq = 2;
    capture.audioSeconds = 3;
    const readGate = gate();
    capture.readGate = readGate.promise;
    const { engine } = engines();
    const m = manager(capture, engine);
    const a = new FakeClient();
    const conn = await m.connect(ana, SESSION, a);
    expect(a.hello()).toMatchObject({ status: 'recording', lastSeq: 2, audioSeconds: 3 });
    readGate.open();
    const finishGate = gate();
    capture.finishGate = finishGate.promise;
    conn?.message(JSON.stringify({ type: 'stop' }));
    await a.until((c) => c.messages.some((x) => x.type === 'status' && x.status === 'drafting'));
    const b = new FakeClient();
    await m.connect(ana, SESSION, b);
    expect(b.hello()).toMatchObject({ status: 'drafting', audioSeconds: 3 });
    finishGate.open();
    await a.until((c) => c.closeCode !== null);
    expect(a.messages).toContainEqual({ type: 'done', noteId: 'note-1' });
  });

  it('saves are made as who records, not as who connected last; read access opens no socket', async () => {
    const capture = new FakeCapture();
    const { engine } = engines();
    const m = manager(capture, engine, { saveEverySegments: 1 });
    // A supervisor (read access only) is refused before any run starts.
    await expect(m.connect(sue, SESSION, new FakeClient())).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(m.activeRuns).toBe(0);
    const a = new FakeClient();
    const conn = await m.connect(ana, SESSION, a);
    // Ana's second device connects but sends nothing.
    await m.connect(anaPhone, SESSION, new FakeClient());
    const { frames } = audio(2);
    frames.forEach((f, i) => conn?.frame(encodeFrame(i, f)));
    await a.acked(1);
    await a.until((c) => c.messages.some((x) => x.type === 'segment'));
    await m.shutdown();
    const saves = capture.log.filter((l) => l.startsWith('save'));
    expect(saves.length).toBeGreaterThan(0);
    expect(saves.every((l) => l.endsWith('by ana'))).toBe(true);
  });

  it('frames the store holds after a gap are fed and acknowledged with the frame that fills it', async () => {
    const capture = new FakeCapture();
    const { frames, pcm } = audio(3);
    // Frames 1 and 2 arrived first (stored ahead of the gap at 0).
    capture.chunks.set(1, frames[1] as Buffer);
    capture.chunks.set(2, frames[2] as Buffer);
    const { runs, engine } = engines();
    const m = manager(capture, engine);
    const a = new FakeClient();
    const conn = await m.connect(ana, SESSION, a);
    conn?.frame(encodeFrame(0, frames[0] as Buffer));
    await a.acked(2);
    await m.shutdown();
    expect(Buffer.concat(runs[0]?.received ?? []).equals(pcm)).toBe(true);
  });

  it('a crash after a save: a new manager resumes at the saved point; no segment lost or repeated', async () => {
    const capture = new FakeCapture();
    const { pcm, frames } = audio(11);
    const first = engines();
    const m1 = manager(capture, first.engine, { saveEverySegments: 2 });
    const a = new FakeClient();
    const c1 = await m1.connect(ana, SESSION, a);
    for (let s = 0; s < 7; s++) c1?.frame(encodeFrame(s, frames[s] as Buffer));
    await a.acked(6);
    // Segments w0, w1 saved (resume point 3.8 s); w2 recognised but not saved yet.
    await a.until((c) => c.messages.filter((x) => x.type === 'segment').length === 3);
    expect(capture.until).toBeCloseTo(3.8, 6);
    expect(capture.segments.map((s) => s.text)).toEqual(['w0', 'w1']);
    // The process dies: no shutdown, m1 is simply dropped.

    const second = engines();
    const m2 = manager(capture, second.engine, { saveEverySegments: 2 });
    const b = new FakeClient();
    const c2 = await m2.connect(ana, SESSION, b);
    expect(b.hello()).toMatchObject({ lastSeq: 6 });
    for (let s = 5; s < 11; s++) c2?.frame(encodeFrame(s, frames[s] as Buffer));
    await b.acked(10);
    c2?.message(JSON.stringify({ type: 'stop' }));
    await b.until((c) => c.closeCode !== null);
    expect(b.closeCode).toBe(1000);

    // The engine was fed the stored audio from the resume point's byte on, then the new frames.
    const resumeByte = Math.round(3.8 * PCM_BYTES_PER_SECOND) & ~1;
    expect(second.runs[0]?.offsetSec).toBeCloseTo(3.8, 6);
    expect(Buffer.concat(second.runs[0]?.received ?? []).equals(pcm.subarray(resumeByte))).toBe(
      true,
    );
    expect(capture.segments).toEqual(
      [0, 1, 2, 3, 4].map((k) => ({ start: 2 * k + 0.2, end: 2 * k + 1.8, text: `w${k}` })),
    );
    expect(capture.log.at(-1)).toBe('finish');
  });
});
