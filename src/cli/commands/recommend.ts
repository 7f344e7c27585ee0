import type { Command } from 'commander';
import { CONCERNS, getIntervention } from '../../core/index.js';
import {
  CONTRAINDICATIONS,
  CULTURE,
  FEATURES,
  PREFERENCES,
  recommend,
  type RecommendResult,
  type TagInfo,
} from '../../core/knowledge/matching/index.js';
import { ExitCode, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { json } from '../output.js';
import type { GlobalOptions } from './shared.js';

/**
 * `docscrib recommend`: ranked interventions for a client's concerns, adjusted for clinical
 * features, preferences, cultural considerations and contraindications, with the rationale,
 * cautions, fitting blends and sources (core/knowledge/matching). Tags may be repeated or given
 * comma-separated; an unknown tag is a usage error that lists the valid ones.
 */
interface RecommendOptions extends GlobalOptions {
  concern?: string[];
  feature?: string[];
  prefer?: string[];
  culture?: string[];
  contra?: string[];
  exclude?: string[];
  limit?: string;
  json?: boolean;
}

const ids = (tags: readonly TagInfo[]): string => tags.map((t) => t.id).join(', ');

export function registerRecommend(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('recommend')
    .summary('ranked interventions for concerns, preferences, culture and contraindications')
    .description(
      'Matches concerns (ids, names or free text such as "PTSD with avoidance") to the\n' +
        'intervention catalogue and ranks the result: concern fit (most specific first), clinical\n' +
        'features, case-conceptualization blends, client preferences, cultural considerations\n' +
        '("consider" adaptations) and contraindications (safety first; exclusions and cautions),\n' +
        'each with its rationale and sources. A decision aid: the clinician decides.',
    )
    .option(
      '-c, --concern <concern...>',
      `concern ids or free text (${CONCERNS.map((c) => c.id).join(', ')})`,
    )
    .option('--feature <feature...>', `clinical features (${ids(FEATURES)})`)
    .option('--prefer <preference...>', `client preferences (${ids(PREFERENCES)})`)
    .option('--culture <consideration...>', `cultural considerations (${ids(CULTURE)})`)
    .option('--contra <flag...>', `contraindication / caution flags (${ids(CONTRAINDICATIONS)})`)
    .option('--exclude <intervention...>', 'intervention ids already tried or not wanted')
    .option('-n, --limit <n>', 'at most this many recommendations (1–60, default 12)')
    .option('--json', 'JSON output (the RecommendResult of the API)')
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib recommend --concern trauma_ptsd --feature avoidance
  $ docscrib recommend --concern "PTSD with avoidance" --contra active_suicidal_ideation
  $ docscrib recommend -c depression --prefer minimal_homework,short_term --exclude cbt.behavioral_activation --json`,
    )
    .action((_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<RecommendOptions>();
      const result = run(opts);
      if (!opts.quiet && result.unmatchedConcerns.length > 0) {
        io.err(
          `warning: ${result.unmatchedConcerns.length} of the concerns given matched no known concern (listed in the output)\n`,
        );
      }
      io.out(opts.json ? json(result) : text(result));
      done(ExitCode.ok);
    });
}

function split(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function tags<T extends string>(
  option: string,
  values: readonly string[] | undefined,
  valid: readonly TagInfo[],
): T[] {
  const given = split(values);
  const known = new Set(valid.map((t) => t.id));
  const bad = given.filter((v) => !known.has(v));
  if (bad.length > 0) {
    throw usageError(
      `Unknown ${option} value${bad.length === 1 ? '' : 's'}: ${bad.join(', ')}.`,
      `Valid ${option} values: ${ids(valid)}.`,
    );
  }
  return [...new Set(given)] as T[];
}

function run(opts: RecommendOptions): RecommendResult {
  const concerns = (opts.concern ?? []).map((c) => c.trim()).filter((c) => c !== '');
  if (concerns.length === 0) {
    throw usageError(
      'No concern given.',
      `Name at least one with --concern (an id such as ${CONCERNS.map((c) => c.id).join(', ')}, or free text in quotes).`,
    );
  }
  if (concerns.length > 20 || concerns.some((c) => c.length > 200)) {
    throw usageError(
      'Too many or too long concerns.',
      'Give at most 20 concerns of up to 200 characters each.',
    );
  }
  const exclude = split(opts.exclude);
  const unknown = exclude.filter((id) => !getIntervention(id));
  if (unknown.length > 0) {
    throw usageError(
      `Unknown intervention id${unknown.length === 1 ? '' : 's'} in --exclude: ${unknown.join(', ')}.`,
      'Run `docscrib interventions` for the ids (e.g. cbt.behavioral_activation).',
    );
  }
  let limit: number | undefined;
  if (opts.limit !== undefined) {
    limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 60) {
      throw usageError('--limit must be a whole number from 1 to 60.', 'For example: --limit 5.');
    }
  }
  const result = recommend({
    concerns,
    features: tags('--feature', opts.feature, FEATURES),
    preferences: tags('--prefer', opts.prefer, PREFERENCES),
    culture: tags('--culture', opts.culture, CULTURE),
    contraindications: tags('--contra', opts.contra, CONTRAINDICATIONS),
    exclude,
    ...(limit === undefined ? {} : { limit }),
  });
  if (result.matchedConcerns.length === 0) {
    throw usageError(
      `None of the ${concerns.length} concern${concerns.length === 1 ? '' : 's'} given matched a known concern.`,
      `Use a concern id (${CONCERNS.map((c) => c.id).join(', ')}) or words such as "depression", "PTSD", "panic attacks".`,
    );
  }
  return result;
}

function text(r: RecommendResult): string {
  const lines: string[] = [];
  const concerns = r.matchedConcerns.map((m) => `${m.name} (${m.concernId})`);
  lines.push(`Recommended interventions for ${[...new Set(concerns)].join(', ')}`);
  if (r.inferredFeatures.length > 0) {
    lines.push(`Features read from the concern text: ${r.inferredFeatures.join(', ')}`);
  }
  lines.push('');
  for (const rec of r.recommendations) {
    const consent = rec.consentExpected ? ', informed consent expected' : '';
    lines.push(
      `${String(rec.rank).padStart(2)}. ${rec.name} (${rec.interventionId}), ${rec.modality}; score ${rec.score}${consent}`,
    );
    for (const why of rec.rationale) lines.push(`    why: ${why}`);
    for (const c of rec.cautions) lines.push(`    caution: ${c}`);
  }
  if (r.blends.length > 0) {
    lines.push('', 'Case-conceptualization blends that fit:');
    for (const b of r.blends) {
      lines.push(`- ${b.name} (${b.id}), for ${b.matchedOn}`);
      lines.push(`  interventions: ${b.interventionIds.join(', ')}`);
      lines.push(`  rationale: ${b.rationale}`);
      for (const o of b.expectedOutcomes) lines.push(`  expected outcome: ${o}`);
      for (const x of b.blocked) lines.push(`  not here: ${x.interventionId}: ${x.reason}`);
    }
  }
  if (r.excluded.length > 0) {
    lines.push('', 'Excluded:');
    for (const x of r.excluded) lines.push(`- ${x.name} (${x.interventionId}): ${x.reason}`);
  }
  if (r.safetyNotes.length > 0) {
    lines.push('', 'Safety and stabilisation:');
    for (const n of r.safetyNotes) lines.push(`- ${n}`);
  }
  if (r.adaptations.length > 0) {
    lines.push('', 'Cultural considerations (consider, with the client):');
    for (const a of r.adaptations) lines.push(`- ${a.text}`);
  }
  if (r.unmatchedConcerns.length > 0) {
    lines.push(
      '',
      `Not matched to a known concern: ${r.unmatchedConcerns.map((c) => `"${c}"`).join(', ')}`,
    );
  }
  lines.push('', 'Sources:');
  for (const s of r.sources) lines.push(`- ${s.title}. ${s.citation}`);
  lines.push('', 'Per-intervention sources: --json.');
  return lines.join('\n') + '\n';
}
