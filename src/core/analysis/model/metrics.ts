/** Classification metrics: confusion matrix, per-label precision / recall / F1, macro-F1. */

export interface LabelScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface TaskScore {
  macroF1: number;
  accuracy: number;
  perLabel: Record<string, LabelScore>;
  /** confusion[gold][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
  n: number;
}

export function scoreLabels(
  labels: readonly string[],
  gold: readonly string[],
  predicted: readonly string[],
): TaskScore {
  if (gold.length !== predicted.length) throw new Error('scoreLabels: length mismatch');
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) {
    const row: Record<string, number> = {};
    for (const p of labels) row[p] = 0;
    confusion[g] = row;
  }
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] ?? '';
    const row = confusion[g];
    if (!row || !(p in row)) throw new Error('scoreLabels: unknown label');
    row[p] = (row[p] ?? 0) + 1;
    if (g === p) correct++;
  });
  const perLabel: Record<string, LabelScore> = {};
  let sumF1 = 0;
  for (const l of labels) {
    const tp = confusion[l]?.[l] ?? 0;
    const support = labels.reduce((s, p) => s + (confusion[l]?.[p] ?? 0), 0);
    const predictedAs = labels.reduce((s, g) => s + (confusion[g]?.[l] ?? 0), 0);
    const precision = predictedAs === 0 ? 0 : tp / predictedAs;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perLabel[l] = { precision, recall, f1, support };
    sumF1 += f1;
  }
  return {
    macroF1: labels.length === 0 ? 0 : sumF1 / labels.length,
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    perLabel,
    confusion,
    n: gold.length,
  };
}

/** Macro-F1 from integer labels (fast path for bias tuning). */
export function macroF1Indices(
  k: number,
  gold: ArrayLike<number>,
  pred: ArrayLike<number>,
): number {
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] ?? 0;
    const p = pred[i] ?? 0;
    if (g === p) tp[g] = (tp[g] ?? 0) + 1;
    else {
      fp[p] = (fp[p] ?? 0) + 1;
      fn[g] = (fn[g] ?? 0) + 1;
    }
  }
  let s = 0;
  for (let c = 0; c < k; c++) {
    const t = tp[c] ?? 0;
    const d = 2 * t + (fp[c] ?? 0) + (fn[c] ?? 0);
    s += d === 0 ? 0 : (2 * t) / d;
  }
  return s / k;
}
