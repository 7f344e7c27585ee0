import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DocscribError } from '../core/index.js';
import { fileProblem } from './files.js';
import { noteText, parseNoteDocument } from './note-file.js';

export interface PreviousNotes {
  /** Text of every earlier note, in file-name order. */
  texts: string[];
  /** Files left out and why (file names only). */
  skipped: { file: string; reason: string }[];
}

const TEXT_EXTENSIONS = new Set(['.md', '.txt']);

/**
 * The client's earlier notes from a directory (`--previous dir`): `.md` / `.txt` as text, `.json`
 * notes rendered to text. When `x.json` and `x.md` hold the same note (as `docscrib note --json
 * --out` writes them), the JSON one is used once. Other files are skipped. A file that cannot be
 * read (a broken link, no permission) or a JSON file that is not a DocScrib note is skipped and
 * listed in `skipped` with the reason; the run goes on.
 */
export async function readPreviousNotes(dir: string): Promise<PreviousNotes> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
    names = (await readdir(dir)).sort();
  } catch {
    throw new DocscribError(
      'usage',
      `--previous ${dir} is not a directory.`,
      "Give the directory that holds the client's earlier notes (.md, .txt or .json).",
      { file: dir },
    );
  }
  const byName = new Map<string, string>();
  const skipped: PreviousNotes['skipped'] = [];
  const read = async (name: string): Promise<string | undefined> => {
    const path = join(dir, name);
    try {
      // A directory (or a link to one) is not a note and not worth a warning.
      if (!(await stat(path)).isFile()) return undefined;
      return await readFile(path, 'utf8');
    } catch (e) {
      skipped.push({ file: path, reason: fileProblem(e) });
      return undefined;
    }
  };
  // JSON notes first: a text twin (`x.md` beside `x.json`) is left out only when the JSON was used.
  const jsonStems = new Set<string>();
  for (const name of names) {
    if (extname(name).toLowerCase() !== '.json') continue;
    const text = await read(name);
    if (text === undefined) continue;
    const path = join(dir, name);
    try {
      byName.set(name, noteText(parseNoteDocument(text, path).note));
      jsonStems.add(name.slice(0, -'.json'.length));
    } catch (e) {
      if (!(e instanceof DocscribError)) throw e;
      skipped.push({ file: path, reason: 'not a DocScrib note' });
    }
  }
  for (const name of names) {
    const ext = extname(name).toLowerCase();
    if (!TEXT_EXTENSIONS.has(ext) || jsonStems.has(name.slice(0, -ext.length))) continue;
    const text = await read(name);
    if (text !== undefined) byName.set(name, text);
  }
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { texts: names.flatMap((n) => byName.get(n) ?? []), skipped };
}
