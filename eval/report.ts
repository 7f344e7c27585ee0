/** Renders evaluation results as Markdown and checks them against the targets of issue 2. */
import type { AnnomiResult } from './annomi.js';
import type { CoverageResult } from './note-coverage.js';
import type { Prf } from './metrics.js';
import type { CorpusResult } from './sessions.js';

export interface CoverageReport {
  name: string;
  result: CoverageResult;
}

export interface Target {
  name: string;
  actual: string;
  met: boolean;
}

const f2 = (x: number): string => x.toFixed(2);

export function targetsOf(corpora: readonly CorpusResult[], annomi?: AnnomiResult): Target[] {
  const t: Target[] = [];
  for (const c of corpora) {
    const f1 = c.delivered.micro.f1;
    t.push({
      name: `${c.name}: delivered-intervention micro-F1 ≥ 0.85`,
      actual: f2(f1),
      met: f1 >= 0.85,
    });
    const missed = c.risk.endorsedRecall.fn;
    t.push({
      name: `${c.name}: no endorsed risk missed`,
      actual: `${missed} missed`,
      met: missed === 0,
    });
    t.push({
      name: `${c.name}: never "denied" for a risk not asked`,
      actual: `${c.risk.falseDenials} false denials`,
      met: c.risk.falseDenials === 0,
    });
    const leaked = c.sessions.flatMap((s) => s.notDeliveredAsDelivered);
    t.push({
      name: `${c.name}: no mentioned-but-not-delivered intervention listed as delivered`,
      actual: `${leaked.length}`,
      met: leaked.length === 0,
    });
  }
  if (annomi) {
    const mi = annomi.crossValidated.mi.macroF1;
    const talk = annomi.crossValidated.talk.macroF1;
    t.push({ name: 'AnnoMI mi macro-F1 ≥ 0.70 (grouped CV)', actual: f2(mi), met: mi >= 0.7 });
    t.push({
      name: 'AnnoMI talk macro-F1 ≥ 0.55 (grouped CV)',
      actual: f2(talk),
      met: talk >= 0.55,
    });
  }
  return t;
}

function prfRow(label: string, p: Prf): string {
  return `| ${label} | ${f2(p.precision)} | ${f2(p.recall)} | ${f2(p.f1)} | ${p.tp} | ${p.fp} | ${p.fn} |`;
}

const PRF_HEAD =
  '| label | precision | recall | F1 | TP | FP | FN |\n|---|---|---|---|---|---|---|';

function corpusSection(c: CorpusResult): string {
  const lines: string[] = [];
  lines.push(`## ${c.name}`, '');
  lines.push(`${c.sessions.length} sessions.`, '');
  lines.push('| measure | value |', '|---|---|');
  lines.push(`| delivered interventions, micro-F1 | ${f2(c.delivered.micro.f1)} |`);
  lines.push(
    `| delivered interventions without homework.*, micro-F1 | ${f2(c.delivered.microWithoutHomework.f1)} |`,
  );
  lines.push(`| mentioned-not-delivered, micro-F1 | ${f2(c.notDelivered.micro.f1)} |`);
  lines.push(`| indicators, micro-F1 (kind + numbers) | ${f2(c.indicators.micro.f1)} |`);
  lines.push(`| risk status accuracy (8 kinds × sessions) | ${f2(c.risk.accuracy)} |`);
  lines.push(
    `| endorsed risk recall | ${f2(c.risk.endorsedRecall.recall)} (${c.risk.endorsedRecall.fn} missed) |`,
  );
  lines.push(`| false "denied" (not asked-and-denied) | ${c.risk.falseDenials} |`);
  lines.push(`| homework reviewed/assigned accuracy | ${f2(c.homework.accuracy)} |`);
  lines.push(`| consent discussed, micro-F1 | ${f2(c.consent.micro.f1)} |`);
  lines.push(`| speaker roles all correct (sessions) | ${f2(c.roles.accuracy)} |`);
  lines.push(`| duration within 1 minute | ${f2(c.duration.withinOneMinute)} |`, '');

  lines.push('### Delivered interventions per label', '', PRF_HEAD);
  for (const [l, p] of c.delivered.perLabel) lines.push(prfRow(l, p));
  lines.push('', '### Mentioned but not delivered per label', '', PRF_HEAD);
  for (const [l, p] of c.notDelivered.perLabel) lines.push(prfRow(l, p));
  lines.push('', '### Indicators per kind', '', PRF_HEAD);
  for (const [l, p] of c.indicators.perKind) lines.push(prfRow(l, p));
  lines.push('', '### Risk per kind and status (assessed or predicted only)', '', PRF_HEAD);
  for (const [l, p] of c.risk.perKind) lines.push(prfRow(l, p));
  lines.push('', '### Per session', '');
  lines.push(
    '| session | false positives | missed | indicators matched | risk errors | analysis ms |',
  );
  lines.push('|---|---|---|---|---|---|');
  for (const s of c.sessions) {
    const riskErr = s.risk
      .filter((r) => r.gold !== r.predicted)
      .map((r) => `${r.kind}: ${r.predicted} (gold ${r.gold})`);
    lines.push(
      `| ${s.id} | ${s.delivered.fp.join(', ') || '–'} | ${s.delivered.fn.join(', ') || '–'} | ${s.indicators.matched}/${s.indicators.gold} (predicted ${s.indicators.predicted}) | ${riskErr.join('; ') || '–'} | ${s.ms.toFixed(1)} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

function confusionTable(labels: readonly string[], matrix: readonly (readonly number[])[]): string {
  const head = `| gold \\ predicted | ${labels.join(' | ')} |\n|---|${labels.map(() => '---').join('|')}|`;
  const rows = labels.map((l, i) => `| ${l} | ${(matrix[i] ?? []).join(' | ')} |`);
  return [head, ...rows].join('\n');
}

function annomiSection(a: AnnomiResult): string {
  const lines: string[] = ['## AnnoMI (utterance-level MI labels)', ''];
  lines.push(
    `${a.n} utterances in ${a.transcripts} transcripts. Scores are ${a.folds}-fold cross-validated with folds grouped by transcript (no transcript is in both training and test), so they estimate performance on unseen conversations. Published baselines on the whole corpus: therapist behaviour 0.72, client talk type 0.55 (Wu et al. 2022).`,
    '',
  );
  lines.push(
    '| task | macro-F1 (grouped CV) | macro-F1 (shipped model, in-sample) | published |',
    '|---|---|---|---|',
  );
  lines.push(
    `| clinician \`mi\` | ${f2(a.crossValidated.mi.macroF1)} | ${f2(a.shipped.mi.macroF1)} | 0.72 |`,
  );
  lines.push(
    `| client \`talk\` | ${f2(a.crossValidated.talk.macroF1)} | ${f2(a.shipped.talk.macroF1)} | 0.55 |`,
    '',
  );
  for (const task of ['mi', 'talk'] as const) {
    const r = a.crossValidated[task];
    lines.push(
      `### \`${task}\` per label (grouped CV)`,
      '',
      '| label | precision | recall | F1 | support |',
      '|---|---|---|---|---|',
    );
    for (const l of r.labels) {
      const p = r.perLabel[l];
      if (p)
        lines.push(`| ${l} | ${f2(p.precision)} | ${f2(p.recall)} | ${f2(p.f1)} | ${p.support} |`);
    }
    lines.push(
      '',
      `Confusion matrix (grouped CV, rows gold):`,
      '',
      confusionTable(r.labels, r.confusion),
      '',
    );
  }
  return lines.join('\n');
}

function coverageSection(reports: readonly CoverageReport[]): string {
  const lines: string[] = ['## Note completeness (23-element checklist)', ''];
  lines.push(
    'SOAP notes written from each transcript, scored on the 23 elements of a complete therapy note (PRODUCT.md, after TN-Eval, ACL 2025). An element counts only when a sentence with transcript evidence covers it; placeholders left for the clinician (appearance, affect, mental status, diagnosis) do not count. Published reference points on real MI sessions: human clinicians ~29 %, 70B LLMs ~40 % (with less faithful sentences). Our scorer is automatic and counts the elements our own writer tags, so it is not directly comparable with clinician-graded scores.',
    '',
    '| transcripts | notes | mean coverage | covered or left for the clinician | findings without evidence | observation claims |',
    '|---|---|---|---|---|---|',
  );
  for (const { name, result: r } of reports) {
    lines.push(
      `| ${name} | ${r.notes} | ${(100 * r.meanCoverage).toFixed(0)} % | ${(100 * r.meanAddressed).toFixed(0)} % | ${r.ungrounded} | ${r.observationClaims} |`,
    );
  }
  const first = reports[0];
  if (first) {
    lines.push(
      '',
      `Per element (${first.name}):`,
      '',
      '| element | section | covered | left for the clinician |',
      '|---|---|---|---|',
    );
    for (const e of first.result.perElement) {
      lines.push(
        `| ${e.description} | ${e.section} | ${e.covered}/${e.total} | ${e.leftForClinician} |`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}

export function renderReport(
  corpora: readonly CorpusResult[],
  annomi: AnnomiResult | undefined,
  coverage: readonly CoverageReport[],
  targets: readonly Target[],
): string {
  const parts: string[] = [
    '# DocScrib clinical engine: evaluation',
    '',
    'Generated by `npm run eval` (eval/run.ts). Do not edit by hand.',
    '',
    '## Targets (issue 2)',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...targets.map((t) => `| ${t.name} | ${t.actual} | ${t.met ? 'yes' : '**no**'} |`),
    '',
  ];
  for (const c of corpora) parts.push(corpusSection(c));
  if (annomi) parts.push(annomiSection(annomi));
  if (coverage.length > 0) parts.push(coverageSection(coverage));
  return `${parts.join('\n')}\n`;
}
