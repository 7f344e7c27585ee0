import type { NotDeliveredReason } from '../schema.js';
import { sentenceAt, sentenceSpan, type FlatTurn } from './text.js';

/**
 * Whether a cue's mention delivers the intervention or only talks about it: negated, planned
 * for later, declined, done in the past, or hypothetical. Decided from the cue's sentence and
 * the next one (the cue's own words masked), the next clinician turn (deferral: "not today,
 * next session"), and the client's answer when the clinician offered it.
 */

const PLANNED =
  /(?<![a-z])(next (session|appointment|time we meet)|next time,? (and )?(we|we'?ll|we will|i'?ll|i will|let'?s|i'?d like)|(properly|first thing|together) next time|next week (we'?ll|we will|we can|we could|let'?s|i'?d like|we might)|(next|another) (week|session|time)(,)? (when|once|after) [a-z' ]{0,30}?(we'?ll|we will|i'?d like|let'?s|we can)|(use|bring|need) (that|it|this|them|those) (next (week|session|time)) (when|once|as) we|(in|over) (a|the next) (couple|few) (of )?(weeks|sessions|months)|down the road|at some point|later (on )?in (treatment|therapy|the course)|later on(?! (tonight|today|this (evening|afternoon|morning|week)|when|if))|(its|their) own session|(another|a future|a later|the next) session|eventually|in the future|(plan|planning|set) (it|that|this) up (properly|next)|plan (it|that|this) properly|we'?ll (get to|come back to|start|bring out|work on|look at|try|do) (that|it|this|those|some)?.{0,30}(later|next|another time|soon|in a)|(haven'?t|have not) done yet|(when|once) (you'?re|you are) (ready|feeling stronger)(,)? (we|we'?ll|we can)|(when|once) (you'?re|youre|you are|things are|the \w+ (is|are)) \w+( \w+)? (we|we'?ll|we can|we could)\b|(before|once) we (start|begin|try) (that|it|this)|in the longer run|down the (line|road|track)|another time|some other time|at a later (date|stage|point)|(a|the) (later|next|future) (stage|phase|step) (of|in) (treatment|therapy|the work)|(when|once) we get (there|to (it|that))|(we|i) (might|may|could) (\w+ ){0,4}(later|another time|down the line|in a (few|couple))|we (might|may|could) (build|make|draw up|put together|set up|work up|come back to)|(i'?ll|we'?ll|i will|we will) (also )?(ask|get|have) you (to )?.{0,60}(later|in a (few|couple)|when we get)|(not|isn'?t) for (today|now|this session)|next (module|unit|topic|block|stage|phase)|(in|over) (two|three|four|a couple of|a few|\d+) (weeks|sessions|months)(?! ago)|we'?ll (start|begin) (it|that|this|on (it|that|this)))/;

const NEGATED =
  /(?<![a-z])((let'?s|lets|we can|we'?ll|i'?ll) (leave|park|put|set|drop) (the |that |it |this |those |these )?(\w+ ){0,3}(aside|for now|to one side|on hold|for today)|not today|not (right )?now|not (going|gonna) to (do|use|try|start)|we (won'?t|will not|aren'?t going to|are not going to|don'?t need to|do not need to|don'?t have to|shouldn'?t) (do|use|try|start)?|no need (to|for)|(instead of|rather than) (doing|using|trying)|(isn'?t|is not|not) (a|an)? ?(good )?(fit|option|right) for|not (a|the) (perfect|real)|not (doing|using) (that|it|this)|(it'?s|that'?s|this is|is|was) not (what|something) we'?re (doing|going to do|using)|(isn'?t|is not|wasn'?t) (what|something) we'?re (doing|going to do|using))/;

const PAST =
  /(?<![a-z])(used to|years ago|(months|weeks|sessions) ago|a (while|long time) ago|(?<!help(ed|s)?( you)?( \w+){0,2} )in the past|back (when|then|in (high school|college|the day))|(your|my|her|his|the) (previous|former|old|last|other|first) (therapist|counsel+or|clinician|psychologist|psychiatrist|doctor|program|treatment)|last time we (did|tried)|(tried|did|had|done) (it|that|this|some|a bit|a little)? ?(of )?(\w+ ){0,4}(before|previously)(?! (we|you|i) )|when (you|i) (were|was) (in|at) (the )?(hospital|rehab|inpatient|residential|program))/;

const HYPOTHETICAL =
  /(?<![a-z])((is|it'?s|its) (a|an) (good|great|effective|well[- ]studied|evidence[- ]based|really good|solid|proven) (treatment|therapy|approach|option|method)|works? (quickly|well|fast) for (some|many|a lot of) (people|clients|folks)|what we'?re doing (here )?is (also|different|a different|another)|(there'?s|theres) a (way|method|tool|technique) (of|for) \w+( \w+){0,6} (it'?s|its|that'?s|thats) called|if you ever|some (people|clients|folks) (find|like|use|try|do|say)|(one|another) option (is|would be|could be)|there'?s (a|an|this) (technique|approach|therapy|treatment|thing|exercise) called|(other|different) (approaches|treatments|options|therapies) (like|such as|include)|have you (ever )?heard of|might be a (whole )?(separate|different)|we (could|can|might) (consider|think about|look into)|(some|other|many) (people|therapists|clinicians|services|clinics) (would|might|could) (use|do|try|offer|suggest|recommend)|(could|might) be (worth|an option)|in theory|(a few|some|several|other|different|two|three) (options|treatments|approaches|choices)(,)? (including|like|such as|for example)|(look at|consider|try) (other|different) (options|treatments|approaches)|(is|was|it'?s|that'?s) (a|an) (different|separate|other) (kind of )?(treatment|therapy|approach|technique|method)|the other (option|choice|approach|treatment) (was|is|would be|we talked about)|(some|other) (people|clients|therapists|clinicians|services) (do|use|offer|have|get)\b|we (went|decided to go|chose to go) with (this|the other|a different)|(my|her|his|a|their) (cousin|friend|sister|brother|mum|mom|mother|dad|father|aunt|uncle|colleague|coworker|neighbou?r|partner|husband|wife) (did|had|does|tried|went to|was doing|got)\b|(is that|should we be|are we) (what we'?re|doing|going to do))/;

/** The clinician proposing something now, so the client's answer can accept or decline it. */
export const OFFER =
  /(?<![a-z])((your|the) choice (whether|if)|up to you (whether|if)|whether we do (it|this|that)|would you (like|be (willing|up for|open|interested|okay))|are you (willing|up for|open to|okay (with|to)|ready to)|do you want to|shall we|how about (we|trying|doing)|what if we|could we (try|do|practice|practise)|can we (try|do)|i'?d like (us )?to (try|do|practice|practise|start)|one way we could|what do you think|how would you feel about|is that (still )?(okay|ok|alright|all right)|are you okay with|does that (still )?sound (okay|ok|alright|all right|good)|if you'?re (okay|up for it|willing)|(want|like) to (try|give it a)|up for (it|trying))/;

/** The client turning an offer down. Tested on the start of the answer. */
export const DECLINE =
  /^(((um|uh|erm|well|honestly|hmm|oh|i mean|yeah|sorry|actually|pause|long pause|laughs|sighs|to be honest) )*(no(?! problem| worries| that'?s)|nope|nah|not (today|now|yet|right now|this time|ready)|i'?d rather (not|we didn'?t|wait)|i (really )?don'?t (want|think i (can|could|want|m ready))|i'?m not (ready|sure i (can|want)|comfortable|up for)|i can'?t|maybe (later|next (time|week)|another (time|day))|i'?d prefer (not|to wait)|can we not|i'?ll pass|not for me))|(?<![a-z])(not today|i'?d rather not|i'?m not ready)/;

export const AGREE =
  /^(((um|uh|erm|well|oh|i mean|okay|ok|pause|long pause|laughs|sighs) )*(yes|yeah|yep|yup|ok(ay)?|sure|let'?s (do it|try|go)|i (want|'?d like|will|'?ll) (to )?(do|try|give)|i'?m (ready|in|up for it|willing)|sounds (good|okay|ok)|alright|all right|i can do that|i think so|fine|definitely|absolutely))/;

/** Deferral at the start of the clinician's next turn ("On purpose. Not today though."). */
const DEFERRAL =
  /(?<![a-z])(not today|not (right )?now|(next|another|a future) session|later on|some other time|(do|try|teach|practi[cs]e|start|learn|cover) (that|it|this|them)( \w+){0,3} next time)/;

/** A short deferring sentence right after the cue's sentence ("…a ladder. Not today though."). */
const DEFERRAL_HEAD =
  /^((but|and|though|just|so|okay|ok|well) )*(not (today|now|yet|right now|this (session|week|time))|another (time|day|session)|some other time|later|we'?ll (do|build|get to|come to|talk about) (that|it|this) (later|another|next|when))\b/;

export type MentionContext = 'delivering' | NotDeliveredReason;

/**
 * A later sentence of the same turn that puts "it" off to a named later session ("That takes
 * time, so I'd like us to plan it next session"): the cue's sentence describes the technique,
 * this one defers it.
 */
const ANAPHORIC_DEFERRAL =
  /(?<![a-z])((plan|set up|setting up|do|try|start|save|leave|keep|build|practi[cs]e|tackle|look at|work on|get to|come back to|pick up) (it|that|this|them|those)( \w+){0,3}? (for |until |till |in )?(the )?(next (session|week|time|appointment)|another (session|time|day)|a (future|later) session)|rather than (squeeze|squeezing|rush|rushing|cram|cramming) (it|that|this))/;

/** Someone who treated the client before, or a past treatment setting. */
const PREVIOUS_PROVIDER =
  /(?<![a-z])((my|your|her|his|their|the) (previous|former|old|last|other|first|old school) (therapist|counsel+or|clinician|psychologist|psychiatrist|doctor|program|programme|treatment|therapy|group)|when (i|you|she|he) (was|were) (in|at) (the )?(hospital|rehab|inpatient|residential|program|programme|day program)|(the|my|a) (therapist|counsel+or|psychologist) (i|you) (saw|had|used to see)|(before|back) (i|you) (came|started) here)/;

/** Narration in the past tense: what was done then. */
const PAST_NARRATION =
  /(?<![a-z])(we|she|he|they|i) (did|had|used|tried|learned|learnt|practi[cs]ed|went through|talked about|worked on)\b|(she|he|they) (taught|showed|gave|had) (me|us)\b|(taught|showed) (me|us)\b/;

/**
 * The clearest non-delivering contexts: a named later session, a previous therapist or
 * programme, an offer turned down, a technique introduced by name as something that exists.
 * A mention in such a context counts even from an implicit cue, when that cue is specific.
 */
const CLEAR_CONTEXT =
  /(?<![a-z])(next (session|appointment|week|time)|another (session|time|day)|a (future|later) session|(previous|former|old|last|other) (therapist|counsel+or|clinician|psychologist|psychiatrist|program|programme|treatment|therapy)|years ago|(months|weeks) ago|there'?s (a|an|this) (technique|approach|therapy|treatment|exercise|skill) called|have you (ever )?heard of)/;

/**
 * The client reporting their own use of a skill outside this session ("the cold water thing
 * works", "I did the breathing from group"). It is a passing mention unless the clinician
 * delivers the skill in the session as well.
 */
const SELF_USE =
  /(?<![a-z])((thing|trick|skill|one|that|it|stuff) (really )?(works|worked|helps|helped|does it|did it)|from (group|skills group|the group|class|my (old|last|previous) therapist)|i (did|used|tried|do|use) (the|my|that)|i'?ve been (using|doing|trying)|(it|that) (kind of |sort of )?(worked|helped)( a (little|bit|lot))?)/;

function maskedWindow(flat: FlatTurn, start: number, end: number): string {
  const s = sentenceAt(flat, start);
  const span = sentenceSpan(flat, s, s + 1);
  const lo = Math.max(span.start, start - 110);
  const hi = Math.min(span.end, end + 110);
  return `${flat.text.slice(lo, start)} _ ${flat.text.slice(end, hi)}`;
}

/** Any marker at all in the turn: most turns have none, so the windowed checks are skipped. */
const ANY_MARKER = new RegExp(
  [NEGATED, PLANNED, PAST, HYPOTHETICAL].map((r) => `(?:${r.source})`).join('|'),
);

export type MentionClassifier = (flat: FlatTurn, start: number, end: number) => MentionContext;

/**
 * A classifier for the cue occurrences of one session (character span start..end in a turn),
 * caching the per-turn checks (offer declined, deferral in the next turn, any marker present).
 */
export function mentionClassifier(flats: readonly FlatTurn[]): MentionClassifier {
  const turnInfo = new Map<
    number,
    { declined: boolean; deferred: boolean; marker: boolean; provider: boolean }
  >();
  const info = (
    flat: FlatTurn,
  ): { declined: boolean; deferred: boolean; marker: boolean; provider: boolean } => {
    const i = flat.turn.index;
    let x = turnInfo.get(i);
    if (!x) {
      const clin = flat.turn.role === 'clinician';
      x = {
        declined: clin && declinedAfter(flats, i),
        deferred: clin && deferredNext(flats, i),
        marker: ANY_MARKER.test(flat.text),
        provider: PREVIOUS_PROVIDER.test(flat.text),
      };
      turnInfo.set(i, x);
    }
    return x;
  };
  return (flat, start, end) => {
    const x = info(flat);
    if (x.declined) return 'declined';
    if (x.marker) {
      const window = maskedWindow(flat, start, end);
      if (PLANNED.test(window)) return 'planned';
      if (NEGATED.test(window)) return 'negated';
      if (PAST.test(window)) return 'past';
      if (HYPOTHETICAL.test(window)) return 'hypothetical';
    }
    if (deferredAfter(flat, start)) return 'planned';
    if (x.deferred) return 'planned';
    if (x.provider && pastFrame(flat, start, end)) return 'past';
    return 'delivering';
  };
}

/**
 * Whether a non-delivering mention's context is one of the clearest kinds (see CLEAR_CONTEXT):
 * declined offers, a named later session, a previous therapist. Looks at the cue's sentence,
 * the next two and the two before, in the same turn.
 */
export function isClearContext(
  flats: readonly FlatTurn[],
  flat: FlatTurn,
  start: number,
  reason: NotDeliveredReason,
): boolean {
  if (reason === 'declined') return true;
  if (reason === 'negated') return false;
  const s = sentenceAt(flat, start);
  const span = sentenceSpan(flat, s - 2, s + 2);
  const lo = Math.max(span.start, start - 240);
  const hi = Math.min(span.end, start + 240);
  if (CLEAR_CONTEXT.test(flat.text.slice(lo, hi))) return true;
  // "Not today, next session" at the start of the clinician's next turn.
  return (
    reason === 'planned' && flat.turn.role === 'clinician' && deferredNext(flats, flat.turn.index)
  );
}

/**
 * The client reporting their own use of the skill named by the cue (its sentence and the
 * next, or 80 characters around it in unpunctuated text).
 */
export function isSelfReport(flat: FlatTurn, start: number, end: number): boolean {
  if (flat.turn.role !== 'client') return false;
  return SELF_USE.test(maskedWindow(flat, start, end).slice(0, 400));
}

/**
 * A story about earlier treatment: a previous therapist or programme in one of the four
 * (short) sentences before (or the 240 characters before, in unpunctuated text) and the cue's own
 * sentence told in the past tense ("My last therapist… We did that thing where you say…").
 */
function pastFrame(flat: FlatTurn, start: number, end: number): boolean {
  const s = sentenceAt(flat, start);
  const own = sentenceSpan(flat, s, s);
  const before = sentenceSpan(flat, s - 4, s);
  const frame = flat.text.slice(Math.max(before.start, start - 240), start);
  if (!PREVIOUS_PROVIDER.test(frame)) return false;
  const near = flat.text.slice(Math.max(own.start, start - 80), Math.min(own.end, end + 40));
  return PAST_NARRATION.test(near);
}

/** The clinician offered something in turn i and the client's next answer turned it down. */
export function declinedAfter(flats: readonly FlatTurn[], i: number): boolean {
  const offer = flats[i];
  if (!offer || !OFFER.test(offer.text)) return false;
  const answer = nextClientTurn(flats, i);
  return answer !== undefined && DECLINE.test(answer.text.slice(0, 160));
}

export function nextClientTurn(flats: readonly FlatTurn[], i: number): FlatTurn | undefined {
  for (let j = i + 1; j < Math.min(flats.length, i + 3); j++) {
    const f = flats[j];
    if (!f) continue;
    if (f.turn.role === 'clinician') return undefined;
    if (f.text !== '') return f;
  }
  return undefined;
}

function deferredNext(flats: readonly FlatTurn[], i: number): boolean {
  for (let j = i + 1; j < Math.min(flats.length, i + 3); j++) {
    const f = flats[j];
    if (f?.turn.role !== 'clinician') continue;
    const head = f.text.slice(0, f.sentenceStarts[2] ?? f.text.length);
    return DEFERRAL.test(head);
  }
  return false;
}

/** One of the two sentences after the cue's sentence starts by deferring it. */
function deferredAfter(flat: FlatTurn, start: number): boolean {
  const s = sentenceAt(flat, start);
  for (let k = s + 1; k <= s + 2; k++) {
    const from = flat.sentenceStarts[k];
    if (from === undefined) return false;
    if (DEFERRAL_HEAD.test(flat.text.slice(from, from + 60))) return true;
    const to = flat.sentenceStarts[k + 1] ?? flat.text.length;
    if (ANAPHORIC_DEFERRAL.test(flat.text.slice(from, Math.min(to, from + 200)))) return true;
  }
  return false;
}
