/**
 * Outcome-measure routes (issue 5, part of `clinicalRoutes`): instruments, entering answers,
 * the client's outcomes, one-time links (create, list, revoke), schedules, reminders, alerts and
 * the FHIR R4 export (every administration of every instrument: PHQ-9, GAD-7, PCL-5 and the
 * session feedback form; an attachment named by the opaque client id only). Clinicians and supervisors (admins 403 from the table); record access and
 * audit are the services'. The public questionnaire routes are in respond.ts.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { InstrumentSchema } from '../../../core/measures/schema.js';
import {
  ClientOutcomesSchema,
  ClinicalAlertSchema,
  CreatedMeasureLinkSchema,
  MeasureAdministrationSchema,
  MeasureLinkSchema,
  MeasureScheduleSchema,
  MeasureSchedulesBodySchema,
  NewAdministrationBodySchema,
  NewMeasureLinkBodySchema,
  RemindersSchema,
} from '../../domain/schemas.js';
import type { Config } from '../../config.js';
import { AlertService } from '../../services/alerts.js';
import { MeasureLinkService } from '../../services/measure-links.js';
import { instrumentList, MeasureService } from '../../services/measures.js';
import { overTls } from '../middleware/headers.js';
import { defineRoute, raw, type Route } from '../route.js';
import type { HttpEnv } from '../session.js';
import { CLINICAL, type ClinicalRouteContext } from './clinical-context.js';
import { IdParams } from './schemas.js';

/** The FHIR export's file name: the opaque client id (kept to safe characters), never a name. */
function fhirFileName(clientId: string): string {
  return `measures-${clientId.replace(/[^A-Za-z0-9_-]/g, '')}.json`;
}

/**
 * The origin links point at: DOCSCRIB_PUBLIC_URL when set, else this request's own origin (its
 * Host was already checked by the host-origin middleware: a loopback name or the public host).
 */
function linkOrigin(c: Context<HttpEnv>, config: Config): string {
  if (config.publicUrl !== undefined) return new URL(config.publicUrl).origin;
  const url = new URL(c.req.url);
  const scheme = overTls(c.req.url, c.req.header('x-forwarded-proto'), config.trustProxy)
    ? 'https'
    : 'http';
  return `${scheme}://${c.req.header('host') ?? url.host}`;
}

const AlertsQuery = z.strictObject({ status: z.enum(['open', 'all']).default('open') });

export function measureRoutes({ services, actorOf }: ClinicalRouteContext): Route[] {
  const measures = new MeasureService(services);
  const links = new MeasureLinkService(services);
  const alerts = new AlertService(services);
  return [
    defineRoute({
      method: 'GET',
      path: '/api/instruments',
      summary: 'The outcome measures and feedback form DocScrib administers (forms and constants)',
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      responses: { 200: z.object({ instruments: z.array(InstrumentSchema) }) },
      handler: () => Promise.resolve({ body: { instruments: instrumentList() } }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/clients/:id/measures',
      summary: "Enter a client's answers to an instrument (owner only)",
      description:
        '400 `validation_failed` naming the item when an answer is off the scale or the count is wrong. PHQ-9 item 9 above 0 creates an urgent alert at once (in `alerts`).',
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: NewAdministrationBodySchema,
      responses: {
        201: z.object({
          administration: MeasureAdministrationSchema,
          alerts: z.array(ClinicalAlertSchema),
        }),
      },
      handler: async ({ actor, params, body }) => ({
        status: 201 as const,
        body: await measures.enter(await actorOf(actor), params.id, body),
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id/outcomes',
      summary:
        "A client's outcomes: change per instrument, session log, what preceded improvement, plateau prompt, due measures",
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: ClientOutcomesSchema },
      handler: async ({ actor, params }) => ({
        body: await measures.outcomes(await actorOf(actor), params.id),
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/clients/:id/measure-links',
      summary: 'Create a one-time link for the client to answer instruments (owner only)',
      description:
        'The answer holds the URL with its token (`<origin>/respond#<token>`) this once; only a hash of the token is stored.',
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: NewMeasureLinkBodySchema,
      responses: { 201: CreatedMeasureLinkSchema },
      handler: async ({ actor, params, body, c, deps }) => ({
        status: 201 as const,
        body: await links.create(await actorOf(actor), params.id, body, linkOrigin(c, deps.config)),
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id/measure-links',
      summary: "A client's questionnaire links, newest first (no tokens)",
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ links: z.array(MeasureLinkSchema) }) },
      handler: async ({ actor, params }) => ({
        body: { links: await links.list(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/measure-links/:id/revoke',
      summary: 'Revoke a link that is still waiting for answers (owner only; 409 otherwise)',
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ link: MeasureLinkSchema }) },
      handler: async ({ actor, params }) => ({
        body: { link: await links.revoke(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id/measure-schedules',
      summary: "A client's recurring measure schedules",
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ schedules: z.array(MeasureScheduleSchema) }) },
      handler: async ({ actor, params }) => ({
        body: { schedules: await measures.schedules(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/clients/:id/measure-schedules',
      summary: "Replace a client's measure schedules (owner only; one per instrument)",
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: MeasureSchedulesBodySchema,
      responses: { 200: z.object({ schedules: z.array(MeasureScheduleSchema) }) },
      handler: async ({ actor, params, body }) => ({
        body: {
          schedules: await measures.putSchedules(await actorOf(actor), params.id, body.schedules),
        },
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/reminders',
      summary: 'Measures due and treatment-plan reviews due over your caseload',
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      responses: { 200: RemindersSchema },
      handler: async ({ actor }) => ({ body: await measures.reminders(await actorOf(actor)) }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/alerts',
      summary: 'Clinical alerts over your caseload, newest first (open = not acknowledged)',
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      query: AlertsQuery,
      responses: { 200: z.object({ alerts: z.array(ClinicalAlertSchema) }) },
      handler: async ({ actor, query }) => ({
        body: { alerts: await alerts.list(await actorOf(actor), query.status) },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/alerts/:id/acknowledge',
      summary: "Acknowledge an alert (the client's clinician only): records who and when",
      tags: ['measures'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ alert: ClinicalAlertSchema }) },
      handler: async ({ actor, params }) => ({
        body: { alert: await alerts.acknowledge(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id/measures/fhir',
      summary:
        "Every administration of a client's measures (PHQ-9, GAD-7, PCL-5 and the session feedback form) as a FHIR R4 Bundle, downloaded as measures-<client id>.json (owner only)",
      tags: ['measures', 'export'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: raw('application/fhir+json', 'A FHIR R4 collection Bundle') },
      handler: async ({ actor, params }) => {
        const bundle = await measures.fhir(await actorOf(actor), params.id);
        return new Response(JSON.stringify(bundle), {
          status: 200,
          headers: {
            'Content-Type': 'application/fhir+json; charset=utf-8',
            // The client id is an opaque random id: no name or other PHI in the file name.
            'Content-Disposition': `attachment; filename="${fhirFileName(params.id)}"`,
          },
        });
      },
    }),
  ];
}
