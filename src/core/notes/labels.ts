import type { Evidence, Indicator, RiskKind } from '../analysis/schema.js';
import { getIntervention } from '../knowledge/interventions.js';
import type { Intervention } from '../knowledge/schema.js';
import { clock } from './header.js';
import { humanize, interventionLabel } from './intervention-label.js';

/**
 * Wording helpers shared by the note writer and the renderers: intervention and risk names,
 * time references, short quotes and indicator phrases. Pure functions.
 */

function knowledge(id: string): Intervention | undefined {
  try {
    return getIntervention(id);
  } catch {
    return undefined;
  }
}

export { interventionLabel };

/** A short lower-case name for running text ("in vivo exposure"), from the catalogue name. */
export function interventionShortName(id: string): string {
  const known = knowledge(id);
  if (known) return lowerFirst(known.name.replace(/\s*\([^)]*\)/g, '').trim() || known.name);
  const [modality = '', rawName = ''] = id.split('.', 2);
  if (!rawName) return humanize(id) || id;
  const name = humanize(rawName);
  const pattern = SHORT_FALLBACK[modality];
  return pattern ? pattern.replace('{}', name) : name;
}

/** Running-text names for ids the catalogue does not (yet) have. */
const SHORT_FALLBACK: Readonly<Record<string, string>> = {
  exposure: '{} exposure',
  mi: 'MI {}',
  dbt: 'DBT {}',
  act: 'ACT {}',
  ipt: 'IPT {}',
  tfcbt: 'TF-CBT {}',
  mbct: 'MBCT {}',
  expressive: '{} therapy',
  psychoed: 'psychoeducation ({})',
  skills: '{} skills',
  cbt: '{}',
};

/** Component ids → names from the catalogue, falling back to the id in words. */
export function componentNames(interventionId: string, componentIds: readonly string[]): string[] {
  const known = knowledge(interventionId);
  const names = new Map(known?.components.map((c) => [c.id, c.name]) ?? []);
  const out: string[] = [];
  for (const c of componentIds) {
    const n = lowerFirst(names.get(c) ?? humanize(c));
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/**
 * Informed consent is expected before delivery: the knowledge base's `consentExpected` flag is the
 * single source of truth (unknown ids: not expected).
 */
export function consentExpected(id: string): boolean {
  return knowledge(id)?.consentExpected === true;
}

const DISTRESS_MONITORED_IDS = new Set([
  'tfcbt.trauma_narrative',
  'trauma.narrative_processing',
  'trauma.emdr',
  'tech.vr_exposure',
]);

/** Exposure-type work during which distress should be rated (SUDS or similar). */
export function needsDistressMonitoring(id: string): boolean {
  return id.startsWith('exposure.') || DISTRESS_MONITORED_IDS.has(id);
}

const RISK_NAMES: Readonly<Record<RiskKind, string>> = {
  suicidal_ideation: 'suicidal ideation',
  suicide_plan: 'a suicide plan',
  suicide_attempt_history: 'a history of suicide attempts',
  self_harm: 'self-harm (acts or urges)',
  homicidal_ideation: 'homicidal ideation',
  abuse_or_neglect: 'abuse or neglect',
  substance_use: 'substance use',
  psychosis: 'psychotic symptoms',
};

const RISK_SHORT: Readonly<Record<RiskKind, string>> = {
  suicidal_ideation: 'suicidal ideation',
  suicide_plan: 'suicide plan',
  suicide_attempt_history: 'suicide attempt history',
  self_harm: 'self-harm',
  homicidal_ideation: 'homicidal ideation',
  abuse_or_neglect: 'abuse or neglect',
  substance_use: 'substance use',
  psychosis: 'psychotic symptoms',
};

export function riskName(kind: RiskKind): string {
  return RISK_NAMES[kind];
}
export function riskShortName(kind: RiskKind): string {
  return RISK_SHORT[kind];
}

export { clock };

/** A time reference for one piece of evidence: its time, or its utterance ids when untimed. */
export function evidenceRef(e: Evidence): string {
  return e.start !== null ? clock(e.start) : e.utteranceIds.join(', ');
}

/** Distinct references for a sentence's evidence, in order of appearance. */
export function evidenceRefs(evidence: readonly Evidence[]): string[] {
  const refs: string[] = [];
  for (const e of evidence) {
    const r = evidenceRef(e);
    if (!refs.includes(r)) refs.push(r);
  }
  return refs;
}

const ANNOTATION = /\([^)]{0,40}\)|\[[^\]]{0,40}\]/g;

/**
 * A short quote fit for a note: transcriber annotations removed, inner double quotes made single,
 * cut at a word boundary with "…". Empty when nothing spoken is left.
 */
export function shortQuote(text: string, max = 90): string {
  const clean = text
    .replace(ANNOTATION, ' ')
    .replace(/[\u201c\u201d"]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,;:.\s-]+/, '');
  if (clean.length <= max) return clean.replace(/[\s,;:]+$/, '');
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:.…]+$/, '')}…`;
}

/** `"quote"` with surrounding quotation marks, or '' when the quote is empty. */
export function quoted(text: string, max = 90): string {
  const q = shortQuote(text, max);
  return q.split(/\s+/).length >= 2 || q.length >= 6 ? `"${q}"` : '';
}

export function lowerFirst(s: string): string {
  return s.length > 1 && /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Join with commas and a final "and". */
export function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Severity band of an instrument total (PHQ-9, GAD-7), per the published cut-offs. */
export function severityBand(instrument: string, value: number): string | undefined {
  const key = instrument.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (key === 'PHQ9' && value >= 0 && value <= 27) {
    if (value <= 4) return 'minimal';
    if (value <= 9) return 'mild';
    if (value <= 14) return 'moderate';
    if (value <= 19) return 'moderately severe';
    return 'severe';
  }
  if (key === 'GAD7' && value >= 0 && value <= 21) {
    if (value <= 4) return 'minimal';
    if (value <= 9) return 'mild';
    if (value <= 14) return 'moderate';
    return 'severe';
  }
  return undefined;
}

/** NHS Talking Therapies reliable-change thresholds (PHQ-9 6 points, GAD-7 4 points). */
function reliableChange(instrument: string): number | undefined {
  const key = instrument.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (key === 'PHQ9') return 6;
  if (key === 'GAD7') return 4;
  return undefined;
}

function changeWords(from: number, to: number): string {
  const d = to - from;
  if (d === 0) return 'unchanged';
  return d < 0 ? `down ${fmt(-d)}` : `up ${fmt(d)}`;
}

/** "from 12" / "at last administration 12" phrase for a measure with a previous value. */
export function describeMeasure(ind: Indicator): string {
  const instrument = ind.instrument ?? 'Measure';
  const value = ind.value ?? ind.to;
  if (value === undefined) return `${instrument} discussed`;
  const band = severityBand(instrument, value);
  let s = `${instrument} total ${fmt(value)}${band ? ` (${band} range)` : ''}`;
  const before = ind.previous ?? ind.from;
  if (before !== undefined && before !== value) {
    s += `, ${changeWords(before, value)} from ${fmt(before)}`;
    const threshold = reliableChange(instrument);
    if (threshold !== undefined) {
      const drop = before - value;
      if (drop >= threshold) s += ` (reliable improvement: drop of ${threshold} or more)`;
      else if (-drop >= threshold) s += ` (reliable deterioration: rise of ${threshold} or more)`;
      else s += ` (change below the ${threshold}-point reliable-change threshold)`;
    }
  }
  return s;
}

function scaleSuffix(max: number | undefined): string {
  return max !== undefined ? ` on a 0–${fmt(max)} scale` : '';
}

function periodPhrase(period: string): string {
  return /^(per|a|an|this|last|each|every|in|over|during|since)\b/i.test(period)
    ? period
    : `per ${period}`;
}

/** One indicator as a short phrase, without evidence: "SUDS 70 → 25 (peak 85) on a 0–100 scale". */
export function describeIndicator(ind: Indicator): string {
  switch (ind.kind) {
    case 'suds': {
      if (ind.from !== undefined && ind.to !== undefined) {
        const peak = ind.peak !== undefined ? ` (peak ${fmt(ind.peak)})` : '';
        return `SUDS ${fmt(ind.from)} → ${fmt(ind.to)}${peak}${scaleSuffix(ind.scaleMax)}`;
      }
      const v = ind.value ?? ind.to ?? ind.from;
      return v !== undefined ? `SUDS ${fmt(v)}${scaleSuffix(ind.scaleMax)}` : 'SUDS rated';
    }
    case 'rating': {
      const scale = upperFirst(ind.scale ?? 'self');
      let s: string;
      if (ind.from !== undefined && ind.to !== undefined) {
        s = `${scale} rating ${fmt(ind.from)} → ${fmt(ind.to)}${scaleSuffix(ind.scaleMax)}`;
      } else {
        const v = ind.value ?? ind.to ?? ind.from;
        s =
          v !== undefined
            ? `${scale} rated ${fmt(v)}${ind.scaleMax !== undefined ? `/${fmt(ind.scaleMax)}` : ''}`
            : `${scale} rated`;
      }
      if (ind.previous !== undefined) s += ` (previously ${fmt(ind.previous)})`;
      return s;
    }
    case 'duration': {
      const m = ind.minutes;
      const what = (ind.what ?? '').trim();
      if (m === undefined) return what ? `${upperFirst(what)}: duration noted` : 'Duration noted';
      const mins = `${fmt(m)} minute${m === 1 ? '' : 's'}`;
      if (!what) return `Duration: ${mins}`;
      return /^(of|in|at|on|with|during|without|\w+ing)\b/i.test(what)
        ? `${mins} ${what}`
        : `${upperFirst(what)} for ${mins}`;
    }
    case 'frequency': {
      const what = upperFirst(ind.what ?? 'Frequency');
      if (ind.count === undefined) return `${what}: frequency noted`;
      const target = ind.target !== undefined ? ` of a target ${fmt(ind.target)}` : '';
      const period = ind.period ? ` ${periodPhrase(ind.period)}` : '';
      return `${what}: ${fmt(ind.count)}${target} time${ind.count === 1 ? '' : 's'}${period}`;
    }
    case 'measure':
      return describeMeasure(ind);
    case 'homework_completion':
      switch (ind.status) {
        case 'completed':
          return 'Homework completed';
        case 'partial':
          return 'Homework partially completed';
        case 'not_completed':
          return 'Homework not completed';
        case undefined:
          return 'Homework completion discussed';
      }
  }
}
