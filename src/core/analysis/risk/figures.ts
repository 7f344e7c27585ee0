/**
 * Figures of speech and everyday phrases that contain risk words but are not risk statements
 * ("she'll be the death of me", "dying to see it", "killing it at work", "shoot me an email",
 * "cut myself some slack", "beat myself up", "drinking more water"). They are blanked out before
 * any risk cue is matched.
 *
 * Decision on "I could kill him for that": with "for …" it is the idiom of exasperation and is
 * blanked (not a risk statement); "I could kill him" without it is left for the homicidal cues,
 * which read it as `unclear` (see cues.ts), so a clinician looks at it.
 */
const FIGURES: readonly RegExp[] = [
  /\b(?:be )?the death of (?:me|us|him|her)\b/g,
  /\bdying (?:to|for)\b/g,
  /\b(?:die|died|dying) (?:of|from) (?:laughter|laughing|embarrassment|shame|boredom|curiosity|thirst|hunger|the heat|cuteness)\b/g,
  /\b(?:\w+ )?to death\b/g,
  /\bdead (?:tired|serious|set|end|wrong|right|ringer|beat|last|center|centre|on|weight|giveaway|quiet|silence)\b/g,
  /\bdeadlines?\b/g,
  /\b(?:phone|battery|car|laptop|plant|plants|legs|arms|feet|hands|tv|line|conversation|party|town|office|engine|dog|cat|grandma|grandpa|grandmother|grandfather|father|mother|dad|mom|husband|wife|brother|sister|friend)(?:'s)? (?:was |were |is |are |went |had |has |just |totally |completely )*(?:dead|died)\b/g,
  /\bkill(?:s|ing|ed)? it\b/g,
  /\bkill(?:ing)? (?:some )?time\b/g,
  /\bkill(?:ing)? two birds\b/g,
  /\b(?:is|are|was|were|'s|'re) (?:really |just |literally |totally )?killing (?:me|us)\b/g,
  /\b(?:that|this|it|you|he|she|they|the joke|the show) (?:totally |literally |just |absolutely )?killed me\b/g,
  /\b(?:would|could|'d) (?:literally )?kill for\b/g,
  /\b(?:could|would|'d|gonna|going to) (?:have |'ve )?(?:just |literally |honestly )?(?:kill(?:ed)?|strangled?|murder(?:ed)?|throttled?) (?:him|her|them|you|my \w+|that \w+) (?:for|when|if)\b/g,
  /\bshoot me (?:a|an) \w+\b/g,
  /\b(?:give it|take|took|gave it|worth) a shot\b/g,
  /\bover my dead body\b/g,
  /\bdrop dead\b/g,
  /\b(?:i'd|i would|i'll) rather die than\b/g,
  /\bkill(?:ing)? myself (?:laughing|to get|trying|over|at work|for this|working)\b/g,
  /\b(?:cut|cutting) (?:myself|me|yourself|you|him|her) (?:some |a little )?slack\b/g,
  /\bcut(?:ting|s)? (?:it|that|this) out\b/g,
  /\bcut(?:ting|s)? (?:back|down|corners|class|classes|school|ties|in line|off|out|loose|short)\b/g,
  /\bcut(?:ting|s)? (?:the|my|his|her|our) (?:grass|lawn|cake|hair|nails|onions?|vegetables|veggies|bread|budget|hours|losses|cord|line)\b/g,
  /\bcut myself (?:shaving|cooking|chopping|by accident|accidentally|on (?:a|the|some))\b/g,
  /\bhurt (?:myself|my \w+) (?:at the gym|lifting|playing|running|skiing|falling|by accident|accidentally|at work|when i fell)\b/g,
  /\bbeat(?:ing)? (?:myself|yourself|himself|herself|ourselves) up\b/g,
  /\bhigh (?:school|five|up|hopes|bar|road|alert|horse|point|chair|functioning|standards?|cholesterol|blood (?:pressure|sugar)|sugar|fever|temperature|risk|levels?|anxiety|stress|energy|protein|fat|calories|fibre|fiber)\b/g,
  /\b(?:hurt|injured?|harm(?:ed)?) (?:yourself|myself|himself|herself|themselves) (?:\w+ ){0,2}?(?:in|during|from|at|when|while|on) (?:the |this |that |a |my |your |his |her )?(?:fall|accident|crash|game|match|gym|practice|training|workout|ice|stairs)\b/g,
  /\b(?:fall|falls|fell|falling|trip|tripped|tripping|slip|slipped|slipping) (?:\w+ ){0,3}?and (?:really )?(?:hurt|injure|injured|break|broke) (?:myself|my \w+)\b/g,
  // Non-alcoholic drinks: "drank too much coffee", "four glasses of orange juice a day",
  // "sugar-free drinks", "how much coffee you're drinking".
  /\b(?:drink|drinks|drinking|drank)(?: (?!and\b|but\b|or\b|then\b|with\b|beers?\b|wine|vodka|whisk|alcohol|booze|liquor|gin\b|rum\b|cider|spirits|shots?\b|lager|tequila|cocktails?)[\w'-]+){0,3}? (?:water|coffee|coffees|tea|teas|juice|juices|milk|soda|sodas|pop|lemonade|smoothies?|hot chocolate|cola|energy drinks?|milkshakes?|shakes?|squash|kombucha|espressos?|lattes?|cappuccinos?)\b/g,
  /\b(?:water|coffee|coffees|tea|juice|milk|soda|sodas|pop|lemonade|smoothies?|cola|squash|espressos?|lattes?)(?: (?!and\b|but\b|or\b|then\b|with\b|beers?\b|wine|vodka|whisk|alcohol|booze|liquor|gin\b|rum\b|cider|spirits|shots?\b|lager|tequila|cocktails?)[\w'-]+){0,2}? (?:drink|drinks|drinking|drank)\b/g,
  /\b(?:sugar[- ]free|sugary|soft|fizzy|energy|diet|sports|protein|juice|non[- ]?alcoholic|alcohol[- ]free|hot|cold|caffeinated|decaf|low[- ]calorie|zero[- ]calorie|sweet|milky|health) drinks?\b/g,
  /\b(?:a |one |two |three |four |five |six |\d+ )?(?:glass|glasses|cup|cups|bottle|bottles|can|cans|mug|mugs|pints?|litres?|liters?) of (?:\w+ )?(?:water|milk|juice|coffee|tea|soda|pop|lemonade|cola|squash)(?: (?:a|per|every|each) (?:day|night|morning|evening))?\b|\b(?:something|anything) to drink\b/g,
  /\b(?:get|grab|bring|want|like|need|offer) (?:you |yourself |me )?(?:a|some) (?:drink|water|coffee|tea)\b/g,
  /\bhang(?:ing)? (?:out|in there|up|on|around)\b/g,
  /\bvoices? of reason\b|\binner voice\b|\bvoice in (?:my|the back of my) head\b|\b(?:critical|critic|little|that|this) voice\b/g,
  /\b(?:it|that|this|reality|the news) (?:really |finally |suddenly )?hit me\b/g,
  /\bhit(?:s|ting)? (?:the|a|rock) (?:gym|road|wall|button|snooze|books|spot|hay|jackpot|ground|bottom|sack|high notes?|target|deadline)\b/g,
  /\bhit me up\b|\bhits? (?:home|different|hard)\b/g,
  /\b(?:pushed|pushes|push|pushing) (?:me|us|him|her) away\b/g,
  /\b(?:my|the) (?:shot|shots) (?:at|for)\b|\b(?:flu|covid|booster) shot\b/g,
  /\bblow(?:ing)? off steam\b/g,
  /\bshot (?:a|an|him a|her a) (?:text|email|message|look)\b/g,
];

/** All figures in one pass. */
const ALL_FIGURES = new RegExp(FIGURES.map((r) => `(?:${r.source})`).join('|'), 'g');
/** Words every figure contains; text without any of them has nothing to blank. */
const TRIGGER =
  /death|dead|di(?:e|ed|ing)\b|kill|shoot|shot|cut|hurt|beat|high|drink|drank|glass|cup|bottle|\bcans?\b|mug|pint|lit(?:re|er)|hang|voice|hit|push|blow|injur|broke|break/;

/** The text with figures of speech blanked out (same length is not kept). */
export function stripFigures(norm: string): string {
  if (!TRIGGER.test(norm)) return norm;
  return norm.replace(ALL_FIGURES, ' ~ ');
}
