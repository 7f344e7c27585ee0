/**
 * `npm run eval`: measures the clinical engine against the labelled corpora and writes
 * docs/evaluation.md. Exits 1 when a target is missed.
 *
 * Corpora:
 * - ../shared/corpus/sessions (public development set; override with DOCSCRIB_SESSIONS_DIR)
 * - eval/corpus (sessions written for this project and never read by those who wrote the
 *   detectors: our own held-out set)
 * - ../shared/corpus/annomi (utterance-level MI labels; override with DOCSCRIB_ANNOMI_CSV)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateAnnomi, type AnnomiResult } from './annomi.js';
import { evaluateCorpus, type CorpusResult } from './sessions.js';
import { renderReport, targetsOf, type Target } from './report.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sessionsDir = process.env.DOCSCRIB_SESSIONS_DIR ?? resolve(root, '../shared/corpus/sessions');
const ownDir = join(root, 'eval/corpus');
const annomiCsv =
  process.env.DOCSCRIB_ANNOMI_CSV ?? resolve(root, '../shared/corpus/annomi/annomi-dev.csv');

function main(): number {
  const corpora: CorpusResult[] = [];
  for (const [name, dir] of [
    ['shared sessions (development)', sessionsDir],
    ['eval/corpus (own held-out)', ownDir],
  ] as const) {
    if (existsSync(dir)) corpora.push(evaluateCorpus(name, dir));
    else process.stderr.write(`eval: skipping ${name}: ${dir} not found\n`);
  }
  let annomi: AnnomiResult | undefined;
  if (existsSync(annomiCsv)) annomi = evaluateAnnomi({ csvPath: annomiCsv });
  else process.stderr.write(`eval: skipping AnnoMI: ${annomiCsv} not found\n`);

  const targets: Target[] = targetsOf(corpora, annomi);
  const report = renderReport(corpora, annomi, targets);
  const out = join(root, 'docs/evaluation.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, report);
  process.stdout.write(report);
  process.stdout.write(`\nWrote ${out}\n`);
  const missed = targets.filter((t) => !t.met);
  for (const t of missed) process.stderr.write(`eval: target missed: ${t.name} (${t.actual})\n`);
  return missed.length ? 1 : 0;
}

process.exitCode = main();
