/**
 * Worker thread of the Whisper engine: loads a ggml model once with `@napi-rs/whisper`
 * (whisper.cpp) and transcribes the chunks of audio the engine posts, one at a time, in order.
 *
 * `Whisper#full` is synchronous and takes seconds of CPU per chunk, so it runs here and never on
 * the server's event loop. The binding reports segments through a thread-safe callback that is
 * queued and only delivered after `full` has returned, so after each chunk the worker waits (a
 * few event-loop turns) until the segments it received add up to the text `full` returned.
 *
 * Decoding settings: English, transcribe (no translation), greedy at temperature 0 (whisper.cpp
 * falls back to higher temperatures on its own when a decode looks like a failure), blank and
 * non-speech tokens suppressed, no initial prompt (a therapy-vocabulary prompt could not be
 * measured without real weights, so it is left off), no context carried between chunks.
 *
 * Started by whisper.ts; with `workerData` = `WhisperWorkerData`. Runs as compiled JavaScript
 * (dist/) or, in development and tests, as TypeScript through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  FromWorkerSchema,
  ToWorkerSchema,
  WhisperWorkerDataSchema,
  type FromWorker,
  type ToWorker,
  type WorkerSegment,
} from './whisper-protocol.js';

type Binding = typeof import('@napi-rs/whisper');

const port = parentPort;
if (port === null) throw new Error('whisper-worker.ts must run in a worker thread');

function post(message: FromWorker): void {
  port?.postMessage(FromWorkerSchema.parse(message));
}

/** Most event-loop turns to wait for the segment callbacks of one chunk. */
const MAX_DRAIN_TURNS = 2000;

async function main(): Promise<void> {
  const { modelPath, threads } = WhisperWorkerDataSchema.parse(workerData);
  let binding: Binding;
  try {
    binding = await import('@napi-rs/whisper');
  } catch (e) {
    post({ type: 'load-error', kind: 'binding', message: errorText(e) });
    return;
  }
  const { Whisper, WhisperFullParams, WhisperSamplingStrategy } = binding;
  let whisper: InstanceType<Binding['Whisper']>;
  try {
    whisper = new Whisper(modelPath);
  } catch (e) {
    const missing = e instanceof Error && /No such file|ENOENT|not found/i.test(e.message);
    post({ type: 'load-error', kind: missing ? 'missing' : 'invalid', message: errorText(e) });
    return;
  }

  const params = new WhisperFullParams(WhisperSamplingStrategy.Greedy);
  params.nThreads = threads;
  params.language = 'en';
  params.translate = false;
  params.detectLanguage = false;
  params.noContext = true;
  params.singleSegment = false;
  params.temperature = 0;
  params.suppressBlank = true;
  params.suppressNonSpeechTokens = true;
  params.printProgress = false;
  params.printRealtime = false;
  params.printTimestamps = false;
  params.printSpecial = false;
  let received: WorkerSegment[] = [];
  params.onNewSegment = (s) => {
    received.push({ text: s.text, start: s.start, end: s.end });
  };

  const queue: ToWorker[] = [];
  let busy = false;
  const drain = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
        received = [];
        try {
          const text = whisper.full(params, job.samples);
          for (let turn = 0; turn < MAX_DRAIN_TURNS && !sameText(received, text); turn++) {
            await new Promise((r) => setImmediate(r));
          }
          post({ type: 'result', id: job.id, segments: received });
        } catch (e) {
          post({ type: 'error', id: job.id, message: errorText(e) });
        }
      }
    } finally {
      busy = false;
    }
  };
  port?.on('message', (raw: unknown) => {
    queue.push(ToWorkerSchema.parse(raw));
    void drain();
  });
  post({ type: 'ready' });
}

/** The segments' text is all of `full`'s output (it concatenates them; callbacks trim them). */
function sameText(segments: readonly WorkerSegment[], text: string): boolean {
  const squash = (s: string): string => s.replace(/\s+/g, '');
  return squash(segments.map((s) => s.text).join('')) === squash(text);
}

/** An error's message, cut short (binding and whisper.cpp messages; never audio or text). */
function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 300);
}

void main();
