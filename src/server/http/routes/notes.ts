import { z } from 'zod';
import { AddendumSchema, ProgressNoteSchema, SessionSchema } from '../../domain/schemas.js';
import { NoteService, NoteSummarySchema } from '../../services/notes.js';
import { defineRoute, raw, type Route } from '../route.js';
import { CLINICAL, type ClinicalRouteContext } from './clinical-context.js';
import {
  AddendumBodySchema,
  FhirQuerySchema,
  IdParams,
  NoteSignBodySchema,
  NoteUpdateBodySchema,
  TextSectionsSchema,
} from './schemas.js';

/**
 * Progress notes: read, edit a draft, sign, co-sign, addenda and exports (text, PDF, FHIR)
 * (part of `clinicalRoutes`).
 */
export function noteRoutes({ services, actorOf, exporters }: ClinicalRouteContext): Route[] {
  const notes = new NoteService(services, exporters);
  return [
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id/notes',
      summary: "A client's progress notes, newest first (summaries, no content)",
      tags: ['notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ notes: z.array(NoteSummarySchema) }) },
      handler: async ({ actor, params }) => ({
        body: { notes: await notes.listForClient(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/notes/:id',
      summary: 'A progress note with its addenda and session',
      tags: ['notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: {
        200: z.object({
          note: ProgressNoteSchema,
          addenda: z.array(AddendumSchema),
          session: SessionSchema,
        }),
      },
      handler: async ({ actor, params }) => ({
        body: await notes.get(await actorOf(actor), params.id),
      }),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/notes/:id',
      summary: 'Save an edited draft (author only; re-reviewed)',
      description:
        "The body keeps the note's format and sections. A `finding` keeps non-empty evidence " +
        "whose utterance ids are in the session's transcript; your own sentences are kind " +
        '`clinician`. 409 `note_locked` once signed, 409 `conflict` when `version` is stale.',
      tags: ['notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: NoteUpdateBodySchema,
      responses: { 200: z.object({ note: ProgressNoteSchema }) },
      handler: async ({ actor, params, body }) => ({
        body: {
          note: await notes.update(await actorOf(actor), params.id, body.body, body.version),
        },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/notes/:id/sign',
      summary: 'Sign a note (author only); it is locked from then on',
      tags: ['notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: NoteSignBodySchema,
      responses: { 200: z.object({ note: ProgressNoteSchema }) },
      handler: async ({ actor, params, body }) => ({
        body: { note: await notes.sign(await actorOf(actor), params.id, body.version) },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/notes/:id/cosign',
      summary: "Co-sign a signed note (the author's supervisor only)",
      tags: ['notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ note: ProgressNoteSchema }) },
      handler: async ({ actor, params }) => ({
        body: { note: await notes.cosign(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/notes/:id/addenda',
      summary: 'Add an addendum to a signed note (author or co-signer)',
      tags: ['notes'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: AddendumBodySchema,
      responses: { 201: z.object({ addendum: AddendumSchema }) },
      handler: async ({ actor, params, body }) => ({
        status: 201 as const,
        body: { addendum: await notes.addAddendum(await actorOf(actor), params.id, body.text) },
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/notes/:id/text',
      summary: 'Copy-ready plain text, one entry per section',
      tags: ['notes', 'export'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: TextSectionsSchema },
      handler: async ({ actor, params }) => ({
        body: { sections: await notes.text(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/notes/:id/pdf',
      summary: 'The note as a PDF (attachment)',
      tags: ['notes', 'export'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: raw('application/pdf', 'The note as a PDF document') },
      handler: async ({ actor, params }) => {
        const bytes = await notes.pdf(await actorOf(actor), params.id);
        return new Response(new Uint8Array(bytes), {
          status: 200,
          headers: {
            'Content-Type': 'application/pdf',
            'Content-Disposition': `attachment; filename="progress-note-${params.id}.pdf"`,
          },
        });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/notes/:id/fhir',
      summary: 'A signed note as FHIR R4 JSON (Composition or DocumentReference)',
      tags: ['notes', 'export'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      query: FhirQuerySchema,
      responses: { 200: raw('application/fhir+json', 'A FHIR R4 resource') },
      handler: async ({ actor, params, query }) => {
        const doc = await notes.fhir(await actorOf(actor), params.id, query.resource);
        return new Response(JSON.stringify(doc), {
          status: 200,
          headers: { 'Content-Type': 'application/fhir+json; charset=utf-8' },
        });
      },
    }),
  ];
}
