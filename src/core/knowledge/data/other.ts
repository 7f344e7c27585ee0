import { named, says, type InterventionInput } from './cue.js';
import { SRC } from './sources.js';

const MI = 'Motivational Interviewing';

export const OTHER: InterventionInput[] = [
  {
    id: 'safety.safety_planning',
    name: 'Safety planning',
    modality: 'Suicide and crisis safety',
    description:
      'Collaborative written safety plan: warning signs, internal coping, people and places for distraction, people to ask for help, professionals and crisis lines, making the environment safe (means restriction), reasons for living.',
    noteLabel: 'Collaborative safety planning',
    explicitCues: [
      named('safety plan(ning)?'),
      named('means (restriction|safety)|lethal means'),
      named(
        'crisis (line|text line|number|hotline)|988\\b|nine eight eight|suicide (hotline|lifeline)',
        0.5,
      ),
      named('reasons for living'),
    ],
    implicitCues: [
      says(
        '(lock|locking) (up|away)|(give|giving) (the|your) (pills|medications?|gun|firearm)',
        0.6,
      ),
      says('(who|which person) (could|can|would) you (call|reach out to|text)', 0.5),
      says('(keep|keeping) (yourself|you) safe', 0.6),
      says('(go to|call) (the )?(er|emergency|911)', 0.5),
      says('warning signs?', 0.3),
      says('(people|places) (that|who) (can )?(help|distract)', 0.5),
    ],
    components: [
      {
        id: 'warning_signs',
        name: 'Warning signs',
        cues: [
          says(
            'warning signs?|(signs|clues) (that )?(a|the) crisis|(how|when) (do|will|would) you know (it|a crisis|things)',
            0.3,
          ),
        ],
      },
      {
        id: 'internal_coping',
        name: 'Internal coping and distraction',
        cues: [
          says(
            '(on your own|by yourself).{0,40}(distract|take your mind|cope|calm)|(take|taking) your mind off|(what|things) (can|could) you do (on your own|by yourself)',
            0.3,
          ),
        ],
      },
      {
        id: 'contacts',
        name: 'People to contact',
        cues: [
          says(
            '(who|which person|someone|anyone) (could|can|would|you could) (you )?(call|text|reach out)',
            0.3,
          ),
        ],
      },
      {
        id: 'professionals',
        name: 'Professionals and crisis lines',
        cues: [
          says(
            'crisis (line|text line|number|hotline|team)|988\\b|nine eight eight|after ?hours|emergency (room|department|services)|911|(my|your) (number|therapist|psychiatrist|doctor)',
            0.3,
          ),
        ],
      },
      {
        id: 'means',
        name: 'Making the environment safe',
        cues: [
          says(
            'means|lock|pills|gun|firearm|medications?|(make|making) (your|the) (place|home|house|room) safe',
            0.4,
          ),
        ],
      },
      {
        id: 'reasons_for_living',
        name: 'Reasons for living',
        cues: [says('reasons? (for living|to live|to stay)', 0.4)],
      },
    ],
    useCases: ['Suicidal ideation', 'Self-harm', 'Crisis'],
    concerns: ['self_harm', 'crisis'],
    consentExpected: false,
    detection: { minScore: 1.5, minTurns: 2 },
    sources: [SRC.stanley, SRC.jobes],
  },
  {
    id: 'safety.risk_assessment',
    name: 'Structured risk assessment',
    modality: 'Suicide and crisis safety',
    description:
      'A deliberate, multi-question risk assessment: ideation, plan, intent, means, history and protective factors, or a DBT diary-card check of acts, urges and suicidal thoughts. A single screening question is not enough.',
    noteLabel: 'Structured suicide and self-harm risk assessment',
    explicitCues: [
      named('risk assessment'),
      named(
        '(thoughts|thinking) (of|about) (suicide|killing yourself|ending your life|taking your life)',
      ),
      named('suicid(e|al)'),
    ],
    implicitCues: [
      says('(do|did) you have a plan', 0.6),
      says('(any )?intent(ion)? to (act|do|follow)', 0.6),
      says('(act|acted) on (the|those|that|it|them)? ?(urges?|thoughts?)', 0.6),
      says('access to (pills|a gun|guns|firearms|weapons|medications?)', 0.6),
      says('(ever|before|in the past) (tried|attempted|made an attempt)', 0.6),
      says('(wanting|want) to die|not (want to )?be here|better off dead', 0.5),
      says('(hurt|hurting|harm|harming) yourself|self ?harm|cutting', 0.4),
    ],
    components: [],
    useCases: ['Suicidal ideation', 'Self-harm', 'Crisis'],
    concerns: ['self_harm', 'crisis'],
    consentExpected: false,
    sources: [SRC.cssrs, SRC.jobes, SRC.dbt],
  },
  {
    id: 'mi.open_question',
    name: 'MI open questions',
    modality: MI,
    description: 'Open questions that invite the client to explore and elaborate (OARS: O).',
    noteLabel: 'Motivational interviewing: open questions',
    explicitCues: [named('motivational interviewing', 0.3)],
    implicitCues: [
      says('^(so )?(what|how|tell me|in what ways|help me understand)\\b', 0.3),
      says('what (brings|brought) you', 0.3),
    ],
    components: [],
    useCases: ['Ambivalence about change', 'Substance use', 'Health behaviour change'],
    concerns: ['substance_use', 'motivation'],
    consentExpected: false,
    detection: { minScore: 1 },
    sources: [SRC.mi, SRC.miti],
  },
  {
    id: 'mi.affirmation',
    name: 'MI affirmations',
    modality: MI,
    description:
      'Genuine statements recognising the client’s strengths, efforts and values (OARS: A).',
    noteLabel: 'Motivational interviewing: affirmations',
    explicitCues: [],
    implicitCues: [
      says(
        "(you'?ve|you have) (really )?(worked|put|shown|done|been) (hard|a lot|so much|real)",
        0.5,
      ),
      says('(that|it) (took|takes) (a lot of )?(courage|guts|strength|effort)', 0.6),
      says("(you'?re|you are) (clearly |really )?(someone|a person) who", 0.6),
      says("(that'?s|that is) a (real )?strength", 0.6),
      says('(i|i really) (appreciate|admire|respect) (your|that you|how you)', 0.5),
      says('(you|your) (care|caring) (a lot|deeply|so much) about', 0.5),
      says(
        '(took|takes|take|must have taken) (a lot of |real |some |so much |a great deal of )?(courage|guts|strength|effort|honesty|commitment|determination)',
        0.6,
      ),
      says(
        "(you'?ve|you have) (already )?(shown|proven|proved) (that )?(you|yourself|real|a lot)",
        0.6,
      ),
      says("(you'?ve|you have) already (done|managed|made|taken|cut|started|stopped)", 0.5),
      says('you (really |clearly |obviously )?(care|cared) (a lot |so much |deeply )?about', 0.5),
      says(
        "(you'?re|you are) (really |clearly |so |very )?(determined|resourceful|committed|persistent|honest with yourself|a (good|caring|loving) (dad|mom|mum|father|mother|parent))",
        0.5,
      ),
      says('(says|shows) (a lot|something) about (you|who you are)', 0.6),
      says(
        "(you|you should|you can) be (really )?proud|(i'?m|i am) (really )?(impressed|struck by)",
        0.5,
      ),
    ],
    components: [],
    useCases: ['Ambivalence about change'],
    concerns: ['substance_use', 'motivation'],
    consentExpected: false,
    detection: { minScore: 1 },
    sources: [SRC.mi, SRC.miti],
  },
  {
    id: 'mi.reflection',
    name: 'MI reflections',
    modality: MI,
    description:
      'Simple and complex reflections of the client’s meaning, feelings and ambivalence (OARS: R).',
    noteLabel: 'Motivational interviewing: reflective listening',
    explicitCues: [],
    implicitCues: [
      says(
        "^(so )?(it sounds like|sounds like|you'?re (saying|feeling|worried|wondering|not sure)|you feel|you'?re)",
        0.3,
      ),
      says(
        '(part of you|on the one hand).{0,80}(and|but) (another part|on the other( hand)?|part of you)',
        0.7,
      ),
    ],
    components: [],
    useCases: ['Ambivalence about change'],
    concerns: ['substance_use', 'motivation'],
    consentExpected: false,
    detection: { minScore: 1 },
    sources: [SRC.mi, SRC.miti],
  },
  {
    id: 'mi.summary',
    name: 'MI summaries',
    modality: MI,
    description:
      'Collecting, linking and transitional summaries of what the client said, especially change talk (OARS: S).',
    noteLabel: 'Motivational interviewing: summaries',
    explicitCues: [
      named(
        "let me (see if i can |try to )?(sum(marize)?|pull|put) (this|that|it|some of (this|that)|what you'?ve said) (up|together)",
      ),
      named('(to|so to|let me) summari[sz]e'),
      named("(here'?s|this is) what i'?(ve|m) (heard|hearing)"),
    ],
    implicitCues: [
      says('(so )?(on the one hand|one side).{0,120}(on the other|other side)', 0.4),
      says('(you|you’ve) (mentioned|said|told me) (a few|several|some) (things|reasons)', 0.5),
      says('did i (get|miss) (that|anything)', 0.4),
      named("let me (see|check) (if|whether|that) i'?(ve)? (got|get|understand|understood)", 0.9),
      says("so far (you'?ve|you have) (told|said|mentioned|described|shared)", 0.8),
      says(
        "(let me|can i|let'?s|i'?d like to|i want to) (pull|bring|put|tie|gather) (it|this|that|these|everything|all (of )?(this|that|it)|some of (this|that)|a few things) (all )?together",
        0.9,
      ),
      says("(let me|can i|let'?s|i'?d like to|i want to) (recap|sum (it|this|that) up)", 0.8),
      says('(to|so to|quick) recap|so to sum up|in summary', 0.7),
      says('(is there )?anything (i missed|i left out|i got wrong|you want to add)', 0.4),
      says(
        "(tell me|let me know|correct me) (what|if|where) i'?(ve| have)? ?(miss|missed|got (it |that )?wrong|left out)",
        0.4,
      ),
    ],
    components: [],
    useCases: ['Ambivalence about change'],
    concerns: ['substance_use', 'motivation'],
    consentExpected: false,
    detection: { minScore: 1 },
    sources: [SRC.mi, SRC.miti],
  },
  {
    id: 'mi.change_talk',
    name: 'Evoking change talk',
    modality: MI,
    description:
      'Evoking the client’s own reasons for change: importance and confidence rulers, decisional balance, looking forward/back, querying extremes, and responding to change talk.',
    noteLabel: 'Motivational interviewing: evoking change talk (importance and confidence rulers)',
    explicitCues: [
      named('change talk|decisional balance'),
      named(
        '(how|on a scale).{0,50}(important|confident|ready)(.{0,40}(zero|0|one|1) to (ten|10))?',
        0.7,
      ),
      named('why (a|not a) (\\w+ )?(lower|higher|zero|one|two|three)( number)?', 0.8),
      named(
        'why (a |an )?\\w+ (and )?(not|rather than|instead of) (a |an )?(zero|one|two|three|four|five|six|seven|eight|nine|ten|lower|higher|\\d+)',
        0.8,
      ),
      named('(what|how) would it take (to|for you to) (go|get|move) (from|up to|to) (a )?', 0.8),
    ],
    implicitCues: [
      says(
        '(good things|not so good things|benefits|downsides|pros|cons) (about|of) (drinking|smoking|using|vaping|gambling|your|the|changing|cutting)',
        0.6,
      ),
      says(
        'what (are|might be) (some of )?(the|your) reasons (to|for|you might want to) (change|cut|quit|stop)',
        0.7,
      ),
      says('(how|what) would (your life|things) be different if', 0.5),
      says('(where|what) does (that|this) leave you', 0.5),
      says('what (do|would) you (want|like) to do about', 0.5),
      says("(what'?s|what is) (the|your) (next step|worst that could happen)", 0.3),
      says('(looking|look) (ahead|forward|back).{0,40}(years?|months?)', 0.4),
      says('(ambivalen|mixed feelings about (changing|cutting|quitting|stopping))', 0.5),
    ],
    components: [],
    useCases: ['Ambivalence about change', 'Substance use', 'Health behaviour change'],
    concerns: ['substance_use', 'motivation'],
    consentExpected: false,
    sources: [SRC.mi, SRC.miti],
  },
  {
    id: 'tech.vr_exposure',
    name: 'VR-assisted exposure',
    modality: 'Technology-assisted therapy',
    description:
      'Exposure delivered through a virtual-reality headset or scenario, graded by intensity, with SUDS.',
    noteLabel: 'Virtual-reality-assisted exposure',
    explicitCues: [named('virtual reality|\\bvr\\b'), named('(the )?headset')],
    implicitCues: [
      says('(the )?(scenario|simulation|virtual) (level|scene|environment)', 0.6),
      says('(turn|turning) (up|down) the (intensity|level|crowd)', 0.4),
    ],
    components: [],
    useCases: ['Phobias', 'PTSD', 'Social anxiety'],
    concerns: ['anxiety', 'trauma_ptsd'],
    consentExpected: true,
    harmMonitoring:
      'As for in vivo exposure (SUDS before, peak and after); also watch for cybersickness.',
    sources: [SRC.vr, SRC.seed],
  },
  {
    id: 'tech.biofeedback',
    name: 'Biofeedback / HRV feedback',
    modality: 'Technology-assisted therapy',
    description:
      'Real-time physiological feedback (heart-rate variability, skin conductance, muscle tension) to learn relaxation or paced breathing.',
    noteLabel: 'Biofeedback-assisted relaxation (HRV)',
    explicitCues: [
      named('bio ?feedback|neuro ?feedback'),
      named('heart rate variability|\\bhrv\\b'),
      named('(skin conductance|galvanic|emg)\\b'),
    ],
    implicitCues: [
      says('(watch|look at) (the )?(screen|line|graph|wave).{0,40}(breath|heart)', 0.6),
      says('(sensor|monitor) (on|clip)', 0.5),
      says('resonan(t|ce) (frequency|breathing)', 0.7),
    ],
    components: [],
    useCases: ['Anxiety', 'Stress', 'Chronic pain'],
    concerns: ['anxiety'],
    consentExpected: false,
    sources: [SRC.biofeedback, SRC.seed],
  },
  {
    id: 'homework.assigned',
    name: 'Homework assigned',
    modality: 'Any modality',
    description: 'A between-session task set in this session (detected by the homework extractor).',
    noteLabel: 'Between-session practice assigned',
    explicitCues: [named('homework|between sessions?|practice (this|for the) week')],
    implicitCues: [says('(for|over) (this|the next|the coming) (week|month)', 0.5)],
    components: [],
    useCases: ['Any modality'],
    concerns: [],
    consentExpected: false,
    sources: [SRC.kazantzis, SRC.seed],
  },
  {
    id: 'homework.reviewed',
    name: 'Homework reviewed',
    modality: 'Any modality',
    description:
      'Review of the previous between-session task (detected by the homework extractor).',
    noteLabel: 'Review of between-session practice',
    explicitCues: [named('(did|how did) (you|the) (do )?(the )?(homework|practice)')],
    implicitCues: [says('(how|what) (was|did) (it|the week) (go|like)', 0.3)],
    components: [],
    useCases: ['Any modality'],
    concerns: [],
    consentExpected: false,
    sources: [SRC.kazantzis],
  },
];
