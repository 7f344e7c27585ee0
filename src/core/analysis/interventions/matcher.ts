import { INTERVENTIONS } from '../../knowledge/interventions.js';
import type { Cue, Intervention } from '../../knowledge/schema.js';
import { SHARED_EXPOSURE_PATTERNS } from '../../knowledge/data/exposure.js';
import { MAX_PREFIX, indexPrefixes } from './prefix.js';
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

/** One regex per distinct pattern (several interventions share some), with a per-turn memo. */
interface SharedRe {
  re: RegExp;
  slot: number;
}

interface CompiledCue {
  re: SharedRe;
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
const REGEXES = new Map<string, SharedRe>();

function sharedRe(pattern: string): SharedRe {
  let r = REGEXES.get(pattern);
  if (!r) {
    r = { re: new RegExp(`${LEAD}(?:${pattern})`), slot: REGEXES.size };
    REGEXES.set(pattern, r);
  }
  return r;
}

function compile(i: Intervention): CompiledIntervention {
  const cues: CompiledCue[] = [];
  const add = (c: Cue, kind: Hit['kind'], componentId?: string): void => {
    cues.push({
      re: sharedRe(c.pattern),
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

/**
 * Cues indexed by the word prefixes (up to MAX_PREFIX letters) that their first required word
 * must start with. Two indexes: every cue for clinician turns; for other speakers only the cues
 * that can matter there (client or either-speaker cues, and explicit names, which become
 * mentions, e.g. a client recalling "my last therapist did EMDR"). A clinician-only implicit
 * phrase in a client's mouth never counts, so it is not even tried.
 */
type Index = Map<string, IndexedCue[]>;
const BY_PREFIX_CLINICIAN: Index = new Map();
const BY_PREFIX_OTHER: Index = new Map();
const ALWAYS_CLINICIAN: IndexedCue[] = [];
const ALWAYS_OTHER: IndexedCue[] = [];
{
  const add = (index: Index, key: string, entry: IndexedCue): void => {
    const list = index.get(key);
    if (list) list.push(entry);
    else index.set(key, [entry]);
  };
  let order = 0;
  for (const ci of COMPILED) {
    for (const cue of ci.cues) {
      const entry = { order: order++, id: ci.id, cue };
      const forOthers = cue.role !== 'clinician' || cue.kind === 'explicit';
      const prefixes = indexPrefixes(cue.pattern);
      if (!prefixes) {
        ALWAYS_CLINICIAN.push(entry);
        if (forOthers) ALWAYS_OTHER.push(entry);
        continue;
      }
      for (const p of prefixes) {
        add(BY_PREFIX_CLINICIAN, p, entry);
        if (forOthers) add(BY_PREFIX_OTHER, p, entry);
      }
    }
  }
}

/** Stamp per cue (by load order) so each turn collects a cue once without a Set. */
const STAMP = new Uint32Array(COMPILED.reduce((n, ci) => n + ci.cues.length, 0));
/** Per distinct regex: the stamp of the turn it was last run on, and its result then. */
const RE_STAMP = new Uint32Array(REGEXES.size);
const RE_RESULT: (RegExpExecArray | null)[] = new Array<RegExpExecArray | null>(REGEXES.size);
let stampNow = 0;

/**
 * Per distinct word: the cues its prefixes select (words repeat a lot within and across
 * sessions, so each word's prefixes are looked up once). Bounded; cleared when full.
 */
const WORD_CACHE: readonly [Map<string, IndexedCue[]>, Map<string, IndexedCue[]>] = [
  new Map<string, IndexedCue[]>(),
  new Map<string, IndexedCue[]>(),
];
const WORD_CACHE_MAX = 50_000;
const NONE: IndexedCue[] = [];

function cuesForWord(word: string, clinician: boolean): IndexedCue[] {
  const cache = WORD_CACHE[clinician ? 0 : 1];
  let list = cache.get(word);
  if (list) return list;
  const index = clinician ? BY_PREFIX_CLINICIAN : BY_PREFIX_OTHER;
  const parts: IndexedCue[][] = [];
  for (let k = 1; k <= Math.min(word.length, MAX_PREFIX); k++) {
    const l = index.get(word.slice(0, k));
    if (l) parts.push(l);
  }
  list = parts.length === 0 ? NONE : parts.length === 1 ? (parts[0] ?? NONE) : parts.flat();
  if (cache.size >= WORD_CACHE_MAX) cache.clear();
  cache.set(word, list);
  return list;
}

function nextStamp(): void {
  stampNow = (stampNow + 1) >>> 0;
  if (stampNow === 0) {
    STAMP.fill(0);
    RE_STAMP.fill(0);
    stampNow = 1;
  }
}

function candidates(text: string, clinician: boolean): IndexedCue[] {
  const out: IndexedCue[] = [...(clinician ? ALWAYS_CLINICIAN : ALWAYS_OTHER)];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text.charCodeAt(i) === 32 || text[i] === '|' || text[i] === "'")) i++;
    const startWord = i;
    while (i < n && text.charCodeAt(i) !== 32) i++;
    if (i === startWord) continue;
    for (const e of cuesForWord(text.slice(startWord, i), clinician)) {
      if (STAMP[e.order] === stampNow) continue;
      STAMP[e.order] = stampNow;
      out.push(e);
    }
  }
  return out;
}

/**
 * All cue hits in one turn (for non-clinician turns, only the cues that can count there).
 * Component cues only mark components; they add to the score only when no explicit or implicit
 * cue of the same intervention already matched the same words.
 */
export function matchTurn(flat: FlatTurn): Hit[] {
  const hits: Hit[] = [];
  const text = flat.text;
  if (text === '') return hits;
  const role = flat.turn.role;
  nextStamp();
  for (const { id, cue: c } of candidates(text, role === 'clinician')) {
    {
      const r = c.re;
      let m: RegExpExecArray | null;
      if (RE_STAMP[r.slot] === stampNow) m = RE_RESULT[r.slot] ?? null;
      else {
        m = r.re.exec(text);
        RE_STAMP[r.slot] = stampNow;
        RE_RESULT[r.slot] = m;
      }
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
