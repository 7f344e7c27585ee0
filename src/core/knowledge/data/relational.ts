import { named, says, type InterventionInput } from './cue.js';
import { SRC } from './sources.js';

const IPT = 'Interpersonal Psychotherapy';

/**
 * Addressing two or more people at once ("both of you", "each of you"). In a family session it
 * is family work; with two partners and no parent or child it is couple work, so
 * systemic.family cannot rest on these cues there (see rules.ts).
 */
const EACH_OF_YOU = '(each|every one|both) of you';
const BOTH_OF_YOU_FEEL = '(both of you|you both) (feel|felt|want|wanted|said|are|seem)';
export const GROUP_ADDRESS_PATTERNS: ReadonlySet<string> = new Set([EACH_OF_YOU, BOTH_OF_YOU_FEEL]);

export const RELATIONAL: InterventionInput[] = [
  {
    id: 'ipt.role_dispute',
    name: 'IPT role dispute',
    modality: IPT,
    description:
      'Working on a non-reciprocal expectation with a significant other: identifying the dispute and its stage (renegotiation, impasse, dissolution), each side’s expectations, and options to change them.',
    noteLabel: 'IPT work on an interpersonal role dispute',
    explicitCues: [
      named('role disputes?'),
      named('(renegotiation|impasse|dissolution)\\b'),
      named('non ?reciprocal (role )?expectations'),
    ],
    implicitCues: [
      says(
        '(what|how) (do|does) (you|he|she|they) expect (from|of) (each other|him|her|you|them)',
        0.6,
      ),
      says('(different|mismatched|conflicting) expectations', 0.6),
      says('what do you (want|need) from (him|her|them)', 0.4),
      says(
        '(the )?(fight|argument|conflict|disagreement) (with|between) (you and )?(your )?(husband|wife|partner|mother|father|mom|dad|boss|sister|brother|son|daughter)',
        0.3,
      ),
      says('(your )?mood.{0,40}(fight|argument|conflict)', 0.4),
    ],
    components: [],
    useCases: ['Depression', 'Interpersonal issues'],
    concerns: ['depression', 'relationship_issues'],
    consentExpected: false,
    sources: [SRC.ipt, SRC.seed],
  },
  {
    id: 'ipt.role_transition',
    name: 'IPT role transition',
    modality: IPT,
    description:
      'Helping the client mourn the old role and master the new one after a life change (move, retirement, new baby, divorce, diagnosis, job loss): what was lost and gained, skills and supports for the new role.',
    noteLabel: 'IPT role-transition work',
    explicitCues: [
      named('role transitions?'),
      named('(old|new|former|previous) role\\b'),
      named('(lost|gained).{0,30}(lost|gained)', 0.5),
    ],
    implicitCues: [
      says(
        'what (did|do) you (miss|lose|give up) (about|from|with) (the|your) (old|former|previous)',
        0.7,
      ),
      says('what (was|were) (good|hard|difficult) about (the|your) (old|former|previous)', 0.6),
      says('what (is|might be) (good|positive|an opportunity) about (the|this|your) new', 0.6),
      says(
        '(since|after) (the (move|baby|divorce|diagnosis|layoff|retirement)|you (moved|retired|had the baby|got divorced|were diagnosed|lost (your|the) job))',
        0.4,
      ),
      says('(this|the) (change|transition) in your life', 0.5),
      says('(new|this) (chapter|stage|phase) (of|in) your life', 0.4),
      says('(who|what) (could|can) (support|help) you (in|with) (this|the) new', 0.5),
      says(
        '(since|after|when) you (retired|moved|became a (mom|mother|dad|father|parent)|had the baby|got divorced|separated|lost your job|were laid off|left (work|the job|your job))',
        0.3,
      ),
      says('(the )?(loss|losing) of (your|that|the) (role|identity|job|work|structure)', 0.5),
      says(
        "(what'?s|what is|what has) (the|this|your) new (role|life|routine|chapter)( \\w+){0,3} (got|have|had|brought|given)",
        0.6,
      ),
      says("(it'?s|it is) not (only|just) (the|your) (job|work|role)", 0.5),
      says('(being needed|feeling useful|having a purpose)', 0.3),
      says(
        '(what|who) (were|are) you (at work|before|without (the|your) (job|work))|who you were (at work|before)',
        0.4,
      ),
      says('(new|this|the next) (stage|chapter|phase|season)', 0.3),
      says('(what|anything) (good|positive) about (this|the) (new|change)', 0.5),
      says("what (you|you'?ve) (lost|gained)|(lost|gave up) and what", 0.5),
    ],
    components: [],
    useCases: ['Depression', 'Life changes'],
    concerns: ['depression', 'relationship_issues'],
    consentExpected: false,
    sources: [SRC.ipt, SRC.seed],
  },
  {
    id: 'ipt.grief',
    name: 'IPT grief work',
    modality: IPT,
    description:
      'Facilitating mourning after a death: reconstructing the relationship with the deceased (good and bad), expressing feelings about the loss, and re-engaging with others.',
    noteLabel: 'IPT grief work (complicated bereavement)',
    explicitCues: [
      named('grief work'),
      named('(mourning|mourn)\\b'),
      named('complicated (grief|bereavement)'),
    ],
    implicitCues: [
      says(
        '(tell me|what was) (about )?(him|her|them|your (mother|father|mom|dad|husband|wife|son|daughter|brother|sister)) (like|as a person)',
        0.5,
      ),
      says('(since|after|before) (he|she|they) (died|passed)', 0.5),
      says('(the )?(funeral|anniversary of (his|her|the) death)', 0.4),
      says('what do you miss( (most|the most))?\\b', 0.6),
      says('(the day|the night|the moment|when|before|after) (he|she) died', 0.5),
      says(
        '(go|going|went) (back )?through (it|that day|that time|what happened|the day|her death|his death) (more )?slowly',
        0.4,
      ),
      says(
        '(fuller|whole|full|complete|realistic|balanced|rounded) picture of (your|the) (marriage|relationship|mum|mom|dad|mother|father|husband|wife|partner|him|her)',
        0.6,
      ),
      says('not (just|only) the good (parts|bits|things|times|memories)', 0.6),
      says(
        'what was (he|she|your \\w+|\\w+) like (to live with|as a person|to be married to|back then)',
        0.5,
      ),
      says('what was (he|she) like\\b', 0.4),
      says(
        '(someone|somebody) (you love|you loved|close to you|you care about) (dies|died|passes|passed)',
        0.5,
      ),
      says(
        '(harder|difficult|hard|tough|not so good|less good|painful) (parts|bits|times|things|sides) (of|about|in) (being|living|your|the) (married|marriage|relationship|with)',
        0.6,
      ),
      says(
        '(people|someone|anyone) who (lose|have lost|lost) (someone|a (partner|spouse|husband|wife|parent|child|loved one))',
        0.5,
      ),
      says(
        '(you|the two of you) (and (he|she) )?used to (go|do|play|walk|sit|cook)( \\w+)? together',
        0.4,
      ),
      says(
        '(good|hard|difficult|mixed) (and|or) (bad|hard|difficult|good) (things|memories|times) (about|with)',
        0.6,
      ),
      says('(grief|grieving|loss|death)', 0.25),
    ],
    components: [],
    useCases: ['Depression after bereavement'],
    concerns: ['depression', 'grief'],
    consentExpected: false,
    sources: [SRC.ipt, SRC.seed],
  },
  {
    id: 'ipt.interpersonal_deficits',
    name: 'IPT interpersonal deficits / sensitivity',
    modality: IPT,
    description:
      'Reducing social isolation: reviewing past relationships for patterns, building and practising social skills and new connections.',
    noteLabel: 'IPT work on interpersonal deficits and social isolation',
    explicitCues: [named('interpersonal (deficits?|sensitivity)'), named('social isolation', 0.6)],
    implicitCues: [
      says('(who|anyone) (could|can) you (reach out to|call|connect with)', 0.4),
      says('(make|making|build|building) (new )?(friends|connections)', 0.5),
      says('(lonely|isolated|on your own)', 0.25),
      says('(start|starting|keep) (a|the) conversation', 0.4),
    ],
    components: [],
    useCases: ['Depression with social isolation'],
    concerns: ['depression', 'relationship_issues'],
    consentExpected: false,
    sources: [SRC.ipt],
  },
  {
    id: 'ipt.communication_analysis',
    name: 'Communication analysis and enhancement',
    modality: IPT,
    description:
      'Reconstructing a specific conversation line by line (what was said, meant, felt and heard), finding where it went wrong, generating alternatives and role-playing them.',
    noteLabel: 'Communication analysis and communication enhancement',
    explicitCues: [named('communication analysis'), named('interpersonal inventory')],
    implicitCues: [
      says('what (exactly )?did you say(,)? and (then )?what did (he|she|they) say', 0.8),
      says(
        'what (exactly )?did (he|she|they) say(,)? (and )?(then )?(what|how) did you (say|respond|feel)',
        0.6,
      ),
      says('what did you (want|mean|hope) (him|her|them) to (hear|understand|know)', 0.7),
      says('how else (could|might) you (have )?(say|said|put) (it|that)', 0.7),
      says('(what|how) (might|would|could) you say (it|that) differently', 0.6),
      says("(let'?s )?role ?play (it|the conversation|that conversation)", 0.5),
      says('(the )?link between your (mood|depression) and (your )?relationships?', 0.8),
      says('problem area', 0.5),
      says('what did you say(,)? (to (him|her|them) )?(exactly|first|then)', 0.5),
      says('what (exactly )?did (he|she|they) say (back|then|next|to that|after that)', 0.5),
      says('and what did (he|she|they) say', 0.4),
      says(
        'how did you (feel|react|respond) when (he|she|they) (said|told|did) (that|it|this)',
        0.4,
      ),
      says('what did you (want|need|hope|mean) (him|her|them) to', 0.5),
      says(
        '(go|walk|going|walking|step) (me )?through (that|the|this) (argument|conversation|fight|exchange)',
        0.6,
      ),
      says('how (did|do) you think (he|she|they) (heard|took|understood) (it|that)', 0.5),
      says('how else (could|might|can) you (have )?(put|say|said|ask|asked)', 0.5),
      says('(what|how) (did|does) (he|she|they) (hear|understand)', 0.3),
      says(
        '(take|walk|talk) me through (it|that|the conversation|what happened)( \\w+){0,8} (said|was said|you said|words)',
        0.6,
      ),
      says(
        '(as )?(exactly|word for word)( \\w+){0,4} (what was said|what you said|the words)',
        0.5,
      ),
      says(
        '(what|how) (might|could|would) you (say|put it|ask) (instead|differently|next time)|(say|said) instead of',
        0.6,
      ),
      says("if you could have (that|the|this|sunday|saturday|\\w+'?s) (\\w+ )?(again|over)", 0.4),
    ],
    components: [],
    useCases: ['Depression', 'Interpersonal issues'],
    concerns: ['depression', 'relationship_issues'],
    consentExpected: false,
    sources: [SRC.ipt, SRC.seed],
  },
  {
    id: 'psychodynamic.insight',
    name: 'Psychodynamic exploration and insight',
    modality: 'Psychodynamic therapy',
    description:
      'Exploring recurring patterns, conflicts, defenses and avoided feelings outside awareness, and linking them to build insight.',
    noteLabel: 'Psychodynamic exploration of recurring patterns and defenses',
    explicitCues: [
      named('defen(c|s)es?\\b|defensive(ly)?'),
      named('unconscious(ly)?'),
      named('(repetition|recurring|repeating) (pattern|compulsion|theme)'),
      named('free associat'),
    ],
    implicitCues: [
      says("(it'?s|it is) as if (the|your|that) (anger|sadness|hurt|need|feeling|fear|wish)", 0.5),
      says('what (was|is) (happening|going on) (in|inside) you', 0.4),
      says('(and )?so you become the one who', 0.5),
      says(
        '(resentment|anger|hurt|sadness)( \\w+){0,2} (builds? up|goes underground|has nowhere to go|leaks out)',
        0.5,
      ),
      says('(a )?part of you (that )?(worries|wants|feels|believes|knows|is afraid)', 0.3),
      says("i wonder (if|whether) (part of you|there'?s a part|some part|it'?s (also|safer))", 0.6),
      says('what comes to mind', 0.5),
      says('(notice|noticed) (that )?you (changed the subject|laughed|smiled|moved away)', 0.6),
      says('(outside (of )?your awareness|not (fully )?aware)', 0.5),
      says('(familiar|old) (feeling|pattern|story)', 0.3),
      says('(the )?same (pattern|thing) (keeps|seems to) (happen|come up|repeat)', 0.5),
      says(
        '(what|why) (might|do) you (think|imagine) (you|it) (need|needed) to (protect|keep)',
        0.5,
      ),
      says('(a )?part of you (that|who|wants|is)', 0.3),
      says(
        'i wonder (if|whether) (?!you (could|would|can|might|want|tried))(that|this|it|you|some|there|what|the way|maybe|perhaps)',
        0.4,
      ),
      says(
        "(there'?s|there is|there seems to be|i notice|i see|we see|notice) (a|this|the same|that) (pattern|theme)",
        0.5,
      ),
      says(
        '(a|this|that) (pattern|theme) (where|of|in which|that keeps|in your relationships)',
        0.4,
      ),
      says('(feels?|seems?|sounds?) (so |very |really )?familiar', 0.4),
      says(
        '(brushing|brush|laughing|laugh|making light of|wave|waving|shrug|shrugging) (it|that|this) (aside|off)',
        0.5,
      ),
      says(
        '(protects?|protecting|protected|shield|shields) you from (feeling|how|the|what|being)',
        0.6,
      ),
      says("(keeps?|keeping) (you|the feeling|it|people|me) at (a|arm'?s) (distance|length)", 0.5),
      says('(safer|easier) (not to|than to) (feel|need|want|know)', 0.5),
      says(
        '(noticed|notice|see) (that )?you (just )?(checked|looked at|glanced|paused|went quiet|smiled|laughed|changed)',
        0.5,
      ),
      says(
        '(what|how) (might|does|could) (that|this|it) (connect|be connected|relate|link) to',
        0.4,
      ),
      says(
        '(outside|out of) (your )?awareness|(underneath|beneath|below) (the|that) (anger|sadness|feeling)',
        0.4,
      ),
    ],
    components: [],
    useCases: ['Depression', 'Personality patterns', 'Relationship patterns'],
    concerns: ['depression', 'relationship_issues'],
    consentExpected: false,
    detection: { minTurns: 2 },
    sources: [SRC.psychodynamic, SRC.shedler, SRC.seed],
  },
  {
    id: 'psychodynamic.attachment',
    name: 'Attachment, early relationships and relational focus',
    modality: 'Psychodynamic therapy',
    description:
      'Linking present relationships and feelings to early attachment experiences, and exploring what happens in the therapy relationship (transference, here-and-now).',
    noteLabel: 'Exploration of attachment, early relationships and the therapy relationship',
    explicitCues: [
      named('attachment'),
      named('transference'),
      named('early (relationships?|experiences|memories|attachment)'),
    ],
    implicitCues: [
      says(
        '(so )?(very young|so young|as a (child|kid|little girl|little boy|teenager)|growing up),? you (learned|learnt|had to|became|decided)',
        0.7,
      ),
      says('your job was to (make|keep|look after|take care|protect)', 0.6),
      says(
        '(something similar|the same thing|that) (happens?|happening|might happen) (here|in here)',
        0.6,
      ),
      says(
        "too much for me|you imagined i'?d (be|feel|say)|(annoyed|angry|disappointed|tired) with you",
        0.5,
      ),
      says('when you were (little|young|small|a (kid|child|girl|boy)|growing up)', 0.5),
      says('(as a (kid|child)|growing up|in your family)', 0.3),
      says('(your )?(mother|father|mom|dad|parents) (used to|would|were|was)', 0.3),
      says('(here|in here|in this room) with me|between (us|you and me)', 0.6),
      says(
        "(what'?s|what is|how is) it like (to|for you to) (tell|say|talk (to|with)|share (this|that) with) me",
        0.6,
      ),
      says('(remind|reminds) you of (your|how)', 0.5),
      says(
        '(took|take|taking|looked after|look after|looking after) care of (your )?(mother|father|mom|mum|dad|parents?|little (brother|sister)|siblings)',
        0.5,
      ),
      says(
        '(your )?(mother|father|mom|mum|dad|parents?) (going|went|would go|being|was|were|got) (quiet|silent|cold|distant|away|absent|depressed|drunk|angry)',
        0.4,
      ),
      says(
        '(the way|like|just as) you (might have|may have|used to|once|did|had to) .{0,30}(mother|father|mom|mum|dad|parents?|hers|his|theirs)',
        0.6,
      ),
      says(
        '(echo|echoes|mirror|mirrors|repeat|repeats|repeating|recreat(e|es|ing)) .{0,40}(mother|father|mom|mum|dad|parents?|childhood|growing up|family)',
        0.5,
      ),
      says('(thinking|think|feel|feeling|feelings) (of|about|toward|towards) me', 0.4),
      says('(here )?with me (here|right now|just now|in this room|today)', 0.5),
      says('(as|when you were) a (little )?(child|kid|girl|boy)', 0.3),
      says(
        '(described|told me about|talked about|mentioned) your (father|mother|dad|mom|mum|parents)',
        0.3,
      ),
    ],
    components: [],
    useCases: ['Relationship patterns', 'Depression', 'Trauma'],
    concerns: ['relationship_issues', 'depression'],
    consentExpected: false,
    detection: { minTurns: 2 },
    sources: [SRC.psychodynamic, SRC.seed],
  },
  {
    id: 'humanistic.person_centered',
    name: 'Person-centred, empathic exploration',
    modality: 'Humanistic / person-centred therapy',
    description:
      'Empathic, non-directive exploration of the client’s experience and meaning, trusting the client’s direction; personal growth and narrative exploration.',
    noteLabel: 'Person-centred empathic exploration',
    explicitCues: [
      named('person ?cent(e|r)(red|ered)|client ?cent(e|r)(red|ered)'),
      named('unconditional positive regard'),
      named('(focusing|felt sense)'),
    ],
    implicitCues: [
      says('(stay|staying) with (that|this) (feeling|for a moment)', 0.4),
      says('what (is|was) (that|it) like for you', 0.4),
      says('what do you (need|want) (right now|most)', 0.4),
      says(
        "(what'?s|what is) (happening|going on) (for|inside|in) you (right now|as you|when)",
        0.4,
      ),
      says('(trust|trusting) (yourself|your (own )?(sense|feeling|judgement|judgment))', 0.4),
      says("(you'?re|you are) the expert (on|in) your", 0.6),
      says('(take|taking) your time', 0.2),
      says('(your )?own (pace|terms|answers|direction)', 0.3),
      says('(who|what) (do|would) you want to (become|grow)', 0.5),
      says('(sense|part) of yourself', 0.3),
    ],
    components: [],
    useCases: ['Personal growth', 'Self-esteem', 'Grief', 'Adjustment'],
    concerns: ['articulation_of_emotion', 'depression'],
    consentExpected: false,
    sources: [SRC.rogers, SRC.eft, SRC.seed],
  },
  {
    id: 'systemic.couples',
    name: 'Couple intervention',
    modality: 'Couple therapy',
    description:
      'Working with both partners on their interaction cycle, communication (speaker–listener, softened start-up), attachment needs and repair.',
    noteLabel: 'Couple intervention on the partners’ interaction cycle and communication',
    explicitCues: [
      named('(couples?|marital|marriage) (therapy|counsel+ing|work|session)'),
      named('(pursue|pursuer)(r)?( and |-)?(withdraw|withdrawer)|negative cycle'),
      named('speaker(,)? listener|soft(ened)? start ?up|four horsemen|repair attempt'),
    ],
    implicitCues: [
      says('(turn|turning) (to|toward) (each other|your (partner|wife|husband))', 0.6),
      says('(tell|say (it )?to) (him|her|your (partner|wife|husband)) (directly|now|what)', 0.5),
      says('(can you|could you) (tell|say to|look at) (him|her) ', 0.3),
      says('(when|as) (he|she) (says|said|does) (that|this)(,)? what happens (for|in) you', 0.6),
      says('(both|each) of you', 0.3),
      says('as a couple', 0.5),
    ],
    components: [],
    useCases: ['Relationship issues'],
    concerns: ['relationship_issues'],
    consentExpected: false,
    sources: [SRC.eftCouples, SRC.gottman, SRC.seed],
  },
  {
    id: 'systemic.family',
    name: 'Family / systemic intervention',
    modality: 'Family / systemic therapy',
    description:
      'Working with the family as a system: patterns of interaction, roles, boundaries, circular questions, genograms, enactments.',
    noteLabel: 'Family systemic intervention',
    explicitCues: [
      named('family (therapy|session|meeting|system|rules)'),
      named('genogram|circular question|enactment'),
    ],
    implicitCues: [
      says('(as a|the whole|everyone in the) family', 0.5),
      says(EACH_OF_YOU, 0.4),
      says(
        '(what|how) (does|do|did) (your )?(mom|mum|mother|dad|father|sister|brother|parents|son|daughter|grandma|grandmother|grandad|grandfather|stepmum|stepmom|stepdad) (do|say|react|feel|notice) when (you|he|she|they)',
        0.5,
      ),
      says(
        'who (in the family |in your family |at home )?(\\w+ )?(notices|gets upset|steps in|changes|reacts|calms down|backs down|gives in|feels (most|the most) \\w+) (first|when|most)',
        0.6,
      ),
      says('who (do you think )?(feels|gets|is) (the )?most (\\w+ )?(when|at)', 0.5),
      says(
        '(if i (asked|were to ask)|what would) (your |\\w+ )?(\\w+ )?(what|how|why) (he|she|they|\\w+) (noticed|notices|thinks?|feels?|would say)',
        0.5,
      ),
      says(
        "what (do you think|would you guess) (he|she|they|\\w+) (would|'?d|d|noticed|notices|thinks?|feels?)( say| notice| think)?",
        0.5,
      ),
      says('(or|is it) the other way (round|around)', 0.3),
      says(
        "(the |a )?(pattern|loop|cycle|dance) (i think )?(i'?m|im|i am) (hearing|seeing|noticing)|in (that|this) (loop|cycle|pattern|dance)",
        0.5,
      ),
      says('experiences (him|her|them|you|\\w+) as', 0.5),
      says(BOTH_OF_YOU_FEEL, 0.4),
      says('(take|taking|takes) (\\w+ )?sides?', 0.3),
      says('and then what (does|do|did) (he|she|they|\\w+) (do|say)', 0.4),
      says(
        'how (does|do|did) (everyone|everybody|the rest of (the|your) family|each of you|the others)( \\w+){0,4} (respond|react|cope|handle)',
        0.5,
      ),
      says('everyone (else )?in (the|your) (house|family|home)', 0.4),
    ],
    components: [],
    useCases: ['Relationship issues', 'Child and adolescent problems'],
    concerns: ['relationship_issues'],
    consentExpected: false,
    sources: [SRC.minuchin, SRC.seed],
  },
];
