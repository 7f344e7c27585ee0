import { z } from 'zod';
import { ConcernSchema, type Concern } from './schema.js';

/** STUB (owned by the knowledge-base work): concern → recommended interventions (seed table). */
const DATA: Concern[] = [
  {
    id: 'depression',
    name: 'Depression',
    interventions: ['cbt.behavioral_activation', 'cbt.cognitive_restructuring', 'mbct.mindfulness'],
    sources: [
      {
        title: 'Therapeutic Interventions: A Clinician’s Evidence-Based Guide',
        citation: 'DocScrib (2025)',
      },
    ],
  },
];

export const CONCERNS: readonly Concern[] = z.array(ConcernSchema).parse(DATA);

export function getConcern(id: string): Concern | undefined {
  return CONCERNS.find((c) => c.id === id);
}
