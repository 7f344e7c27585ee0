/**
 * The speech evaluation (`npm run eval:speech`, and the last part of `npm run eval`): writes
 * docs/speech-evaluation.md.
 *
 * - Word error rate per engine configuration on the LibriVox utterances of
 *   ../shared/corpus/asr/pocketsphinx-librivox (read book prose: "general speech") and on the
 *   generated two-voice therapy dialogues (dialogues.ts; never LM training text): pocketsphinx
 *   with the general and the therapy LM, each with and without the audio conditioning filters;
 *   Whisper when a model is installed in the models directory; an OpenAI-compatible server when
 *   DOCSCRIB_SPEECH_BASE_URL is set.
 * - Intervention detection (core `parseTranscript` + `analyze`) on the recognised versus the
 *   reference text of the same dialogues, against the dialogues' gold ids. Speakers come from the
 *   reference turn times (each recognised segment goes to the turn it overlaps most), so the
 *   difference is the recogniser's alone.
 * - Diarization error (eval/speech/diarization.ts) on the AMI excerpt and on the dialogues.
 *
 * `ok` is false only for hard failures: pocketsphinx missing or failing, or its WER beyond
 * sanity bounds (a broken engine, not a weak one).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze, parseTranscript } from '../../src/core/index.js';
import { AUDIO_CONDITIONING, decodeToPcm } from '../../src/speech/audio/decode.js';
import type { SpeechEngine } from '../../src/speech/engine.js';
import type { RecognizedSegment } from '../../src/speech/schema.js';
import { LabelCounts, type Prf } from '../metrics.js';
import { generateDialogues, referenceText, type RenderedDialogue } from './dialogues.js';
import { pooledWer, wordErrorRate, type WerResult } from './wer.js';

/** Sanity bounds: above these the engine is broken, not merely weak (measured: see the report). */
const MAX_WER = { librivox: 0.6, dialogues: 0.8 };

interface Utterance {
  id: string;
  wav: string;
  reference: string;
  durationSec: number;
}

interface Config {
  name: string;
  /** Why there is no measurement (a row saying so). */
  skipped?: string;
  engine?: () => Promise<SpeechEngine>;
  conditioning: boolean;
  /** A failure of this configuration fails the evaluation. */
  required: boolean;
}

interface ConfigResult {
  config: Config;
  error?: string;
  librivox?: WerResult;
  dialogues?: WerResult;
  perDialogue?: Map<string, WerResult>;
  rtf?: number;
  segments?: Map<string, RecognizedSegment[]>;
}

function librivoxSet(root: string): Utterance[] {
  const dir = resolve(root, '../shared/corpus/asr/pocketsphinx-librivox');
  if (!existsSync(join(dir, 'fileids'))) return [];
  return readFileSync(join(dir, 'fileids'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((id) => ({
      id,
      wav: join(dir, `${id}.wav`),
      reference: readFileSync(join(dir, `${id}.txt`), 'utf8'),
      // 16-bit mono 16 kHz WAV with a 44-byte header.
      durationSec: (readFileSync(join(dir, `${id}.wav`)).length - 44) / 32000,
    }));
}

async function recognise(
  engine: SpeechEngine,
  wav: string,
  conditioning: boolean,
): Promise<RecognizedSegment[]> {
  return engine.transcribe(decodeToPcm(wav, conditioning ? { filters: AUDIO_CONDITIONING } : {}));
}

async function measure(
  config: Config,
  librivox: Utterance[],
  dialogues: RenderedDialogue[],
): Promise<ConfigResult> {
  if (config.skipped || !config.engine) return { config };
  try {
    const engine = await config.engine();
    await engine.check();
    const t0 = performance.now();
    let audio = 0;
    const lib: WerResult[] = [];
    for (const u of librivox) {
      const segs = await recognise(engine, u.wav, config.conditioning);
      audio += u.durationSec;
      lib.push(wordErrorRate(u.reference, segs.map((s) => s.text).join(' ')));
    }
    const perDialogue = new Map<string, WerResult>();
    const segments = new Map<string, RecognizedSegment[]>();
    for (const d of dialogues) {
      const segs = await recognise(engine, d.wav, config.conditioning);
      audio += d.durationSec;
      segments.set(d.id, segs);
      perDialogue.set(
        d.id,
        wordErrorRate(d.turns.map((t) => t.text).join(' '), segs.map((s) => s.text).join(' ')),
      );
    }
    const seconds = (performance.now() - t0) / 1000;
    return {
      config,
      librivox: pooledWer(lib),
      dialogues: pooledWer([...perDialogue.values()]),
      perDialogue,
      rtf: audio > 0 ? seconds / audio : 0,
      segments,
    };
  } catch (e) {
    // Error codes and messages of engines name programs and files, never audio content.
    const code = (e as { code?: unknown }).code;
    return {
      config,
      error: `${typeof code === 'string' ? `${code}: ` : ''}${(e as Error).message}`,
    };
  }
}

/** Recognised segments as a core JSON transcript, speakers from the reference turn times. */
export function recognisedTranscript(d: RenderedDialogue, segs: RecognizedSegment[]): string {
  const segments = segs.map((s) => {
    let best = d.turns[0];
    let bestOverlap = -Infinity;
    for (const t of d.turns) {
      const overlap = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = t;
      }
    }
    return { speaker: best?.speaker ?? 'Therapist', start: s.start, end: s.end, text: s.text };
  });
  return JSON.stringify({ segments });
}

function detected(text: string, json: boolean): string[] {
  const transcript = parseTranscript(
    text,
    json ? { format: 'json', roles: { Therapist: 'clinician', Client: 'client' } } : {},
  );
  return analyze(transcript).interventions.map((i) => i.id);
}

interface DetectionResult {
  name: string;
  micro: Prf;
  /** Per dialogue: ids found on the reference text and on the recognised text. */
  perDialogue: { id: string; gold: string[]; found: string[] }[];
}

function detection(
  name: string,
  dialogues: RenderedDialogue[],
  textOf: (d: RenderedDialogue) => { text: string; json: boolean } | null,
): DetectionResult | null {
  const counts = new LabelCounts();
  const perDialogue: DetectionResult['perDialogue'] = [];
  for (const d of dialogues) {
    const t = textOf(d);
    if (!t) return null;
    let found: string[] = [];
    try {
      found = detected(t.text, t.json);
    } catch {
      found = []; // e.g. nothing recognised at all: the core refuses an empty transcript
    }
    counts.addSets(found, d.gold);
    perDialogue.push({ id: d.id, gold: d.gold, found });
  }
  return { name, micro: counts.micro(), perDialogue };
}

const f2 = (x: number): string => x.toFixed(2);
const pctStr = (x: number): string => `${(x * 100).toFixed(1)} %`;
const werCell = (w: WerResult | undefined): string =>
  w
    ? `${pctStr(w.wer)} (S ${w.substitutions} / D ${w.deletions} / I ${w.insertions} of ${w.refWords})`
    : '–';

async function diarizationSection(root: string, dialogues: RenderedDialogue[]): Promise<string[]> {
  const out = ['## Diarization', ''];
  const file = join(dirname(new URL(import.meta.url).pathname), 'diarization.ts');
  if (!existsSync(file) && !existsSync(file.replace(/\.ts$/, '.js'))) {
    return [...out, 'not available (eval/speech/diarization.ts is missing)', ''];
  }
  try {
    const mod = await import('./diarization.js');
    const ami = await mod.evaluateAmiDiarization(
      resolve(root, '../shared/corpus/asr/pyannote-ami-excerpt'),
    );
    out.push(
      `DER (NIST style, 0.25 s collar, overlap scored) on the AMI excerpt (${ami.file}, ${ami.durationSec.toFixed(0)} s; speech from ${ami.speechSource}):`,
      '',
      '| run | speakers found / true | DER | missed | false alarm | confusion |',
      '|---|---|---|---|---|---|',
    );
    for (const r of [ami.unknownCount, ami.oracleCount]) {
      const t = r.totalSpeech || 1;
      out.push(
        `| ${r.label} | ${r.speakersFound} / ${r.speakersTrue} | ${pctStr(r.der)} | ${pctStr(r.missed / t)} | ${pctStr(r.falseAlarm / t)} | ${pctStr(r.confusion / t)} |`,
      );
    }
    const dd = await mod.evaluateDialogueDiarization(dialogues);
    const mono = mod.pooledDer(dd.map((d) => d.mono));
    const stereo = mod.pooledDer(dd.map((d) => d.stereo));
    out.push(
      '',
      `Generated dialogues (${dd.length}), pooled: mono mix (clustering) DER ${pctStr(mono.der)}, ` +
        `stereo with one voice per channel (channels) DER ${pctStr(stereo.der)}.`,
      '',
    );
  } catch (e) {
    out.push(`not available: ${(e as Error).message}`, '');
  }
  return out;
}

async function whisperConfig(): Promise<Config> {
  const base = { name: 'whisper', conditioning: false, required: false };
  try {
    const { listModels, modelsDir } = await import('../../src/speech/models.js');
    const dir = modelsDir();
    const models = existsSync(dir) ? (await listModels(dir)).filter((m) => m.valid) : [];
    const model = models[0];
    if (!model) return { ...base, skipped: `not measured: no model installed in ${dir}` };
    return {
      ...base,
      name: `whisper ${model.name}`,
      engine: async () => {
        const { createWhisperEngine } = await import('../../src/speech/engines/whisper.js');
        return createWhisperEngine({ modelPath: model.path });
      },
    };
  } catch (e) {
    return { ...base, skipped: `not measured: ${(e as Error).message}` };
  }
}

function openAiConfig(): Config {
  const baseUrl = process.env.DOCSCRIB_SPEECH_BASE_URL;
  const model = process.env.DOCSCRIB_SPEECH_MODEL ?? 'whisper-1';
  if (!baseUrl) {
    return {
      name: 'openai',
      skipped: 'not measured: DOCSCRIB_SPEECH_BASE_URL not set',
      conditioning: false,
      required: false,
    };
  }
  return {
    name: `openai ${model}`,
    conditioning: false,
    required: false,
    engine: async () => {
      const { createOpenAiEngine } = await import('../../src/speech/engines/openai.js');
      const apiKey = process.env.DOCSCRIB_SPEECH_API_KEY;
      return createOpenAiEngine({ baseUrl, model, ...(apiKey ? { apiKey } : {}) });
    },
  };
}

function pocketsphinxConfigs(): Config[] {
  const make = (lm: 'general' | 'therapy', conditioning: boolean): Config => ({
    name: `pocketsphinx ${lm} LM${conditioning ? ' + conditioning' : ''}`,
    conditioning,
    required: true,
    engine: async () => {
      const { createPocketsphinxEngine } = await import('../../src/speech/engines/pocketsphinx.js');
      return createPocketsphinxEngine({ lm });
    },
  });
  return [
    make('general', false),
    make('general', true),
    make('therapy', false),
    make('therapy', true),
  ];
}

/** Size and n-gram counts of the shipped therapy LM, and which LM is the default. */
async function lmNotes(): Promise<string[]> {
  const { DEFAULT_POCKETSPHINX_LM, THERAPY_LM_PATH } =
    await import('../../src/speech/engines/pocketsphinx.js');
  if (!existsSync(THERAPY_LM_PATH))
    return ['Therapy LM: missing (run scripts/build-therapy-lm.ts).'];
  const text = readFileSync(THERAPY_LM_PATH, 'utf8');
  const counts = [1, 2, 3].map((n) => new RegExp(`ngram ${n}=(\\d+)`).exec(text)?.[1] ?? '?');
  return [
    `Therapy LM: assets/speech/therapy.lm, ${(text.length / 1e6).toFixed(2)} MB, ${counts[0]} unigrams / ${counts[1]} bigrams / ${counts[2]} trigrams (scripts/build-therapy-lm.ts; trained on the shared sessions, eval/corpus* and AnnoMI text, never on these dialogues). Default pocketsphinx LM: ${DEFAULT_POCKETSPHINX_LM}.`,
  ];
}

/** Runs `jobs` with at most `n` at a time, results in order. */
async function pool<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i];
      if (job) results[i] = await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker));
  return results;
}

/** The WER table rows of a report, for a short console summary. */
export function speechSummary(markdown: string): string {
  const start = markdown.indexOf('## Word error rate');
  const table = markdown
    .slice(start)
    .split('\n')
    .filter((l) => l.startsWith('| '));
  return ['Speech evaluation (docs/speech-evaluation.md):', ...table.slice(0, 8)].join('\n') + '\n';
}

export async function runSpeechEval(root: string): Promise<{ markdown: string; ok: boolean }> {
  const librivox = librivoxSet(root);
  const dialogues = await generateDialogues(join(root, '.tmp/speech-eval/dialogues'));
  const configs = [...pocketsphinxConfigs(), await whisperConfig(), openAiConfig()];
  const parallel = Math.max(1, Math.min(2, cpus().length));
  const results = await pool(
    configs.map((c) => () => measure(c, librivox, dialogues)),
    parallel,
  );

  const problems: string[] = [];
  for (const r of results) {
    if (r.config.required && r.error) problems.push(`${r.config.name}: ${r.error}`);
    if (r.config.required && r.librivox && r.librivox.wer > MAX_WER.librivox)
      problems.push(
        `${r.config.name}: LibriVox WER ${pctStr(r.librivox.wer)} > ${pctStr(MAX_WER.librivox)}`,
      );
    if (r.config.required && r.dialogues && r.dialogues.wer > MAX_WER.dialogues)
      problems.push(
        `${r.config.name}: dialogue WER ${pctStr(r.dialogues.wer)} > ${pctStr(MAX_WER.dialogues)}`,
      );
  }

  const libSec = librivox.reduce((s, u) => s + u.durationSec, 0);
  const dialogueSec = dialogues.reduce((s, d) => s + d.durationSec, 0);
  const lines: string[] = [
    '# Speech evaluation',
    '',
    'Generated by `npm run eval:speech` (also the last part of `npm run eval`): eval/speech/run.ts.',
    '',
    'Sets:',
    `- **LibriVox**: ${librivox.length} read utterances from ../shared/corpus/asr/pocketsphinx-librivox (${libSec.toFixed(0)} s, ${librivox.reduce((s, u) => s + wordErrorRate(u.reference, '').refWords, 0)} words): general speech.`,
    `- **Dialogues**: ${dialogues.length} fictional clinician–client dialogues (eval/speech/dialogue-scripts.ts, ${dialogueSec.toFixed(0)} s), spoken by espeak-ng in two voices, joined by sox with pauses and a low pink-noise floor; exact reference text and turn times. Never used as language-model training text. Synthetic speech is harder for pocketsphinx's acoustic model than human speech, so absolute WER here is pessimistic; the comparison between rows is the point.`,
    '',
    'WER is pooled (total errors / total reference words) after normalisation (lower case, no punctuation, numbers as words). Conditioning = the decoder filters `AUDIO_CONDITIONING` (high-pass, low-pass, dynamic loudness normalisation). RTF = wall-clock time / audio time over both sets, ' +
      `with ${parallel} configuration(s) running at once on ${cpus().length} cores (load from other processes included).`,
    '',
    '## Word error rate',
    '',
    '| engine | LibriVox WER | dialogue WER | RTF |',
    '|---|---|---|---|',
  ];
  for (const r of results) {
    if (r.config.skipped) {
      lines.push(`| ${r.config.name} | ${r.config.skipped} | | |`);
    } else if (r.error) {
      lines.push(`| ${r.config.name} | failed: ${r.error} | | |`);
    } else {
      lines.push(
        `| ${r.config.name} | ${werCell(r.librivox)} | ${werCell(r.dialogues)} | ${r.rtf === undefined ? '–' : f2(r.rtf)} |`,
      );
    }
  }
  const measured = results.filter((r) => r.perDialogue);
  if (measured.length) {
    lines.push(
      '',
      'Per dialogue:',
      '',
      `| dialogue | ${measured.map((r) => r.config.name).join(' | ')} |`,
    );
    lines.push(`|---|${measured.map(() => '---').join('|')}|`);
    for (const d of dialogues) {
      lines.push(
        `| ${d.id} ${d.title} | ${measured
          .map((r) => {
            const w = r.perDialogue?.get(d.id);
            return w ? pctStr(w.wer) : '–';
          })
          .join(' | ')} |`,
      );
    }
  }

  lines.push('', ...(await lmNotes()));
  lines.push(
    '',
    '## Intervention detection: recognised versus reference text',
    '',
    "The core engine (`parseTranscript` + `analyze`) on each dialogue, scored against the gold ids (micro P/R/F1 over the dialogues). Speaker labels of recognised text come from the reference turn times, so the difference from the reference row is the recogniser's effect alone.",
    '',
    '| text | precision | recall | F1 | TP / FP / FN |',
    '|---|---|---|---|---|',
  );
  const det: DetectionResult[] = [];
  const ref = detection('reference text', dialogues, (d) => ({
    text: referenceText(d),
    json: false,
  }));
  if (ref) det.push(ref);
  for (const r of measured) {
    const segs = r.segments;
    if (!segs) continue;
    const res = detection(`recognised: ${r.config.name}`, dialogues, (d) => {
      const s = segs.get(d.id);
      return s ? { text: recognisedTranscript(d, s), json: true } : null;
    });
    if (res) det.push(res);
  }
  for (const d of det) {
    lines.push(
      `| ${d.name} | ${f2(d.micro.precision)} | ${f2(d.micro.recall)} | ${f2(d.micro.f1)} | ${d.micro.tp} / ${d.micro.fp} / ${d.micro.fn} |`,
    );
  }
  if (det.length) {
    lines.push('', 'Found per dialogue (gold in brackets):', '');
    for (const d of dialogues) {
      lines.push(`- ${d.id} [${d.gold.join(', ')}]:`);
      for (const x of det) {
        const p = x.perDialogue.find((q) => q.id === d.id);
        lines.push(`  - ${x.name}: ${p?.found.length ? p.found.join(', ') : '(none)'}`);
      }
    }
  }
  lines.push('');
  lines.push(...(await diarizationSection(root, dialogues)));
  if (problems.length) {
    lines.push('## Problems', '', ...problems.map((p) => `- ${p}`), '');
  }
  const markdown = lines.join('\n');
  const out = join(root, 'docs/speech-evaluation.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, markdown);
  return { markdown, ok: problems.length === 0 };
}
