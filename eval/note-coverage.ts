/**
 * Note completeness on the 23-element checklist (PRODUCT.md "What a complete therapy note
 * covers", after TN-Eval): for each note, which elements it covers WITH GROUNDED content (a
 * `finding` sentence with evidence tagged with that element), which it leaves for the clinician
 * (`clinician_to_complete` placeholders: not counted as covered), and a faithfulness check
 * (findings without evidence; observation words no transcript can support).
 *
 * Run alone: `npx tsx eval/note-coverage.ts [--format soap]` prints coverage for the AnnoMI
 * development conversations and the six shared sessions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, parseTranscript, writeNote, type NoteFormat } from '../src/core/index.js';
import { NOTE_ELEMENTS } from '../src/core/notes/elements.js';
import { noteCoverage } from '../src/core/notes/coverage.js';
import { annomiTranscripts, ANNOMI_DEV_CSV } from './annomi-transcripts.js';

export { NOTE_ELEMENTS, noteCoverage };

export interface CoverageResult {
  perElement: {
    id: string;
    section: string;
    description: string;
    covered: number;
    leftForClinician: number;
    total: number;
  }[];
  /** Mean fraction of the 23 elements covered per note. */
  meanCoverage: number;
  /** Mean fraction covered or left for the clinician. */
  meanAddressed: number;
  notes: number;
  ungrounded: number;
  observationClaims: number;
}

export interface CoverageInput {
  id: string;
  text: string;
}

/** Coverage over transcripts: each is parsed, analysed and written as a note (SOAP by default). */
export function evaluateNoteCoverage(
  transcripts: Iterable<CoverageInput>,
  format: NoteFormat = 'soap',
): CoverageResult {
  const covered = new Map<string, number>();
  const left = new Map<string, number>();
  let notes = 0;
  let sum = 0;
  let sumAddressed = 0;
  let ungrounded = 0;
  let observationClaims = 0;
  for (const t of transcripts) {
    const note = writeNote(analyze(parseTranscript(t.text)), { format });
    const c = noteCoverage(note);
    notes++;
    sum += c.covered.length / NOTE_ELEMENTS.length;
    sumAddressed += (c.covered.length + c.leftForClinician.length) / NOTE_ELEMENTS.length;
    ungrounded += c.ungrounded;
    observationClaims += c.observationClaims.length;
    for (const id of c.covered) covered.set(id, (covered.get(id) ?? 0) + 1);
    for (const id of c.leftForClinician) left.set(id, (left.get(id) ?? 0) + 1);
  }
  return {
    perElement: NOTE_ELEMENTS.map((e) => ({
      id: e.id,
      section: e.section,
      description: e.description,
      covered: covered.get(e.id) ?? 0,
      leftForClinician: left.get(e.id) ?? 0,
      total: notes,
    })),
    meanCoverage: notes > 0 ? sum / notes : 0,
    meanAddressed: notes > 0 ? sumAddressed / notes : 0,
    notes,
    ungrounded,
    observationClaims,
  };
}

/* ---------------------------------------------------------------- command line */

const HERE = dirname(fileURLToPath(import.meta.url));
const SESSIONS_DIR =
  process.env.DOCSCRIB_SESSIONS_DIR ?? resolve(HERE, '../../shared/corpus/sessions');

export function sessionTranscripts(dir = SESSIONS_DIR): CoverageInput[] {
  return readdirSync(dir)
    .filter((f) => /^s\d+\.txt$/.test(f))
    .sort()
    .map((f) => ({ id: f, text: readFileSync(join(dir, f), 'utf8') }));
}

function pct(x: number): string {
  return `${(100 * x).toFixed(0)}%`;
}

function print(name: string, r: CoverageResult): void {
  const out = [
    `\n${name}: ${r.notes} notes · mean coverage ${pct(r.meanCoverage)} (covered or left for the clinician ${pct(r.meanAddressed)}) · ungrounded findings ${r.ungrounded} · observation claims ${r.observationClaims}`,
    '',
    '| Element | Section | Covered | Left for clinician |',
    '|---|---|---|---|',
    ...r.perElement.map(
      (e) =>
        `| ${e.id} | ${e.section} | ${e.covered}/${e.total} (${pct(e.total ? e.covered / e.total : 0)}) | ${e.leftForClinician} |`,
    ),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--format');
  const format = (i > 0 ? process.argv[i + 1] : 'soap') as NoteFormat;
  print(
    `AnnoMI development (${ANNOMI_DEV_CSV})`,
    evaluateNoteCoverage(annomiTranscripts(), format),
  );
  print(`Shared sessions (${SESSIONS_DIR})`, evaluateNoteCoverage(sessionTranscripts(), format));
}
