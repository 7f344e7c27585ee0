import { z } from 'zod';
import { InterventionSchema, type Intervention } from './schema.js';
import { CBT } from './data/cbt.js';
import { THIRD_WAVE } from './data/third-wave.js';
import { DBT } from './data/dbt.js';
import { EXPOSURE } from './data/exposure.js';
import { TRAUMA } from './data/trauma.js';
import { RELATIONAL } from './data/relational.js';
import { SKILLS } from './data/skills.js';
import { OTHER } from './data/other.js';

/**
 * The intervention catalogue: one entry for every taxonomy id (docs/TAXONOMY.md), with cue
 * phrases, components, use cases, consent and harm-monitoring guidance and sources. The data
 * lives in ./data/ by modality; it is validated here at load.
 */
export const INTERVENTIONS: readonly Intervention[] = z
  .array(InterventionSchema)
  .parse([
    ...CBT,
    ...THIRD_WAVE,
    ...DBT,
    ...EXPOSURE,
    ...TRAUMA,
    ...RELATIONAL,
    ...SKILLS,
    ...OTHER,
  ]);

const BY_ID = new Map(INTERVENTIONS.map((i) => [i.id, i]));

export function getIntervention(id: string): Intervention | undefined {
  return BY_ID.get(id);
}
