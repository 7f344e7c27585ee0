import { anyone, named, says, type InterventionInput } from './cue.js';
import { SRC } from './sources.js';

const TFCBT = 'Trauma-Focused CBT (PRACTICE)';
const NARRATIVE_HARM =
  'Pace the narrative gradually; check distress (feelings thermometer / SUDS) during and after; use relaxation and affect-modulation skills before ending; watch for avoidance, dissociation and post-session distress; the caregiver is prepared before hearing the narrative.';

export const TRAUMA: InterventionInput[] = [
  {
    id: 'tfcbt.psychoeducation',
    name: 'TF-CBT psychoeducation and parenting skills',
    modality: TFCBT,
    description:
      'P of PRACTICE: education about trauma and common reactions for child and caregiver, plus parenting skills (praise, selective attention, time-out, contingency reinforcement).',
    noteLabel: 'TF-CBT psychoeducation about trauma reactions and parenting skills',
    explicitCues: [
      named('psycho ?education'),
      named('(labeled|specific|descriptive) praise'),
      named('selective attention|time ?out|reward chart|sticker chart'),
      named('common reactions? to (trauma|abuse|what happened)'),
    ],
    implicitCues: [
      says(
        '(lots of|many|other) (kids|children) (who|that) (go through|have been through|experience)',
        0.6,
      ),
      says("(it'?s|that'?s) (really )?(common|normal) (for kids|for children|after)", 0.5),
      says('(praise|praising) (him|her|them) (when|for)', 0.5),
      says('(ignore|ignoring) (the )?(whining|tantrum|behavio(u)?r)', 0.4),
      says(
        "(it'?s|it is|it was) (never|not) (the|a) (kid|child)'?s fault|(never|not) your fault",
        0.4,
      ),
      says('(what happened|this|that) (to you )?(has a name|is called)', 0.5),
      says('trauma reminders?|reminders? of (what happened|the trauma)', 0.5),
      says('(lots of|many|most|other) (kids|children|teens|young people) (feel|get|have|who)', 0.5),
      says("(praise|attention) (that'?s|that is) (really )?(specific|labell?ed)", 0.6),
      says(
        "(try not to|don'?t|do not) (give|pay) (it|that|the (whining|tantrum|behavio(u)?r)) (a lot of |much |too much )?attention",
        0.5,
      ),
      says('(how|what) (your|her|his|the) (brain|body) (does|did|is doing) (after|when)', 0.4),
    ],
    components: [
      {
        id: 'trauma_education',
        name: 'Trauma education',
        cues: [says('trauma|abuse|common reactions?', 0.2)],
      },
      {
        id: 'parenting',
        name: 'Parenting skills',
        cues: [says('praise|time ?out|selective attention|reward', 0.4)],
      },
    ],
    useCases: ['Child and adolescent PTSD', 'Traumatic grief'],
    concerns: ['trauma_ptsd'],
    consentExpected: false,
    sources: [SRC.tfcbt, SRC.seed],
  },
  {
    id: 'tfcbt.relaxation',
    name: 'TF-CBT relaxation skills',
    modality: TFCBT,
    description:
      'R of PRACTICE: focused breathing, progressive muscle relaxation, imagery and other personalised relaxation to manage trauma reminders.',
    noteLabel: 'TF-CBT relaxation skills',
    explicitCues: [
      named('(belly|balloon|bubble|focused|deep) breath(ing|s)?'),
      named('(progressive )?muscle relaxation|spaghetti|(robot|ragdoll|rag doll) (and|or)'),
      named('relaxation (skills?|exercise|practice)'),
      named('(safe|calm|happy) place'),
    ],
    implicitCues: [
      says('(breathe|breath) in.{0,30}(breathe|breath) out', 0.4),
      says('(tense|squeeze).{0,30}(relax|let go)', 0.5),
      says('when (you|the) (remember|reminder).{0,40}(breathe|breathing|relax)', 0.4),
    ],
    components: [],
    useCases: ['Child and adolescent PTSD'],
    concerns: ['trauma_ptsd'],
    consentExpected: false,
    sources: [SRC.tfcbt, SRC.seed],
  },
  {
    id: 'tfcbt.affect_modulation',
    name: 'TF-CBT affect expression and modulation',
    modality: TFCBT,
    description:
      'A of PRACTICE: identifying and naming feelings, rating their intensity (feelings thermometer), expressing them and using skills to regulate them.',
    noteLabel: 'TF-CBT affect identification, expression and modulation',
    explicitCues: [
      named('feelings? (thermometer|chart|faces|words|cards|vocabulary)'),
      named('affect (expression|modulation|regulation)'),
      named('feelings? (detective|charades|bingo)'),
    ],
    implicitCues: [
      says('(how|where) (big|strong) (is|was) (that|the) feeling', 0.6),
      says('where (do|did) you feel (it|that) in your body', 0.4),
      says('(what|which) feelings? (did|do|were|are) you (have|feel|having|feeling)', 0.4),
      says('(name|naming) (the|your|that) feelings?', 0.5),
      says('(what can|what could) you do when you feel', 0.4),
    ],
    components: [],
    useCases: ['Child and adolescent PTSD'],
    concerns: ['trauma_ptsd'],
    consentExpected: false,
    sources: [SRC.tfcbt, SRC.seed],
  },
  {
    id: 'tfcbt.cognitive_coping',
    name: 'TF-CBT cognitive coping',
    modality: TFCBT,
    description:
      'C of PRACTICE: the cognitive triangle (thoughts, feelings, behaviours) and replacing unhelpful thoughts with more accurate, helpful ones, usually on current (not trauma) situations.',
    noteLabel: 'TF-CBT cognitive coping (cognitive triangle)',
    explicitCues: [
      named('cognitive triangle|triangle of (thoughts|feelings)'),
      named('cognitive coping'),
      named('thoughts?(,)? feelings?(,)? (and )?(behaviors|actions|what (you|we) do)'),
    ],
    implicitCues: [
      says('(more )?(helpful|accurate) thoughts?', 0.5),
      says('(a|what) (different|new) thought', 0.4),
      says('how (does|did) (that|the) thought make you feel', 0.5),
    ],
    components: [],
    useCases: ['Child and adolescent PTSD'],
    concerns: ['trauma_ptsd'],
    consentExpected: false,
    sources: [SRC.tfcbt, SRC.seed],
  },
  {
    id: 'tfcbt.trauma_narrative',
    name: 'TF-CBT trauma narrative and processing',
    modality: TFCBT,
    description:
      'T of PRACTICE: the child gradually writes or tells the story of the trauma (often as a book with chapters), then processes unhelpful trauma-related thoughts within it.',
    noteLabel: 'TF-CBT trauma narrative and cognitive processing',
    explicitCues: [
      named('trauma narrative'),
      named('(your|the) (book|story|narrative)', 0.5),
      named('(next|last|new) chapter', 0.7),
    ],
    implicitCues: [
      says(
        '(write|writing|tell|telling) (about )?(what happened|the (day|night|time) (when|that))',
        0.6,
      ),
      says('(what|and) happened next', 0.4),
      says('(what were you|what was your) (thinking|feeling) (when|while|at that)', 0.4),
      says(
        '(read|reading) (it|the story|the book|your book|the chapter) (to|with) (your|mom|dad|grandma|him|her)',
        0.8,
      ),
      says('(worst|hardest) (part|moment)', 0.4),
      says('(feelings )?thermometer', 0.3),
    ],
    components: [
      {
        id: 'narration',
        name: 'Narrative written or told',
        cues: [says('chapter|story|narrative|book', 0.3)],
      },
      {
        id: 'processing',
        name: 'Processing trauma-related thoughts',
        cues: [says('(what|that) thought|your fault|blame', 0.3)],
      },
    ],
    useCases: ['Child and adolescent PTSD', 'Traumatic grief'],
    concerns: ['trauma_ptsd'],
    consentExpected: true,
    harmMonitoring: NARRATIVE_HARM,
    sources: [SRC.tfcbt, SRC.seed],
  },
  {
    id: 'tfcbt.in_vivo_mastery',
    name: 'TF-CBT in vivo mastery of trauma reminders',
    modality: TFCBT,
    description:
      'I of PRACTICE: gradual in vivo exposure to innocuous trauma reminders the child avoids (e.g. sleeping alone, going to school), with caregiver support.',
    noteLabel: 'TF-CBT in vivo mastery of trauma reminders',
    explicitCues: [
      named('in ?vivo'),
      named('(fear )?(ladder|hierarchy)'),
      named('(mastery|brave) (plan|steps?|ladder)'),
    ],
    implicitCues: [
      says('(reminders?|triggers?) (you|he|she) (avoid|avoids|stays away)', 0.6),
      says('(sleep|sleeping) (in (your|his|her) own (bed|room)|alone)', 0.5),
      says('(brave|little) steps?', 0.4),
    ],
    components: [],
    useCases: ['Child and adolescent PTSD with avoidance'],
    concerns: ['trauma_ptsd'],
    consentExpected: true,
    harmMonitoring:
      'Grade the steps; the reminder must be safe; rate distress; involve the caregiver.',
    sources: [SRC.tfcbt, SRC.seed],
  },
  {
    id: 'tfcbt.conjoint_sessions',
    name: 'TF-CBT conjoint child–parent sessions',
    modality: TFCBT,
    description:
      'C of PRACTICE: child and caregiver meet together, the child shares the narrative with the prepared caregiver, and both practise skills and communication.',
    noteLabel: 'TF-CBT conjoint child–caregiver session',
    explicitCues: [
      named('conjoint'),
      named('joint session|(together|all together) (today|in the room)', 0.6),
    ],
    implicitCues: [
      says(
        '(share|read|show) (it|the book|your book|the narrative|the story) (with|to) (your )?(mom|dad|mother|father|grandma|grandpa|aunt|parent|caregiver)',
        0.8,
      ),
      says(
        '(mom|dad|grandma|grandpa),? (what|how) (was it|did it feel) (like )?(to hear|hearing)',
        0.8,
      ),
      says('(tell|ask) (your )?(mom|dad|grandma|grandpa|parent)', 0.4),
    ],
    components: [],
    useCases: ['Child and adolescent PTSD'],
    concerns: ['trauma_ptsd'],
    consentExpected: false,
    sources: [SRC.tfcbt, SRC.seed],
  },
  {
    id: 'tfcbt.enhancing_safety',
    name: 'TF-CBT enhancing safety and future development',
    modality: TFCBT,
    description:
      'E of PRACTICE: body safety, personal safety skills, a safety plan for future danger, and healthy relationships.',
    noteLabel: 'TF-CBT enhancing safety (body-safety and personal safety skills)',
    explicitCues: [
      named('body safety|(ok|okay) (touch|and not okay touch)|(safe|unsafe) touch'),
      named('safety (plan|skills?)'),
      named('(no|say no)(,)? go(,)? tell'),
    ],
    implicitCues: [
      says('(trusted|safe) (adult|grown ?up)s?', 0.6),
      says('(what|who) (would|could) you (do|tell) if (someone|anyone)', 0.6),
      says('private parts', 0.5),
    ],
    components: [],
    useCases: ['Child and adolescent PTSD', 'Abuse'],
    concerns: ['trauma_ptsd'],
    consentExpected: false,
    sources: [SRC.tfcbt, SRC.seed],
  },
  {
    id: 'trauma.narrative_processing',
    name: 'Trauma narrative / narrative processing',
    modality: 'Trauma-focused therapy',
    description:
      'Telling or writing the trauma account outside TF-CBT (e.g. the PE revisiting account, the CPT written account, narrative exposure therapy) and processing it: hot spots, meaning, emotions.',
    noteLabel: 'Trauma narrative and processing of the trauma memory',
    explicitCues: [
      named('trauma (narrative|account|story)'),
      named('written account|narrative exposure'),
      named('(tell|telling|write|writing) (me )?(the|your) (story|account) (of|about)', 0.8),
      named(
        '(write|writing|written|tell|telling) (me )?(a|an|the|your) (full|detailed|complete|whole) (account|story|narrative)',
        0.8,
      ),
      named('hot ?spots?', 0.8),
    ],
    implicitCues: [
      says('(read|reading) (your|the) (account|narrative|story) (out loud|aloud|to me)', 0.8),
      says(
        '(what|how) (does|did) it (feel|mean) (to|when you) (tell|say|read|write) (it|that|the story)',
        0.6,
      ),
      says('(what|which) (part|moment|bit) (was|is) (the )?(hardest|worst)', 0.5),
      says('(what|which) (was|is) the (hardest|worst) (part|moment|bit)', 0.5),
      says('(memory|story) (feel|feels) (different|less)', 0.4),
      says('(processing|process) (the|that) (memory|trauma|what happened)', 0.6),
    ],
    components: [],
    useCases: ['PTSD'],
    concerns: ['trauma_ptsd'],
    consentExpected: true,
    harmMonitoring: NARRATIVE_HARM,
    sources: [SRC.pe, SRC.cpt, SRC.seed],
  },
  {
    id: 'trauma.cognitive_processing',
    name: 'Cognitive processing therapy',
    modality: 'Cognitive Processing Therapy',
    description:
      'CPT: impact statement, identifying stuck points (assimilated and over-accommodated beliefs about safety, trust, power/control, esteem, intimacy), ABC and challenging-questions worksheets, Socratic dialogue.',
    noteLabel: 'Cognitive processing therapy (stuck points)',
    explicitCues: [
      named('stuck points?'),
      named('impact statement'),
      named('cognitive processing'),
      named('cpt\\b'),
      named(
        'challenging questions (worksheet|sheet)|patterns of problematic thinking|abc (worksheet|sheet)',
      ),
    ],
    implicitCues: [
      says('(self ?)?blame|hindsight bias|(should|could) have (known|stopped|done)', 0.3),
      says('(safety|trust|power|control|esteem|intimacy) (theme|module|beliefs?)', 0.5),
      says('(assimilat|over ?accommodat)', 0.8),
      says('(natural|manufactured) emotions?', 0.7),
      says('was it (really )?your fault', 0.4),
      says('(what|when) (would|did) you (have )?(needed|need) to know', 0.5),
      says('(knowing|know) (how it ended|what you know now)|(looking|look) back now', 0.4),
      says('(did|could) you (know|have known) (that|it) (then|at the time)', 0.5),
      says('(your )?intention (was|to)|intended (for|to)', 0.3),
      says('who (made the decision|caused|is responsible)', 0.4),
      says('(being there|there) and causing', 0.5),
    ],
    components: [],
    useCases: ['PTSD'],
    concerns: ['trauma_ptsd'],
    consentExpected: true,
    harmMonitoring:
      'Monitor distress and avoidance when writing about the index trauma; check PCL-5 regularly.',
    sources: [SRC.cpt],
  },
  {
    id: 'trauma.emdr',
    name: 'EMDR',
    modality: 'Eye Movement Desensitization and Reprocessing',
    description:
      'EMDR’s eight phases: target memory with image, negative and positive cognition, VoC and SUD ratings, sets of bilateral stimulation (eye movements, taps, tones), installation and body scan; also delivered on digital platforms.',
    noteLabel: 'EMDR reprocessing of a target memory',
    explicitCues: [
      named('emdr|eye movement desensiti[sz]ation'),
      named('bilateral (stimulation|tapping|taps|sounds|tones)'),
      named('(sets? of )?eye movements'),
      named('butterfly hug'),
      named('validity of cognition|\\bvoc\\b'),
      anyone('emdr', 0.6),
    ],
    implicitCues: [
      says('follow my (fingers?|hand)|follow the (light|dots?)', 0.7),
      says('(negative|positive) (cognition|belief) (about yourself|that goes with)', 0.6),
      says('(just )?notice (that|it)(,)? (and )?(go with that|let whatever happens happen)', 0.7),
      says('go with that', 0.5),
      says('(target|targeting) (memory|image)', 0.5),
      says('(how|what) true does (it|that|the positive)', 0.3),
    ],
    components: [],
    useCases: ['PTSD'],
    concerns: ['trauma_ptsd'],
    consentExpected: true,
    harmMonitoring:
      'Prepare resources (calm/safe place) first; monitor SUD and dissociation; close incomplete sessions with containment; warn about processing continuing after the session.',
    sources: [SRC.emdr, SRC.seed],
  },
];
