/**
 * The browser's side of the live-recording WebSocket (protocol: src/server/services/live-protocol.ts).
 *
 * - `Outbox`: every frame recorded, numbered 0, 1, 2…, kept until the server acknowledges it
 *   (acknowledgements are cumulative: the server stores frames in order, without gaps).
 * - `LiveLink`: one socket at a time; after a drop it reconnects with backoff (0.5 s doubling up
 *   to 10 s) and, once the server's `hello` says what it has, resends every frame it holds that
 *   the server has not stored. Pause, resume and stop are sent when the socket is up; stop only
 *   once every frame is acknowledged, so the note is written from all of the audio.
 * - A refused handshake (the server answers 401/403/404 instead of upgrading) looks to the
 *   browser like any failed connection, so after every third failed handshake in a row the link
 *   asks the API about the session (`probe`): 401/403/404 there, a session no longer recording,
 *   or the API answering while the socket still will not open (twice: a 403 for a caller who may
 *   read the session but not record into it) stop the link with a fatal error instead of
 *   reconnecting forever. A network outage (the API unreachable too) keeps it retrying.
 *
 * No DOM beyond a WebSocket constructor (injected in tests).
 */
import type { RecognizedSegment } from '../../../src/speech/schema.js';
import {
  LIVE_CLOSE,
  ServerMessageSchema,
  type ServerMessage,
} from '../../../src/server/services/live-protocol.js';
import type { CaptureStatus } from '../../../src/server/domain/schemas.js';
import { encodeFrame } from './pcm';

export type HelloMessage = Extract<ServerMessage, { type: 'hello' }>;

export interface OutboxFrame {
  seq: number;
  data: ArrayBuffer;
  samples: number;
}

export class Outbox {
  private frames: OutboxFrame[] = [];
  private next = 0;

  /** Number and queue the samples of the next frame. */
  add(samples: Int16Array): OutboxFrame {
    const frame = {
      seq: this.next++,
      data: encodeFrame(this.next - 1, samples),
      samples: samples.length,
    };
    this.frames.push(frame);
    return frame;
  }

  /** The server has stored every frame up to `seq`. */
  ack(seq: number): void {
    if (this.frames.length === 0 || (this.frames[0]?.seq ?? Infinity) > seq) return;
    this.frames = this.frames.filter((f) => f.seq > seq);
  }

  /**
   * What the server has (its `hello`): drop what it stored, and number new frames after its
   * last one (a reload continues a recording: this page's first frame follows the stored ones).
   */
  resumeAfter(lastSeq: number): void {
    this.ack(lastSeq);
    if (this.frames.length === 0 && this.next <= lastSeq) this.next = lastSeq + 1;
  }

  pending(fromSeq = 0): readonly OutboxFrame[] {
    return this.frames.filter((f) => f.seq >= fromSeq);
  }

  get size(): number {
    return this.frames.length;
  }

  /** Seconds of audio not yet acknowledged. */
  get seconds(): number {
    return this.frames.reduce((s, f) => s + f.samples, 0) / 16_000;
  }
}

export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveError {
  code: string;
  message: string;
  hint: string;
}

export interface LinkHandlers {
  onHello?: (hello: HelloMessage) => void;
  onSegment?: (segment: RecognizedSegment) => void;
  onStatus?: (status: CaptureStatus) => void;
  onDone?: (noteId: string) => void;
  /** `fatal`: the link has given up (the session ended, is not recording, or is not yours). */
  onError?: (error: LiveError, fatal: boolean) => void;
  onState?: (state: LinkState) => void;
  /** An acknowledgement arrived (the outbox shrank). */
  onAck?: () => void;
  /** Several handshakes failed in a row: the page may ask the API why (signed out?). */
  onRepeatedFailure?: () => void;
  /** Ask the API about this session when handshakes keep failing (see the top of this file). */
  probe?: () => Promise<HandshakeProbe>;
}

/** The API's answer about the session (`GET /api/sessions/:id/capture`), for a failing link. */
export type HandshakeProbe =
  | { ok: true; status: CaptureStatus; noteId: string | null }
  /** `httpStatus` 0: no answer at all (network). */
  | { ok: false; httpStatus: number; error: LiveError };

/** API statuses that mean the socket will be refused too: reconnecting cannot help. */
const FATAL_PROBE = new Set([401, 403, 404]);

/** After this many probes in a row found the API up while the socket would not open: refused. */
const PROBES_BEFORE_REFUSED = 2;

export const REFUSED_ERROR: LiveError = {
  code: 'forbidden',
  message: 'The server refused the recording connection for this session.',
  hint: 'Only the clinician whose session this is can record into it. If it is yours, reload the page.',
};

export const NOT_RECORDING_ERROR: LiveError = {
  code: 'conflict',
  message: 'This session is no longer recording.',
  hint: 'Open it from the client page to see its transcript or note.',
};

/**
 * Close codes after which reconnecting cannot help. `LIVE_CLOSE.tooFast` is left out: after a
 * backoff the link reconnects and resends what the server has not stored.
 */
const FATAL_CLOSE = new Set<number>([
  LIVE_CLOSE.badMessage,
  LIVE_CLOSE.unauthenticated,
  LIVE_CLOSE.notFound,
  LIVE_CLOSE.notRecording,
]);

export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface LinkOptions {
  createSocket?: (url: string) => WebSocketLike;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** `ws(s)://<this host>/api/sessions/<id>/live`. */
export function liveUrl(sessionId: string, loc: { protocol: string; host: string }): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/api/sessions/${encodeURIComponent(sessionId)}/live`;
}

export class LiveLink {
  private ws: WebSocketLike | null = null;
  /** The server's hello arrived on the current socket. */
  private ready = false;
  private state: LinkState = 'closed';
  private attempt = 0;
  private failures = 0;
  /** Probes in a row that found the API answering while the socket would not open. */
  private apiUp = 0;
  private timer: unknown = undefined;
  private finished = false;
  private stopRequested = false;
  private stopSent = false;
  private desired: 'recording' | 'paused' = 'recording';
  private readonly createSocket: (url: string) => WebSocketLike;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly url: string,
    readonly outbox: Outbox,
    private readonly handlers: LinkHandlers,
    opts: LinkOptions = {},
  ) {
    this.createSocket = opts.createSocket ?? ((u) => new WebSocket(u) as unknown as WebSocketLike);
    this.setTimer = opts.setTimer ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.clearTimer =
      opts.clearTimer ??
      ((h) => {
        globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>);
      });
  }

  get linkState(): LinkState {
    return this.state;
  }

  start(): void {
    this.finished = false;
    this.open();
  }

  /** A new frame: sent at once when the socket is ready, else with the others after reconnecting. */
  sendFrame(samples: Int16Array): void {
    const frame = this.outbox.add(samples);
    if (this.ready && this.ws) this.ws.send(frame.data);
  }

  pause(): void {
    this.desired = 'paused';
    this.sendControl('pause');
  }

  resume(): void {
    this.desired = 'recording';
    this.sendControl('resume');
  }

  /** Stop once every frame is acknowledged (now, or after a reconnect and resend). */
  stop(): void {
    this.stopRequested = true;
    this.maybeSendStop();
  }

  /** Give up the link (leaving the page, or done). */
  close(): void {
    this.finished = true;
    this.clearTimer(this.timer);
    this.ready = false;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.close(1000, 'closed');
    }
    this.setState('closed');
  }

  private open(): void {
    if (this.finished) return;
    this.ready = false;
    this.stopSent = false;
    this.setState(this.attempt === 0 && this.failures === 0 ? 'connecting' : 'reconnecting');
    let ws: WebSocketLike;
    try {
      ws = this.createSocket(this.url);
    } catch {
      this.retry();
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string') this.onMessage(ev.data);
    };
    ws.onerror = () => undefined; // onclose follows
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      if (this.finished) return;
      if (FATAL_CLOSE.has(ev.code)) {
        this.finished = true;
        this.setState('closed');
        return;
      }
      if (!opened) this.failures++;
      if (this.failures >= 3 && this.failures % 3 === 0) {
        this.handlers.onRepeatedFailure?.();
        this.diagnose();
      }
      this.retry();
    };
  }

  /** Why do handshakes fail? Stop for good when the API says reconnecting cannot help. */
  private diagnose(): void {
    const probe = this.handlers.probe;
    if (!probe) return;
    probe().then(
      (r) => {
        if (this.finished || this.ready) return;
        if (!r.ok) {
          if (FATAL_PROBE.has(r.httpStatus)) this.fail(r.error);
          else this.apiUp = 0; // the server is unreachable or failing: keep trying
          return;
        }
        if (r.noteId !== null) {
          this.finished = true;
          this.handlers.onDone?.(r.noteId);
          this.close();
          return;
        }
        if (r.status !== 'recording' && r.status !== 'paused') {
          this.fail(NOT_RECORDING_ERROR);
          return;
        }
        this.apiUp++;
        if (this.apiUp >= PROBES_BEFORE_REFUSED) this.fail(REFUSED_ERROR);
      },
      () => undefined,
    );
  }

  /** Give up with a fatal error (the page shows it). */
  private fail(error: LiveError): void {
    this.close();
    this.handlers.onError?.(error, true);
  }

  private retry(): void {
    if (this.finished) return;
    this.setState('reconnecting');
    const delay = Math.min(10_000, 500 * 2 ** Math.min(this.attempt, 5));
    this.attempt++;
    this.timer = this.setTimer(() => {
      this.open();
    }, delay);
  }

  private onMessage(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    // A message this page cannot use (malformed, or a type it does not know) is ignored.
    const parsed = ServerMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const m: ServerMessage = parsed.data;
    switch (m.type) {
      case 'hello': {
        this.attempt = 0;
        this.failures = 0;
        this.apiUp = 0;
        this.outbox.resumeAfter(m.lastSeq);
        this.ready = true;
        this.setState('open');
        this.handlers.onHello?.(m);
        if ((m.status === 'recording' || m.status === 'paused') && m.status !== this.desired) {
          this.sendControl(this.desired === 'paused' ? 'pause' : 'resume');
        }
        for (const f of this.outbox.pending()) this.ws?.send(f.data);
        this.maybeSendStop();
        break;
      }
      case 'ack':
        this.outbox.ack(m.seq);
        this.handlers.onAck?.();
        this.maybeSendStop();
        break;
      case 'resend':
        for (const f of this.outbox.pending(m.fromSeq)) this.ws?.send(f.data);
        break;
      case 'segment':
        this.handlers.onSegment?.(m.segment);
        break;
      case 'status':
        this.handlers.onStatus?.(m.status);
        break;
      case 'done':
        this.finished = true;
        this.handlers.onDone?.(m.noteId);
        this.close();
        break;
      case 'error':
        this.handlers.onError?.(
          { code: m.code, message: m.message, hint: m.hint },
          ['not_found', 'unauthenticated', 'forbidden', 'conflict'].includes(m.code),
        );
        break;
    }
  }

  private sendControl(type: 'pause' | 'resume' | 'stop'): void {
    if (this.ready && this.ws) this.ws.send(JSON.stringify({ type }));
  }

  private maybeSendStop(): void {
    if (!this.stopRequested || this.stopSent || !this.ready || this.outbox.size > 0) return;
    this.stopSent = true;
    this.sendControl('stop');
  }

  private setState(state: LinkState): void {
    if (state === this.state) return;
    this.state = state;
    this.handlers.onState?.(state);
  }
}
