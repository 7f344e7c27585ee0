import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CBT_SESSION, DIARIZED_SESSION, STACK_LINE, put, runCli, tempDir } from './helpers.js';

let dir = '';
let cleanup: () => Promise<void> = () => Promise.resolve();
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

/** Every error: `docscrib: …` then `hint: …`, no stack trace. */
function expectUserError(stderr: string): void {
  expect(stderr).toMatch(/^docscrib: \S/m);
  expect(stderr).toMatch(/^hint: \S/m);
  expect(stderr).not.toMatch(STACK_LINE);
}

describe('usage errors exit 2', () => {
  it('a missing file, named in the message', async () => {
    const res = await runCli(['note', join(dir, 'nowhere.txt')]);
    expect(res.code).toBe(2);
    expectUserError(res.stderr);
    expect(res.stderr).toContain('nowhere.txt');
    expect(res.stderr).toMatch(/not found/i);
  });

  it('a missing file stops a batch before any output is written', async () => {
    const good = await put(dir, 'good.txt', CBT_SESSION);
    const out = join(dir, 'out');
    const res = await runCli(['note', good, join(dir, 'missing.txt'), '--out', out]);
    expect(res.code).toBe(2);
    await expect(readdir(out)).rejects.toThrow();
  });

  it('an unknown option or command', async () => {
    const file = await put(dir, 'a.txt', CBT_SESSION);
    const opt = await runCli(['note', file, '--colour']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("unknown option '--colour'");
    expectUserError(opt.stderr);
    const cmd = await runCli(['notes', file]);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain("unknown command 'notes'");
  });

  it('a bad --format or --roles value', async () => {
    const file = await put(dir, 'a.txt', CBT_SESSION);
    const fmt = await runCli(['note', file, '--format', 'essay']);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('soap');
    const roles = await runCli(['note', file, '--roles', 'Therapist=boss']);
    expect(roles.code).toBe(2);
    expect(roles.stderr).toContain('clinician, client, other');
    for (const bad of ['Therapist', ' , ', '=client']) {
      const res = await runCli(['analyze', file, '--roles', bad]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('label=role pairs');
      expect(res.stdout).toBe('');
    }
  });

  it('a directory given as the plan, the note or the analysis, with a hint for that file', async () => {
    const file = await put(dir, 'a.txt', CBT_SESSION);
    const plan = await runCli(['note', file, '--plan', dir]);
    expect(plan.code).toBe(2);
    expectUserError(plan.stderr);
    expect(plan.stderr).toContain(`Not a file: ${dir}`);
    expect(plan.stderr).toMatch(/^hint: .*treatment plan JSON file/m);
    expect(plan.stderr).not.toMatch(/transcript/i);
    const review = await runCli(['review', dir]);
    expect(review.code).toBe(2);
    expect(review.stderr).toMatch(/^hint: .*note JSON file/m);
    const note = await put(dir, 'a.note.json', '{}');
    const analysis = await runCli(['review', note, '--analysis', dir]);
    expect(analysis.code).toBe(2);
    expect(analysis.stderr).toMatch(/^hint: .*analysis JSON file/m);
  });
});

describe('input errors exit 3, with a hint and no stack trace', () => {
  it('an empty file', async () => {
    const file = await put(dir, 'empty.txt', '');
    const res = await runCli(['note', file]);
    expect(res.code).toBe(3);
    expectUserError(res.stderr);
    expect(res.stderr).toContain('empty.txt');
    expect(res.stdout).toBe('');
  });

  it('a binary file, without echoing its content', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from('Client: my secret words'),
      Buffer.from([0, 0xff, 0xfe, 0]),
    ]);
    const file = await put(dir, 'scan.txt', bytes);
    const res = await runCli(['note', file]);
    expect(res.code).toBe(3);
    expectUserError(res.stderr);
    expect(res.stderr).toContain('scan.txt');
    expect(res.stderr).not.toContain('secret');
  });

  it('a --roles label that is not a speaker, listing the labels', async () => {
    const file = await put(dir, 'diarized.txt', DIARIZED_SESSION);
    const res = await runCli(['analyze', file, '--roles', 'Speaker 3=clinician']);
    expect(res.code).toBe(3);
    expectUserError(res.stderr);
    expect(res.stderr).toContain('Speaker 3');
    expect(res.stderr).toContain('"Speaker 1"');
    expect(res.stderr).toContain('"Speaker 2"');
  });

  it('a plan that does not match the schema, naming the field', async () => {
    const file = await put(dir, 'a.txt', CBT_SESSION);
    const plan = await put(
      dir,
      'plan.json',
      JSON.stringify({ goals: [{ id: 'g1', text: 'Sleep through the night' }, { id: 'g2' }] }),
    );
    const res = await runCli(['note', file, '--plan', plan]);
    expect(res.code).toBe(3);
    expectUserError(res.stderr);
    expect(res.stderr).toContain('goals[1].text');
    expect(res.stderr).not.toContain('Sleep through');
  });

  it('a plan that is not JSON, with the line of the syntax error', async () => {
    const file = await put(dir, 'a.txt', CBT_SESSION);
    const plan = await put(
      dir,
      'plan.json',
      '{\n  "goals": [\n    { "id": "g1", text: "x" }\n  ]\n}\n',
    );
    const res = await runCli(['note', file, '--plan', plan]);
    expect(res.code).toBe(3);
    expectUserError(res.stderr);
    expect(res.stderr).toMatch(/plan\.json:3/);
  });

  it('one bad file among several: the others are still processed, exit 3 at the end', async () => {
    const first = await put(dir, 'first.txt', CBT_SESSION);
    const bad = await put(dir, 'bad.txt', '   \n\n');
    const last = await put(dir, 'last.txt', CBT_SESSION);
    const out = join(dir, 'out');
    const res = await runCli(['note', first, bad, last, '--out', out]);
    expect(res.code).toBe(3);
    expect((await readdir(out)).sort()).toEqual(['first.note.md', 'last.note.md']);
    expect(res.stdout).toContain('first.txt');
    expect(res.stdout).toContain('last.txt');
    expect(res.stderr).toMatch(/^docscrib: .*bad\.txt/m);
    expect(res.stderr).not.toMatch(STACK_LINE);
  });

  it('DOCSCRIB_DEBUG=1 adds the stack trace', async () => {
    const file = await put(dir, 'empty.txt', '');
    const res = await runCli(['note', file], { env: { DOCSCRIB_DEBUG: '1' } });
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(STACK_LINE);
  });
});
