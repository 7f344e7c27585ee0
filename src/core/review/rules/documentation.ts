import { interventionShortName, listJoin } from '../../notes/labels.js';
import type { RiskKind } from '../../analysis/schema.js';
import type { NoteSentence } from '../../notes/schema.js';
import { findingOf, sentencesOf, type ReviewRule } from './types.js';

/**
 * Documentation-content rules: the seed's four components, the link to a treatment goal, and
 * grounding (no finding without evidence, no boilerplate a transcript cannot support).
 */

const COMPONENTS = [
  ['intervention', 'intervention'],
  ['response', 'client response'],
  ['progress', 'progress indicator'],
  ['goalLink', 'link to goal'],
] as const;

export const fourComponents: ReviewRule = {
  id: 'four-components',
  severity: 'warning',
  title: 'Each intervention states intervention, client response, progress indicator and goal link',
  source:
    'Seed (DocScrib therapeutic-interventions guide), "Documenting Interventions in Progress Notes" and its sample chart: intervention, client response, progress indicator, link to goal',
  check({ note, analysis }) {
    const out = [];
    for (const e of note.interventions) {
      const missing = COMPONENTS.filter(([key]) => e[key].kind !== 'finding').map(([, n]) => n);
      if (missing.length === 0) continue;
      const name = interventionShortName(e.interventionId);
      out.push(
        findingOf(
          fourComponents,
          `${name}: ${listJoin(missing)} not documented (${missing.length} of 4 components missing)`,
          `State ${listJoin(missing)} for ${name} from what the session showed, e.g. a rating before and after, the client's reaction, and the plan goal it serves.`,
          { interventionId: e.interventionId },
        ),
      );
    }
    const delivered = (analysis?.interventions ?? []).filter((d) => !d.id.startsWith('homework.'));
    const documented = new Set(note.interventions.map((e) => e.interventionId));
    const undocumented = delivered.filter((d) => !documented.has(d.id));
    for (const d of undocumented) {
      out.push(
        findingOf(
          fourComponents,
          `${interventionShortName(d.id)} was delivered in the session but has no intervention entry in the note`,
          'Regenerate the note from the analysis or add the intervention with its four components.',
          { interventionId: d.id },
        ),
      );
    }
    if (note.interventions.length === 0 && delivered.length === 0) {
      out.push(
        findingOf(
          fourComponents,
          'The note documents no therapeutic intervention',
          'Name the intervention(s) used in the session with the client response, a progress indicator and the goal each supports.',
        ),
      );
    }
    return out;
  },
};

const GOAL_TOPICS = new Set(['goal_progress', 'goal_links']);

export const goalLink: ReviewRule = {
  id: 'goal-link',
  severity: 'error',
  title: 'The note links the session to at least one treatment goal',
  source:
    'CMS LCD L34616 Psychiatry and Psychology Services (individualized treatment plan with goals; progress toward them documented); Seed: "objective link to treatment goal"',
  check({ note }) {
    const linked =
      note.interventions.some((e) => e.goalLink.kind === 'finding') ||
      sentencesOf(note).some(
        ({ sentence }) =>
          (sentence.kind === 'finding' || sentence.kind === 'clinician') &&
          sentence.topic !== undefined &&
          GOAL_TOPICS.has(sentence.topic),
      );
    if (linked) return [];
    return [
      findingOf(
        goalLink,
        `No treatment goal is linked in this note (${note.interventions.length} intervention ${note.interventions.length === 1 ? 'entry' : 'entries'}, none with a goal link)`,
        'Give the treatment plan (--plan) or add the plan goal this session worked on, and how the interventions served it.',
      ),
    ];
  },
};

/**
 * Phrases notes carry by default that a transcript cannot show (appearance, affect, mental
 * status). Matched on lower-cased text.
 */
const BOILERPLATE: readonly (readonly [RegExp, string])[] = [
  [
    /\bappear(s|ed)? (to be )?(calm|relaxed|comfortable|well|euthymic|pleasant|stable|in no)\b/,
    'appearance/affect',
  ],
  [/\bcooperative\b/, 'cooperative'],
  [/\bwell[- ]groomed\b|\bappropriately (dressed|groomed)\b/, 'grooming'],
  [/\balert and oriented\b|\boriented (x|times) ?[1-4]\b|\ba ?& ?o ?x ?[1-4]\b/, 'orientation'],
  [/\bspeech (was |is )?(clear|normal|coherent|regular|normal rate)/, 'speech'],
  [/\b(good|appropriate|fair|normal) eye contact\b/, 'eye contact'],
  [
    /\bthought process(es)? (was |is |were |are )?(linear|logical|goal[- ]directed|organized)\b/,
    'thought process',
  ],
  [/\baffect (was |is )?(appropriate|congruent|full|bright|euthymic|broad|reactive)\b/, 'affect'],
  [/\bmood (was |is )?euthymic\b/, 'mood'],
  [/\b(no acute distress|within normal limits)\b/, 'normal findings'],
  [
    /\binsight and judg(e)?ment (were |are |is )?(good|fair|intact|adequate)\b/,
    'insight/judgement',
  ],
];

const DENIAL = /\bden(y|ies|ied|ying)\b(.{0,60})/;
const DENIAL_KINDS: readonly (readonly [RegExp, readonly RiskKind[]])[] = [
  [
    /\b(si|suicid\w*|killing (yourself|myself|themselves|himself|herself))\b/,
    ['suicidal_ideation', 'suicide_plan'],
  ],
  [/\b(hi|homicid\w*|harming (others|anyone|someone))\b/, ['homicidal_ideation']],
  [
    /\bself[- ]?harm\w*|\bcutting\b|\bhurting (yourself|myself|themselves|himself|herself)\b/,
    ['self_harm'],
  ],
];

/** Risk kinds a sentence says were denied (empty when it states no risk denial). */
function deniedKinds(lower: string): RiskKind[] {
  const m = DENIAL.exec(lower);
  if (!m) return [];
  const tail = m[2] ?? '';
  return DENIAL_KINDS.filter(([re]) => re.test(tail))
    .map(([, kinds]) => kinds[0])
    .filter((k): k is RiskKind => k !== undefined);
}

function needsEvidence(s: NoteSentence): boolean {
  return s.kind === 'finding' && s.evidence.length === 0;
}

export const evidenceGrounding: ReviewRule = {
  id: 'evidence-grounding',
  severity: 'error',
  title:
    'Every finding has evidence, every statement from the record names its source; no boilerplate the transcript cannot support',
  source:
    'DocScrib PRODUCT.md F5/F6 and TN-Eval (ACL 2025) faithfulness: no "appears calm and cooperative" or "denies SI/HI" unless observed or asked; Seed: "Avoid boilerplate"',
  check({ note, analysis }) {
    const out = [];
    const all = [
      ...sentencesOf(note),
      ...note.interventions.flatMap((e) =>
        [e.intervention, e.response, e.progress, e.goalLink].map((sentence) => ({
          sectionId: 'interventions',
          sentence,
        })),
      ),
    ];
    const denied = new Set(
      (analysis?.risk ?? []).filter((r) => r.status === 'denied').map((r) => r.kind),
    );
    const supported = (s: NoteSentence, kinds: readonly RiskKind[]): boolean =>
      analysis
        ? kinds.every(
            (k) => denied.has(k) || (k === 'suicidal_ideation' && denied.has('suicide_plan')),
          )
        : s.topic === 'risk_denied' && s.kind === 'finding' && s.evidence.length > 0;
    let index = 0;
    for (const { sectionId, sentence } of all) {
      index++;
      if (needsEvidence(sentence)) {
        out.push(
          findingOf(
            evidenceGrounding,
            `A finding in section "${sectionId}" (sentence ${index}) has no evidence`,
            'Link the statement to the transcript lines it came from, mark it as clinician-entered, or remove it.',
            { sectionId },
          ),
        );
      }
      if (sentence.kind === 'record' && !sentence.source) {
        out.push(
          findingOf(
            evidenceGrounding,
            `A statement from the record in section "${sectionId}" (sentence ${index}) does not name the record it came from`,
            'Regenerate the note so the statement names its outcome-measure administrations, or remove it.',
            { sectionId },
          ),
        );
      }
      // Placeholders, the clinician's own entries (their observation, their words) and statements
      // from the client's record (outcome measures, not the transcript) are not checked for claims
      // a transcript cannot show.
      if (
        sentence.kind === 'clinician_to_complete' ||
        sentence.kind === 'clinician' ||
        sentence.kind === 'record'
      )
        continue;
      const lower = sentence.text.toLowerCase();
      for (const [re, what] of BOILERPLATE) {
        if (re.test(lower)) {
          out.push(
            findingOf(
              evidenceGrounding,
              `Section "${sectionId}" (sentence ${index}) states ${what}, which a transcript cannot show`,
              'Remove it, or record it yourself from your observation as a clinician entry.',
              { sectionId },
            ),
          );
        }
      }
      const kinds = deniedKinds(lower);
      if (kinds.length > 0 && !supported(sentence, kinds)) {
        out.push(
          findingOf(
            evidenceGrounding,
            `Section "${sectionId}" (sentence ${index}) records a risk denial that was not asked and denied in this session`,
            'Write "not assessed in this session" unless the client was asked and denied it; cite the question and answer.',
            { sectionId },
          ),
        );
      }
    }
    return out;
  },
};
