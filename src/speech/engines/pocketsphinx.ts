/**
 * The offline speech engine: CMU pocketsphinx (Debian's `pocketsphinx_continuous`, 0.8+5prealpha)
 * run as a child process, fed 16 kHz mono s16le PCM through a FIFO.
 *
 * Draft quality: a small acoustic model from 2015 with an n-gram language model, either the
 * general US-English one that ships with `pocketsphinx-en-us` (default) or DocScrib's therapy LM
 * (`assets/speech/therapy.lm`, built by `scripts/build-therapy-lm.ts`; the default). Measured
 * (docs/speech-evaluation.md): on held-out therapy dialogues the therapy LM lowers WER without
 * audio conditioning (61 → 58 %) and triples the recall of the interventions the note is built
 * from (intervention F1 on recognised text 0.11 → 0.36), but raises WER on general read speech
 * (LibriVox 35 → 45 %): it only has therapy bigrams and trigrams, since the general LM's cannot
 * be extracted here. DocScrib transcribes therapy sessions, so `therapy` is the default;
 * `general` is one option away. Utterances are reported as the program finishes them (it
 * flushes stdout after each), so a live transcript grows while the audio streams in.
 * Silence and noise give no segment: empty and filler-only utterances are dropped, and so are
 * utterances no louder than the background (`EnergyGate`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import type { Socket } from 'node:net';
import { delimiter, isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DocscribError } from '../../core/errors.js';
import { PCM_BYTES_PER_SECOND, type SpeechEngine, type TranscribeOptions } from '../engine.js';
import type { RecognizedSegment } from '../schema.js';
import { EnergyGate } from './pocketsphinx/energy.js';
import { DEFAULT_POCKETSPHINX_LM, type PocketsphinxLm } from './pocketsphinx/lm-choice.js';
import { createFifo, openFifoWriter } from './pocketsphinx/fifo.js';
import { PocketsphinxOutputParser, type ParsedUtterance } from './pocketsphinx/output.js';

export { DEFAULT_POCKETSPHINX_LM, type PocketsphinxLm };

export interface PocketsphinxOptions {
  /** Language model: DocScrib's therapy LM (default) or the general en-us LM. */
  lm?: PocketsphinxLm;
  /** The `pocketsphinx_continuous` program: a name looked up on PATH, or a path. */
  binary?: string;
  /** Directory of the en-us model (`en-us/` acoustic model, `cmudict-en-us.dict`, `en-us.lm.bin`). */
  modelDir?: string;
  /** An ARPA/binary LM file to use instead of `lm` (evaluation of LM variants). */
  lmPath?: string;
  /** Language weight (`-lw`); the program's default (6.5) when absent. */
  languageWeight?: number;
}

export const DEFAULT_POCKETSPHINX_BINARY = 'pocketsphinx_continuous';
export const DEFAULT_POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
/** The therapy language model shipped with DocScrib (ARPA text). */
export const THERAPY_LM_PATH = fileURLToPath(
  new URL('../../../assets/speech/therapy.lm', import.meta.url),
);

const INSTALL_HINT = 'Install it: sudo apt-get install pocketsphinx pocketsphinx-en-us';
/** How often (seconds of audio written) progress is reported. */
const PROGRESS_STEP_SEC = 1;

/** Finds `name` on PATH (or checks a path); null when it is not an executable file. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | null {
  const candidates =
    isAbsolute(name) || name.includes('/')
      ? [name]
      : path
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, name));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The transcription was aborted', 'AbortError');
}

function failed(message: string): DocscribError {
  return new DocscribError(
    'engine.failed',
    message,
    'Check the pocketsphinx installation (sudo apt-get install --reinstall pocketsphinx ' +
      'pocketsphinx-en-us) or choose another engine (--engine whisper or openai).',
  );
}

export function createPocketsphinxEngine(opts: PocketsphinxOptions = {}): SpeechEngine {
  const lm: PocketsphinxLm = opts.lm ?? DEFAULT_POCKETSPHINX_LM;
  const binaryName = opts.binary ?? DEFAULT_POCKETSPHINX_BINARY;
  const modelDir = opts.modelDir ?? DEFAULT_POCKETSPHINX_MODEL_DIR;
  const hmm = join(modelDir, 'en-us');
  const dict = join(modelDir, 'cmudict-en-us.dict');
  const lmFile =
    opts.lmPath ?? (lm === 'therapy' ? THERAPY_LM_PATH : join(modelDir, 'en-us.lm.bin'));

  /** Resolves the program and checks the model files; throws `engine.unavailable`. */
  function resolveBinary(): string {
    const binary = findExecutable(binaryName);
    if (!binary) {
      throw new DocscribError(
        'engine.unavailable',
        `The pocketsphinx program (${binaryName}) was not found.`,
        INSTALL_HINT,
      );
    }
    for (const file of [join(hmm, 'mdef'), dict]) {
      if (!existsSync(file)) {
        throw new DocscribError(
          'engine.unavailable',
          `The pocketsphinx en-us model is missing (${file} not found).`,
          INSTALL_HINT,
          { file },
        );
      }
    }
    if (!existsSync(lmFile)) {
      throw new DocscribError(
        'engine.unavailable',
        `The pocketsphinx language model is missing (${lmFile} not found).`,
        lm === 'therapy' && !opts.lmPath
          ? 'Reinstall DocScrib (the therapy language model ships with it), or use the general ' +
              'model (--model general).'
          : INSTALL_HINT,
        { file: lmFile },
      );
    }
    return binary;
  }

  async function transcribe(
    pcm: AsyncIterable<Buffer>,
    topts: TranscribeOptions = {},
  ): Promise<RecognizedSegment[]> {
    const { signal, onSegment, onProgress } = topts;
    const offset = topts.offsetSec ?? 0;
    if (signal?.aborted) throw abortError(signal);
    const binary = resolveBinary();
    const fifo = await createFifo();
    const args = [
      '-infile',
      fifo.path,
      '-time',
      'yes',
      '-hmm',
      hmm,
      '-lm',
      lmFile,
      '-dict',
      dict,
      '-logfn',
      '/dev/null',
      ...(opts.languageWeight === undefined ? [] : ['-lw', String(opts.languageWeight)]),
    ];
    let writer: Socket;
    try {
      writer = openFifoWriter(fifo.path);
    } catch (e) {
      await fifo.remove();
      throw e;
    }
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // Mutated from event handlers, hence an object (not narrowed by the compiler).
    const state: {
      exited: boolean;
      spawnError: NodeJS.ErrnoException | null;
      writeError: Error | null;
      callbackError: { error: unknown } | null;
    } = { exited: false, spawnError: null, writeError: null, callbackError: null };
    const exit = new Promise<{ code: number | null; sig: NodeJS.Signals | null }>((res) => {
      child.once('error', (e: NodeJS.ErrnoException) => {
        state.spawnError = e;
        state.exited = true;
        res({ code: null, sig: null });
      });
      child.once('close', (code, sig) => {
        state.exited = true;
        res({ code, sig });
      });
    });
    // stderr is drained and discarded: it may echo configuration, never shown to users.
    child.stderr.resume();

    const segments: RecognizedSegment[] = [];
    const gate = new EnergyGate();
    const parser = new PocketsphinxOutputParser();
    const emit = (utts: ParsedUtterance[]): void => {
      for (const utt of utts) {
        const first = utt.words[0];
        const last = utt.words[utt.words.length - 1];
        if (!first || !last) continue;
        const keep = gate.isSpeech(first.start, last.end);
        gate.forgetBefore(utt.end);
        if (!keep) continue;
        const seg: RecognizedSegment = {
          start: first.start + offset,
          end: last.end + offset,
          text: utt.words.map((w) => w.text).join(' '),
          words: utt.words.map((w) => ({
            text: w.text,
            start: w.start + offset,
            end: w.end + offset,
            confidence: w.confidence,
          })),
        };
        segments.push(seg);
        try {
          onSegment?.(seg);
        } catch (e) {
          state.callbackError ??= { error: e };
        }
      }
    };
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      emit(parser.line(line));
    });
    const linesDone = once(lines, 'close');

    const onAbort = (): void => {
      child.kill('SIGKILL');
      writer.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let stopOnAbort = (): void => undefined;
    try {
      writer.on('error', (e) => {
        state.writeError ??= e;
      });
      let written = 0;
      let reported = 0;
      {
        const it = pcm[Symbol.asyncIterator]();
        // Waiting for the next chunk (live audio) must not delay noticing an abort or a crash.
        const stop = new Promise<null>((res) => {
          void exit.then(() => {
            res(null);
          });
          stopOnAbort = (): void => {
            res(null);
          };
          signal?.addEventListener('abort', stopOnAbort, { once: true });
        });
        for (;;) {
          const next = await Promise.race([it.next(), stop]);
          if (next === null || signal?.aborted || state.exited || state.writeError) {
            void Promise.resolve(it.return?.()).catch(() => undefined);
            break;
          }
          if (next.done) break;
          const chunk = next.value;
          if (chunk.length === 0) continue;
          gate.push(chunk);
          const ok = writer.write(chunk);
          written += chunk.length;
          if (!ok) await drainOrStop(writer, exit, signal);
          const sec = written / PCM_BYTES_PER_SECOND;
          if (sec - reported >= PROGRESS_STEP_SEC) {
            reported = sec;
            onProgress?.(sec + offset);
          }
        }
        if (!writer.destroyed) writer.end();
      }
      const { code, sig } = await exit;
      await linesDone;
      if (signal?.aborted) throw abortError(signal);
      if (state.spawnError) {
        const err = state.spawnError;
        throw err.code === 'ENOENT' || err.code === 'EACCES'
          ? new DocscribError(
              'engine.unavailable',
              `The pocketsphinx program (${binaryName}) could not be started.`,
              INSTALL_HINT,
            )
          : failed(`The pocketsphinx program (${binaryName}) could not be started (${err.code}).`);
      }
      if (code !== 0) {
        throw failed(
          sig
            ? `pocketsphinx stopped with signal ${sig} while transcribing.`
            : `pocketsphinx exited with code ${code} while transcribing.`,
        );
      }
      emit(parser.end());
      if (state.callbackError) throw state.callbackError.error;
      onProgress?.(written / PCM_BYTES_PER_SECOND + offset);
      return segments;
    } catch (e) {
      if (!state.exited) child.kill('SIGKILL');
      writer.destroy();
      throw e;
    } finally {
      // The caller's signal may outlive this run (a live session): leave no listener on it.
      signal?.removeEventListener('abort', onAbort);
      signal?.removeEventListener('abort', stopOnAbort);
      lines.close();
      writer.destroy();
      await fifo.remove();
    }
  }

  return {
    id: 'pocketsphinx',
    quality: 'draft',
    model: opts.lmPath ? 'en-us + custom LM' : `en-us + ${lm} LM`,
    check: async () => {
      await Promise.resolve();
      resolveBinary();
    },
    transcribe,
  };
}

/** Waits until `writer` can take more, the program has exited, or the run was aborted. */
async function drainOrStop(
  writer: Socket,
  exit: Promise<unknown>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const ac = new AbortController();
  const waits: Promise<unknown>[] = [
    once(writer, 'drain', { signal: ac.signal }).catch(() => undefined),
    once(writer, 'close', { signal: ac.signal }).catch(() => undefined),
    exit,
  ];
  if (signal) waits.push(once(signal, 'abort', { signal: ac.signal }).catch(() => undefined));
  try {
    await Promise.race(waits);
  } finally {
    ac.abort();
  }
}
