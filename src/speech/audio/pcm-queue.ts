/**
 * An async queue that turns pushed PCM `Buffer`s (live audio arriving over a WebSocket) into the
 * `AsyncIterable<Buffer>` an engine's `transcribe` reads.
 *
 * Push never blocks and never drops (unbounded: the producer is a live microphone at 32 kB/s, the
 * consumer an engine that keeps up or the session is stopped); one consumer; `end()` finishes the
 * iteration once everything pushed has been read; `fail(e)` makes the consumer's next read throw
 * `e` (after the already-queued buffers). Pushing after `end`/`fail` is ignored. If the consumer
 * stops early (`break`), queued buffers are dropped and later pushes ignored.
 */

export interface PcmQueue {
  push(buf: Buffer): void;
  end(): void;
  fail(e: Error): void;
  /** Single-use: iterate it once. */
  iterable: AsyncIterable<Buffer>;
  /** Bytes pushed but not yet read (for monitoring). */
  readonly pendingBytes: number;
}

export function pcmQueue(): PcmQueue {
  const items: Buffer[] = [];
  let head = 0;
  let pending = 0;
  let ended = false;
  let error: Error | null = null;
  let closed = false;
  let iterated = false;
  let wake: (() => void) | null = null;

  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };

  async function* iterate(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        if (head < items.length) {
          const buf = items[head] as Buffer;
          items[head] = Buffer.alloc(0);
          head++;
          pending -= buf.length;
          // Compact now and then so a long session's array does not grow forever.
          if (head > 1024 && head * 2 > items.length) {
            items.splice(0, head);
            head = 0;
          }
          yield buf;
          continue;
        }
        if (error !== null) throw error;
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      closed = true;
      items.length = 0;
      head = 0;
      pending = 0;
    }
  }

  return {
    push(buf) {
      if (ended || error !== null || closed || buf.length === 0) return;
      items.push(buf);
      pending += buf.length;
      notify();
    },
    end() {
      ended = true;
      notify();
    },
    fail(e) {
      if (ended || error !== null) return;
      error = e;
      notify();
    },
    iterable: {
      [Symbol.asyncIterator]() {
        if (iterated)
          throw new Error('pcmQueue: the iterable has one consumer and is already read.');
        iterated = true;
        return iterate();
      },
    },
    get pendingBytes() {
      return pending;
    },
  };
}
