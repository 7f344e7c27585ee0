import type { AnalysisContext } from './context.js';
import { extractDurations, extractFrequencies } from './indicators/activity.js';
import { extractHomeworkCompletion } from './indicators/homework-completion.js';
import { extractMeasures } from './indicators/measures.js';
import { extractRatings } from './indicators/ratings.js';
import type { Indicator } from './schema.js';

/**
 * Progress indicators said in the session, each with the turns it came from: SUDS and other
 * self-ratings, instrument scores, frequencies, durations and homework completion. Only numbers
 * actually said are reported.
 */
export function extractIndicators(ctx: AnalysisContext): Indicator[] {
  return [
    ...extractMeasures(ctx),
    ...extractRatings(ctx),
    ...extractFrequencies(ctx),
    ...extractDurations(ctx),
    ...extractHomeworkCompletion(ctx),
  ];
}
