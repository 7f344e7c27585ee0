import type { Analysis, RiskKind } from '../../analysis/schema.js';
import {
  consentExpected,
  interventionShortName,
  listJoin,
  needsDistressMonitoring,
  riskShortName,
} from '../../notes/labels.js';
import type { Note } from '../../notes/schema.js';
import {
  findingOf,
  sentencesOf,
  utteranceIdsOf,
  type ReviewInput,
  type ReviewRule,
} from './types.js';

/** Safety rules: risk follow-up, risk screening, informed consent, distress monitoring. */

const SAFETY_INTERVENTIONS = new Set(['safety.risk_assessment', 'safety.safety_planning']);
const SAFETY_TEXT =
  /\b(safety plan\w*|crisis (line|plan|contacts?|number)|risk assessment|means (restriction|safety|counsel\w*)|hotline|988|emergency (plan|contacts?))\b/i;

function deliveredIds(note: Note, analysis: Analysis | undefined): string[] {
  return analysis
    ? analysis.interventions.map((d) => d.id)
    : note.interventions.map((e) => e.interventionId);
}

interface Endorsed {
  kinds: RiskKind[];
  utteranceIds: string[];
}

function endorsedRisk(note: Note, analysis: Analysis | undefined): Endorsed {
  if (analysis) {
    const risks = analysis.risk.filter((r) => r.status === 'endorsed');
    return {
      kinds: risks.map((r) => r.kind),
      utteranceIds: utteranceIdsOf(risks.flatMap((r) => r.evidence)),
    };
  }
  const sentences = sentencesOf(note)
    .map(({ sentence }) => sentence)
    .filter((s) => s.topic === 'risk_endorsed');
  return { kinds: [], utteranceIds: utteranceIdsOf(sentences.flatMap((s) => s.evidence)) };
}

export const riskFollowUp: ReviewRule = {
  id: 'risk-follow-up',
  severity: 'error',
  title: 'Endorsed risk has a documented follow-up (risk assessment or safety plan)',
  source:
    'The Joint Commission NPSG 15.01.01 (reduce the risk for suicide: screen, assess, document and follow up); DocScrib PRODUCT.md F5',
  check({ note, analysis, measureAlerts = [] }) {
    const endorsed = endorsedRisk(note, analysis);
    const noteEndorses = sentencesOf(note).some(
      ({ sentence }) => sentence.topic === 'risk_endorsed',
    );
    if (endorsed.kinds.length === 0 && !noteEndorses && measureAlerts.length === 0) return [];
    const followedUp =
      deliveredIds(note, analysis).some((id) => SAFETY_INTERVENTIONS.has(id)) ||
      note.interventions.some((e) => SAFETY_INTERVENTIONS.has(e.interventionId)) ||
      sentencesOf(note).some(
        ({ sectionId, sentence }) =>
          (sentence.kind === 'finding' || sentence.kind === 'clinician') &&
          (sentence.topic === 'safety' ||
            (sectionId === 'plan' && SAFETY_TEXT.test(sentence.text))),
      );
    if (followedUp) return [];
    const sessionRisk = endorsed.kinds.length > 0 || noteEndorses;
    const what = endorsed.kinds.length > 0 ? listJoin(endorsed.kinds.map(riskShortName)) : 'risk';
    const measured = listJoin(measureAlerts.map((a) => `${a.label} (${a.date})`));
    const subject = sessionRisk
      ? `Endorsed ${what}${measured ? ` and a positive ${measured}` : ''}`
      : `A positive ${measured}`;
    return [
      findingOf(
        riskFollowUp,
        `${subject} without a documented follow-up (no risk assessment or safety plan in the session or the plan)`,
        'Document the risk assessment (ideation, plan, intent, means, protective factors) and the safety plan or why none was needed, with the next check-in.',
        endorsed.utteranceIds.length > 0 ? { utteranceIds: endorsed.utteranceIds } : undefined,
      ),
    ];
  },
};

export const riskScreening: ReviewRule = {
  id: 'risk-screening',
  severity: 'info',
  title: 'Risk screening status is visible',
  source: 'The Joint Commission NPSG 15.01.01 (screen for suicide risk); DocScrib PRODUCT.md F5',
  check({ analysis }) {
    // What was asked in the session is known only from the analysis: without it, no guess.
    if (!analysis) return [];
    if (analysis.risk.some((r) => r.status !== 'not_assessed')) return [];
    return [
      findingOf(
        riskScreening,
        'No risk topic (suicidal ideation, self-harm, …) was asked about in this session',
        'If risk was screened outside the recording, document it; otherwise the note keeps "not assessed in this session".',
      ),
    ];
  },
};

/** Same id, or the same exposure / trauma family (consent for in vivo covers graded exposure work). */
function consentCovers(consentId: string, deliveredId: string): boolean {
  if (consentId === deliveredId) return true;
  const family = (id: string): string => id.split('.', 1)[0] ?? id;
  return family(consentId) === family(deliveredId);
}

/** What the consent records on file say about one delivered intervention. */
type OnFile =
  { status: 'none' } | { status: 'agreed'; date: string } | { status: 'declined'; date: string };

/**
 * The latest decision on file covering `id` (same id or family), dated on or before the session:
 * records sorted by date, ties in the given order (oldest first), so a later agreement overrides a
 * decline and a later decline overrides an agreement.
 */
function onFile(
  consents: ReviewInput['consentsOnFile'],
  id: string,
  sessionDate: string | undefined,
): OnFile {
  const covering = (consents ?? [])
    .map((c, i) => ({ c, i }))
    .filter(
      ({ c }) =>
        c.kind === 'intervention' &&
        c.interventionId !== null &&
        consentCovers(c.interventionId, id) &&
        (sessionDate === undefined || c.date <= sessionDate),
    )
    .sort((a, b) => a.c.date.localeCompare(b.c.date) || a.i - b.i);
  const last = covering.at(-1)?.c;
  if (!last) return { status: 'none' };
  return { status: last.decision, date: last.date };
}

export const informedConsent: ReviewRule = {
  id: 'informed-consent',
  severity: 'error',
  title: 'Informed consent documented for intense interventions (exposure, trauma processing)',
  source:
    'APA Ethical Principles of Psychologists and Code of Conduct, Standards 3.10 and 10.01 (informed consent to therapy); Seed: "Document informed consent for interventions that may be intense (e.g. exposure, trauma processing)"',
  check({ note, analysis, consentsOnFile, sessionDate }) {
    const out = [];
    const consents: { id: string; declined: boolean }[] = analysis
      ? analysis.consent.map((c) => ({ id: c.interventionId, declined: c.outcome === 'declined' }))
      : sentencesOf(note)
          .map(({ sentence }) => sentence)
          .filter((s) => s.topic === 'consent' && s.kind === 'finding' && s.interventionId)
          .map((s) => ({ id: s.interventionId ?? '', declined: /\bdeclined\b/i.test(s.text) }));
    const delivered = new Set(deliveredIds(note, analysis));
    for (const id of delivered) {
      if (!consentExpected(id)) continue;
      const name = interventionShortName(id);
      const matching = consents.filter((c) => consentCovers(c.id, id));
      if (matching.length > 0 && matching.every((c) => c.declined)) {
        out.push(
          findingOf(
            informedConsent,
            `${name} is documented as delivered although the client declined it`,
            'Check the intervention list: a declined intervention is not delivered; otherwise document the later agreement.',
            { interventionId: id },
          ),
        );
        continue;
      }
      if (matching.length > 0) continue; // consent discussed and given in the session
      if (consentsOnFile === undefined) {
        out.push(
          findingOf(
            informedConsent,
            `${name} was delivered without a documented informed-consent discussion`,
            `Document that the rationale, expected distress, alternatives and the right to stop were discussed for ${name}, and the client's agreement.`,
            { interventionId: id },
          ),
        );
        continue;
      }
      const file = onFile(consentsOnFile, id, sessionDate);
      if (file.status === 'agreed') {
        out.push(
          findingOf(
            informedConsent,
            `${name}: informed consent on file (agreed ${file.date}); not discussed again in this session`,
            'Nothing to do unless the plan or the risks changed; then revisit consent in session and record it.',
            { interventionId: id },
            'info',
          ),
        );
      } else if (file.status === 'declined') {
        out.push(
          findingOf(
            informedConsent,
            `${name} was delivered although the client declined consent on file (${file.date}), with no later agreement on file or discussed in session`,
            `Record the client's later agreement to ${name} in the client's consent records with its date, or check the intervention list.`,
            { interventionId: id },
          ),
        );
      } else {
        out.push(
          findingOf(
            informedConsent,
            `${name} was delivered with no informed consent on file or discussed in session`,
            `Record the informed-consent discussion for ${name} (rationale, expected distress, alternatives, the right to stop, and the client's decision) on the client's Consent records, or document it in the note.`,
            { interventionId: id },
          ),
        );
      }
    }
    return out;
  },
};

const DISTRESS_SCALE = /anx|distress|fear|suds|disgust|panic|upset/i;
const DISTRESS_TEXT = /\b(suds|distress|anxiety|fear)\b/i;

export const exposureDistressMonitoring: ReviewRule = {
  id: 'exposure-distress-monitoring',
  severity: 'warning',
  title: 'Distress is rated (SUDS or similar) during exposure and trauma processing',
  source:
    'Seed: "Monitor for harms: ensure safety during exposure exercises and manage distress triggers"; exposure-therapy practice of SUDS ratings before, during and after',
  check({ note, analysis }) {
    const ids = deliveredIds(note, analysis).filter(needsDistressMonitoring);
    if (ids.length === 0) return [];
    const monitored = analysis
      ? analysis.indicators.some(
          (i) => i.kind === 'suds' || (i.kind === 'rating' && DISTRESS_SCALE.test(i.scale ?? '')),
        )
      : note.interventions.some(
          (e) => e.progress.kind === 'finding' && DISTRESS_TEXT.test(e.progress.text),
        ) ||
        sentencesOf(note).some(
          ({ sentence }) =>
            sentence.kind === 'finding' &&
            (sentence.topic === 'progress' || sentence.topic === 'indicators') &&
            DISTRESS_TEXT.test(sentence.text),
        );
    if (monitored) return [];
    return ids.map((id) =>
      findingOf(
        exposureDistressMonitoring,
        `${interventionShortName(id)} delivered with no distress rating (SUDS or similar) recorded`,
        'Record distress ratings at the start, peak and end of the exposure (e.g. SUDS 0–100), or note why they were not taken.',
        { interventionId: id },
      ),
    );
  },
};
