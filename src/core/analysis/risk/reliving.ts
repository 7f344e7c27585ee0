import type { PreparedTurn } from '../context.js';

/**
 * Imaginal exposure and trauma-narrative reliving: the clinician asks the client to go back into a
 * memory ("eyes closed, first person, present tense, as if it's happening now") and prompts while
 * it is told ("stay with it, what happens next?"). What the client then narrates is the past event
 * being treated, not a report of something happening in their life now, so an assault told there
 * is not a current abuse disclosure. A narrated turn that names someone close (a partner, a parent,
 * a child) or speaks of now ("still", "at home", "last night") keeps counting.
 */

const RELIVING_SETUP =
  /\bpresent tense\b|\bas if (?:it(?:'s| is| were| was)|you(?:'re| are| were)) (?:happening|there|back there)\b|\b(?:go|going|come|coming|step|stepping) back (?:in(?:to)?|to) (?:the|that) (?:memory|moment|night|day|scene)\b|\b(?:tell|walk) me (?:through )?(?:the|that) (?:memory|story|night|day) (?:again|from the (?:start|beginning))\b|\bimaginal\b|\bstart from (?:the (?:beginning|start)|getting|when|where)\b/;
/** A prompt said while the memory is being told. */
const NARRATION_PROMPT =
  /\bstay with (?:it|that|the (?:memory|image|feeling))\b|\bwhat happens (?:next|then|now)\b|\bkeep going\b|\bgo on\b|\bwhat do you (?:notice|see|hear|feel)\b|\bwhat(?:'s| is) (?:the|your) (?:number|suds)\b|^\W*(?:and )?(?:the )?number\b|\bslow it down\b|\bgo back to the moment\b|\bwhat are you (?:thinking|feeling|seeing|noticing)\b/;
/** Someone close named, or talk of the present: the turn may be a current disclosure. */
const CURRENT_OR_CLOSE =
  /\b(?:my|our) (?:\w+ )?(?:husband|wife|partner|boyfriend|girlfriend|ex|dad|father|mum|mom|mother|stepdad|stepfather|stepmum|stepmom|brother|sister|son|daughter|kids?|children|baby|uncle|aunt|grandad|grandpa|grandma|nan|carer|coach|teacher|boss)\b|\bstill\b|\bthese days\b|\bat home\b|\b(?:last night|yesterday|this morning|this (?:past )?we[ea]k|lately|recently|every (?:day|night|time|we[ea]k))\b|\bkeeps?\b/;
/** Turns back to look for the set-up of the reliving. */
const SETUP_WINDOW = 40;

/**
 * The client turn i is narration inside a relived memory: a reliving set-up by the clinician in the
 * last turns, the nearest clinician turn before it is a narration prompt, and the turn neither names
 * someone close nor speaks of the present.
 */
export function isRelivedNarration(
  turns: readonly PreparedTurn[],
  texts: readonly string[],
  i: number,
): boolean {
  if (CURRENT_OR_CLOSE.test(texts[i] ?? '')) return false;
  let prompt = false;
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (turns[k]?.role !== 'clinician') continue;
    prompt = NARRATION_PROMPT.test(texts[k] ?? '');
    break;
  }
  if (!prompt) return false;
  for (let k = i - 1; k >= Math.max(0, i - SETUP_WINDOW); k--) {
    if (turns[k]?.role === 'clinician' && RELIVING_SETUP.test(texts[k] ?? '')) return true;
  }
  return false;
}
