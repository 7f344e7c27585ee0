/**
 * Shared setup for the analysis tests (test-only: excluded from the build, and allowed to read
 * files). Three things every detector test needs:
 * - snippets: fictional `[speaker, text]` lines turned into a Transcript / AnalysisContext;
 * - `asr`: the same lines in speech-recognition style (lower case, no punctuation);
 * - labelled sessions: list and load a corpus folder of `<id>.txt` + `<id>.gold.json`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TreatmentPlan } from '../plan/schema.js';
import { parseTranscript } from '../transcript/parse.js';
import type { Role, Transcript } from '../transcript/schema.js';
import { buildContext, type AnalysisContext } from './context.js';
import type { Indicator } from './schema.js';

// ---------------------------------------------------------------------------------------------
// Snippets

/** A snippet line: T clinician, C client, P a family member or partner in the room. */
export type Line = readonly ['T' | 'C' | 'P', string];

/** Any snippet line: a speaker label and the text, optionally followed by test-specific data. */
export type SnippetLine = readonly [string, string, ...unknown[]];

/** T is the clinician, C the client, any other label a client-side speaker ('other'). */
export function roleOf(who: string): Role {
  return who === 'T' ? 'clinician' : who === 'C' ? 'client' : 'other';
}

export interface SnippetOptions<L extends SnippetLine> {
  /** Seconds between turn starts (default 20), or the start of turn `i` in seconds. */
  start?: number | ((i: number, line: L) => number);
  /** The speaker label a turn carries (default: the snippet letter itself). */
  label?: (who: string) => string;
}

/** A transcript from snippet lines: ids u1, u2, …; roles by `roleOf`; no end times. */
export function snippetTranscript<L extends SnippetLine>(
  lines: readonly L[],
  opts: SnippetOptions<L> = {},
): Transcript {
  const { start = 20, label = (who: string) => who } = opts;
  const startOf = typeof start === 'number' ? (i: number) => i * start : start;
  return {
    format: 'lines',
    speakers: [...new Set(lines.map(([who]) => who))].map((who) => ({
      label: label(who),
      role: roleOf(who),
      roleSource: 'label' as const,
    })),
    warnings: [],
    turns: lines.map((line, i) => ({
      id: `u${i + 1}`,
      speaker: label(line[0]),
      role: roleOf(line[0]),
      start: startOf(i, line),
      end: null,
      text: line[1],
    })),
  };
}

/** The analysis context for snippet lines (see `snippetTranscript`), with an optional plan. */
export function snippetContext<L extends SnippetLine>(
  lines: readonly L[],
  opts: SnippetOptions<L> & { plan?: TreatmentPlan } = {},
): AnalysisContext {
  const { plan, ...snippet } = opts;
  return buildContext(snippetTranscript(lines, snippet), plan ? { plan } : {});
}

const FULL_LABEL: Readonly<Record<string, string>> = { T: 'Therapist', C: 'Client' };

/** A session whose speakers carry full labels: Therapist, Client, and Parent for anyone else. */
export function session(lines: readonly (readonly [string, string])[]): AnalysisContext {
  return snippetContext(lines, { label: (who) => FULL_LABEL[who] ?? 'Parent' });
}

// ---------------------------------------------------------------------------------------------
// Speech-recognition style

const PUNCTUATION = /[.,?!…;:"]/g;

/**
 * Lines as a speech recogniser would give them: lower case, no punctuation. By default
 * apostrophes go too ("don't" → "dont"); with `hyphens: true` apostrophes stay and hyphens
 * become spaces ("two-thirds" → "two thirds").
 */
export function asr<W extends string>(
  lines: readonly (readonly [W, string])[],
  opts: { hyphens?: boolean } = {},
): (readonly [W, string])[] {
  const strip = opts.hyphens
    ? (t: string) => t.replace(PUNCTUATION, '').replace(/-/g, ' ')
    : (t: string) => t.replace(PUNCTUATION, '').replace(/'/g, '');
  return lines.map(([who, text]) => [who, strip(text.toLowerCase())] as const);
}

// ---------------------------------------------------------------------------------------------
// Labelled sessions (corpus folders)

/** The six labelled public sessions, outside the repository. */
export const SHARED_SESSIONS_DIR = fileURLToPath(
  new URL('../../../../shared/corpus/sessions/', import.meta.url),
);

/** A development set under eval/ (e.g. `corpus`, `corpus-blind`). */
export const evalSetDir = (set: string): string =>
  fileURLToPath(new URL(`../../../eval/${set}/`, import.meta.url));

/** The gold fields the risk / homework / indicator tests compare against. */
export interface Gold {
  indicators: {
    kind: string;
    from?: number;
    to?: number;
    value?: number;
    count?: number;
    minutes?: number;
    status?: string;
    instrument?: string;
  }[];
  risk: { kind: string; status: string }[];
  homework: { reviewed: boolean; assigned: boolean };
}

/**
 * Session ids in `dir` (sorted): transcripts whose file name matches `pattern`, and with
 * `withGold` only those that have a gold file. None when the folder is absent.
 */
export function sessionIds(dir: string, pattern: RegExp, opts: { withGold?: boolean } = {}) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .filter((f) => !opts.withGold || existsSync(`${dir}${f.slice(0, -4)}.gold.json`))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** One session of a corpus folder (`dir` ends with a slash): its context and its gold. */
export function loadSession(dir: string, id: string): { ctx: AnalysisContext; gold: Gold } {
  const ctx = buildContext(parseTranscript(readFileSync(`${dir}${id}.txt`, 'utf8')));
  const gold = JSON.parse(readFileSync(`${dir}${id}.gold.json`, 'utf8')) as Gold;
  return { ctx, gold };
}

/** Whether a predicted indicator is the gold one (same kind and the values that kind has). */
export function matchesGold(g: Gold['indicators'][number], p: Indicator): boolean {
  if (g.kind !== p.kind) return false;
  if (g.kind === 'suds' || g.kind === 'rating')
    return g.value !== undefined ? p.value === g.value : p.from === g.from && p.to === g.to;
  if (g.kind === 'measure') return p.instrument === g.instrument && p.value === g.value;
  if (g.kind === 'frequency') return p.count === g.count;
  if (g.kind === 'duration') return p.minutes === g.minutes;
  return p.status === g.status;
}
