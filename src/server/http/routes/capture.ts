/**
 * Audio capture routes: start a recorded or uploaded session, watch its capture (the web polls
 * it), upload the audio file (a raw streamed body, not JSON), relabel speakers, and list the
 * speech engines this server can run. Live audio itself goes over the WebSocket (http/live.ts).
 */
import { z } from 'zod';
import { RoleSchema } from '../../../core/index.js';
import {
  CaptureStateSchema,
  CaptureViewSchema,
  EnginesReportSchema,
  ProgressNoteSchema,
  SessionSchema,
  StartCaptureBodySchema,
} from '../../domain/schemas.js';
import { ApiError } from '../../errors.js';
import { engineReporter, publicEngineReport } from '../../services/capture-engine.js';
import { CaptureService } from '../../services/capture.js';
import { enforce } from '../../services/access.js';
import { readPracticeSettings } from '../../services/settings.js';
import { defineRoute, rawBody, type Route } from '../route.js';
import { CLINICAL, type ClinicalRouteContext } from './clinical-context.js';
import { IdParams } from './schemas.js';

/**
 * The one route whose body is not JSON: the audio file, streamed. The app's 5 MB body limit does
 * not apply to it (http/app.ts skips paths matching this); the capture service caps it instead.
 */
export const AUDIO_UPLOAD_PATH = /^\/api\/sessions\/[^/]+\/audio\/?$/;

/** Content types an audio upload may have (browsers label webm/mp4 recordings video/…); the
 * route's `rawBody` lists the same in the OpenAPI document. */
const AUDIO_TYPE =
  /^(audio\/[\w.+-]+|video\/(webm|mp4|ogg|quicktime)|application\/octet-stream)\s*(;|$)/i;

export const CaptureQuerySchema = z.strictObject({
  /** `segments`: add the transcript so far and the speaker-labelled transcript (audited). */
  include: z.enum(['segments']).optional(),
});

export const RelabelBodySchema = z.strictObject({
  /** `{"Speaker 1": "clinician", "Speaker 2": "client"}` */
  roles: z
    .record(z.string().trim().min(1).max(40), RoleSchema)
    .refine((r) => Object.keys(r).length > 0, 'must name at least one speaker')
    .refine((r) => Object.keys(r).length <= 20, 'must name at most 20 speakers'),
});

export interface CaptureRouteOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** How long `GET /api/speech/engines` reuses its checks (default 60 s). */
  engineReportTtlMs?: number;
  maxUploadBytes?: number;
}

/** The capture routes (part of `clinicalRoutes`, plus the engines list for every user). */
export function captureRoutes(
  { services, actorOf }: ClinicalRouteContext,
  opts: CaptureRouteOptions = {},
): Route[] {
  const env = opts.env ?? process.env;
  const capture = new CaptureService(services, {
    env,
    ...(opts.maxUploadBytes !== undefined ? { maxUploadBytes: opts.maxUploadBytes } : {}),
  });
  return [
    defineRoute({
      method: 'POST',
      path: '/api/clients/:id/captures',
      summary: 'Start a session from audio: a live recording or a file upload',
      description:
        'Creates the session and its capture with the practice speech engine. The client must ' +
        'have consented to recording (`details.consentToRecord: true`, 400 otherwise). `live`: ' +
        'then stream audio over the WebSocket /api/sessions/{id}/live. `upload`: then PUT the file ' +
        'to /api/sessions/{id}/audio.',
      tags: ['capture'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: StartCaptureBodySchema,
      responses: { 201: z.object({ session: SessionSchema, capture: CaptureStateSchema }) },
      handler: async ({ actor, params, body }) => ({
        status: 201 as const,
        body: await capture.start(await actorOf(actor), params.id, body),
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/sessions/:id/capture',
      summary:
        "A session's audio capture: status, progress, note; transcript and speakers on request",
      description:
        'Poll it while an upload is transcribed (send `X-DocScrib-Background: 1` so polling does ' +
        'not keep an idle sign-in alive). `status` `failed` carries `error` with a hint. The ' +
        'transcript so far (`segments`) and the speaker-labelled transcript (`speech`) are left ' +
        'out unless asked for with `?include=segments` (a transcript read, audited).',
      tags: ['capture'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      query: CaptureQuerySchema,
      responses: { 200: z.object({ capture: CaptureViewSchema }) },
      handler: async ({ actor, params, query }) => {
        const who = await actorOf(actor);
        return {
          body: {
            capture:
              query.include === 'segments'
                ? await capture.state(who, params.id)
                : await capture.status(who, params.id),
          },
        };
      },
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/sessions/:id/audio',
      summary: "Upload a session's audio file (raw body) and queue its transcription",
      description:
        'The request body is the file itself (wav, mp3, m4a, ogg, webm or flac; Content-Type ' +
        'audio/…), streamed and stored encrypted; not JSON. At most 1 GB by default (413 above). ' +
        'Answers 202 with the capture `queued`; poll GET /api/sessions/{id}/capture. A file that ' +
        'is not audio fails the capture with `audio.decode`.',
      tags: ['capture'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      rawBody: rawBody(
        [
          'audio/*',
          'video/webm',
          'video/mp4',
          'video/ogg',
          'video/quicktime',
          'application/octet-stream',
        ],
        'The audio file itself (wav, mp3, m4a, ogg, webm or flac), streamed; not JSON.',
      ),
      responses: { 202: z.object({ capture: CaptureStateSchema }) },
      handler: async ({ actor, params, c }) => {
        const type = c.req.header('content-type') ?? '';
        if (!AUDIO_TYPE.test(type)) {
          throw new ApiError(
            'unsupported_media_type',
            'The request body must be an audio file (Content-Type: audio/…).',
            {
              hint: 'Send the recording itself as the body with its audio type, e.g. Content-Type: audio/mpeg.',
            },
          );
        }
        const who = await actorOf(actor);
        const stream = c.req.raw.body;
        const body: AsyncIterable<Uint8Array> = stream ?? emptyBody();
        return {
          status: 202 as const,
          body: {
            capture: await capture.upload(who, params.id, body, { contentType: type }),
          },
        };
      },
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/sessions/:id/speakers',
      summary: 'Relabel speakers (clinician / client / other) and rewrite the draft note',
      description:
        'Sets the role of speakers by label (`Speaker 1` …); the transcript is read again with ' +
        'those roles, analysed, and the draft note rewritten. 409 `note_locked` once signed.',
      tags: ['capture'],
      auth: 'user',
      roles: CLINICAL,
      params: IdParams,
      body: RelabelBodySchema,
      responses: { 200: z.object({ note: ProgressNoteSchema }) },
      handler: async ({ actor, params, body }) => ({
        body: await capture.relabel(await actorOf(actor), params.id, body.roles),
      }),
    }),
  ];
}

/** Speech engines this server can run (settings screen, the recording screen's badge). */
export function speechRoutes(
  { services, actorOf }: ClinicalRouteContext,
  opts: CaptureRouteOptions = {},
): Route[] {
  const env = opts.env ?? process.env;
  const report = engineReporter(env, {
    clock: services.clock,
    ...(opts.engineReportTtlMs !== undefined ? { ttlMs: opts.engineReportTtlMs } : {}),
  });
  return [
    defineRoute({
      method: 'GET',
      path: '/api/speech/engines',
      summary: 'The speech engines and Whisper models available on this server',
      description:
        "Each engine's quality (`draft` for pocketsphinx), whether it can run here and, if not, " +
        'why. Administrators also get the model each engine would use, the Whisper model files ' +
        'and the models directory, and the problem as the engine states it (it may name files); ' +
        'other users get a path-free reason. The engines are checked at most once a minute (the ' +
        'openai engine asks its server). No audio is sent anywhere.',
      tags: ['capture'],
      auth: 'user',
      responses: { 200: EnginesReportSchema },
      handler: async ({ actor }) => {
        const who = await actorOf(actor);
        enforce(who, 'read', { type: 'settings' });
        const { speech } = await readPracticeSettings(services.store);
        const full = await report(speech);
        return { body: who.role === 'admin' ? full : publicEngineReport(full) };
      },
    }),
  ];
}

async function* emptyBody(): AsyncIterable<Uint8Array> {
  // No body at all: the service answers that the file is empty.
}
