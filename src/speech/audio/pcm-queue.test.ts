import { describe, expect, it } from 'vitest';
import { pcmQueue } from './pcm-queue.js';

const b = (...bytes: number[]): Buffer => Buffer.from(bytes);

async function drain(it: AsyncIterable<Buffer>): Promise<number[][]> {
  const out: number[][] = [];
  for await (const buf of it) out.push([...buf]);
  return out;
}

describe('pcmQueue', () => {
  it('yields what was pushed, in order, then ends', async () => {
    const q = pcmQueue();
    q.push(b(1, 2));
    q.push(b(3, 4));
    q.push(b(5, 6));
    expect(q.pendingBytes).toBe(6);
    q.end();
    expect(await drain(q.iterable)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(q.pendingBytes).toBe(0);
  });

  it('a waiting consumer wakes on push and on end', async () => {
    const q = pcmQueue();
    const seen: number[][] = [];
    const done = (async () => {
      for await (const buf of q.iterable) seen.push([...buf]);
      return 'ended';
    })();
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([]);
    q.push(b(1, 2));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([[1, 2]]);
    q.push(b(3, 4));
    q.end();
    expect(await done).toBe('ended');
    expect(seen).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('fail: queued buffers first, then the error', async () => {
    const q = pcmQueue();
    q.push(b(1, 2));
    q.fail(new Error('socket closed'));
    q.push(b(9, 9)); // ignored after fail
    const seen: number[][] = [];
    await expect(
      (async () => {
        for await (const buf of q.iterable) seen.push([...buf]);
      })(),
    ).rejects.toThrow('socket closed');
    expect(seen).toEqual([[1, 2]]);
  });

  it('fail wakes a waiting consumer', async () => {
    const q = pcmQueue();
    const it = q.iterable[Symbol.asyncIterator]();
    const next = it.next();
    q.fail(new Error('engine stopped'));
    await expect(next).rejects.toThrow('engine stopped');
  });

  it('pushes after end are ignored; empty buffers are skipped', async () => {
    const q = pcmQueue();
    q.push(b());
    q.push(b(7, 8));
    q.end();
    q.push(b(1, 1));
    q.fail(new Error('late'));
    expect(await drain(q.iterable)).toEqual([[7, 8]]);
  });

  it('has one consumer', () => {
    const q = pcmQueue();
    q.iterable[Symbol.asyncIterator]();
    expect(() => q.iterable[Symbol.asyncIterator]()).toThrow(/one consumer/);
  });

  it('a consumer that stops early drops the queue and later pushes', async () => {
    const q = pcmQueue();
    q.push(b(1, 2));
    q.push(b(3, 4));
    const it = q.iterable[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual(b(1, 2));
    await it.return?.();
    q.push(b(5, 6));
    expect(q.pendingBytes).toBe(0);
  });

  it('keeps order over many pushes interleaved with reads (array compaction)', async () => {
    const q = pcmQueue();
    const n = 5000;
    const reader = (async () => {
      let expected = 0;
      for await (const buf of q.iterable) {
        if (buf.readUInt16LE(0) !== expected) throw new Error(`out of order at ${expected}`);
        expected++;
      }
      return expected;
    })();
    for (let i = 0; i < n; i++) {
      const buf = Buffer.alloc(2);
      buf.writeUInt16LE(i);
      q.push(buf);
      if (i % 97 === 0) await new Promise((r) => setImmediate(r));
    }
    q.end();
    expect(await reader).toBe(n);
  });
});
