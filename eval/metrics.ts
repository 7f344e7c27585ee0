/** Precision / recall / F1 bookkeeping shared by the evaluations. */

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Per-label counts, accumulated over many items. */
export class LabelCounts {
  private readonly byLabel = new Map<string, Counts>();

  private get(label: string): Counts {
    let c = this.byLabel.get(label);
    if (!c) {
      c = { tp: 0, fp: 0, fn: 0 };
      this.byLabel.set(label, c);
    }
    return c;
  }

  /** Compare a predicted set with a gold set of labels for one item. */
  addSets(predicted: Iterable<string>, gold: Iterable<string>): void {
    const p = new Set(predicted);
    const g = new Set(gold);
    for (const l of p) this.get(l)[g.has(l) ? 'tp' : 'fp']++;
    for (const l of g) if (!p.has(l)) this.get(l).fn++;
  }

  add(label: string, kind: keyof Counts, n = 1): void {
    this.get(label)[kind] += n;
  }

  labels(): string[] {
    return [...this.byLabel.keys()].sort();
  }

  perLabel(): Map<string, Prf> {
    return new Map(this.labels().map((l) => [l, prf(this.get(l))]));
  }

  micro(): Prf {
    const total: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const c of this.byLabel.values()) {
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
    }
    return prf(total);
  }
}

export const pct = (x: number): string => x.toFixed(2);
