import { anyone, client, named, says, type InterventionInput } from './cue.js';
import { SRC } from './sources.js';

const MODALITY = 'Cognitive Behavioral Therapy';

export const CBT: InterventionInput[] = [
  {
    id: 'cbt.cognitive_restructuring',
    name: 'Cognitive restructuring',
    modality: MODALITY,
    description:
      'Identifying automatic thoughts, rating belief in them, examining the evidence for and against, naming thinking traps, and building a balanced alternative thought (often on a thought record).',
    noteLabel: 'Cognitive restructuring targeting automatic negative thoughts',
    explicitCues: [
      named('thought records?'),
      named('cognitive restructuring'),
      named('(cognitive|thinking) (distortions?|errors?)'),
      named('thinking traps?'),
      named(
        '(challeng|question|dispute)(e|es|ed|ing)? (the|that|this|those|your|these) (automatic )?(thoughts?|beliefs?)',
        0.8,
      ),
      named('socratic'),
      named('automatic (negative )?thoughts?', 0.8),
      named('unhelpful thinking (styles?|patterns?)', 0.8),
    ],
    implicitCues: [
      says("what'?s (the|your) evidence (for|that|against)", 0.8),
      says(
        "what'?s the evidence (your mind|you have|it'?s true)|evidence (your mind|you'?ve got) (offers|has|gives)",
        0.7,
      ),
      says(
        '(what|how much) do you (actually|really) know (about )?(what|whether|that|how) (they|people|he|she|others|anyone|everyone)',
        0.6,
      ),
      says(
        'how (do|would|could) you (actually |really )?know (that|what) (they|people|he|she|others)',
        0.5,
      ),
      says(
        "not (a |just )?(fake|forced|false) (positive|positivity)|(isn'?t|not) (just )?positive thinking",
        0.5,
      ),
      says('(put|fit) the (whole|full|bigger) picture (into|in)', 0.5),
      anyone(
        '(catch|catching|caught|challeng|challenging|question|questioning|argu|arguing)(ing|e|ed)? (with )?(the|my|your|those|negative|our) (\\w+ )?thoughts? and (challeng|argu|question|chang|test|check)',
        0.8,
      ),
      anyone('(work|worked|working) on (your|my|the|her|his) (negative |unhelpful )?thoughts', 0.5),
      says('(what|was|is) (was |is )?the evidence (for|that|against)', 0.7),
      says('evidence (for|against) (it|that|this|the thought)', 0.7),
      says("(what|anything) (doesn'?t|does not) fit (with )?(that|the thought|this)", 0.7),
      says("what'?s on the other side", 0.6),
      says(
        'is there (another|a different|any other) (way|explanation) (to|of) (look|see|think|explain)',
        0.7,
      ),
      says(
        '(another|different|alternative) (way|explanation) (of|to) (looking at|look at|see|seeing|think about)',
        0.5,
      ),
      says('what would you (say|tell) (to )?(a|your) (best )?friend', 0.7),
      says(
        'if (a|your) (good |best |close )?friend( of yours)? (said|told|showed|had|came|did|was|made|got)',
        0.6,
      ),
      says(
        '(more )?(balanced|alternative|helpful|realistic) (thought|version|view|statement)',
        0.7,
      ),
      says('all or nothing|black and white thinking', 0.5),
      says('catastrophi[sz]', 0.5),
      says(
        'fortune tell|mind reading|overgeneraliz|jumping to conclusions|should statements|emotional reasoning|discounting the positive',
        0.5,
      ),
      says(
        'how (much|strongly) (do|did) you (still )?believe (it|that|the (original )?(thought|one|prediction|belief)|this)',
        0.5,
      ),
      says('what went through your mind', 0.4),
      says('what (was|is) (your mind|the thought) (telling|saying)', 0.3),
      says('(does|would) (that|the thought|it) hold up', 0.4),
      says('(situation|thought|feeling|emotion|evidence) column', 0.7),
      says('worst case.{0,30}best case.{0,30}(most likely|realistic)', 0.7),
      says('hot thought', 0.7),
    ],
    components: [
      {
        id: 'identify_thought',
        name: 'Identify the automatic thought',
        cues: [
          says('what went through your mind', 0.4),
          says('what (was|were) (you|your mind) (thinking|telling you|saying)', 0.3),
          says('(automatic|hot) thought', 0.5),
        ],
      },
      {
        id: 'rate_belief',
        name: 'Rate belief in the thought',
        cues: [says('how (much|strongly) (do|did) you believe', 0.5)],
      },
      {
        id: 'examine_evidence',
        name: 'Examine the evidence for and against',
        cues: [
          says('evidence (for|against|that)', 0.6),
          says("(doesn'?t|does not) fit", 0.4),
          says('the other side', 0.3),
          says('what would you (say|tell) (to )?(a|your) (best )?friend', 0.5),
        ],
      },
      {
        id: 'identify_distortion',
        name: 'Name the thinking trap',
        cues: [
          says('thinking traps?|distortions?', 0.5),
          says('catastrophi[sz]|all or nothing|fortune tell|mind reading|overgeneraliz', 0.4),
          client('catastrophi[sz]|all or nothing|fortune tell|mind reading', 0.3),
        ],
      },
      {
        id: 'alternative_thought',
        name: 'Build a balanced alternative thought',
        cues: [says('(balanced|alternative|more helpful|realistic) (thought|version|view)', 0.6)],
      },
      {
        id: 'rerate',
        name: 'Re-rate belief and emotion',
        cues: [
          says('re ?rate', 0.5),
          says(
            'how much do you believe (it|that|the original thought|that one) (now|right now)',
            0.5,
          ),
          says('(going back to|and now).{0,40}how much do you believe', 0.5),
        ],
      },
    ],
    useCases: ['Anxiety', 'Depression', 'OCD'],
    concerns: ['depression', 'anxiety', 'obsessive_fearful_thinking'],
    consentExpected: false,
    sources: [SRC.beck, SRC.seed],
  },
  {
    id: 'cbt.behavioral_activation',
    name: 'Behavioral activation',
    modality: MODALITY,
    description:
      'Monitoring activity and mood, scheduling pleasurable and mastery activities, and acting according to a plan rather than mood ("outside in").',
    noteLabel: 'Behavioral activation (activity monitoring and scheduling)',
    explicitCues: [
      named('behavio(u)?ral activation'),
      named('activity (log|schedule|scheduling|monitoring|diary|chart|record)s?'),
      named('pleasure (and|or) mastery|mastery (and|or) pleasure'),
      named(
        '(schedule|scheduling|plan|planning) (some |more |in )?(pleasant|pleasurable|enjoyable|valued|meaningful) (activities|things)',
      ),
    ],
    implicitCues: [
      says(
        '(put|write|schedule|block|pencil) (it|that|them|this)? ?(in|on|into) (the|your) (schedule|calendar|plan|week)',
        0.6,
      ),
      says('on the schedule', 0.5),
      says('(mood|rating) (before and after|before|after) (the|a|each) (walk|activity)', 0.6),
      says('mood (was )?(before|after)', 0.3),
      says('(pleasure|mastery|enjoyment|accomplishment) (rating|number|score)s?', 0.7),
      says('mastery counts|sense of (mastery|accomplishment)', 0.6),
      says('outside in', 0.6),
      says('(act|do it|doing it|do the thing) (first|anyway).{0,40}(mood|motivation|feeling)', 0.6),
      says("(don'?t|not) wait (until|till|for) you feel like", 0.6),
      says('(what|which) (activities|things) (used to )?(give|gave|bring|brought) you', 0.5),
      says('(what|how|which) (time|day|days).{0,25}(realistic|specifically|exactly)', 0.3),
      says(
        '(schedule|scheduling|plan|planning|pick|choose|add) (\\w+ ){0,2}(pleasant|pleasurable|enjoyable|valued|meaningful|fun|nourishing) (activities|things|events)',
        0.8,
      ),
      says('how many (days|times).{0,30}realistic', 0.5),
      says('(smaller|small|tiny|first) step', 0.2),
      says('(make|break) (it|that) (smaller|down|into smaller)', 0.4),
      says('avoidance (pattern|cycle)|trap and trac', 0.4),
    ],
    components: [
      {
        id: 'activity_monitoring',
        name: 'Activity and mood monitoring',
        cues: [
          says('(activity|mood) (log|diary|record|monitoring|chart)', 0.6),
          says('(look|looking|go|going) (at|over) (the|your) log', 0.5),
          says('mood (before|after)', 0.3),
        ],
      },
      {
        id: 'pleasure_mastery',
        name: 'Pleasure and mastery ratings',
        cues: [says('pleasure|mastery', 0.4)],
      },
      {
        id: 'activity_scheduling',
        name: 'Scheduling specific activities',
        cues: [
          says('(schedule|scheduling|on the schedule|write it in|put it in)', 0.4),
          says('(what|which) (day|days|time)', 0.2),
        ],
      },
      {
        id: 'graded_task',
        name: 'Grading tasks into small steps',
        cues: [says('(smaller|first) step|break (it|that) down|make it smaller', 0.4)],
      },
    ],
    useCases: ['Depression'],
    concerns: ['depression'],
    consentExpected: false,
    sources: [SRC.martell, SRC.beck, SRC.seed],
  },
  {
    id: 'cbt.problem_solving',
    name: 'Problem-solving',
    modality: MODALITY,
    description:
      'Structured problem solving: define the problem, brainstorm solutions, weigh pros and cons, choose one, plan the steps, review the outcome.',
    noteLabel: 'Structured problem-solving',
    explicitCues: [
      named('problem ?solving'),
      named("(let'?s )?brainstorm", 0.7),
      named('(define|defining) the problem', 0.8),
    ],
    implicitCues: [
      says('(what are|list) (some|all|the) (possible |different )?(options|solutions)', 0.6),
      says(
        '(pros and cons|advantages and disadvantages) of (each|that|these|the) (option|solution|idea)',
        0.7,
      ),
      says(
        'which (option|solution|one) (would|do) you (want|like) to (try|pick|choose|go with)',
        0.6,
      ),
      says('(first|next) step(s)? (would be|is|could be)', 0.3),
      says('what could get in the way', 0.4),
      says("what (would|will) you do if (that|it) (doesn'?t|does not) work", 0.4),
    ],
    components: [
      {
        id: 'define_problem',
        name: 'Define the problem',
        cues: [says('define (the )?problem', 0.6)],
      },
      {
        id: 'generate_solutions',
        name: 'Brainstorm solutions',
        cues: [says('brainstorm|(possible|different) (options|solutions)', 0.5)],
      },
      {
        id: 'evaluate',
        name: 'Weigh pros and cons',
        cues: [says('pros and cons|advantages and disadvantages', 0.5)],
      },
      {
        id: 'action_plan',
        name: 'Choose and plan the steps',
        cues: [says('(first|next) steps?|action plan', 0.3)],
      },
    ],
    useCases: ['Depression', 'Stress', 'Life problems'],
    concerns: ['depression'],
    consentExpected: false,
    sources: [SRC.nezu],
  },
  {
    id: 'cbt.behavioral_experiment',
    name: 'Behavioral experiment',
    modality: MODALITY,
    description:
      'Testing a specific prediction or belief with a planned experiment: state the prediction and belief, design the test, carry it out, compare outcome with prediction.',
    noteLabel: 'Behavioral experiment to test a feared prediction',
    explicitCues: [
      named('behavio(u)?ral experiments?'),
      named('experiment', 0.6),
      anyone('behavio(u)?ral experiments?', 0.6),
    ],
    implicitCues: [
      says(
        'test (it|that|this|the|your|out|whether|if) ?(prediction|belief|theory|thought|idea|out)?',
        0.5,
      ),
      says(
        'compare (it |that |this |them |the prediction )?(with|to|against) what (actually |really )?happen',
        0.5,
      ),
      says('(write|writing|note|jot) (the|your) prediction (down|first)', 0.5),
      says('(what|whats|what is) (the|your) prediction', 0.3),
      says('(put|putting) (it|that|the belief|the prediction) to the test', 0.8),
      says('see what (really|actually) happens', 0.5),
      says('(what did|what do) you (predict|expect).{0,40}(what|and) (actually )?happened', 0.6),
      says('(how|what) (would|could) (we|you) (find out|check|test)', 0.5),
      says('practice run', 0.3),
    ],
    components: [
      {
        id: 'prediction',
        name: 'State the prediction and rate belief',
        cues: [says('predict(ion)?', 0.3)],
      },
      {
        id: 'design',
        name: 'Design the experiment',
        cues: [says('(set up|design|plan) (a|the) (small )?(experiment|test)', 0.5)],
      },
      {
        id: 'outcome',
        name: 'Compare outcome with prediction',
        cues: [says('(what|and what) (actually |really )?happened', 0.3)],
      },
    ],
    useCases: ['Anxiety', 'Social anxiety', 'Panic', 'Depression'],
    concerns: ['anxiety', 'obsessive_fearful_thinking'],
    consentExpected: false,
    sources: [SRC.bennettLevy, SRC.beck],
  },
];
