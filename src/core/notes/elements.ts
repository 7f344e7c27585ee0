/**
 * The 23 elements of a complete therapy note (TN-Eval, ACL 2025, as summarised in PRODUCT.md
 * "What a complete therapy note covers"). Note sentences are tagged with the element ids they
 * serve (`NoteSentence.elements`), so coverage can be measured: an element is covered when a
 * finding with evidence serves it; a `clinician_to_complete` placeholder only marks it as left
 * for the clinician.
 */

export type NoteElementSection = 'subjective' | 'objective' | 'assessment' | 'plan';

export interface NoteElement {
  id: string;
  section: NoteElementSection;
  description: string;
}

export const NOTE_ELEMENTS = [
  {
    id: 'chief_complaint',
    section: 'subjective',
    description: 'Chief complaint or reason for the visit',
  },
  {
    id: 'symptoms',
    section: 'subjective',
    description: "Symptoms or problem in the client's own description, with severity or frequency",
  },
  { id: 'history', section: 'subjective', description: 'Relevant history' },
  { id: 'client_goals', section: 'subjective', description: "The client's goals" },
  {
    id: 'homework_review',
    section: 'subjective',
    description: 'Review of homework from earlier sessions and how far it was done',
  },
  {
    id: 'client_quotes',
    section: 'subjective',
    description: "Direct quotes carrying the client's words and tone",
  },
  { id: 'behavior_affect', section: 'objective', description: 'Observed behaviour and affect' },
  { id: 'mental_status', section: 'objective', description: 'Mental status' },
  {
    id: 'assessments',
    section: 'objective',
    description: 'Results of standardized assessments given in the session',
  },
  {
    id: 'therapy_activities',
    section: 'objective',
    description: 'Therapy activities done in the session',
  },
  {
    id: 'active_interventions',
    section: 'objective',
    description: 'Active interventions delivered (MI, cognitive restructuring, DBT, …)',
  },
  { id: 'diagnosis', section: 'assessment', description: 'Diagnosis or symptoms against criteria' },
  { id: 'triggers', section: 'assessment', description: 'Triggers identified' },
  { id: 'goal_progress', section: 'assessment', description: 'Progress toward the goals' },
  {
    id: 'clinical_analysis',
    section: 'assessment',
    description: "The clinician's analysis linking report and observation",
  },
  {
    id: 'intervention_response',
    section: 'assessment',
    description: "The client's response to the interventions",
  },
  { id: 'overall_progress', section: 'assessment', description: 'Overall progress' },
  {
    id: 'goals_set',
    section: 'assessment',
    description: 'Goals set or adjusted (specific, measurable)',
  },
  { id: 'stage_of_change', section: 'assessment', description: 'Stage of change' },
  { id: 'next_interventions', section: 'plan', description: 'Interventions planned for next time' },
  {
    id: 'follow_up',
    section: 'plan',
    description: 'Follow-up and referrals (with the next appointment when known)',
  },
  {
    id: 'treatment_changes',
    section: 'plan',
    description: 'Changes to medication or intervention',
  },
  { id: 'homework', section: 'plan', description: 'Homework' },
] as const satisfies readonly NoteElement[];

export type NoteElementId = (typeof NOTE_ELEMENTS)[number]['id'];

export const NOTE_ELEMENT_IDS: readonly NoteElementId[] = NOTE_ELEMENTS.map((e) => e.id);

/**
 * The elements a topic's sentences serve unless the sentence says otherwise. Topics absent here
 * (risk, consent, safety, goal links, …) serve no checklist element by default.
 */
export const TOPIC_ELEMENTS: Readonly<Record<string, readonly NoteElementId[]>> = {
  presenting_concern: ['chief_complaint', 'client_quotes'],
  symptoms: ['symptoms', 'client_quotes'],
  history: ['history'],
  client_goals: ['client_goals'],
  homework_review: ['homework_review'],
  observed_behavior: ['behavior_affect'],
  appearance_affect: ['behavior_affect'],
  mental_status: ['mental_status'],
  measures: ['assessments'],
  outcome_measures: ['assessments', 'overall_progress'],
  activities: ['therapy_activities'],
  interventions: ['active_interventions'],
  responses: ['intervention_response'],
  change_talk: ['intervention_response'],
  progress: ['goal_progress'],
  triggers: ['triggers'],
  client_plan: ['goals_set'],
  overall_progress: ['overall_progress'],
  stage_of_change: ['stage_of_change'],
  diagnosis: ['diagnosis', 'clinical_analysis'],
  homework_assigned: ['homework'],
  next_steps: ['next_interventions'],
  next_appointment: ['follow_up'],
};
