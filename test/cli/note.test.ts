import { mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteSchema } from '../../src/core/index.js';
import { CBT_SESSION, EXPOSURE_SESSION, put, runCli, tempDir } from './helpers.js';

let dir = '';
let cleanup: () => Promise<void> = () => Promise.resolve();
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

function headingsOf(json: string): string[] {
  const doc = JSON.parse(json) as { note: unknown };
  return NoteSchema.parse(doc.note).sections.map((s) => s.heading);
}

describe('docscrib note', () => {
  it('prints a SOAP note in Markdown with its section headings, then the review', async () => {
    const file = await put(dir, 'cbt.txt', CBT_SESSION);
    const md = await runCli(['note', file]);
    expect(md.code === 0 || md.code === 1).toBe(true);
    const headings = headingsOf((await runCli(['note', file, '--json'])).stdout);
    expect(headings.map((h) => h.toLowerCase())).toEqual(
      expect.arrayContaining(['subjective', 'objective', 'assessment', 'plan']),
    );
    for (const h of headings) expect(md.stdout).toContain(h);
    // The review comes after the note.
    expect(md.stdout).toMatch(/^## Review$/m);
    expect(md.stdout.indexOf('## Review')).toBeGreaterThan(md.stdout.indexOf(headings[0] ?? ''));
  });

  it('writes BIRP with --format birp', async () => {
    const file = await put(dir, 'cbt.txt', CBT_SESSION);
    const res = await runCli(['note', file, '--format', 'birp', '--json']);
    const doc = JSON.parse(res.stdout) as { note: unknown };
    const note = NoteSchema.parse(doc.note);
    expect(note.format).toBe('birp');
    expect(note.sections.map((s) => s.heading.toLowerCase())).toEqual(
      expect.arrayContaining(['behavior', 'intervention', 'response', 'plan']),
    );
  });

  it('--json prints {note, review, analysis}: a valid Note, and exit 1 exactly when an error was found', async () => {
    const file = await put(dir, 'exposure.txt', EXPOSURE_SESSION);
    const res = await runCli(['note', file, '--json']);
    const doc = JSON.parse(res.stdout) as {
      note: unknown;
      review: { severity: string }[];
      analysis: { schemaVersion: number };
    };
    expect(NoteSchema.safeParse(doc.note).success).toBe(true);
    expect(Array.isArray(doc.review)).toBe(true);
    expect(doc.analysis.schemaVersion).toBe(1);
    expect(res.code).toBe(doc.review.some((f) => f.severity === 'error') ? 1 : 0);
  });

  it('--out writes one note per input and prints one summary line per file without clinical text', async () => {
    const a = await put(dir, 'monday.txt', CBT_SESSION);
    const b = await put(dir, 'tuesday.txt', EXPOSURE_SESSION);
    const out = join(dir, 'notes', 'nested');
    const res = await runCli(['note', a, b, '--out', out, '--json', '--quiet']);
    expect(res.code === 0 || res.code === 1).toBe(true);
    expect((await readdir(out)).sort()).toEqual([
      'monday.note.json',
      'monday.note.md',
      'tuesday.note.json',
      'tuesday.note.md',
    ]);
    const note = JSON.parse(await readFile(join(out, 'tuesday.note.json'), 'utf8')) as {
      note: unknown;
    };
    expect(NoteSchema.safeParse(note.note).success).toBe(true);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^monday\.txt: \d+ interventions?, \d+ findings? \(\d+ errors?\)/);
    // Summaries carry counts and file names only, never words from the session.
    for (const word of ['bakery', 'manager', 'bridge', 'railing']) {
      expect(res.stdout).not.toContain(word);
    }
    expect(res.stderr).toBe('');
  });

  it('shows plain [i/n] progress on stderr for several files when stderr is not a terminal', async () => {
    const files = await Promise.all(
      ['one', 'two', 'three'].map((n) => put(dir, `${n}.txt`, CBT_SESSION)),
    );
    const res = await runCli(['note', ...files, '--out', join(dir, 'out')]);
    expect(res.stderr).toContain('[1/3]');
    expect(res.stderr).toContain('[3/3]');
  });

  it('refuses several files without --out', async () => {
    const a = await put(dir, 'a.txt', CBT_SESSION);
    const b = await put(dir, 'b.txt', CBT_SESSION);
    const res = await runCli(['note', a, b]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--out');
  });

  it('uses earlier notes from --previous, skipping files that are not notes', async () => {
    const file = await put(dir, 'today.txt', CBT_SESSION);
    const previous = join(dir, 'earlier');
    await runCli(['note', file, '--out', previous, '--json', '--quiet']);
    await put(previous, 'unrelated.json', '{"hello": 1}');
    const res = await runCli(['note', file, '--previous', previous]);
    expect(res.code === 0 || res.code === 1).toBe(true);
    expect(res.stderr).toContain('unrelated.json');
  });

  it('skips a broken link in --previous with a warning naming it, instead of failing', async () => {
    const file = await put(dir, 'today.txt', CBT_SESSION);
    const previous = join(dir, 'earlier');
    await mkdir(previous);
    await put(previous, 'week1.md', 'An earlier note.');
    await symlink(join(previous, 'deleted.md'), join(previous, 'week2.md'));
    const res = await runCli(['note', file, '--previous', previous]);
    expect(res.code === 0 || res.code === 1).toBe(true);
    expect(res.stderr).not.toMatch(/internal error/);
    expect(res.stderr).toContain(`warning: skipped ${join(previous, 'week2.md')}: cannot be read`);
    expect(res.stdout).not.toBe('');
  });
});
