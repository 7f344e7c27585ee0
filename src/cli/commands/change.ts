/**
 * `docscrib change <instrument> <before> <after>`: change between two totals of a symptom measure
 * — reliable change (the fixed points of a service convention where one exists, else the
 * Jacobson–Truax RCI; the RCI is also reported whenever the instrument has a sourced SD), reliable
 * improvement / deterioration, clinically significant improvement, NHS Talking Therapies recovery
 * and reliable recovery — with the constants and their sources. The client feedback form has no
 * change statistics (exit 2, naming the ones that do).
 */
import type { Command } from 'commander';
import {
  RCI_CRITICAL_VALUE,
  SYMPTOM_INSTRUMENT_IDS,
  changeClause,
  getSymptomInstrument,
  instrumentChange,
  type InstrumentChange,
  type SymptomInstrument,
} from '../../core/index.js';
import { ExitCode, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { json } from '../output.js';
import { asUsage, instrumentArg } from './score.js';
import type { GlobalOptions } from './shared.js';

interface ChangeOptions extends GlobalOptions {
  json?: boolean;
}

export function registerChange(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('change')
    .summary('reliable and clinically significant change between two scores')
    .description(
      'Change from <before> to <after> on a symptom measure: reliable improvement or\n' +
        'deterioration, clinically significant improvement, recovery and reliable recovery, with\n' +
        'the constants and sources. The constants, from the instrument data:\n' +
        constantsHelp(),
    )
    .argument('<instrument>', `instrument id (${SYMPTOM_INSTRUMENT_IDS.join(', ')})`)
    .argument('<before>', 'the earlier total (e.g. the baseline)')
    .argument('<after>', 'the later total')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib change phq9 18 9
  $ docscrib change gad7 12 10 --json`,
    )
    .action((instrument: string, before: string, after: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ChangeOptions>();
      const inst = symptomArg(instrument);
      const b = totalArg(inst, before, 'before');
      const a = totalArg(inst, after, 'after');
      const c = asUsage(() => instrumentChange(inst, b, a));
      if (c === null) {
        throw usageError(
          `${inst.shortName} has no sourced reliable-change constants (no SD, no fixed points).`,
          'Change statistics need a cited constant; see the instrument data in src/core/measures.',
        );
      }
      io.out(opts.json === true ? json(toJson(c)) : human(inst, c));
      done(ExitCode.ok);
    });
}

/**
 * One line per symptom instrument, from the instrument data (never a copy of its numbers):
 * "  phq9  PHQ-9: reliable change 6 points (NHS Talking Therapies), Jacobson–Truax RCI too;
 * caseness cut-off 10".
 */
function constantsHelp(): string {
  return SYMPTOM_INSTRUMENT_IDS.map((id) => {
    const inst = getSymptomInstrument(id);
    const fixed = inst.change.reliableChangePoints;
    const reliable =
      fixed !== null
        ? `reliable change ${fixed.points} points (${fixed.label})${inst.change.sd !== null ? ', Jacobson–Truax RCI too' : ''}`
        : inst.change.sd !== null
          ? 'reliable change by the Jacobson–Truax RCI'
          : 'no sourced reliable-change constant';
    return `  ${id}  ${inst.shortName}: ${reliable}; caseness cut-off ${inst.cutoff.score}`;
  }).join('\n');
}

function symptomArg(id: string): SymptomInstrument {
  const inst = instrumentArg(id);
  return asUsage(() => getSymptomInstrument(inst.id));
}

function totalArg(inst: SymptomInstrument, value: string, field: 'before' | 'after'): number {
  const { min, max } = inst.scoreRange;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw usageError(
      `The ${field} ${inst.shortName} total must be a whole number from ${min} to ${max}.`,
      `Give two totals, e.g. docscrib change ${inst.id} ${Math.min(max, 18)} ${Math.min(max, 9)}`,
    );
  }
  return n;
}

function toJson(c: InstrumentChange): Record<string, unknown> {
  const r = c.clinical.reliable;
  return {
    instrument: c.instrument,
    before: c.before,
    after: c.after,
    change: c.difference,
    rci: r.rci,
    standardError: r.standardError,
    sDiff: r.sDiff,
    method: c.constants.method,
    reliableChangeThreshold: r.reliableChangeThreshold,
    category: c.category,
    reliableImprovement: c.clinical.reliableImprovement,
    reliableDeterioration: c.clinical.reliableDeterioration,
    cutoff: c.clinical.cutoff,
    caseAtBaseline: c.clinical.caseAtBaseline,
    caseAtEnd: c.clinical.caseAtEnd,
    clinicallySignificantImprovement: c.clinical.clinicallySignificantImprovement,
    recovery: c.recovery,
    reliableRecovery: c.reliableRecovery,
    statement: changeClause(c),
    constants: c.constants,
  };
}

const yes = (b: boolean): string => (b ? 'yes' : 'no');

function human(inst: SymptomInstrument, c: InstrumentChange): string {
  const r = c.clinical.reliable;
  const k = c.constants;
  const lines = [`${inst.shortName}: ${c.before} → ${c.after} (${changeClause(c)})`, ''];
  if (k.method === 'fixed-points' && k.reliableChangePoints !== null) {
    lines.push(
      `reliable change: a change of at least ${k.reliableChangePoints.points} points (fixed points, ${k.reliableChangePoints.label})`,
      `  source: ${k.reliableChangePoints.source.citation}`,
    );
    if (r.rci !== null && r.sDiff !== null && k.sd !== null && k.reliability !== null) {
      // Reported alongside; the fixed points above decide.
      lines.push(
        `RCI: ${r.rci.toFixed(2)} (Jacobson–Truax, reported alongside; |RCI| > ${RCI_CRITICAL_VALUE} needs |change| > ${(RCI_CRITICAL_VALUE * r.sDiff).toFixed(2)} points; SE ${r.standardError?.toFixed(3) ?? '-'}, S_diff ${r.sDiff.toFixed(3)})`,
        `  SD ${k.sd.value} (${k.sd.population}); source: ${k.sd.source.citation}`,
        `  reliability ${k.reliability.kind} ${k.reliability.value}; source: ${k.reliability.source.citation}`,
      );
    } else {
      lines.push('RCI: not computed (no reference-sample SD sourced for this instrument)');
    }
  } else if (k.sd !== null && k.reliability !== null) {
    lines.push(
      `reliable change: |change| > ${RCI_CRITICAL_VALUE} × S_diff = ${r.reliableChangeThreshold.toFixed(2)} points (Jacobson–Truax)`,
      `  SD ${k.sd.value} (${k.sd.population}); source: ${k.sd.source.citation}`,
      `  reliability ${k.reliability.kind} ${k.reliability.value}; source: ${k.reliability.source.citation}`,
      `RCI: ${r.rci === null ? '-' : r.rci.toFixed(2)} (SE ${r.standardError?.toFixed(3) ?? '-'}, S_diff ${r.sDiff?.toFixed(3) ?? '-'})`,
    );
  }
  lines.push(
    `reliable improvement: ${yes(c.clinical.reliableImprovement)}`,
    `reliable deterioration: ${yes(c.clinical.reliableDeterioration)}`,
    `caseness cut-off: ≥ ${c.clinical.cutoff} (case before: ${yes(c.clinical.caseAtBaseline)}, after: ${yes(c.clinical.caseAtEnd)})`,
    `  source: ${k.cutoff.source.citation}`,
    `clinically significant improvement (Jacobson–Truax: reliable improvement and leaving the clinical range): ${yes(c.clinical.clinicallySignificantImprovement)}`,
    `recovery (NHS Talking Therapies: a case before, not after): ${c.recovery === null ? 'not applicable (not a case before)' : yes(c.recovery)}`,
    `reliable recovery (recovery and reliable improvement): ${c.reliableRecovery === null ? 'not applicable (not a case before)' : yes(c.reliableRecovery)}`,
  );
  if (inst.change.note !== undefined) lines.push('', `note: ${inst.change.note}`);
  if (k.cutoff.note !== undefined) lines.push(`note: ${k.cutoff.note}`);
  return lines.join('\n') + '\n';
}
