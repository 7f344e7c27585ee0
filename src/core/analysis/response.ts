import { evidenceOf, type AnalysisContext, type PreparedTurn } from './context.js';
import type { ClientResponse, Evidence, ResponseMarkerKind } from './schema.js';

/**
 * The client's response to an intervention: the client turns that follow each evidence turn
 * (the next few client turns, within the same stretch of the session) are read for engagement,
 * insight and change talk versus resistance and sustain talk. Only what the client said counts:
 * with no client turn to read, the response is `not_observed`.
 */

/** Client turns read after each evidence turn. */
const MAX_CLIENT_TURNS = 4;
/** Turns looked at after each evidence turn (any speaker). */
const MAX_TURNS_AHEAD = 8;
/** A silence longer than this (seconds) ends the stretch. */
const MAX_GAP_SECONDS = 150;
const MAX_MARKERS = 4;

/** Patterns run on lower-case text without apostrophes or punctuation ("dont", "thats"). */
const RESISTANCE = new RegExp(
  [
    String.raw`\b(i )?(just )?(dont|do not|cant|cannot) see (the|any) point\b`,
    String.raw`\bwhats the point\b`,
    String.raw`\b(that|it|this) (is )?not (gonna|going to) (work|help)\b`,
    String.raw`\b(that|it|this) (will|would|does|did) not (work|help)\b`,
    String.raw`\b(wont|wouldnt|doesnt|didnt|isnt gonna|is not going to|never) (really )?(work|help|helps|helped|worked)\b`,
    String.raw`\bi (really )?(dont|do not) (really )?(want|wanna|feel like) (to )?(do|try|talk|go|think|practice|write)\b`,
    String.raw`\bi (really )?(dont|do not) want to\b`,
    String.raw`\bim not (gonna|going to) (do|try)\b`,
    String.raw`\b(this|that|it) (is|was|seems|sounds|feels) (kind of |kinda |a bit |pretty |so )?(stupid|pointless|silly|ridiculous|useless|dumb|a waste)\b`,
    String.raw`\b(thats|its) (kind of |kinda |a bit |pretty |so )?(stupid|pointless|silly|ridiculous|useless|dumb)\b`,
    String.raw`\bwaste of time\b`,
    String.raw`\bnot for me\b`,
    String.raw`\bi (already )?tried (that|this|it) (already|before)\b`,
    String.raw`\bive (already )?tried (that|this|it|all that)\b`,
    String.raw`\bno way\b`,
    String.raw`\bid rather not\b`,
    String.raw`\bi dont (really )?(buy|believe) (that|it)\b`,
    String.raw`\b(i|you) (just )?dont (get|understand)( it)?$`,
    String.raw`\bi (cant|cannot|couldnt) do (that|this|it)\b`,
    String.raw`\bi dont think (that|it|this|thatll|itll)( will| would| is going to| is gonna)? (work|help|change)\b`,
    String.raw`\bi dont (have|see) (a|any) problem\b`,
    String.raw`\b(leave me alone|drop it|i dont want to talk about)\b`,
  ].join('|'),
);

const INSIGHT = new RegExp(
  [
    String.raw`\bi (guess |suppose |think )?(i )?(never|hadnt|havent|didnt) (really )?(thought|think|looked at it|see|saw|notice|noticed|realize|realise|realized|realised|connect|connected)\b`,
    String.raw`\bi (guess |suppose |think )?(i )?(just )?(realize|realise|realized|realised|notice|noticed|see now|get it now|understand now|can see (that|how|why|it))\b`,
    String.raw`\bthat makes (a lot of |some )?sense\b`,
    String.raw`\b(now that|when) i think about it\b`,
    String.raw`\b(i see|i get) (what you mean|the connection|the pattern|it)\b`,
    String.raw`\b(its|thats|there is|theres) (a |the )?(pattern|connection)\b`,
    String.raw`\bevery time i\b`,
    String.raw`\bits (kind of |almost )?like (i|when|im|my)\b`,
    String.raw`\bmaybe (its|thats) (because|why)\b`,
    String.raw`\b(thats|its) (true|a good point|interesting)\b`,
    String.raw`\bi didnt (line|put|link) (them|it|those|that) (up|together)\b`,
    String.raw`\b(oh|huh) (wow|yeah|okay)? ?(i|that|thats)\b`,
    String.raw`\bso (its|it is) (not|more|really) (about|that)\b`,
    String.raw`\bthe thought is(nt| not)? (a|the) fact\b`,
    String.raw`\bjust a thought\b`,
  ].join('|'),
);

const CHANGE_INTENT = new RegExp(
  [
    String.raw`(?<!\b(dont|not|never|wont|cant) (really )?)\bi (really |do |actually )?(want|wanna|need|have|would like|d like|id like) to\b`,
    String.raw`\bim (going|gonna|ready|willing|planning) (to )?\b(?<!\bnot (going|gonna|ready|willing|planning) (to )?)`,
    String.raw`\bi will\b|\bill (try|do|start|keep|stop|make|give|call|tell|practice|write|use|go|work)\b`,
    String.raw`\bi (can|could) (try|start|do that|do this|practice|use)\b`,
    String.raw`\bi (think )?i (can|could) do (that|this|it)\b`,
    String.raw`\bi (decided|have decided|promise|commit)\b`,
  ].join('|'),
);

const ENGAGEMENT = new RegExp(
  [
    String.raw`\b(okay|ok|alright|all right|sure|yeah|yes)?,? ?(lets|let us) (try|do|give)\b`,
    String.raw`\b(i|we) (did|tried|practiced|practised|wrote|used|filled|went|kept|tracked|finished|noticed|managed|read|logged|completed|made|rated|walked|called|started)\b`,
    String.raw`\bi can (try|do) (that|this|it)\b`,
    String.raw`\b(sure|okay|ok|yeah|yes|alright)( i| ill| we)? (can|could|will|ll) (try|do|give)\b`,
    String.raw`\b(worth a try|give it a (try|shot|go)|lets do it|im in|sounds good|i like that idea)\b`,
    String.raw`\b(a|about|maybe|like|its|probably|around) (\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b`,
    String.raw`\b(\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten) out of (ten|\d+|a hundred|hundred)\b`,
  ].join('|'),
);

const SENTENCE_SPLIT = /(?<=[.!?…])\s+/;

/** Lower case, no apostrophes, punctuation as spaces. */
function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]{0,40}\)|\[[^\]]{0,40}\]/g, ' ')
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface Candidate {
  turn: PreparedTurn;
  kind: ResponseMarkerKind;
  strength: number;
  /** The sentence of the turn that carries the marker (verbatim), when it can be told. */
  quote?: string;
}

/** The strongest response marker in one client turn, if any. */
export function classifyClientTurn(turn: PreparedTurn): Omit<Candidate, 'turn'> | undefined {
  const p = plain(turn.text);
  if (p === '') return undefined;
  const words = p.split(' ').length;
  const found = (re: RegExp): { quote?: string } | undefined => {
    if (!re.test(p)) return undefined;
    const sentences = turn.text.split(SENTENCE_SPLIT).filter((s) => s.trim() !== '');
    if (sentences.length <= 1) return {};
    const hit = sentences.find((s) => re.test(plain(s)));
    return hit ? { quote: hit.trim() } : {};
  };
  const resist = found(RESISTANCE);
  if (resist) return { kind: 'resistance', strength: 3, ...resist };
  const insight = found(INSIGHT);
  if (insight) return { kind: 'insight', strength: 3, ...insight };
  if (turn.talk === 'sustain') return { kind: 'sustain_talk', strength: 2 };
  const intent = found(CHANGE_INTENT);
  if (intent) return { kind: 'change_talk', strength: turn.talk === 'change' ? 3 : 2.5, ...intent };
  if (turn.talk === 'change') return { kind: 'change_talk', strength: 2 };
  const engage = found(ENGAGEMENT);
  if (engage) return { kind: 'engagement', strength: 2, ...engage };
  // A substantive answer (not a bare "yeah" / "mm-hmm") is engagement, weakly.
  if (words >= 8) return { kind: 'engagement', strength: 1 };
  return undefined;
}

/** Client turns following `from` (and `from` itself when it is the client's), same stretch. */
function followingClientTurns(ctx: AnalysisContext, from: PreparedTurn): PreparedTurn[] {
  const out: PreparedTurn[] = [];
  if (from.role === 'client') out.push(from);
  let prevEnd = from.end ?? from.start;
  for (let i = from.index + 1; i <= from.index + MAX_TURNS_AHEAD; i++) {
    const t = ctx.turns[i];
    if (!t) break;
    if (prevEnd !== null && t.start !== null && t.start - prevEnd > MAX_GAP_SECONDS) break;
    prevEnd = t.end ?? t.start ?? prevEnd;
    if (t.role !== 'client') continue;
    out.push(t);
    if (out.length >= MAX_CLIENT_TURNS) break;
  }
  return out;
}

export function describeResponse(
  ctx: AnalysisContext,
  evidence: readonly Evidence[],
): ClientResponse {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const ev of evidence) {
    const turns = ev.utteranceIds
      .map((id) => ctx.byId.get(id))
      .filter((t): t is PreparedTurn => t !== undefined);
    const last = turns.reduce<PreparedTurn | undefined>(
      (a, t) => (!a || t.index > a.index ? t : a),
      undefined,
    );
    if (!last) continue;
    for (const t of followingClientTurns(ctx, last)) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      const c = classifyClientTurn(t);
      if (c) candidates.push({ turn: t, ...c });
    }
  }
  if (candidates.length === 0) return { summary: 'not_observed', markers: [] };
  const positive = candidates.filter(
    (c) => c.kind === 'engagement' || c.kind === 'insight' || c.kind === 'change_talk',
  ).length;
  const negative = candidates.length - positive;
  const markers = [...candidates]
    .sort((a, b) => b.strength - a.strength || a.turn.index - b.turn.index)
    .slice(0, MAX_MARKERS)
    .map((c) => ({ kind: c.kind, evidence: evidenceOf([c.turn], c.quote) }));
  return { summary: summarize(positive, negative), markers };
}

function summarize(positive: number, negative: number): ClientResponse['summary'] {
  if (positive === 0 && negative === 0) return 'not_observed';
  if (negative === 0) return 'engaged';
  if (positive === 0) return 'resistant';
  if (positive >= 2 * negative) return 'engaged';
  if (negative >= 2 * positive) return 'resistant';
  return 'mixed';
}
