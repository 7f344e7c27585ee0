import type { Finding, Severity } from './schema.js';
import { REVIEW_RULES } from './rules/index.js';
import type { ReviewInput } from './rules/types.js';

export type { ConsentOnFile, ReviewInput, ReviewRule } from './rules/types.js';
export { REVIEW_RULES } from './rules/index.js';

const ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Run every review rule on a note: errors first, then warnings, then information, each group in
 * rule order. Works on the note alone; checks that need the analysis use it when given.
 */
export function reviewNote(input: ReviewInput): Finding[] {
  const findings = REVIEW_RULES.flatMap((rule) => rule.check(input));
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}
