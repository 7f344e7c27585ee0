/**
 * Consent records and safety documentation (issue 5; part of `clinicalRoutes`): a client's
 * informed-consent records (withdrawn by their own id), safety assessments (draft → confirmed;
 * changed only as drafts) and the collaborative safety plan. Clinicians and supervisors only;
 * the client's clinician writes, their supervisor reads (services check each record).
 */
import { z } from 'zod';
import {
  ConfirmSafetyPlanBodySchema,
  ConsentRecordSchema,
  NewConsentBodySchema,
  NewSafetyAssessmentBodySchema,
  SafetyAssessmentBodySchema,
  SafetyAssessmentSchema,
  SafetyPlanBodySchema,
  SafetyPlanSchema,
} from '../../domain/schemas.js';
import { ConsentService } from '../../services/consents.js';
import { SafetyService } from '../../services/safety.js';
import { defineRoute, type Route } from '../route.js';
import { CLINICAL, type ClinicalRouteContext } from './clinical-context.js';
import { IdParams } from './schemas.js';

const ConsentReply = z.object({ consent: ConsentRecordSchema });
const AssessmentReply = z.object({ assessment: SafetyAssessmentSchema });
const SafetyPlanReply = z.object({ safetyPlan: SafetyPlanSchema });

export function careRoutes({ services, actorOf }: ClinicalRouteContext): Route[] {
  const consents = new ConsentService(services);
  const safety = new SafetyService(services);
  const base = { auth: 'user', roles: CLINICAL, params: IdParams } as const;
  return [
    // ── Consent ──────────────────────────────────────────────────────────────
    defineRoute({
      ...base,
      method: 'GET',
      path: '/api/clients/:id/consents',
      summary: "A client's consent records, newest first (withdrawn ones included)",
      tags: ['consent'],
      responses: { 200: z.object({ consents: z.array(ConsentRecordSchema) }) },
      handler: async ({ actor, params }) => ({
        body: { consents: await consents.list(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      ...base,
      method: 'POST',
      path: '/api/clients/:id/consents',
      summary: 'Record an informed-consent discussion (owner only)',
      description:
        'Kind `intervention` needs `interventionId`, a catalogue id (e.g. `exposure.in_vivo`); ' +
        'kinds `recording` and `treatment` take none (null).',
      tags: ['consent'],
      body: NewConsentBodySchema,
      responses: { 201: ConsentReply },
      handler: async ({ actor, params, body }) => ({
        status: 201 as const,
        body: { consent: await consents.create(await actorOf(actor), params.id, body) },
      }),
    }),
    defineRoute({
      ...base,
      method: 'POST',
      path: '/api/consents/:id/withdraw',
      summary: 'The client withdrew this consent (owner only; once)',
      tags: ['consent'],
      responses: { 200: ConsentReply },
      handler: async ({ actor, params }) => ({
        body: { consent: await consents.withdraw(await actorOf(actor), params.id) },
      }),
    }),
    // ── Safety assessments ───────────────────────────────────────────────────
    defineRoute({
      ...base,
      method: 'GET',
      path: '/api/clients/:id/safety-assessments',
      summary: "A client's safety assessments, newest first",
      tags: ['safety'],
      responses: { 200: z.object({ assessments: z.array(SafetyAssessmentSchema) }) },
      handler: async ({ actor, params }) => ({
        body: { assessments: await safety.listAssessments(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      ...base,
      method: 'POST',
      path: '/api/clients/:id/safety-assessments',
      summary: 'Open a safety assessment (owner only), as a draft',
      description:
        'Every element left out stays `not_assessed` (never absent or denied). A trigger ' +
        '`phq9_item9` or `session_risk` links the open alerts of that administration or session.',
      tags: ['safety'],
      body: NewSafetyAssessmentBodySchema,
      responses: { 201: AssessmentReply },
      handler: async ({ actor, params, body }) => ({
        status: 201 as const,
        body: {
          assessment: await safety.createAssessment(await actorOf(actor), params.id, body),
        },
      }),
    }),
    defineRoute({
      ...base,
      method: 'PUT',
      path: '/api/safety-assessments/:id',
      summary: 'Change a draft safety assessment (owner only; 409 once confirmed)',
      tags: ['safety'],
      body: SafetyAssessmentBodySchema,
      responses: { 200: AssessmentReply },
      handler: async ({ actor, params, body }) => ({
        body: {
          assessment: await safety.updateAssessment(await actorOf(actor), params.id, body),
        },
      }),
    }),
    defineRoute({
      ...base,
      method: 'POST',
      path: '/api/safety-assessments/:id/confirm',
      summary: 'Confirm a safety assessment (owner only; answers stay as they are)',
      description:
        'Refused (400 `validation_failed`, naming each field) while `ideation` or `riskLevel` is ' +
        '`not_assessed`; other elements may stay not assessed. 409 once confirmed.',
      tags: ['safety'],
      responses: { 200: AssessmentReply },
      handler: async ({ actor, params }) => ({
        body: { assessment: await safety.confirmAssessment(await actorOf(actor), params.id) },
      }),
    }),
    // ── Safety plan ──────────────────────────────────────────────────────────
    defineRoute({
      ...base,
      method: 'GET',
      path: '/api/clients/:id/safety-plan',
      summary: "A client's safety plan (null before it is first written)",
      tags: ['safety'],
      responses: { 200: z.object({ safetyPlan: SafetyPlanSchema.nullable() }) },
      handler: async ({ actor, params }) => ({
        body: { safetyPlan: await safety.getPlan(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      ...base,
      method: 'PUT',
      path: '/api/clients/:id/safety-plan',
      summary: "Write a client's safety plan (owner only; a confirmed plan returns to draft)",
      description:
        'Changing a confirmed plan keeps the confirmed text as `lastConfirmed` until the plan is ' +
        'confirmed again.',
      tags: ['safety'],
      body: SafetyPlanBodySchema,
      responses: { 200: SafetyPlanReply },
      handler: async ({ actor, params, body }) => ({
        body: { safetyPlan: await safety.putPlan(await actorOf(actor), params.id, body) },
      }),
    }),
    defineRoute({
      ...base,
      method: 'POST',
      path: '/api/clients/:id/safety-plan/confirm',
      summary: 'Confirm the safety plan written with the client (owner only)',
      description:
        '`expectedUpdatedAt`: the `updatedAt` of the plan the clinician read with the client; 409 ' +
        'when the plan changed since (or is confirmed already), 400 while it is empty.',
      tags: ['safety'],
      body: ConfirmSafetyPlanBodySchema,
      responses: { 200: SafetyPlanReply },
      handler: async ({ actor, params, body }) => ({
        body: {
          safetyPlan: await safety.confirmPlan(
            await actorOf(actor),
            params.id,
            body.expectedUpdatedAt,
          ),
        },
      }),
    }),
  ];
}
