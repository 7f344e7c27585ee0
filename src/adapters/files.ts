import { randomBytes } from 'node:crypto';
import { mkdir, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DocscribError } from '../core/index.js';

/**
 * Checks that every input exists and is a regular file, before any work starts.
 * A missing file is a usage error (exit code 2).
 */
export async function assertReadableFiles(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    let isFile = false;
    try {
      isFile = (await stat(path)).isFile();
    } catch {
      throw new DocscribError(
        'usage',
        `File not found: ${path}`,
        'Check the path (run `ls` on it); quote paths that contain spaces.',
        { file: path },
      );
    }
    if (!isFile) {
      throw new DocscribError(
        'usage',
        `Not a file: ${path}`,
        'Give transcript files, not directories (e.g. `docscrib note sessions/*.txt`).',
        { file: path },
      );
    }
  }
}

/** `sessions/s01.txt` → `s01`. */
export function stemOf(path: string): string {
  const name = basename(path);
  const ext = extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

/**
 * The output path of every input (`<out>/<stem><suffix>`). Refuses two inputs that would write
 * the same output and any output that is one of the inputs: an input is never overwritten.
 */
export async function plannedOutputs(
  inputs: readonly string[],
  outDir: string,
  suffixes: readonly string[],
): Promise<string[][]> {
  const inputPaths = new Set(await Promise.all(inputs.map(canonical)));
  const seen = new Map<string, string>();
  const result: string[][] = [];
  for (const input of inputs) {
    const paths: string[] = [];
    for (const suffix of suffixes) {
      const out = join(outDir, stemOf(input) + suffix);
      const key = await canonical(out);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new DocscribError(
          'usage',
          `${earlier} and ${input} would both write ${out}.`,
          'Give inputs different file names, or process them in separate runs with different --out directories.',
        );
      }
      if (inputPaths.has(key)) {
        throw new DocscribError(
          'usage',
          `Writing ${out} would overwrite an input file.`,
          'Choose another --out directory.',
        );
      }
      seen.set(key, input);
      paths.push(out);
    }
    result.push(paths);
  }
  return result;
}

async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    // Not there yet: resolve the directory, which may exist, and keep the name.
    try {
      return join(await realpath(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch {
    throw new DocscribError(
      'usage',
      `Cannot create the output directory ${dir}.`,
      'Check that the path is not a file and that you may write there.',
    );
  }
}

/**
 * Writes a file so that a crash never leaves it half-written: the content goes to a temporary
 * file in the same directory, is flushed to disk, then renamed over the destination.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(tmp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
