/**
 * What a rating is about, from the words around it, and how a clinician asks for one.
 * Order matters: more specific scales come first.
 */

const SCALES: readonly (readonly [RegExp, string])[] = [
  [
    /\bsimilar\w*|\bhow close (?:was|is|did|does) (?:that|it|this)\b|\bhow (?:much|close) (?:was|is|did) (?:that|it|this) (?:like|feel like)\b/,
    'similarity to panic',
  ],
  [/\bsuds\b|\bsubjective units\b|\bdistress\w*|\bdiscomfort\b|\bthermometer\b/, 'distress'],
  [
    /\burges? (?:to|of) (?:self[- ]?harm|cut|hurt|harm|burn|scratch)|\bself[- ]?harm(?:ing)? urges?|\burges? to self[- ]?harm/,
    'self-harm urge',
  ],
  [
    /\burges? (?:to|for) (?:drink|use|smoke|get high|gamble|binge|purge)|\bcravings?\b|\bcraving\b/,
    'urge to use',
  ],
  [/\burges?\b/, 'urge'],
  [/\bbeliev\w*|\bbelief\b|\bbelievab\w*|\bhow true\b|\bhow much do you buy\b/, 'belief'],
  [/\banxi\w+|\bnervous\w*|\bfear\b|\bscared\b|\bpanic\w*|\bworr(?:y|ied)\b/, 'anxiety'],
  [/\bmoods?\b/, 'mood'],
  [/\bconfiden\w+/, 'confidence'],
  [/\bimportan\w+/, 'importance'],
  [/(?<!when(?:ever)? you're )\bready\b|\breadiness\b|\bwilling\w*/, 'readiness'],
  [/\bmotivat\w+/, 'motivation'],
  [/\bpleasure\b|\benjoy\w*/, 'pleasure'],
  [/\bmastery\b|\baccomplish\w*/, 'mastery'],
  [/\bpain\b/, 'pain'],
  [/\bsad\b|\bsadness\b/, 'sadness'],
  [/\bang(?:er|ry)\b/, 'anger'],
  [/\bshame\b|\bashamed\b/, 'shame'],
  [/\bguilt\w*/, 'guilt'],
  [/\bhope(?:ful|less)?(?:ness)?\b/, 'hopefulness'],
  [/\bstress\w*/, 'stress'],
  [/\benergy\b/, 'energy'],
  [/\bsleep\b/, 'sleep quality'],
  [/\bcalm\w*|\brelax\w*/, 'calm'],
  [/\bintensity\b|\bhow (?:strong|intense)\b/, 'intensity'],
  [/\bvivid\w*/, 'vividness'],
  [/\bsatisf\w+/, 'satisfaction'],
  [
    /\bhow (?:has|have|is|was|were|are) (?:the|your|things in the|things in your) (?:relationship|marriage)\b|\b(?:relationship|marriage) (?:has )?(?:felt|feel|feels|been)\b/,
    'relationship satisfaction',
  ],
];

const SCALES_G = SCALES.map(([re, scale]) => [new RegExp(re.source, 'g'), scale] as const);

export interface ScaleHit {
  scale: string;
  /** Offset of the cue word in the searched text. */
  at: number;
}

/** The scale named in `text`; with `before`, the nearest cue that ends at or before that offset. */
const ANY_SCALE = new RegExp(SCALES.map(([re]) => `(?:${re.source})`).join('|'));

/** Any scale word at all (cheap test). */
export function hasScaleWord(text: string): boolean {
  return ANY_SCALE.test(text);
}

export function findScale(text: string, before?: number): ScaleHit | undefined {
  if (!ANY_SCALE.test(text)) return undefined;
  let best: ScaleHit | undefined;
  for (const [g, scale] of SCALES_G) {
    for (const m of text.matchAll(g)) {
      if (before !== undefined && m.index > before) break;
      if (!best || (before !== undefined && m.index > best.at)) best = { scale, at: m.index };
      if (before === undefined) return best;
    }
  }
  return best;
}

/** Kinds of distress that are SUDS when measured during exposure. */
export function isDistressScale(scale: string): boolean {
  return scale === 'distress';
}
export function isAnxietyScale(scale: string): boolean {
  return scale === 'anxiety';
}

const SPEC_100 =
  /\b(?:zero|0|one|1) (?:to|through|-) (?:a hundred|one hundred|100)\b|\bout of (?:a hundred|one hundred|100)\b|\bzero\b.{0,40}\b(?:a hundred|one hundred|100)\b|\bpercent\b|%/;
const SPEC_10 =
  /\b(?:zero|0|one|1) (?:to|through|-) (?:ten|10)\b|\bout of (?:ten|10)\b|\bzero\b.{0,40}\bten\b|\b(?:one|1)\b.{0,40}\bten being\b/;
const SPEC_5 = /\b(?:zero|0|one|1) (?:to|through|-) (?:five|5)\b|\bout of (?:five|5)\b/;
const SPEC_ANY =
  /\bon a scale\b|\bscale of\b|\b(?:put|give|pick|got) (?:it |that |this |me )?(?:a )?numbers?\b|\bwhat(?:'s| is| was| were) (?:the|your|that) (?:number|rating|peak|level)\b|\bnumber\??$|\bnumbers?\b|\brate\b|\brating\b|\bhow much (?:do|did|would|does) (?:you|it) (?:believe|buy|grab)\b|\bhow (?:true|strong|intense|ready|confident|important|motivated|willing|anxious|nervous|distressed|upset|sad|angry|bad|high)\b|\bwhere(?:'s| is| was| would| are)\b.{0,40}\b(?:now|at|land|be|put|the (?:urge|anxiety|distress|mood|number|grab|craving))\b|\bthe peak\b/;

export interface RatingPrompt {
  /** The clinician asked for a number (a scale, "what's the number", "how much do you believe"). */
  spec: boolean;
  scale?: string;
  scaleMax?: number;
  /** Asked about the present moment ("right now", "sitting here"). */
  now: boolean;
}

/** How a clinician turn asks for a rating, if it does. */
export function ratingPrompt(norm: string): RatingPrompt {
  // The range said first wins: "on a scale from 0 to 10, … 10 meaning 100% confident" is 0–10.
  let max: number | undefined;
  let at = Infinity;
  for (const [re, m] of [
    [SPEC_10, 10],
    [SPEC_5, 5],
    [SPEC_100, 100],
  ] as const) {
    const hit = re.exec(norm);
    if (hit && hit.index < at) {
      at = hit.index;
      max = m;
    }
  }
  const spec = max !== undefined || SPEC_ANY.test(norm);
  const hit = findScale(norm);
  // A number asked for on an explicit range with no scale word ("zero to ten, how has the week
  // felt?") is still a self-rating.
  const scale =
    hit?.scale ?? (max !== undefined && /\bhow\b/.test(norm) ? 'self-rating' : undefined);
  return {
    spec,
    ...(scale ? { scale } : {}),
    ...(max !== undefined ? { scaleMax: max } : {}),
    now: /\b(?:right now|sitting here|at the moment|in this moment|just now)\b/.test(norm),
  };
}

const EXPOSURE =
  /\bexposure\b|\bladder\b|\bhierarchy\b|\brungs?\b|\bhabituat\w*|\bstay with (?:the|that|it)\b|\bsafety behaviou?rs?\b|\bhelpers\b|\blet's (?:go|do it|do one) again\b|\bsame rules\b/;

/** Exposure language nearby, so anxiety ratings there are SUDS. */
export function isExposureTalk(norm: string): boolean {
  return EXPOSURE.test(norm);
}
