import { describe, expect, it } from 'vitest';
import { LIVE_CLOSE } from '../../../src/server/services/live-protocol.js';
import {
  LiveLink,
  liveUrl,
  NOT_RECORDING_ERROR,
  Outbox,
  REFUSED_ERROR,
  type HandshakeProbe,
  type WebSocketLike,
} from './link';

class FakeSocket implements WebSocketLike {
  binaryType = 'blob';
  readyState = 0;
  sent: (string | ArrayBuffer)[] = [];
  closed: number | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string | ArrayBuffer): void {
    this.sent.push(data);
  }
  close(code = 1000): void {
    this.closed = code;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(m: unknown): void {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  /** Seqs of the binary frames sent, and the control messages. */
  frames(): number[] {
    return this.sent
      .filter((d): d is ArrayBuffer => typeof d !== 'string')
      .map((d) => new DataView(d).getUint32(0, true));
  }
  controls(): string[] {
    return this.sent
      .filter((d): d is string => typeof d === 'string')
      .map((d) => (JSON.parse(d) as { type: string }).type);
  }
}

function rig(probe?: () => Promise<HandshakeProbe>) {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const events: string[] = [];
  const link = new LiveLink(
    'ws://localhost/api/sessions/s1/live',
    new Outbox(),
    {
      onState: (s) => events.push(`state:${s}`),
      onDone: (id) => events.push(`done:${id}`),
      onError: (e, fatal) => events.push(`error:${e.code}:${String(fatal)}`),
      onSegment: (s) => events.push(`segment:${s.text}`),
      ...(probe ? { probe } : {}),
    },
    {
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => undefined,
    },
  );
  const hello = (lastSeq: number, status = 'recording') => ({
    type: 'hello',
    status,
    lastSeq,
    segments: [],
    engine: 'pocketsphinx',
    quality: 'draft',
    model: null,
    audioSeconds: 0,
  });
  const last = () => sockets[sockets.length - 1] as FakeSocket;
  return { link, sockets, timers, events, hello, last };
}

const samples = () => new Int16Array(8000);

describe('LiveLink', () => {
  it('holds frames until the hello, then sends them; acks empty the outbox', () => {
    const r = rig();
    r.link.start();
    r.link.sendFrame(samples());
    r.link.sendFrame(samples());
    r.last().open();
    expect(r.last().frames()).toEqual([]);
    r.last().receive(r.hello(-1));
    expect(r.last().frames()).toEqual([0, 1]);
    r.link.sendFrame(samples());
    expect(r.last().frames()).toEqual([0, 1, 2]);
    r.last().receive({ type: 'ack', seq: 1 });
    expect(r.link.outbox.pending().map((f) => f.seq)).toEqual([2]);
  });

  it('after a drop reconnects and resends exactly what the server has not stored', () => {
    const r = rig();
    r.link.start();
    r.last().open();
    r.last().receive(r.hello(-1));
    for (let i = 0; i < 5; i++) r.link.sendFrame(samples());
    r.last().receive({ type: 'ack', seq: 1 });
    r.last().drop();
    expect(r.events).toContain('state:reconnecting');
    // Recorded during the blip: kept.
    r.link.sendFrame(samples());
    expect(r.timers).toHaveLength(1);
    r.timers[0]?.();
    expect(r.sockets).toHaveLength(2);
    r.last().open();
    // The server had stored up to 3 (its acks were lost with the socket).
    r.last().receive(r.hello(3));
    expect(r.last().frames()).toEqual([4, 5]);
    expect(r.events[r.events.length - 1]).toBe('state:open');
  });

  it('resends from the gap the server names', () => {
    const r = rig();
    r.link.start();
    r.last().open();
    r.last().receive(r.hello(-1));
    for (let i = 0; i < 4; i++) r.link.sendFrame(samples());
    r.last().receive({ type: 'ack', seq: 0 });
    r.last().receive({ type: 'resend', fromSeq: 2 });
    expect(r.last().frames()).toEqual([0, 1, 2, 3, 2, 3]);
  });

  it('sends stop only once every frame is acknowledged, and pause state survives reconnects', () => {
    const r = rig();
    r.link.start();
    r.last().open();
    r.last().receive(r.hello(-1));
    r.link.sendFrame(samples());
    r.link.pause();
    expect(r.last().controls()).toEqual(['pause']);
    r.last().drop();
    r.timers[0]?.();
    r.last().open();
    // The server restarted before it stored the pause: it says recording; the link pauses again.
    r.last().receive(r.hello(-1, 'recording'));
    expect(r.last().controls()).toEqual(['pause']);
    r.link.resume();
    r.link.stop();
    expect(r.last().controls()).toEqual(['pause', 'resume']);
    r.last().receive({ type: 'ack', seq: 0 });
    expect(r.last().controls()).toEqual(['pause', 'resume', 'stop']);
    r.last().receive({ type: 'done', noteId: 'n1' });
    expect(r.events).toContain('done:n1');
    expect(r.link.linkState).toBe('closed');
  });

  it('gives up after a refusal close code, and numbers a reload after the stored frames', () => {
    const r = rig();
    r.link.start();
    r.last().drop(4404);
    expect(r.timers).toHaveLength(0);
    expect(r.link.linkState).toBe('closed');

    const again = rig();
    again.link.start();
    again.last().open();
    again.last().receive(again.hello(41));
    again.link.sendFrame(samples());
    expect(again.last().frames()).toEqual([42]);
  });

  it('ignores server messages that do not match the protocol', () => {
    const r = rig();
    r.link.start();
    r.last().open();
    // A hello without lastSeq, an ack whose seq is text, a segment without text, an unknown type.
    r.last().receive({ type: 'hello', status: 'recording' });
    r.link.sendFrame(samples());
    expect(r.link.linkState).not.toBe('open');
    expect(r.last().frames()).toEqual([]);
    r.last().receive(r.hello(-1));
    expect(r.last().frames()).toEqual([0]);
    r.last().receive({ type: 'ack', seq: '0' });
    r.last().receive({ type: 'segment', segment: { start: 0, end: 1 } });
    r.last().receive({ type: 'surprise' });
    r.last().onmessage?.({ data: 'not json' });
    expect(r.link.outbox.pending().map((f) => f.seq)).toEqual([0]);
    expect(r.events.filter((e) => e.startsWith('segment:'))).toEqual([]);
    r.last().receive({ type: 'segment', segment: { start: 0, end: 1, text: 'hello' } });
    r.last().receive({ type: 'ack', seq: 0 });
    expect(r.events).toContain('segment:hello');
    expect(r.link.outbox.pending()).toEqual([]);
  });

  it('stops for the LIVE_CLOSE codes that say reconnecting cannot help, not for tooFast', () => {
    for (const code of [
      LIVE_CLOSE.badMessage,
      LIVE_CLOSE.unauthenticated,
      LIVE_CLOSE.notFound,
      LIVE_CLOSE.notRecording,
    ]) {
      const r = rig();
      r.link.start();
      r.last().drop(code);
      expect(r.timers).toHaveLength(0);
      expect(r.link.linkState).toBe('closed');
    }
    const r = rig();
    r.link.start();
    r.last().open();
    r.last().drop(LIVE_CLOSE.tooFast);
    expect(r.timers).toHaveLength(1);
    expect(r.link.linkState).toBe('reconnecting');
  });

  describe('a handshake that keeps failing', () => {
    /** The handshake fails (the server answered an HTTP status, not 101) `n` times. */
    async function refuse(r: ReturnType<typeof rig>, n: number): Promise<void> {
      for (let i = 0; i < n; i++) {
        if (r.link.linkState === 'closed') return;
        r.last().drop(1006);
        await new Promise((ok) => setTimeout(ok, 0)); // the probe's answer
        r.timers.shift()?.();
      }
    }

    it.each([401, 403, 404])('stops when the API answers %i for the session', async (status) => {
      let probes = 0;
      const r = rig(() => {
        probes++;
        return Promise.resolve({
          ok: false,
          httpStatus: status,
          error: { code: 'not_found', message: 'No such session.', hint: 'h' },
        });
      });
      r.link.start();
      await refuse(r, 20);
      expect(probes).toBe(1);
      expect(r.sockets).toHaveLength(3);
      expect(r.link.linkState).toBe('closed');
      expect(r.events).toContain('error:not_found:true');
    });

    it('stops when the API answers but the socket still will not open (a supervisor: 403)', async () => {
      const r = rig(() => Promise.resolve({ ok: true, status: 'recording', noteId: null }));
      r.link.start();
      await refuse(r, 20);
      expect(r.sockets).toHaveLength(6);
      expect(r.link.linkState).toBe('closed');
      expect(r.events).toContain(`error:${REFUSED_ERROR.code}:true`);
    });

    it('stops when the session is no longer recording, opens the note when there is one', async () => {
      const stopped = rig(() => Promise.resolve({ ok: true, status: 'failed', noteId: null }));
      stopped.link.start();
      await refuse(stopped, 20);
      expect(stopped.sockets).toHaveLength(3);
      expect(stopped.events).toContain(`error:${NOT_RECORDING_ERROR.code}:true`);

      const done = rig(() => Promise.resolve({ ok: true, status: 'ready', noteId: 'n9' }));
      done.link.start();
      await refuse(done, 20);
      expect(done.sockets).toHaveLength(3);
      expect(done.events).toContain('done:n9');
      expect(done.link.linkState).toBe('closed');
    });

    it('keeps reconnecting through a network outage (the API unreachable too)', async () => {
      const r = rig(() =>
        Promise.resolve({
          ok: false,
          httpStatus: 0,
          error: { code: 'network', message: 'm', hint: '' },
        }),
      );
      r.link.start();
      await refuse(r, 12);
      expect(r.sockets).toHaveLength(13);
      expect(r.link.linkState).toBe('reconnecting');
      expect(r.events.some((e) => e.startsWith('error:'))).toBe(false);
      // The server is back: the hello resets the count.
      r.last().open();
      r.last().receive(r.hello(-1));
      expect(r.link.linkState).toBe('open');
    });
  });

  it('builds the socket URL from the page address', () => {
    expect(liveUrl('a b', { protocol: 'https:', host: 'x.example' })).toBe(
      'wss://x.example/api/sessions/a%20b/live',
    );
    expect(liveUrl('s', { protocol: 'http:', host: 'localhost:3000' })).toBe(
      'ws://localhost:3000/api/sessions/s/live',
    );
  });
});
