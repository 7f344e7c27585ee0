import { TreatmentPlanSchema, type TreatmentPlan } from '../core/index.js';
import { readJsonFile } from './json-file.js';

/** Reads a treatment plan (`--plan plan.json`), validated by TreatmentPlanSchema. */
export function readPlanFile(path: string): Promise<TreatmentPlan> {
  return readJsonFile(path, TreatmentPlanSchema, {
    code: 'plan.invalid',
    name: 'The plan file',
    hint: 'A plan is JSON like {"goals": [{"id": "g1", "text": "…"}]}; every goal needs a non-empty id and text.',
    kind: 'plan',
  });
}
