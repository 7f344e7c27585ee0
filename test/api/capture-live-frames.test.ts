/**
 * A live frame is stored and counted in one transaction: a failure (a crash) between storing the
 * chunk and advancing `lastSeq`/`audioSeconds` leaves neither, so the browser's resend stores and
 * counts it. Real SQLite store and envelope cipher (the API harness).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CaptureService } from '../../src/server/services/capture.js';
import type { Store } from '../../src/server/store/port.js';
import { PCM_BYTES_PER_SECOND } from '../../src/speech/engine.js';
import { createClient, profile, useApi, type Caller } from './harness.js';
import { startLive } from './capture-helpers.js';

const api = useApi();

let owner: Caller;
let clientId: string;

beforeAll(async () => {
  owner = await api.user('clinician');
  clientId = (await createClient(owner, profile())).id;
});

/** The store, except that advancing a capture's lastSeq fails (in and out of transactions). */
function crashingBeforeCount(store: Store): Store {
  const fail = () => Promise.reject(new Error('process died'));
  return {
    ...store,
    captures: { ...store.captures, addLiveAudio: fail },
    transaction: (fn) =>
      store.transaction((tx) => fn({ ...tx, captures: { ...tx.captures, addLiveAudio: fail } })),
  };
}

describe('live frames', () => {
  it('a crash between storing a frame and counting it keeps neither; the resend counts it', async () => {
    const { id, deps, actor } = await startLive(api, owner, clientId, '2025-04-06');
    const frame = Buffer.alloc(PCM_BYTES_PER_SECOND / 2, 1);
    const crashing = new CaptureService({ ...deps, store: crashingBeforeCount(deps.store) });
    await expect(crashing.appendLiveAudio(actor, id, 0, frame)).rejects.toThrow('process died');
    expect(await deps.store.audio.byteCount(id)).toBe(0);

    const healthy = new CaptureService(deps);
    expect(await healthy.appendLiveAudio(actor, id, 0, frame)).toEqual({ lastSeq: 0 });
    expect(await healthy.appendLiveAudio(actor, id, 1, frame)).toEqual({ lastSeq: 1 });
    const state = await healthy.status(actor, id);
    expect(state.lastSeq).toBe(1);
    expect(state.audioSeconds).toBeCloseTo(1, 6);
  });

  it('a frame sent ahead of a gap is counted once; the frame filling the gap advances lastSeq past it', async () => {
    const { id, deps, actor } = await startLive(api, owner, clientId, '2025-04-07');
    const capture = new CaptureService(deps);
    const frame = Buffer.alloc(PCM_BYTES_PER_SECOND / 2, 1);
    expect(await capture.appendLiveAudio(actor, id, 1, frame)).toEqual({ lastSeq: -1 });
    expect(await capture.appendLiveAudio(actor, id, 1, frame)).toEqual({ lastSeq: -1 });
    expect(await capture.appendLiveAudio(actor, id, 0, frame)).toEqual({ lastSeq: 1 });
    expect(await capture.appendLiveAudio(actor, id, 1, frame)).toEqual({ lastSeq: 1 });
    expect((await capture.status(actor, id)).audioSeconds).toBeCloseTo(1, 6);
  });
});
