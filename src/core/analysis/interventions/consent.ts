import type { Consent } from '../schema.js';
import { evidenceOf, type PreparedTurn } from '../context.js';
import { AGREE, DECLINE, OFFER, nextClientTurn } from './mention.js';
import type { FlatTurn } from './text.js';

/**
 * Informed-consent discussions: the clinician gives the client choice, the right to stop,
 * the likely discomfort or the rationale, and asks for agreement; the client's answer decides
 * the outcome (agreed / declined / discussed).
 */

const CHOICE =
  /(?<![a-z])((your|the) (call|choice|decision)|(it'?s|it is|that'?s|that is) (completely |totally |entirely |really )?(up to you|yours to (make|decide))|(you'?re|you are) in charge|only (works )?if you (choose|want|agree)|(you can|you could|feel free to) (say no|decline|tell me no)|no pressure|you decide|(you'?re|you are) (free|allowed) to|you (don'?t|do not) have to (do|go|say|decide|answer)|(check|make sure) (in )?(that |if |whether )?(you'?re|you are) (still )?(okay|ok|comfortable|happy|alright|all right) (with|to|about|doing)|(do|would) you (still )?want to (go ahead|continue|carry on|keep going|do (this|it|that))|if (you'?re|you are) willing)/;
const STOP =
  /(?<![a-z])((you can|you could|we can|we could) (stop|pause|take a break)|stop (whenever|any ?time|at any (point|time))|right to stop|(i|we) (won'?t|will not) (push|force|surprise|make) you|(any ?time|whenever) you (want|need|like) to (stop|pause)|if (at any (point|time|stage) )?you (need|want|have) to (stop|pause|take a break|come out)|(we'?ll|we will|we can|we could) (stop|pause|slow (it )?down|go slower|take it slowly|come back in|go at your pace)|(say|just say) stop|stop (if|when) you need)/;
const RISK =
  /(?<![a-z])((bring|stir|brings) up (a lot of |some )?(discomfort|distress|anxiety|feelings|memories)|(might|will|would|could|is going to|it'?ll) (probably |likely )?(feel|be|get) (worse|uncomfortable|hard|upsetting|distressing|scary|intense)|(it'?s|it is) (going to be|supposed to be|meant to be) (uncomfortable|hard)|side effects?|risks?\b|(discomfort|anxiety) (is|which is) (kind of )?the point|feel (a bit |a little )?worse before|(might|will|would|could|it'?ll|can) (probably |likely )?(feel|be|get|make you (feel )?) ?(a bit |a little |quite |pretty )?(unpleasant|anxious|nervous|sick|dizzy|upset|scared|shaky|worse|uncomfortable)|(make|makes|making) you (feel )?(a bit |a little |quite )?(anxious|uncomfortable|nervous|upset|scared|worse|dizzy|sick)|that'?s (to be )?expected|(if|when) it gets (too much|too hard|overwhelming))/;
const RATIONALE =
  /(?<![a-z])((the )?(idea|point|reason|rationale) (is|of|behind)|(that'?s|this is) (how|why) (it|this|exposure) works|(some|many|most|a lot of) (people|clients|parents|couples) (find|say|notice) (that )?(it|this|that|they) (really |actually )?(helps?|helpful|useful|makes a difference)|(fear|brain|body) (learns|never|gets a chance))/;

interface ConsentCategories {
  choice: boolean;
  stop: boolean;
  risk: boolean;
  rationale: boolean;
  ask: boolean;
}

function categories(text: string): ConsentCategories {
  return {
    choice: CHOICE.test(text),
    stop: STOP.test(text),
    risk: RISK.test(text),
    rationale: RATIONALE.test(text),
    ask: OFFER.test(text),
  };
}

/** Does this clinician turn discuss consent for an intervention whose hits are nearby? */
function isConsentTurn(c: ConsentCategories, expected: boolean): boolean {
  const protect = Number(c.choice) + Number(c.stop);
  const inform = Number(c.risk) + Number(c.rationale);
  if (expected) return (protect + inform >= 1 && c.ask) || protect + inform >= 2;
  return (protect >= 1 && inform >= 1 && c.ask) || (protect >= 2 && (c.ask || inform >= 1));
}

/** Turns before (-) and after (+) a consent turn where the intervention's cues may sit. */
const BEFORE = 4;
const AFTER = 2;

export interface ConsentCandidate {
  id: string;
  consentExpected: boolean;
  /** Turn indexes carrying any cue of the intervention (delivering or not). */
  turns: readonly number[];
  delivered: boolean;
}

/**
 * Consent turns are found once per session and each is credited to one intervention: one named
 * in the consent turn itself, else a delivered one over a merely mentioned one (the consent
 * talk is usually about what is then done), else one that expects consent, else the nearest,
 * preferring cues just before the consent turn (the technique was introduced, then consent
 * asked).
 */
export function detectConsent(
  flats: readonly FlatTurn[],
  candidates: readonly ConsentCandidate[],
): Consent[] {
  const best = new Map<string, { outcome: Consent['outcome']; turns: PreparedTurn[] }>();
  // Only turns near some candidate's cues can be credited: test just those.
  const near = new Set<number>();
  for (const cand of candidates) {
    for (const t of cand.turns) for (let i = t - AFTER; i <= t + BEFORE; i++) near.add(i);
  }
  for (const i of [...near].sort((p, q) => p - q)) {
    const f = flats[i];
    if (f?.turn.role !== 'clinician' || f.text === '') continue;
    const c = categories(f.text);
    if (!c.choice && !c.stop && !c.risk && !c.rationale) continue;
    let pick: { cand: ConsentCandidate; key: number[] } | undefined;
    for (const cand of candidates) {
      if (!isConsentTurn(c, cand.consentExpected)) continue;
      let d: number | undefined;
      for (const t of cand.turns) {
        const off = t - i;
        if (off < -BEFORE || off > AFTER) continue;
        const rankOff = off <= 0 ? -off * 2 : off * 2 + 1;
        if (d === undefined || rankOff < d) d = rankOff;
      }
      if (d === undefined) continue;
      const key = [d === 0 ? 0 : 1, cand.delivered ? 0 : 1, cand.consentExpected ? 0 : 1, d];
      if (!pick || lexLess(key, pick.key)) pick = { cand, key };
    }
    if (!pick) continue;
    const cand = pick.cand;
    const answer = nextClientTurn(flats, i);
    let outcome: Consent['outcome'] = 'discussed';
    if (answer) {
      const head = answer.text.slice(0, 160);
      if (DECLINE.test(head)) outcome = 'declined';
      else if (AGREE.test(head)) outcome = 'agreed';
    }
    if (outcome === 'declined' && cand.delivered) outcome = 'discussed';
    const turns = answer ? [f.turn, answer.turn] : [f.turn];
    const rank = (o: Consent['outcome']): number =>
      o === 'declined' ? (cand.delivered ? 0 : 3) : o === 'agreed' ? 2 : 1;
    const prev = best.get(cand.id);
    if (!prev || rank(outcome) > rank(prev.outcome)) best.set(cand.id, { outcome, turns });
  }
  return candidates.flatMap((cand) => {
    const b = best.get(cand.id);
    return b
      ? [{ interventionId: cand.id, outcome: b.outcome, evidence: [evidenceOf(b.turns)] }]
      : [];
  });
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}
