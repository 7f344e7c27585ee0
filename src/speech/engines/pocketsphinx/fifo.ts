/**
 * A named pipe (FIFO) to feed PCM to a program that reads a file name.
 *
 * Node gives a child process a socket, not a pipe, as stdin, and `pocketsphinx_continuous -infile
 * /dev/stdin` cannot open a socket; a FIFO is a real pipe with a name. It lives in a fresh
 * 0700 temporary directory (only this user can open it). The writer is a non-blocking `net.Socket`
 * (writes with back-pressure; never a blocked libuv thread).
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
 * Opens the FIFO for writing before the reader starts, as a non-blocking socket.
 *
 * Opened read-write (Linux opens a FIFO that way at once, without waiting for the other side), so
 * the program reading it never blocks in `open()`: were this process to die before opening a
 * writer, the program would wait there forever. While we hold the descriptor the reader sees no
 * end of file; when we end the socket, or this process dies, it does, finishes and exits. Since we
 * hold a read side too, a reader that died gives no EPIPE: callers watch the program's exit.
 */
export function openFifoWriter(path: string): Socket {
  const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
  return new Socket({ fd, readable: false, writable: true });
}
