import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONCERNS,
  INTERVENTIONS,
  InputFormatSchema,
  NoteFormatSchema,
  getConcern,
} from '../../src/core/index.js';
import { runCli } from './helpers.js';

describe('docscrib interventions', () => {
  it('lists every intervention of the catalogue in a table', async () => {
    const res = await runCli(['interventions']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^id\s+name\s+modality\s+consent$/m);
    for (const i of INTERVENTIONS) expect(res.stdout).toContain(i.id);
    const json = JSON.parse((await runCli(['interventions', '--json'])).stdout) as { id: string }[];
    expect(json.map((i) => i.id)).toEqual(INTERVENTIONS.map((i) => i.id));
  });

  it('lists the interventions recommended for a concern, with sources', async () => {
    const concern = getConcern('depression');
    expect(concern).toBeDefined();
    const res = await runCli(['interventions', '--concern', 'depression']);
    expect(res.code).toBe(0);
    for (const id of concern?.interventions ?? []) expect(res.stdout).toContain(id);
    expect(res.stdout).toContain('source');
    const json = JSON.parse(
      (await runCli(['interventions', '-c', 'Depression', '--json'])).stdout,
    ) as {
      concern: { id: string };
      interventions: { id: string }[];
    };
    expect(json.concern.id).toBe('depression');
    expect(json.interventions.map((i) => i.id)).toEqual(concern?.interventions);
  });

  it('rejects an unknown concern, listing the valid ids (exit 2)', async () => {
    const res = await runCli(['interventions', '--concern', 'boredom']);
    expect(res.code).toBe(2);
    for (const c of CONCERNS) expect(res.stderr).toContain(c.id);
  });
});

describe('docscrib formats', () => {
  it('lists every note format with its sections and every input format with an example', async () => {
    const res = await runCli(['formats', '--json']);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout) as {
      noteFormats: { id: string; sections: string[] }[];
      inputFormats: { id: string; example: string }[];
    };
    expect(doc.noteFormats.map((f) => f.id)).toEqual(NoteFormatSchema.options);
    expect(doc.inputFormats.map((f) => f.id)).toEqual(InputFormatSchema.options);
    const soap = doc.noteFormats.find((f) => f.id === 'soap');
    expect(soap?.sections.map((s) => s.toLowerCase())).toEqual(
      expect.arrayContaining(['subjective', 'objective', 'assessment', 'plan']),
    );
    const text = await runCli(['formats']);
    expect(text.stdout).toContain('[00:01:05] Therapist:');
    expect(text.stdout).toContain('WEBVTT');
  });
});

describe('help and version', () => {
  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(
      await readFile(join(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as {
      version: string;
    };
    const res = await runCli(['--version']);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(pkg.version);
  });

  it('shows commands, exit codes and examples in --help, and examples in every command help', async () => {
    const res = await runCli(['--help']);
    expect(res.code).toBe(0);
    for (const cmd of ['note', 'analyze', 'review', 'interventions', 'formats']) {
      expect(res.stdout).toContain(cmd);
      const sub = await runCli([cmd, '--help']);
      expect(sub.code).toBe(0);
      expect(sub.stdout).toContain('Examples:');
      expect(sub.stdout).toContain(`$ docscrib ${cmd}`);
    }
    expect(res.stdout).toContain('Exit codes:');
  });

  it('without a command, shows the help on stderr and exits 2', async () => {
    const res = await runCli([]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Usage: docscrib');
  });
});
