/**
 * Safety documentation (issue 5): risk assessments (ideation, plan, intent, means, protective and
 * risk factors, the clinician's risk level, actions) and the collaborative safety plan. The
 * client's clinician writes and confirms them; their supervisor reads them. Every read and write
 * is audited (record types `safety_assessment`, `safety_plan`); their content is sealed at rest.
 *
 * Nothing is pre-filled: every risk element starts `not_assessed`, the risk level too, and
 * confirming records who and when without changing any answer. An assessment opened for a PHQ-9
 * item-9 or session-risk alert is linked to it. A confirmed assessment is final (409 on change);
 * a confirmed safety plan that is changed returns to draft, keeping the confirmed text as
 * `lastConfirmed`. Confirming needs ideation and the risk level assessed (assessment) or the
 * `updatedAt` the clinician read (safety plan: 409 when it changed since).
 * Confirming is audited with the action `sign` (an attestation, like signing).
 */
import type { z } from 'zod';
import {
  safetyAssessmentContent,
  type NewSafetyAssessmentBodySchema,
  type SafetyAssessment,
  type SafetyAssessmentBody,
  type SafetyPlan,
  type SafetyPlanBodySchema,
} from '../domain/schemas.js';
import { ApiError, conflict, notFound, outcomeError, validationFailed } from '../errors.js';
import type { StoreTx } from './audit.js';
import { enforce, type Actor } from './access.js';
import { audit, auditAccess } from './audit.js';
import { clientOfRecord } from './care-access.js';
import { ClientService, type ClinicalDeps } from './clients.js';

export type NewSafetyAssessmentInput = z.output<typeof NewSafetyAssessmentBodySchema>;
export type SafetyAssessmentInput = SafetyAssessmentBody;
export type SafetyPlanInput = z.output<typeof SafetyPlanBodySchema>;

const NOUN = 'safety assessment';

const alreadyConfirmed = (): ApiError =>
  conflict(
    'This safety assessment is confirmed and can no longer be changed.',
    'Open a new safety assessment to record a later assessment.',
  );

/**
 * What an assessment needs before it is confirmed: ideation and the risk level assessed (the
 * other elements may stay `not_assessed`, and stay so). One issue per missing field.
 */
function missingForConfirmation(a: SafetyAssessmentBody): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (a.ideation.status === 'not_assessed') {
    out.push({ path: 'assessment.ideation', message: 'is not assessed (present or absent)' });
  }
  if (a.riskLevel === 'not_assessed') {
    out.push({ path: 'assessment.riskLevel', message: 'is not assessed (low to imminent)' });
  }
  return out;
}

export class SafetyService {
  private readonly clients: ClientService;

  constructor(private readonly deps: ClinicalDeps) {
    this.clients = new ClientService(deps);
  }

  // ── Assessments ────────────────────────────────────────────────────────────

  /** The client's safety assessments, newest first. */
  async listAssessments(actor: Actor, clientId: string): Promise<SafetyAssessment[]> {
    await this.clients.load(actor, clientId, 'read');
    const list = await this.deps.store.safetyAssessments.listForClient(clientId);
    await auditAccess(this.deps, actor, 'read', ['safety_assessment', list.map((a) => a.id)]);
    return list;
  }

  /**
   * Open a safety assessment (owner only), as a draft. The trigger's administration or session
   * and `sessionId` must be this client's; open alerts of that administration or session are
   * linked to it.
   */
  async createAssessment(
    actor: Actor,
    clientId: string,
    input: NewSafetyAssessmentInput,
  ): Promise<SafetyAssessment> {
    const client = await this.clients.load(actor, clientId, 'read');
    enforce(actor, 'write', { type: 'client', ownerClinicianId: client.clinicianId });
    const { store } = this.deps;
    const issues: { path: string; message: string }[] = [];
    const ownSession = async (id: string): Promise<boolean> =>
      (await store.sessions.get(id))?.clientId === clientId;
    const trigger = input.trigger;
    let sessionId = input.sessionId;
    if (sessionId !== null && !(await ownSession(sessionId))) {
      issues.push({ path: 'body.sessionId', message: 'names no session of this client' });
    }
    if (trigger.kind === 'session_risk') {
      if (!(await ownSession(trigger.sessionId))) {
        issues.push({ path: 'body.trigger.sessionId', message: 'names no session of this client' });
      }
      sessionId ??= trigger.sessionId;
    } else if (trigger.kind === 'phq9_item9') {
      const adm = await store.measures.get(trigger.administrationId);
      if (adm?.clientId !== clientId) {
        issues.push({
          path: 'body.trigger.administrationId',
          message: 'names no measure administration of this client',
        });
      } else sessionId ??= adm.sessionId;
    }
    if (issues.length > 0) throw validationFailed(issues);

    return store.transaction(async (tx) => {
      const assessment = await tx.safetyAssessments.create({
        ...safetyAssessmentContent(input),
        clientId,
        sessionId,
        trigger,
        createdBy: actor.id,
      });
      await audit(this.deps, tx, actor, 'create', 'safety_assessment', assessment.id);
      await this.linkAlerts(tx, actor, assessment);
      return assessment;
    });
  }

  /** Link the open alerts this assessment answers (and audit each link). */
  private async linkAlerts(tx: StoreTx, actor: Actor, a: SafetyAssessment): Promise<void> {
    const t = a.trigger;
    if (t.kind === 'clinician') return;
    const ref =
      t.kind === 'phq9_item9'
        ? { administrationId: t.administrationId }
        : { sessionId: t.sessionId };
    const linked = await tx.alerts.linkSafetyAssessment(ref, a.id);
    if (linked === 0) return;
    const ids = (await tx.alerts.listForClient(a.clientId))
      .filter((x) => x.safetyAssessmentId === a.id)
      .map((x) => x.id);
    await audit(this.deps, tx, actor, 'update', 'alert', ...ids);
  }

  /** Change a draft assessment (owner only); 409 once it is confirmed. */
  async updateAssessment(
    actor: Actor,
    id: string,
    input: SafetyAssessmentInput,
  ): Promise<SafetyAssessment> {
    const { store } = this.deps;
    const found = await store.safetyAssessments.get(id);
    await clientOfRecord(store, actor, found?.clientId, 'write', NOUN);
    if (found?.status === 'confirmed') throw alreadyConfirmed();
    return store.transaction(async (tx) => {
      const out = await tx.safetyAssessments.updateDraft(id, safetyAssessmentContent(input));
      if (!out.ok)
        throw out.reason === 'locked' ? alreadyConfirmed() : outcomeError(out.reason, NOUN);
      await audit(this.deps, tx, actor, 'update', 'safety_assessment', id);
      return out.value;
    });
  }

  /**
   * Confirm an assessment (owner only): records who and when; every answer stays as it is. 400
   * (naming the fields) while ideation or the risk level is not assessed.
   */
  async confirmAssessment(actor: Actor, id: string): Promise<SafetyAssessment> {
    const { store } = this.deps;
    const found = await store.safetyAssessments.get(id);
    await clientOfRecord(store, actor, found?.clientId, 'write', NOUN);
    return store.transaction(async (tx) => {
      const current = await tx.safetyAssessments.get(id);
      if (current?.status === 'draft') {
        const missing = missingForConfirmation(current);
        if (missing.length > 0) {
          throw new ApiError(
            'validation_failed',
            `The safety assessment cannot be confirmed yet: ${missing.map((m) => (m.path === 'assessment.ideation' ? 'suicidal ideation' : 'the risk level')).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not assessed.`,
            {
              hint: 'Assess suicidal ideation and judge the risk level, save the draft, then confirm.',
              issues: missing,
            },
          );
        }
      }
      const out = await tx.safetyAssessments.confirm(
        id,
        actor.id,
        this.deps.clock.now().toISOString(),
      );
      if (!out.ok)
        throw out.reason === 'locked' ? alreadyConfirmed() : outcomeError(out.reason, NOUN);
      await audit(this.deps, tx, actor, 'sign', 'safety_assessment', id);
      return out.value;
    });
  }

  // ── Safety plan ────────────────────────────────────────────────────────────

  /** The client's safety plan, or null before it is first written. */
  async getPlan(actor: Actor, clientId: string): Promise<SafetyPlan | null> {
    await this.clients.load(actor, clientId, 'read');
    const plan = await this.deps.store.safetyPlans.get(clientId);
    if (plan) await auditAccess(this.deps, actor, 'read', ['safety_plan', [clientId]]);
    return plan ?? null;
  }

  /** Write the safety plan (owner only); a confirmed plan returns to draft. */
  async putPlan(actor: Actor, clientId: string, input: SafetyPlanInput): Promise<SafetyPlan> {
    const client = await this.clients.load(actor, clientId, 'read');
    enforce(actor, 'write', { type: 'client', ownerClinicianId: client.clinicianId });
    return this.deps.store.transaction(async (tx) => {
      const existed = (await tx.safetyPlans.get(clientId)) !== undefined;
      const plan = await tx.safetyPlans.put(clientId, input);
      await audit(this.deps, tx, actor, existed ? 'update' : 'create', 'safety_plan', clientId);
      return plan;
    });
  }

  /**
   * Confirm the safety plan with the client (owner only): 404 before it is written, 400 while it
   * is empty, 409 when it is confirmed already or changed since `expectedUpdatedAt` (the version
   * the clinician read).
   */
  async confirmPlan(
    actor: Actor,
    clientId: string,
    expectedUpdatedAt: string,
  ): Promise<SafetyPlan> {
    const client = await this.clients.load(actor, clientId, 'read');
    enforce(actor, 'write', { type: 'client', ownerClinicianId: client.clinicianId });
    return this.deps.store.transaction(async (tx) => {
      const current = await tx.safetyPlans.get(clientId);
      if (!current) throw notFound('safety plan');
      if (current.updatedAt !== expectedUpdatedAt) {
        throw conflict(
          'The safety plan changed since you loaded it.',
          'Reload the safety plan, read it with the client, then confirm it again.',
        );
      }
      const sections = [
        current.warningSigns,
        current.copingStrategies,
        current.distractions,
        current.helpContacts,
        current.professionals,
        current.environmentSafety,
        current.reasonsForLiving,
      ];
      if (sections.every((s) => s.length === 0)) {
        throw new ApiError(
          'bad_request',
          'The safety plan is empty; there is nothing to confirm.',
          {
            hint: 'Write the plan with the client (warning signs, coping strategies, contacts, …) first.',
          },
        );
      }
      const out = await tx.safetyPlans.confirm(
        clientId,
        actor.id,
        this.deps.clock.now().toISOString(),
      );
      if (!out.ok) {
        throw out.reason === 'locked'
          ? conflict(
              'The safety plan is already confirmed.',
              'Change it (it returns to draft) and confirm it again.',
            )
          : outcomeError(out.reason, 'safety plan');
      }
      await audit(this.deps, tx, actor, 'sign', 'safety_plan', clientId);
      return out.value;
    });
  }
}
