import { cloneDetection } from './clone.js';
import { sectionsComplete } from './completeness.js';
import { evidenceGrounding, fourComponents, goalLink } from './documentation.js';
import {
  exposureDistressMonitoring,
  informedConsent,
  riskFollowUp,
  riskScreening,
} from './safety.js';
import { cptDuration, sessionTimesTranscript, startStopTimes } from './time.js';
import type { ReviewRule } from './types.js';

/** Every review rule, in the order a reviewer reads them. Ids are stable: never rename. */
export const REVIEW_RULES: readonly ReviewRule[] = [
  riskFollowUp,
  sectionsComplete,
  evidenceGrounding,
  informedConsent,
  exposureDistressMonitoring,
  fourComponents,
  goalLink,
  startStopTimes,
  cptDuration,
  sessionTimesTranscript,
  cloneDetection,
  riskScreening,
];
