import type { Command } from 'commander';
import {
  CONCERNS,
  INTERVENTIONS,
  getConcern,
  getIntervention,
  type Concern,
  type Intervention,
} from '../../core/index.js';
import { ExitCode, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { json, table } from '../output.js';
import type { GlobalOptions } from './shared.js';

interface InterventionsOptions extends GlobalOptions {
  concern?: string;
  json?: boolean;
}

export function registerInterventions(
  program: Command,
  io: Io,
  done: (code: ExitCode) => void,
): void {
  program
    .command('interventions')
    .summary('list the intervention catalogue, or the ones recommended for a concern')
    .description(
      'Without --concern: every intervention (id, name, modality, consent expected).\n' +
        'With --concern: the recommended interventions, with use cases and sources.',
    )
    .option('-c, --concern <id>', `a concern id (${CONCERNS.map((c) => c.id).join(', ')})`)
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib interventions
  $ docscrib interventions --concern depression
  $ docscrib interventions --json`,
    )
    .action((_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<InterventionsOptions>();
      io.out(opts.concern === undefined ? catalogue(opts.json === true) : forConcern(opts));
      done(ExitCode.ok);
    });
}

function catalogue(asJson: boolean): string {
  if (asJson) return json(INTERVENTIONS.map(summary));
  return table(
    ['id', 'name', 'modality', 'consent'],
    INTERVENTIONS.map((i) => [i.id, i.name, i.modality, i.consentExpected ? 'expected' : '-']),
  );
}

function forConcern(opts: InterventionsOptions): string {
  const concern = findConcern(opts.concern ?? '');
  const entries = concern.interventions.map((id) => ({ id, intervention: getIntervention(id) }));
  if (opts.json) {
    return json({
      concern: { id: concern.id, name: concern.name, sources: concern.sources },
      interventions: entries.map((e) => (e.intervention ? summary(e.intervention) : { id: e.id })),
    });
  }
  const lines = [
    `${concern.name} (${concern.id}): recommended interventions, most specific first`,
    '',
  ];
  for (const { id, intervention: i } of entries) {
    if (!i) {
      lines.push(`- ${id}`, '');
      continue;
    }
    lines.push(`- ${i.name} (${i.id}), ${i.modality}`);
    if (i.useCases.length > 0) lines.push(`  use cases: ${i.useCases.join('; ')}`);
    lines.push(`  informed consent: ${i.consentExpected ? 'expected before delivery' : 'routine'}`);
    for (const s of i.sources) lines.push(`  source: ${s.title}. ${s.citation}`);
    lines.push('');
  }
  lines.push('Concern mapping source:');
  for (const s of concern.sources) lines.push(`  ${s.title}. ${s.citation}`);
  return lines.join('\n') + '\n';
}

function findConcern(query: string): Concern {
  const key = query
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const concern =
    getConcern(key) ?? CONCERNS.find((c) => c.name.toLowerCase().replace(/[\s-]+/g, '_') === key);
  if (concern) return concern;
  throw usageError(
    `Unknown concern "${query}".`,
    `Valid concern ids: ${CONCERNS.map((c) => c.id).join(', ')}.`,
  );
}

function summary(i: Intervention): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    modality: i.modality,
    consentExpected: i.consentExpected,
    useCases: i.useCases,
    concerns: i.concerns,
    sources: i.sources,
  };
}
