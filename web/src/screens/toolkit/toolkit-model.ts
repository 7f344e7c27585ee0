/**
 * The matching form's model: a client's profile → the form's first values (their presenting
 * concerns as catalogue concerns or free text), the form → `POST /api/toolkit/recommend`, and the
 * chosen recommendations and blend → the plan to save (rationale and expected outcomes filled
 * from the recommendation or blend, the blend's rationale appended to the conceptualization).
 * Pure.
 */
import { splitList } from '../../format';
import type { ClientPlan, ClientPlanBody } from '../../api-care';
import type { ClientProfile } from '../../types';
import type { BlendFit, RecommendInput, Recommendation, ToolkitCatalog } from './toolkit-types';

export interface MatchForm {
  /** Catalogue concern ids ticked. */
  concernIds: string[];
  /** Other concerns in words, comma-separated. */
  otherConcerns: string;
  features: string[];
  preferences: string[];
  culture: string[];
  contraindications: string[];
}

export const EMPTY_MATCH_FORM: MatchForm = {
  concernIds: [],
  otherConcerns: '',
  features: [],
  preferences: [],
  culture: [],
  contraindications: [],
};

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The form for a client: each presenting concern that is a catalogue concern (by id or name)
 * ticked, the rest as free text. Nothing else is guessed from the profile.
 */
export function formFromProfile(
  profile: Pick<ClientProfile, 'presentingConcerns'>,
  catalog: Pick<ToolkitCatalog, 'concerns'>,
): MatchForm {
  const concernIds: string[] = [];
  const other: string[] = [];
  for (const c of profile.presentingConcerns) {
    const hit = catalog.concerns.find((k) => norm(k.id) === norm(c) || norm(k.name) === norm(c));
    if (hit) {
      if (!concernIds.includes(hit.id)) concernIds.push(hit.id);
    } else {
      other.push(c.trim());
    }
  }
  return { ...EMPTY_MATCH_FORM, concernIds, otherConcerns: other.join(', ') };
}

/** The request body; null when no concern is given (the API needs at least one). */
export function recommendInput(form: MatchForm): RecommendInput | null {
  const concerns = [...form.concernIds, ...splitList(form.otherConcerns)];
  if (concerns.length === 0) return null;
  return {
    concerns,
    features: form.features as RecommendInput['features'],
    preferences: form.preferences as RecommendInput['preferences'],
    culture: form.culture as RecommendInput['culture'],
    contraindications: form.contraindications as RecommendInput['contraindications'],
  };
}

/** The interventions a blend brings into the plan: those not blocked here. */
export function blendInterventions(blend: BlendFit): string[] {
  const blocked = new Set(blend.blocked.map((b) => b.interventionId));
  return blend.interventionIds.filter((id) => !blocked.has(id));
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The plan body with the chosen interventions added (those already planned keep what the
 * clinician wrote). Rationale: the recommendation's reasons, else the blend's rationale;
 * expected outcomes: the blend's, when the intervention is part of it (else empty, for the
 * clinician to write). The blend's rationale is appended to the conceptualization once.
 */
export function planWithChoices(
  plan: ClientPlan,
  chosen: readonly string[],
  recommendations: readonly Recommendation[],
  blend: BlendFit | null,
): ClientPlanBody {
  const planned = new Set(plan.plannedInterventions.map((p) => p.interventionId));
  const inBlend = new Set(blend ? blendInterventions(blend) : []);
  const added = chosen
    .filter((id, n) => !planned.has(id) && chosen.indexOf(id) === n)
    .map((interventionId) => {
      const rec = recommendations.find((r) => r.interventionId === interventionId);
      const fromBlend = blend !== null && inBlend.has(interventionId);
      const rationale =
        rec && rec.rationale.length > 0
          ? rec.rationale.join(' ')
          : fromBlend
            ? `${blend.name}: ${blend.rationale}`
            : '';
      return {
        interventionId,
        rationale: clip(rationale, 2000),
        expectedOutcomes: fromBlend ? clip(blend.expectedOutcomes.join('; '), 2000) : '',
        goalIds: [],
        frequency: '',
      };
    });
  let conceptualization = plan.conceptualization;
  if (blend !== null) {
    const line = `${blend.name}: ${blend.rationale}`;
    if (!conceptualization.includes(line)) {
      conceptualization =
        conceptualization.trim() === '' ? line : `${conceptualization}\n\n${line}`;
    }
  }
  return {
    problems: plan.problems,
    goals: plan.goals,
    plannedInterventions: [...plan.plannedInterventions, ...added],
    conceptualization: clip(conceptualization, 5000),
    frequency: plan.frequency,
    duration: plan.duration,
    startDate: plan.startDate,
    reviewDate: plan.reviewDate,
  };
}
