import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalysisSchema } from '../../src/core/index.js';
import {
  CBT_SESSION,
  DIARIZED_SESSION,
  EXPOSURE_SESSION,
  put,
  runCli,
  tempDir,
} from './helpers.js';

let dir = '';
let cleanup: () => Promise<void> = () => Promise.resolve();
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe('docscrib analyze', () => {
  it('prints the analysis JSON of a single file, accepted by AnalysisSchema', async () => {
    const file = await put(dir, 'cbt.txt', CBT_SESSION);
    const res = await runCli(['analyze', file]);
    expect(res.code).toBe(0);
    const analysis = AnalysisSchema.parse(JSON.parse(res.stdout));
    expect(analysis.utterances).toHaveLength(15);
    expect(analysis.utterances[0]?.start).toBe(4);
    expect(analysis.speakers.find((s) => s.label === 'Therapist')?.role).toBe('clinician');
    // --json is accepted for symmetry and changes nothing.
    expect((await runCli(['analyze', file, '--json'])).stdout).toBe(res.stdout);
  });

  it('writes <name>.analysis.json per input with --out', async () => {
    const a = await put(dir, 'first.txt', CBT_SESSION);
    const b = await put(dir, 'second.txt', EXPOSURE_SESSION);
    const out = join(dir, 'analyses');
    const res = await runCli(['analyze', a, b, '--out', out]);
    expect(res.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['first.analysis.json', 'second.analysis.json']);
    const second = AnalysisSchema.parse(
      JSON.parse(await readFile(join(out, 'second.analysis.json'), 'utf8')),
    );
    expect(second.utterances).toHaveLength(10);
    expect(res.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('tells to use --out when given several files without it', async () => {
    const a = await put(dir, 'a.txt', CBT_SESSION);
    const b = await put(dir, 'b.txt', CBT_SESSION);
    const res = await runCli(['analyze', a, b]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^docscrib: .*without --out/m);
    expect(res.stderr).toMatch(/^hint: .*--out/m);
    expect(res.stdout).toBe('');
  });

  it('applies --roles overrides to diarized speaker labels', async () => {
    const file = await put(dir, 'diarized.txt', DIARIZED_SESSION);
    const res = await runCli(['analyze', file, '--roles', 'Speaker 1=client,Speaker 2=clinician']);
    expect(res.code).toBe(0);
    const analysis = AnalysisSchema.parse(JSON.parse(res.stdout));
    expect(analysis.speakers).toEqual(
      expect.arrayContaining([
        { label: 'Speaker 1', role: 'client' },
        { label: 'Speaker 2', role: 'clinician' },
      ]),
    );
  });

  it('accepts role words in --roles, matching labels loosely', async () => {
    const file = await put(dir, 'diarized.txt', DIARIZED_SESSION);
    const res = await runCli([
      'analyze',
      file,
      '--roles',
      'speaker 1=therapist; Speaker 2=patient',
    ]);
    expect(res.code).toBe(0);
    const analysis = AnalysisSchema.parse(JSON.parse(res.stdout));
    expect(analysis.speakers).toEqual(
      expect.arrayContaining([
        { label: 'Speaker 1', role: 'clinician' },
        { label: 'Speaker 2', role: 'client' },
      ]),
    );
  });

  it('warns, by line number only, about a line without a speaker joined to the turn above', async () => {
    const file = await put(
      dir,
      'wrapped.txt',
      CBT_SESSION.replace('It was a rough week', 'It was a rough\nweek'),
    );
    const res = await runCli(['analyze', file]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(
      `warning: ${file}:3: Line 3 has no speaker label; joined to the turn above.`,
    );
    expect(res.stderr).not.toContain('rough');
  });

  it('never overwrites an input file', async () => {
    const input = await put(dir, 'x.analysis.json', CBT_SESSION);
    const res = await runCli(['analyze', input, '--out', dir, '--input-format', 'lines']);
    // x.analysis.json → stem "x.analysis" → x.analysis.analysis.json: no clash, but the input stays.
    expect(res.code).toBe(0);
    expect(await readFile(input, 'utf8')).toBe(CBT_SESSION);
    const clash = await put(dir, 'y.txt', CBT_SESSION);
    await put(dir, 'y.analysis.json', '{}');
    const res2 = await runCli(['analyze', clash, join(dir, 'y.analysis.json'), '--out', dir]);
    expect(res2.code).toBe(2);
    expect(res2.stderr).toContain('overwrite an input');
    expect(await readFile(join(dir, 'y.analysis.json'), 'utf8')).toBe('{}');
  });
});
