import { evidenceOf, type AnalysisContext, type PreparedTurn } from '../context.js';
import type { Indicator } from '../schema.js';
import { findNumbers, parseNumber, type NumberMention } from '../../text/numbers.js';
import { minutesBetween } from './common.js';

/**
 * Standard instrument scores said aloud: "your PHQ-9 came in at fourteen today; two weeks ago it
 * was seventeen, and when we first met it was nineteen" → value 14, previous 17, baseline 19.
 * The instrument named in a turn opens a short window (that turn and the next two within two
 * minutes) in which scores are read.
 */

const INSTRUMENTS: readonly (readonly [RegExp, string])[] = [
  [/\bp\.? ?h\.? ?q\.?(?:[- ]?(?:9|nine))?\b|\bpatient health questionnaire\b/, 'PHQ-9'],
  [/\bg\.? ?a\.? ?d\.?[- ]?(?:7|seven)\b|\bgad (?:score|scale|questionnaire)\b/, 'GAD-7'],
  [/\bp\.? ?c\.? ?l\.?(?:[- ]?(?:5|five))?\b/, 'PCL-5'],
  [/\bbdi(?:[- ]?(?:ii|2|two))?\b|\bbeck depression\b/, 'BDI-II'],
  [/\bbai\b|\bbeck anxiety\b/, 'BAI'],
  [/\by[- ]?bocs\b/, 'Y-BOCS'],
  [/\bepds\b|\bedinburgh\b/, 'EPDS'],
  [/\baudit[- ]?c\b/, 'AUDIT-C'],
  [/\b(?:the|your|an|his|her) audit\b|\baudit (?:score|questionnaire|screen)\b/, 'AUDIT'],
  [/\bdast(?:[- ]?(?:10|ten))?\b|\bdrug abuse screening\b/, 'DAST-10'],
  [/\bsrs\b|\bsession rating scale\b/, 'SRS'],
  [/\bwsas\b|\bwork and social adjustment\b/, 'WSAS'],
  [/\bpswq\b|\bpenn state worry\b/, 'PSWQ'],
  [/\bders\b|\bdifficulties in emotion regulation\b/, 'DERS'],
  [/\bede[- ]?q\b/, 'EDE-Q'],
  [/\bcore[- ]?om\b/, 'CORE-OM'],
  [/\bsdq\b|\bstrengths and difficulties\b/, 'SDQ'],
  [/\bcaps[- ]?(?:5|five)\b/, 'CAPS-5'],
  [/\bmadrs\b/, 'MADRS'],
  [/\bham[- ]?d\b|\bhamilton\b/, 'HAM-D'],
  [/\bdass(?:[- ]?(?:21|twenty[- ]one))?\b/, 'DASS-21'],
  [/\bk[- ]?(?:10|ten)\b|\bkessler\b/, 'K10'],
  [/\bisi\b|\binsomnia severity\b/, 'ISI'],
  [/\bors\b|\boutcome rating scale\b/, 'ORS'],
  [/\boci(?:[- ]?r)?\b/, 'OCI-R'],
  [/\bcore[- ]?(?:10|ten)\b/, 'CORE-10'],
];

const ANY_INSTRUMENT = new RegExp(INSTRUMENTS.map(([re]) => `(?:${re.source})`).join('|'));

/** The instrument's own name digits ("PHQ-9") are not scores: blank them before reading numbers. */
const NAME_DIGITS =
  /\b(p\.? ?h\.? ?q|g\.? ?a\.? ?d|p\.? ?c\.? ?l|dass|k|core|bdi|dast|caps)[- ]?(?:9|nine|7|seven|5|five|21|twenty[- ]one|10|ten|ii|2|two)\b/g;

/** A later reference to the instrument just named. */
const LATER_REF =
  /\b(?:the|that|your) (?:questionnaire|form|screen(?:er|ing)?|measure|survey|checklist)\b|\byour (?:score|total)\b|\byou scored\b/;
const PREVIOUS_CUE =
  /\b(?:last (?:time|week|month|session|visit)|(?:weeks?|months?) ago|before that|previously|down from|up from|the time before)\b/;
const BASELINE_CUE =
  /\b(?:when (?:we|you) (?:first )?(?:met|started|began)|at (?:the )?(?:intake|start|beginning)|first (?:time|session|visit)|to start with|at first|baseline)\b/;
const SCORE_CUE =
  /\b(?:came (?:in|out|back) at|was|is|came to|scored?|score (?:of|was|is)|total(?: of| was| is)?|you got|it(?:'s| is| was)|at|points?|today|this time)\b/;
/** Clause breaks, also where no punctuation was written ("… today two weeks ago it was …"). */
const CLAUSE_SPLIT =
  /[.;!?](?!\d)|,? and |,? but |,?\s(?=(?:(?:a|one|two|three|four|five|six|\d+) (?:weeks?|months?) ago|last (?:time|week|month|session|visit)|when (?:we|you) (?:first )?(?:met|started|began)|at (?:the )?(?:intake|start|beginning)|down from|up from))/;
const ITEM9 =
  /\b(?:last question|item (?:9|nine)|question (?:9|nine)|ninth (?:question|item)|(?:better off dead|hurting yourself)\b[^.?]{0,60}\b(?:marked|put|answered|circled|scored))/;

export function extractMeasures(ctx: AnalysisContext): Indicator[] {
  const out: Indicator[] = [];
  const { turns } = ctx;
  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    if (!t) continue;
    if (!ANY_INSTRUMENT.test(t.norm)) continue;
    const instrument = INSTRUMENTS.find(([re]) => re.test(t.norm))?.[1];
    if (!instrument) continue;
    // Already read from an earlier turn of the same window.
    if (
      out.some(
        (o) => o.instrument === instrument && o.evidence.some((e) => e.utteranceIds.includes(t.id)),
      )
    )
      continue;
    const window: PreparedTurn[] = [t];
    for (let k = i + 1; k <= Math.min(turns.length - 1, i + 2); k++) {
      const n = turns[k];
      if (n && minutesBetween(t, n) <= 2) window.push(n);
    }
    const decimals = DECIMAL_INSTRUMENTS.has(instrument);
    let found = readScores(window, decimals);
    if (found.value === undefined) {
      // Named once, scored later as "the questionnaire" / "your score".
      for (let k = i + 3; k <= Math.min(turns.length - 1, i + 10); k++) {
        const n = turns[k];
        if (!n || minutesBetween(t, n) > 6) break;
        if (ANY_INSTRUMENT.test(n.norm)) break;
        if (!LATER_REF.test(n.norm)) continue;
        const later = readScores([n], decimals);
        if (later.value !== undefined) {
          found = { ...later, turns: [t, ...later.turns] };
          break;
        }
      }
    }
    if (found.value === undefined) continue;
    if (instrument === 'PHQ-9' && found.item9 === undefined) addItem9(turns, i, found);
    const ind: Indicator = {
      kind: 'measure',
      instrument,
      value: found.value,
      ...(found.previous !== undefined ? { previous: found.previous } : {}),
      ...(found.baseline !== undefined ? { baseline: found.baseline } : {}),
      ...(found.item9 !== undefined && instrument === 'PHQ-9' ? { item9: found.item9 } : {}),
      evidence: found.turns.slice(0, 3).map((x) => evidenceOf([x])),
    };
    const dup = out.find((o) => o.instrument === instrument && o.value === ind.value);
    if (dup) continue;
    out.push(ind);
  }
  for (const ind of unnamedMeasures(turns, out)) out.push(ind);
  return out;
}

/** Item 9 is often checked a few turns later without naming the instrument again. */
function addItem9(turns: readonly PreparedTurn[], i: number, found: Scores): void {
  const t = turns[i];
  if (!t) return;
  for (let k = i + 1; k <= Math.min(turns.length - 1, i + 12); k++) {
    const n = turns[k];
    if (!n || minutesBetween(t, n) > 4) break;
    if (n.role !== 'clinician' || !ITEM9.test(n.norm)) continue;
    const v = item9Answer(n.norm);
    if (v !== undefined) {
      found.item9 = v;
      if (!found.turns.includes(n)) found.turns.push(n);
      return;
    }
  }
}

/** A clinician's reference to a questionnaire whose name is not said ("the questionnaire"). */
const UNNAMED_REF =
  /\b(?:the|that|your|this|a) (?:questionnaires?|screeners?|checklists?|surveys?|(?:mood|depression|anxiety|symptom|worry) (?:questionnaire|form|scale|measure|screen|score))\b|\byour (?:score|total)\b|\byou scored\b/;
/** An explicit score, not just any number after "it was". */
const STRONG_SCORE =
  /\bcame (?:in|out|back|to) at\b|\bscored?\b|\btotal\b|\bpoints?\b|\byou got an?\b|\badds? up to\b/;
/**
 * PHQ-9 item 9's own wording ("thoughts that you would be better off dead, or of hurting yourself
 * in some way"): the only safe ground to name an instrument that was not named.
 */
const PHQ9_ITEM_WORDING = /\bbetter off dead\b/;
/**
 * A questionnaire described as being about drinking ("she had me do this questionnaire about
 * drinking"), scored above 12: only the full AUDIT (0–40) goes that high among the common alcohol
 * screens (AUDIT-C tops out at 12, CAGE at 4), so the score identifies it. At 12 or below it stays
 * unnamed.
 */
const ALCOHOL_QUESTIONNAIRE =
  /\b(?:questionnaire|screen(?:er|ing)?|form|survey|test) (?:about|on|for|asking about) (?:\w+ )?(?:drinking|alcohol)\b|\b(?:drinking|alcohol) (?:questionnaire|screen(?:er|ing)?|survey)\b/;

/**
 * Scores of an instrument that is never named: "I saw you filled in the questionnaire … it came
 * out at seventeen today; two weeks ago it was fifteen". The instrument stays undefined unless
 * the clinician then goes over the PHQ-9 item-9 wording, which identifies it.
 */
function unnamedMeasures(turns: readonly PreparedTurn[], named: readonly Indicator[]): Indicator[] {
  const out: Indicator[] = [];
  const usedIds = new Set(named.flatMap((o) => o.evidence.flatMap((e) => e.utteranceIds)));
  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    if (t?.role !== 'clinician' || !UNNAMED_REF.test(t.norm) || usedIds.has(t.id)) continue;
    const window: PreparedTurn[] = [];
    for (let k = i; k <= Math.min(turns.length - 1, i + 2); k++) {
      const n = turns[k];
      if (n && minutesBetween(t, n) <= 2) window.push(n);
    }
    // A named instrument close by is read by the named path.
    if (window.some((w) => ANY_INSTRUMENT.test(w.norm) || usedIds.has(w.id))) continue;
    const scored = window.filter((w) => w.role === 'clinician' && STRONG_SCORE.test(w.norm));
    if (scored.length === 0) continue;
    const found = readScores(
      window.filter((w) => w.role === 'clinician'),
      false,
    );
    if (found.value === undefined || !found.turns.some((w) => scored.includes(w))) continue;
    let instrument: string | undefined;
    for (let k = i; k <= Math.min(turns.length - 1, i + 12); k++) {
      const n = turns[k];
      if (!n || minutesBetween(t, n) > 4) break;
      if (n.role === 'clinician' && PHQ9_ITEM_WORDING.test(n.norm)) {
        instrument = 'PHQ-9';
        break;
      }
    }
    if (
      !instrument &&
      found.value > 12 &&
      found.value <= 40 &&
      turns.slice(0, i + 1).some((x) => ALCOHOL_QUESTIONNAIRE.test(x.norm))
    )
      instrument = 'AUDIT';
    if (instrument === 'PHQ-9') addItem9(turns, i, found);
    if (!found.turns.includes(t)) found.turns.unshift(t);
    out.push({
      kind: 'measure',
      ...(instrument ? { instrument } : {}),
      value: found.value,
      ...(found.previous !== undefined ? { previous: found.previous } : {}),
      ...(found.baseline !== undefined ? { baseline: found.baseline } : {}),
      ...(found.item9 !== undefined ? { item9: found.item9 } : {}),
      evidence: found.turns.slice(0, 3).map((x) => evidenceOf([x])),
    });
    for (const w of window) usedIds.add(w.id);
  }
  return out;
}

interface Scores {
  value?: number;
  previous?: number;
  baseline?: number;
  item9?: number;
  turns: PreparedTurn[];
}

/** Instruments scored with decimals (visual analogue lines): ORS and SRS, 0–40. */
const DECIMAL_INSTRUMENTS = new Set(['ORS', 'SRS']);

function readScores(window: readonly PreparedTurn[], decimals = false): Scores {
  const s: Scores = { turns: [] };
  for (const t of window) {
    const text = t.norm.replace(NAME_DIGITS, '$1');
    let used = false;
    for (const clause of text.split(CLAUSE_SPLIT)) {
      const nums = findNumbers(clause).filter((m) => plausibleScore(m, decimals));
      if (nums.length === 0) continue;
      const first = nums[0];
      if (!first) continue;
      const lastNum = nums[nums.length - 1] ?? first;
      if (ITEM9.test(clause)) {
        const v = item9Answer(clause);
        if (v !== undefined) s.item9 ??= v;
        used = true;
        continue;
      }
      if (BASELINE_CUE.test(clause)) {
        s.baseline ??= lastNum.value;
        used = true;
      } else if (PREVIOUS_CUE.test(clause)) {
        const down = /\b(?:down|up) from\b/.exec(clause);
        if (down && nums.length >= 2) {
          s.value ??= first.value;
          s.previous ??= lastNum.value;
        } else s.previous ??= lastNum.value;
        used = true;
      } else if (SCORE_CUE.test(clause) && s.value === undefined) {
        s.value = first.value;
        used = true;
      }
    }
    if (used) s.turns.push(t);
  }
  return s;
}

const ITEM9_ANSWER =
  /\b(?:marked|put|answered|circled|scored|said|ticked|checked|chose|picked|gave it)\s+(?:an?\s+)?(zero|one|two|three|[0-3])\b|\b(zero|one|two|three|[0-3]) on (?:the )?(?:last|ninth) (?:question|item)/;

/** The item-9 answer (0–3) in a clinician's words ("you marked zero on the last question"). */
function item9Answer(text: string): number | undefined {
  const m = ITEM9_ANSWER.exec(text);
  const w = m?.[1] ?? m?.[2];
  return w === undefined ? undefined : (parseNumber(w) ?? undefined);
}

function plausibleScore(m: NumberMention, decimals = false): boolean {
  if (m.timeOfDay || m.countWord || m.approximate) return false;
  if (m.value > 100 || (!decimals && !Number.isInteger(m.value))) return false;
  return !/^(?:weeks?|months?|days?|years?|times?|minutes?|items?|questions?)$/.test(m.next ?? '');
}
