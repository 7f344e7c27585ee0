import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocscribError } from '../core/errors.js';
import { readAnalysisFile, readNoteFile } from './note-file.js';
import { readPlanFile } from './plan-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docscrib-json-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(p: Promise<unknown>): Promise<DocscribError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DocscribError) return e;
    throw e;
  }
  throw new Error('expected a DocscribError');
}

describe('JSON input files (plan, note, analysis)', () => {
  it('reads a valid plan', async () => {
    const path = join(dir, 'plan.json');
    await writeFile(path, '\uFEFF{"goals": [{"id": "g1", "text": "Sleep"}]}');
    expect((await readPlanFile(path)).goals).toEqual([{ id: 'g1', text: 'Sleep' }]);
  });

  it('turns a failed read into a usage error naming the file, not an internal error', async () => {
    const sub = join(dir, 'plan-dir.json');
    await mkdir(sub);
    const plan = await errorOf(readPlanFile(sub));
    expect(plan.code).toBe('usage');
    expect(plan.message).toBe(`Not a file: ${sub}`);
    expect(plan.hint).toMatch(/treatment plan/);
    const note = await errorOf(readNoteFile(sub));
    expect(note.code).toBe('usage');
    expect(note.hint).toMatch(/note JSON file/);
    const missing = join(dir, 'gone.json');
    const analysis = await errorOf(readAnalysisFile(missing));
    expect(analysis.code).toBe('usage');
    expect(analysis.message).toBe(`File not found: ${missing}`);
    expect(analysis.location.file).toBe(missing);
  });

  it('locates a syntax error by line and column without quoting the file', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{\n  "goals": [\n    {"id": "g1" "text": "my secret goal"}\n  ]\n}\n');
    const e = await errorOf(readPlanFile(path));
    expect(e.code).toBe('plan.invalid');
    expect(e.location).toEqual({ file: path, line: 3 });
    expect(e.message).toMatch(
      /^The plan file is not valid JSON \(syntax error on line 3, column \d+\)\.$/,
    );
    expect(`${e.message} ${e.hint}`).not.toContain('secret');
  });

  it('reports a truncated note on its last line', async () => {
    const path = join(dir, 'cut.note.json');
    await writeFile(path, '{\n  "note": {\n');
    const e = await errorOf(readNoteFile(path));
    expect(e.code).toBe('note.invalid');
    expect(e.location.line).toBe(2);
  });
});
