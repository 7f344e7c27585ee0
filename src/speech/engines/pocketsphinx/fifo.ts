/**
 * A named pipe (FIFO) to feed PCM to a program that reads a file name.
 *
 * Node gives a child process a socket, not a pipe, as stdin, and `pocketsphinx_continuous -infile
 * /dev/stdin` cannot open a socket; a FIFO is a real pipe with a name. It lives in a fresh
 * 0700 temporary directory (only this user can open it). Opening a FIFO for writing blocks until
 * a reader has opened it, which would hang a libuv thread forever if the reader died first, so the
 * writer is opened non-blocking and retried until the reader is there (or has gone), then wrapped
 * in a `net.Socket`, which gives writes back-pressure and reports a vanished reader as EPIPE
 * instead of blocking.
 */
import { execFile } from 'node:child_process';
import { chmodSync, constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Fifo {
  /** Path of the FIFO, to give to the reading program. */
  path: string;
  /** Removes the FIFO and its directory (idempotent). */
  remove(): Promise<void>;
}

export async function createFifo(name = 'audio.raw'): Promise<Fifo> {
  const dir = await mkdtemp(join(tmpdir(), 'docscrib-ps-'));
  chmodSync(dir, 0o700);
  const path = join(dir, name);
  try {
    await run('mkfifo', ['-m', '600', path]);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  let removed = false;
  return {
    path,
    remove: async () => {
      if (removed) return;
      removed = true;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `path` for writing once a reader has it open. Polls every `intervalMs` while
 * `readerAlive()` holds; resolves `null` when the reader went away (or `signal` aborted) first.
 */
export async function openFifoWriter(
  path: string,
  readerAlive: () => boolean,
  signal?: AbortSignal,
  intervalMs = 20,
): Promise<Socket | null> {
  for (;;) {
    if (!readerAlive() || signal?.aborted) return null;
    try {
      // Synchronous on purpose: with O_NONBLOCK the open returns at once (ENXIO while no reader
      // has the FIFO open), and a plain descriptor can be handed to the socket, which owns it.
      const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
      return new Socket({ fd, readable: false, writable: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENXIO') throw e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
