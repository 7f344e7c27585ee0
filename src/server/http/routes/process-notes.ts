import { z } from 'zod';
import { ProcessNoteSchema } from '../../domain/schemas.js';
import { ProcessNoteService } from '../../services/process-notes.js';
import { defineRoute, type Route } from '../route.js';
import { CLINICAL, type ClinicalRouteContext } from './clinical-context.js';
import { IdParams, NewProcessNoteBodySchema, ProcessNoteUpdateBodySchema } from './schemas.js';

/**
 * Process (psychotherapy) notes: author only — nobody else, not even a supervisor or an admin
 * (part of `clinicalRoutes`).
 */
export function processNoteRoutes({ services, actorOf }: ClinicalRouteContext): Route[] {
  const processNotes = new ProcessNoteService(services);
  return [
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id/process-notes',
      summary: 'Your own private process notes about a client',
      tags: ['process-notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ processNotes: z.array(ProcessNoteSchema) }) },
      handler: async ({ actor, params }) => ({
        body: { processNotes: await processNotes.listForClient(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/clients/:id/process-notes',
      summary: 'Write a private process note (only you can ever read it)',
      tags: ['process-notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: NewProcessNoteBodySchema,
      responses: { 201: z.object({ processNote: ProcessNoteSchema }) },
      handler: async ({ actor, params, body }) => ({
        status: 201 as const,
        body: { processNote: await processNotes.create(await actorOf(actor), params.id, body) },
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/process-notes/:id',
      summary: 'One of your process notes (anyone else: 404)',
      tags: ['process-notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ processNote: ProcessNoteSchema }) },
      handler: async ({ actor, params }) => ({
        body: { processNote: await processNotes.get(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/process-notes/:id',
      summary: 'Change one of your process notes',
      tags: ['process-notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: ProcessNoteUpdateBodySchema,
      responses: { 200: z.object({ processNote: ProcessNoteSchema }) },
      handler: async ({ actor, params, body }) => ({
        body: {
          processNote: await processNotes.update(await actorOf(actor), params.id, body.text),
        },
      }),
    }),
  ];
}
