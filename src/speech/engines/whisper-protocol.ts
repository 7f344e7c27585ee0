/**
 * The messages between the Whisper engine (main thread) and its worker thread
 * (`whisper-worker.ts`), as zod schemas: each side checks what it receives.
 *
 * The worker loads the model once (`ready` or `load-error`), then transcribes one chunk of audio
 * per `chunk` message, in order, answering each with `result` (segment times in centiseconds
 * from the start of the chunk, as whisper.cpp reports them) or `error`.
 */
import { z } from 'zod';

export const WhisperWorkerDataSchema = z.object({
  modelPath: z.string().min(1),
  threads: z.number().int().positive(),
});
export type WhisperWorkerData = z.infer<typeof WhisperWorkerDataSchema>;

/** Main thread → worker. */
export const ToWorkerSchema = z.object({
  type: z.literal('chunk'),
  id: z.number().int().nonnegative(),
  /** 16 kHz mono samples in [-1, 1]. */
  samples: z.instanceof(Float32Array),
});
export type ToWorker = z.infer<typeof ToWorkerSchema>;

export const WorkerSegmentSchema = z.object({
  text: z.string(),
  /** Centiseconds from the start of the chunk. */
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
});
export type WorkerSegment = z.infer<typeof WorkerSegmentSchema>;

/** Worker → main thread. Error messages come from whisper.cpp / the binding, never audio. */
export const FromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('load-error'),
    /** `missing`: the file is gone; `invalid`: whisper.cpp refused it; `binding`: no native build. */
    kind: z.enum(['missing', 'invalid', 'binding']),
    message: z.string(),
  }),
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    segments: z.array(WorkerSegmentSchema),
  }),
  z.object({ type: z.literal('error'), id: z.number().int().nonnegative(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;
