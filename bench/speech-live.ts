/**
 * The end of a live session → its note, through the server's real live path: a throwaway data
 * directory with the real runtime (SQLite store, envelope encryption, audit log), a clinician,
 * a client and a live capture (CaptureService.start, consent given), and the
 * LiveSessionManager the WebSocket route uses, fed the recording as 0.5 s frames through a
 * LiveConnection (store encrypted chunk → ack → engine; each segment embedded as it arrives).
 * Only the WebSocket transport itself is left out.
 *
 * The recording goes in faster than real time, but never more than `maxAheadSec` of audio past
 * the end of the last recognised segment (as in a real session, where the engine keeps up with
 * the microphone), and never more than 20 frames past the last acknowledgement. Then `stop`:
 * measured ONLY from the stop after the last frame to the `done` message (engine flush, speaker
 * clustering, roles, analysis, draft note written in the store).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { main } from '../src/cli/main.js';
import type { ServerIo } from '../src/cli/commands/serve.js';
import { openRuntime } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { ClientProfileSchema } from '../src/server/domain/schemas.js';
import { CaptureService } from '../src/server/services/capture.js';
import { ClientService } from '../src/server/services/clients.js';
import { encodeFrame, LiveSessionManager } from '../src/server/services/live.js';
import type { ServerMessage } from '../src/server/services/live-protocol.js';
import { decodeToPcm } from '../src/speech/audio/decode.js';
import { PCM_BYTES_PER_SECOND, type SpeechEngine } from '../src/speech/engine.js';

const FRAME_SEC = 0.5;
const MAX_UNACKED = 20;

export interface LiveServiceFigure {
  engine: string;
  audioMinutes: number;
  streamWallSec: number;
  segments: number;
  /** From `stop` (after the last frame) to `done` with the note id, ms. */
  stopToNoteMs: number;
  noteId: string;
}

export async function liveSessionToNote(
  file: string,
  engine: SpeechEngine,
  opts: { maxAheadSec?: number } = {},
): Promise<LiveServiceFigure> {
  const maxAheadSec = opts.maxAheadSec ?? 8;
  const dir = await mkdtemp(join(tmpdir(), 'docscrib-live-bench-'));
  const env = {
    DOCSCRIB_DATA_DIR: join(dir, 'data'),
    DOCSCRIB_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  const email = 'bench@example.org';
  const io: ServerIo = {
    out: () => undefined,
    err: () => undefined,
    stderrIsTTY: false,
    debug: false,
    progressStream: process.stderr,
    env,
    readStdin: () => Promise.resolve('a long enough bench password\n'),
  };
  const added = await main(
    ['user', 'add', '--email', email, '--role', 'clinician', '--password-stdin'],
    io,
  );
  if (added !== 0) throw new Error(`docscrib user add exited ${added}`);
  const runtime = await openRuntime(loadConfig(env), {
    logger: { info: () => undefined, error: () => undefined },
    webRoot: join(dir, 'no-web'),
  });
  try {
    const user = await runtime.store.users.getByEmail(email);
    if (!user) throw new Error('bench user not found');
    const actor = { id: user.id, role: 'clinician' as const, superviseeIds: [] };
    const deps = {
      store: runtime.store,
      auditLog: runtime.auditLog,
      clock: runtime.deps.clock,
    };
    const client = await new ClientService(deps).create(
      actor,
      ClientProfileSchema.parse({ name: 'Bench Client' }),
    );
    const capture = new CaptureService(deps);
    const { session } = await capture.start(actor, client.id, {
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
    });
    const manager = new LiveSessionManager({
      capture,
      engineFor: () => engine,
      logger: { info: () => undefined, error: () => undefined },
    });

    let lastAck = -1;
    let lastSegmentEnd = 0;
    let segments = 0;
    let failure: string | null = null;
    let done: ((noteId: string) => void) | null = null;
    let wake: (() => void) | null = null;
    const poke = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    const connection = await manager.connect(actor, session.id, {
      send: (m: ServerMessage) => {
        if (m.type === 'ack') lastAck = Math.max(lastAck, m.seq);
        else if (m.type === 'segment') {
          segments++;
          lastSegmentEnd = Math.max(lastSegmentEnd, m.segment.end);
        } else if (m.type === 'done') done?.(m.noteId);
        else if (m.type === 'error') failure = `${m.code}: ${m.message}`;
        poke();
      },
      close: (_code, reason) => {
        failure ??= `closed: ${reason}`;
        poke();
      },
    });
    if (!connection) throw new Error('the live session did not open');

    const frameBytes = Math.round(FRAME_SEC * PCM_BYTES_PER_SECOND) & ~1;
    let seq = 0;
    let sentBytes = 0;
    let pending = Buffer.alloc(0);
    const send = async (pcm: Buffer): Promise<void> => {
      const waitedFrom = performance.now();
      for (;;) {
        if (failure !== null) throw new Error(`live session failed: ${failure}`);
        const aheadSec = (sentBytes + pcm.length) / PCM_BYTES_PER_SECOND - lastSegmentEnd;
        // A long silence gives no segment: after 1 s of waiting, go on (real time at worst).
        const engineOk = aheadSec <= maxAheadSec || performance.now() - waitedFrom > 1000;
        if (engineOk && seq - lastAck <= MAX_UNACKED) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 25);
        });
      }
      connection.frame(encodeFrame(seq++, pcm));
      sentBytes += pcm.length;
    };
    const streamStart = performance.now();
    for await (const chunk of decodeToPcm(file)) {
      pending = Buffer.concat([pending, chunk as Buffer]);
      while (pending.length >= frameBytes) {
        await send(Buffer.from(pending.subarray(0, frameBytes)));
        pending = pending.subarray(frameBytes);
      }
    }
    if (pending.length > 0) await send(Buffer.from(pending));
    const stopAt = performance.now();
    const noteId = await new Promise<string>((resolve, reject) => {
      done = resolve;
      const check = setInterval(() => {
        if (failure !== null) {
          clearInterval(check);
          reject(new Error(`live session failed: ${failure}`));
        }
      }, 100);
      const finish = done;
      done = (id) => {
        clearInterval(check);
        finish(id);
      };
      connection.message(JSON.stringify({ type: 'stop' }));
    });
    const stopToNoteMs = performance.now() - stopAt;
    await manager.shutdown();
    return {
      engine: `${engine.id} (${engine.model ?? 'default'})`,
      audioMinutes: Math.round((sentBytes / PCM_BYTES_PER_SECOND / 60) * 10) / 10,
      streamWallSec: Math.round((stopAt - streamStart) / 100) / 10,
      segments,
      stopToNoteMs: Math.round(stopToNoteMs),
      noteId,
    };
  } finally {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
}
