import type { TreatmentPlan } from '../plan/schema.js';
import type { Transcript, Turn } from '../transcript/schema.js';
import type { Evidence, MiLabel, TalkLabel } from './schema.js';
import { normalizeForMatching } from '../text/normalize.js';

/** A turn prepared once for every detector: normalized text and its position. */
export interface PreparedTurn extends Turn {
  index: number;
  /**
   * Lower-cased text with transcriber annotations like "(laughs)" removed, curly quotes and
   * dashes folded, number words left as words, whitespace collapsed. Detectors match on this.
   */
  norm: string;
  mi?: MiLabel;
  talk?: TalkLabel;
}

/** Everything a detector may look at. Built once per analysis; detectors never mutate it. */
export interface AnalysisContext {
  transcript: Transcript;
  turns: readonly PreparedTurn[];
  byId: ReadonlyMap<string, PreparedTurn>;
  plan?: TreatmentPlan;
  /** Text of the client's earlier notes, oldest first (used for continuity, e.g. homework). */
  previousNotes: readonly string[];
}

export function buildContext(
  transcript: Transcript,
  opts: { plan?: TreatmentPlan; previousNotes?: readonly string[] } = {},
): AnalysisContext {
  const turns = transcript.turns.map((t, index) => ({
    ...t,
    index,
    norm: normalizeForMatching(t.text),
  }));
  return {
    transcript,
    turns,
    byId: new Map(turns.map((t) => [t.id, t])),
    ...(opts.plan ? { plan: opts.plan } : {}),
    previousNotes: opts.previousNotes ?? [],
  };
}

const MAX_QUOTE = 220;

/** Shorten a quote to a readable length at a word boundary, marking the cut with "…". */
export function shortenQuote(text: string, max = MAX_QUOTE): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** Evidence for one or more turns; the quote is the first turn's words unless given. */
export function evidenceOf(turns: readonly PreparedTurn[], quote?: string): Evidence {
  const first = turns[0];
  if (!first) throw new Error('evidenceOf needs at least one turn');
  return {
    utteranceIds: turns.map((t) => t.id),
    quote: shortenQuote(quote ?? first.text),
    start: first.start,
  };
}
