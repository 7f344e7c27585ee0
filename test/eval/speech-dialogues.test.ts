/** The espeak-ng/sox dialogue renderer (eval/speech/dialogues.ts): exact times, stereo, cache. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIALOGUE_SCRIPTS, type DialogueScript } from '../../eval/speech/dialogue-scripts.js';
import { generateDialogues, referenceText } from '../../eval/speech/dialogues.js';
import { INTERVENTIONS } from '../../src/core/index.js';

const dir = mkdtempSync(join(tmpdir(), 'docscrib-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const SCRIPT: DialogueScript = {
  id: 't01',
  title: 'test',
  gold: ['mi.open_question'],
  turns: [
    { role: 'clinician', text: 'What brings you in today?' },
    { role: 'client', text: 'I have not been sleeping well.' },
  ],
};

/** Max absolute amplitude of one channel between two times (sox's stat, which reports on stderr). */
function peak(wav: string, channel: number, start: number, end: number): number {
  const r = spawnSync(
    'sox',
    [wav, '-n', 'remix', String(channel + 1), 'trim', String(start), `=${end}`, 'stat'],
    {
      encoding: 'utf8',
    },
  );
  return Number(/Maximum amplitude:\s+([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
}

describe('generateDialogues', () => {
  it('renders mono and stereo audio with measured, ordered turn times', async () => {
    const [d] = await generateDialogues(join(dir, 'out'), [SCRIPT]);
    expect(d).toBeDefined();
    if (!d) return;
    expect(d.turns.map((t) => t.speaker)).toEqual(['Therapist', 'Client']);
    const [a, b] = d.turns;
    expect(a && b).toBeTruthy();
    if (!a || !b) return;
    expect(a.start).toBeCloseTo(0.5, 3);
    expect(a.end).toBeGreaterThan(a.start + 0.5);
    expect(b.start).toBeGreaterThan(a.end + 0.5);
    expect(d.durationSec).toBeGreaterThan(b.end);
    expect(execFileSync('soxi', ['-c', d.stereoWav], { encoding: 'utf8' }).trim()).toBe('2');
    expect(execFileSync('soxi', ['-r', d.wav], { encoding: 'utf8' }).trim()).toBe('16000');
    // Clinician on the left only, client on the right only (the noise floor is far below).
    expect(peak(d.stereoWav, 0, a.start, a.end)).toBeGreaterThan(0.1);
    expect(peak(d.stereoWav, 1, a.start, a.end)).toBeLessThan(0.05);
    expect(peak(d.stereoWav, 1, b.start, b.end)).toBeGreaterThan(0.1);
    expect(peak(d.stereoWav, 0, b.start, b.end)).toBeLessThan(0.05);
    // The pause between turns holds only the noise floor.
    expect(peak(d.wav, 0, a.end + 0.1, b.start - 0.1)).toBeLessThan(0.05);
    expect(referenceText(d)).toMatch(
      /^\[00:00:00\] Therapist: What brings you in today\?\n\[00:00:0\d\] Client: /,
    );
  });

  it('reuses the cache while the scripts are unchanged, renders again when they change', async () => {
    const out = join(dir, 'cache');
    const [first] = await generateDialogues(out, [SCRIPT]);
    const mtime = statSync(first?.wav ?? '').mtimeMs;
    await generateDialogues(out, [SCRIPT]);
    expect(statSync(first?.wav ?? '').mtimeMs).toBe(mtime);
    const changed = {
      ...SCRIPT,
      turns: [...SCRIPT.turns, { role: 'clinician' as const, text: 'Tell me more.' }],
    };
    const [again] = await generateDialogues(out, [changed]);
    expect(again?.turns).toHaveLength(3);
  });

  it('the evaluation dialogues use known intervention ids and both roles', () => {
    const known = new Set(INTERVENTIONS.map((i) => i.id));
    expect(DIALOGUE_SCRIPTS.length).toBeGreaterThanOrEqual(6);
    for (const d of DIALOGUE_SCRIPTS) {
      for (const id of d.gold) expect(known.has(id), `${d.id}: ${id}`).toBe(true);
      expect(new Set(d.turns.map((t) => t.role))).toEqual(new Set(['clinician', 'client']));
    }
  });
});
