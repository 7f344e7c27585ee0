import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DocscribError } from '../core/index.js';

/** What a file given on the command line is, for the hint of an error about it. */
export type FileKind = 'transcript' | 'plan' | 'note' | 'analysis' | 'audio';

const NOT_A_FILE_HINT: Record<FileKind, string> = {
  transcript: 'Give transcript files, not directories (e.g. `docscrib note sessions/*.txt`).',
  plan: 'Give the treatment plan JSON file, not a directory (e.g. `--plan plan.json`).',
  note: 'Give the note JSON file written by `docscrib note --json` (e.g. `docscrib review notes/session.note.json`), not a directory.',
  analysis:
    'Give the analysis JSON file written by `docscrib analyze` (e.g. `--analysis session.analysis.json`), not a directory.',
  audio: 'Give audio files, not directories (e.g. `docscrib transcribe recordings/*.wav`).',
};

/** The error code of a failed file-system call (`ENOENT`, `EACCES`…), if it has one. */
function errnoCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `<path>` is a directory or another non-file: a usage error whose hint depends on `kind`. */
export function notAFileError(path: string, kind: FileKind): DocscribError {
  return new DocscribError('usage', `Not a file: ${path}`, NOT_A_FILE_HINT[kind], { file: path });
}

/**
 * A failed `stat`/`readFile` of a file the user named, as a usage error (exit code 2) that names
 * the file and says what to do. The one place these messages are written.
 */
export function fileError(path: string, e: unknown, kind: FileKind): DocscribError {
  const code = errnoCode(e);
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') {
    return new DocscribError(
      'usage',
      `File not found: ${path}`,
      'Check the path (run `ls` on it); quote paths that contain spaces.',
      { file: path },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new DocscribError(
      'usage',
      `Permission denied: ${path}`,
      'Check that you are allowed to read the file.',
      { file: path },
    );
  }
  if (code === 'EISDIR') return notAFileError(path, kind);
  return new DocscribError(
    'usage',
    `Cannot read ${path}${code ? ` (${code})` : ''}.`,
    'Check the path and try again.',
    { file: path },
  );
}

/** Why a file could not be read, in a few words (for files that are skipped, not fatal). */
export function fileProblem(e: unknown): string {
  const code = errnoCode(e);
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') {
    return 'cannot be read: not found (a broken link?)';
  }
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  if (code === 'EISDIR') return 'cannot be read: it is a directory';
  return `cannot be read${code ? ` (${code})` : ''}`;
}

/**
 * Checks that every input exists and is a regular file, before any work starts.
 * A missing file is a usage error (exit code 2).
 */
export async function assertReadableFiles(
  paths: readonly string[],
  kind: FileKind = 'transcript',
): Promise<void> {
  for (const path of paths) {
    let isFile: boolean;
    try {
      isFile = (await stat(path)).isFile();
    } catch (e) {
      throw fileError(path, e, kind);
    }
    if (!isFile) throw notAFileError(path, kind);
  }
}

/** A UTF-8 text file the user named; a failed read is a {@link fileError}. */
export async function readTextFile(path: string, kind: FileKind): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw fileError(path, e, kind);
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
