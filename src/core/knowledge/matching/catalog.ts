import { CONCERNS } from '../concerns.js';
import { INTERVENTIONS } from '../interventions.js';
import { BLENDS, CONTRAINDICATIONS, CULTURE, FEATURES, PREFERENCES } from './data.js';
import type { TagInfo, ToolkitCatalog, ToolkitIntervention } from './schema.js';

/**
 * The browsable toolkit (GET /api/toolkit): every intervention with its use cases, concerns,
 * consent and harm-monitoring guidance, sources and the cautions the contraindication flags
 * attach to it; the concerns; the blends; and the tag vocabularies with labels and descriptions.
 */

const tag = (t: TagInfo): TagInfo => ({ id: t.id, label: t.label, description: t.description });

export function interventionCautions(id: string): ToolkitIntervention['cautions'] {
  return CONTRAINDICATIONS.flatMap((flag) => {
    const effect = flag.exclude.includes(id)
      ? ('exclude' as const)
      : flag.caution.includes(id)
        ? ('caution' as const)
        : null;
    return effect ? [{ flag: flag.id, label: flag.label, effect, text: flag.rationale }] : [];
  });
}

export function toolkitCatalog(): ToolkitCatalog {
  return {
    interventions: INTERVENTIONS.map((i) => ({
      id: i.id,
      name: i.name,
      modality: i.modality,
      description: i.description,
      useCases: i.useCases,
      concerns: i.concerns,
      consentExpected: i.consentExpected,
      harmMonitoring: i.harmMonitoring ?? null,
      sources: i.sources,
      cautions: interventionCautions(i.id),
    })),
    concerns: CONCERNS.map((c) => ({
      id: c.id,
      name: c.name,
      interventions: c.interventions,
      sources: c.sources,
    })),
    blends: [...BLENDS],
    tags: {
      preferences: PREFERENCES.map(tag),
      culture: CULTURE.map(tag),
      contraindications: CONTRAINDICATIONS.map(tag),
      features: FEATURES.map(tag),
    },
  };
}
