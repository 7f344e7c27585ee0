/**
 * The questionnaires DocScrib administers, as data: PHQ-9 (depression), GAD-7 (anxiety), PCL-5
 * (PTSD) and DocScrib's own post-session client feedback form. Item wording of the symptom
 * measures follows the published forms (PHQ-9/GAD-7: free to reproduce; PCL-5: public domain).
 * Each constant names its source. Where we could not verify a published rule or constant
 * (prorating missing answers, reference-sample SDs of the GAD-7 and PCL-5, a PCL-5 LOINC total
 * code) the data says so and takes the conservative choice (no total when an item is missing;
 * `null` constants). The PHQ-9 has a sourced clinical-sample SD, so its Jacobson–Truax RCI is
 * reported alongside the NHS Talking Therapies fixed points (which decide reliability).
 */
import {
  FeedbackInstrumentSchema,
  SymptomInstrumentSchema,
  type FeedbackInstrument,
  type Instrument,
  type InstrumentId,
  type SymptomInstrument,
} from './schema.js';

const KROENKE_2001 = {
  citation:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606–613.',
  url: 'https://doi.org/10.1046/j.1525-1497.2001.016009606.x',
};
const SPITZER_2006 = {
  citation:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092–1097.',
  url: 'https://doi.org/10.1001/archinte.166.10.1092',
};
const NHS_TT = {
  citation:
    'NHS England. NHS Talking Therapies for anxiety and depression manual (caseness thresholds and reliable improvement criteria: PHQ-9 caseness ≥ 10, reliable change ≥ 6 points; GAD-7 caseness ≥ 8, reliable change ≥ 4 points).',
};
const NCPTSD_PCL5 = {
  citation:
    'Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 (PCL-5). National Center for PTSD, 2013.',
  url: 'https://www.ptsd.va.gov/professional/assessment/adult-sr/ptsd-checklist.asp',
};
const BLEVINS_2015 = {
  citation:
    'Blevins CA, Weathers FW, Davis MT, Witte TK, Domino JL. The Posttraumatic Stress Disorder Checklist for DSM-5 (PCL-5): development and initial psychometric evaluation. J Trauma Stress 2015;28(6):489–498.',
  url: 'https://doi.org/10.1002/jts.22059',
};
const MARX_2022 = {
  citation:
    'Marx BP, Lee DJ, Norman SB, Bovin MJ, Sloan DM, Weathers FW, Keane TM, Schnurr PP. Reliable and clinically significant change in the Clinician-Administered PTSD Scale for DSM-5 and PTSD Checklist for DSM-5 among male veterans. Psychol Assess 2022;34(2):197–203 (PCL-5 reliable change: ≥ 15 points in sample 1, ≥ 18 points in sample 2).',
  url: 'https://www.hsrd.research.va.gov/research/citations/abstract.cfm?Identifier=157955',
};
const DOCSCRIB_FEEDBACK = {
  citation:
    'DocScrib post-session feedback form, original wording written for DocScrib. Its items cover the working-alliance domains described by Bordin ES, Psychotherapy: Theory, Research & Practice 1979;16(3):252–260 (bond, goals, tasks). Not a validated instrument: no norms, bands or cut-offs.',
};
const BOVIN_2016 = {
  citation:
    'Bovin MJ, Marx BP, Weathers FW, et al. Psychometric properties of the PTSD Checklist for DSM-5 (PCL-5) in veterans. Psychol Assess 2016;28(11):1379–1391.',
  url: 'https://doi.org/10.1037/pas0000254',
};

/**
 * The reference-sample SD of the PHQ-9 for the Jacobson–Truax RCI: the pre-treatment-like clinical
 * group of the validation study (patients with major depression on the independent interview).
 */
const KROENKE_2001_MDD_SD = {
  citation:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606–613 (Results, criterion validity: mean PHQ-9 score 17.1 (SD 6.1) in the 41 patients with major depression on the mental health professional interview; 10.4 (5.4) in 65 with other depressive disorder; 3.3 (3.8) in 474 with no depressive disorder). Figures as quoted with this citation by NovoPsych (novopsych.com/phq-9-2.html); the full text of the paper was not retrieved.',
  url: 'https://doi.org/10.1046/j.1525-1497.2001.016009606.x',
};

const PHQ_LICENCE =
  'Developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues with an educational grant from Pfizer Inc. No permission is required to reproduce, translate, display or distribute (phqscreeners.com).';

const UNVERIFIED_PRORATING =
  'Any unanswered item makes the total invalid. A prorating rule (e.g. for one or two missing items) is in use in some services, but we have not verified a published source for it; change this rule only with a citation.';

/** PHQ-9 and GAD-7 share the answer scale "over the last 2 weeks". */
const FREQUENCY_OPTIONS = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

function items(prefix: InstrumentId, texts: readonly string[]): Instrument['items'] {
  return texts.map((text, i) => ({ id: `${prefix}_${i + 1}`, text, order: i + 1 }));
}

const PHQ9: SymptomInstrument = {
  id: 'phq9',
  kind: 'symptom',
  higherIsWorse: true,
  name: 'Patient Health Questionnaire-9',
  shortName: 'PHQ-9',
  stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: items('phq9', [
    'Little interest or pleasure in doing things',
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    'Thoughts that you would be better off dead or of hurting yourself in some way',
  ]),
  answerOptions: FREQUENCY_OPTIONS,
  scoreRange: { min: 0, max: 27 },
  bands: [
    { min: 0, max: 4, label: 'Minimal', severity: 'minimal' },
    { min: 5, max: 9, label: 'Mild', severity: 'mild' },
    { min: 10, max: 14, label: 'Moderate', severity: 'moderate' },
    { min: 15, max: 19, label: 'Moderately severe', severity: 'moderately_severe' },
    { min: 20, max: 27, label: 'Severe', severity: 'severe' },
  ],
  bandsSource: KROENKE_2001,
  cutoff: { score: 10, source: NHS_TT },
  itemAlerts: [
    {
      itemId: 'phq9_9',
      minValue: 1,
      message:
        'PHQ-9 item 9 (thoughts of being better off dead or of self-harm) was answered above "Not at all": assess risk now.',
    },
  ],
  missingRule: { kind: 'invalid_if_any_missing', source: KROENKE_2001, note: UNVERIFIED_PRORATING },
  change: {
    reliability: [
      { kind: 'cronbach_alpha', value: 0.89, source: KROENKE_2001 },
      { kind: 'test_retest', value: 0.84, source: KROENKE_2001 },
    ],
    // Jacobson & Truax (1991) use the SD of a pre-treatment (clinical) or a normal sample; this is
    // a clinical one. With test–retest r 0.84: SE = 6.1 · sqrt(0.16) = 2.44, S_diff = sqrt(2) ·
    // 2.44 = 3.4507, 1.96 · S_diff = 6.76 points.
    sd: {
      value: 6.1,
      population:
        'clinical sample: US primary care and obstetrics–gynaecology patients with major depression on an independent mental health professional interview (n = 41), PHQ-9 validation study',
      source: KROENKE_2001_MDD_SD,
    },
    reliableChangePoints: { points: 6, label: 'NHS Talking Therapies', source: NHS_TT },
    note: 'Reliability is decided by the NHS Talking Therapies convention (a change of at least 6 points). The Jacobson–Truax RCI is reported alongside, from the clinical-sample SD 6.1 (Kroenke et al. 2001, n = 41 with major depression) and test–retest r 0.84: SE 2.44, S_diff 3.45, so |RCI| > 1.96 needs a change of more than 6.76 points; a 6-point change is reliable by the NHS convention with an RCI of only ±1.74. The SD comes from a small group; treat the RCI as supporting information.',
  },
  loinc: {
    total: '44261-6',
    items: { phq9_9: '44260-8' },
  },
  source: KROENKE_2001,
  licence: PHQ_LICENCE,
};

const GAD7: SymptomInstrument = {
  id: 'gad7',
  kind: 'symptom',
  higherIsWorse: true,
  name: 'Generalized Anxiety Disorder-7',
  shortName: 'GAD-7',
  stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: items('gad7', [
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid, as if something awful might happen',
  ]),
  answerOptions: FREQUENCY_OPTIONS,
  scoreRange: { min: 0, max: 21 },
  bands: [
    { min: 0, max: 4, label: 'Minimal', severity: 'minimal' },
    { min: 5, max: 9, label: 'Mild', severity: 'mild' },
    { min: 10, max: 14, label: 'Moderate', severity: 'moderate' },
    { min: 15, max: 21, label: 'Severe', severity: 'severe' },
  ],
  bandsSource: SPITZER_2006,
  cutoff: {
    score: 8,
    source: NHS_TT,
    note: 'Spitzer et al. 2006 proposed ≥ 10 for generalized anxiety disorder; NHS Talking Therapies uses ≥ 8 for caseness.',
  },
  itemAlerts: [],
  missingRule: { kind: 'invalid_if_any_missing', source: SPITZER_2006, note: UNVERIFIED_PRORATING },
  change: {
    reliability: [
      { kind: 'cronbach_alpha', value: 0.92, source: SPITZER_2006 },
      { kind: 'test_retest', value: 0.83, source: SPITZER_2006 },
    ],
    sd: null,
    reliableChangePoints: { points: 4, label: 'NHS Talking Therapies', source: NHS_TT },
    note: 'No verified reference-sample SD of the GAD-7 total, so the Jacobson–Truax RCI is not computed and the NHS Talking Therapies 4 points decide. Searched: Spitzer et al. 2006 (Arch Intern Med 166:1092–1097; only the abstract was retrieved, no total-score SD in it); Löwe et al. 2008 (Med Care 46:266–274, German general population, n = 5030: the abstract gives only sex-specific means (SD), women 3.2 (3.5), men 2.7 (3.2), a normative split we do not use for a clinical RCI); Toussaint et al. 2020 (J Affect Disord 265:395–401; MCID 4 points, no SD in the abstract); Bischoff et al. 2020 (GAD-7 RCI of 6 points; no SD retrieved).',
  },
  loinc: { total: '70274-6', items: {} },
  source: SPITZER_2006,
  licence: PHQ_LICENCE,
};

const PCL5: SymptomInstrument = {
  id: 'pcl5',
  kind: 'symptom',
  higherIsWorse: true,
  name: 'PTSD Checklist for DSM-5',
  shortName: 'PCL-5',
  stem: 'Below is a list of problems that people sometimes have in response to a very stressful experience. In the past month, how much were you bothered by:',
  items: items('pcl5', [
    'Repeated, disturbing, and unwanted memories of the stressful experience?',
    'Repeated, disturbing dreams of the stressful experience?',
    'Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?',
    'Feeling very upset when something reminded you of the stressful experience?',
    'Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?',
    'Avoiding memories, thoughts, or feelings related to the stressful experience?',
    'Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?',
    'Trouble remembering important parts of the stressful experience?',
    'Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?',
    'Blaming yourself or someone else for the stressful experience or what happened after it?',
    'Having strong negative feelings such as fear, horror, anger, guilt, or shame?',
    'Loss of interest in activities that you used to enjoy?',
    'Feeling distant or cut off from other people?',
    'Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?',
    'Irritable behavior, angry outbursts, or acting aggressively?',
    'Taking too many risks or doing things that could cause you harm?',
    'Being “superalert” or watchful or on guard?',
    'Feeling jumpy or easily startled?',
    'Having difficulty concentrating?',
    'Trouble falling or staying asleep?',
  ]),
  answerOptions: [
    { value: 0, label: 'Not at all' },
    { value: 1, label: 'A little bit' },
    { value: 2, label: 'Moderately' },
    { value: 3, label: 'Quite a bit' },
    { value: 4, label: 'Extremely' },
  ],
  scoreRange: { min: 0, max: 80 },
  // The PCL-5 has no published severity bands; only the provisional cut-off.
  bands: [
    { min: 0, max: 32, label: 'Below the provisional PTSD cut-off', severity: 'below_cutoff' },
    {
      min: 33,
      max: 80,
      label: 'Probable PTSD (provisional cut-off ≥ 33)',
      severity: 'above_cutoff',
    },
  ],
  bandsSource: BOVIN_2016,
  cutoff: {
    score: 33,
    source: BOVIN_2016,
    note: 'The National Center for PTSD gives 31–33 as a provisional cut-off for probable PTSD; a provisional diagnosis needs clinical assessment.',
  },
  itemAlerts: [],
  missingRule: {
    kind: 'invalid_if_any_missing',
    source: NCPTSD_PCL5,
    note: 'The National Center for PTSD scores the PCL-5 as the sum of all 20 items (0–80) and publishes no rule for unanswered items (checked against its PCL-5 page and scoring guidance); so any unanswered item makes the total invalid. Change this rule only with a citation.',
  },
  change: {
    reliability: [
      { kind: 'cronbach_alpha', value: 0.94, source: BLEVINS_2015 },
      { kind: 'test_retest', value: 0.82, source: BLEVINS_2015 },
    ],
    sd: null,
    reliableChangePoints: { points: 18, label: 'Marx et al. 2022', source: MARX_2022 },
    note: 'Marx et al. (2022) found reliable change at ≥ 15 and ≥ 18 PCL-5 points in two trial samples; we use the stricter 18, so a change called reliable is reliable by both. (The National Center for PTSD web guidance of 5–10 points was derived from the DSM-IV PCL.) No verified reference-sample SD, so the Jacobson–Truax RCI is not computed. Searched: Blevins et al. 2015 and Bovin et al. 2016 (the retrieved abstracts give reliability and cut-offs, no total-score SD); Marx et al. 2022 (the abstract gives the thresholds only); a 2020 J Affect Disord table of PCL-5 norms (M 38.81, SD 12.40) whose authors and sample could not be identified from the retrieved text, so it is not used.',
  },
  loinc: {
    total: null,
    items: {},
    note: 'A LOINC code for the PCL-5 total has not been verified; issue 5 lists only PHQ-9 (44261-6, item 9: 44260-8) and GAD-7 (70274-6).',
  },
  source: NCPTSD_PCL5,
  licence:
    'Public domain: a work of the US Department of Veterans Affairs National Center for PTSD.',
};

/**
 * DocScrib's own post-session feedback form (original wording; not ORS/SRS/WAI, which are
 * copyrighted). Four items on the working-alliance domains: feeling heard, working on what
 * matters to the client, the fit of the approach, the session overall. Higher is better. Not a
 * symptom measure: no bands, cut-off, change statistics or clinical alerts; a low rating raises a
 * process prompt to discuss the feedback.
 */
const FEEDBACK: FeedbackInstrument = {
  id: 'feedback',
  kind: 'feedback',
  higherIsWorse: false,
  name: 'DocScrib session feedback',
  shortName: 'Session feedback',
  stem: 'Thinking about today’s session, how much does each statement fit your experience? There are no right answers; your clinician wants to know.',
  items: items('feedback', [
    'I felt listened to and taken seriously.',
    'We spent our time on the things that matter most to me.',
    'The way my clinician works suits me.',
    'All in all, this session was a good use of my time.',
  ]),
  answerOptions: [
    { value: 0, label: 'Not at all' },
    { value: 1, label: 'A little' },
    { value: 2, label: 'Somewhat' },
    { value: 3, label: 'Mostly' },
    { value: 4, label: 'Completely' },
  ],
  scoreRange: { min: 0, max: 16 },
  bands: [],
  bandsSource: null,
  cutoff: null,
  itemAlerts: [],
  processPrompt: {
    maxValue: 1,
    message:
      'Process prompt (not a clinical cut-off): the client rated part of this session low. Consider discussing their feedback at the start of the next session.',
    note: 'Any item answered "Not at all" or "A little" (≤ 1) raises the prompt. A DocScrib convention for talking about the work together, not a validated threshold.',
  },
  missingRule: {
    kind: 'invalid_if_any_missing',
    source: DOCSCRIB_FEEDBACK,
    note: 'The total (0–16) is given only when all four items are answered; a low rating on any answered item still raises the process prompt.',
  },
  change: null,
  loinc: { total: null, items: {}, note: 'A DocScrib form: no LOINC codes.' },
  source: DOCSCRIB_FEEDBACK,
  licence: 'DocScrib original, free to use.',
};

/** The built-in instruments by public id, with their kinds. */
export interface Instruments {
  readonly phq9: SymptomInstrument;
  readonly gad7: SymptomInstrument;
  readonly pcl5: SymptomInstrument;
  readonly feedback: FeedbackInstrument;
}

/** All instruments by public id, validated against the schema when the module loads. */
export const INSTRUMENTS: Readonly<Instruments> = Object.freeze({
  phq9: SymptomInstrumentSchema.parse(PHQ9),
  gad7: SymptomInstrumentSchema.parse(GAD7),
  pcl5: SymptomInstrumentSchema.parse(PCL5),
  feedback: FeedbackInstrumentSchema.parse(FEEDBACK),
}) satisfies Readonly<Record<InstrumentId, Instrument>>;

export const INSTRUMENT_IDS: readonly InstrumentId[] = Object.freeze([
  'phq9',
  'gad7',
  'pcl5',
  'feedback',
]);

/** The symptom measures (outcome tracking, change statistics, plateau). */
export const SYMPTOM_INSTRUMENT_IDS: readonly InstrumentId[] = Object.freeze([
  'phq9',
  'gad7',
  'pcl5',
]);
