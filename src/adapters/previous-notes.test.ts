import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPreviousNotes } from './previous-notes.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docscrib-previous-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readPreviousNotes', () => {
  it('skips a broken link with a reason naming the file, and reads the other notes', async () => {
    await writeFile(join(dir, 'a.md'), 'First note.');
    await symlink(join(dir, 'deleted.md'), join(dir, 'b.md'));
    await writeFile(join(dir, 'c.txt'), 'Third note.');
    const r = await readPreviousNotes(dir);
    expect(r.texts).toEqual(['First note.', 'Third note.']);
    expect(r.skipped).toEqual([
      { file: join(dir, 'b.md'), reason: 'cannot be read: not found (a broken link?)' },
    ]);
  });

  it('skips a broken link to a JSON note the same way', async () => {
    await symlink(join(dir, 'deleted.json'), join(dir, 'old.json'));
    const r = await readPreviousNotes(dir);
    expect(r.texts).toEqual([]);
    expect(r.skipped.map((s) => s.file)).toEqual([join(dir, 'old.json')]);
  });

  it('keeps the text twin of a JSON file that is not a DocScrib note', async () => {
    await writeFile(join(dir, 's1.json'), '{"something": "else"}');
    await writeFile(join(dir, 's1.md'), 'The note as Markdown.');
    const r = await readPreviousNotes(dir);
    expect(r.texts).toEqual(['The note as Markdown.']);
    expect(r.skipped).toEqual([{ file: join(dir, 's1.json'), reason: 'not a DocScrib note' }]);
  });

  it('ignores sub-directories and other file types without a warning', async () => {
    await mkdir(join(dir, 'archive.md'));
    await writeFile(join(dir, 'scan.pdf'), 'x');
    await writeFile(join(dir, 'z.txt'), 'Only note.');
    expect(await readPreviousNotes(dir)).toEqual({ texts: ['Only note.'], skipped: [] });
  });
});
