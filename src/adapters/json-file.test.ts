import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnalysisFile, readNoteFile } from './note-file.js';
import { readPlanFile } from './plan-file.js';
import { errorOfAsync } from '../core/test-helpers.js';
import { useTempDir } from './test-helpers.js';

const tempDir = useTempDir('docscrib-json-');

describe('JSON input files (plan, note, analysis)', () => {
  it('reads a valid plan', async () => {
    const path = join(tempDir(), 'plan.json');
    await writeFile(path, '\uFEFF{"goals": [{"id": "g1", "text": "Sleep"}]}');
    expect((await readPlanFile(path)).goals).toEqual([{ id: 'g1', text: 'Sleep' }]);
  });

  it('turns a failed read into a usage error naming the file, not an internal error', async () => {
    const sub = join(tempDir(), 'plan-dir.json');
    await mkdir(sub);
    const plan = await errorOfAsync(readPlanFile(sub));
    expect(plan.code).toBe('usage');
    expect(plan.message).toBe(`Not a file: ${sub}`);
    expect(plan.hint).toMatch(/treatment plan/);
    const note = await errorOfAsync(readNoteFile(sub));
    expect(note.code).toBe('usage');
    expect(note.hint).toMatch(/note JSON file/);
    const missing = join(tempDir(), 'gone.json');
    const analysis = await errorOfAsync(readAnalysisFile(missing));
    expect(analysis.code).toBe('usage');
    expect(analysis.message).toBe(`File not found: ${missing}`);
    expect(analysis.location.file).toBe(missing);
  });

  it('locates a syntax error by line and column without quoting the file', async () => {
    const path = join(tempDir(), 'broken.json');
    await writeFile(path, '{\n  "goals": [\n    {"id": "g1" "text": "my secret goal"}\n  ]\n}\n');
    const e = await errorOfAsync(readPlanFile(path));
    expect(e.code).toBe('plan.invalid');
    expect(e.location).toEqual({ file: path, line: 3 });
    expect(e.message).toMatch(
      /^The plan file is not valid JSON \(syntax error on line 3, column \d+\)\.$/,
    );
    expect(`${e.message} ${e.hint}`).not.toContain('secret');
  });

  it('reports a truncated note on its last line', async () => {
    const path = join(tempDir(), 'cut.note.json');
    await writeFile(path, '{\n  "note": {\n');
    const e = await errorOfAsync(readNoteFile(path));
    expect(e.code).toBe('note.invalid');
    expect(e.location.line).toBe(2);
  });
});
