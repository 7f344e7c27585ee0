/**
 * One live session's engine run (used by the manager in live.ts): its engine's input queue, the
 * transcript so far, and the sockets watching it.
 *
 * Per frame, in order: store it (`CaptureService.appendLiveAudio`, encrypted) → acknowledge it →
 * feed its PCM to the engine. A frame is acknowledged only once it is stored, so the browser keeps
 * every unacknowledged frame and sends it again after a blip; a frame already stored (its seq is
 * not above `lastSeq`) is acknowledged again and not fed twice; a frame after a gap is dropped and
 * the browser is asked to resend from the gap (`resend`).
 *
 * Each recognised segment is embedded (speaker clustering at the end) from the last few minutes
 * of audio kept in memory, sent to every socket of the session, and saved with the others every
 * few segments or seconds, with the resume point `transcribedUntilSec` (the end of the last
 * segment: everything before it is final).
 *
 * A run started after a restart begins at `transcribedUntilSec` and is first fed the stored audio
 * after that point. Stop: end the engine's input, wait for its last segments, save them, and
 * `finishLive` (speakers, roles, analysis, draft note) → `done` with the note's id. A run that
 * ends any other way (its engine or the store failed, the server is stopping) aborts its engine.
 *
 * A run no socket watches (every one closed, none came back: a recording abandoned without Stop)
 * is ended after `idleRunMs` (default 10 minutes) by the manager, like a server stop ends it: its
 * last save, then its engine aborted. After a run's last save it saves nothing more, so a later
 * run of the session (started from that save) is never overwritten by it.
 */
import { isDocscribError } from '../../core/errors.js';
import { segmentEmbedding } from '../../speech/diarize/embedding.js';
import { pcmQueue } from '../../speech/audio/pcm-queue.js';
import { PCM_BYTES_PER_SECOND, type SpeechEngine } from '../../speech/engine.js';
import type { RecognizedSegment } from '../../speech/schema.js';
import { isApiError } from '../errors.js';
import type { Logger } from '../ports.js';
import type { Actor } from './access.js';
import type { CaptureService, CaptureState, CaptureStatus } from './capture.js';
import { LIVE_CLOSE, type ServerMessage } from './live-protocol.js';
import { PcmWindow } from './live-window.js';

/** One connected socket, as the manager sees it. */
export interface LiveClient {
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

/** What the manager asks of the capture service (a structural type, so tests can fake it). */
export type LiveCapture = Pick<
  CaptureService,
  | 'state'
  | 'status'
  | 'appendLiveAudio'
  | 'setLiveStatus'
  | 'saveLiveSegments'
  | 'readLiveAudio'
  | 'finishLive'
>;

/** What a run needs (the manager's options without the engine choice). */
export interface LiveRunOptions {
  capture: LiveCapture;
  logger: Logger;
  /** Seconds of recent audio kept in memory for speaker embeddings (default 300). */
  windowSec?: number;
  /** Save the transcript after this many new segments (default 3)… */
  saveEverySegments?: number;
  /** …or this long after the first unsaved one (default 5 s). */
  saveEveryMs?: number;
  /** A run without sockets for this long is ended (default 10 minutes). */
  idleRunMs?: number;
  /** The idle timer (tests fire it by hand); default setTimeout, unref'd. */
  idleTimer?: IdleTimer;
}

/** Calls `fire` after `ms` unless cancelled. */
export type IdleTimer = (fire: () => void, ms: number) => { cancel(): void };

/** Ten minutes. */
export const DEFAULT_IDLE_RUN_MS = 10 * 60_000;

const nodeIdleTimer: IdleTimer = (fire, ms) => {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return {
    cancel: () => {
      clearTimeout(timer);
    },
  };
};

export type ErrorMessage = Extract<ServerMessage, { type: 'error' }>;

/** How long a stopping server waits for a run's current operation, and for its aborted engine. */
const SHUTDOWN_WAIT_MS = 3000;

export interface FrameReply {
  ack: (seq: number) => void;
  gap: (fromSeq: number) => void;
  fail: (message: ErrorMessage, closeCode: number) => void;
}

/** One session's engine run: its input queue, transcript so far and sockets. */
export class LiveRun {
  private readonly clients = new Set<LiveClient>();
  private readonly queue = pcmQueue();
  private readonly abort = new AbortController();
  private readonly window: PcmWindow;
  private readonly sessionId: string;
  /** Operations (frames, pause, resume, stop) one after the other, in arrival order. */
  private chain: Promise<void> = Promise.resolve();
  private saveChain: Promise<void> = Promise.resolve();
  private saveTimer: NodeJS.Timeout | undefined;
  private unsaved = 0;
  private status: CaptureStatus;
  private lastSeq: number;
  /** Bytes of audio stored (the session's audio time × bytes per second). */
  private audioBytes = 0;
  private segments: RecognizedSegment[];
  private embeddings: (number[] | null)[];
  private transcribedUntilSec: number;
  private transcribing: Promise<RecognizedSegment[]> | undefined;
  private ending = false;
  private gone = false;
  /** The last save is queued: no save after it (a newer run of the session may be saving). */
  private sealed = false;
  /** The shutdown in progress (server stopping, or idle): settles after the last save. */
  private shuttingDown: Promise<void> | undefined;
  private idle: { cancel(): void } | undefined;
  /**
   * Who the run's saves are made as: who started it, then whoever last stored a frame or changed
   * its status (they have write access); never someone who only connected.
   */
  private actor: Actor;

  constructor(
    private readonly initial: CaptureState,
    private readonly engine: SpeechEngine,
    actor: Actor,
    private readonly opts: LiveRunOptions,
    private readonly onGone: () => void,
    /** No socket for `idleRunMs`: the manager forgets the run, then shuts it down. */
    private readonly onIdle: () => void = () => undefined,
  ) {
    this.sessionId = initial.sessionId;
    this.status = initial.status;
    this.lastSeq = initial.lastSeq;
    this.segments = [...initial.segments];
    this.embeddings = initial.segments.map(() => null);
    this.transcribedUntilSec = initial.transcribedUntilSec;
    this.window = new PcmWindow(opts.windowSec ?? 300, initial.transcribedUntilSec);
    this.actor = actor;
    // What the store counted; the replay of the stored audio (start) sets the exact figure.
    this.audioBytes = Math.round(initial.audioSeconds * PCM_BYTES_PER_SECOND) & ~1;
  }

  /** The run has ended (stopped, failed, or the server is stopping): it takes no socket. */
  get isGone(): boolean {
    return this.gone;
  }

  /** Resolves once the run's queued saves are written (a run that ended: its last save). */
  async settled(): Promise<void> {
    await this.shuttingDown;
    await this.saveChain;
  }

  /** Start the engine at the resume point and feed it the stored audio after it (first op). */
  start(): void {
    const actor = this.actor;
    const offsetSec = this.transcribedUntilSec;
    this.transcribing = this.engine.transcribe(this.queue.iterable, {
      signal: this.abort.signal,
      offsetSec,
      onSegment: (segment) => {
        this.onSegment(segment);
      },
    });
    this.transcribing.catch((e: unknown) => {
      if (this.ending || this.gone) return;
      this.fail(errorMessageOf(e, 'transcribe the audio', this.opts.logger));
    });
    if (this.lastSeq < 0) return;
    this.enqueue(async () => {
      const resumeByte = Math.round(offsetSec * PCM_BYTES_PER_SECOND) & ~1;
      // The stored segments' embeddings are not kept in memory across a restart: compute them
      // again while the stored audio streams past (a window, not the whole recording).
      const before = new PcmWindow(this.opts.windowSec ?? 300, 0);
      let next = 0;
      let at = 0;
      for await (const { seq, pcm } of this.opts.capture.readLiveAudio(actor, this.sessionId, 0)) {
        if (seq > this.lastSeq || this.gone) break;
        const end = at + pcm.length;
        if (at < resumeByte) {
          before.append(pcm.subarray(0, Math.min(pcm.length, resumeByte - at)));
          next = this.embedStored(before, next, false);
        }
        if (end > resumeByte) {
          const part = at >= resumeByte ? pcm : pcm.subarray(resumeByte - at);
          this.window.append(part);
          this.queue.push(part);
        }
        at = end;
      }
      if (this.gone) return;
      this.embedStored(before, next, true);
      this.audioBytes = at;
    });
  }

  /**
   * Embed the stored segments from index `next` on whose audio `held` has (all of it, or what is
   * left when `last`); returns the next index to embed.
   */
  private embedStored(held: PcmWindow, next: number, last: boolean): number {
    let i = next;
    for (; i < this.initial.segments.length; i++) {
      const segment = this.initial.segments[i];
      if (!segment || (!last && segment.end > held.endSec)) break;
      this.embeddings[i] = this.embed(held, segment);
    }
    return i;
  }

  private embed(held: PcmWindow, segment: RecognizedSegment): number[] | null {
    const span = held.slice(segment.start, segment.end);
    if (!span) return null;
    try {
      const e = segmentEmbedding(span.pcm, segment, span.startSec);
      return e ? Array.from(e) : null;
    } catch (e) {
      this.opts.logger.error(
        `live: could not embed a segment: ${e instanceof Error ? e.name : 'error'}`,
      );
      return null;
    }
  }

  attach(client: LiveClient): void {
    this.idle?.cancel();
    this.idle = undefined;
    this.clients.add(client);
    client.send({
      type: 'hello',
      status: this.status,
      lastSeq: this.lastSeq,
      segments: this.segments,
      engine: this.engine.id,
      quality: this.engine.quality,
      model: this.engine.model,
      audioSeconds: this.audioBytes / PCM_BYTES_PER_SECOND,
    });
  }

  detach(client: LiveClient): void {
    this.clients.delete(client);
    if (this.clients.size > 0 || this.idle !== undefined || this.ending || this.gone) return;
    this.idle = (this.opts.idleTimer ?? nodeIdleTimer)(() => {
      this.idle = undefined;
      if (this.clients.size > 0 || this.ending || this.gone) return;
      this.onIdle();
    }, this.opts.idleRunMs ?? DEFAULT_IDLE_RUN_MS);
  }

  frame(actor: Actor, seq: number, pcm: Buffer, reply: FrameReply): void {
    this.enqueue(async () => {
      if (seq <= this.lastSeq) {
        reply.ack(seq); // stored already (a resend after a blip): not fed twice
        return;
      }
      if (this.ending || this.gone) {
        reply.fail(notRecording(), LIVE_CLOSE.notRecording);
        return;
      }
      if (seq > this.lastSeq + 1) {
        reply.gap(this.lastSeq + 1);
        return;
      }
      let stored: number;
      try {
        ({ lastSeq: stored } = await this.opts.capture.appendLiveAudio(
          actor,
          this.sessionId,
          seq,
          pcm,
        ));
      } catch (e) {
        const message = errorMessageOf(e, 'store an audio frame', this.opts.logger);
        reply.fail(message, message.code === 'conflict' ? LIVE_CLOSE.notRecording : 1011);
        return;
      }
      this.actor = actor;
      this.lastSeq = seq;
      this.audioBytes += pcm.length;
      // Copy: the frame is a view on the socket's message buffer.
      const own = Buffer.from(pcm);
      this.window.append(own);
      this.queue.push(own);
      // The store holds frames after this one already (stored ahead of a gap, e.g. by another
      // socket): feed them too, so the engine's audio is the store's, and acknowledge them.
      if (stored > seq) await this.feedStored(actor, stored);
      reply.ack(this.lastSeq);
    });
  }

  /** Feed the stored frames after `lastSeq` up to `until` (in order, stopping at a gap). */
  private async feedStored(actor: Actor, until: number): Promise<void> {
    for await (const { seq, pcm } of this.opts.capture.readLiveAudio(
      actor,
      this.sessionId,
      this.lastSeq + 1,
    )) {
      if (seq !== this.lastSeq + 1 || seq > until || this.gone) break;
      this.window.append(pcm);
      this.queue.push(pcm);
      this.lastSeq = seq;
      this.audioBytes += pcm.length;
    }
  }

  control(actor: Actor, type: 'pause' | 'resume' | 'stop', client: LiveClient): void {
    this.enqueue(async () => {
      if (this.ending || this.gone) return;
      try {
        if (type === 'stop') {
          await this.stop(actor);
          return;
        }
        const status = type === 'pause' ? 'paused' : 'recording';
        await this.opts.capture.setLiveStatus(actor, this.sessionId, status);
        this.actor = actor;
        this.status = status;
        this.broadcast({ type: 'status', status });
        if (status === 'paused') this.save();
      } catch (e) {
        client.send(errorMessageOf(e, `${type} the recording`, this.opts.logger));
      }
    });
  }

  /**
   * Server stopping, or no socket for `idleRunMs`: save, stop the engine (the rest is fed again
   * to the next run of the session, from the saved resume point).
   */
  shutdown(): Promise<void> {
    if (this.gone) return this.shuttingDown ?? Promise.resolve();
    this.gone = true;
    this.shuttingDown = this.shutDown();
    return this.shuttingDown;
  }

  private async shutDown(): Promise<void> {
    this.idle?.cancel();
    this.idle = undefined;
    // The operation in progress (a frame being stored, the stored audio being replayed) still
    // uses the store: let it finish, for a bounded time, before the last save.
    await withinShutdownWait(this.chain);
    this.save();
    this.sealed = true;
    await this.saveChain;
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.abort.abort();
    this.queue.end();
    for (const c of this.clients) c.close(1001, 'server stopping');
    this.clients.clear();
    // The engine was aborted; do not let a slow child process hold up the server's shutdown.
    await withinShutdownWait(this.transcribing);
  }

  private async stop(actor: Actor): Promise<void> {
    this.ending = true;
    this.actor = actor;
    this.status = 'drafting';
    this.broadcast({ type: 'status', status: 'drafting' });
    this.queue.end();
    try {
      await this.transcribing;
      this.transcribedUntilSec = Math.max(
        this.transcribedUntilSec,
        this.audioBytes / PCM_BYTES_PER_SECOND,
      );
      this.save();
      await this.saveChain;
      const { note } = await this.opts.capture.finishLive(actor, this.sessionId);
      this.broadcast({ type: 'done', noteId: note.id });
      for (const c of this.clients) c.close(1000, 'done');
    } catch (e) {
      this.broadcast(errorMessageOf(e, 'write the draft note', this.opts.logger));
      for (const c of this.clients) c.close(1011, 'error');
    } finally {
      this.end();
    }
  }

  private onSegment(segment: RecognizedSegment): void {
    if (this.sealed) return; // after the last save: the next run recognises it again
    if (segment.end <= this.initial.transcribedUntilSec && this.initial.transcribedUntilSec > 0) {
      return; // before the resume point: the stored transcript has it
    }
    const embedding = this.embed(this.window, segment);
    this.segments.push(segment);
    this.embeddings.push(embedding);
    this.transcribedUntilSec = Math.max(this.transcribedUntilSec, segment.end);
    this.broadcast({ type: 'segment', segment });
    this.unsaved++;
    if (this.unsaved >= (this.opts.saveEverySegments ?? 3)) {
      this.save();
    } else if (this.saveTimer === undefined) {
      this.saveTimer = setTimeout(() => {
        this.save();
      }, this.opts.saveEveryMs ?? 5000);
      this.saveTimer.unref();
    }
  }

  /** Save the transcript so far (queued behind earlier saves; failures are logged). */
  private save(): void {
    if (this.sealed) return;
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.unsaved = 0;
    const segments = [...this.segments];
    const embeddings = [...this.embeddings];
    const until = this.transcribedUntilSec;
    const actor = this.actor;
    this.saveChain = this.saveChain.then(() =>
      this.opts.capture
        .saveLiveSegments(actor, this.sessionId, segments, until, embeddings)
        .catch((e: unknown) => {
          this.opts.logger.error(
            `live: could not save the transcript: ${e instanceof Error ? e.name : 'error'}`,
          );
        }),
    );
  }

  private fail(message: ErrorMessage): void {
    if (this.gone) return; // shut down already (an op that failed after the bounded wait)
    this.save();
    this.broadcast(message);
    for (const c of this.clients) c.close(1011, 'engine failed');
    this.end();
  }

  /** The run is over: stop its engine (process, fifo) and forget it. */
  private end(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.idle?.cancel();
    this.idle = undefined;
    this.sealed = true;
    this.gone = true;
    this.abort.abort();
    this.queue.end();
    this.clients.clear();
    this.onGone();
  }

  private enqueue(op: () => Promise<void>): void {
    this.chain = this.chain.then(op).catch((e: unknown) => {
      this.fail(errorMessageOf(e, 'handle the recording', this.opts.logger));
    });
  }

  private broadcast(message: ServerMessage): void {
    for (const c of this.clients) c.send(message);
  }
}

/** Settle `p` (its failure ignored) or give up after SHUTDOWN_WAIT_MS. */
async function withinShutdownWait(p: Promise<unknown> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p?.catch(() => undefined),
    new Promise<void>((done) => {
      timer = setTimeout(done, SHUTDOWN_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
}

function notRecording(): ErrorMessage {
  return {
    type: 'error',
    code: 'conflict',
    message: 'This session is no longer recording.',
    hint: 'Open the session from the client page to see its note.',
  };
}

/**
 * What to tell the browser about a failure: an API or DocScrib error says what and what to do
 * (their messages carry no PHI); anything else is logged by name and reported generically.
 */
export function errorMessageOf(e: unknown, doing: string, logger: Logger): ErrorMessage {
  if (isApiError(e)) {
    return { type: 'error', code: e.code, message: e.message, hint: e.hint ?? '' };
  }
  if (isDocscribError(e)) {
    return { type: 'error', code: e.code, message: e.message, hint: e.hint };
  }
  logger.error(`live: could not ${doing}: ${e instanceof Error ? e.name : 'error'}`);
  return {
    type: 'error',
    code: 'internal',
    message: `The server could not ${doing}.`,
    hint: 'The audio received so far is kept. Try again in a moment; if it keeps happening, tell your administrator.',
  };
}
