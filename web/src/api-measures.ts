/**
 * The web app's calls of the measurement-based-care API (issue 5): instruments, a client's
 * outcomes, entering answers, one-time client links, measure schedules, caseload reminders, and
 * adding an alternative intervention to the client's plan. Each function calls the one
 * `ApiClient` (`api.request`), so CSRF, errors and the 401 handling are the app's usual ones.
 * Nothing about the client (names, answers, scores) is ever put in a URL: ids only.
 */
import type { z } from 'zod';
import { api } from './api';
import type {
  ClientOutcomes,
  ClientPlan,
  ClinicalAlert,
  CreatedMeasureLinkSchema,
  MeasureAdministration,
  MeasureDue,
  MeasureLink,
  MeasureSchedule,
  MeasureSchedulesBodySchema,
  NewAdministrationBody,
  NewMeasureLinkBodySchema,
} from '../../src/server/domain/schemas.js';
import type { Instrument, InstrumentId } from '../../src/core/measures/schema.js';
import { planWithIntervention, type PlanAddition } from './screens/outcomes/plan-append';

export type { ClientOutcomes, Instrument, InstrumentId, MeasureDue, MeasureLink, MeasureSchedule };
export type CreatedMeasureLink = z.infer<typeof CreatedMeasureLinkSchema>;
export type NewMeasureLinkBody = z.input<typeof NewMeasureLinkBodySchema>;
export type MeasureSchedulesBody = z.input<typeof MeasureSchedulesBodySchema>;
export type { NewAdministrationBody };

export interface Reminders {
  measuresDue: MeasureDue[];
  planReviews: { clientId: string; reviewDate: string }[];
}

const enc = encodeURIComponent;
const client = (id: string) => `/api/clients/${enc(id)}`;

/** `GET /api/instruments`: the forms and their constants (not PHI). */
export const getInstruments = () =>
  api.request<{ instruments: Instrument[] }>('GET', '/api/instruments');

/** `GET /api/clients/:id/outcomes`. */
export const getOutcomes = (clientId: string) =>
  api.request<ClientOutcomes>('GET', `${client(clientId)}/outcomes`);

/** `POST /api/clients/:id/measures`: the clinician enters the client's answers. */
export const administerMeasure = (clientId: string, body: NewAdministrationBody) =>
  api.request<{ administration: MeasureAdministration; alerts: ClinicalAlert[] }>(
    'POST',
    `${client(clientId)}/measures`,
    body,
  );

/** `POST /api/clients/:id/measure-links`: the URL in the answer is the only copy of the token. */
export const createMeasureLink = (clientId: string, body: NewMeasureLinkBody) =>
  api.request<CreatedMeasureLink>('POST', `${client(clientId)}/measure-links`, body);

export const getMeasureLinks = (clientId: string) =>
  api.request<{ links: MeasureLink[] }>('GET', `${client(clientId)}/measure-links`);

export const revokeMeasureLink = (linkId: string) =>
  api.request<{ link: MeasureLink }>('POST', `/api/measure-links/${enc(linkId)}/revoke`);

export const getMeasureSchedules = (clientId: string) =>
  api.request<{ schedules: MeasureSchedule[] }>('GET', `${client(clientId)}/measure-schedules`);

export const saveMeasureSchedules = (clientId: string, body: MeasureSchedulesBody) =>
  api.request<{ schedules: MeasureSchedule[] }>(
    'PUT',
    `${client(clientId)}/measure-schedules`,
    body,
  );

/** `GET /api/clients/:id/measures/fhir`: a FHIR R4 Bundle of the client's measures (raw). */
export const measuresFhir = (clientId: string) =>
  api.send('GET', `${client(clientId)}/measures/fhir`);

/** `GET /api/reminders`: the caseload's due measures and plan reviews. */
export const getReminders = () => api.request<Reminders>('GET', '/api/reminders');

/**
 * Adds an intervention to the client's plan: reads the current plan, appends it (unless it is
 * planned already) and saves the plan without its signature (saving clears a signature anyway).
 * Resolves to whether it was added (false: it was in the plan already).
 */
export async function addInterventionToPlan(
  clientId: string,
  addition: PlanAddition,
): Promise<{ added: boolean; plan: ClientPlan }> {
  const { plan } = await api.request<{ plan: ClientPlan }>('GET', client(clientId));
  const next = planWithIntervention(plan, addition);
  if (next === null) return { added: false, plan };
  const saved = await api.request<{ plan: ClientPlan }>('PUT', `${client(clientId)}/plan`, next);
  return { added: true, plan: saved.plan };
}
