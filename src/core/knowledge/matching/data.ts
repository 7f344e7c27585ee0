import { z } from 'zod';
import { getConcern } from '../concerns.js';
import { getIntervention } from '../interventions.js';
import { BLENDS as BLEND_DATA } from './blends.js';
import { CONTRAINDICATIONS as CONTRA_DATA } from './contraindications.js';
import { CULTURE as CULTURE_DATA } from './culture.js';
import { FEATURES as FEATURE_DATA } from './features.js';
import { PREFERENCES as PREFERENCE_DATA } from './preferences.js';
import {
  BlendSchema,
  CONTRAINDICATION_IDS,
  CULTURE_IDS,
  ContraindicationEntrySchema,
  CultureEntrySchema,
  FEATURE_IDS,
  FeatureEntrySchema,
  PREFERENCE_IDS,
  PreferenceEntrySchema,
  type Blend,
  type ContraindicationEntry,
  type CultureEntry,
  type FeatureEntry,
  type PreferenceEntry,
} from './schema.js';

/**
 * The matching data, validated at module load: every entry has the shape its schema says and
 * at least one source, every tag id has exactly one entry, and every intervention and concern
 * id it names exists in the knowledge base (a typo fails the first import, and the tests).
 */

function checkIds(kind: string, all: readonly string[], entries: readonly { id: string }[]): void {
  const ids = entries.map((e) => e.id);
  const missing = all.filter((id) => !ids.includes(id));
  const extra = ids.filter((id, i) => !all.includes(id) || ids.indexOf(id) !== i);
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `matching data: ${kind} ids missing [${missing.join(', ')}] or extra/duplicate [${extra.join(', ')}]`,
    );
  }
}

function checkInterventions(where: string, ids: readonly string[]): void {
  const unknown = ids.filter((id) => !getIntervention(id));
  if (unknown.length > 0) {
    throw new Error(`matching data: ${where} names unknown interventions: ${unknown.join(', ')}`);
  }
}

export const PREFERENCES: readonly PreferenceEntry[] = z
  .array(PreferenceEntrySchema)
  .parse(PREFERENCE_DATA);
export const CULTURE: readonly CultureEntry[] = z.array(CultureEntrySchema).parse(CULTURE_DATA);
export const CONTRAINDICATIONS: readonly ContraindicationEntry[] = z
  .array(ContraindicationEntrySchema)
  .parse(CONTRA_DATA);
export const FEATURES: readonly FeatureEntry[] = z.array(FeatureEntrySchema).parse(FEATURE_DATA);
export const BLENDS: readonly Blend[] = z.array(BlendSchema).parse(BLEND_DATA);

checkIds('preference', PREFERENCE_IDS, PREFERENCES);
checkIds('culture', CULTURE_IDS, CULTURE);
checkIds('contraindication', CONTRAINDICATION_IDS, CONTRAINDICATIONS);
checkIds('feature', FEATURE_IDS, FEATURES);
checkIds('blend', [...new Set(BLENDS.map((b) => b.id))], BLENDS);
for (const p of PREFERENCES)
  checkInterventions(`preference ${p.id}`, [...p.favours, ...p.disfavours]);
for (const c of CULTURE) {
  checkInterventions(`culture ${c.id}`, [...c.favours, ...c.notes.map((n) => n.interventionId)]);
}
for (const c of CONTRAINDICATIONS) {
  checkInterventions(`contraindication ${c.id}`, [...c.exclude, ...c.caution, ...c.prioritise]);
}
for (const f of FEATURES) checkInterventions(`feature ${f.id}`, f.targets);
for (const b of BLENDS) {
  checkInterventions(`blend ${b.id}`, b.interventionIds);
  const unknown = [...b.concerns, ...b.withConcerns].filter((id) => !getConcern(id));
  if (unknown.length > 0)
    throw new Error(`matching data: blend ${b.id} names unknown concerns: ${unknown.join(', ')}`);
}
