/**
 * Diarization measured: DER (missed speech, false alarm, speaker confusion; NIST style, ±0.25 s
 * collar, overlap scored) on the AMI meeting excerpt and on the generated two-voice dialogues.
 *
 * The speech regions come from the energy VAD (`detectSpeech`), not from the reference, so DER
 * includes the VAD's misses and false alarms as the product would have them. AMI regions are
 * long (people talk without pauses), so they are cut into windows of at most WINDOW_SEC before
 * embedding, as the recogniser's utterances would be. Returns plain objects; eval/speech/run.ts
 * renders them.
 *
 * The clustering's thresholds were tuned on generated espeak-ng dialogues and on AMI's
 * per-speaker sources recombined into new 1–4 speaker files, never on the mixture: the mixture
 * figure is as measured.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readPcm } from '../../src/speech/audio/pcm.js';
import { detectSpeech } from '../../src/speech/audio/vad.js';
import { diarizationErrorRate, readRttm, type SpeakerTurn } from '../../src/speech/diarize/der.js';
import { diarize, diarizeFile, type DiarizeResult } from '../../src/speech/diarize/diarize.js';
import type { DiarizationMethod, RecognizedSegment } from '../../src/speech/schema.js';
import type { RenderedDialogue } from './dialogues.js';

/** Longest segment handed to the embedder (seconds); longer speech regions are cut evenly. */
export const WINDOW_SEC = 2;

export interface DerFigures {
  der: number;
  missed: number;
  falseAlarm: number;
  confusion: number;
  totalSpeech: number;
}

export interface DiarizationRun extends DerFigures {
  /** What the run was given / did. */
  label: string;
  method: DiarizationMethod;
  speakersFound: number;
  speakersTrue: number;
  segments: number;
  seconds: number;
}

export interface AmiDiarizationResult {
  file: string;
  durationSec: number;
  speechSource: string;
  unknownCount: DiarizationRun;
  oracleCount: DiarizationRun;
}

function figures(ref: readonly SpeakerTurn[], hyp: readonly SpeakerTurn[]): DerFigures {
  const r = diarizationErrorRate(ref, hyp, { collar: 0.25 });
  return {
    der: r.der,
    missed: r.missed,
    falseAlarm: r.falseAlarm,
    confusion: r.confusion,
    totalSpeech: r.totalSpeech,
  };
}

/** Speech regions of `pcm`, each cut into pieces of at most `windowSec`, as segments. */
export function vadSegments(pcm: Int16Array, windowSec = WINDOW_SEC): RecognizedSegment[] {
  const out: RecognizedSegment[] = [];
  for (const r of detectSpeech(pcm)) {
    const n = Math.max(1, Math.ceil((r.end - r.start) / windowSec));
    for (let k = 0; k < n; k++) {
      const start = r.start + ((r.end - r.start) * k) / n;
      const end = r.start + ((r.end - r.start) * (k + 1)) / n;
      out.push({ start, end, text: 'speech' });
    }
  }
  return out;
}

/** `pcm` as a stream of one-second chunks, as a decoder would deliver it. */
function chunksOf(pcm: Int16Array, samples = 16_000): AsyncIterable<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < pcm.length; i += samples) {
    const part = pcm.subarray(i, i + samples);
    parts.push(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  return Readable.from(parts);
}

function run(
  label: string,
  ref: readonly SpeakerTurn[],
  result: DiarizeResult,
  seconds: number,
): DiarizationRun {
  const hyp = result.segments.map((s) => ({ speaker: s.speaker, start: s.start, end: s.end }));
  return {
    label,
    ...figures(ref, hyp),
    method: result.method,
    speakersFound: new Set(hyp.map((h) => h.speaker)).size,
    speakersTrue: new Set(ref.map((r) => r.speaker)).size,
    segments: hyp.length,
    seconds,
  };
}

/** DER on `<root>/mixture.wav` against `<root>/mixture.rttm`, unknown and oracle speaker count. */
export async function evaluateAmiDiarization(root: string): Promise<AmiDiarizationResult> {
  const wav = join(root, 'mixture.wav');
  const ref = await readRttm(join(root, 'mixture.rttm'));
  const pcm = await readPcm(wav);
  const segments = vadSegments(pcm);
  const speakers = new Set(ref.map((r) => r.speaker)).size;
  const timed = async (label: string, opts: { numSpeakers?: number }): Promise<DiarizationRun> => {
    const t0 = performance.now();
    const result = await diarize(chunksOf(pcm), segments, opts);
    return run(label, ref, result, (performance.now() - t0) / 1000);
  };
  return {
    file: 'pyannote-ami-excerpt/mixture.wav',
    durationSec: pcm.length / 16_000,
    speechSource: `energy VAD (detectSpeech), regions cut into ≤ ${WINDOW_SEC} s windows`,
    unknownCount: await timed('unknown speaker count', {}),
    oracleCount: await timed(`oracle count (${speakers})`, { numSpeakers: speakers }),
  };
}

export interface DialogueDiarizationResult {
  id: string;
  durationSec: number;
  /** The mono mix: clustering. */
  mono: DiarizationRun;
  /** The stereo file, one voice per channel: channels. */
  stereo: DiarizationRun;
}

/** DER per dialogue: mono (clustering) and stereo (channels), speech regions from the VAD. */
export async function evaluateDialogueDiarization(
  dialogues: readonly RenderedDialogue[],
): Promise<DialogueDiarizationResult[]> {
  const out: DialogueDiarizationResult[] = [];
  for (const d of dialogues) {
    const ref = d.turns.map((t) => ({ speaker: t.speaker, start: t.start, end: t.end }));
    const pcm = await readPcm(d.wav);
    const segments = vadSegments(pcm, Infinity);
    let t0 = performance.now();
    const mono = run(
      'mono',
      ref,
      await diarize(chunksOf(pcm), segments, {}),
      (performance.now() - t0) / 1000,
    );
    t0 = performance.now();
    const stereo = run(
      'stereo',
      ref,
      await diarizeFile(d.stereoWav, segments),
      (performance.now() - t0) / 1000,
    );
    out.push({ id: d.id, durationSec: d.durationSec, mono, stereo });
  }
  return out;
}

/** Speaker-second weighted totals over dialogue runs. */
export function pooledDer(runs: readonly DerFigures[]): DerFigures {
  const sum = (k: keyof DerFigures): number => runs.reduce((s, r) => s + r[k], 0);
  const total = sum('totalSpeech');
  const missed = sum('missed');
  const falseAlarm = sum('falseAlarm');
  const confusion = sum('confusion');
  return {
    der: total > 0 ? (missed + falseAlarm + confusion) / total : 0,
    missed,
    falseAlarm,
    confusion,
    totalSpeech: total,
  };
}
