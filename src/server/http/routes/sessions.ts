import { z } from 'zod';
import { TranscriptSchema } from '../../../core/index.js';
import {
  AnalysisSchema,
  CaptureSummarySchema,
  ProgressNoteSchema,
  SessionSchema,
} from '../../domain/schemas.js';
import { SessionService } from '../../services/sessions.js';
import { defineRoute, type Route } from '../route.js';
import { CLINICAL, type ClinicalRouteContext } from './clinical-context.js';
import { IdParams, NewSessionBodySchema } from './schemas.js';

/** Sessions: add one from its transcript (writes the draft note), read one (part of `clinicalRoutes`). */
export function sessionRoutes({ services, actorOf }: ClinicalRouteContext): Route[] {
  const sessions = new SessionService(services);
  return [
    defineRoute({
      method: 'GET',
      path: '/api/clients/:id/sessions',
      summary: "A client's sessions",
      tags: ['sessions'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      description:
        'Newest first. `captures` holds, by session id, the audio capture of the sessions that ' +
        'have one (status, engine, quality, progress, note id): a recorded or uploaded session ' +
        'has no note until its audio is transcribed.',
      responses: {
        200: z.object({
          sessions: z.array(SessionSchema),
          captures: z.record(z.string(), CaptureSummarySchema),
        }),
      },
      handler: async ({ actor, params }) => {
        const list = await sessions.listForClient(await actorOf(actor), params.id);
        const summaries = await services.store.captures.summaries(list.map((s) => s.id));
        const captures: Record<string, z.input<typeof CaptureSummarySchema>> = {};
        for (const [id, c] of summaries) {
          captures[id] = {
            mode: c.mode,
            status: c.status,
            engine: c.engine,
            quality: c.quality,
            progress: c.progress,
            noteId: c.noteId,
          };
        }
        return { body: { sessions: list, captures } };
      },
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
  ];
}
