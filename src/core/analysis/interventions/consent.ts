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
  /(?<![a-z])((your|the) (call|choice|decision)|(it'?s|it is|that'?s|that is) (completely |totally |entirely |really )?(up to you|yours to (make|decide))|(you'?re|you are) in charge|only (works )?if you (choose|want|agree)|(you can|you could|feel free to) (say no|decline|tell me no)|no pressure|you decide|(you'?re|you are) (free|allowed) to)/;
const STOP =
  /(?<![a-z])((you can|you could|we can|we could) (stop|pause|take a break)|stop (whenever|any ?time|at any (point|time))|right to stop|(i|we) (won'?t|will not) (push|force|surprise|make) you|(any ?time|whenever) you (want|need|like) to (stop|pause))/;
const RISK =
  /(?<![a-z])((bring|stir|brings) up (a lot of |some )?(discomfort|distress|anxiety|feelings|memories)|(might|will|would|could|is going to|it'?ll) (probably |likely )?(feel|be|get) (worse|uncomfortable|hard|upsetting|distressing|scary|intense)|(it'?s|it is) (going to be|supposed to be|meant to be) (uncomfortable|hard)|side effects?|risks?\b|(discomfort|anxiety) (is|which is) (kind of )?the point|feel worse before)/;
const RATIONALE =
  /(?<![a-z])((the )?(idea|point|reason|rationale) (is|of|behind)|(that'?s|this is) (how|why) (it|this|exposure) works|(fear|brain|body) (learns|never|gets a chance))/;

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
  return protect >= 1 && inform >= 1 && c.ask;
}

export interface ConsentCandidate {
  id: string;
  consentExpected: boolean;
  /** Turn indexes carrying any cue of the intervention (delivering or not). */
  turns: readonly number[];
  delivered: boolean;
}

export function detectConsent(
  flats: readonly FlatTurn[],
  candidates: readonly ConsentCandidate[],
): Consent[] {
  const out: Consent[] = [];
  const cache = new Map<number, ConsentCategories>();
  const cat = (i: number): ConsentCategories | undefined => {
    const f = flats[i];
    if (f?.turn.role !== 'clinician') return undefined;
    let c = cache.get(i);
    if (!c) {
      c = categories(f.text);
      cache.set(i, c);
    }
    return c;
  };
  for (const cand of candidates) {
    const seen = new Set<number>();
    let best: { outcome: Consent['outcome']; turns: PreparedTurn[] } | undefined;
    for (const t of cand.turns) {
      for (let i = Math.max(0, t - 3); i <= Math.min(flats.length - 1, t + 1); i++) {
        if (seen.has(i)) continue;
        seen.add(i);
        const c = cat(i);
        const f = flats[i];
        if (!c || !f || !isConsentTurn(c, cand.consentExpected)) continue;
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
        if (!best || rank(outcome) > rank(best.outcome)) best = { outcome, turns };
      }
    }
    if (best) {
      out.push({
        interventionId: cand.id,
        outcome: best.outcome,
        evidence: [evidenceOf(best.turns)],
      });
    }
  }
  return out;
}
