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
  MeasureSchedulesBody,
  NewAdministrationBody,
  NewMeasureLinkBodySchema,
  PutPlanBody,
  Reminders,
} from '../../src/server/domain/schemas.js';
import type { Instrument, InstrumentId } from '../../src/core/measures/schema.js';
import { planWithIntervention, type PlanAddition } from './screens/outcomes/plan-append';

export type { ClientOutcomes, Instrument, InstrumentId, MeasureDue, MeasureLink, MeasureSchedule };
export type CreatedMeasureLink = z.infer<typeof CreatedMeasureLinkSchema>;
export type NewMeasureLinkBody = z.input<typeof NewMeasureLinkBodySchema>;
export type { MeasureSchedulesBody, NewAdministrationBody, Reminders };

const enc = encodeURIComponent;
const client = (id: string) => `/api/clients/${enc(id)}`;

let instruments: Promise<{ instruments: Instrument[] }> | undefined;

/**
 * `GET /api/instruments`: the forms and their constants (not PHI; the same for every user), asked
 * once per page load and shared; a failed request is asked again next time.
 */
export const getInstruments = (): Promise<{ instruments: Instrument[] }> => {
  instruments ??= api
    .request<{ instruments: Instrument[] }>('GET', '/api/instruments')
    .catch((e: unknown) => {
      instruments = undefined;
      throw e;
    });
  return instruments;
};

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

/** The client's current treatment plan (`GET /api/clients/:id`), to show its signature first. */
export async function getPlan(clientId: string): Promise<ClientPlan> {
  return (await api.request<{ plan: ClientPlan }>('GET', client(clientId))).plan;
}

/**
 * Adds an intervention to `plan` (as read with `getPlan`, so the screen could warn that saving
 * removes a signature) and saves it with `expectedUpdatedAt`: 409 when the plan changed since it
 * was read. Saving clears the plan's signature. Resolves to whether it was added (false: it was
 * in the plan already, nothing saved).
 */
export async function addInterventionToPlan(
  clientId: string,
  plan: ClientPlan,
  addition: PlanAddition,
): Promise<{ added: boolean; plan: ClientPlan }> {
  const next = planWithIntervention(plan, addition);
  if (next === null) return { added: false, plan };
  const body: PutPlanBody = {
    ...next,
    ...(plan.updatedAt !== undefined ? { expectedUpdatedAt: plan.updatedAt } : {}),
  };
  const saved = await api.request<{ plan: ClientPlan }>('PUT', `${client(clientId)}/plan`, body);
  return { added: true, plan: saved.plan };
}
