/**
 * The live-recording WebSocket protocol (`/api/sessions/:id/live`), shared by the server
 * (http/live.ts, services/live.ts) and the browser (web/src/live/*; types only).
 *
 * Binary messages, browser → server: one audio frame = 4-byte little-endian uint32 `seq`
 * (0, 1, 2… without gaps) followed by PCM (16 kHz mono s16le, 0.25–1 s). The seq identifies the
 * frame: a resent frame is stored and fed to the engine once, and acknowledged every time.
 *
 * Text messages are JSON: browser → server `{"type":"pause"|"resume"|"stop"}`; server → browser
 * `ServerMessage` below. No Node dependencies here: the web app imports this file (its schemas
 * validate what the server sends, `LIVE_CLOSE` tells it when not to reconnect). `resend` (beyond
 * the first contract) asks the browser to send its unacked frames again from `fromSeq` when a
 * frame arrived after a gap.
 */
import { z } from 'zod';
import { EngineQualitySchema, RecognizedSegmentSchema } from '../../speech/schema.js';
import { CaptureStatusSchema } from '../domain/schemas.js';

/** Largest WebSocket message accepted (a frame of 1 s is 32 KB of PCM). */
export const MAX_FRAME_BYTES = 256 * 1024;

/** Bytes of the seq header in front of a frame's PCM. */
export const FRAME_HEADER_BYTES = 4;

export const ClientMessageSchema = z.strictObject({
  type: z.enum(['pause', 'resume', 'stop']),
});
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/**
 * WebSocket close codes the server uses (4000–4999 are the application's). The browser reconnects
 * after any other close (network, server restart) and after `tooFast` (with backoff, resending what
 * was not acknowledged); the others are final.
 */
export const LIVE_CLOSE = {
  /** A message the protocol does not know (not JSON, unknown type, a frame without a seq). */
  badMessage: 4400,
  /** The sign-in session ended (signed out, timed out, disabled). */
  unauthenticated: 4401,
  /** Not this caller's session, or no such session. */
  notFound: 4404,
  /** The session is not recording (already stopped, or an upload), or the clinician already has
   * the most recordings in progress at once (the `error` message before the close says which). */
  notRecording: 4409,
  /** Frames faster than audio could be recorded, for longer than a resend after a blip. */
  tooFast: 4429,
} as const;

const HelloMessageSchema = z.object({
  type: z.literal('hello'),
  status: CaptureStatusSchema,
  /** Highest frame stored without a gap (-1: none): the browser drops what it holds up to it. */
  lastSeq: z.number().int().min(-1),
  segments: z.array(RecognizedSegmentSchema),
  engine: z.string(),
  quality: EngineQualitySchema,
  model: z.string().nullable(),
  audioSeconds: z.number().nonnegative(),
});

/** Server → browser text messages; the browser validates each one with this schema. */
export const ServerMessageSchema = z.discriminatedUnion('type', [
  HelloMessageSchema,
  z.object({ type: z.literal('ack'), seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('resend'), fromSeq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('segment'), segment: RecognizedSegmentSchema }),
  z.object({ type: z.literal('status'), status: CaptureStatusSchema }),
  z.object({ type: z.literal('done'), noteId: z.string() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), hint: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
