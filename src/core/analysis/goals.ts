import { evidenceOf, shortenQuote, type AnalysisContext, type PreparedTurn } from './context.js';
import type { PlanGoal } from '../plan/schema.js';
import type { GoalLink } from './schema.js';
import { splitSentences } from '../text/sentences.js';

/**
 * Goals addressed in the session.
 * - With a plan: a plan goal is linked when turns share enough of its content words (or one of its
 *   keywords) — at least two distinct content words in one turn, or one when the turn refers to
 *   goals explicitly ("your goal", "what you came in wanting"). The topic alone is not enough.
 *   The goal's objectives (their text) count the same way as the goal's own words, each on its
 *   own ("sleeps through the night 5 of 7 nights" links a turn about sleeping through the night).
 * - Without a plan: goals stated in the session ("you said you wanted to …", "my goal is …", "the
 *   whole reason I'm here …") get ids stated-1, stated-2, … with a short paraphrase from the words.
 */

const STOP = new Set(
  (
    'a an the and or but to of in on at for with by from as is are was were be been being have has had do does did ' +
    'i me my you your he she it we they them our their this that these those not no more less than so very ' +
    'able about into over under again when while will would can could should may might just also get getting ' +
    'feel feeling better well good work toward towards client goal goals reduce increase improve improved ' +
    'use using per week day days times time weekly daily least most some any all each every one two three ' +
    'what how who which where why there here then up down out own'
  ).split(' '),
);

function stem(w: string): string {
  return w
    .replace(/'s$/, '')
    .replace(/(?:ies)$/, 'y')
    .replace(/(?:ing|ed|es|s|ly)$/, '')
    .replace(/(.)\1$/, '$1');
}

function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[a-z][a-z'-]+/g) ?? []) {
    if (STOP.has(w) || w.length < 3) continue;
    out.add(stem(w));
  }
  return out;
}

const GOAL_REFERENCE =
  /\b(?:your|my|our|the) goals?\b|\bwhat you (?:came in |originally )?want(?:ed)?\b|\byou came in wanting\b|\byou (?:said|told me) you wanted\b|\bwhen we started\b|\btreatment plan\b|\bthe reason (?:i'm|i am|you're|you are) (?:here|doing this|in therapy)\b|\bworking (?:on|toward)\b/;

export function linkGoals(ctx: AnalysisContext): GoalLink[] {
  const goals = ctx.plan?.goals ?? [];
  return goals.length > 0 ? linkPlanGoals(ctx, goals) : statedGoals(ctx);
}

function linkPlanGoals(ctx: AnalysisContext, goals: readonly PlanGoal[]): GoalLink[] {
  const turnWords = ctx.turns.map((t) => contentWords(t.norm));
  const out: GoalLink[] = [];
  for (const g of goals) {
    // The goal's own words, and each objective's words as extra signal: a turn links when it
    // shares enough words with the goal or with one of its objectives (each judged on its own).
    const wordSets = [
      contentWords(g.text),
      ...(g.objectives ?? []).map((o) => contentWords(o.text)),
    ];
    const keywords = (g.keywords ?? []).map((k) => k.toLowerCase().trim()).filter((k) => k !== '');
    const scored: { turn: PreparedTurn; score: number }[] = [];
    ctx.turns.forEach((t, i) => {
      const tw = turnWords[i];
      if (!tw) return;
      const keyword = keywords.some((k) => new RegExp(`\\b${escapeRe(k)}`).test(t.norm));
      const reference = GOAL_REFERENCE.test(t.norm);
      let shared = 0;
      let enough = false;
      for (const words of wordSets) {
        let n = 0;
        for (const w of words) if (tw.has(w)) n++;
        const needed = Math.min(2, words.size);
        if (n >= needed && needed > 0) enough = true;
        shared = Math.max(shared, n);
      }
      const linked = keyword || enough || (shared >= 1 && reference);
      if (linked)
        scored.push({
          turn: t,
          score: shared + (keyword ? 2 : 0) + (reference ? 1 : 0),
        });
    });
    if (scored.length === 0) continue;
    const best = scored
      .sort((a, b) => b.score - a.score || a.turn.index - b.turn.index)
      .slice(0, 3)
      .sort((a, b) => a.turn.index - b.turn.index);
    out.push({ goalId: g.id, text: g.text, evidence: best.map((s) => evidenceOf([s.turn])) });
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Phrases that introduce a goal, and where its words start. */
const STATED =
  /\b(?:your goal (?:is|was|of)|my goal (?:is|was)|one of (?:your|my) goals (?:is|was)|the goal (?:is|was)|what you (?:came in |originally )?want(?:ed)?(?: is| was)?|(?:what )?you came in wanting|you (?:said|told me|mentioned)(?: when we started| at the start| at the beginning)?(?: that)? you want(?:ed)? to|i (?:said )?i wanted (?:when i came in(?: here)?)?|what i (?:really )?want is|i want to be able to|i'd like to be able to|i would like to be able to|the (?:whole )?reason i'm (?:here|doing this|in therapy)(?: is)?|that's (?:the whole reason|why) i'm here)\b[,:]?\s*/gi;

const STATED_ANY = new RegExp(STATED.source, 'i');

function statedGoals(ctx: AnalysisContext): GoalLink[] {
  const out: GoalLink[] = [];
  for (const t of ctx.turns) {
    if (!STATED_ANY.test(t.norm)) continue;
    const sentences = splitSentences(t.text);
    for (let s = 0; s < sentences.length; s++) {
      const sent = sentences[s];
      if (!sent) continue;
      for (const m of sent.text.matchAll(STATED)) {
        let rest = sent.text
          .slice(m.index + m[0].length)
          .replace(/[.!?]+$/, '')
          .trim();
        // "That's what I said I wanted when I came in here. To feel like myself again. And get a job."
        if (words(rest) < 2) {
          const follow: string[] = [];
          for (let k = s + 1; k < Math.min(sentences.length, s + 3); k++) {
            const n = sentences[k]?.text ?? '';
            if (/^(?:to|and|being|be|get|stop|not)\b/i.test(n))
              follow.push(n.replace(/[.!?]+$/, ''));
            else break;
          }
          rest = follow.join(', ');
        }
        for (const part of splitGoals(rest)) addGoal(out, part, t);
      }
    }
  }
  return out;
}

function words(s: string): number {
  return s.split(/\s+/).filter((w) => w !== '').length;
}

/** "worrying less about work and being less hard on yourself" → two goals. */
function splitGoals(text: string): string[] {
  return text
    .split(
      /,?\s+and (?=(?:to |be |being |get |getting |stop |stopping |\w+ing\b))|,\s+(?=(?:to |and ))/i,
    )
    .map((p) =>
      p
        .replace(/^(?:(?:honestly|um|uh|like|so|well|just|and|to|yeah|okay)[,]?\s+)+/i, '')
        .replace(
          /\s+(?:this week|last week|today|so|but|because|which|and that's|you know)\b.*$/i,
          '',
        )
        .replace(/\s+(?:when we started|when i came in(?: here)?)$/i, '')
        .trim(),
    )
    .filter((p) => words(p) >= 2 && !/^(?:do (?:it|that|this)|that|this|it)$/i.test(p));
}

function addGoal(out: GoalLink[], text: string, t: PreparedTurn): void {
  const short = shortenQuote(text, 120);
  const cw = contentWords(short);
  const dup = out.find((g) => {
    const gw = contentWords(g.text ?? '');
    let shared = 0;
    for (const w of cw) if (gw.has(w)) shared++;
    return shared >= Math.max(1, Math.min(cw.size, gw.size) - 1);
  });
  if (dup) {
    if (!dup.evidence.some((e) => e.utteranceIds.includes(t.id)))
      dup.evidence.push(evidenceOf([t]));
    return;
  }
  out.push({ goalId: `stated-${out.length + 1}`, text: short, evidence: [evidenceOf([t])] });
}
