/**
 * How a client answered a risk question: a denial ("No, nothing like that", "None"), an
 * affirmation ("Yeah, sometimes", "At work a little"), or something ambiguous ("I don't know",
 * "Sometimes… not really"). Works without punctuation.
 */
export type AnswerKind = 'deny' | 'affirm' | 'ambiguous';

const LEAD = /^(?:(?:um|uh|well|so|oh|okay|ok|honestly|i mean|like|hmm|mm)[,.\s]+)+/;
const DENY_START =
  /^(?:no|nope|nah|never|none|nothing|not at all|absolutely not|definitely not|no way|not once|not this time|not lately|not anymore)\b/;
const DENY_ANY =
  /\b(?:he|she|they|he's|she's|they've|nobody|no one)(?: has| have)? never\b|\bnothing like that\b|\bnot at all\b|\bi (?:don't|do not|didn't|did not|haven't|have not|never|wouldn't|won't)\b|\bi'm not\b|\bi am not\b|\bno,? (?:i|not|never|nothing|none|no)\b|\bnone\b|\bnever (?:have|had|did)\b|\bnot (?:this time|anymore|any more|lately|since)\b/;
/**
 * Hedges. "kind of" / "sort of" hedge only on their own ("kind of, yeah"), not as a noun phrase
 * ("it wasn't that kind of week", "any sort of plan").
 */
const AMBIGUOUS =
  /\bi don't know\b|\bi dunno\b|\bnot sure\b|\bmaybe\b|\bnot really\b|\bhard to say\b|\bi guess\b|\bnot exactly\b|(?<!\b(?:that|this|what|any|some|the|a|no|every|which|same|other) )\b(?:kind|sort) of\b|\bi'm not sure\b|\bcan't say\b|\bwhy do you ask\b|\bmostly\b|\bmost of the time\b|\busually\b|\bnot always\b/;
const AFFIRM_SUBSTANTIVE =
  /^(?:i do|i have|i did|i am|i was|i've been|i tried|i attempted|i took|i overdosed|one time|there (?:was|were|have been|has been)|when i was|years ago|a long time ago|back (?:in|when)|sometimes|a little|a bit|once|twice|at times|some|i think so|probably|a few times|yes,? (?:i|sometimes|a little)|yeah,? (?:i|sometimes|a little|kind of|a bit))\b|\bsometimes\b|\ba little\b|\ba bit\b|\bonce or twice\b|\boccasionally\b|\bon and off\b|\bat times\b|\bhere and there\b/;
/**
 * "Not this week" / "not today": a denial for the period asked about, unless the answer goes on
 * to another time or a "but" ("not this week, but last week …").
 */
const DENY_PERIOD = /\bnot (?:this|that) (?:we[ea]k|time|month|weekend)\b|\bnot today\b/;
const OTHER_TIME = /\bbut\b|\blast (?:we[ea]k|month|time|weekend)\b|\bbefore\b|\bearlier\b/;
const ACK =
  /^(?:yes|yeah|yep|yup|uh-huh|uh huh|mm-hm|mm hm|mhm|right|correct|true|that's right|that's true)\b/;

/** A question that expects "yes" to mean "no risk": "you marked zero, is that still accurate?". */
export function isNegativeConfirm(question: string): boolean {
  // "Do you feel safe at home?": yes means no risk.
  if (/\b(?:feel|feeling|are you|you're|you are|being) safe\b/.test(question)) return true;
  return (
    /\b(?:zero|none|nothing|no|denied|never)\b/.test(question) &&
    /\b(?:accurate|right|correct|true|still|the case)\b|\b(?:says|said|marked|put) (?:zero|none|no)\b/.test(
      question,
    )
  );
}

/** A negatively phrased question ("you're not having …, are you?"): a bare "yes" is ambiguous. */
function isNegativeQuestion(question: string): boolean {
  return (
    /\b(?:you're not|you are not|you aren't|you haven't|you have not|you don't|you didn't|no)\b/.test(
      question,
    ) && !isNegativeConfirm(question)
  );
}

/** "Do you feel safe at home / with him?": here a "no" means NOT safe. */
const SAFE_Q = /\b(?:feel|feeling|are you|you're|you are|being) safe\b/;
/** Other abuse questions in the same turn, which a "no, never" answers. */
const HARM_Q =
  /\b(?:hurt|hit|harm|push|grab|shove|slap|kick|choke|threaten)\w* you\b|\bphysical\b|\bviolen\w*|\babus\w*/;
/** A "no" that says nobody hurts them, not that they feel unsafe. */
const NO_HARM =
  /\b(?:never|hasn't|has not|doesn't|does not|wouldn't|would not|didn't|did not) (?:\w+ )?(?:hurt|hit|touch|harm|laid|lay|threaten|done anything)\w*\b|\bnothing like that\b|\bnot like that\b/;
/** A promise to follow an instruction ("yes, I will"): not an answer about a risk. */
const COMMITMENT =
  /^(?:(?:yes|yeah|yep|okay|ok|sure|alright|all right|mm-hm|mhm)[,.!\s]*)*(?:i will|i'll|will do|i promise|i can do that|i know|i've got (?:it|the number)|i have the number|got it)\b/;

export function classifyAnswer(answer: string, question: string): AnswerKind {
  const a = answer.toLowerCase().replace(LEAD, '').trim();
  if (COMMITMENT.test(a)) return 'ambiguous';
  if (SAFE_Q.test(question) && !HARM_Q.test(question)) {
    // Only a feel-safe question: "no" is a possible risk, "yes" is a denial.
    if (/^(?:no|nope|nah|not)\b|\bnot (?:really|always|with|at|when)\b|\bi don't\b/.test(a))
      return NO_HARM.test(a) ? 'deny' : 'ambiguous';
  }
  const deny =
    DENY_START.test(a) || DENY_ANY.test(a) || (DENY_PERIOD.test(a) && !OTHER_TIME.test(a));
  const ambiguous = AMBIGUOUS.test(a);
  const substantive = AFFIRM_SUBSTANTIVE.test(a);
  const ack = ACK.test(a);
  if (deny) return ambiguous || substantive ? 'ambiguous' : 'deny';
  if (substantive) return ambiguous ? 'ambiguous' : 'affirm';
  if (ambiguous) return 'ambiguous';
  if (ack) {
    if (isNegativeConfirm(question)) return 'deny';
    if (isNegativeQuestion(question)) return 'ambiguous';
    return 'affirm';
  }
  return 'ambiguous';
}
