import { anyone, client, named, says, type CueInput, type InterventionInput } from './cue.js';
import { SRC } from './sources.js';

const MODALITY = 'Exposure therapy';
const HARM =
  'Rate SUDS before, at peak and after; stay within the agreed hierarchy step; watch for dissociation or escalating distress; the client may pause or stop at any time; debrief before the client leaves.';

/** Phrases shared by every exposure form: SUDS, staying until distress drops, repetition. */
const SUDS: CueInput[] = [
  says('suds\\b|subjective units', 0.6),
  says('(zero|0) to (a )?(hundred|100)', 0.4),
  says(
    "(what'?s|where'?s|what is) (the|your) (number|distress|anxiety)( now| right now| at)?",
    0.3,
  ),
  says('(what was it|where was it) at the peak|peak (was|number|anxiety)', 0.4),
  says(
    '(stay|staying) (with|in) (the|that) (feeling|anxiety|discomfort|memory|image|situation)',
    0.5,
  ),
  says('(until|till) (the|your) (number|anxiety|distress|fear) (comes|come|goes|drops) down', 0.7),
  says('(let|letting) (the|your) (anxiety|distress|fear) (come down|drop|peak) on its own', 0.7),
];

/**
 * Patterns of the shared SUDS cues: the detector credits them only to the exposure form with
 * the most specific evidence in the session, so an in vivo session is not also "imaginal".
 */
export const SHARED_EXPOSURE_PATTERNS: ReadonlySet<string> = new Set(SUDS.map((c) => c.pattern));

export const EXPOSURE: InterventionInput[] = [
  {
    id: 'exposure.in_vivo',
    name: 'In vivo exposure (graded, with response prevention)',
    modality: MODALITY,
    description:
      'Real-life, graded approach to feared situations along a hierarchy (ladder), staying until distress drops, with SUDS ratings and without safety behaviors or compulsions (exposure and response prevention).',
    noteLabel: 'Graded in vivo exposure with response prevention',
    explicitCues: [
      named('in ?vivo'),
      named('(?<!(prolonged|imaginal|interoceptive|narrative|written|reality|vr) )exposures?\\b'),
      named('(fear |exposure |anxiety )?(hierarchy|ladder)'),
      named('response prevention|erp\\b'),
      named('(next|new) (rung|step on the ladder)'),
      anyone(
        '(?<!(prolonged|imaginal|interoceptive|narrative|written|reality|vr) )exposures?\\b',
        0.4,
      ),
      says(
        '(stay|staying|remain|remaining) in the (situation|queue|line|shop|store|room|lift|elevator|supermarket|car|bus|train|crowd|party|meeting)',
        0.5,
      ),
      says(
        '(practi[cs]e|practicing|practising) (staying|going|standing|waiting|riding|driving|walking|touching|eating) (in|into|on|at|through|near)',
        0.4,
      ),
    ],
    implicitCues: [
      ...SUDS,
      // Safety behaviours are part of every CBT model of anxiety: naming them is no exposure.
      says('safety behaviou?rs?', 0.5),
      // "… makes sense as a next step" is a figure of speech, not a rung of a hierarchy.
      says('(?<!as a )(next|new|same) (step|rung)', 0.4),
      says('(without|no|not) (washing|checking|wash|check|reassurance)', 0.5),
      says(
        '(drop|dropping|let go of|letting go of) (the|those|your) (helpers|crutches|safety)',
        0.7,
      ),
      says(
        '(practice|practicing|practise) (with|facing|doing) (the )?(things?|situations?|places?)( that)? (you|the thoughts?|your (fear|anxiety|ocd))',
        0.6,
      ),
      says('(face|facing|approach|approaching) (the|your|what you) (fear|situation|avoid)', 0.5),
      says("(let'?s )?(go|do it|try it) again", 0.2),
      says('(your )?(body|brain) (is )?(learning|figuring out|learns)', 0.4),
      says('(stay|sit) with (it|the discomfort)', 0.3),
      says('(ride|riding) (the|it) (elevator|bus|train|escalator)', 0.3),
      client('(seventy|sixty|fifty|forty|thirty|twenty|eighty|ninety)( five)?\\b', 0.05),
    ],
    components: [
      {
        id: 'hierarchy',
        name: 'Hierarchy / ladder step chosen',
        cues: [says('hierarchy|ladder|rung|(?<!as a )(next|same) step', 0.5)],
      },
      {
        id: 'suds_ratings',
        name: 'SUDS before, peak and after',
        cues: [says("suds|(zero|0) to (a )?(hundred|100)|what'?s the number|peak", 0.4)],
      },
      {
        id: 'response_prevention',
        name: 'Response prevention / dropping safety behaviors',
        cues: [
          says('safety behaviou?rs?|response prevention|helpers', 0.5),
          says('(without|no) (washing|checking|rail|reassurance)', 0.4),
        ],
      },
      {
        id: 'stay_until_drop',
        name: 'Staying until distress drops; repetition',
        cues: [
          says(
            '(stay|staying) with the feeling|(until|till) the (number|anxiety) (comes|goes) down',
            0.5,
          ),
          says('(go|do it) again|repeat', 0.2),
        ],
      },
    ],
    useCases: ['Phobias', 'OCD', 'Panic disorder', 'PTSD avoidance', 'Social anxiety'],
    concerns: ['anxiety', 'ocd', 'panic', 'trauma_ptsd'],
    consentExpected: true,
    harmMonitoring: HARM,
    sources: [SRC.abramowitz, SRC.inhibitory, SRC.seed],
  },
  {
    id: 'exposure.imaginal',
    name: 'Imaginal exposure',
    modality: MODALITY,
    description:
      'Repeated, prolonged recounting or visualising of a feared memory or image (eyes closed, present tense), with SUDS ratings during it and processing afterwards.',
    noteLabel: 'Imaginal exposure to a feared memory or image',
    explicitCues: [
      named('imaginal'),
      named('prolonged exposure'),
      named('(revisit|revisiting) the memory', 0.8),
      named('scripted (exposure|imagery)', 0.8),
    ],
    implicitCues: [
      ...SUDS,
      says('(close your eyes|eyes closed).{0,60}(memory|tell me|describe|picture|imagine)', 0.6),
      says('(in the )?present tense', 0.6),
      says("as if (it'?s|it is) happening (right )?now", 0.6),
      says('(stay|staying) (with|in) (the )?(memory|image|imagery|picture|scene)', 0.7),
      says('what (do you|are you) (see|hear|smell|feeling) (now|right now)', 0.4),
      says('(go|going) back (to|into) (the|that) (memory|moment|scene)', 0.5),
      says('hot ?spots?', 0.6),
      says('worst (moment|part) of (the|that) (memory|day|night)', 0.4),
    ],
    components: [
      {
        id: 'recounting',
        name: 'Recounting in present tense',
        cues: [says('present tense|as if', 0.4)],
      },
      {
        id: 'suds_ratings',
        name: 'SUDS during the exposure',
        cues: [says('suds|(zero|0) to (a )?(hundred|100)', 0.3)],
      },
      {
        id: 'processing',
        name: 'Processing afterwards',
        cues: [says('what (did you notice|stood out)|hot ?spots?', 0.3)],
      },
    ],
    useCases: ['PTSD', 'OCD (feared images)', 'Generalized anxiety (worry exposure)'],
    concerns: ['trauma_ptsd', 'anxiety', 'ocd'],
    consentExpected: true,
    harmMonitoring: HARM,
    sources: [SRC.pe, SRC.abramowitz, SRC.seed],
  },
  {
    id: 'exposure.interoceptive',
    name: 'Interoceptive exposure',
    modality: MODALITY,
    description:
      'Deliberately inducing feared bodily sensations (spinning, breathing through a straw, hyperventilation, running on the spot) to learn that they are safe.',
    noteLabel: 'Interoceptive exposure to feared bodily sensations',
    explicitCues: [
      named('interoceptive'),
      named('(breath(e|ing)|breathe)( \\w+){0,2} through (a|the) (\\w+ )?(straw|stirrer)'),
      named(
        '(spin|spinning) (around )?(in|on) (the|a|your|this|that) (\\w+ )?chair|spin (around )?in circles',
      ),
      named('(over ?breath(e|ing)|hyperventilat(e|ing|ion)) (on purpose|for)', 0.9),
    ],
    implicitCues: [
      ...SUDS,
      says(
        '(bring|bringing|brings|stir|stirring|induce|inducing|create|creating) (on |up )?(\\w+ ){0,3}(sensations?|symptoms?|feelings|dizziness|racing heart|breathlessness)',
        0.7,
      ),
      says(
        '(sensations?|symptoms?|dizzy|dizziness|racing heart|breathless(ness)?)( \\w+){0,3} (on purpose|deliberately)',
        0.6,
      ),
      says('(run|running|jog|jogging) (in place|on the spot)', 0.5),
      says(
        '(how )?(similar|close) (is|was) (that|it|this) to (a|your) (panic|attacks?)|(similar|close) to your (panic|attacks?)',
        0.7,
      ),
      says('(over ?breath(e|ing)|hyperventilat(e|ing))', 0.5),
      says(
        '(on purpose|deliberately).{0,40}(sensations?|dizz|heart|breathless|light ?headed)',
        0.4,
      ),
      says(
        '(stair|step) ups|(tense|tensing) (your )?whole body|stare at (the|a) (light|bulb)',
        0.4,
      ),
      says('(feared|scary) (bodily )?sensations?', 0.5),
      says('shake your head (side to side|from side)', 0.6),
    ],
    components: [],
    useCases: ['Panic disorder', 'Health anxiety'],
    concerns: ['panic', 'anxiety'],
    consentExpected: true,
    harmMonitoring: `${HARM} Screen for medical contraindications (cardiac, respiratory, seizure, pregnancy) before inducing sensations.`,
    sources: [SRC.craske, SRC.seed],
  },
  {
    id: 'exposure.flooding',
    name: 'Flooding (prolonged non-graded exposure)',
    modality: MODALITY,
    description:
      'Prolonged exposure to the most feared situation or stimulus without a graded build-up, staying until anxiety falls.',
    noteLabel: 'Flooding (prolonged, non-graded exposure)',
    explicitCues: [
      named('flooding'),
      named('(start|starting|go|going) (straight )?(at|to|with) the top of the (ladder|hierarchy)'),
      named('implosive'),
    ],
    implicitCues: [
      says(
        '(most|the most) (feared|frightening|scary) (situation|thing).{0,40}(straight away|right away|all at once|first)',
        0.6,
      ),
      says('(no|without) (build(ing)? up|gradual|small steps)', 0.4),
      says('(all at once|in one go|full intensity)', 0.3),
    ],
    components: [],
    useCases: ['Specific phobias', 'PTSD'],
    concerns: ['anxiety', 'trauma_ptsd'],
    consentExpected: true,
    harmMonitoring: `${HARM} Flooding is intense: obtain explicit consent and plan enough session time for distress to fall.`,
    sources: [SRC.abramowitz, SRC.seed],
  },
];
