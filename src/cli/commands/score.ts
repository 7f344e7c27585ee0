/**
 * `docscrib score <instrument> <answers…>`: scores one administration of an outcome measure
 * (PHQ-9, GAD-7, PCL-5) or the client feedback form: total, band, caseness, item alerts (PHQ-9
 * item 9), process prompts, missing answers and the rule applied. `docscrib score --list` lists
 * the instruments. Answers come as separate numbers or one comma list; `-` or an empty entry is
 * an unanswered item. Wrong input exits 2 with a message naming the instrument and item, never
 * the client's answers.
 */
import type { Command } from 'commander';
import {
  INSTRUMENTS,
  INSTRUMENT_IDS,
  getInstrument,
  isDocscribError,
  scoreWith,
  type Instrument,
  type ScoreResult,
} from '../../core/index.js';
import { ExitCode, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { json, table } from '../output.js';
import type { GlobalOptions } from './shared.js';

interface ScoreOptions extends GlobalOptions {
  json?: boolean;
  list?: boolean;
}

export function registerScore(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('score')
    .summary('score a PHQ-9, GAD-7, PCL-5 or client feedback form from its answers')
    .description(
      'Scores one administration: total, severity band, caseness (at or above the clinical\n' +
        'cut-off), item alerts (PHQ-9 item 9 above 0) and missing answers.\n' +
        'Answers in item order, as separate numbers or one comma list; "-" or an empty entry\n' +
        '(e.g. "1,,2") is an unanswered item. The published missing-answer rule applies.\n' +
        `Instruments: ${INSTRUMENT_IDS.join(', ')} (--list shows their items and scales).`,
    )
    .argument('[instrument]', `instrument id (${INSTRUMENT_IDS.join(', ')})`)
    .argument('[answers...]', 'one answer per item, in order')
    .option('--list', 'list the instruments (items, answer scale, cut-off, licence)')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib score phq9 1 2 1 3 0 2 1 0 0
  $ docscrib score gad7 3,2,2,1,0,1,3 --json
  $ docscrib score pcl5 2 2 2 - 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2
  $ docscrib score feedback 4 3 1 4
  $ docscrib score --list`,
    )
    .action((instrument: string | undefined, answers: string[], _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ScoreOptions>();
      if (opts.list === true) {
        io.out(opts.json === true ? json(INSTRUMENT_IDS.map((id) => INSTRUMENTS[id])) : list());
        done(ExitCode.ok);
        return;
      }
      const inst = instrumentArg(instrument);
      const result = asUsage(() => scoreWith(inst, parseAnswers(inst, answers)));
      io.out(opts.json === true ? json(result) : human(inst, result));
      done(ExitCode.ok);
    });
}

/** The instrument named on the command line, or a usage error listing the valid ids. */
export function instrumentArg(id: string | undefined): Instrument {
  if (id === undefined || id.trim() === '') {
    throw usageError(
      'No instrument given.',
      `Name one: ${INSTRUMENT_IDS.join(', ')} (docscrib score --list shows them).`,
    );
  }
  try {
    return getInstrument(id.trim().toLowerCase().replace(/-/g, ''));
  } catch {
    throw usageError(
      `Unknown instrument "${id}".`,
      `Valid instruments: ${INSTRUMENT_IDS.join(', ')} (docscrib score --list shows them).`,
    );
  }
}

/** Core input errors (answers outside the scale, wrong count) are usage errors on the CLI. */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isDocscribError(e) && e.code !== 'usage') throw usageError(e.message, e.hint);
    throw e;
  }
}

/** Answers in item order: numbers, `-`/empty = unanswered; separate words or comma lists. */
function parseAnswers(inst: Instrument, words: readonly string[]): (number | null)[] {
  const n = inst.items.length;
  const scale = scaleText(inst);
  const tokens = words.flatMap((w) => w.split(',')).map((t) => t.trim());
  if (words.length === 0 || tokens.length !== n) {
    throw usageError(
      `${inst.shortName} needs ${n} answers; ${words.length === 0 ? 0 : tokens.length} were given.`,
      `Give ${n} answers in item order (${scale}; "-" for an unanswered item), e.g. docscrib score ${inst.id} ${new Array<string>(n).fill('0').join(' ')}`,
    );
  }
  return tokens.map((t, i) => {
    if (t === '' || t === '-') return null;
    const item = inst.items[i];
    if (!/^\d+$/.test(t)) {
      throw usageError(
        `${inst.shortName} item ${i + 1} (${item?.id ?? ''}) is not a whole number.`,
        `Answers for ${inst.shortName} are ${scale}, or "-" when unanswered.`,
      );
    }
    const value = Number(t);
    if (!inst.answerOptions.some((o) => o.value === value)) {
      throw usageError(
        `${inst.shortName} item ${i + 1} (${item?.id ?? ''}) is outside the answer scale ${scaleRange(inst)}.`,
        `Answers for ${inst.shortName} are ${scale}: ${inst.answerOptions.map((o) => `${o.value} = ${o.label}`).join(', ')}; "-" when unanswered.`,
      );
    }
    return value;
  });
}

function scaleRange(inst: Instrument): string {
  const values = inst.answerOptions.map((o) => o.value);
  return `${Math.min(...values)}–${Math.max(...values)}`;
}

function scaleText(inst: Instrument): string {
  return `whole numbers ${scaleRange(inst)}`;
}

function list(): string {
  const rows = INSTRUMENT_IDS.map((id) => {
    const i = INSTRUMENTS[id];
    return [
      i.id,
      i.shortName,
      i.kind,
      String(i.items.length),
      `${i.scoreRange.min}–${i.scoreRange.max}`,
      i.answerOptions.map((o) => `${o.value} ${o.label}`).join(' / '),
      i.cutoff === null ? '-' : `≥ ${i.cutoff.score}`,
    ];
  });
  const lines = [
    table(['id', 'name', 'kind', 'items', 'range', 'answers', 'cut-off'], rows).trimEnd(),
    '',
  ];
  for (const id of INSTRUMENT_IDS) {
    const i = INSTRUMENTS[id];
    lines.push(`${i.shortName} (${i.id}): ${i.name}`, `  licence: ${i.licence}`);
    lines.push(`  source: ${i.source.citation}`);
  }
  return lines.join('\n') + '\n';
}

function human(inst: Instrument, r: ScoreResult): string {
  const lines: string[] = [];
  for (const a of r.alerts) lines.push(`ALERT (${a.itemId}, answered ${a.value}): ${a.message}`);
  if (r.alerts.length > 0) lines.push('');
  lines.push(`${inst.shortName} (${inst.name})`);
  if (r.total === null) {
    lines.push(`total: not scored. ${r.reason ?? ''}`.trimEnd());
    lines.push(`rule: ${inst.missingRule.note}`);
  } else {
    lines.push(
      `total: ${r.total} of ${inst.scoreRange.max}${r.prorated ? ` (prorated from ${r.answered} answered items)` : ''}`,
    );
    if (inst.kind === 'symptom') {
      const band = r.band;
      lines.push(
        band === null ? 'band: -' : `band: ${band.label} (${band.min}–${band.max})`,
        `caseness: ${r.caseness === true ? 'yes, at or above' : 'no, below'} the cut-off of ${inst.cutoff.score}`,
        `  cut-off source: ${inst.cutoff.source.citation}`,
        `  bands source: ${inst.bandsSource.citation}`,
      );
    } else {
      lines.push('band: none (a client feedback form, not a symptom measure: no bands or cut-off)');
    }
  }
  lines.push(`answered: ${r.answered} of ${r.answered + r.missing}`);
  if (r.alerts.length === 0 && inst.itemAlerts.length > 0) lines.push('item alerts: none');
  for (const p of r.prompts) {
    lines.push(`PROCESS PROMPT (${p.itemIds.join(', ')}): ${p.message}`);
  }
  return lines.join('\n') + '\n';
}
