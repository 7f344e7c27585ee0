/**
 * The live-recording WebSocket end to end without a browser: the real runtime (SQLite, envelope
 * cipher, audit log) behind a real Node HTTP server with the live sockets attached as
 * `docscrib serve` does, the real pocketsphinx engine, and a Node `ws` client that plays a
 * two-voice dialogue (espeak-ng + sox) as live frames. Network blips with resends and duplicate
 * frames, a gap, a server restart mid-session (the runtime stopped and opened again on the same
 * data dir), pause/resume and stop → the draft note; and the handshake's refusals.
 */
import { createAdaptorServer } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useTempDir } from '../../src/adapters/test-helpers.js';
import { main } from '../../src/cli/main.js';
import type { ServerIo } from '../../src/cli/commands/serve.js';
import { openRuntime, type Runtime } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { attachLiveSockets, type LiveSockets } from '../../src/server/http/live.js';
import { CaptureService } from '../../src/server/services/capture.js';
import { encodeFrame } from '../../src/server/services/live.js';
import type { ServerMessage } from '../../src/server/services/live-protocol.js';
import { parseWavHeader } from '../../src/speech/audio/wav.js';
import { createEngine } from '../../src/speech/registry.js';
import { SpeechSettingsSchema } from '../../src/speech/schema.js';
import { writeDialogueWav, DIALOGUE } from '../support/speech-dialogue.js';

const tempDir = useTempDir('docscrib-live-');
const quietIo = (env: NodeJS.ProcessEnv, stdin: string): ServerIo => ({
  out: () => undefined,
  err: () => undefined,
  stderrIsTTY: false,
  debug: false,
  progressStream: process.stderr,
  env,
  readStdin: () => Promise.resolve(stdin),
});

interface App {
  runtime: Runtime;
  server: Server;
  live: LiveSockets;
  base: string;
  port: number;
  close(): Promise<void>;
}

/** While set, engines are handed out only once it resolves (a run that is slow to start). */
let engineGate: Promise<void> | undefined;

/** The runtime + HTTP server + live sockets, wired as `docscrib serve` wires them. */
async function startApp(config: Config, port = 0): Promise<App> {
  const runtime = await openRuntime(config, {
    logger: { info: () => undefined, error: () => undefined },
    webRoot: join(config.dataDir, 'no-web'),
  });
  const server = createAdaptorServer({ fetch: runtime.app.fetch }) as Server;
  // The offline engine with Debian's general English model (the test does not depend on the
  // therapy language model being built).
  const live = attachLiveSockets(server, runtime.deps, {
    engineFor: async (state) => {
      await engineGate;
      return createEngine(state.engine, {
        settings: SpeechSettingsSchema.parse({}),
        modelsDir: dir,
        model: 'general',
      });
    },
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const bound = (server.address() as AddressInfo).port;
  return {
    runtime,
    server,
    live,
    port: bound,
    base: `http://localhost:${bound}`,
    async close() {
      await live.close();
      await new Promise<void>((done) => {
        server.close(() => {
          done();
        });
        server.closeAllConnections();
      });
      await runtime.close();
    },
  };
}

interface Login {
  cookie: string;
  csrf: string;
  userId: string;
}

async function login(base: string, email: string, password: string): Promise<Login> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

async function api(
  base: string,
  who: Login,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      cookie: who.cookie,
      origin: base,
      'x-csrf-token': who.csrf,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

/** A socket that collects what the server says and can wait for a message. */
class Client {
  readonly messages: ServerMessage[] = [];
  private waiters: { pred: (m: ServerMessage) => boolean; done: (m: ServerMessage) => void }[] = [];
  closeCode: number | null = null;
  private closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, binary) => {
      if (binary) return;
      const m = JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as ServerMessage;
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(m)) return true;
        w.done(m);
        return false;
      });
    });
    this.closed = new Promise((done) => {
      ws.on('close', (code) => {
        this.closeCode = code;
        done(code);
      });
    });
  }

  wait<T extends ServerMessage['type']>(
    type: T,
    pred: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const hit = this.messages.find(
      (m): m is Extract<ServerMessage, { type: T }> =>
        m.type === type && pred(m as Extract<ServerMessage, { type: T }>),
    );
    if (hit) return Promise.resolve(hit);
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        fail(new Error(`no ${type} within ${timeoutMs} ms; got ${this.summary()}`));
      }, timeoutMs);
      this.waiters.push({
        pred: (m) => m.type === type && pred(m as Extract<ServerMessage, { type: T }>),
        done: (m) => {
          clearTimeout(timer);
          done(m as Extract<ServerMessage, { type: T }>);
        },
      });
    });
  }

  acked(seq: number): Promise<ServerMessage> {
    return this.wait('ack', (m) => m.seq >= seq);
  }

  send(seq: number, pcm: Buffer): void {
    this.ws.send(encodeFrame(seq, pcm));
  }

  control(type: 'pause' | 'resume' | 'stop'): void {
    this.ws.send(JSON.stringify({ type }));
  }

  whenClosed(): Promise<number> {
    return this.closed;
  }

  summary(): string {
    return this.messages
      .map((m) =>
        m.type === 'ack'
          ? `ack${m.seq}`
          : m.type === 'error'
            ? `error(${m.code}: ${m.message})`
            : m.type,
      )
      .join(',');
  }
}

function open(app: App, who: Login | null, sessionId: string, origin = app.base) {
  const ws = new WebSocket(`ws://localhost:${app.port}/api/sessions/${sessionId}/live`, {
    headers: { ...(who ? { cookie: who.cookie } : {}), ...(origin !== '' ? { origin } : {}) },
  });
  return new Promise<Client>((done, fail) => {
    const c = new Client(ws);
    ws.once('open', () => {
      done(c);
    });
    ws.once('unexpected-response', (_req, res) => {
      fail(new Error(`handshake ${res.statusCode}`));
    });
    ws.once('error', fail);
  });
}

/** The dialogue's PCM in 0.5 s frames. */
let frames: Buffer[] = [];
const dataKey = randomBytes(32).toString('base64');
let dir = '';
let config: Config;
let clinician: { email: string; password: string };
let other: { email: string; password: string };
let supervisor: { email: string; password: string };

beforeAll(async () => {
  dir = tempDir();
  const wav = readFileSync(await writeDialogueWav(dir, 'dialogue.wav', DIALOGUE.slice(0, 4)));
  const info = parseWavHeader(wav);
  expect(info.sampleRate).toBe(16_000);
  const pcm = wav.subarray(info.dataOffset, info.dataOffset + info.dataBytes);
  frames = [];
  for (let at = 0; at < pcm.length; at += 16_000) frames.push(pcm.subarray(at, at + 16_000));
  const env = { DOCSCRIB_DATA_DIR: join(dir, 'data'), DOCSCRIB_ENCRYPTION_KEY: dataKey };
  config = loadConfig(env);
  clinician = { email: 'ana@example.org', password: 'a long enough password one' };
  other = { email: 'ben@example.org', password: 'a long enough password two' };
  supervisor = { email: 'sue@example.org', password: 'a long enough password six' };
  for (const [u, role] of [
    [clinician, 'clinician'],
    [other, 'clinician'],
    [supervisor, 'supervisor'],
  ] as const) {
    const code = await main(
      ['user', 'add', '--email', u.email, '--role', role, '--password-stdin'],
      quietIo(env, `${u.password}\n`),
    );
    expect(code).toBe(0);
  }
}, 60_000);

let app: App | undefined;
afterAll(async () => {
  await app?.close();
}, 30_000);

/** A client of `who`'s and a live capture for it: the session id. */
async function liveSession(a: App, who: Login): Promise<string> {
  const created = await api(a.base, who, 'POST', '/api/clients', {
    profile: { name: 'Test Client' },
  });
  expect(created.status).toBe(201);
  const clientId = (created.body as { client: { id: string } }).client.id;
  const capture = new CaptureService(a.runtime.deps);
  const { session } = await capture.start(
    { id: who.userId, role: 'clinician', superviseeIds: [] },
    clientId,
    {
      mode: 'live',
      details: {
        date: '2026-03-02',
        startTime: null,
        endTime: null,
        serviceType: 'individual',
        location: 'office',
        telehealthPlatform: null,
        consentToRecord: true,
      },
    },
  );
  return session.id;
}

function words(texts: string[]): string {
  return texts.join(' ').toLowerCase();
}

describe('live recording over the WebSocket', () => {
  it('survives a blip with resends and duplicates, a gap, pause/resume and a server restart; stop writes the note', async () => {
    app = await startApp(config);
    const ana = await login(app.base, clinician.email, clinician.password);
    const sessionId = await liveSession(app, ana);
    const n = frames.length;
    const third = Math.floor(n / 3);

    // First third, then the network drops before the acks are read.
    let c = await open(app, ana, sessionId);
    const hello = await c.wait('hello');
    expect(hello).toMatchObject({ lastSeq: -1, status: 'recording', quality: 'draft' });
    for (let s = 0; s < third; s++) c.send(s, frames[s] as Buffer);
    await c.acked(third - 1);
    c.ws.terminate();
    await c.whenClosed();

    // Reconnect: the server says what it has; the browser resends from an older point
    // (duplicates: acknowledged, not fed twice) and goes on, with a gap the server reports.
    c = await open(app, ana, sessionId);
    const again = await c.wait('hello');
    expect(again.lastSeq).toBe(third - 1);
    for (let s = third - 3; s < third; s++) c.send(s, frames[s] as Buffer);
    await c.wait('ack', (m) => m.seq === third - 3);
    c.send(third + 1, frames[third + 1] as Buffer); // frame `third` "lost"
    expect(await c.wait('resend')).toEqual({ type: 'resend', fromSeq: third });
    c.control('pause');
    expect(await c.wait('status', (m) => m.status === 'paused')).toBeTruthy();
    c.control('resume');
    await c.wait('status', (m) => m.status === 'recording');
    for (let s = third; s < 2 * third; s++) c.send(s, frames[s] as Buffer);
    await c.acked(2 * third - 1);
    const before = (
      await new CaptureService(app.runtime.deps).state(
        { id: ana.userId, role: 'clinician', superviseeIds: [] },
        sessionId,
      )
    ).audioSeconds;
    expect(before).toBeCloseTo((2 * third * 16_000) / 32_000, 1);

    // The server stops (as on SIGTERM) and starts again on the same data directory.
    await app.close();
    expect(await c.whenClosed()).toBe(1001);
    app = await startApp(config, app.port);
    c = await open(app, ana, sessionId);
    const resumed = await c.wait('hello');
    expect(resumed.lastSeq).toBe(2 * third - 1);
    for (let s = 2 * third; s < n; s++) c.send(s, frames[s] as Buffer);
    await c.acked(n - 1);
    c.control('stop');
    const done = await c.wait('done', () => true, 90_000);
    expect(await c.whenClosed()).toBe(1000);

    // Every part of the dialogue made it into the transcript, once.
    const state = await new CaptureService(app.runtime.deps).state(
      { id: ana.userId, role: 'clinician', superviseeIds: [] },
      sessionId,
    );
    expect(state.status).toBe('ready');
    expect(state.noteId).toBe(done.noteId);
    expect(state.audioSeconds).toBeCloseTo(frames.reduce((s, f) => s + f.length, 0) / 32_000, 1);
    const text = words(state.segments.map((s) => s.text));
    expect(text).toMatch(/rate your/);
    expect(text).toMatch(/hardest part|cannot sleep/);
    // …to its end (the last third was sent after the restart).
    const last = state.segments[state.segments.length - 1];
    expect(last?.end ?? 0).toBeGreaterThan(0.75 * state.audioSeconds);
    const starts = state.segments.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts).size).toBe(starts.length);
    // No segment recognised twice across the restart: each starts where the previous ended
    // (a replay from the wrong byte would overlap the saved ones).
    for (let i = 1; i < state.segments.length; i++) {
      const [prev, cur] = [state.segments[i - 1], state.segments[i]];
      expect(cur?.start ?? 0).toBeGreaterThanOrEqual((prev?.end ?? 0) - 0.05);
    }
    const note = await api(app.base, ana, 'GET', `/api/notes/${done.noteId}`);
    expect(note.status).toBe(200);
    expect(note.body).toMatchObject({ note: { id: done.noteId, status: 'draft' } });

    // A stopped session's socket says done and closes.
    const late = await open(app, ana, sessionId);
    expect(await late.wait('done')).toEqual({ type: 'done', noteId: done.noteId });
  }, 120_000);

  it('refuses handshakes: no cookie 401, a foreign or missing Origin 403, someone else’s session 404', async () => {
    app ??= await startApp(config);
    const ana = await login(app.base, clinician.email, clinician.password);
    const ben = await login(app.base, other.email, other.password);
    const sessionId = await liveSession(app, ana);
    await expect(open(app, null, sessionId)).rejects.toThrow('handshake 401');
    await expect(open(app, ana, sessionId, 'https://evil.example')).rejects.toThrow(
      'handshake 403',
    );
    await expect(open(app, ana, sessionId, '')).rejects.toThrow('handshake 403');
    await expect(open(app, ben, sessionId)).rejects.toThrow('handshake 404');
    await expect(open(app, ana, 'no-such-session')).rejects.toThrow('handshake 404');
    // A malformed frame closes the socket with 4400.
    const c = await open(app, ana, sessionId);
    await c.wait('hello');
    c.ws.send(Buffer.from([1, 2, 3]));
    expect(await c.whenClosed()).toBe(4400);
  }, 60_000);

  it('rate-limits frames sent before the run is ready: 10 minutes of audio at most, then 4429', async () => {
    app ??= await startApp(config);
    const ana = await login(app.base, clinician.email, clinician.password);
    const sessionId = await liveSession(app, ana);
    let release = (): void => undefined;
    engineGate = new Promise<void>((done) => {
      release = done;
    });
    try {
      const c = await open(app, ana, sessionId);
      // 8 s frames, 80 of them (640 s) while the engine is still starting: no hello yet.
      const big = Buffer.alloc(8 * 32_000);
      for (let s = 0; s < 80; s++) c.send(s, big);
      const code = await Promise.race([
        c.whenClosed(),
        new Promise<string>((done) =>
          setTimeout(() => {
            done('still open');
          }, 15_000),
        ),
      ]);
      expect(code).toBe(4429);
      expect(c.messages.some((m) => m.type === 'hello')).toBe(false);
      expect(c.messages).toContainEqual(expect.objectContaining({ code: 'too_many_requests' }));
    } finally {
      engineGate = undefined;
      release();
    }
  }, 60_000);

  it('refuses a supervisor’s socket on a supervisee’s session (read access does not record): 403, no engine run', async () => {
    app ??= await startApp(config);
    const ana = await login(app.base, clinician.email, clinician.password);
    const sue = await login(app.base, supervisor.email, supervisor.password);
    const linked = await app.runtime.deps.store.users.update(ana.userId, {
      supervisorId: sue.userId,
    });
    expect(linked.ok).toBe(true);
    const sessionId = await liveSession(app, ana);
    // The supervisor may read the capture (status polling)…
    expect((await api(app.base, sue, 'GET', `/api/sessions/${sessionId}/capture`)).status).toBe(
      200,
    );
    // …but not open the recording socket: it would start the engine and save as them.
    const runs = app.live.manager.activeRuns;
    await expect(open(app, sue, sessionId)).rejects.toThrow('handshake 403');
    expect(app.live.manager.activeRuns).toBe(runs);
  }, 60_000);
});
