import { z } from 'zod';
import {
  ClientPlanSchema,
  ClientSchema,
  PlanVersionSchema,
  PutPlanBodySchema,
  SignPlanBodySchema,
} from '../../domain/schemas.js';
import { ClientService } from '../../services/clients.js';
import { PlanService } from '../../services/plans.js';
import { defineRoute, type Route } from '../route.js';
import { CLINICAL, type ClinicalRouteContext } from './clinical-context.js';
import { ClientProfileBodySchema, IdParams } from './schemas.js';

/** Clients and their treatment plans: save, sign, signed versions (part of `clinicalRoutes`). */
export function clientRoutes({ services, actorOf }: ClinicalRouteContext): Route[] {
  const clients = new ClientService(services);
  const plans = new PlanService(services);
  return [
    defineRoute({
      method: 'GET',
      path: '/api/clients',
      summary: "Your clients (supervisors: also your supervisees')",
      tags: ['clients'],
      auth: 'user',
      roles: CLINICAL,
      responses: { 200: z.object({ clients: z.array(ClientSchema) }) },
      handler: async ({ actor }) => ({
        body: { clients: await clients.list(await actorOf(actor)) },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/clients',
      summary: 'Add a client (you are its clinician)',
      tags: ['clients'],
      auth: 'user',
      roles: CLINICAL,
      body: ClientProfileBodySchema,
      responses: { 201: z.object({ client: ClientSchema }) },
      handler: async ({ actor, body }) => ({
        status: 201 as const,
        body: { client: await clients.create(await actorOf(actor), body.profile) },
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id',
      summary: 'A client with their treatment plan',
      tags: ['clients'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ client: ClientSchema, plan: ClientPlanSchema }) },
      handler: async ({ actor, params }) => ({
        body: await clients.get(await actorOf(actor), params.id),
      }),
    }),
    defineRoute({
      method: 'PATCH',
      path: '/api/clients/:id',
      summary: "Change a client's profile (owner only)",
      tags: ['clients'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: ClientProfileBodySchema,
      responses: { 200: z.object({ client: ClientSchema }) },
      handler: async ({ actor, params, body }) => ({
        body: {
          client: await clients.updateProfile(await actorOf(actor), params.id, body.profile),
        },
      }),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/clients/:id/plan',
      summary: "Replace a client's treatment plan (owner only; clears its signature)",
      description:
        'Problems, goals with measurable objectives, planned interventions (rationale, expected ' +
        'outcomes, goals served, frequency), conceptualization, frequency, duration, start and ' +
        'review dates. References are checked: unique ids, goal problemId, catalogue intervention ' +
        "ids, goalIds, diagnosis codes on the client's profile, objective target scores within " +
        'the instrument range of a symptom measure (not the feedback form), reviewDate and ' +
        'objective targetDates not before startDate (400 naming each). Optional ' +
        '`expectedUpdatedAt`: the `updatedAt` of the plan the edit started from (409 when the ' +
        'plan changed since). Saving a signed plan clears its signature; the signed version is kept.',
      tags: ['clients'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: PutPlanBodySchema,
      responses: { 200: z.object({ plan: ClientPlanSchema }) },
      handler: async ({ actor, params, body: { expectedUpdatedAt, ...plan } }) => ({
        body: { plan: await plans.put(await actorOf(actor), params.id, plan, expectedUpdatedAt) },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/clients/:id/plan/sign',
      summary: "Sign a client's treatment plan (owner only)",
      description:
        'Refused (400 `validation_failed`, one issue per missing element) unless the plan has a ' +
        'problem, a goal with a measurable objective, a planned intervention with rationale and ' +
        "expected outcomes, frequency, duration, a future review date, and the client's profile " +
        'a diagnosis. `expectedUpdatedAt`: the `updatedAt` of the plan the signer read; 409 when ' +
        'the plan changed since, or is already signed. The signed version is kept (see ' +
        '/plan/versions).',
      tags: ['clients'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: SignPlanBodySchema,
      responses: { 200: z.object({ plan: ClientPlanSchema }) },
      handler: async ({ actor, params, body }) => ({
        body: { plan: await plans.sign(await actorOf(actor), params.id, body.expectedUpdatedAt) },
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id/plan/versions',
      summary: "The signed versions of a client's treatment plan, oldest first",
      tags: ['clients'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ versions: z.array(PlanVersionSchema) }) },
      handler: async ({ actor, params }) => ({
        body: { versions: await plans.versions(await actorOf(actor), params.id) },
      }),
    }),
  ];
}
