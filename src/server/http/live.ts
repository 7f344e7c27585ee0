/**
 * The live-recording WebSocket, `GET /api/sessions/:id/live` upgraded (protocol in
 * services/live-protocol.ts), on the Node HTTP server's `upgrade` event: the Hono app never sees
 * WebSocket handshakes.
 *
 * The handshake is checked like an API request, with the same code: the Host allow-list and the
 * Origin (compulsory here, whatever the method: a cross-site page could otherwise open a socket
 * with the clinician's cookie), the session cookie (`resolveSession`: idle and absolute timeouts,
 * disabled users), MFA, the clinical roles, and then `CaptureService.status` decides whether this
 * caller may record into the session (a refused handshake answers the API's error status and JSON
 * body, e.g. 404 for someone else's session, 403 for a supervisor on a supervisee's session).
 *
 * Once open, the sign-in session is checked again every minute; audio frames count as activity
 * (a clinician recording a 50-minute session is working, not idle), so a check after frames
 * arrived touches the session like a request would, and a check without frames (paused, nothing
 * sent) is a background check that does not keep it alive. When the session has ended the socket
 * is closed with 4401.
 *
 * Limits: messages over 256 KB close the socket (1009); frames faster than audio (beyond a resend
 * backlog of 10 minutes) close it with 4429, counted from the socket's opening: messages sent
 * before the run is ready are rate-limited too, and at most 10 minutes of audio of them are kept.
 */
import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hono } from 'hono';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { PCM_BYTES_PER_SECOND, type SpeechEngine } from '../../speech/engine.js';
import { forbidden, unauthenticated } from '../errors.js';
import { actorFor, type Actor } from '../services/access.js';
import { CaptureService, type CaptureState } from '../services/capture.js';
import { practiceEngine } from '../services/capture-engine.js';
import { LiveSessionManager, type LiveClient, type LiveConnection } from '../services/live.js';
import { LIVE_CLOSE, MAX_FRAME_BYTES, type ServerMessage } from '../services/live-protocol.js';
import { readPracticeSettings } from '../services/settings.js';
import type { AppDeps } from './deps.js';
import { errorBody } from './errors.js';
import { hostAndOriginChecker } from './middleware/host-origin.js';
import { resolveSession, type HttpEnv } from './session.js';

/** `/api/sessions/<id>/live`; the id as the other routes take it. */
const LIVE_PATH = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/live$/;

/** The gate's own header: which call an actor belongs to (never from the network). */
const GATE_CALL = 'x-docscrib-live-gate';
/** The gate asks the capture service too (the handshake; the minute checks re-check the
 * sign-in only). */
const GATE_CAPTURE = 'x-docscrib-live-capture';

/** How often an open socket's sign-in session is checked again. */
export const RECHECK_MS = 60_000;

/** Audio seconds a socket may send ahead of real time (a resend after a long blip). */
const BURST_AUDIO_SEC = 600;
/** Messages a socket may send in a burst, and per second on average. */
const BURST_MESSAGES = 3000;
const MESSAGES_PER_SEC = 20;
/** Bytes of messages kept while the run is not ready yet (the audio burst's worth). */
const EARLY_BYTES = BURST_AUDIO_SEC * PCM_BYTES_PER_SECOND;

export interface LiveOptions {
  /** The engine for a capture (default: the practice's speech settings via `createEngine`). */
  engineFor?: (state: CaptureState) => SpeechEngine | Promise<SpeechEngine>;
  /** Where the speech environment comes from (models dir, API key); default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface LiveSockets {
  readonly manager: LiveSessionManager;
  /** Close every socket and stop the engine runs (saving their transcripts). */
  close(): Promise<void>;
}

/** Serve live sessions on `server`'s WebSocket upgrades. */
export function attachLiveSockets(
  server: Server,
  deps: AppDeps,
  opts: LiveOptions = {},
): LiveSockets {
  const capture = new CaptureService({
    store: deps.store,
    auditLog: deps.auditLog,
    clock: deps.clock,
  });
  const manager = new LiveSessionManager({
    capture,
    engineFor:
      opts.engineFor ??
      (async (state) =>
        practiceEngine(
          state.engine,
          (await readPracticeSettings(deps.store)).speech,
          opts.env ?? process.env,
        )),
    logger: deps.logger,
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const gate = handshakeGate(deps, capture);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    const match = LIVE_PATH.exec(path);
    if (!match?.[1]) {
      refuse(socket, 404, { error: { code: 'not_found', message: 'There is no such WebSocket.' } });
      deps.logger.info(`GET (no route) websocket 404`);
      return;
    }
    const sessionId = match[1];
    gate(req, sessionId, { background: false, capture: true }).then(
      (checked) => {
        if (!checked.ok) {
          refuse(socket, checked.status, checked.body);
          deps.logger.info(`GET /api/sessions/:id/live websocket ${checked.status}`);
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          deps.logger.info(`GET /api/sessions/:id/live websocket 101`);
          serveSocket(ws, req, sessionId, checked.actor);
        });
      },
      () => {
        refuse(socket, 500, { error: { code: 'internal', message: 'internal error' } });
      },
    );
  };

  const serveSocket = (ws: WebSocket, req: IncomingMessage, sessionId: string, actor: Actor) => {
    const client: LiveClient = {
      send: (m: ServerMessage) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
      },
      close: (code, reason) => {
        ws.close(code, reason);
      },
    };
    let connection: LiveConnection | null = null;
    // Messages that arrive before the manager has the run ready (its engine starting, the stored
    // audio being read): rate-limited like the others, and at most EARLY_BYTES of them kept.
    const early: { buf: Buffer; binary: boolean }[] = [];
    let earlyBytes = 0;
    let refused = false;
    let framesSinceCheck = false;
    const audio = new TokenBucket(BURST_AUDIO_SEC, 1);
    const messages = new TokenBucket(BURST_MESSAGES, MESSAGES_PER_SEC);

    const tooFast = (): void => {
      refused = true;
      early.length = 0;
      client.send({
        type: 'error',
        code: 'too_many_requests',
        message: 'Audio arrived faster than it can be recorded.',
        hint: 'Reload the page; the audio the server acknowledged is kept.',
      });
      ws.close(LIVE_CLOSE.tooFast, 'too fast');
    };

    const dispatch = (c: LiveConnection, buf: Buffer, binary: boolean): void => {
      if (binary) c.frame(buf);
      else c.message(buf.toString('utf8'));
    };

    const handle = (data: RawData, binary: boolean): void => {
      if (refused) return;
      const buf = toBuffer(data);
      if (binary) framesSinceCheck = true;
      const allowed = binary
        ? audio.take(buf.length / PCM_BYTES_PER_SECOND) && messages.take(1)
        : messages.take(1);
      if (!allowed) {
        tooFast();
        return;
      }
      if (connection) {
        dispatch(connection, buf, binary);
        return;
      }
      earlyBytes += buf.length;
      if (earlyBytes > EARLY_BYTES) {
        tooFast();
        return;
      }
      early.push({ buf, binary });
    };
    ws.on('message', handle);

    const recheck = setInterval(() => {
      const active = framesSinceCheck;
      framesSinceCheck = false;
      gate(req, sessionId, { background: !active, capture: false }).then(
        (checked) => {
          if (checked.ok) return;
          client.send({
            type: 'error',
            code: checked.body.error.code,
            message: checked.body.error.message,
            hint: checked.body.error.hint ?? '',
          });
          ws.close(
            checked.status === 401
              ? LIVE_CLOSE.unauthenticated
              : checked.status === 404
                ? LIVE_CLOSE.notFound
                : 1008,
            'refused',
          );
        },
        () => undefined, // the store is unreachable now: try again next minute
      );
    }, RECHECK_MS);
    recheck.unref();

    ws.on('close', () => {
      clearInterval(recheck);
      connection?.closed();
    });
    ws.on('error', () => {
      ws.terminate();
    });

    manager.connect(actor, sessionId, client).then(
      (c) => {
        if (!c) return;
        if (ws.readyState !== ws.OPEN) {
          c.closed();
          return;
        }
        connection = c;
        earlyBytes = 0;
        for (const m of early.splice(0)) {
          if (refused) break;
          dispatch(c, m.buf, m.binary);
        }
      },
      (e: unknown) => {
        const { status, body } = errorBody(e);
        client.send({
          type: 'error',
          code: body.error.code,
          message: body.error.message,
          hint: body.error.hint ?? '',
        });
        ws.close(status === 404 ? LIVE_CLOSE.notFound : 1011, 'refused');
      },
    );
  };

  server.on('upgrade', onUpgrade);
  return {
    manager,
    async close() {
      server.off('upgrade', onUpgrade);
      await manager.shutdown();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

type GateResult =
  | { ok: true; actor: Actor }
  | {
      ok: false;
      status: number;
      body: { error: { code: string; message: string; hint?: string } };
    };

/**
 * The handshake checks, run through a one-route Hono app so they are the app's own code: Host and
 * Origin, `resolveSession` (cookie, timeouts, touching it unless `background`), MFA, roles, and
 * the capture service's access check.
 */
function handshakeGate(
  deps: AppDeps,
  capture: CaptureService,
): (
  req: IncomingMessage,
  sessionId: string,
  opts: { background: boolean; capture: boolean },
) => Promise<GateResult> {
  const checkHostOrigin = hostAndOriginChecker(deps.config);
  const gate = new Hono<HttpEnv>();
  /** Actors found, by the gate call's own id (calls may overlap). */
  const found = new Map<string, Actor>();
  let calls = 0;
  gate.get('/api/sessions/:id/live', async (c) => {
    checkHostOrigin(
      { method: 'GET', url: c.req.url, path: c.req.path, header: (n) => c.req.header(n) },
      { originRequired: true },
    );
    const auth = await resolveSession(c, deps, deps.clock.now());
    if (!auth) throw unauthenticated();
    // As the route table does for every `auth: 'user'` route with the clinical roles.
    if (auth.user.mfaEnabled && !auth.session.mfaVerified) throw unauthenticated();
    if (auth.user.role !== 'clinician' && auth.user.role !== 'supervisor') throw forbidden();
    const a = await actorFor(auth.user, (id) => deps.store.users.supervisees(id));
    // Access only (status: no transcript read, no audit entry; the manager's hello reads it).
    // The socket records: write access (a supervisor's read access would start the engine and
    // make the run save the transcript as them, which their role may not).
    if (c.req.header(GATE_CAPTURE) === '1') await capture.status(a, c.req.param('id'), 'write');
    found.set(c.req.header(GATE_CALL) ?? '', a);
    return c.body(null, 204);
  });
  gate.onError((err, c) => {
    const { status, body } = errorBody(err);
    return c.json(body, status);
  });
  return async (req, sessionId, opts) => {
    const headers = new Headers();
    for (const name of ['host', 'origin', 'cookie', 'x-forwarded-proto'] as const) {
      const v = req.headers[name];
      if (typeof v === 'string') headers.set(name, v);
    }
    if (opts.background) headers.set('x-docscrib-background', '1');
    if (opts.capture) headers.set(GATE_CAPTURE, '1');
    const host = headers.get('host') ?? 'localhost';
    const call = String(++calls);
    headers.set(GATE_CALL, call);
    const res = await gate.request(
      `http://${host}/api/sessions/${encodeURIComponent(sessionId)}/live`,
      { headers },
    );
    const got = found.get(call);
    found.delete(call);
    if (res.status === 204 && got) return { ok: true, actor: got };
    const body = (await res.json()) as Extract<GateResult, { ok: false }>['body'];
    return { ok: false, status: res.status, body };
  };
}

/** Answer a refused handshake with the API's status and error body, then hang up. */
function refuse(socket: Duplex, status: number, body: unknown): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json\r\n' +
      'Cache-Control: no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n' +
      text,
  );
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A token bucket: `capacity` tokens, refilled at `perSec`. */
class TokenBucket {
  private tokens: number;
  private at = Date.now();

  constructor(
    private readonly capacity: number,
    private readonly perSec: number,
  ) {
    this.tokens = capacity;
  }

  take(n: number): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSec);
    this.at = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
