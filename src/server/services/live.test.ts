/**
 * The live session manager with a scripted engine and an in-memory capture service: runs that
 * end (engine or store failures) stop their engine; connects that race a run's end or the
 * server's shutdown; hello figures; whose name the saves are made in; and a crash mid-session
 * (no shutdown) followed by a new manager that resumes at the saved point without losing or
 * repeating a segment; runs left without sockets ended after the idle time (an injected timer),
 * and the per-clinician cap on runs.
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
import type { IdleTimer } from './live-run.js';

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
  saveGate: Promise<void> | undefined;

  private check(actor: Actor, access: 'read' | 'write'): void {
    if (!(access === 'write' ? this.writers : this.readers).has(actor.id)) throw forbidden();
  }

  private view(id = SESSION): CaptureView {
    return {
      sessionId: id,
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

  state(actor: Actor, id = SESSION): Promise<CaptureState> {
    this.check(actor, 'read');
    return Promise.resolve({ ...this.view(id), segments: [...this.segments], speech: null });
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

  async saveLiveSegments(
    actor: Actor,
    _id: string,
    segments: RecognizedSegment[],
    until: number,
  ): Promise<void> {
    this.check(actor, 'write');
    await this.saveGate;
    this.log.push(`save ${segments.length}@${until.toFixed(1)} by ${actor.id}`);
    this.segments = [...segments];
    this.until = until;
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

/** An idle timer fired by hand: what was set, and whether it was cancelled. */
function idleTimers() {
  const set: { fire: () => void; ms: number; cancelled: boolean }[] = [];
  const timer: IdleTimer = (fire, ms) => {
    const t = { fire, ms, cancelled: false };
    set.push(t);
    return {
      cancel: () => {
        t.cancelled = true;
      },
    };
  };
  /** Fire every timer not cancelled (as if the idle time passed). */
  const elapse = (): number => {
    const due = set.splice(0).filter((t) => !t.cancelled);
    for (const t of due) t.fire();
    return due.length;
  };
  return { set, timer, elapse };
}

/** Let pending promise callbacks and I/O callbacks run until `pred` holds. */
async function eventually(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !pred(); i++) {
    await new Promise((done) => setImmediate(done));
  }
  expect(pred()).toBe(true);
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

  it('a run left without sockets is ended after the idle time: saved, engine aborted, forgotten', async () => {
    const capture = new FakeCapture();
    const { runs, engine } = engines();
    const idle = idleTimers();
    const m = manager(capture, engine, { idleTimer: idle.timer, saveEverySegments: 100 });
    const a = new FakeClient();
    const conn = await m.connect(ana, SESSION, a);
    const { frames } = audio(3);
    frames.forEach((f, i) => conn?.frame(encodeFrame(i, f)));
    await a.acked(2);
    await a.until((c) => c.messages.some((x) => x.type === 'segment'));
    expect(idle.set).toHaveLength(0); // a socket is attached: no timer
    conn?.closed();
    expect(idle.set).toHaveLength(1);
    expect(idle.set[0]?.ms).toBe(10 * 60_000); // the default
    expect(capture.log.filter((l) => l.startsWith('save'))).toEqual([]);
    expect(idle.elapse()).toBe(1);
    // Forgotten at once (a connect from now on starts a new run), then shut down.
    expect(m.activeRuns).toBe(0);
    await eventually(() => runs[0]?.signal?.aborted === true);
    await eventually(() => capture.log.includes('save 1@1.8 by ana'));
    expect(capture.until).toBeCloseTo(1.8, 6);
    expect(capture.segments.map((x) => x.text)).toEqual(['w0']);
    await m.shutdown();
    // Nothing saved after the last save.
    expect(capture.log.filter((l) => l.startsWith('save'))).toEqual(['save 1@1.8 by ana']);
  });

  it('a socket that comes back before the idle time keeps the run', async () => {
    const capture = new FakeCapture();
    const { runs, engine } = engines();
    const idle = idleTimers();
    const m = manager(capture, engine, { idleTimer: idle.timer, idleRunMs: 1234 });
    const a = new FakeClient();
    const c1 = await m.connect(ana, SESSION, a);
    const { frames, pcm } = audio(3);
    c1?.frame(encodeFrame(0, frames[0] as Buffer));
    await a.acked(0);
    c1?.closed();
    expect(idle.set.map((t) => t.ms)).toEqual([1234]);
    const b = new FakeClient();
    const c2 = await m.connect(ana, SESSION, b);
    expect(idle.set[0]?.cancelled).toBe(true);
    // A late timer callback (cancelled too late) does not end a run with a socket either.
    idle.set[0]?.fire();
    expect(m.activeRuns).toBe(1);
    c2?.frame(encodeFrame(1, frames[1] as Buffer));
    c2?.frame(encodeFrame(2, frames[2] as Buffer));
    await b.acked(2);
    expect(b.closeCode).toBeNull();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.signal?.aborted).toBe(false);
    await eventually(() => Buffer.concat(runs[0]?.received ?? []).equals(pcm));
    // Two sockets, one leaves: no timer while the other is there.
    const c3 = await m.connect(ana, SESSION, new FakeClient());
    c3?.closed();
    expect(idle.set.filter((t) => !t.cancelled)).toHaveLength(0);
    await m.shutdown();
  });

  it('a connect after the idle end resumes from its last save (waiting for it): no segment lost or repeated', async () => {
    const capture = new FakeCapture();
    const { pcm, frames } = audio(11);
    const { runs, engine } = engines();
    const idle = idleTimers();
    const m = manager(capture, engine, { idleTimer: idle.timer, saveEverySegments: 100 });
    const a = new FakeClient();
    const c1 = await m.connect(ana, SESSION, a);
    for (let s = 0; s < 5; s++) c1?.frame(encodeFrame(s, frames[s] as Buffer));
    await a.acked(4);
    await a.until((c) => c.messages.filter((x) => x.type === 'segment').length === 2);
    c1?.closed();
    // The last save is slow: a connect arriving meanwhile must wait for it, not start from the
    // older stored state (and then have its own save overwritten by the old run's).
    const saveGate = gate();
    capture.saveGate = saveGate.promise;
    idle.elapse();
    expect(m.activeRuns).toBe(0);
    const b = new FakeClient();
    const connecting = m.connect(ana, SESSION, b);
    await eventually(() => runs[0]?.signal?.aborted === false);
    await new Promise((done) => setTimeout(done, 20));
    expect(runs).toHaveLength(1);
    expect(b.messages).toEqual([]);
    saveGate.open();
    capture.saveGate = undefined;
    const c2 = await connecting;
    expect(runs[0]?.signal?.aborted).toBe(true);
    expect(b.hello()).toMatchObject({ lastSeq: 4, segments: [{ text: 'w0' }, { text: 'w1' }] });
    expect(runs[1]?.offsetSec).toBeCloseTo(3.8, 6);
    // The browser resends what it held unacknowledged, then records on, then stops.
    for (let s = 3; s < 11; s++) c2?.frame(encodeFrame(s, frames[s] as Buffer));
    await b.acked(10);
    c2?.message(JSON.stringify({ type: 'stop' }));
    await b.until((c) => c.closeCode !== null);
    expect(b.closeCode).toBe(1000);
    const resumeByte = Math.round(3.8 * PCM_BYTES_PER_SECOND) & ~1;
    expect(Buffer.concat(runs[1]?.received ?? []).equals(pcm.subarray(resumeByte))).toBe(true);
    expect(capture.segments).toEqual(
      [0, 1, 2, 3, 4].map((k) => ({ start: 2 * k + 0.2, end: 2 * k + 1.8, text: `w${k}` })),
    );
    expect(capture.log.filter((l) => l.startsWith('save') || l === 'finish')).toEqual([
      'save 2@3.8 by ana',
      'save 5@11.0 by ana',
      'finish',
    ]);
  });

  it('a clinician with 3 runs is refused a 4th (final 4409 with a message); an idle end frees a place', async () => {
    const capture = new FakeCapture();
    const { runs, engine } = engines();
    const idle = idleTimers();
    const m = manager(capture, engine, { idleTimer: idle.timer });
    const conns = [];
    for (const id of ['s1', 's2', 's3']) {
      const c = new FakeClient();
      conns.push(await m.connect(ana, id, c));
      expect(c.closeCode).toBeNull();
    }
    // Another socket for a session already running is not a new run.
    expect(await m.connect(ana, 's2', new FakeClient())).not.toBeNull();
    const refused = new FakeClient();
    expect(await m.connect(ana, 's4', refused)).toBeNull();
    expect(refused.closeCode).toBe(4409);
    expect(refused.messages).toEqual([
      expect.objectContaining({
        type: 'error',
        code: 'conflict',
        message: 'Too many recordings in progress (at most 3 at once): stop one first.',
      }),
    ]);
    expect(runs).toHaveLength(3);
    expect(m.activeRuns).toBe(3);
    // Someone else's recordings do not count against Ana's.
    expect(await m.connect(anaPhone, 's5', new FakeClient())).not.toBeNull();
    expect(m.activeRuns).toBe(4);
    // s1 abandoned: once it idles out, s4 may start.
    conns[0]?.closed();
    idle.elapse();
    const later = new FakeClient();
    expect(await m.connect(ana, 's4', later)).not.toBeNull();
    expect(later.closeCode).toBeNull();
    expect(runs).toHaveLength(5);
    await m.shutdown();
  });
});
