import { describe, expect, it } from 'vitest';
import { PREFERENCES, RecommendResultSchema } from '../../src/core/knowledge/matching/index.js';
import { STACK_LINE, runCli } from './helpers.js';

/** `docscrib recommend`, run as the built command. */
describe('docscrib recommend', () => {
  it('ranks interventions for PTSD with avoidance and shows the seed blend (text)', async () => {
    const res = await runCli(['recommend', '--concern', 'trauma_ptsd', '--feature', 'avoidance']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Recommended interventions for Trauma \/ PTSD \(trauma_ptsd\)$/m);
    expect(res.stdout).toMatch(/^ 1\. .+\(tfcbt\.[a-z_]+\)/m);
    expect(res.stdout).toContain('why: Recommended for Trauma / PTSD (#');
    expect(res.stdout).toContain('Case-conceptualization blends that fit:');
    expect(res.stdout).toContain('(ptsd_avoidance), for Trauma / PTSD with avoidance');
    expect(res.stdout).toMatch(/interventions: .*dbt\.distress_tolerance.*expressive\.art/);
    expect(res.stdout).toContain('expected outcome:');
    expect(res.stdout).toContain('Sources:');
  });

  it('gives the API result as JSON, with safety first under active suicidal ideation', async () => {
    const res = await runCli([
      'recommend',
      '-c',
      'PTSD with avoidance',
      'panic attacks',
      '--contra',
      'active_suicidal_ideation',
      '--prefer',
      'minimal_homework,skills_based',
      '--exclude',
      'expressive.art',
      '--limit',
      '8',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const r = RecommendResultSchema.parse(JSON.parse(res.stdout));
    expect(r.recommendations).toHaveLength(8);
    expect(r.matchedConcerns.map((m) => m.concernId)).toEqual(['trauma_ptsd', 'panic']);
    expect(r.inferredFeatures).toEqual(['avoidance', 'panic_attacks']);
    expect(r.recommendations.slice(0, 3).map((x) => x.interventionId)).toEqual(
      expect.arrayContaining(['safety.safety_planning', 'safety.risk_assessment']),
    );
    expect(r.excluded.map((x) => x.interventionId)).toEqual([
      'exposure.flooding',
      'expressive.art',
    ]);
    expect(r.blends.find((b) => b.id === 'ptsd_avoidance')?.blocked).toEqual([
      { interventionId: 'expressive.art', reason: expect.stringMatching(/on request/) as string },
    ]);
  });

  it('reports unmatched concerns on stderr (count only) and in the output', async () => {
    const res = await runCli(['recommend', '-c', 'grief', '-c', 'Zyxwv quibble', '--json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/warning: 1 of the concerns given matched no known concern/);
    expect(res.stderr).not.toContain('Zyxwv');
    const r = RecommendResultSchema.parse(JSON.parse(res.stdout));
    expect(r.unmatchedConcerns).toEqual(['Zyxwv quibble']);
    expect(r.recommendations[0]?.interventionId).toBe('ipt.grief');
  });

  it('refuses unknown tags, listing the valid ones (exit 2, no stack trace)', async () => {
    const res = await runCli(['recommend', '-c', 'depression', '--prefer', 'yoga_only']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Unknown --prefer value: yoga_only.');
    for (const p of PREFERENCES) expect(res.stderr).toContain(p.id);
    expect(res.stderr).not.toMatch(STACK_LINE);

    const contra = await runCli(['recommend', '-c', 'depression', '--contra', 'sunburn']);
    expect(contra.code).toBe(2);
    expect(contra.stderr).toContain('active_suicidal_ideation');

    const exclude = await runCli(['recommend', '-c', 'depression', '--exclude', 'cbt.nope']);
    expect(exclude.code).toBe(2);
    expect(exclude.stderr).toContain('docscrib interventions');
  });

  it('needs a concern that matches (exit 2)', async () => {
    const none = await runCli(['recommend']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No concern given.');
    const unknown = await runCli(['recommend', '-c', 'Zyxwv quibble']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('None of the 1 concern given matched a known concern.');
    expect(unknown.stderr).not.toContain('Zyxwv');
  });
});
