import { describe, expect, it } from 'vitest';
import { LiveLink, liveUrl, Outbox, type WebSocketLike } from './link';

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

function rig() {
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

  it('builds the socket URL from the page address', () => {
    expect(liveUrl('a b', { protocol: 'https:', host: 'x.example' })).toBe(
      'wss://x.example/api/sessions/a%20b/live',
    );
    expect(liveUrl('s', { protocol: 'http:', host: 'localhost:3000' })).toBe(
      'ws://localhost:3000/api/sessions/s/live',
    );
  });
});
