/**
 * The API of the treatment plan, the intervention toolkit, informed consent and safety (issue 5),
 * as functions over the app's one `api` client. Types come from the server's schemas (types only).
 */
import type { z } from 'zod';
import { api } from './api';
import type {
  ClientPlan,
  ClientPlanBody,
  ClinicalAlert,
  ConsentRecord,
  NewConsentBodySchema,
  NewSafetyAssessmentBody,
  PlanVersion,
  SafetyAssessment,
  SafetyAssessmentBodySchema,
  SafetyPlan,
  SafetyPlanBodySchema,
  SafetyTriggerSchema,
} from '../../src/server/domain/schemas.js';
import type {
  RecommendInput,
  RecommendResult,
  ToolkitCatalog,
} from './screens/toolkit/toolkit-types';

export type {
  ClientPlan,
  ClientPlanBody,
  ClinicalAlert,
  ConsentRecord,
  PlanVersion,
  SafetyAssessment,
  SafetyPlan,
};
export type NewConsentBody = z.input<typeof NewConsentBodySchema>;
export type SafetyAssessmentBody = z.infer<typeof SafetyAssessmentBodySchema>;
export type SafetyTrigger = z.infer<typeof SafetyTriggerSchema>;
export type { NewSafetyAssessmentBody };
export type SafetyPlanBody = z.infer<typeof SafetyPlanBodySchema>;

const enc = encodeURIComponent;
const client = (id: string) => `/api/clients/${enc(id)}`;

// ── Treatment plan ───────────────────────────────────────────────────────────

/**
 * Saves the plan. `expectedUpdatedAt`: the `updatedAt` of the plan the edit started from (409
 * when someone saved it since); left out for a first save.
 */
export const savePlan = (clientId: string, body: ClientPlanBody, expectedUpdatedAt?: string) =>
  api.request<{ plan: ClientPlan }>(
    'PUT',
    `${client(clientId)}/plan`,
    expectedUpdatedAt === undefined ? body : { ...body, expectedUpdatedAt },
  );
/**
 * Signs the saved plan the clinician sees (its `updatedAt`; 409 when it changed since); 400 lists
 * the payer elements still missing (as `issues`).
 */
export const signPlan = (clientId: string, expectedUpdatedAt: string) =>
  api.request<{ plan: ClientPlan }>('POST', `${client(clientId)}/plan/sign`, {
    expectedUpdatedAt,
  });
export const planVersions = (clientId: string) =>
  api.request<{ versions: PlanVersion[] }>('GET', `${client(clientId)}/plan/versions`);

// ── Toolkit ──────────────────────────────────────────────────────────────────

export const toolkit = () => api.request<ToolkitCatalog>('GET', '/api/toolkit');
export const recommend = (input: RecommendInput) =>
  api.request<RecommendResult>('POST', '/api/toolkit/recommend', input);

// ── Informed consent ─────────────────────────────────────────────────────────

export const consents = (clientId: string) =>
  api.request<{ consents: ConsentRecord[] }>('GET', `${client(clientId)}/consents`);
export const addConsent = (clientId: string, body: NewConsentBody) =>
  api.request<{ consent: ConsentRecord }>('POST', `${client(clientId)}/consents`, body);
export const withdrawConsent = (consentId: string) =>
  api.request<{ consent: ConsentRecord }>('POST', `/api/consents/${enc(consentId)}/withdraw`);

// ── Safety ───────────────────────────────────────────────────────────────────

export const safetyAssessments = (clientId: string) =>
  api.request<{ assessments: SafetyAssessment[] }>('GET', `${client(clientId)}/safety-assessments`);
export const createSafetyAssessment = (clientId: string, body: NewSafetyAssessmentBody) =>
  api.request<{ assessment: SafetyAssessment }>(
    'POST',
    `${client(clientId)}/safety-assessments`,
    body,
  );
export const updateSafetyAssessment = (id: string, body: SafetyAssessmentBody) =>
  api.request<{ assessment: SafetyAssessment }>('PUT', `/api/safety-assessments/${enc(id)}`, body);
export const confirmSafetyAssessment = (id: string) =>
  api.request<{ assessment: SafetyAssessment }>(
    'POST',
    `/api/safety-assessments/${enc(id)}/confirm`,
  );

export const safetyPlan = (clientId: string) =>
  api.request<{ safetyPlan: SafetyPlan | null }>('GET', `${client(clientId)}/safety-plan`);
export const saveSafetyPlan = (clientId: string, body: SafetyPlanBody) =>
  api.request<{ safetyPlan: SafetyPlan }>('PUT', `${client(clientId)}/safety-plan`, body);
/** Confirms the safety plan as read with the client (its `updatedAt`; 409 when it changed). */
export const confirmSafetyPlan = (clientId: string, expectedUpdatedAt: string) =>
  api.request<{ safetyPlan: SafetyPlan }>('POST', `${client(clientId)}/safety-plan/confirm`, {
    expectedUpdatedAt,
  });

/** The caseload's open (unacknowledged) clinical alerts. */
export const openAlerts = () =>
  api.request<{ alerts: ClinicalAlert[] }>('GET', '/api/alerts?status=open');
