import { getConcern } from '../concerns.js';
import { getIntervention } from '../interventions.js';
import type { Concern, Intervention, Source } from '../schema.js';
import { readConcern } from './concern-text.js';
import { BLENDS, CONTRAINDICATIONS, CULTURE, FEATURES, PREFERENCES } from './data.js';
import {
  RecommendInputSchema,
  type Alternative,
  type Blend,
  type BlendFit,
  type ContraindicationId,
  type Excluded,
  type FeatureId,
  type RecommendInput,
  type RecommendOptions,
  type RecommendResult,
  type Recommendation,
} from './schema.js';

/**
 * # Intervention matching: deterministic, explainable scoring
 *
 * Candidates are the interventions recommended for the matched concerns, those targeting the
 * given features, the members of fitting blends, and those a contraindication puts first.
 * Preferences and cultural considerations only re-rank candidates; they never add one.
 *
 * Score of a candidate (every term is written into its `rationale` or `cautions`):
 *  - concern match: for each matched concern listing it at position i (0-based) of n,
 *    `10 + 6 × (n − 1 − i) / (n − 1)` (16 for the concern's first, most specific intervention,
 *    10 for its last; 16 when the list has one entry); summed over concerns;
 *  - feature: +4 per given (or inferred) feature that it targets;
 *  - blend: +3 per fitting blend it belongs to;
 *  - safety first: +8 per contraindication flag that prioritises it (and see the ranking);
 *  - preference: +3 per preference it fits, −4 per preference it does not fit;
 *  - cultural consideration: +1 per consideration it fits (mild by design);
 *  - caution: −6 per contraindication flag that cautions it (its rationale is attached).
 * Excluded (listed under `excluded` with the reason, never ranked): candidates a flag excludes
 * or that are in `exclude` (already tried), and interventions a flag excludes that are used for
 * a matched concern even if not a candidate (flooding for anxiety with active suicidal ideation). Ranking: interventions a flag puts first (safety,
 * stabilisation) come before all others; within each tier, score (rounded to 0.1) descending,
 * then the best concern position, then the id. The same input always gives the same output.
 */

const W = {
  concernBase: 10,
  concernSpread: 6,
  feature: 4,
  blend: 3,
  prioritise: 8,
  prefer: 3,
  disprefer: -4,
  culture: 1,
  caution: -6,
} as const;

interface Candidate {
  intervention: Intervention;
  score: number;
  bestPosition: number;
  /** A contraindication flag puts it first (safety, stabilisation). */
  first: boolean;
  rationale: string[];
  cautions: string[];
  sources: Source[];
}

function addSources(into: Source[], more: readonly Source[]): void {
  for (const s of more) {
    if (!into.some((x) => x.citation === s.citation && x.title === s.title)) into.push(s);
  }
}

/** Ranked interventions for a client's concerns, features, preferences, culture and flags. */
export function recommend(input: RecommendInput): RecommendResult {
  const opts: RecommendOptions = RecommendInputSchema.parse(input);
  const resultSources: Source[] = [];

  // 1. Concerns (ids, names or free text) and features read from them.
  const matchedConcerns: RecommendResult['matchedConcerns'] = [];
  const unmatchedConcerns: string[] = [];
  const inferred = new Set<FeatureId>();
  const concerns: Concern[] = [];
  for (const text of opts.concerns) {
    const reading = readConcern(text);
    if (reading.concernIds.length === 0) unmatchedConcerns.push(text);
    for (const f of reading.features) inferred.add(f);
    for (const id of reading.concernIds) {
      const concern = getConcern(id);
      if (!concern) continue;
      matchedConcerns.push({ input: text, concernId: id, name: concern.name });
      if (!concerns.some((c) => c.id === id)) concerns.push(concern);
    }
  }
  const inferredFeatures = [...inferred].filter((f) => !opts.features.includes(f)).sort();
  const features = [...opts.features, ...inferredFeatures];
  const concernIds = new Set(concerns.map((c) => c.id));

  const candidates = new Map<string, Candidate>();
  const candidate = (id: string): Candidate | undefined => {
    const known = candidates.get(id);
    if (known) return known;
    const intervention = getIntervention(id);
    if (!intervention) return undefined;
    const fresh: Candidate = {
      intervention,
      score: 0,
      bestPosition: Number.POSITIVE_INFINITY,
      first: false,
      rationale: [],
      cautions: [],
      sources: [...intervention.sources],
    };
    candidates.set(id, fresh);
    return fresh;
  };

  // 2. Concern matches, with position.
  for (const concern of concerns) {
    addSources(resultSources, concern.sources);
    const n = concern.interventions.length;
    concern.interventions.forEach((id, i) => {
      const c = candidate(id);
      if (!c) return;
      const points =
        W.concernBase + (n > 1 ? (W.concernSpread * (n - 1 - i)) / (n - 1) : W.concernSpread);
      c.score += points;
      c.bestPosition = Math.min(c.bestPosition, i);
      c.rationale.push(`Recommended for ${concern.name} (#${i + 1} of ${n}, most specific first)`);
    });
  }

  // 3. Features.
  for (const fid of features) {
    const feature = FEATURES.find((f) => f.id === fid);
    if (!feature) continue;
    for (const id of feature.targets) {
      const c = candidate(id);
      if (!c) continue;
      c.score += W.feature;
      const how = inferredFeatures.includes(fid) ? ' (read from the concern text)' : '';
      c.rationale.push(`Targets ${feature.label.toLowerCase()}${how}`);
      addSources(c.sources, feature.sources);
    }
    if (feature.note) addSources(resultSources, feature.sources);
  }

  // 4. Blends that fit.
  const fitting = BLENDS.filter((b) => blendFits(b, concernIds, features));
  for (const blend of fitting) {
    addSources(resultSources, blend.sources);
    for (const id of blend.interventionIds) {
      const c = candidate(id);
      if (!c) continue;
      c.score += W.blend;
      c.rationale.push(`Part of the blend "${blend.name}"`);
    }
  }

  // 5. Contraindications: prioritise, caution, exclude.
  const excludedBy = new Map<string, { reason: string; sources: Source[] }>();
  const safetyNotes: string[] = [];
  for (const flag of CONTRAINDICATIONS.filter((f) => opts.contraindications.includes(f.id))) {
    addSources(resultSources, flag.sources);
    safetyNotes.push(`${flag.label}: ${flag.rationale}`);
    for (const id of flag.prioritise) {
      const c = candidate(id);
      if (!c) continue;
      c.score += W.prioritise;
      c.first = true;
      c.rationale.push(`Safety and stabilisation first (${flag.label.toLowerCase()})`);
      addSources(c.sources, flag.sources);
    }
    for (const id of flag.caution) {
      const c = candidates.get(id);
      if (!c) continue;
      c.score += W.caution;
      c.cautions.push(`${flag.label}: ${flag.rationale}`);
      addSources(c.sources, flag.sources);
    }
    for (const id of flag.exclude) {
      if (!excludedBy.has(id)) {
        excludedBy.set(id, {
          reason: `Not recommended while: ${flag.label.toLowerCase()}. ${flag.rationale}`,
          sources: flag.sources,
        });
      }
    }
  }
  for (const id of opts.exclude) {
    if (!excludedBy.has(id)) {
      excludedBy.set(id, {
        reason: 'Excluded on request (already tried or not wanted)',
        sources: [],
      });
    }
  }

  // 6. Preferences and cultural considerations (re-ranking and notes only).
  for (const pref of PREFERENCES.filter((p) => opts.preferences.includes(p.id))) {
    for (const id of pref.favours) {
      const c = candidates.get(id);
      if (!c) continue;
      c.score += W.prefer;
      c.rationale.push(`Fits the client’s preference: ${pref.label.toLowerCase()}`);
      addSources(c.sources, pref.sources);
    }
    for (const id of pref.disfavours) {
      const c = candidates.get(id);
      if (!c) continue;
      c.score += W.disprefer;
      c.cautions.push(
        `Less fit for the preference "${pref.label.toLowerCase()}": ${pref.rationale}`,
      );
      addSources(c.sources, pref.sources);
    }
  }
  const adaptations: RecommendResult['adaptations'] = [];
  for (const culture of CULTURE.filter((k) => opts.culture.includes(k.id))) {
    addSources(resultSources, culture.sources);
    for (const text of culture.adaptations) adaptations.push({ culture: culture.id, text });
    for (const id of culture.favours) {
      const c = candidates.get(id);
      if (!c) continue;
      c.score += W.culture;
      c.rationale.push(`May fit the cultural consideration: ${culture.label.toLowerCase()}`);
      addSources(c.sources, culture.sources);
    }
    for (const note of culture.notes) {
      const c = candidates.get(note.interventionId);
      if (!c) continue;
      c.cautions.push(note.text);
      addSources(c.sources, culture.sources);
    }
  }

  // 7. Rank.
  const excluded: Excluded[] = [];
  const ranked: Candidate[] = [];
  for (const c of candidates.values()) {
    const why = excludedBy.get(c.intervention.id);
    if (why) {
      excluded.push({
        interventionId: c.intervention.id,
        name: c.intervention.name,
        reason: why.reason,
        sources: why.sources,
      });
    } else ranked.push(c);
  }
  ranked.sort(
    (a, b) =>
      Number(b.first) - Number(a.first) ||
      round(b.score) - round(a.score) ||
      a.bestPosition - b.bestPosition ||
      a.intervention.id.localeCompare(b.intervention.id),
  );
  // A flag's exclusions are also listed when the intervention is used for a matched concern
  // (flooding for anxiety or PTSD), so the clinician sees what is ruled out and why.
  for (const [id, why] of excludedBy) {
    const intervention = getIntervention(id);
    if (!intervention || candidates.has(id) || why.sources.length === 0) continue;
    if (!intervention.concerns.some((c) => concernIds.has(c))) continue;
    excluded.push({
      interventionId: id,
      name: intervention.name,
      reason: why.reason,
      sources: why.sources,
    });
  }
  excluded.sort((a, b) => a.interventionId.localeCompare(b.interventionId));
  const recommendations: Recommendation[] = ranked.slice(0, opts.limit).map((c, i) => ({
    interventionId: c.intervention.id,
    name: c.intervention.name,
    modality: c.intervention.modality,
    score: round(c.score),
    rank: i + 1,
    rationale: c.rationale,
    cautions: c.cautions,
    consentExpected: c.intervention.consentExpected,
    sources: c.sources,
  }));

  const blends: BlendFit[] = fitting.map((b) => ({
    id: b.id,
    name: b.name,
    interventionIds: b.interventionIds,
    rationale: b.rationale,
    expectedOutcomes: b.expectedOutcomes,
    matchedOn: matchedOn(b, concernIds, features),
    blocked: b.interventionIds.flatMap((id) => {
      const why = excludedBy.get(id);
      return why ? [{ interventionId: id, reason: why.reason }] : [];
    }),
    sources: b.sources,
  }));
  for (const fid of features) {
    const note = FEATURES.find((f) => f.id === fid)?.note;
    if (note) safetyNotes.push(note);
  }

  return {
    recommendations,
    excluded,
    blends,
    matchedConcerns,
    unmatchedConcerns,
    inferredFeatures,
    adaptations,
    safetyNotes,
    sources: resultSources,
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function blendFits(b: Blend, concerns: ReadonlySet<string>, features: readonly string[]): boolean {
  if (!b.concerns.some((c) => concerns.has(c))) return false;
  if (!b.withConcerns.every((c) => concerns.has(c))) return false;
  return b.features.length === 0 || b.features.some((f) => features.includes(f));
}

function matchedOn(b: Blend, concerns: ReadonlySet<string>, features: readonly string[]): string {
  const names = [...b.concerns, ...b.withConcerns]
    .filter((c) => concerns.has(c))
    .map((c) => getConcern(c)?.name ?? c);
  const feats = b.features
    .filter((f) => features.includes(f))
    .map((f) => FEATURES.find((x) => x.id === f)?.label.toLowerCase() ?? f);
  return feats.length > 0 ? `${names.join(' + ')} with ${feats.join(', ')}` : names.join(' + ');
}

/** Options of `alternativesFor` (additive). */
export interface AlternativesOptions {
  /**
   * What the clinician knows about the client now (e.g. `active_suicidal_ideation` from an open
   * item-9 alert): excluded interventions are left out, cautioned ones carry the caution.
   */
  contraindications?: readonly ContraindicationId[];
}

/**
 * Alternatives to what has been tried, for the plateau prompt ("consider adapting the plan"):
 * the top interventions for the concerns (ids, names or free text) that are not in `exclude`,
 * each with a one-line rationale (and, with `contraindications`, the cautions that apply).
 * Empty when no concern matches.
 */
export function alternativesFor(
  concerns: string[],
  exclude: string[],
  limit = 3,
  options: AlternativesOptions = {},
): Alternative[] {
  const usable = concerns.map((c) => c.trim().slice(0, 200)).filter((c) => c.length > 0);
  if (usable.length === 0) return [];
  const result = recommend({
    concerns: usable.slice(0, 20),
    exclude: exclude.filter((id) => /^[a-z]+\.[a-z_]+$/.test(id)).slice(0, 100),
    limit: Math.max(1, Math.min(60, Math.floor(limit))),
    contraindications: [...new Set(options.contraindications ?? [])],
  });
  return result.recommendations.map((r) => {
    const cautions = r.cautions.length > 0 ? `. Caution: ${r.cautions.join(' ')}` : '';
    return {
      interventionId: r.interventionId,
      name: r.name,
      modality: r.modality,
      rationale: `${r.rationale[0] ?? 'Recommended for the client’s concerns'}; not yet tried${r.consentExpected ? ' (informed consent expected)' : ''}${cautions}`,
    };
  });
}
