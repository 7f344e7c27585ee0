/**
 * The consent and safety screen's model: labels, a safety assessment ↔ its form (every element
 * starts "not assessed"; nothing becomes "absent" unless the clinician says so), the trigger of an
 * assessment opened from an alert, the collaborative safety plan ↔ its form (blank rows dropped),
 * and the consent form's checks. Pure.
 */
import type {
  ClinicalAlert,
  ConsentRecord,
  NewConsentBody,
  SafetyAssessment,
  SafetyAssessmentBody,
  SafetyPlan,
  SafetyPlanBody,
  SafetyTrigger,
} from '../../api-care';
import type { RiskElementKey, RiskLevel, RiskStatus } from '../../../../src/server/domain/care.js';

export type { RiskElementKey, RiskLevel, RiskStatus };

export const RISK_STATUS_LABELS: Readonly<Record<RiskStatus, string>> = {
  not_assessed: 'Not assessed',
  present: 'Present',
  absent: 'Absent',
};

export const RISK_ELEMENT_LABELS: Readonly<Record<RiskElementKey, string>> = {
  ideation: 'Suicidal ideation',
  plan: 'Plan',
  intent: 'Intent',
  means: 'Access to lethal means',
};

export const RISK_ELEMENTS: readonly RiskElementKey[] = ['ideation', 'plan', 'intent', 'means'];

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = {
  not_assessed: 'Not assessed',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  imminent: 'Imminent',
};

export type ConsentKind = NewConsentBody['kind'];

export const CONSENT_KIND_LABELS: Readonly<Record<ConsentKind, string>> = {
  intervention: 'Intense intervention (exposure, trauma processing)',
  recording: 'Audio recording of sessions',
  treatment: 'Treatment (informed consent at intake)',
};

export type DiscussedKey = keyof ConsentRecord['discussed'];

export const DISCUSSED_LABELS: Readonly<Record<DiscussedKey, string>> = {
  rationale: 'The rationale of the intervention',
  risksAndDistress: 'Its risks and the distress it can bring',
  alternatives: 'The alternatives',
  rightToStop: 'The right to stop at any time',
};

export interface TextRow {
  text: string;
}
export interface ContactRow {
  name: string;
  contact: string;
}

export interface AssessmentDraft {
  ideation: { status: RiskStatus; detail: string };
  plan: { status: RiskStatus; detail: string };
  intent: { status: RiskStatus; detail: string };
  means: { status: RiskStatus; detail: string };
  protectiveFactors: TextRow[];
  riskFactors: TextRow[];
  riskLevel: RiskLevel;
  actions: string;
}

const notAssessed = () => ({ status: 'not_assessed' as const, detail: '' });

/** A new assessment: every element and the risk level "not assessed", nothing else filled. */
export function blankAssessment(): SafetyAssessmentBody {
  return {
    ideation: notAssessed(),
    plan: notAssessed(),
    intent: notAssessed(),
    means: notAssessed(),
    protectiveFactors: [],
    riskFactors: [],
    riskLevel: 'not_assessed',
    actions: '',
  };
}

export function draftFromAssessment(a: SafetyAssessmentBody): AssessmentDraft {
  return {
    ideation: { ...a.ideation },
    plan: { ...a.plan },
    intent: { ...a.intent },
    means: { ...a.means },
    protectiveFactors: a.protectiveFactors.map((text) => ({ text })),
    riskFactors: a.riskFactors.map((text) => ({ text })),
    riskLevel: a.riskLevel,
    actions: a.actions,
  };
}

const lines = (rows: readonly TextRow[]) => rows.map((r) => r.text.trim()).filter((t) => t !== '');

export function bodyFromAssessment(d: AssessmentDraft): SafetyAssessmentBody {
  const el = (e: { status: RiskStatus; detail: string }) => ({
    status: e.status,
    detail: e.detail.trim(),
  });
  return {
    ideation: el(d.ideation),
    plan: el(d.plan),
    intent: el(d.intent),
    means: el(d.means),
    protectiveFactors: lines(d.protectiveFactors),
    riskFactors: lines(d.riskFactors),
    riskLevel: d.riskLevel,
    actions: d.actions.trim(),
  };
}

/** How an element reads once recorded: "Not assessed", or "Present: detail" / "Absent". */
export function elementText(e: { status: RiskStatus; detail: string }): string {
  const label = RISK_STATUS_LABELS[e.status];
  return e.detail.trim() !== '' ? `${label}: ${e.detail.trim()}` : label;
}

/** The trigger of an assessment opened from an alert (the clinician's own when it names none). */
export function triggerFromAlert(
  alert: Pick<ClinicalAlert, 'kind' | 'administrationId' | 'sessionId'>,
): SafetyTrigger {
  if (alert.kind === 'phq9_item9' && alert.administrationId !== null) {
    return { kind: 'phq9_item9', administrationId: alert.administrationId };
  }
  if (alert.kind === 'session_risk' && alert.sessionId !== null) {
    return { kind: 'session_risk', sessionId: alert.sessionId };
  }
  return { kind: 'clinician' };
}

export function triggerText(t: SafetyAssessment['trigger']): string {
  switch (t.kind) {
    case 'phq9_item9':
      return 'PHQ-9 item 9 answered above 0';
    case 'session_risk':
      return 'Risk found in a session';
    case 'clinician':
      return 'Opened by the clinician';
  }
}

/** The open alerts of this client that no assessment answers yet. */
export function alertsToAssess(
  alerts: readonly ClinicalAlert[],
  clientId: string,
): ClinicalAlert[] {
  return alerts.filter((a) => a.clientId === clientId && a.safetyAssessmentId === null);
}

// ── Safety plan ──────────────────────────────────────────────────────────────

export type LineKey =
  'warningSigns' | 'copingStrategies' | 'environmentSafety' | 'reasonsForLiving';
export type ContactKey = 'distractions' | 'helpContacts' | 'professionals';

/** The steps in the order the plan is written and read. */
export const SAFETY_PLAN_STEPS: readonly (
  | { key: LineKey; kind: 'lines'; title: string; item: string; hint: string }
  | { key: ContactKey; kind: 'contacts'; title: string; item: string; hint: string }
)[] = [
  {
    key: 'warningSigns',
    kind: 'lines',
    title: 'Warning signs',
    item: 'Warning sign',
    hint: 'Thoughts, images, moods or situations that show a crisis may be coming, in the client’s words.',
  },
  {
    key: 'copingStrategies',
    kind: 'lines',
    title: 'Coping strategies',
    item: 'Coping strategy',
    hint: 'What the client can do alone to take their mind off problems.',
  },
  {
    key: 'distractions',
    kind: 'contacts',
    title: 'People and places for distraction',
    item: 'Distraction',
    hint: 'People and social settings that help take the mind off things.',
  },
  {
    key: 'helpContacts',
    kind: 'contacts',
    title: 'People to ask for help',
    item: 'Helper',
    hint: 'People the client can ask for help.',
  },
  {
    key: 'professionals',
    kind: 'contacts',
    title: 'Professionals and crisis lines',
    item: 'Professional or crisis line',
    hint: 'Clinicians, agencies, emergency services and crisis lines, with how to reach them.',
  },
  {
    key: 'environmentSafety',
    kind: 'lines',
    title: 'Making the environment safe',
    item: 'Step',
    hint: 'Limiting access to lethal means.',
  },
  {
    key: 'reasonsForLiving',
    kind: 'lines',
    title: 'Reasons for living',
    item: 'Reason',
    hint: 'What matters most to the client.',
  },
];

export type SafetyPlanDraft = Record<LineKey, TextRow[]> & Record<ContactKey, ContactRow[]>;

export function draftFromSafetyPlan(p: SafetyPlanBody | null): SafetyPlanDraft {
  const t = (xs: readonly string[] | undefined) => (xs ?? []).map((text) => ({ text }));
  const c = (xs: readonly ContactRow[] | undefined) =>
    (xs ?? []).map((x) => ({ name: x.name, contact: x.contact }));
  return {
    warningSigns: t(p?.warningSigns),
    copingStrategies: t(p?.copingStrategies),
    distractions: c(p?.distractions),
    helpContacts: c(p?.helpContacts),
    professionals: c(p?.professionals),
    environmentSafety: t(p?.environmentSafety),
    reasonsForLiving: t(p?.reasonsForLiving),
  };
}

/** The body to save: trimmed, rows left blank dropped (a contact without a name is kept, for the server to name). */
export function bodyFromSafetyPlan(d: SafetyPlanDraft): SafetyPlanBody {
  const c = (rows: readonly ContactRow[]) =>
    rows
      .map((r) => ({ name: r.name.trim(), contact: r.contact.trim() }))
      .filter((r) => r.name !== '' || r.contact !== '');
  return {
    warningSigns: lines(d.warningSigns),
    copingStrategies: lines(d.copingStrategies),
    distractions: c(d.distractions),
    helpContacts: c(d.helpContacts),
    professionals: c(d.professionals),
    environmentSafety: lines(d.environmentSafety),
    reasonsForLiving: lines(d.reasonsForLiving),
  };
}

/** Whether a saved safety plan has anything in it. */
export function safetyPlanEmpty(p: SafetyPlan | SafetyPlanBody | null): boolean {
  if (p === null) return true;
  return SAFETY_PLAN_STEPS.every((s) => p[s.key].length === 0);
}

// ── Consent ──────────────────────────────────────────────────────────────────

export interface ConsentDraft {
  kind: ConsentKind;
  interventionId: string;
  discussed: Record<DiscussedKey, boolean>;
  /** '' until the clinician records the client's decision. */
  decision: '' | 'agreed' | 'declined';
  date: string;
  notes: string;
}

export function blankConsent(today: string): ConsentDraft {
  return {
    kind: 'intervention',
    interventionId: '',
    discussed: {
      rationale: false,
      risksAndDistress: false,
      alternatives: false,
      rightToStop: false,
    },
    decision: '',
    date: today,
    notes: '',
  };
}

/** What the consent form still needs, one sentence each (empty: ready to record). */
export function consentProblems(d: ConsentDraft): string[] {
  const out: string[] = [];
  if (d.kind === 'intervention' && d.interventionId === '') {
    out.push('Intervention: choose the intervention consented to.');
  }
  if (d.decision === '') out.push('Decision: record whether the client agreed or declined.');
  if (d.date === '') out.push('Date: enter the date of the discussion.');
  return out;
}

/** The body to send; null while no decision is recorded (never assumed either way). */
export function consentBody(d: ConsentDraft): NewConsentBody | null {
  if (d.decision === '') return null;
  return {
    kind: d.kind,
    interventionId: d.kind === 'intervention' ? d.interventionId : null,
    discussed: d.discussed,
    decision: d.decision,
    date: d.date,
    notes: d.notes.trim(),
  };
}
