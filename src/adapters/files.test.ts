import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertReadableFiles, fileError, fileProblem, readTextFile } from './files.js';
import { errorOfAsync } from '../core/test-helpers.js';
import { useTempDir } from './test-helpers.js';

const tempDir = useTempDir('docscrib-files-');

const errno = (code: string) => Object.assign(new Error(`${code}: secret path text`), { code });

describe('fileError', () => {
  it('maps file-system error codes to usage errors that name the file', () => {
    const path = 'notes/a.json';
    expect(fileError(path, errno('ENOENT'), 'note').message).toBe(`File not found: ${path}`);
    expect(fileError(path, errno('EACCES'), 'note').message).toBe(`Permission denied: ${path}`);
    expect(fileError(path, errno('EISDIR'), 'note').message).toBe(`Not a file: ${path}`);
    const other = fileError(path, errno('EIO'), 'note');
    expect(other.message).toBe(`Cannot read ${path} (EIO).`);
    for (const e of [other, fileError(path, new Error('x'), 'plan')]) {
      expect(e.code).toBe('usage');
      expect(e.location.file).toBe(path);
      expect(e.message).not.toContain('secret');
    }
  });

  it('gives each kind of file its own "not a file" hint', () => {
    const hint = (kind: 'transcript' | 'plan' | 'note' | 'analysis') =>
      fileError('d', errno('EISDIR'), kind).hint;
    expect(hint('transcript')).toMatch(/transcript files/);
    expect(hint('plan')).toMatch(/treatment plan JSON file/);
    expect(hint('note')).toMatch(/note JSON file/);
    expect(hint('analysis')).toMatch(/analysis JSON file/);
    expect(hint('plan')).not.toMatch(/transcript/);
  });

  it('says in a few words why a skipped file could not be read', () => {
    expect(fileProblem(errno('ENOENT'))).toMatch(/not found \(a broken link\?\)/);
    expect(fileProblem(errno('EACCES'))).toMatch(/permission denied/);
    expect(fileProblem(new Error('x'))).toBe('cannot be read');
  });
});

describe('assertReadableFiles and readTextFile', () => {
  it('refuses a directory with the hint of the kind of file expected', async () => {
    const sub = join(tempDir(), 'plans');
    await mkdir(sub);
    const e = await errorOfAsync(assertReadableFiles([sub], 'plan'));
    expect(e.message).toBe(`Not a file: ${sub}`);
    expect(e.hint).toMatch(/--plan plan\.json/);
    expect((await errorOfAsync(assertReadableFiles([sub]))).hint).toMatch(/transcript files/);
  });

  it('reports a missing file as not found', async () => {
    const e = await errorOfAsync(assertReadableFiles([join(tempDir(), 'nope.txt')]));
    expect(e.code).toBe('usage');
    expect(e.message).toMatch(/^File not found: /);
  });

  it('reads a file, and turns a failed read into a located usage error', async () => {
    const path = join(tempDir(), 'a.txt');
    await writeFile(path, 'hello');
    expect(await readTextFile(path, 'note')).toBe('hello');
    const e = await errorOfAsync(readTextFile(tempDir(), 'note'));
    expect(e.message).toBe(`Not a file: ${tempDir()}`);
    expect(e.hint).toMatch(/note JSON file/);
    expect(
      (await errorOfAsync(readTextFile(join(tempDir(), 'gone.json'), 'note'))).message,
    ).toMatch(/^File not found/);
  });
});
