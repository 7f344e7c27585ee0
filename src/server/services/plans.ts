/**
 * Treatment plans (issue 5): save a plan (its references checked), sign it once it holds what
 * payers check, and keep every signed version. Any change after signing clears the signature;
 * the signed version stays in `plan_versions`. Owner writes and signs; a supervisor reads.
 * Every read and write is audited (record type `plan`, record id: the client).
 *
 * Messages name the part of the plan (`body.goals[1].problemId`), never its text or codes.
 */
import type { z } from 'zod';
import { getIntervention } from '../../core/index.js';
import { dateIn } from '../../core/time-zone.js';
import { INSTRUMENTS } from '../../core/measures/instruments.js';
import type {
  ClientPlan,
  ClientPlanBodySchema,
  ClientProfile,
  PlanVersion,
} from '../domain/schemas.js';
import { ApiError, conflict, validationFailed, type ValidationIssue } from '../errors.js';
import { enforce, type Actor } from './access.js';
import { audit, auditAccess } from './audit.js';
import { ClientService, EMPTY_PLAN, type ClinicalDeps } from './clients.js';
import { readPracticeSettings } from './settings.js';

/** A plan as the API receives it (`PUT /api/clients/:id/plan`), defaults applied. */
export type PlanInput = z.output<typeof ClientPlanBodySchema>;

/** Duplicate ids among `items`: one issue per repeat, naming the first use. */
function duplicates(
  items: readonly { id: string }[],
  at: string,
  what: string,
  out: ValidationIssue[],
): void {
  const seen = new Map<string, number>();
  items.forEach((x, i) => {
    const first = seen.get(x.id);
    if (first === undefined) seen.set(x.id, i);
    else out.push({ path: `${at}[${i}].id`, message: `is already used by ${what}[${first}]` });
  });
}

/**
 * What is wrong with a plan's references (ids, catalogue, diagnoses, instruments, dates), one
 * issue per problem. `root` prefixes the paths (`body` for a request, `plan` when signing).
 */
function planIssues(
  plan: PlanInput,
  profile: Pick<ClientProfile, 'diagnoses'>,
  root = 'body',
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  duplicates(plan.problems, `${root}.problems`, 'problems', out);
  duplicates(plan.goals, `${root}.goals`, 'goals', out);

  const codes = new Set(
    profile.diagnoses.flatMap((d) => (d.code === null ? [] : [d.code.trim().toUpperCase()])),
  );
  plan.problems.forEach((p, i) => {
    p.diagnosisCodes.forEach((code, j) => {
      if (!codes.has(code.trim().toUpperCase())) {
        out.push({
          path: `${root}.problems[${i}].diagnosisCodes[${j}]`,
          message: "is not a diagnosis on the client's profile",
        });
      }
    });
  });

  const problemIds = new Set(plan.problems.map((p) => p.id));
  plan.goals.forEach((g, i) => {
    const at = `${root}.goals[${i}]`;
    if (g.problemId !== null && !problemIds.has(g.problemId)) {
      out.push({ path: `${at}.problemId`, message: 'names no problem of this plan' });
    }
    duplicates(g.objectives, `${at}.objectives`, `goals[${i}].objectives`, out);
    g.objectives.forEach((o, j) => {
      const oat = `${at}.objectives[${j}]`;
      if (plan.startDate !== null && o.targetDate !== null && o.targetDate < plan.startDate) {
        out.push({ path: `${oat}.targetDate`, message: 'must not be before startDate' });
      }
      if (o.instrument !== null && INSTRUMENTS[o.instrument].kind !== 'symptom') {
        out.push({
          path: `${oat}.instrument`,
          message: `is the ${INSTRUMENTS[o.instrument].shortName} form, not a symptom measure: choose PHQ-9, GAD-7 or PCL-5`,
        });
        return;
      }
      if (o.targetScore === null) return;
      if (o.instrument === null) {
        out.push({ path: `${oat}.instrument`, message: 'is needed when targetScore is set' });
        return;
      }
      const { min, max } = INSTRUMENTS[o.instrument].scoreRange;
      if (o.targetScore < min || o.targetScore > max) {
        out.push({
          path: `${oat}.targetScore`,
          message: `must be within the ${INSTRUMENTS[o.instrument].shortName} score range ${min}–${max}`,
        });
      }
    });
  });

  const goalIds = new Set(plan.goals.map((g) => g.id));
  const planned = new Map<string, number>();
  plan.plannedInterventions.forEach((p, i) => {
    const at = `${root}.plannedInterventions[${i}]`;
    if (!getIntervention(p.interventionId)) {
      out.push({
        path: `${at}.interventionId`,
        message: 'is not an intervention of the catalogue (see GET /api/toolkit)',
      });
    }
    const first = planned.get(p.interventionId);
    if (first !== undefined) {
      out.push({
        path: `${at}.interventionId`,
        message: `is already planned at plannedInterventions[${first}]`,
      });
    } else planned.set(p.interventionId, i);
    p.goalIds.forEach((id, j) => {
      if (!goalIds.has(id)) {
        out.push({ path: `${at}.goalIds[${j}]`, message: 'names no goal of this plan' });
      }
    });
  });

  if (plan.startDate !== null && plan.reviewDate !== null && plan.reviewDate < plan.startDate) {
    out.push({ path: `${root}.reviewDate`, message: 'must not be before startDate' });
  }
  return out;
}

/** An objective is measurable when it has a target date or an instrument target score. */
const measurable = (o: PlanInput['goals'][number]['objectives'][number]): boolean =>
  o.targetDate !== null || (o.instrument !== null && o.targetScore !== null);

/**
 * The elements payers check that the plan lacks (empty: it may be signed): a problem, a goal with
 * a measurable objective, a planned intervention with rationale and expected outcomes, frequency,
 * duration, a review date after `today` (the practice's date: a plan is due for review ON its
 * review date), and a diagnosis on the client's profile.
 */
function missingForSignature(
  plan: PlanInput,
  profile: Pick<ClientProfile, 'diagnoses'>,
  today: string,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const need = (ok: boolean, path: string, message: string): void => {
    if (!ok) out.push({ path, message });
  };
  need(plan.problems.length > 0, 'plan.problems', 'needs at least one problem');
  need(
    plan.goals.some((g) => g.objectives.some(measurable)),
    'plan.goals',
    'needs a goal with a measurable objective (a target date, or an instrument and target score)',
  );
  need(
    plan.plannedInterventions.some(
      (p) => p.rationale.trim() !== '' && p.expectedOutcomes.trim() !== '',
    ),
    'plan.plannedInterventions',
    'needs a planned intervention with a rationale and expected outcomes',
  );
  need(
    plan.frequency.trim() !== '',
    'plan.frequency',
    'is empty (e.g. "weekly 53-minute sessions")',
  );
  need(plan.duration.trim() !== '', 'plan.duration', 'is empty (e.g. "16 sessions over 4 months")');
  need(plan.reviewDate !== null, 'plan.reviewDate', 'is not set');
  need(
    plan.reviewDate === null || plan.reviewDate > today,
    'plan.reviewDate',
    'is today or in the past: set a future review date',
  );
  need(
    profile.diagnoses.length > 0,
    'client.profile.diagnoses',
    "is empty: add the client's diagnosis to their profile",
  );
  return out;
}

/** 409: the plan is not the version the clinician read (someone saved it since). */
function changedSince(): ApiError {
  return conflict(
    'The plan changed since you loaded it.',
    'Reload the plan, check the changes, then save or sign again.',
  );
}

export class PlanService {
  private readonly clients: ClientService;

  constructor(private readonly deps: ClinicalDeps) {
    this.clients = new ClientService(deps);
  }

  /**
   * Replace the client's plan (owner only); its signature is cleared. With `expectedUpdatedAt`
   * (the plan the edit started from): 409 when the plan changed since.
   */
  async put(
    actor: Actor,
    clientId: string,
    input: PlanInput,
    expectedUpdatedAt?: string,
  ): Promise<ClientPlan> {
    const client = await this.clients.load(actor, clientId, 'read');
    enforce(actor, 'write', { type: 'plan', ownerClinicianId: client.clinicianId });
    const issues = planIssues(input, client.profile);
    if (issues.length > 0) {
      throw validationFailed(
        issues,
        'Fix the parts of the plan listed in `issues` and save again.',
      );
    }
    return this.deps.store.transaction(async (tx) => {
      if (expectedUpdatedAt !== undefined) {
        const current = await tx.plans.get(clientId);
        if (current?.updatedAt !== expectedUpdatedAt) throw changedSince();
      }
      const saved = await tx.plans.put(clientId, { ...input, signature: null });
      await audit(this.deps, tx, actor, 'update', 'plan', clientId);
      return saved;
    });
  }

  /**
   * Sign the plan (owner only) once it holds every element payers check: 400 listing what is
   * missing otherwise, 409 when it is signed already or changed since `expectedUpdatedAt` (the
   * version the signer read). Keeps the signed version.
   */
  async sign(actor: Actor, clientId: string, expectedUpdatedAt: string): Promise<ClientPlan> {
    const client = await this.clients.load(actor, clientId, 'read');
    enforce(actor, 'write', { type: 'plan', ownerClinicianId: client.clinicianId });
    const signer = await this.deps.store.users.get(actor.id);
    const { timezone } = await readPracticeSettings(this.deps.store);
    const today = dateIn(timezone, this.deps.clock.now());
    return this.deps.store.transaction(async (tx) => {
      const stored = await tx.plans.get(clientId);
      if (stored && stored.updatedAt !== expectedUpdatedAt) throw changedSince();
      const plan = stored ?? EMPTY_PLAN;
      if (plan.signature) {
        throw conflict(
          'The plan is already signed.',
          'Change the plan and sign it again to keep a new signed version.',
        );
      }
      const issues = [
        ...missingForSignature(plan, client.profile, today),
        ...planIssues(plan, client.profile, 'plan'),
      ];
      const first = issues[0];
      if (first) {
        throw new ApiError(
          'validation_failed',
          `The plan cannot be signed yet: ${issues.length} element(s) missing or invalid (first: ${first.path} ${first.message}).`,
          {
            hint: 'Complete the parts listed in `issues` (and the client profile), save, then sign.',
            issues,
          },
        );
      }
      const signature = {
        signedBy: actor.id,
        signerName: signer?.name ?? '',
        signedAt: this.deps.clock.now().toISOString(),
      };
      const saved = await tx.plans.put(clientId, { ...plan, signature });
      await tx.planVersions.add(clientId, { ...saved, signature });
      await audit(this.deps, tx, actor, 'sign', 'plan', clientId);
      return saved;
    });
  }

  /** The client's signed versions, oldest first. */
  async versions(actor: Actor, clientId: string): Promise<PlanVersion[]> {
    await this.clients.load(actor, clientId, 'read');
    const versions = await this.deps.store.planVersions.list(clientId);
    await auditAccess(this.deps, actor, 'read', ['plan', [clientId]]);
    return versions;
  }
}
