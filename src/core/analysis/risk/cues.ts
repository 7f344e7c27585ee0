import type { RiskKind } from '../schema.js';

/**
 * Risk language, per kind: what a client says when reporting it (`endorse`), what is only a
 * possible sign (`unclear`), and how a clinician asks about it (`topic`). All patterns run on
 * lower-cased text with figures of speech already blanked (figures.ts); none depends on
 * punctuation.
 *
 * A cue marked `negatable` does not count when a negation comes just before it ("I didn't want to
 * die", "never cut myself"). Cues that already include their negation ("don't want to live") are
 * not negatable. `firstPerson` cues do not count when someone else is the subject ("she wanted to
 * die").
 */
export interface Cue {
  re: RegExp;
  /** The same pattern with the global flag, for scanning every occurrence. */
  g: RegExp;
  level: 'endorsed' | 'unclear';
  negatable: boolean;
  firstPerson: boolean;
  /** The level when suicide has been talked about in the last few turns (e.g. "the overdose"). */
  inSuicideContext?: 'endorsed';
  /** The cue does not count when the whole turn matches this (e.g. a house fire for "pushed me"). */
  unless?: RegExp;
  /** The cue counts only when suicide has been talked about in the last few turns. */
  contextOnly?: boolean;
}

function cue(
  re: RegExp,
  level: Cue['level'] = 'endorsed',
  negatable = true,
  firstPerson = true,
  inSuicideContext?: 'endorsed',
  unless?: RegExp,
  contextOnly = false,
): Cue {
  return {
    re,
    g: new RegExp(re.source, 'g'),
    level,
    negatable,
    firstPerson,
    ...(inSuicideContext ? { inSuicideContext } : {}),
    ...(unless ? { unless } : {}),
    ...(contextOnly ? { contextOnly } : {}),
  };
}

/**
 * Accidents and disasters: being grabbed, pushed or burned in a fire, a crash or a flood is not
 * abuse. Possible-abuse cues do not count in a turn that talks about one.
 */
export const HAZARD =
  /\b(?:fire|fires|smoke|flames?|firefighters?|fireman|firemen|paramedics?|ambulance|flood(?:ing)?|earthquake|storm|tornado|hurricane|crash|car accident|accident|collision|rescued?|lifeguard|the hose|alarm)\b/;

const SUBJ_OTHER =
  '(?:my (?:\\w+ )?(?:dad|father|mom|mother|stepdad|stepfather|stepmom|husband|wife|partner|boyfriend|girlfriend|ex|uncle|aunt|brother|sister|cousin|coach|teacher|boss|grandpa|grandfather|grandma|babysitter|roommate|son|daughter)|he|she|they|dad|mom)';

export const ENDORSE: Readonly<Record<RiskKind, readonly Cue[]>> = {
  suicidal_ideation: [
    cue(
      /\bkill(?:ing)? myself\b|\bend(?:ing)? my (?:own )?life\b|\btak(?:e|ing) my (?:own )?life\b|\bend it all\b|\bsuicidal\b/,
    ),
    cue(/\bbetter off dead\b/),
    cue(
      /\bbetter off (?:without me|if i (?:was|were|wasn't|weren't) (?:here|around|gone|dead|alive))\b/,
      'endorsed',
      true,
      false,
    ),
    cue(
      /\b(?:want|wanted|wanting|wish|wished|wishing|would like) (?:to be dead|i (?:was|were) dead|i was gone|i (?:wasn't|weren't) (?:here|alive|around)|i (?:had )?never (?:been born|woken up|existed)|to die|to disappear forever|to not (?:be here|be alive|exist|wake up)|not to (?:be here|be alive|exist|wake up|live))\b/,
    ),
    cue(
      /\b(?:don't|do not|didn't|did not) (?:really )?(?:want to|wanna) (?:live|be alive|exist|wake up|go on|keep going|be here any ?more|be around any ?more)\b(?!,? (?:at|in|with|working|living) (?:this|the|my|that) (?!world|earth|planet))(?!(?<=go on|keep going)(?: on)?,? (?:(?!living\b)\w+ing|to|about|at|in|doing)\b)/,
      'endorsed',
      false,
    ),
    cue(
      /\b(?:okay|ok|fine|alright|all right|relief|a relief|nice|good|easier|wouldn't mind|wouldn't care|peaceful) if i (?:just )?(?:didn't|did not|never|don't|wouldn't) (?:wake up|make it(?! (?:to|in|on|home|back|there|for))|come back(?! (?:to|for|next|here|tomorrow|on))|exist)\b/,
      'endorsed',
      false,
    ),
    cue(
      /\b(?:go|went|going|fall|falling|fell) (?:to sleep|asleep) and (?:just )?(?:not|never|don't|didn't|wouldn't) (?:wake|woke) up\b/,
      'endorsed',
      false,
    ),
    // Passive ideation: it would not matter / be a relief if I were gone; a wish not to exist.
    cue(
      /\b(?:matter|care|mind|notice|be (?:so )?bad|be the worst thing|be a bad thing|easier|better|simpler|a relief|peaceful|fine|okay|ok|alright|all right) if i (?:just )?(?:(?:didn't|did not|never|don't|wouldn't) (?:wake up|wake|make it(?! (?:to|in|on|home|back|there|for))|come back(?! (?:to|for|next|here|tomorrow|on))|exist|survive|live|get up again)|(?:wasn't|weren't|was not) (?:here|around|alive|there any ?more)|(?:was|were) (?:gone|dead|not here|not around)|died|disappeared|stopped existing|got hit by|was hit by|ended up dead)\b/,
      'endorsed',
      false,
    ),
    cue(
      /\bwhat (?:would|does|will|did) it (?:even )?matter if i (?:was|were|wasn't|weren't|died|disappeared|didn't|wasn't)\b|\bhope i (?:just )?(?:don't|do not|won't|will not|wouldn't|never) wake up\b|\bi(?:'d| would) rather (?:be dead|not (?:be alive|exist|be around any ?more|wake up))\b/,
      'endorsed',
      false,
    ),
    cue(
      /\b(?:want|wanted|wanting|wish|wished|wishing|a wish|longing|hoping) (?:to|i could|that i could|i was able to) (?:just |simply |sort of |kind of )?(?:not (?:be|being) (?:here|there|around|alive)(?! (?:at|in|for|with|on) (?:the|this|that|my|work|school|class|church)\b)|stop (?:existing|living|being alive)|disappear (?:for good|forever|permanently|and never come back)|go to sleep (?:and|forever)|not wake up|not exist|vanish (?:for good|forever))/,
      'endorsed',
      false,
    ),
    cue(
      /\b(?:i|i'm|i am|just|really) (?:\w+ )?(?:don't|do not) (?:really |even )?(?:want to|wanna) be (?:here|around|alive) any ?more\b(?!,? (?:at|in|with|working|living) (?:this|the|my|that) (?!world|earth|planet))/,
      'endorsed',
      false,
    ),
    cue(
      /\b(?:don't|do not) care (?:if|whether) i (?:live|die|wake up|make it)\b|\b(?:world|everyone|everybody|people|they|family|kids) (?:would be|'d be) (?:better|easier|fine|happier) (?:off )?without me\b|\bno (?:point|reason|sense) (?:in )?(?:going on|carrying on|living|being alive|being here|staying alive)\b|\bdon't see (?:the|much|a) (?:point|reason) (?:in|of|to) (?:living|going on|life|being alive|carrying on|staying alive)\b|\b(?:tired|sick|exhausted) of (?:living|being alive|life|existing|this life)\b|\bwish i (?:was|were|had) never (?:been )?born\b|\b(?:wish|wished|hope|hoping|hoped|pray|praying) (?:that )?(?:a |some )?(?:car|bus|truck|lorry|train|plane|something) (?:would |will |might )?(?:hit|hits|run over|runs over|crash|crashes|happen(?:s|ed)? to) me\b|\b(?:wish|wished|hope|hoping|hoped) i (?:would |'d |could )?(?:get|got) (?:hit|run over|killed|cancer|sick and die)\b/,
      'endorsed',
      false,
    ),
    cue(
      /\bwish (?:i could|i'd|to) (?:just )?(?:disappear|vanish|go away|not be here)\b|\bdark (?:thoughts|places?)\b|\bwhat(?:'s| is| would be) the point (?:any ?more|of anything|of any of it|of it all)\b|\bwhat (?:would|does) it (?:even )?matter(?= ?(?:$|[.?!,…]|any ?more|anyway))|\bwant (?:it all|everything) to (?:stop|end)\b/,
      'unclear',
      false,
    ),
    cue(
      /\b(?:no|not any|don't see any|don't have a|don't have any) (?:reason|point) (?:to|in|of|for) (?:live|living|going on|being alive|being here|life)\b/,
      'endorsed',
      false,
    ),
    cue(
      /\b(?:life|living) (?:isn't|is not|wasn't|was not|ain't|doesn't feel|not) worth (?:living|it)\b/,
      'endorsed',
      false,
    ),
    cue(
      /\b(?:thoughts?|thinking|thought|think) (?:about|of) (?:dying|death|being dead|ending (?:it|my life|things)|killing myself|suicide|not being (?:here|around|alive)|not existing|not waking up)\b/,
    ),
    cue(/\btired of (?:living|being alive|life)\b/),
    cue(
      /\bwhat's the point (?:of|in) (?:living|going on|being alive|life|being here|carrying on|staying alive)\b/,
      'endorsed',
      false,
    ),
    cue(
      /\b(?:nice|good|easier|better|a relief|peaceful|restful) to (?:just )?(?:not exist|not be (?:here|alive|around)|not wake up|stop existing|be dead|disappear (?:for good|forever))\b|\b(?:wants?|wanted|wanna) to (?:just )?(?:sleep forever|die|be dead|not be alive)\b|\bnot wanting to (?:be here|be around|live|be alive|wake up|exist)\b|\b(?:don't|do not) (?:really )?(?:want to|wanna) be (?:here|around|alive) no more\b/,
    ),
    cue(
      /\b(?:everyone|everybody|they|my family|my kids|people) (?:would|'d) be better off\b/,
      'endorsed',
      false,
    ),
    cue(/\bwouldn't be around (?:much longer|any ?more)\b/, 'endorsed', false),
    cue(
      /\bcan't go on\b|\bi(?:'m| am) (?:just |such )?a burden\b|\bdon't want to be here\b/,
      'unclear',
      false,
    ),
    cue(
      /\b(?:want|wish|wanted) (?:i could |to )?(?:join|be with) (?:him|her|them) (?:again|in heaven|up there|on the other side)\b/,
      'unclear',
    ),
    cue(/(?<!(?:by|committed|his|her|their|'s|about|of) )\bsuicide\b/, 'unclear'),
  ],
  suicide_plan: [
    cue(
      /\b(?:thought about|figured out|know|worked out|planned|decided) (?:how|when|where) (?:i(?:'d| would| will| could)|to) (?:do it|kill myself|end it|die|end my life)\b/,
    ),
    cue(
      /\b(?:stockpil\w+|sav(?:ed|ing) up|hoard(?:ed|ing)) (?:my |some )?(?:pills|meds|medications?|tablets)\b/,
    ),
    cue(
      /\bhang myself\b|\bjump (?:off|in front of) (?:a|the)\b.{0,30}\b(?:die|end it|kill)|\boverdose on\b/,
    ),
    cue(
      /\b(?:i have|i've got|i had|i made|i've made) a plan\b(?=.{0,60}\b(?:kill|die|suicide|end (?:it|my life)|pills|gun|rope|overdose)\b)/,
    ),
    cue(/\bwrote (?:a|my) (?:suicide|goodbye) (?:note|letter)\b/),
  ],
  suicide_attempt_history: [
    cue(
      /\b(?:i|i've|i have|i had) (?:\w+ )?(?:tried|attempted) (?:to )?(?:kill myself|suicide|end (?:it|my life|things)|take my (?:own )?life|overdose|od)\b/,
    ),
    cue(
      /\b(?:my|last|previous|first|second) suicide attempts?\b|\bwhen i (?:overdosed|od'd|tried to (?:kill myself|end it))\b|\bslit (?:my )?wrists?\b/,
    ),
    cue(
      /\b(?:hospitali[sz]ed|in the hospital|psych ward) (?:after|because|when) i (?:tried|attempted|took|overdosed)\b/,
    ),
    cue(
      /\b(?:after|since|before|from|following) (?:my|the|that) suicide attempt\b|\b(?:when|the time|that time|after|since) i (?:tried to (?:kill myself|end (?:it|my life|things)|take my (?:own )?life|hang myself|drown myself|gas myself|poison myself)|overdosed|od'd)\b/,
    ),
    cue(
      /\b(?:hospitali[sz]ed|in (?:the )?hospital|psych ward|inpatient|sectioned|(?:icu|a&e|er|the er|intensive care)) (?:\w+ ){0,4}(?:after|because|when) i (?:tried|attempted|took (?:all|a bunch|too many|a handful|my|those|the)|overdosed|swallowed)\b|\bkept me (?:in|on) (?:the )?(?:psych ward|hospital|ward|unit) after i (?:tried|took|overdosed|swallowed)\b/,
    ),
    // "My attempt", "after the attempt": only a suicide attempt when suicide is being talked about.
    cue(
      /\b(?:my|the|that) (?:last |first |previous |second )?attempts?\b(?! (?:at|to (?!kill|end|take)))/,
      'unclear',
      false,
      true,
      'endorsed',
      undefined,
      true,
    ),
    // A past overdose or "took all those pills": endorsed when suicide is being talked about, else unclear.
    cue(
      /\b(?:the|my|that|an|last|previous|first|second) (?:overdose|od)\b|\b(?:i )?overdosed\b|\b(?:took|swallowed|taken) (?:all|a whole|a bunch of|a handful of|a bottle of|too many|loads of|all of|a load of|a box of|a packet of|a whole bottle of) (?:my |those |the |of my |of the |of those |\w+'s |my \w+'s )?(?:pills|tablets|meds|medication|sleeping pills|paracetamol|tylenol|painkillers)\b/,
      'unclear',
      true,
      true,
      'endorsed',
    ),
  ],
  self_harm: [
    cue(
      /\b(?:cut|cuts|cutting|burn(?:ed|t|ing)?|scratch(?:ed|ing)?|hit(?:ting)?|punch(?:ed|ing)?|bang(?:ed|ing)?|hurt(?:ing)?|harm(?:ed|ing)?|bit(?:e|ing)?) (?:myself|my (?:arms?|legs?|wrists?|thighs?|stomach|skin|head))\b/,
    ),
    cue(/\bself[- ]?harm\w*\b|\bslit (?:my )?wrists?\b/),
    // Self-injury acts described in other words: nails dug in, hair pulled out, head banged.
    cue(
      /\b(?:dig|digs|digging|dug) (?:my )?(?:finger)?nails (?:into|in) (?:my|the skin|myself)\b|\b(?:pull|pulled|pulling|pulls|rip|ripped|ripping|tear|tore|tearing) (?:out )?(?:my (?:own )?hair|(?:my )?hair out)\b|\b(?:hit|hits|hitting|bang|banged|banging|bash|bashed|bashing|slam|slammed|slamming|punch|punched|punching) my (?:head|fists?) (?:against|on|into) (?:the )?(?:wall|walls|floor|door|desk|table|mirror)\b|\bscratch(?:ed|es|ing)? (?:at )?(?:myself|my (?:arms?|skin|legs?|wrists?|face|hands?)) (?:until|till|raw|so hard|to bleed)\b|\bscratch(?:ed|ing)? until (?:it|they|i) (?:bled|bleed|bleeds)\b|\b(?:burn|burned|burnt|burning) (?:myself|my (?:arms?|skin|hands?|wrists?|legs?)) (?:with|on)\b/,
    ),
    cue(
      /\burges? to (?:cut|hurt myself|harm myself|self[- ]?harm|burn|hit myself|scratch)\b|\b(?:self[- ]?harm|cutting) urges?\b/,
    ),
    cue(
      /\b(?:the|my) cutting\b|\bcutting again\b|\bstarted cutting\b|\b(?:want|wanted|wanting) to cut\b/,
    ),
  ],
  homicidal_ideation: [
    cue(
      /\b(?:want|wanted|wanting|going|gonna|thinking about|thought about|thoughts of|fantasi[sz]e about|fantasi[sz]ing about|plan to|urges? to) (?:to )?(?:kill|hurt|harm|stab|shoot|strangle|beat up|attack|murder)(?:ing)? (?:him|her|them|someone|somebody|people|my \w+|that \w+|the \w+|everyone|anybody|anyone)\b/,
    ),
    cue(/\bhomicidal\b/),
    cue(
      /\b(?:could|'d|would) (?:just )?(?:kill|strangle|murder|hurt|stab) (?:him|her|them|my \w+)\b/,
      'unclear',
    ),
  ],
  abuse_or_neglect: [
    cue(
      new RegExp(
        `\\b${SUBJ_OTHER} (?:\\w+ ){0,2}(?:hit|hits|hitting|beat|beats|beating|slapped|slaps|punched|punches|kicked|kicks|choked|chokes|strangled|shoved|shoves|raped|molested|abused|abuses|threatened|threatens) (?:me|us|him|her|them|my (?:mom|mother|sister|brother|kids?|son|daughter|children))\\b|\\b${SUBJ_OTHER} (?:\\w+ ){0,2}burn(?:ed|s|t) (?:me|us|my (?:arm|hand|kids?|son|daughter)) with\\b`,
      ),
      'endorsed',
      true,
      false,
    ),
    cue(
      new RegExp(
        `\\b${SUBJ_OTHER} (?:\\w+ ){0,2}(?:hurts|hurt|touched|touches|pushed|pushes|grabbed|grabs|locks|locked) (?:me|us|my (?:kids?|son|daughter|children))\\b(?! (?:out|outside|to safety|away from the|through the|down the stairs))`,
      ),
      'unclear',
      true,
      false,
      undefined,
      HAZARD,
    ),
    cue(
      /\b(?:i was|i've been|i have been|i got|i get|i was being|was) (?:\w+ )?(?:abused|molested|raped|assaulted|beaten|attacked) (?:by|as a kid|as a child|when i was|growing up)?/,
    ),
    cue(
      /\b(?:sexual(?:ly)?|physical(?:ly)?|emotional(?:ly)?|verbal(?:ly)?) (?:abuse|abused|abusive|assault(?:ed)?)\b|\babusive\b|\bdomestic (?:violence|abuse)\b/,
    ),
    cue(/\bthreaten(?:s|ed)? to (?:kill|hurt|hit|take the kids)\b/, 'endorsed', true, false),
    cue(
      new RegExp(
        `\\b${SUBJ_OTHER} (?:\\w+ ){0,2}(?:gets?|got|getting) (?:rough|physical|violent) with (?:me|us|my (?:kids?|son|daughter|children))\\b|\\b${SUBJ_OTHER} (?:\\w+ ){0,2}(?:throws?|threw|throwing) (?:things|stuff|\\w+) at (?:me|us)\\b`,
      ),
      'unclear',
      true,
      false,
      undefined,
      HAZARD,
    ),
    cue(
      /\b(?:afraid|scared|terrified) (?:of (?:him|my (?:dad|father|husband|partner|boyfriend|girlfriend|mom|mother|stepdad|stepfather|wife))|to go home)\b|\bnot safe (?:at home|with (?:him|her))\b/,
      'unclear',
      true,
      true,
      undefined,
      HAZARD,
    ),
    cue(
      /\b(?:no|not enough) food in the house\b|\bleft (?:me|us|alone) (?:alone )?for days\b|\bnobody (?:fed|took care of) (?:me|us)\b/,
      'unclear',
    ),
  ],
  substance_use: [
    cue(
      /\b(?:i|i've|i have|i had|i'd|i was|i am|i'm|been|we) (?:\w+ ){0,2}(?:drinking (?:a lot|more|again|every|too much|heavily|most|daily|alone|in the)|drunk|wasted|hammered|stoned|getting high|got high|blacking out|blacked out|hungover)\b/,
    ),
    cue(
      /\b(?:been|started|was|i'm|am|i) using (?:again|drugs|meth|coke|cocaine|heroin|pills|opioids|fentanyl|every day|daily)\b|\busing again\b/,
    ),
    cue(
      /\b(?:drink|drinking|drank|use|using|used|smoke|smoking|smoked) (?:\w+ )?to (?:cope|sleep|forget|calm down|numb|relax|get through|take the edge off|deal|feel|fall asleep|function)\b/,
    ),
    cue(
      /\b(?:a few|a couple|couple|several|two|three|four|five|six|\d+) (?:of )?(?:drinks|beers|glasses of wine|glasses|shots|bottles|cans) (?:every|each|a|per) (?:night|day|evening)\b|\ba bottle (?:of \w+ )?(?:a|every|each) (?:night|day)\b/,
    ),
    cue(
      /\bdrank (?:a lot|too much|way too much|a whole bottle|until|heavily|myself)\b|\bbinge drink\w*\b/,
    ),
    cue(
      /\b(?:smoke[ds]?|smoking) (?:weed|pot|a joint|joints|marijuana|crack|meth)\b|\b(?:took|taking|popped|popping|snorted|snorting|did|doing|used|using) (?:some |a few |a bunch of |extra |more |a lot of )?(?:pills|xanax|percs?|percocets?|oxy\w*|vicodin|coke|cocaine|meth|heroin|molly|ecstasy|acid|shrooms|mushrooms|ketamine|edibles|benzos|adderall|lines)\b/,
    ),
    cue(
      /\bcrav(?:e|ing|ings) (?:for )?(?:a )?(?:drink|drinks|alcohol|beer|wine|weed|a hit|drugs|pills|a cigarette)\b|\burges? to (?:drink|use)\b/,
    ),
    cue(/\brelaps(?:e|ed|ing) (?:on|with)\b|\bfell off the wagon\b/),
    // Quantity and frequency: "I open a bottle … it's usually gone. Most nights".
    cue(
      /\b(?:open|opened|finish|finished|get through|got through|go through|went through|polish off|polished off|down|downed|drink|drank) (?:a|the|half a|a whole|most of a|two|three|\d+) (?:big )?(?:bottles?|six-?packs?|cases?)\b(?=[^?]{0,200}\b(?:most|every|each|all) (?:night|nights|day|days|evening|evenings|weekend)\b)|\b(?:most|every|each) (?:night|nights|day|days|evening|evenings)\b[^?]{0,60}\b(?:open|finish|get through|go through|drink|have) (?:a|the|half a|a whole|most of a|two|three) (?:big )?(?:bottles?|six-?packs?)\b/,
    ),
    // Loss of control or need: "I need it" said about the drink, a trip out for more.
    cue(
      /\b(?:i (?:don't like|hate|hate it|worry) (?:that|how|when) )?i (?:\w+ )?need (?:it|a drink|to drink|a glass|my wine|the wine|a bottle|a beer)\b(?=[^?]{0,140}\b(?:bottles?|wine|beer|drink\w*|vodka|booze|alcohol)\b)|\b(?:drove|went|ran|walked|nipped|popped) (?:out |back |down )?to the (?:shops?|store|liquor store|off-licen[cs]e|bottle shop|bar|pub|gas station|petrol station|corner shop|supermarket)\b[^.?!]{0,60}\b(?:because|cause|since|as) (?:the |my |i'd |i had |we'd |we had )?(?:bottle|wine|beer|vodka|booze|drink|alcohol)s? (?:was|were|had|ran) (?:empty|gone|out|finished|run out)\b|\bcan(?:'t|not) (?:stop (?:drinking|at one)|go (?:a|one) (?:day|night|evening) without (?:a drink|drinking|wine|beer|it))\b|\b(?:drink|drank|drinking) (?:more|longer) than i (?:meant|intended|planned|wanted) to\b/,
      'endorsed',
      false,
    ),
    cue(/\b(?:need|needed) a drink\b|\bhangovers?\b/, 'unclear'),
  ],
  psychosis: [
    cue(
      /\b(?:hear|hearing|heard) (?:voices|things (?:that|other people|nobody|no one)|someone (?:calling|whispering) (?:my name|to me))\b/,
    ),
    cue(/\bvoices (?:tell(?:ing)?|say(?:ing)?|talk(?:ing)?|that (?:tell|say)|in my head)\b/),
    cue(
      /\b(?:see|seeing|saw) (?:things|people|shadows|figures) (?:that aren't|that are not|that weren't|nobody else|no one else|other people can't)\b/,
    ),
    cue(
      /\b(?:they|people|someone|the government|the neighbou?rs|the cia|the fbi|cameras) (?:are|is|were|was|keep|keeps) (?:watching|following|tracking|spying on|monitoring|poisoning|after) me\b/,
    ),
    cue(
      /\b(?:reading|read|controlling|control|putting thoughts in|stealing) my (?:mind|thoughts)\b|\bputting thoughts (?:in|into) my head\b|\bthoughts (?:being|are being|were being) (?:put|inserted|broadcast|taken)\b/,
    ),
    cue(
      /\b(?:tv|television|radio|songs?|the news) (?:is|are|was|were) (?:sending|talking to|giving) me\b|\bmessages (?:meant )?(?:just )?for me\b/,
    ),
    cue(/\bspecial (?:powers|mission)\b|\bnot real\b.{0,20}\b(?:people|voices)\b/, 'unclear'),
  ],
};

/** One pattern per kind that matches whenever any of its cues could: a cheap first test. */
export const ENDORSE_ANY: Readonly<Record<RiskKind, RegExp>> = Object.fromEntries(
  Object.entries(ENDORSE).map(([kind, cues]) => [
    kind,
    new RegExp(cues.map((c) => `(?:${c.re.source})`).join('|')),
  ]),
) as Record<RiskKind, RegExp>;

/** Family members in the room reporting the client's risk in the third person. */
export const THIRD_PERSON: Partial<Record<RiskKind, RegExp>> = {
  self_harm:
    /\b(?:cut|cuts|cutting|hurt|hurts|hurting|harm|harms|harming|burn|burns|burning)s? (?:himself|herself|themselves)\b|\bself[- ]?harm\w*\b/,
  suicidal_ideation:
    /\bkill (?:himself|herself|themselves)\b|\b(?:he|she|they) (?:\w+ )?(?:wants?|wanted|talks? about wanting) to die\b|\bsuicidal\b/,
  substance_use:
    /\b(?:he|she|they)(?:'s| is| has been| have been| was) (?:drinking|using|smoking weed|getting high|drunk|high)\b/,
};

/** How a clinician asks about each kind. */
export const TOPIC: Readonly<Record<RiskKind, RegExp>> = {
  suicidal_ideation:
    /\bsuicid\w*|\bkill(?:ing)? (?:yourself|themselves|themself|himself|herself)\b|\b(?:not|don't|do not|didn't) (?:wanting|want|wanna|wanted) to (?:be alive|live|be here|be around|wake up|exist)\b|\bend(?:ing)? your (?:own )?life\b|\btak(?:e|ing) your (?:own )?life\b|\b(?:wanting|want|wish(?:ing)?|wished) (?:to|you were|you was) (?:die|dead|be dead|not be (?:here|alive|around))\b|\bbetter off dead\b|\bnot (?:to )?(?:be|being) (?:here|alive|around)\b|\bthoughts? (?:of|about) (?:death|dying)\b|\blife (?:isn't|is not|not) worth\b|\bdon't want to (?:live|be alive|wake up)\b|\bnot wak(?:e|ing) up\b|\bend (?:it all|things)\b/,
  suicide_plan:
    /\b(?:a plan|any plans?|plan(?:ned)? (?:how|to)|(?:thought|thinking|thinks) about how|details of how|intention of acting|intend(?:ing)? to act|act on (?:them|these thoughts|those thoughts|the thoughts)|how you (?:would|might|could|'d) (?:do it|go about it|end it|kill yourself|end your life|do that)|how you would|method|means|access to (?:a )?(?:guns?|firearms?|weapons?|pills|medications?)|guns? (?:in the|at) (?:house|home)|firearms?|intent(?:ion)? to act|intend to)\b/,
  suicide_attempt_history:
    /\b(?:ever|before|past|previous|history)\b.{0,40}\b(?:tried|attempt\w*)\b|\b(?:done|did|prepared to do|started to do|prepared) anything to (?:end your life|kill yourself|take your (?:own )?life)\b|\battempt\w* (?:to )?(?:suicide|kill|end)\b|\btried to (?:kill|end|hurt) yourself\b|\bsuicide attempts?\b|\battempts?\b/,
  self_harm:
    /\bcut(?:ting)?\b|\bself[- ]?harm\w*|\b(?:hurt|harm|burn)(?:ing|ed)? (?:yourself|themselves|himself|herself|themself)\b|\bscratching\b|\bscratch(?:ed)? yourself\b|\burges? to (?:cut|harm|hurt)\b|\bact(?:ed)? on (?:the|that|those|any) urges?\b/,
  homicidal_ideation:
    /\bhomicid\w*|\b(?:hurt(?:ing)?|harm(?:ing)?|kill(?:ing)?) (?:anyone|someone|somebody|anybody|other people|others|him|her|them)\b|\bhurt (?:anyone|someone) else\b/,
  abuse_or_neglect:
    /\babus\w*|\bsafe at home\b|\b(?:feel(?:ing)?|are you|you're|you are|being) (?:safe|unsafe) (?:at home|with|around|there|in the house)\b|\b(?:anyone|anybody|someone|somebody|he|she|they|your \w+)(?: at home| in the house| there| in your (?:house|home|family))? (?:ever )?(?:hurt|hurts|hurting|hit|hits|hitting|touch(?:ed|es|ing)?|harm(?:ed|s|ing)?|threaten(?:ed|s|ing)?|push(?:ed|es|ing)?|grab(?:bed|s|bing)?|shove[sd]?|slap(?:ped|s)?|kick(?:ed|s)?|chok(?:e|ed|es)) you\b(?! (?:out|outside|to safety|when (?:he|she|they) (?:pulled|carried|got)))|\b(?:gotten|get|got|gets|getting|become|became) (?:physical|violent)\b|\bphysical (?:fights?|violence|altercations?|with (?:you|each other))\b|\bdomestic (?:violence|abuse)\b|\bviolen(?:t|ce) (?:at home|in the (?:house|home|relationship)|between you)\b|\b(?:laid|lay|lays|put|puts|putting) (?:a |their |his |her )?hands? on you\b|\bforc(?:ed|es|ing) you to\b|\bafraid of (?:him|her|anyone|your)\b|\bneglect\w*/,
  substance_use:
    /\balcohol\b|\bdrinking\b|\bdrinks?\b|\bdrugs\b|\bdrug (?:use|using|taking|problems?|habit|abuse|tests?|screens?)\b|\b(?:street|recreational|illegal|illicit|hard|party) drug\b|\bweed\b|\bmarijuana\b|\bcannabis\b|\bsubstances?\b|\b(?:using|use) anything\b|\bcocaine\b|\bmeth\b|\bopioids?\b|\bpills\b|\bvaping\b|\bgetting high\b|\bdrunk\b|\bbeer\b|\bwine\b/,
  psychosis:
    /\b(?:hear|hearing|heard) (?:voices|things)\b|\bsee(?:ing)? things\b|\b(?:watching|following|spying on|out to get) you\b|\bparano\w*|\bvoices\b|\breading your mind\b|\bmessages (?:from|on|in) the (?:tv|radio)\b/,
};

/** Words that make a plan / attempt question about suicide rather than anything else. */
export const SUICIDE_CONTEXT =
  /\bsuicid\w*|\bkill(?:ing)? yourself\b|\bend(?:ing)? your life\b|\bto die\b|\bbetter off dead\b|\bnot (?:be|being) here\b|\bhurt(?:ing)? yourself\b|\bdying\b/;
/** Words that make a question about ideation itself (not only attempts or plans). */
export const IDEATION_WORDS =
  /\bthoughts?\b|\bthinking\b|\bwant(?:ing|ed)?\b|\bwish\w*\b|\bfeel(?:ing)? like\b|\burges?\b/;
