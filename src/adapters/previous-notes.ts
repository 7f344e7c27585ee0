import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DocscribError } from '../core/index.js';
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
 * --out` writes them), the JSON one is used once. Other files are skipped.
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
  const stems = new Set(
    names.filter((n) => extname(n).toLowerCase() === '.json').map((n) => n.slice(0, -5)),
  );
  const texts: string[] = [];
  const skipped: PreviousNotes['skipped'] = [];
  for (const name of names) {
    const ext = extname(name).toLowerCase();
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    if (TEXT_EXTENSIONS.has(ext)) {
      if (stems.has(name.slice(0, -ext.length))) continue;
      texts.push(await readFile(path, 'utf8'));
    } else if (ext === '.json') {
      try {
        texts.push(noteText(parseNoteDocument(await readFile(path, 'utf8'), path).note));
      } catch (e) {
        if (!(e instanceof DocscribError)) throw e;
        skipped.push({ file: path, reason: 'not a DocScrib note' });
      }
    }
  }
  return { texts, skipped };
}
