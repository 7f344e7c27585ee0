import { evidenceOf, type AnalysisContext, type PreparedTurn } from '../context.js';
import type { Indicator } from '../schema.js';
import { findDurations, findNumbers, tokenize, type NumberMention } from '../../text/numbers.js';
import { isQuestion, splitSentences, type Span } from '../../text/sentences.js';
import { isClientSide, minutesBetween } from './common.js';
import { exerciseOf } from './exercises.js';
import { HOMEWORK_NOUN } from './homework-review.js';

/**
 * Frequencies ("I went four times", "three walks out of the five", "thirty-two times in a day")
 * and durations ("stayed in it for ten minutes", "twenty minutes of riding") reported as done.
 * Plans, assignments, hypotheticals and negations are not indicators.
 */

const DID =
  /\b(?:did|went|practi[cs]ed|used|tried|washed|checked|walked|ran|meditated|called|drank|smoked|had|made|completed|read|wrote|listened|exercised|played|cleaned|counted|logged|got|managed|rode|cut|binged|purged|skipped|showered|prayed|journaled|texted|visited|cooked|left)\b/;
const PERIOD: readonly (readonly [RegExp, string])[] = [
  [/\b(?:a|per|in a|each|every|one) day\b|\byesterday\b|\btoday\b|\ba night\b|\bdaily\b/, 'day'],
  [/\b(?:a|per|this|last|that|the|in a|each|one) we[ea]k\b|\bwe[ea]kly\b/, 'week'],
  [/\b(?:a|per|this|last|in a) month\b/, 'month'],
  [/\bsince (?:last time|we last met|i saw you|our last session)\b/, 'since last session'],
];
/** A counted stretch: "forty-one times in the five days", "twice in three weeks". */
const SPAN_PERIOD =
  /\bin (?:the )?(?:last |past )?(two|three|four|five|six|seven|eight|nine|ten|\d+) (days|we[ea]ks)\b/;
const SPAN_WORDS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
function periodOf(text: string): string | undefined {
  const span = SPAN_PERIOD.exec(text);
  if (span?.[1] && span[2]) {
    const n = SPAN_WORDS[span[1]] ?? Number(span[1]);
    if (Number.isFinite(n)) return `${n} ${span[2].replace('weak', 'week')}`;
  }
  return PERIOD.find(([re]) => re.test(text))?.[1];
}
/** A clinician recalling what was planned ("last time we left it at … daily"): not a report. */
const PLAN_RECALL =
  /\bwe left it (?:at|with)\b|\bwe (?:agreed|planned|said) (?:on )?(?:you'?d|that)\b|\bthe plan was\b/;
/** "you rated it a four out of five": a rating, not a count. */
const RATED = /\brat(?:e|ed|es|ing)\b|\bscored?\b/;
const FUTURE =
  /\b(?:will|i'll|you'll|we'll|going to|gonna|could|would|should|can you|let's|next (?:we[ea]k|time)|tomorrow|plan|try to|want to|aim|if)\b/;
/** Stock phrases in the future tense that report nothing planned ("I'll be honest"). */
const NOT_FUTURE = /\b(?:i'll|i will) (?:be honest|admit|tell you|say (?:this|that))\b/g;
function isFuture(text: string): boolean {
  return FUTURE.test(text.replace(NOT_FUTURE, ' '));
}
const NEGATED = /\b(?:not|didn't|never|no|don't|haven't|wasn't)\b/;
const ASSIGNMENT =
  /\b(?:for|over|during) (?:this|the (?:next|coming)) (?:(?:two|three|four|five|six|few|couple of) )?(?:we[ea]ks?|months?)\b|\bfor (?:practice|homework)\b|\b(?:practice|homework) (?:for )?(?:this|next) we[ea]k\b|\bi'd like you to\b|\bkeep (?:doing|the|your|up|jotting|logging)\b|\bbetween now and\b|\bhow about\b|\bcan you\b/;
const AIMED =
  /\b(?:that's|that is|which is|exactly) (?:what|how many) we (?:aimed|planned|agreed|said)\b/;
const BASELINE =
  /\bwhen (?:i|we) (?:first )?(?:started|came|began|met)\b|\bat intake\b|\bused to\b|\bat (?:the )?(?:start|first|beginning)\b|\bbefore (?:we started|therapy|treatment)\b/;

/** Events counted per period: "forty drinks a week", "three panic attacks this week". */
const EVENT_NOUN =
  /^\s+(?:(?:big|bad|small|full|proper|real|more|standard|heavy|short|long|little|of those|of them|of these)\s+)?(drinks|beers|glasses of wine|glasses|shots|bottles|cans|cigarettes|joints|panic attacks|attacks|nightmares|flashbacks|binges|episodes|arguments|fights|outbursts|meltdowns|check-? ?ins|walks|runs|drinking days|sober days|dry days|days off|urges|cravings|blackouts|purges|hits|lines|pills|tantrums|rows|blowups|blow-ups|night wakings|wake-ups)\b/;
const EVENT_WORD =
  /\b(?:drinks|beers|glasses|shots|bottles|cans|cigarettes|joints|attacks|nightmares|flashbacks|binges|episodes|arguments|fights|outbursts|meltdowns|check-? ?ins|walks|runs|days|urges|cravings|blackouts|purges|hits|lines|pills|tantrums|rows|blowups|blow-ups|wakings|wake-ups)\b/;
/** "down from eight (when we started)" in the same turn. */
const DOWN_FROM = /\b(?:down|up) from (?:an? |about |around )?([a-z]+(?:[- ][a-z]+)?|\d+)\b/;

const HAS_NUMBER =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|once|twice|thrice|couple)\b/;

interface Freq {
  ind: Indicator;
  turn: PreparedTurn;
}

export function extractFrequencies(ctx: AnalysisContext): Indicator[] {
  const { turns } = ctx;
  const out: Freq[] = [];
  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    if (!t) continue;
    if (
      !/\btimes?\b|\bonce\b|\btwice\b|\bout of\b|\bdays?\b/.test(t.norm) &&
      !EVENT_WORD.test(t.norm)
    )
      continue;
    if (!HAS_NUMBER.test(t.norm)) continue;
    const clinician = t.role === 'clinician';
    if (clinician && ASSIGNMENT.test(t.norm)) continue;
    if (answersPlanQuestion(turns, i)) continue;
    // A client's count answers the period of the clinician's question ("how did the check-ins go
    // this week?" → "three times").
    const asked = clinician ? undefined : reviewQuestionBefore(turns, i);
    if (clinician && PLAN_RECALL.test(t.norm)) continue;
    const turnPeriod = clinician
      ? undefined
      : (periodOf(t.norm) ?? (asked ? periodOf(asked.norm) : undefined));
    for (const s of splitSentences(t.norm)) {
      if (isQuestion(s.text) || isFuture(s.text)) continue;
      const nums = findNumbers(s.text);
      for (const m of nums) {
        const hit =
          readFrequency(s, m, nums, clinician, turns, i, turnPeriod) ??
          readEventCount(s, m, clinician, turnPeriod, t.norm);
        if (!hit) continue;
        mergeOrPush(out, {
          ind: { kind: 'frequency', ...hit, evidence: [evidenceOf([t])] },
          turn: t,
        });
      }
    }
    // Review answer: "And the breathing space?" → "Most days. Five, maybe."
    const q = turns[i - 1];
    if (
      !clinician &&
      q?.role === 'clinician' &&
      (isQuestion(q.norm) ||
        /\b(?:and|what about|how about) (?:the|your) [\w' -]{1,30}(?:\?|$)/.test(q.norm)) &&
      HOMEWORK_NOUN.test(q.norm)
    ) {
      const reported = splitSentences(t.norm)
        .filter((x) => !isFuture(x.text))
        .map((x) => x.text)
        .join(' ');
      if (/\bdays?\b|\btimes\b/.test(reported)) {
        const n = findNumbers(reported).find(
          (m) =>
            !m.timeOfDay &&
            m.value > 0 &&
            m.value <= 31 &&
            m.next !== 'times' &&
            !/^(?:minutes?|hours?|seconds?)$/.test(m.next ?? '') &&
            // "that one I like": a pronoun, not a count.
            !/^(?:that|this|the|which|each|every|any|no)$/.test(m.prev ?? ''),
        );
        const what = HOMEWORK_NOUN.exec(q.norm)?.[0];
        if (n && what && !out.some((o) => o.turn === t && o.ind.count === n.value)) {
          mergeOrPush(out, {
            ind: {
              kind: 'frequency',
              count: n.value,
              what,
              ...(/\bdays\b/.test(reported)
                ? { period: periodOf(reported.slice(n.start, n.end + 30)) ?? 'week' }
                : {}),
              evidence: [evidenceOf([q, t], t.text)],
            },
            turn: t,
          });
        }
      }
    }
  }
  // Targets and baselines said in the next turns.
  for (const f of out) {
    for (let k = f.turn.index + 1; k <= Math.min(turns.length - 1, f.turn.index + 3); k++) {
      const n = turns[k];
      if (!n) continue;
      if (f.ind.target === undefined && AIMED.test(n.norm) && f.ind.count !== undefined) {
        f.ind.target = f.ind.count;
        f.ind.evidence.push(evidenceOf([n]));
      }
      if (f.ind.baseline === undefined && isClientSide(n) && BASELINE.test(n.norm)) {
        const b = findNumbers(n.norm).find(
          (m) =>
            !m.timeOfDay && m.value > 0 && !/^(?:weeks?|months?|years?|days?)$/.test(m.next ?? ''),
        );
        if (b) {
          f.ind.baseline = b.value;
          f.ind.evidence.push(evidenceOf([n]));
        }
      }
    }
  }
  return out.map((f) => f.ind);
}

/** The clinician question just before a client turn, when it asks how often / about a task. */
function reviewQuestionBefore(turns: readonly PreparedTurn[], i: number): PreparedTurn | undefined {
  const q = turns[i - 1];
  if (q?.role !== 'clinician' || !isQuestion(q.norm.split(/(?<=[.!?])\s+/).pop() ?? q.norm))
    return undefined;
  return HOMEWORK_NOUN.test(q.norm) || /\bhow (?:many|often)\b/.test(q.norm) ? q : undefined;
}

type FreqFields = Pick<Indicator, 'count' | 'what' | 'period' | 'target' | 'baseline' | 'previous'>;

/** "forty drinks a week", "three panic attacks this week, down from eight when we started". */
function readEventCount(
  s: Span,
  m: NumberMention,
  clinician: boolean,
  turnPeriod: string | undefined,
  turnNorm: string,
): FreqFields | undefined {
  if (m.timeOfDay || m.value <= 0 || m.value > 500 || !Number.isInteger(m.value)) return undefined;
  const ev = EVENT_NOUN.exec(s.text.slice(m.end));
  if (!ev?.[1]) return undefined;
  const before = s.text.slice(0, m.start);
  if (NEGATED.test(before.split(/\s+/).slice(-4).join(' '))) return undefined;
  const period = periodOf(s.text) ?? turnPeriod;
  // A clinician's number needs a period to be a report ("you had three attacks this week").
  if (!period && (clinician || !DID.test(before))) return undefined;
  const out: FreqFields = { count: m.value, what: ev[1], ...(period ? { period } : {}) };
  const rest = turnNorm.slice(turnNorm.indexOf(s.text) + m.end);
  const down = DOWN_FROM.exec(rest);
  if (down?.[1]) {
    const n = findNumbers(down[1])[0];
    if (n && n.value !== m.value) {
      const after = rest.slice(down.index, down.index + down[0].length + 40);
      if (BASELINE.test(after)) out.baseline = n.value;
      else out.previous = n.value;
    }
  }
  return out;
}

function readFrequency(
  s: Span,
  m: NumberMention,
  nums: readonly NumberMention[],
  clinician: boolean,
  turns: readonly PreparedTurn[],
  i: number,
  turnPeriod: string | undefined,
): FreqFields | undefined {
  const text = s.text;
  const after = text.slice(m.end);
  const before = text.slice(0, m.start);
  const period = periodOf(text) ?? turnPeriod;
  // "three walks out of the five (we planned)", "six out of seven days"
  if (m.outOf !== undefined || /^\s+\w+\s+out of\b/.test(after)) {
    if (RATED.test(before)) return undefined;
    let target = m.outOf;
    let what: string | undefined;
    if (target === undefined) {
      const w = /^\s+(\w+)\s+out of (?:the )?/.exec(after);
      what = w?.[1];
      const next = nums.find((n) => n.start > m.end);
      target = next?.value;
    } else {
      what = /^\s*(\w+)/.exec(text.slice(m.end))?.[1];
    }
    if (target === undefined || target < m.value || target > 60) return undefined;
    return { count: m.value, target, ...(what ? { what } : {}), ...(period ? { period } : {}) };
  }
  const timesWord = m.countWord || /^\s*times\b/.test(after);
  if (!timesWord || m.timeOfDay || m.value <= 0 || m.value > 200) return undefined;
  const clause = before.split(/,\s*(?:and|but)\s|;/).pop() ?? before;
  if (NEGATED.test(clause.split(/\s+/).slice(-6).join(' '))) return undefined;
  const verb = DID.exec(clause.split(/\s+/).slice(-6).join(' '));
  if (!verb && !period) return undefined;
  if (clinician && !period && !/\bout of\b/.test(text)) return undefined;
  const what = whatOf(clause, verb, after, turns, i);
  return { count: m.value, ...(what ? { what } : {}), ...(period ? { period } : {}) };
}

const WHAT_STOP = new Set([
  'like',
  'it',
  'about',
  'maybe',
  'um',
  'uh',
  'so',
  'and',
  'i',
  'just',
  'probably',
  'them',
]);

function whatOf(
  clause: string,
  verb: RegExpExecArray | null,
  after: string,
  turns: readonly PreparedTurn[],
  i: number,
): string | undefined {
  if (verb) {
    const obj = tokenize(clause.slice(verb.index + verb[0].length))
      .map((x) => x.text)
      .filter((w) => !WHAT_STOP.has(w));
    if (obj.length > 0 && obj.length <= 5) return `${verb[0]} ${obj.join(' ')}`;
    const lead = /(?:^|\b)((?:the |my )?[a-z]+(?: [a-z]+){0,3}) (?:i|we) $/.exec(
      clause.slice(0, verb.index),
    );
    if (lead?.[1] && HOMEWORK_NOUN.test(lead[1])) return lead[1].trim();
  }
  const tail = /^\s*times?,?\s+((?:my|the|with|of) [a-z]+(?: [a-z]+)?)/.exec(after);
  if (tail?.[1]) return tail[1];
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const p = turns[k];
    if (p?.role !== 'clinician') continue;
    const h = HOMEWORK_NOUN.exec(p.norm);
    if (h)
      return p.norm
        .slice(h.index, h.index + 40)
        .split(/[.,?!]/)[0]
        ?.trim();
  }
  return verb?.[0];
}

function mergeOrPush(out: Freq[], f: Freq): void {
  const same = out.find(
    (o) => o.ind.count === f.ind.count && Math.abs(o.turn.index - f.turn.index) <= 4,
  );
  if (!same) {
    out.push(f);
    return;
  }
  same.ind.period ??= f.ind.period;
  same.ind.target ??= f.ind.target;
  same.ind.what ??= f.ind.what;
  same.ind.baseline ??= f.ind.baseline;
  if (same.ind.baseline === undefined) delete same.ind.baseline;
  if (same.turn !== f.turn) same.ind.evidence.push(...f.ind.evidence);
  if (same.ind.period === undefined) delete same.ind.period;
  if (same.ind.target === undefined) delete same.ind.target;
  if (same.ind.what === undefined) delete same.ind.what;
}

const DURATION_VERB =
  /\b(?:that was|that's|that is|and that's|you did|you lasted|you went|you kept going for|time's up|stayed|stay|sat with|held|tolerated|practi[cs]ed|meditated|did|rode|riding|was in|were in|lasted|spent|managed|kept (?:at )?it|breathed|listened|exercised|walked|ran)\b/;

/** Time spent that is not practice or tolerance ("four hours of waiting", "an hour of traffic"). */
const NOT_PRACTICE =
  /\b(?:waiting|sleep|sleeping|work|working|traffic|driving|commut\w*|tv|television|scrolling|meetings?|class|school|that|this)\b/;

/** An in-session exercise set up with its length ("we'll do it for two minutes … go"). */
const EXERCISE_SETUP =
  /\b(?:we'll|we will|let's|we're going to|i'll have you|i want you to|you're going to|you'll|going to have you)\b[^.?!]{0,60}\bfor\s*$/;
/** The clinician ending the round, which shows it was done. */
const ROUND_END =
  /^(?:\W*(?:okay|ok|and|good|great|alright|all right|right))*\W*(?:stop|and stop|time|that's time|time's up|you can stop|rest|and rest|open your eyes)\b/;

export function extractDurations(ctx: AnalysisContext): Indicator[] {
  const out: Indicator[] = [];
  for (const t of ctx.turns) {
    if (t.role === 'clinician' && / for /.test(t.norm)) setUpRound(ctx, t, out);
    if (!/\bminutes?\b|\bmins?\b|\bhours?\b/.test(t.norm)) continue;
    if (t.role === 'clinician' && ASSIGNMENT.test(t.norm)) continue;
    if (answersPlanQuestion(ctx.turns, t.index)) continue;
    for (const s of splitSentences(t.norm)) {
      if (isQuestion(s.text) || isFuture(s.text) || /\bfelt like\b/.test(s.text)) continue;
      for (const d of findDurations(s.text)) {
        if (d.minutes < 1 || d.minutes > 240) continue;
        const after = s.text.slice(d.end);
        if (
          /^\s*(?:ago|late|early|away|later|before|after|left|each|a (?:day|night|week))\b/.test(
            after,
          ) &&
          !/^\s*a day\b/.test(after)
        )
          continue;
        const of = /^\s*(?:of|in the|in it|with (?:it|the))\s*([a-z]+(?: [a-z]+)?)?/.exec(after);
        if (of && NOT_PRACTICE.test(of[0])) continue;
        const pre = s.text.slice(0, d.start);
        const verb = DURATION_VERB.exec(pre);
        if (!verb && !of) continue;
        if (NEGATED.test(pre.split(/\s+/).slice(-5).join(' '))) continue;
        const what = of?.[1] ? of[0].trim() : verb?.[0];
        if (
          out.some(
            (o) =>
              o.minutes === d.minutes &&
              o.evidence.some((e) => minutesBetweenIds(ctx, e.utteranceIds[0], t) < 3),
          )
        )
          continue;
        out.push({
          kind: 'duration',
          minutes: Math.round(d.minutes * 10) / 10,
          ...(what ? { what } : {}),
          evidence: [evidenceOf([t])],
        });
      }
    }
  }
  return out;
}

/** "We'll do the hyperventilation for two minutes … And stop." → a done round of that length. */
function setUpRound(ctx: AnalysisContext, t: PreparedTurn, out: Indicator[]): void {
  for (const d of findDurations(t.norm)) {
    if (d.minutes < 0.5 || d.minutes > 60) continue;
    if (!EXERCISE_SETUP.test(t.norm.slice(0, d.start))) continue;
    if (/^\s*(?:a|each|every|per) (?:day|night|we[ea]k)\b/.test(t.norm.slice(d.end))) continue;
    let end: PreparedTurn | undefined;
    for (let k = t.index + 1; k <= Math.min(ctx.turns.length - 1, t.index + 4); k++) {
      const n = ctx.turns[k];
      if (n?.role === 'clinician' && ROUND_END.test(n.norm)) {
        end = n;
        break;
      }
    }
    if (!end) continue;
    const minutes = Math.round(d.minutes * 10) / 10;
    if (
      out.some(
        (o) =>
          o.minutes === minutes &&
          o.evidence.some((e) => minutesBetweenIds(ctx, e.utteranceIds[0], t) < 3),
      )
    )
      continue;
    const what = exerciseOf(t.norm);
    out.push({
      kind: 'duration',
      minutes,
      ...(what ? { what } : {}),
      evidence: [evidenceOf([t, end])],
    });
  }
}

function minutesBetweenIds(ctx: AnalysisContext, id: string | undefined, t: PreparedTurn): number {
  const a = id ? ctx.byId.get(id) : undefined;
  return a ? minutesBetween(a, t) : Infinity;
}

/** A client answer to "what would that look like?" / "how many days is realistic?" is a plan. */
function answersPlanQuestion(turns: readonly PreparedTurn[], i: number): boolean {
  const t = turns[i];
  const q = turns[i - 1];
  return (
    t !== undefined &&
    isClientSide(t) &&
    q?.role === 'clinician' &&
    isQuestion(q.norm.split(/(?<=[.!?])\s+/).pop() ?? q.norm) &&
    FUTURE.test(q.norm)
  );
}
