/**
 * `docscrib score` and `docscrib change` run as the built command: totals, bands, the PHQ-9 item 9
 * alert, the feedback process prompt, change statistics with their constants and sources, and
 * the usage errors (exit 2) for an unknown instrument, a wrong number of answers and a value
 * outside the scale — never echoing the answers.
 */
import { describe, expect, it } from 'vitest';
import {
  INSTRUMENT_IDS,
  SYMPTOM_INSTRUMENT_IDS,
  ScoreResultSchema,
  getSymptomInstrument,
} from '../../src/core/index.js';
import { runCli, STACK_LINE } from './helpers.js';

describe.concurrent('docscrib score', () => {
  it('scores a PHQ-9 given as separate numbers: total, band, caseness, cut-off source', async () => {
    // 1+2+1+3+0+2+1+0+0 = 10 → Moderate (10–14), at the caseness cut-off of 10.
    const res = await runCli(['score', 'phq9', '1', '2', '1', '3', '0', '2', '1', '0', '0']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('total: 10 of 27');
    expect(res.stdout).toContain('band: Moderate (10–14)');
    expect(res.stdout).toContain('caseness: yes, at or above the cut-off of 10');
    expect(res.stdout).toContain('NHS Talking Therapies');
    expect(res.stdout).toContain('item alerts: none');
    expect(res.stdout).not.toContain('ALERT (');
  });

  it('prints the PHQ-9 item 9 alert first, and in --json', async () => {
    const res = await runCli(['score', 'phq9', '0,0,0,0,0,0,0,0,2']);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toMatch(
      /^ALERT \(phq9_9, answered 2\): PHQ-9 item 9 .*assess risk now\.$/,
    );
    const json = await runCli(['score', 'phq9', '0,0,0,0,0,0,0,0,2', '--json']);
    const r = ScoreResultSchema.parse(JSON.parse(json.stdout));
    expect(r).toMatchObject({ instrument: 'phq9', total: 2, caseness: false, valid: true });
    expect(r.alerts.map((a) => [a.itemId, a.value])).toEqual([['phq9_9', 2]]);
  });

  it('"-" and empty entries are unanswered: no total, the rule stated', async () => {
    const res = await runCli(['score', 'gad7', '3,2,,1,0,1,-']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('total: not scored. 2 of 7 GAD-7 items unanswered');
    expect(res.stdout).toContain('answered: 5 of 7');
  });

  it('PCL-5 band edge: 32 below, 33 at the provisional cut-off', async () => {
    const answers = (total: number): string =>
      Array.from({ length: 20 }, (_, i) => Math.max(0, Math.min(4, total - 4 * i))).join(',');
    const below = JSON.parse((await runCli(['score', 'pcl5', answers(32), '--json'])).stdout) as {
      total: number;
      caseness: boolean;
    };
    expect(below).toMatchObject({ total: 32, caseness: false });
    const at = await runCli(['score', 'pcl5', answers(33)]);
    expect(at.stdout).toContain('total: 33 of 80');
    expect(at.stdout).toContain('caseness: yes');
  });

  it('the feedback form: no band, a process prompt (not an alert) for a low rating', async () => {
    const res = await runCli(['score', 'feedback', '4', '1', '3', '0']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('total: 8 of 16');
    expect(res.stdout).toContain('not a symptom measure');
    expect(res.stdout).toMatch(
      /PROCESS PROMPT \(feedback_2, feedback_4\): .*not a clinical cut-off/,
    );
    expect(res.stdout).not.toContain('ALERT (');
  });

  it('--list shows every instrument with its scale, cut-off and licence', async () => {
    const res = await runCli(['score', '--list']);
    expect(res.code).toBe(0);
    for (const id of INSTRUMENT_IDS) expect(res.stdout).toContain(id);
    expect(res.stdout).toContain('DocScrib original, free to use.');
    expect(res.stdout).toContain('Public domain');
    const json = JSON.parse((await runCli(['score', '--list', '--json'])).stdout) as {
      id: string;
    }[];
    expect(json.map((i) => i.id)).toEqual(INSTRUMENT_IDS);
    expect((await runCli(['score', '--help'])).stdout).toContain(INSTRUMENT_IDS.join(', '));
  });

  it('usage errors exit 2 with a specific message and hint, never the answers', async () => {
    const unknown = await runCli(['score', 'bdi2', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown instrument "bdi2"');
    expect(unknown.stderr).toContain('phq9, gad7, pcl5, feedback');

    const count = await runCli(['score', 'gad7', '1', '2', '3']);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain('GAD-7 needs 7 answers; 3 were given.');

    const range = await runCli(['score', 'phq9', '0', '0', '0', '0', '0', '0', '0', '7', '0']);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('PHQ-9 item 8 (phq9_8) is outside the answer scale 0–3.');
    expect(range.stderr).not.toContain('7');

    const word = await runCli(['score', 'gad7', '1,2,lots,0,0,0,0']);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('GAD-7 item 3 (gad7_3) is not a whole number.');
    expect(word.stderr).not.toContain('lots');

    const none = await runCli(['score']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No instrument given.');
    for (const r of [unknown, count, range, word, none]) expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe.concurrent('docscrib change', () => {
  it('PHQ-9 18 → 9: reliable improvement and recovery, with constants and sources', async () => {
    const res = await runCli(['change', 'phq9', '18', '9']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('PHQ-9: 18 → 9 (−9 points, reliable improvement');
    expect(res.stdout).toContain(
      'reliable change: a change of at least 6 points (fixed points, NHS Talking Therapies)',
    );
    expect(res.stdout).toContain('RCI: -2.61 (Jacobson–Truax, reported alongside');
    expect(res.stdout).toContain('reliable improvement: yes');
    expect(res.stdout).toContain('reliable deterioration: no');
    expect(res.stdout).toContain('caseness cut-off: ≥ 10 (case before: yes, after: no)');
    expect(res.stdout).toMatch(/clinically significant improvement .*: yes/);
    expect(res.stdout).toMatch(/^recovery .*: yes$/m);
    expect(res.stdout).toMatch(/^reliable recovery .*: yes$/m);
    expect(res.stdout).toContain('source: NHS England. NHS Talking Therapies');
  });

  it('--json: GAD-7 12 → 10 is no reliable change (< 4 points); 5 → 9 is deterioration', async () => {
    const a = JSON.parse((await runCli(['change', 'gad7', '12', '10', '--json'])).stdout) as Record<
      string,
      unknown
    >;
    expect(a).toMatchObject({
      instrument: 'gad7',
      change: -2,
      rci: null,
      method: 'fixed-points',
      reliableChangeThreshold: 4,
      reliableImprovement: false,
      reliableDeterioration: false,
      clinicallySignificantImprovement: false,
      recovery: false,
      reliableRecovery: false,
    });
    // 5 → 9: +4 ≥ 4 → reliable deterioration; 5 < 8 before → recovery not applicable (null).
    const b = JSON.parse((await runCli(['change', 'gad7', '5', '9', '--json'])).stdout) as Record<
      string,
      unknown
    >;
    expect(b).toMatchObject({ change: 4, reliableDeterioration: true, recovery: null });
    const human = await runCli(['change', 'gad7', '5', '9']);
    expect(human.stdout).toContain(
      'recovery (NHS Talking Therapies: a case before, not after): not applicable',
    );
  });

  it('--help states the constants from the instrument data', async () => {
    // Commander wraps long lines: compare with the whitespace collapsed.
    const help = (await runCli(['change', '--help'])).stdout.replace(/\s+/g, ' ');
    for (const id of SYMPTOM_INSTRUMENT_IDS) {
      const inst = getSymptomInstrument(id);
      const fixed = inst.change.reliableChangePoints;
      const reliable = fixed ? `reliable change ${fixed.points} points (${fixed.label})` : '';
      const rci = inst.change.sd !== null ? ', Jacobson–Truax RCI too' : '';
      expect(help).toContain(
        `${id} ${inst.shortName}: ${reliable}${rci}; caseness cut-off ${inst.cutoff.score}`,
      );
    }
  });

  it('PCL-5 uses Marx et al. 2022 (18 points) and cites it', async () => {
    const res = await runCli(['change', 'pcl5', '50', '31']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('at least 18 points (fixed points, Marx et al. 2022)');
    expect(res.stdout).toContain('reliable improvement: yes');
    expect(res.stdout).toContain('Psychol Assess 2022');
  });

  it('usage errors: feedback has no change statistics, totals outside the range, unknown ids', async () => {
    const fb = await runCli(['change', 'feedback', '8', '12']);
    expect(fb.code).toBe(2);
    expect(fb.stderr).toContain('not a symptom measure');
    expect(fb.stderr).toContain('phq9, gad7, pcl5');
    const range = await runCli(['change', 'gad7', '6', '30']);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('The after GAD-7 total must be a whole number from 0 to 21.');
    const unknown = await runCli(['change', 'ors', '6', '3']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('phq9, gad7, pcl5');
    const missing = await runCli(['change', 'phq9', '6']);
    expect(missing.code).toBe(2);
    for (const r of [fb, range, unknown, missing]) expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
