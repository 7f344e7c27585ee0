import { INTERVENTIONS } from '../../knowledge/interventions.js';
import type { Cue, Intervention } from '../../knowledge/schema.js';
import { SHARED_EXPOSURE_PATTERNS } from '../../knowledge/data/exposure.js';
import { indexPrefixes } from './prefix.js';
import type { FlatTurn } from './text.js';

/** One cue found in one turn. */
export interface Hit {
  id: string;
  turnIndex: number;
  weight: number;
  kind: 'explicit' | 'implicit' | 'component';
  componentId?: string;
  /** The cue's role matches the speaker (otherwise the hit is a mention only). */
  roleOk: boolean;
  /** A generic exposure cue (SUDS, staying with the feeling) shared by every exposure form. */
  shared: boolean;
  pattern: string;
  start: number;
  end: number;
}

interface CompiledCue {
  re: RegExp;
  weight: number;
  role: Cue['role'];
  kind: Hit['kind'];
  componentId?: string;
  pattern: string;
  shared: boolean;
}

interface CompiledIntervention {
  id: string;
  cues: CompiledCue[];
}

const LEAD = '(?<![a-z0-9])';

function compile(i: Intervention): CompiledIntervention {
  const cues: CompiledCue[] = [];
  const add = (c: Cue, kind: Hit['kind'], componentId?: string): void => {
    cues.push({
      re: new RegExp(`${LEAD}(?:${c.pattern})`),
      weight: c.weight,
      role: c.role,
      kind,
      pattern: c.pattern,
      shared: SHARED_EXPOSURE_PATTERNS.has(c.pattern),
      ...(componentId ? { componentId } : {}),
    });
  };
  for (const c of i.explicitCues) add(c, 'explicit');
  for (const c of i.implicitCues) add(c, 'implicit');
  for (const comp of i.components) for (const c of comp.cues) add(c, 'component', comp.id);
  return { id: i.id, cues };
}

/** Every intervention's cues, compiled once at module load. */
export const COMPILED: readonly CompiledIntervention[] = INTERVENTIONS.map(compile);

interface IndexedCue {
  /** Position in load order, so hits come out in a stable order. */
  order: number;
  id: string;
  cue: CompiledCue;
}

/** Cues indexed by the 1–3 letter prefixes their first word must start with. */
const BY_PREFIX = new Map<string, IndexedCue[]>();
const ALWAYS: IndexedCue[] = [];
{
  let order = 0;
  for (const ci of COMPILED) {
    for (const cue of ci.cues) {
      const entry = { order: order++, id: ci.id, cue };
      const prefixes = indexPrefixes(cue.pattern);
      if (!prefixes) {
        ALWAYS.push(entry);
        continue;
      }
      for (const p of prefixes) {
        const list = BY_PREFIX.get(p);
        if (list) list.push(entry);
        else BY_PREFIX.set(p, [entry]);
      }
    }
  }
}

/** Stamp per cue (by load order) so each turn collects a cue once without a Set. */
const STAMP = new Uint32Array(COMPILED.reduce((n, ci) => n + ci.cues.length, 0));
let stampNow = 0;

function candidates(text: string): IndexedCue[] {
  stampNow = (stampNow + 1) >>> 0;
  if (stampNow === 0) {
    STAMP.fill(0);
    stampNow = 1;
  }
  const out: IndexedCue[] = [...ALWAYS];
  const take = (list: IndexedCue[] | undefined): void => {
    if (!list) return;
    for (const e of list) {
      if (STAMP[e.order] === stampNow) continue;
      STAMP[e.order] = stampNow;
      out.push(e);
    }
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text.charCodeAt(i) === 32 || text[i] === '|' || text[i] === "'")) i++;
    const startWord = i;
    while (i < n && text.charCodeAt(i) !== 32) i++;
    const len = i - startWord;
    if (len === 0) continue;
    take(BY_PREFIX.get(text.slice(startWord, startWord + 1)));
    if (len >= 2) take(BY_PREFIX.get(text.slice(startWord, startWord + 2)));
    if (len >= 3) take(BY_PREFIX.get(text.slice(startWord, startWord + 3)));
  }
  return out;
}

/**
 * All cue hits in one turn. Component cues only mark components; they add to the score only
 * when no explicit or implicit cue of the same intervention already matched the same words.
 */
export function matchTurn(flat: FlatTurn): Hit[] {
  const hits: Hit[] = [];
  const text = flat.text;
  if (text === '') return hits;
  const role = flat.turn.role;
  for (const { id, cue: c } of candidates(text)) {
    {
      const m = c.re.exec(text);
      if (!m) continue;
      const roleOk =
        c.role === 'any' ||
        (c.role === 'clinician' && role === 'clinician') ||
        (c.role === 'client' && role !== 'clinician');
      hits.push({
        id,
        turnIndex: flat.turn.index,
        weight: c.weight,
        kind: c.kind,
        roleOk,
        shared: c.shared,
        pattern: c.pattern,
        start: m.index,
        end: m.index + m[0].length,
        ...(c.componentId ? { componentId: c.componentId } : {}),
      });
    }
  }
  return hits;
}
