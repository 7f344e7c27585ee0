/**
 * Named exercises of interoceptive exposure and similar drills. When a session moves from one to
 * another (spinning → breathing through a straw), each gets its own rating series; repeating the
 * same exercise, or a variation of an in-vivo step, does not split.
 */
const EXERCISES: readonly (readonly [RegExp, string])[] = [
  [
    /\bspin(?:ning|s)?\b|\bswivel chair\b|\bturn(?:ing)? (?:around )?in (?:the|a) chair\b/,
    'spinning',
  ],
  [/\bstraws?\b/, 'straw breathing'],
  [
    /\bhyperventilat\w*|\bover-?breath\w*|\bbreath(?:e|ing) (?:fast|quickly|rapidly|hard)\b/,
    'hyperventilation',
  ],
  [/\bhold(?:ing)? (?:your|the|my) breath\b|\bbreath[- ]?hold\w*/, 'breath holding'],
  [
    /\brun(?:ning)? (?:on|in) (?:the )?(?:spot|place)\b|\bjumping jacks\b|\bstep[- ]?ups\b|\bup and down the stairs\b/,
    'exertion',
  ],
  [
    /\bhead between (?:your )?knees\b|\bshak(?:e|ing) (?:your )?head\b|\bhead (?:down|rush)\b/,
    'head movement',
  ],
  [/\bstar(?:e|ing) at\b|\bmirror\b|\bspot on the wall\b/, 'staring'],
  [/\btens(?:e|ing) (?:up )?(?:all )?(?:your |the )?(?:muscles|body)\b/, 'muscle tension'],
];

const ANY = new RegExp(EXERCISES.map(([re]) => `(?:${re.source})`).join('|'));

/** The exercise a turn sets up or names, if any. */
export function exerciseOf(norm: string): string | undefined {
  if (!ANY.test(norm)) return undefined;
  return EXERCISES.find(([re]) => re.test(norm))?.[1];
}
