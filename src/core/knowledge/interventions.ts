import { z } from 'zod';
import { InterventionSchema, type Intervention } from './schema.js';

/**
 * STUB (owned by the knowledge-base work): the intervention catalogue, one entry for every
 * taxonomy id, validated at load.
 */
const DATA: Intervention[] = [
  {
    id: 'cbt.cognitive_restructuring',
    name: 'Cognitive restructuring',
    modality: 'Cognitive Behavioral Therapy',
    description: 'Identifying and challenging automatic thoughts and distortions.',
    noteLabel: 'Cognitive restructuring of automatic negative thoughts',
    explicitCues: [{ pattern: 'thought record', weight: 1, role: 'clinician' }],
    implicitCues: [{ pattern: "what's the evidence", weight: 0.5, role: 'clinician' }],
    components: [],
    useCases: ['Anxiety', 'Depression', 'OCD'],
    concerns: ['depression', 'anxiety'],
    consentExpected: false,
    sources: [
      {
        title: 'Cognitive Behavior Therapy: Basics and Beyond',
        citation: 'Beck, J. S. (2021), 3rd ed.',
      },
    ],
  },
];

export const INTERVENTIONS: readonly Intervention[] = z.array(InterventionSchema).parse(DATA);
const BY_ID = new Map(INTERVENTIONS.map((i) => [i.id, i]));

export function getIntervention(id: string): Intervention | undefined {
  return BY_ID.get(id);
}
