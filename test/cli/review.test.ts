import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FindingSchema, type Note } from '../../src/core/index.js';
import { EXPOSURE_SESSION, STACK_LINE, put, runCli, tempDir } from './helpers.js';

let dir = '';
let cleanup: () => Promise<void> = () => Promise.resolve();
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe('docscrib review', () => {
  it('reviews a note written by `note --json` and exits 1 exactly when an error is found', async () => {
    const file = await put(dir, 'session.txt', EXPOSURE_SESSION);
    await runCli(['note', file, '--json', '--out', dir, '--quiet']);
    const notePath = join(dir, 'session.note.json');
    const res = await runCli(['review', notePath, '--json']);
    const { review } = JSON.parse(res.stdout) as { review: unknown[] };
    const findings = review.map((f) => FindingSchema.parse(f));
    expect(res.code).toBe(findings.some((f) => f.severity === 'error') ? 1 : 0);
    // The same findings as the note command reported when it wrote the note.
    const written = JSON.parse(await readFile(notePath, 'utf8')) as { review: unknown[] };
    expect(findings).toEqual(written.review);
    const text = await runCli(['review', notePath]);
    expect(text.code).toBe(res.code);
    for (const f of findings) expect(text.stdout).toContain(f.ruleId);
  });

  it('accepts a bare Note JSON', async () => {
    const note: Note = {
      schemaVersion: 1,
      format: 'soap',
      header: { start: null, end: null, durationMinutes: null, cpt: null },
      sections: [],
      interventions: [],
    };
    const path = await put(dir, 'bare.json', JSON.stringify(note));
    const res = await runCli(['review', path, '--json']);
    expect([0, 1]).toContain(res.code);
    expect(Array.isArray((JSON.parse(res.stdout) as { review: unknown }).review)).toBe(true);
  });

  it('explains that a Markdown note cannot be reviewed (exit 2)', async () => {
    const path = await put(dir, 'session.note.md', '## Subjective\n\nSomething.\n');
    const res = await runCli(['review', path]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--json');
  });

  it('names the invalid field of a broken note (exit 3, no stack trace)', async () => {
    const path = await put(
      dir,
      'broken.json',
      JSON.stringify({
        schemaVersion: 1,
        format: 'essay',
        header: {},
        sections: [],
        interventions: [],
      }),
    );
    const res = await runCli(['review', path]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/field (format|header)/);
    expect(res.stderr).not.toMatch(STACK_LINE);
  });
});
