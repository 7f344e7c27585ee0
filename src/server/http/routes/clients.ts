import { z } from 'zod';
import { ClientPlanSchema, ClientSchema } from '../../domain/schemas.js';
import { ClientService } from '../../services/clients.js';
import { defineRoute, type Route } from '../route.js';
import { CLINICAL, type ClinicalRouteContext } from './clinical-context.js';
import { ClientProfileBodySchema, IdParams } from './schemas.js';

/** Clients and their treatment plans (part of `clinicalRoutes`). */
export function clientRoutes({ services, actorOf }: ClinicalRouteContext): Route[] {
  const clients = new ClientService(services);
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
      summary: "Replace a client's treatment plan (goals, planned interventions)",
      tags: ['clients'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: ClientPlanSchema,
      responses: { 200: z.object({ plan: ClientPlanSchema }) },
      handler: async ({ actor, params, body }) => ({
        body: { plan: await clients.putPlan(await actorOf(actor), params.id, body) },
      }),
    }),
  ];
}
