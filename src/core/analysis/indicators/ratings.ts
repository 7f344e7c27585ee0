import { evidenceOf, type AnalysisContext, type PreparedTurn } from '../context.js';
import type { Evidence, Indicator } from '../schema.js';
import { collapseRanges, findNumbers, tokenize, type NumberMention } from '../../text/numbers.js';
import { sentenceAt, splitSentences } from '../../text/sentences.js';
import { isClientSide, isUnitWord, minutesBetween, previousClinician, WEEKDAY } from './common.js';
import { exerciseOf } from './exercises.js';
import {
  findScale,
  hasScaleWord,
  isAnxietyScale,
  isDistressScale,
  isExposureTalk,
  ratingPrompt,
  type RatingPrompt,
} from './scales.js';

/**
 * SUDS and other self-ratings. A rating is read from:
 * - a client answer to a clinician prompt that asks for a number ("zero to ten", "what's the
 *   number", "how much do you believe it"); the prompt names the scale;
 * - a client statement that names the scale next to the number ("I put anxiety at eighty-five");
 * - a bare number said while a rating series is running (exposure: "Number?" → "Sixty-five.");
 * - explicit changes in either speaker's words: "from X to Y", "X, down from Y", "X instead of Y",
 *   "X before … Y after", "after that it was Y".
 * Ratings on the same scale form a series: first → last, with the peak for SUDS.
 */

type Qualifier = 'now' | 'before' | 'after' | 'previous' | null;

interface Obs {
  turns: PreparedTurn[];
  answer: PreparedTurn;
  value: number;
  scale: string;
  scaleMax?: number;
  percent: boolean;
  qual: Qualifier;
  consumed: boolean;
  /** Who gave the rating (speaker label) and in which exercise segment. */
  speaker: string;
  segment: number;
  /** Asked again after work on it ("how much do you believe it now?", "rate the shame now"). */
  rerate: boolean;
  /** A belief rated for a newly named thought (a fresh baseline, not a re-rating). */
  fresh: boolean;
}

/** A prompt or answer that re-rates something rated earlier. */
const RERATE =
  /\b(?:now|still|again|any ?more|original|re-?rat\w*|at this point|worst|peak|highest|these days|after (?:that|all that|this|doing|the|we|you))\b/;
/** A baseline asked before a task: "right now, zero to a hundred, before we start?". */
const BASELINE =
  /\bbefore we (?:start|begin|go in|do (?:it|this|the))\b|\b(?:right now|at the moment|sitting here)\b.{0,30}\b(?:zero|0|one|1) (?:to|through) (?:ten|10|five|5|a hundred|one hundred|100)\b|\b(?:zero|0|one|1) (?:to|through) (?:ten|10|five|5|a hundred|one hundred|100)\b.{0,30}\b(?:right now|at the moment|sitting here)\b/;
/** Minutes over which a re-rating still closes an earlier rating of the same scale. */
const RERATE_WINDOW = 25;

interface Pair {
  scale: string;
  from: number;
  to: number;
  turns: PreparedTurn[];
  scaleMax?: number;
  context?: string;
  percent: boolean;
  speaker: string;
}

/** Minutes a rating series stays open for bare numbers. */
const SERIES_WINDOW = 6;
/** Minutes between two ratings of one series. */
const RUN_GAP = 8;

const FILLER = new Set([
  'um',
  'uh',
  'like',
  'maybe',
  'about',
  'around',
  'probably',
  'okay',
  'ok',
  'so',
  'oh',
  'yeah',
  'yes',
  'hmm',
  'mm',
  'honestly',
  'i',
  'think',
  'guess',
  'say',
  "i'd",
  'now',
  'still',
  'and',
  'a',
  'an',
  'it',
  "it's",
  'was',
  'is',
  'solid',
  'right',
  'well',
  'the',
  'number',
  'at',
  'peak',
]);

const ONLY_FILLERS = new RegExp(
  `^[^a-z0-9]*(?:(?:${[...FILLER].join('|')})(?![a-z0-9'])[^a-z0-9]*)*$`,
);

/** A ruler follow-up asking about other numbers than the one rated. */
const HYPOTHETICAL_Q =
  /\bwhat would (?:it )?(?:take|need to happen|have to happen|make it|help you|get you)\b|\bwhat (?:makes|made) (?:it|you) (?:a |an )?\w+(?:-\w+)? (?:and|rather|instead)\b|\b(?:and|but) not (?:say |like )?(?:a |an )?(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b|\brather than (?:a |an )?(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b|\b(?:get|go|move) (?:you )?(?:up |down )?(?:from (?:a |an )?\w+ )?to (?:a |an )?(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b.{0,20}\?|\bhigher\b.{0,30}\?/;
/** A conditional answer: "if …, then it's a nine". */
const CONDITIONAL_ANSWER = /\bif\b|\bwould\b|\bcould\b|\bmight\b|\bthen it'?s\b/;

/** Only hedges between two numbers: the second corrects the first. */
const SELF_CORRECTION =
  /^[^a-z0-9]*(?:(?:maybe|or|no|actually|probably|more like|like|say|i'd say|perhaps|well|um|uh|percent)[^a-z0-9]*)+$/;

const PAIR_CUE =
  /\bfrom\b|\binstead of\b|\bbefore\b|\bafter|\b(?:started|began) (?:at|out at|off at)\b/;
/** A clinician asking for a number without naming the scale. */
const NUMBER_ASK =
  /\bnumber\b|\b(?:zero|0|one|1) (?:to|through|-) (?:ten|10|a hundred|one hundred|100)\b|\bwhere are you\b/;
/** "I started at sixty and by the end I was at thirty". */
const STARTED_AT = /\b(?:started|began) (?:at|out at|off at)\s*$/;
const ENDED_AT =
  /\b(?:by the end|at the end|ended (?:up )?(?:at|on)|finished (?:at|on)|came down to|went down to|down to|dropped to|after)\b/;
const PROMPT_HINT =
  /\bnumber|\brat(?:e|ing)\b|\bscale\b|\bpercent\b|\bout of\b|\bzero\b|\bhow (?:much|true|strong)\b|\bpeak\b|\bwhere(?:'s| is)\b/;

const PRONOUN_ONE_BEFORE =
  /^(?:first|last|next|other|this|that|the|each|every|which|any|no|another|second|third|big|small|little|new|old|original|same|right|wrong|only|good|bad|hard|easy|worst|best)$/;
/** Words that may follow a bare "one" said as a score ("one, maybe two", "a one now"). */
const AFTER_ONE_SCORE = new Set([
  ...FILLER,
  'percent',
  'but',
  'before',
  'after',
  'when',
  'because',
  'since',
  'on',
  'in',
  'or',
  'then',
  'too',
  'again',
  'really',
  'actually',
  'though',
  'max',
  'tops',
  'point',
  'out',
  'today',
  'tonight',
  'this',
  'that',
  'at',
  'for',
  'by',
  'which',
  'if',
]);
/** "one wash", "one more", "one of them": "one" is followed, without a pause, by another word. */
function oneBeforeNoun(m: NumberMention, norm: string): boolean {
  const next = m.next;
  if (!next || !/^[a-z]+$/.test(next) || AFTER_ONE_SCORE.has(next)) return false;
  return norm.slice(m.end, m.end + next.length + 1) === ` ${next}`;
}
const TIME_PREP = new Set(['at', 'until', 'till', 'by', 'around', 'after', 'before', 'since']);
const NOT_RATING_PREV = new Set([
  'than',
  'floor',
  'floors',
  'step',
  'slide',
  'page',
  'item',
  'question',
  'room',
  'chapter',
  'grade',
  'channel',
  'route',
  'bus',
  'number',
  'age',
  'aged',
  'turning',
  'turned',
  'turn',
  'turns',
  'gate',
  'platform',
  'exit',
  'apartment',
]);

function isCandidate(m: NumberMention, prevToken: string | undefined, norm: string): boolean {
  if (m.timeOfDay || m.countWord || m.approximate) return false;
  if (m.value < 0 || m.value > 100) return false;
  if (isUnitWord(m.next)) return false;
  if (prevToken && NOT_RATING_PREV.has(prevToken)) return false;
  if (prevToken && WEEKDAY.test(prevToken)) return false;
  // "it's not ninety-five" denies a number; "the first one", "that one" is a pronoun.
  if (prevToken === 'not') return false;
  if (m.value === 1 && prevToken && PRONOUN_ONE_BEFORE.test(prevToken)) return false;
  // "one more rating", "one of those", "one wash": a determiner before a noun, not a score.
  if (m.value === 1 && oneBeforeNoun(m, norm)) return false;
  return true;
}

/** A time of day said with a preposition ("till two", "by eleven"). */
function looksLikeClockTime(m: NumberMention): boolean {
  return !m.article && m.value <= 12 && m.prev !== undefined && TIME_PREP.has(m.prev);
}

/**
 * Not a rating of the thing asked about: a share of oneself or of something ("fifteen percent of
 * my brain still says…", "ninety percent of the time"), or a count of things ("three thought
 * records").
 */
function proportionOrCount(m: NumberMention, norm: string): boolean {
  const after = norm.slice(m.end, m.end + 40);
  if (/^\s*(?:percent|%)?\s*of (?:my|me|the|him|her|us|them|our|your|his|their|it)\b/.test(after))
    return true;
  const two = /^ ([a-z']+) ([a-z']+)\b/.exec(after);
  if (two?.[1] && two[2] && !FILLER.has(two[1]) && !NOT_COUNT_FIRST.has(two[1]))
    return two[2].endsWith('s') && isUnitWord(two[2]);
  return false;
}
const NOT_COUNT_FIRST = new Set([
  'percent',
  'out',
  'of',
  'or',
  'but',
  'then',
  'again',
  'today',
  'tops',
  'max',
  'before',
  'after',
  'when',
  'because',
  'since',
  'if',
  'on',
  'in',
  'for',
]);

/** "ninety at like two in the morning": a number for another moment, not a correction. */
const AT_MOMENT =
  /^\s*at (?:like |about |around )?(?:\w+ )?(?:night|midnight|in the (?:morning|night|evening|afternoon))\b/;
function atAnotherMoment(m: NumberMention, ms: readonly NumberMention[], norm: string): boolean {
  if (AT_MOMENT.test(norm.slice(m.end, m.end + 40))) return true;
  const next = ms.find((x) => x.start >= m.end);
  return (
    next?.timeOfDay === true &&
    /^\s*at (?:like |about |around )?$/.test(norm.slice(m.end, next.start))
  );
}

/** Said like a rating: "a four", "like seventy", "ninety percent", "six out of ten", or first. */
function ratingForm(m: NumberMention, norm: string): boolean {
  if (m.article || m.percent || m.outOf !== undefined) return true;
  if (m.prev === 'like' || m.prev === 'maybe' || m.prev === 'about' || m.prev === 'probably')
    return true;
  // "last week I said four", "I put six".
  if (m.prev === 'said' || m.prev === 'put') return true;
  return ONLY_FILLERS.test(norm.slice(0, m.start));
}

function qualifier(norm: string, m: NumberMention, sentence: string, sStart: number): Qualifier {
  const local = m.start - sStart;
  const pre = sentence.slice(Math.max(0, local - 40), local);
  const post = sentence.slice(local + (m.end - m.start), local + (m.end - m.start) + 14);
  if (
    /\blast (?:week|time|session|month|visit)\b|\b(?:weeks?|months?) ago\b|\bused to be\b/.test(pre)
  )
    return 'previous';
  // "I said four last week".
  if (/^\W*(?:last (?:week|time|session)|(?:a |two )?weeks? ago)\b/.test(post)) return 'previous';
  if (/\bafter(?:wards?)?\b[^.]{0,25}$/.test(pre) || /^\W*after\b/.test(post)) return 'after';
  if (
    /\b(?:when i (?:walked|came|got) in|at (?:the )?(?:start|first|beginning)|to (?:start|begin) with|this morning|earlier|(?:started|began) (?:at|out at|off at))\b[^.]{0,25}$/.test(
      pre,
    )
  )
    return 'before';
  if (/\bbefore\b[^.]{0,25}$/.test(pre) || /^\W*before\b/.test(post)) return 'before';
  if (
    /\b(?:right now|now|at the moment|sitting here)\b/.test(pre + post) &&
    !/\bby now\b/.test(norm)
  )
    return 'now';
  return null;
}

export function extractRatings(ctx: AnalysisContext): Indicator[] {
  const { turns } = ctx;
  const obs: Obs[] = [];
  const pairs: Pair[] = [];
  let est: { scale: string; turn: PreparedTurn; scaleMax?: number; speaker?: string } | undefined;
  const maxByScale = new Map<string, number>();
  const prompts = new Map<number, RatingPrompt>();
  const specificUrge = { scale: '' };
  // Segment per turn (new exercise), and whether several client-side people rate (couples, families).
  let segment = 0;
  let exercise: string | undefined;
  const segmentOf: number[] = [];
  const raters = new Set<string>();
  for (const t of turns) {
    const ex = t.role === 'clinician' ? exerciseOf(t.norm) : undefined;
    if (ex !== undefined && ex !== exercise) {
      if (exercise !== undefined) segment++;
      exercise = ex;
    }
    segmentOf.push(segment);
    if (isClientSide(t)) raters.add(t.speaker);
  }
  const multiRater = raters.size >= 2;
  // Exposure language per turn, for ratings asked without a scale word.
  const exposurePrefix: number[] = [0];
  for (const t of turns)
    exposurePrefix.push((exposurePrefix.at(-1) ?? 0) + (isExposureTalk(t.norm) ? 1 : 0));
  const exposureNear = (i: number): boolean => {
    const lo = Math.max(0, i - 30);
    const hi = Math.min(turns.length, i + 30);
    return (exposurePrefix[hi] ?? 0) - (exposurePrefix[lo] ?? 0) > 0;
  };
  /**
   * The scale of a change said without one ("it went from a three to a one"): named in the last
   * few turns ("what did you do with the urge?"), or SUDS during exposure work.
   */
  const contextScale = (i: number): string | undefined => {
    const t = turns[i];
    if (!t) return undefined;
    for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
      const p = turns[k];
      if (!p || minutesBetween(p, t) > 3) break;
      const hit = findScale(p.norm);
      if (hit) return resolveUrge(hit.scale);
    }
    return exposureNear(i) ? 'distress' : undefined;
  };

  const resolveUrge = (scale: string): string => {
    if (scale === 'urge' && specificUrge.scale !== '') return specificUrge.scale;
    if (scale.endsWith(' urge') || scale === 'urge to use') specificUrge.scale = scale;
    return scale;
  };

  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    if (!t) continue;
    const norm = t.norm;
    if (
      !/\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/.test(
        norm,
      )
    )
      continue;
    // Cheap exits: a turn that can hold neither an explicit change nor a rating.
    const pairCue = PAIR_CUE.test(norm);
    if (!isClientSide(t) && !pairCue) continue;
    if (isClientSide(t) && !pairCue) {
      const q0 = previousClinician(turns, i, 1);
      const fresh = est !== undefined && minutesBetween(est.turn, t) <= SERIES_WINDOW;
      if (!fresh && !q0 && !hasScaleWord(norm)) continue;
      if (
        !fresh &&
        q0 &&
        !hasScaleWord(norm) &&
        !hasScaleWord(q0.norm) &&
        !PROMPT_HINT.test(q0.norm)
      )
        continue;
    }
    const sentences = splitSentences(norm);
    const mentions = collapseRanges(norm, findNumbers(norm));
    if (mentions.length === 0) continue;
    const tokens = tokenize(norm);

    const estFresh = est && minutesBetween(est.turn, t) <= SERIES_WINDOW ? est : undefined;
    // A later check-in without a scale word ("where are you now, zero to ten?") re-rates the
    // scale last rated, even after a longer stretch of work.
    const estRecent = est && minutesBetween(est.turn, t) <= RERATE_WINDOW ? est : undefined;

    const q = isClientSide(t) ? previousClinician(turns, i, 1) : undefined;
    let prompt: RatingPrompt | undefined;
    if (q) {
      prompt = prompts.get(q.index) ?? ratingPrompt(q.norm);
      prompts.set(q.index, prompt);
    }
    // A number asked for on a range or as "your number" during exposure work is SUDS.
    const promptScale = prompt?.scale
      ? resolveUrge(prompt.scale)
      : prompt?.spec && q && NUMBER_ASK.test(q.norm) && !estRecent && exposureNear(i)
        ? 'distress'
        : undefined;
    // "What's your number?" / "where are you now?" re-asks the scale last rated.
    const carried =
      q && (RERATE.test(q.norm) || (prompt?.spec && NUMBER_ASK.test(q.norm)))
        ? estRecent?.scale
        : undefined;
    // A ruler follow-up ("what would it take to get from a seven to a nine?", "why a seven and
    // not a four?") names numbers that were not rated; so does a conditional answer to it ("if
    // the next test is bad, then it's a nine").
    const hypothetical = !isClientSide(t) && HYPOTHETICAL_Q.test(norm);
    const answersHypothetical =
      q !== undefined && HYPOTHETICAL_Q.test(q.norm) && CONDITIONAL_ANSWER.test(norm);
    if (answersHypothetical) continue;
    // Explicit changes, either speaker.
    for (const p of hypothetical
      ? []
      : explicitPairs(
          norm,
          mentions,
          tokens.map((x) => x.text),
        )) {
      const s = sentenceAt(sentences, p.at);
      const hit = s ? findScale(s.text, p.at - s.start) : undefined;
      const scale = hit
        ? resolveUrge(hit.scale)
        : (promptScale ?? estFresh?.scale ?? (isClientSide(t) ? contextScale(i) : undefined));
      if (!scale) continue;
      // "If the thermometer goes from zero to ten": the scale itself, not a change.
      if (p.from === 0 && (p.to === 10 || p.to === 100 || p.to === 5)) continue;
      pairs.push({
        scale,
        from: p.from,
        to: p.to,
        turns: q && promptScale === scale ? [q, t] : [t],
        percent: p.percent,
        // A clinician restating the client's numbers speaks for that rater.
        speaker: isClientSide(t) ? t.speaker : (estFresh?.speaker ?? t.speaker),
        ...(p.context ? { context: p.context } : {}),
        ...(estFresh?.scale === scale && estFresh.scaleMax !== undefined
          ? { scaleMax: estFresh.scaleMax }
          : {}),
      });
    }
    if (!isClientSide(t)) continue;

    const seen = new Set<number>();
    let lastEnd = -1;
    for (const m of mentions) {
      // The word before the number, past its article ("more ready than a six").
      const prevTok = tokens[m.article ? m.tokenStart - 2 : m.tokenStart - 1]?.text;
      if (!isCandidate(m, prevTok, norm)) continue;
      if (proportionOrCount(m, norm) || atAnotherMoment(m, mentions, norm)) continue;
      const s = sentenceAt(sentences, m.start);
      if (!s) continue;
      const qual = qualifier(norm, m, s.text, s.start);
      const near = findScale(s.text.slice(Math.max(0, m.start - s.start - 70), m.start - s.start));
      let scale: string | undefined;
      let scaleMax: number | undefined;
      let via: PreparedTurn | undefined;
      if (
        near &&
        (ratingForm(m, norm) ||
          /\b(?:at|was|is|put|a)\s*$/.test(norm.slice(0, m.start)) ||
          scaleWordJustBefore(norm.slice(Math.max(0, m.start - 30), m.start)))
      ) {
        scale = resolveUrge(near.scale);
      } else if (prompt?.spec && (promptScale ?? estFresh?.scale ?? carried)) {
        if (looksLikeClockTime(m)) continue;
        scale = promptScale ?? estFresh?.scale ?? carried;
        scaleMax =
          prompt.scaleMax ?? (estFresh && scale === estFresh.scale ? estFresh.scaleMax : undefined);
        via = q;
      } else if (
        promptScale &&
        q &&
        (/\?|\b(?:how|what|where)\b/.test(q.norm) ||
          // A terse prompt that only names the scale ("anxiety", "and the urge").
          q.norm.split(/\s+/).length <= 4 ||
          m.article ||
          m.percent ||
          m.outOf !== undefined) &&
        ratingForm(m, norm)
      ) {
        if (looksLikeClockTime(m)) continue;
        scale = promptScale;
        via = q;
      } else if (estFresh && ratingForm(m, norm) && !looksLikeClockTime(m)) {
        scale = estFresh.scale;
        scaleMax = estFresh.scaleMax;
        if (q && prompt?.spec) via = q;
      }
      if (!scale) continue;
      // A self-correction in one breath ("Ninety. Maybe ninety-five."): the last number stands.
      const last = obs[obs.length - 1];
      if (
        last?.answer === t &&
        last.scale === scale &&
        last.qual === qual &&
        lastEnd >= 0 &&
        SELF_CORRECTION.test(norm.slice(lastEnd, m.start))
      ) {
        obs.pop();
        seen.delete(last.value);
      }
      lastEnd = m.end;
      if (seen.has(m.value) && qual !== 'previous') continue;
      seen.add(m.value);
      const rerateCue = RERATE.test(via?.norm ?? '') || RERATE.test(s.text);
      const o: Obs = {
        turns: via ? [via, t] : [t],
        answer: t,
        value: m.value,
        scale,
        percent: m.percent,
        qual: qual ?? (prompt?.now && via ? 'now' : null),
        consumed: false,
        speaker: t.speaker,
        segment: segmentOf[i] ?? 0,
        rerate: false,
        fresh:
          (scale === 'belief' && via !== undefined && !rerateCue) ||
          (via !== undefined && BASELINE.test(via.norm)),
        ...(scaleMax !== undefined ? { scaleMax } : {}),
      };
      o.rerate = !o.fresh && (rerateCue || o.qual === 'now' || o.qual === 'after');
      if (m.outOf !== undefined) o.scaleMax = m.outOf;
      if (o.scaleMax !== undefined)
        maxByScale.set(scale, Math.max(maxByScale.get(scale) ?? 0, o.scaleMax));
      obs.push(o);
      est = {
        scale,
        turn: t,
        speaker: t.speaker,
        ...(o.scaleMax !== undefined ? { scaleMax: o.scaleMax } : {}),
      };
    }
  }

  return buildIndicators(ctx, obs, dedupePairs(pairs), maxByScale, multiRater);
}

interface RawPair {
  from: number;
  to: number;
  at: number;
  percent: boolean;
  context?: string;
}

/** "from X to Y", "X, down from Y", "X instead of Y", "X before … Y after". */
function explicitPairs(
  norm: string,
  ms: readonly NumberMention[],
  toks: readonly string[],
): RawPair[] {
  const out: RawPair[] = [];
  for (let k = 0; k < ms.length - 1; k++) {
    const a = ms[k];
    const b = ms[k + 1];
    if (!a || !b || a.timeOfDay || b.timeOfDay) continue;
    if (isUnitWord(a.next) || isUnitWord(b.next)) continue;
    // The article belongs to the number ("from a nine to a four").
    const gap = toks.slice(a.tokenEnd, b.article ? b.tokenStart - 1 : b.tokenStart).join(' ');
    const beforeA = a.article ? toks[a.tokenStart - 2] : a.prev;
    const percent = a.percent || b.percent;
    if (
      beforeA === 'from' &&
      /^(?:(?:down|up|all the way|right) )?to$|^(?:down|up) to$/.test(gap)
    ) {
      out.push({ from: a.value, to: b.value, at: a.start, percent });
    } else if (
      /^(?:percent )?(?:down|up|dropped|came down|went up|went down) from(?: an?)?$/.test(gap)
    ) {
      out.push({ from: b.value, to: a.value, at: a.start, percent });
    } else if (/^(?:percent )?instead of(?: an?)?$/.test(gap)) {
      out.push({ from: b.value, to: a.value, at: a.start, percent });
    } else if (
      STARTED_AT.test(
        norm.slice(Math.max(0, a.start - 20), a.start).replace(/\b(?:an?|like|about|around) $/, ''),
      ) &&
      ENDED_AT.test(gap) &&
      !/[.?!;]/.test(norm.slice(a.end, b.start)) &&
      (a.value > 12 || a.article || b.article)
    ) {
      out.push({ from: a.value, to: b.value, at: a.start, percent, context: 'start and end' });
    } else if (/^before\b/.test(gap) && /\bafter\b/.test(norm.slice(b.end, b.end + 12))) {
      out.push({ from: a.value, to: b.value, at: a.start, percent, context: 'before and after' });
    } else if (
      /\bbefore\b/.test(norm.slice(Math.max(0, a.start - 25), a.start)) &&
      /\bafter\b/.test(gap)
    ) {
      out.push({ from: a.value, to: b.value, at: a.start, percent, context: 'before and after' });
    }
  }
  return out;
}

function dedupePairs(pairs: readonly Pair[]): Pair[] {
  const out: Pair[] = [];
  for (const p of pairs) {
    const same = out.find(
      (o) =>
        o.scale === p.scale &&
        o.from === p.from &&
        o.to === p.to &&
        o.turns[0] &&
        p.turns[0] &&
        minutesBetween(o.turns[0], p.turns[0]) <= 5,
    );
    if (same) {
      for (const t of p.turns) if (!same.turns.includes(t)) same.turns.push(t);
    } else out.push({ ...p, turns: [...p.turns] });
  }
  return out;
}

function buildIndicators(
  ctx: AnalysisContext,
  obs: Obs[],
  pairs: Pair[],
  maxByScale: ReadonlyMap<string, number>,
  multiRater: boolean,
): Indicator[] {
  const out: { at: number; ind: Indicator }[] = [];
  /** With several raters in the room (couples), each rater's numbers stay apart. */
  const sameRater = (a: string, b: string): boolean => !multiRater || a === b;
  const raterContext = (speaker: string, context?: string): { context?: string } =>
    multiRater
      ? { context: context ? `${context}; rated by ${speaker}` : `rated by ${speaker}` }
      : context
        ? { context }
        : {};

  // Explicit pairs consume the single ratings they restate.
  for (const p of pairs) {
    const anchor = p.turns[0];
    if (!anchor) continue;
    const used: Obs[] = [];
    // Every restatement of either value nearby belongs to this change.
    for (const x of obs) {
      if (
        !x.consumed &&
        x.scale === p.scale &&
        sameRater(x.speaker, p.speaker) &&
        (x.value === p.from || x.value === p.to) &&
        x.qual !== 'previous' &&
        minutesBetween(x.answer, anchor) <= RUN_GAP
      ) {
        x.consumed = true;
        used.push(x);
      }
    }
    // A clinician restating part of a running series ("from an eight down to a three" after a
    // six, a seven and an eight) leaves the numbers to that series.
    const fromObs = obs.find(
      (x) =>
        x.scale === p.scale &&
        sameRater(x.speaker, p.speaker) &&
        x.value === p.from &&
        x.qual !== 'previous' &&
        x.answer.index <= anchor.index &&
        minutesBetween(x.answer, anchor) <= RERATE_WINDOW,
    );
    const firstUsed = fromObs?.answer.index ?? -1;
    if (
      anchor.role === 'clinician' &&
      fromObs !== undefined &&
      used.some((x) => x.value === p.to) &&
      obs.some(
        (y) =>
          !y.consumed &&
          y.scale === p.scale &&
          sameRater(y.speaker, p.speaker) &&
          y.qual !== 'previous' &&
          y.answer.index < firstUsed &&
          y.value !== p.from &&
          minutesBetween(y.answer, anchor) <= RERATE_WINDOW,
      )
    ) {
      for (const x of used) x.consumed = false;
      continue;
    }
    const turns = uniqueTurns([...used.flatMap((o) => o.turns), ...p.turns]);
    out.push({
      at: turns[0]?.index ?? anchor.index,
      ind: pairIndicator(ctx, p.scale, p.from, p.to, undefined, turns, {
        percent: p.percent || used.some((o) => o.percent),
        explicitMax: p.scaleMax ?? used.find((o) => o.scaleMax !== undefined)?.scaleMax,
        maxByScale,
        ...raterContext(p.speaker, p.context),
      }),
    });
  }

  // "after that it was a two": pair with the rating just before it.
  for (const o of obs) {
    if (o.consumed || (o.qual !== 'after' && o.qual !== 'now')) continue;
    const prior = [...obs].reverse().find(
      (x) =>
        x !== o &&
        !x.consumed &&
        // "Now" closes only a rating said to be from before ("when I walked in it was a nine").
        (o.qual === 'after' || (x.qual === 'before' && x.answer === o.answer)) &&
        x.scale === o.scale &&
        sameRater(x.speaker, o.speaker) &&
        x.answer.index <= o.answer.index &&
        x.qual !== 'now' &&
        x.qual !== 'previous' &&
        x.qual !== 'after' &&
        minutesBetween(x.answer, o.answer) <= SERIES_WINDOW,
    );
    if (!prior) continue;
    prior.consumed = true;
    o.consumed = true;
    const turns = uniqueTurns([...prior.turns, ...o.turns]);
    out.push({
      at: turns[0]?.index ?? o.answer.index,
      ind: pairIndicator(ctx, o.scale, prior.value, o.value, undefined, turns, {
        percent: prior.percent || o.percent,
        explicitMax: prior.scaleMax ?? o.scaleMax,
        maxByScale,
        ...raterContext(o.speaker, 'before and after'),
      }),
    });
  }

  // Remaining ratings: series per scale.
  const byScale = new Map<string, Obs[]>();
  for (const o of obs) {
    if (o.consumed || o.qual === 'previous') continue;
    const key = multiRater ? `${o.scale}\u0000${o.speaker}` : o.scale;
    const list = byScale.get(key) ?? [];
    list.push(o);
    byScale.set(key, list);
  }
  for (const list of byScale.values()) {
    const scale = list[0]?.scale ?? '';
    let run: Obs[] = [];
    const flush = (): void => {
      const first = run[0];
      const last = run[run.length - 1];
      if (!first || !last) return;
      const explicitMax = run.find((o) => o.scaleMax !== undefined)?.scaleMax;
      const opts = {
        percent: run.some((o) => o.percent),
        explicitMax,
        maxByScale,
        ...raterContext(
          first.speaker,
          first.qual === 'now' && run.length === 1 ? 'right now' : undefined,
        ),
      };
      if (run.length === 1 || run.every((o) => o.answer === first.answer)) {
        const prev = obs.find(
          (x) => x.qual === 'previous' && x.answer === first.answer && x.scale === scale,
        );
        out.push({
          at: first.turns[0]?.index ?? first.answer.index,
          ind: valueIndicator(ctx, scale, first.value, prev?.value, first.turns, opts),
        });
      } else {
        const peak = Math.max(...run.map((o) => o.value));
        const peakObs = run.find((o) => o.value === peak);
        const turns = uniqueTurns([...first.turns, ...(peakObs?.turns ?? []), ...last.turns]);
        out.push({
          at: first.turns[0]?.index ?? first.answer.index,
          ind: pairIndicator(ctx, scale, first.value, last.value, peak, turns, opts),
        });
      }
      run = [];
    };
    for (const o of list) {
      const prev = run[run.length - 1];
      const first = run[0];
      // A re-rating closes the earlier rating of this scale even after a longer stretch of work
      // (restructuring, an experiment); a belief rated for a newly named thought starts afresh.
      const rerated =
        prev !== undefined &&
        first !== undefined &&
        o.rerate &&
        !o.fresh &&
        minutesBetween(first.answer, o.answer) <= RERATE_WINDOW;
      if (
        prev &&
        !rerated &&
        (minutesBetween(prev.answer, o.answer) > RUN_GAP ||
          prev.segment !== o.segment ||
          (o.fresh && o.answer !== prev.answer && run.some((x) => x.rerate)))
      )
        flush();
      run.push(o);
    }
    flush();
  }
  return out.sort((a, b) => a.at - b.at).map((x) => x.ind);
}

interface Opts {
  percent: boolean;
  explicitMax: number | undefined;
  maxByScale: ReadonlyMap<string, number>;
  context?: string;
}

function scaleMaxFor(scale: string, values: readonly number[], o: Opts): number {
  const top = Math.max(...values);
  if (o.explicitMax !== undefined && top <= o.explicitMax) return o.explicitMax;
  const known = o.maxByScale.get(scale);
  if (known !== undefined && top <= known) return known;
  if (o.percent || top > 10) return 100;
  return 10;
}

function kindFor(
  ctx: AnalysisContext,
  scale: string,
  turns: readonly PreparedTurn[],
): 'suds' | 'rating' {
  if (isDistressScale(scale)) return 'suds';
  if (!isAnxietyScale(scale)) return 'rating';
  const first = turns[0];
  if (!first) return 'rating';
  const lo = Math.max(0, first.index - 30);
  const hi = Math.min(ctx.turns.length, first.index + 30);
  for (let k = lo; k < hi; k++) {
    const t = ctx.turns[k];
    if (t && isExposureTalk(t.norm)) return 'suds';
  }
  return 'rating';
}

function evidenceFor(turns: readonly PreparedTurn[]): Evidence[] {
  const answers = turns.filter((t) => t.role !== 'clinician');
  const list = answers.length > 0 ? answers : turns;
  return list.slice(0, 3).map((a) => {
    const idx = turns.indexOf(a);
    const q = idx > 0 ? turns[idx - 1] : undefined;
    return q && q.role === 'clinician' ? evidenceOf([q, a], a.text) : evidenceOf([a]);
  });
}

function pairIndicator(
  ctx: AnalysisContext,
  scale: string,
  from: number,
  to: number,
  peak: number | undefined,
  turns: readonly PreparedTurn[],
  o: Opts,
): Indicator {
  const kind = kindFor(ctx, scale, turns);
  const values = peak !== undefined ? [from, to, peak] : [from, to];
  return {
    kind,
    from,
    to,
    ...(kind === 'suds' && peak !== undefined ? { peak } : {}),
    scale,
    scaleMax: scaleMaxFor(scale, values, o),
    ...(o.context ? { context: o.context } : {}),
    evidence: evidenceFor(turns),
  };
}

function valueIndicator(
  ctx: AnalysisContext,
  scale: string,
  value: number,
  previous: number | undefined,
  turns: readonly PreparedTurn[],
  o: Opts,
): Indicator {
  const kind = kindFor(ctx, scale, turns);
  return {
    kind,
    value,
    scale,
    scaleMax: scaleMaxFor(scale, previous !== undefined ? [value, previous] : [value], o),
    ...(previous !== undefined ? { previous } : {}),
    ...(o.context ? { context: o.context } : {}),
    evidence: evidenceFor(turns),
  };
}

function uniqueTurns(turns: readonly PreparedTurn[]): PreparedTurn[] {
  return [...new Set(turns)].sort((a, b) => a.index - b.index);
}

/** "Anxious, ninety", "anxiety: eighty": the scale word, then the number. */
function scaleWordJustBefore(before: string): boolean {
  const w = /([a-z]+)\s*[,:;-]\s*(?:(?:like|about|maybe|around) )?$/.exec(before)?.[1];
  return w !== undefined && findScale(w) !== undefined;
}
