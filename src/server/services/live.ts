/**
 * Live sessions: the browser streams audio frames over a WebSocket (http/live.ts); this manager
 * keeps, per recording session, ONE engine run (live-run.ts) that turns them into a transcript as
 * the session goes, and writes the draft note when the clinician stops.
 *
 * A server restart loses no stored audio: when a socket connects to a session that is recording
 * or paused and no run is in memory, a new run starts at `transcribedUntilSec` and is first fed
 * the stored audio after that point; the browser then resends the frames it holds unacknowledged.
 * A connect never joins a run that has ended (it reads the capture again), and none starts once
 * the server is stopping.
 *
 * A run left without sockets for `idleRunMs` (a recording abandoned without Stop) is ended: it is
 * removed from the map first, then shut down like at a server stop (last save, engine aborted).
 * Until that last save is written, a connect for the session waits for it; then it reads the
 * capture again and starts a fresh run from the saved resume point, so the old run's save never
 * lands after the new run's. Each clinician has at most `maxRunsPerActor` runs at once (default 3):
 * a connect that would start one more is refused (4409, final in the browser, with a message).
 */
import type { SpeechEngine } from '../../speech/engine.js';
import type { Actor } from './access.js';
import type { CaptureState, CaptureStatus } from './capture.js';
import {
  ClientMessageSchema,
  FRAME_HEADER_BYTES,
  LIVE_CLOSE,
  type ServerMessage,
} from './live-protocol.js';
import {
  DEFAULT_IDLE_RUN_MS,
  errorMessageOf,
  LiveRun,
  type ErrorMessage,
  type LiveClient,
  type LiveRunOptions,
} from './live-run.js';

export type { LiveCapture, LiveClient } from './live-run.js';

export interface LiveManagerOptions extends LiveRunOptions {
  /** The engine for a capture (the practice's engine, chosen when the capture started). */
  engineFor: (state: CaptureState) => SpeechEngine | Promise<SpeechEngine>;
  /** Runs one actor may have at once (default 3); their next recording is refused. */
  maxRunsPerActor?: number;
}

export const DEFAULT_MAX_RUNS_PER_ACTOR = 3;

/** A run in the map, and who started it (the per-actor cap counts these). */
interface RunEntry {
  ownerId: string;
  run: Promise<LiveRun>;
}

/** How often a connect starts a fresh run when the run it got ended meanwhile. */
const CONNECT_ATTEMPTS = 3;

const ACTIVE: ReadonlySet<CaptureStatus> = new Set<CaptureStatus>(['recording', 'paused']);

export class LiveSessionManager {
  private readonly runs = new Map<string, RunEntry>();
  /** Idle runs removed from `runs` whose shutdown (last save) is not over yet. */
  private readonly draining = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly opts: LiveManagerOptions) {}

  /**
   * A socket of `actor` for session `sessionId` (the capture service decides whether they may:
   * it throws the not_found / forbidden ApiError otherwise). Sends `hello` (and `done` when the
   * note already exists). Returns the connection to feed messages to, or null when the session
   * is not recording (the socket has been told why and closed).
   */
  async connect(
    actor: Actor,
    sessionId: string,
    client: LiveClient,
  ): Promise<LiveConnection | null> {
    if (this.isClosed()) return stopping(client);
    // The socket records: write access (a supervisor's read access never opens a run).
    await this.opts.capture.status(actor, sessionId, 'write');
    for (let attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
      await this.draining.get(sessionId);
      const state = await this.opts.capture.state(actor, sessionId);
      if (this.isClosed()) return stopping(client);
      if (this.draining.has(sessionId) && !this.runs.has(sessionId)) {
        // An idle run ended while the capture was read: its last save is not in `state` yet.
        await this.draining.get(sessionId);
        continue;
      }
      if (!ACTIVE.has(state.status) && !this.runs.has(sessionId)) {
        notActive(client, state);
        return null;
      }
      let run: LiveRun;
      try {
        run = await this.runFor(actor, state);
      } catch (e) {
        if (this.isClosed()) return stopping(client);
        if (e instanceof TooManyRuns) {
          tooManyRuns(client, e);
          return null;
        }
        client.send(this.errorMessage(e, 'start the transcription'));
        client.close(1011, 'engine');
        return null;
      }
      if (this.isClosed()) return stopping(client);
      if (run.isGone) {
        // It ended while this connect waited for it (its engine failed, or a stop finished):
        // once its last save is in, read the capture again (a stopped one says done; a
        // recording one gets a fresh run from the saved resume point).
        await run.settled();
        continue;
      }
      run.attach(client);
      return new LiveConnection(run, actor, client);
    }
    // Still no live run: the browser reconnects (1011 is not final, unlike 4409).
    client.send({
      type: 'error',
      code: 'internal',
      message: 'The server could not start the transcription.',
      hint: 'The audio received so far is kept. The page reconnects by itself; if it keeps happening, tell your administrator.',
    });
    client.close(1011, 'run ended');
    return null;
  }

  /** Server stopping: save what each run has, stop the engines, close the sockets. */
  async shutdown(): Promise<void> {
    this.closed = true;
    // A run starting now sees `closed` after its awaits and is not made (runFor).
    const runs = await Promise.allSettled([...this.runs.values()].map((e) => e.run));
    this.runs.clear();
    await Promise.all([
      ...runs.map((r) => (r.status === 'fulfilled' ? r.value.shutdown() : Promise.resolve())),
      ...this.draining.values(),
    ]);
  }

  /** Whether shutdown has begun (a method: re-read after every await). */
  private isClosed(): boolean {
    return this.closed;
  }

  /** How many sessions have an engine run in memory (tests, diagnostics). */
  get activeRuns(): number {
    return this.runs.size;
  }

  private runFor(actor: Actor, state: CaptureState): Promise<LiveRun> {
    const id = state.sessionId;
    const existing = this.runs.get(id);
    if (existing) return existing.run;
    const max = this.opts.maxRunsPerActor ?? DEFAULT_MAX_RUNS_PER_ACTOR;
    let owned = 0;
    for (const e of this.runs.values()) if (e.ownerId === actor.id) owned++;
    if (owned >= max) {
      return Promise.reject(new TooManyRuns(max, this.opts.idleRunMs ?? DEFAULT_IDLE_RUN_MS));
    }
    // Whether the map still holds this run (not a newer one of the session). Called only after
    // the run exists, so `entry` (declared below) is set by then.
    const mine = (): boolean => this.runs.get(id) === entry;
    const started = (async () => {
      const engine = await this.opts.engineFor(state);
      if (this.isClosed()) throw new ServerStopping();
      await engine.check();
      if (this.isClosed()) throw new ServerStopping();
      const run: LiveRun = new LiveRun(
        state,
        engine,
        actor,
        this.opts,
        () => {
          if (mine()) this.runs.delete(id);
        },
        () => {
          // No socket for idleRunMs: forget it FIRST (a connect from now on starts a new run,
          // after this one's last save), then shut it down.
          if (mine()) this.runs.delete(id);
          this.opts.logger.info('live: ended a recording run that had no connection left');
          const done = run.shutdown();
          this.draining.set(id, done);
          void done.finally(() => {
            if (this.draining.get(id) === done) this.draining.delete(id);
          });
        },
      );
      run.start();
      return run;
    })();
    const entry: RunEntry = { ownerId: actor.id, run: started };
    this.runs.set(id, entry);
    started.catch(() => {
      if (mine()) this.runs.delete(id);
    });
    return started;
  }

  private errorMessage(e: unknown, doing: string): ErrorMessage {
    return errorMessageOf(e, doing, this.opts.logger);
  }
}

/** One socket's side of a run: parses its messages and hands them on. */
export class LiveConnection {
  private resendAsked = false;

  constructor(
    private readonly run: LiveRun,
    private readonly actor: Actor,
    private readonly client: LiveClient,
  ) {}

  /** A binary message: an audio frame. */
  frame(data: Buffer): void {
    const frame = parseFrame(data);
    if (!frame) {
      this.client.send({
        type: 'error',
        code: 'bad_request',
        message: 'An audio frame was not a 4-byte sequence number followed by 16-bit samples.',
        hint: 'Reload the page to restart the recorder.',
      });
      this.client.close(LIVE_CLOSE.badMessage, 'bad frame');
      return;
    }
    this.run.frame(this.actor, frame.seq, frame.pcm, {
      ack: (seq) => {
        this.resendAsked = false;
        this.client.send({ type: 'ack', seq });
      },
      gap: (fromSeq) => {
        if (this.resendAsked) return;
        this.resendAsked = true;
        this.client.send({ type: 'resend', fromSeq });
      },
      fail: (message, code) => {
        this.client.send(message);
        this.client.close(code, 'error');
      },
    });
  }

  /** A text message: pause, resume or stop. */
  message(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const msg = ClientMessageSchema.safeParse(parsed);
    if (!msg.success) {
      this.client.send({
        type: 'error',
        code: 'bad_request',
        message: 'A control message was not {"type":"pause"|"resume"|"stop"}.',
        hint: 'Reload the page to restart the recorder.',
      });
      this.client.close(LIVE_CLOSE.badMessage, 'bad message');
      return;
    }
    this.run.control(this.actor, msg.data.type, this.client);
  }

  /** The socket closed: the run goes on (other sockets, or the browser reconnecting). */
  closed(): void {
    this.run.detach(this.client);
  }
}

/** Thrown by a run that would start while the server is stopping. */
class ServerStopping extends Error {
  override name = 'ServerStopping';
}

/** Thrown instead of starting a run beyond the actor's `maxRunsPerActor`. */
class TooManyRuns extends Error {
  override name = 'TooManyRuns';
  constructor(
    readonly max: number,
    readonly idleMs: number,
  ) {
    super('too many recordings in progress');
  }
}

/**
 * Refused: the clinician already records `max` sessions. 4409 is final in the browser (like a
 * session not recording): it shows the message instead of reconnecting; 4429 (tooFast) is not.
 */
function tooManyRuns(client: LiveClient, e: TooManyRuns): void {
  const minutes = Math.max(1, Math.round(e.idleMs / 60_000));
  client.send({
    type: 'error',
    code: 'conflict',
    message: `Too many recordings in progress (at most ${e.max} at once): stop one first.`,
    hint: `Stop a recording you no longer need (open its session from the client page), then continue this one. A recording with no page connected frees its place after ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  });
  client.close(LIVE_CLOSE.notRecording, 'too many recordings');
}

function stopping(client: LiveClient): null {
  client.close(1001, 'server stopping');
  return null;
}

/** A socket for a session that is not recording: hello, then done (note written) or why not. */
function notActive(client: LiveClient, state: CaptureState): void {
  client.send(helloOf(state));
  if (state.noteId !== null) {
    client.send({ type: 'done', noteId: state.noteId });
    client.close(1000, 'done');
    return;
  }
  client.send(
    state.error
      ? { type: 'error', ...state.error }
      : {
          type: 'error',
          code: 'conflict',
          message: 'This session is not recording.',
          hint: 'Open the session from the client page to see its status.',
        },
  );
  client.close(LIVE_CLOSE.notRecording, 'not recording');
}

function helloOf(state: CaptureState): ServerMessage {
  return {
    type: 'hello',
    status: state.status,
    lastSeq: state.lastSeq,
    segments: state.segments,
    engine: state.engine,
    quality: state.quality,
    model: state.model,
    audioSeconds: state.audioSeconds,
  };
}

/** A frame: its seq and its PCM (a view on the message, not a copy). */
export function parseFrame(data: Buffer): { seq: number; pcm: Buffer } | null {
  if (data.length < FRAME_HEADER_BYTES + 2 || (data.length - FRAME_HEADER_BYTES) % 2 !== 0) {
    return null;
  }
  return { seq: data.readUInt32LE(0), pcm: data.subarray(FRAME_HEADER_BYTES) };
}

/** The binary message for a frame (tests and tools; the browser builds its own). */
export function encodeFrame(seq: number, pcm: Buffer): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeUInt32LE(seq, 0);
  return Buffer.concat([header, pcm]);
}
