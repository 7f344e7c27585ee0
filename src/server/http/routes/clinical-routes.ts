/**
 * The clinical API: clients, plans, sessions, progress notes (edit, sign, co-sign, addenda,
 * exports) and private process notes. Every route is for clinicians and supervisors (admins get
 * 403 `forbidden` from the route table); every record is checked by the services through
 * `authorize` (services/access.ts): a record the caller may not see answers 404 `not_found`.
 */
import { z } from 'zod';
import { TranscriptSchema } from '../../../core/index.js';
import {
  AddendumSchema,
  AnalysisSchema,
  ClientPlanSchema,
  ClientProfileSchema,
  ClientSchema,
  IdSchema,
  InputFormatSchema,
  NoteFormatSchema,
  NoteSchema,
  ProcessNoteSchema,
  ProgressNoteSchema,
  SessionDetailsSchema,
  SessionSchema,
  type Role,
  type User,
} from '../../domain/schemas.js';
import { actorFor, type Actor } from '../../services/access.js';
import { ClientService, type ClinicalDeps } from '../../services/clients.js';
import { NoteService, NoteSummarySchema, type NoteExporters } from '../../services/notes.js';
import { ProcessNoteService } from '../../services/process-notes.js';
import { SessionService } from '../../services/sessions.js';
import type { AppDeps } from '../deps.js';
import { defineRoute, raw, type Route } from '../route.js';
import { defaultExporters } from './clinical-exporters.js';

const CLINICAL: readonly Role[] = ['clinician', 'supervisor'];

/** Largest transcript text accepted (characters); the 5 MB body limit applies first. */
export const MAX_TRANSCRIPT_CHARS = 4_000_000;
/** Largest addendum and process note (characters). */
export const MAX_ADDENDUM_CHARS = 20_000;
export const MAX_PROCESS_NOTE_CHARS = 100_000;

const IdParams = z.strictObject({ id: IdSchema });
const Version = z.number().int().positive();

export const NewSessionBodySchema = z.strictObject({
  details: SessionDetailsSchema,
  transcript: z.strictObject({
    text: z.string().min(1, 'the transcript is empty').max(MAX_TRANSCRIPT_CHARS),
    format: z.enum(['auto', ...InputFormatSchema.options]).default('auto'),
  }),
  noteFormat: NoteFormatSchema.default('soap'),
});

export const NoteUpdateBodySchema = z.strictObject({ body: NoteSchema, version: Version });

export const TextSectionsSchema = z.object({
  sections: z.array(z.object({ id: z.string(), heading: z.string(), text: z.string() })),
});

const FhirResourceSchema = z.enum(['Composition', 'DocumentReference']);

export interface ClinicalRouteOptions {
  /** The exporters (default: export/pdf.ts and export/fhir.ts). */
  exporters?: NoteExporters;
}

/** The clinical route group (see routes/index.ts). */
export function clinicalRoutes(deps: AppDeps, opts: ClinicalRouteOptions = {}): Route[] {
  const services: ClinicalDeps = {
    store: deps.store,
    auditLog: deps.auditLog,
    clock: deps.clock,
  };
  const clients = new ClientService(services);
  const sessions = new SessionService(services);
  const notes = new NoteService(services, opts.exporters ?? defaultExporters());
  const processNotes = new ProcessNoteService(services);
  const actorOf = (user: User): Promise<Actor> =>
    actorFor(user, (id) => deps.store.users.supervisees(id));

  return [
    // ── Clients and plans ────────────────────────────────────────────────────
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
      body: z.strictObject({ profile: ClientProfileSchema }),
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
      body: z.strictObject({ profile: ClientProfileSchema }),
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

    // ── Sessions ─────────────────────────────────────────────────────────────
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id/sessions',
      summary: "A client's sessions",
      tags: ['sessions'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: { 200: z.object({ sessions: z.array(SessionSchema) }) },
      handler: async ({ actor, params }) => ({
        body: { sessions: await sessions.listForClient(await actorOf(actor), params.id) },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/clients/:id/sessions',
      summary: 'Add a session from its transcript and write the draft note',
      description:
        'Reads the transcript (lines, WebVTT, SRT or JSON; detected unless `format` is given), ' +
        "analyses it with the client's plan, writes the draft note in `noteFormat` and reviews " +
        'it. A transcript that cannot be read answers 400 `bad_request` naming the line.',
      tags: ['sessions'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: NewSessionBodySchema,
      responses: { 201: z.object({ session: SessionSchema, note: ProgressNoteSchema }) },
      handler: async ({ actor, params, body }) => ({
        status: 201 as const,
        body: await sessions.create(await actorOf(actor), params.id, body),
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/sessions/:id',
      summary: 'A session with its transcript and analysis',
      tags: ['sessions'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      responses: {
        200: z.object({
          session: SessionSchema,
          transcript: TranscriptSchema.nullable(),
          analysis: AnalysisSchema.nullable(),
        }),
      },
      handler: async ({ actor, params }) => ({
        body: await sessions.get(await actorOf(actor), params.id),
      }),
    }),

    // ── Progress notes ───────────────────────────────────────────────────────
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
      body: z.strictObject({ version: Version }),
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
      body: z.strictObject({ text: z.string().trim().min(1).max(MAX_ADDENDUM_CHARS) }),
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
      query: z.strictObject({ resource: FhirResourceSchema.default('Composition') }),
      responses: { 200: raw('application/fhir+json', 'A FHIR R4 resource') },
      handler: async ({ actor, params, query }) => {
        const doc = await notes.fhir(await actorOf(actor), params.id, query.resource);
        return new Response(JSON.stringify(doc), {
          status: 200,
          headers: { 'Content-Type': 'application/fhir+json; charset=utf-8' },
        });
      },
    }),

    // ── Process (psychotherapy) notes: author only ──────────────────────────
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
      body: z.strictObject({
        text: z.string().trim().min(1).max(MAX_PROCESS_NOTE_CHARS),
        sessionId: IdSchema.optional(),
      }),
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
      body: z.strictObject({ text: z.string().trim().min(1).max(MAX_PROCESS_NOTE_CHARS) }),
      responses: { 200: z.object({ processNote: ProcessNoteSchema }) },
      handler: async ({ actor, params, body }) => ({
        body: {
          processNote: await processNotes.update(await actorOf(actor), params.id, body.text),
        },
      }),
    }),
  ];
}
