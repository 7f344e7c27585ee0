/**
 * Speech figures for `npm run bench` (bench/run.ts; `--skip-speech` leaves them out,
 * `--speech-minutes <n>` sets the length of the live-session simulation, default 5):
 *
 * - real-time factor (wall time / audio time) per engine on this machine, on a generated
 *   two-voice espeak-ng dialogue: pocketsphinx with the general and the therapy LM; whisper only
 *   when a model file is installed (`docscrib models`); openai against the local test server
 *   (test/support/openai-speech-server.ts), which recognises nothing: that figure is the client's
 *   overhead (VAD chunking, WAV encoding, HTTP), not a recogniser's speed;
 * - ffmpeg decode throughput (seconds of audio decoded per second) on a long WAV and MP3;
 * - diarization time (two streamed decodes' worth of embedding + clustering) on the dialogue;
 * - the end of a live session → its note, through the server's real live path
 *   (bench/speech-live.ts: SQLite store, encryption, CaptureService, LiveSessionManager), the long
 *   recording streamed faster than real time but never far ahead of the engine; measured ONLY
 *   from `stop` after the last frame to the draft note stored;
 * - the same finalisation steps one by one, in process, on the ~2-minute sample (pcmQueue →
 *   engine, each segment embedded from the in-memory window as src/server/services/live.ts does,
 *   then flush, speaker clustering, roles, parse, analysis, note, review, write to a file), so the
 *   total above can be read.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import {
  analyze,
  parseTranscript,
  renderMarkdown,
  reviewNote,
  writeNote,
} from '../src/core/index.js';
import { decodeToPcm } from '../src/speech/audio/decode.js';
import { pcmQueue } from '../src/speech/audio/pcm-queue.js';
import { probeAudio } from '../src/speech/audio/probe.js';
import { diarize, diarizeEmbeddings } from '../src/speech/diarize/diarize.js';
import { segmentEmbedding } from '../src/speech/diarize/embedding.js';
import { PCM_BYTES_PER_SECOND, type SpeechEngine } from '../src/speech/engine.js';
import { createEngine } from '../src/speech/registry.js';
import {
  SpeechSettingsSchema,
  type EngineId,
  type RecognizedSegment,
} from '../src/speech/schema.js';
import { buildSpeechTranscript } from '../src/speech/speakers.js';
import { speechToCoreJson } from '../src/speech/transcript.js';
import { PcmWindow } from '../src/server/services/live-window.js';
import { startOpenAiSpeechServer } from '../test/support/openai-speech-server.js';
import { DIALOGUE, writeDialogueWav } from '../test/support/speech-dialogue.js';
import { liveSessionToNote, type LiveServiceFigure } from './speech-live.js';

const run = promisify(execFile);

/** How far (seconds of audio) the simulated microphone may run ahead of the engine. */
export const LIVE_MAX_LAG_SEC = 2;
/** Frame length the simulated browser sends (seconds). */
const FRAME_SEC = 0.5;
/** Copies of the dialogue in the real-time-factor sample (~2 minutes). */
const RTF_COPIES = 3;

export interface SpeechBenchOptions {
  /** Minutes of audio streamed through the live path (default 5; the figure asked for is 50). */
  minutes: number;
  /**
   * Engine of the live-path run: pocketsphinx (default), or the openai client against the local
   * test server (no recogniser: the streaming takes minutes instead of ~minutes × RTF, so a
   * 50-minute session's finalisation can be measured quickly; its flush is one upload of the last
   * pack to a local server, not a real recogniser's).
   */
  liveEngine?: 'pocketsphinx' | 'openai';
  /** Log progress lines (stderr). */
  log?: (line: string) => void;
}

export interface EngineFigure {
  engine: string;
  label: string;
  audioSec: number;
  wallSec?: number;
  rtf?: number;
  segments?: number;
  skipped?: string;
}

export interface LiveFigure {
  engine: string;
  audioMinutes: number;
  streamWallSec: number;
  segments: number;
  speakers: number;
  /** From the last frame to the note stored, and its parts (ms). */
  totalMs: number;
  stepsMs: Record<string, number>;
}

export interface SpeechBenchResult {
  rtf: EngineFigure[];
  decode: { input: string; audioSec: number; wallSec: number; speed: number }[];
  diarization: { audioSec: number; segments: number; method: string; ms: number } | null;
  /** The server's live path (bench/speech-live.ts) on the long recording. */
  live: LiveServiceFigure | { error: string };
  /** The finalisation steps one by one, in process, on the ~2-minute sample. */
  liveSteps: LiveFigure | { error: string };
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

function settings(): ReturnType<typeof SpeechSettingsSchema.parse> {
  return SpeechSettingsSchema.parse({});
}

function modelsDir(): string {
  const env = process.env['DOCSCRIB_MODELS_DIR']?.trim();
  if (env) return env;
  const xdg = process.env['XDG_DATA_HOME']?.trim();
  return join(xdg || join(homedir(), '.local', 'share'), 'docscrib', 'models');
}

async function transcribeTimed(
  engine: SpeechEngine,
  file: string,
): Promise<{ wallSec: number; segments: RecognizedSegment[] }> {
  await engine.check();
  const t0 = performance.now();
  const pcm = decodeToPcm(file);
  try {
    const segments = await engine.transcribe(pcm);
    return { wallSec: (performance.now() - t0) / 1000, segments };
  } finally {
    pcm.destroy();
  }
}

async function engineFigure(
  id: EngineId,
  label: string,
  file: string,
  audioSec: number,
  make: () => SpeechEngine,
): Promise<EngineFigure & { segmentsList?: RecognizedSegment[] }> {
  try {
    const { wallSec, segments } = await transcribeTimed(make(), file);
    return {
      engine: id,
      label,
      audioSec: round(audioSec, 1),
      wallSec: round(wallSec),
      rtf: round(wallSec / audioSec, 3),
      segments: segments.length,
      segmentsList: segments,
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { engine: id, label, audioSec: round(audioSec, 1), skipped: message };
  }
}

/** `sox a.wav a.wav … out.wav`, in batches (argument lists stay short). */
async function repeatWav(source: string, copies: number, out: string, dir: string): Promise<void> {
  const batch = Math.min(copies, 10);
  const tenfold = join(dir, `.batch-${batch}.wav`);
  await run('sox', [...Array<string>(batch).fill(source), tenfold]);
  const full = Math.floor(copies / batch);
  const rest = copies % batch;
  const parts = [...Array<string>(full).fill(tenfold), ...Array<string>(rest).fill(source)];
  await run('sox', [...parts, out]);
  await rm(tenfold, { force: true });
}

async function decodeFigure(file: string, input: string): Promise<SpeechBenchResult['decode'][0]> {
  const t0 = performance.now();
  let bytes = 0;
  for await (const chunk of decodeToPcm(file)) bytes += (chunk as Buffer).length;
  const wallSec = (performance.now() - t0) / 1000;
  const audioSec = bytes / PCM_BYTES_PER_SECOND;
  return {
    input,
    audioSec: round(audioSec, 1),
    wallSec: round(wallSec),
    speed: round(audioSec / wallSec, 0),
  };
}

/** The live path on `file`, measured from the last frame to the note written in `dir`. */
async function liveFigure(engine: SpeechEngine, file: string, dir: string): Promise<LiveFigure> {
  await engine.check();
  const queue = pcmQueue();
  const window = new PcmWindow(300);
  const segments: RecognizedSegment[] = [];
  const embeddings: (Float32Array | null)[] = [];
  let consumedSec = 0;
  let wake: (() => void) | null = null;
  const transcribing = engine.transcribe(queue.iterable, {
    onProgress: (s) => {
      consumedSec = s;
      const w = wake;
      wake = null;
      w?.();
    },
    onSegment: (segment) => {
      segments.push(segment);
      const span = window.slice(segment.start, segment.end);
      embeddings.push(span ? segmentEmbedding(span.pcm, segment, span.startSec) : null);
    },
  });
  // Keep the engine's failure from being unhandled while the stream is still being pushed.
  transcribing.catch(() => undefined);

  const frameBytes = Math.round(FRAME_SEC * PCM_BYTES_PER_SECOND) & ~1;
  let pushedBytes = 0;
  let pending = Buffer.alloc(0);
  const streamStart = performance.now();
  const push = async (frame: Buffer): Promise<void> => {
    while ((pushedBytes + frame.length) / PCM_BYTES_PER_SECOND - consumedSec > LIVE_MAX_LAG_SEC) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    window.append(frame);
    queue.push(frame);
    pushedBytes += frame.length;
  };
  for await (const chunk of decodeToPcm(file)) {
    pending = Buffer.concat([pending, chunk as Buffer]);
    while (pending.length >= frameBytes) {
      await push(pending.subarray(0, frameBytes));
      pending = pending.subarray(frameBytes);
    }
  }
  if (pending.length > 0) await push(pending);

  // A running server has analysed notes before: warm the core up (lazy knowledge base, models)
  // so its first-call cost is not counted as the end of this session.
  warmUpCore();

  // The last frame has been sent: the clinician pressed stop.
  const steps: Record<string, number> = {};
  let mark = performance.now();
  const step = (name: string): void => {
    const now = performance.now();
    steps[name] = round(now - mark, 1);
    mark = now;
  };
  const stopAt = mark;
  const streamWallSec = (stopAt - streamStart) / 1000;
  queue.end();
  const final = await transcribing;
  step('engine flush');
  // Segments the engine returned without an onSegment call (none expected) get no embedding.
  while (embeddings.length < final.length) embeddings.push(null);
  const diarized = diarizeEmbeddings(final, embeddings, {});
  step('speaker clustering');
  const durationSec = pushedBytes / PCM_BYTES_PER_SECOND;
  const speech = buildSpeechTranscript(
    engine,
    diarized.segments,
    durationSec,
    diarized.method,
    diarized.warnings,
  );
  step('speakers + roles');
  const transcript = parseTranscript(speechToCoreJson(speech), { format: 'json' });
  step('parse');
  const analysis = analyze(transcript);
  step('analyse');
  const note = writeNote(analysis, { format: 'soap' });
  const markdown = renderMarkdown(note);
  step('note');
  const review = reviewNote({ note, analysis });
  step('review');
  await writeFile(
    join(dir, 'live.note.json'),
    JSON.stringify({ note, review, analysis, markdown }),
  );
  step('store');
  return {
    engine: `${engine.id} (${engine.model ?? 'default'})`,
    audioMinutes: round(durationSec / 60, 1),
    streamWallSec: round(streamWallSec, 1),
    segments: final.length,
    speakers: speech.speakers.length,
    totalMs: round(performance.now() - stopAt, 1),
    stepsMs: steps,
  };
}

function warmUpCore(): void {
  const lines = DIALOGUE.map(
    (l, i) =>
      `[00:00:${String(i * 5).padStart(2, '0')}] ${l.speaker === 'clinician' ? 'Therapist' : 'Client'}: ${l.text}`,
  );
  const analysis = analyze(parseTranscript(lines.join('\n')));
  reviewNote({ note: writeNote(analysis, { format: 'soap' }), analysis });
}

export async function runSpeechBench(opts: SpeechBenchOptions): Promise<SpeechBenchResult> {
  const log = opts.log ?? (() => undefined);
  const dir = await mkdtemp(join(tmpdir(), 'docscrib-speech-bench-'));
  try {
    log('speech bench: generating the espeak-ng dialogue…');
    const dialogue = await writeDialogueWav(dir);
    const dialogueSec = (await probeAudio(dialogue)).durationSec;
    const sample = join(dir, 'sample.wav');
    await repeatWav(dialogue, RTF_COPIES, sample, dir);
    const sampleSec = (await probeAudio(sample)).durationSec;
    const cfg = { settings: settings(), modelsDir: modelsDir() };

    // --- real-time factor per engine ---------------------------------------------------------
    const rtf: (EngineFigure & { segmentsList?: RecognizedSegment[] })[] = [];
    for (const lm of ['general', 'therapy'] as const) {
      log(`speech bench: pocketsphinx (${lm} LM) on ${round(sampleSec, 0)} s…`);
      rtf.push(
        await engineFigure('pocketsphinx', `pocketsphinx, ${lm} LM`, sample, sampleSec, () =>
          createEngine('pocketsphinx', { ...cfg, model: lm }),
        ),
      );
    }
    const models = (await readdir(cfg.modelsDir).catch(() => [] as string[])).filter((f) =>
      f.endsWith('.bin'),
    );
    if (models.length === 0) {
      rtf.push({
        engine: 'whisper',
        label: 'whisper',
        audioSec: round(sampleSec, 1),
        skipped: `no model installed in ${cfg.modelsDir}`,
      });
    }
    for (const model of models) {
      log(`speech bench: whisper (${model})…`);
      rtf.push(
        await engineFigure('whisper', `whisper, ${model}`, sample, sampleSec, () =>
          createEngine('whisper', { ...cfg, model }),
        ),
      );
    }
    const server = await startOpenAiSpeechServer({
      utterances: Array.from({ length: RTF_COPIES }, () => DIALOGUE.map((l) => l.text)).flat(),
    });
    try {
      log('speech bench: openai client against the local test server…');
      rtf.push(
        await engineFigure(
          'openai',
          'openai client overhead (local test server, no recogniser)',
          sample,
          sampleSec,
          () =>
            createEngine('openai', {
              ...cfg,
              settings: SpeechSettingsSchema.parse({ openaiBaseUrl: server.baseUrl }),
            }),
        ),
      );
    } finally {
      await server.close();
    }

    // --- diarization on the sample (from the general-LM run's segments) ------------------------
    let diarization: SpeechBenchResult['diarization'] = null;
    const segs = rtf.find((r) => r.segmentsList && r.segmentsList.length > 0)?.segmentsList;
    if (segs) {
      const t0 = performance.now();
      const pcm = decodeToPcm(sample);
      const result = await diarize(pcm, segs, {});
      pcm.destroy();
      diarization = {
        audioSec: round(sampleSec, 1),
        segments: segs.length,
        method: `${result.method}, ${new Set(result.segments.map((s) => s.speaker)).size} speakers`,
        ms: round(performance.now() - t0, 0),
      };
    }

    // --- the long recording: decode throughput, then the live session --------------------------
    const copies = Math.max(1, Math.round((opts.minutes * 60) / dialogueSec));
    const long = join(dir, 'long.wav');
    log(`speech bench: building a ${opts.minutes}-minute recording (${copies} dialogues)…`);
    await repeatWav(dialogue, copies, long, dir);
    const mp3 = join(dir, 'long.mp3');
    await run('ffmpeg', ['-v', 'error', '-i', long, '-b:a', '64k', mp3]);
    const decode = [await decodeFigure(long, 'WAV 16 kHz'), await decodeFigure(mp3, 'MP3 64 kb/s')];

    // The therapy LM (the default) when it ran above, else the general one.
    const therapy = rtf.find((e) => e.label === 'pocketsphinx, therapy LM');
    const lm = therapy?.skipped === undefined ? 'therapy' : 'general';
    const sphinx = (): SpeechEngine => createEngine('pocketsphinx', { ...cfg, model: lm });
    const failed = (e: unknown): { error: string } => ({
      error: e instanceof Error ? e.message : String(e),
    });
    log('speech bench: finalisation steps in process on the sample…');
    const liveSteps = await liveFigure(sphinx(), sample, dir).catch(failed);
    log(
      `speech bench: streaming ${opts.minutes} minutes through the server's live path (${opts.liveEngine ?? 'pocketsphinx'})…`,
    );
    let live: SpeechBenchResult['live'];
    if (opts.liveEngine === 'openai') {
      const longServer = await startOpenAiSpeechServer({
        utterances: Array.from({ length: copies }, () => DIALOGUE.map((l) => l.text)).flat(),
      });
      try {
        const engine = createEngine('openai', {
          ...cfg,
          settings: SpeechSettingsSchema.parse({ openaiBaseUrl: longServer.baseUrl }),
        });
        // Uploads are packs of up to 5 minutes (the transcript trails the audio by that much) and
        // the local server answers at once: no lag limit, the stream goes as fast as it is stored.
        live = await liveSessionToNote(long, engine, { maxAheadSec: Infinity }).catch(failed);
        if (!('error' in live)) live.engine += ' against the local test server (no recogniser)';
      } finally {
        await longServer.close();
      }
    } else {
      live = await liveSessionToNote(long, sphinx()).catch(failed);
    }
    return {
      rtf: rtf.map(({ segmentsList: _drop, ...r }) => r),
      decode,
      diarization,
      live,
      liveSteps,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatSpeechBench(r: SpeechBenchResult): string[] {
  const lines = [
    '',
    'speech (this machine; wall times, so other load on the machine inflates them)',
    `${'engine'.padEnd(58)} ${'audio s'.padStart(8)} ${'wall s'.padStart(8)} ${'RTF'.padStart(7)}`,
  ];
  for (const e of r.rtf) {
    lines.push(
      e.skipped !== undefined
        ? `${e.label.padEnd(58)} skipped: ${e.skipped}`
        : `${e.label.padEnd(58)} ${String(e.audioSec).padStart(8)} ${(e.wallSec ?? 0).toFixed(2).padStart(8)} ${(e.rtf ?? 0).toFixed(3).padStart(7)}`,
    );
  }
  for (const d of r.decode) {
    lines.push(
      `ffmpeg decode ${d.input.padEnd(14)} ${d.audioSec} s of audio in ${d.wallSec} s: ${d.speed}× real time`,
    );
  }
  if (r.diarization) {
    lines.push(
      `diarization (decode + embed + cluster) ${r.diarization.audioSec} s, ${r.diarization.segments} segments: ${r.diarization.ms} ms (${r.diarization.method})`,
    );
  }
  if ('error' in r.live) {
    lines.push(`live session → note (server live path): failed: ${r.live.error}`);
  } else {
    const l = r.live;
    lines.push(
      `live session → note (server live path, ${l.engine}): ${l.audioMinutes} min streamed in ${l.streamWallSec} s, ${l.segments} segments`,
      `  stop after the last frame → draft note stored: ${l.stopToNoteMs} ms`,
    );
  }
  if ('error' in r.liveSteps) {
    lines.push(`finalisation steps (in process): failed: ${r.liveSteps.error}`);
  } else {
    const l = r.liveSteps;
    lines.push(
      `finalisation steps (in process, ${l.audioMinutes} min, ${l.segments} segments, ${l.speakers} speakers): ${l.totalMs} ms`,
      `  ${Object.entries(l.stepsMs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
  return lines;
}
