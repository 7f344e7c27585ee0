import type { Command } from 'commander';
import {
  InputFormatSchema,
  NoteFormatSchema,
  RISK_KINDS,
  writeNote,
  type Analysis,
  type InputFormat,
  type NoteFormat,
} from '../../core/index.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { json } from '../output.js';
import type { GlobalOptions } from './shared.js';

interface FormatsOptions extends GlobalOptions {
  json?: boolean;
}

const INPUT_EXAMPLES: Record<InputFormat, { description: string; example: string }> = {
  lines: {
    description: 'one turn per line; timestamp [HH:MM:SS], HH:MM:SS, [MM:SS] or none',
    example: '[00:01:05] Therapist: How did the week go?',
  },
  vtt: {
    description: 'WebVTT captions, speakers as <v Name> voices',
    example: 'WEBVTT\n\n00:01:05.000 --> 00:01:08.000\n<v Therapist>How did the week go?',
  },
  srt: {
    description: 'SubRip captions, speakers as a "Name:" prefix',
    example: '1\n00:01:05,000 --> 00:01:08,000\nTherapist: How did the week go?',
  },
  json: {
    description:
      'an array of {speaker, start, end, text} (seconds), or Whisper-style {segments: […]}',
    example: '[{"speaker": "Therapist", "start": 65, "end": 68, "text": "How did the week go?"}]',
  },
};

/** Used only if the note writer yields no sections for an empty session. */
const STANDARD_SECTIONS: Record<NoteFormat, string[]> = {
  soap: ['Subjective', 'Objective', 'Assessment', 'Plan'],
  dap: ['Data', 'Assessment', 'Plan'],
  birp: ['Behavior', 'Intervention', 'Response', 'Plan'],
  pirp: ['Problem', 'Intervention', 'Response', 'Plan'],
  girp: ['Goals', 'Intervention', 'Response', 'Plan'],
};

export function registerFormats(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('formats')
    .summary('list note formats and their sections, and the transcript formats read')
    .option('--json', 'JSON output')
    .addHelpText('after', '\nExamples:\n  $ docscrib formats\n  $ docscrib formats --json')
    .action((_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<FormatsOptions>();
      const notes = NoteFormatSchema.options.map((id) => ({ id, sections: sectionsOf(id) }));
      const inputs = InputFormatSchema.options.map((id) => ({ id, ...INPUT_EXAMPLES[id] }));
      io.out(opts.json ? json({ noteFormats: notes, inputFormats: inputs }) : text(notes, inputs));
      done(ExitCode.ok);
    });
}

function text(
  notes: { id: string; sections: string[] }[],
  inputs: { id: string; description: string; example: string }[],
): string {
  const lines = ['Note formats (--format):'];
  for (const n of notes) lines.push(`  ${n.id.padEnd(5)} ${n.sections.join(', ')}`);
  lines.push('', 'Transcript formats (--input-format; detected when not given):');
  for (const f of inputs) {
    lines.push(`  ${f.id.padEnd(5)} ${f.description}`);
    for (const l of f.example.split('\n')) lines.push(`          ${l}`);
  }
  return lines.join('\n') + '\n';
}

/** The section headings the note writer produces for a format, taken from the writer itself. */
function sectionsOf(format: NoteFormat): string[] {
  try {
    const headings = writeNote(EMPTY_ANALYSIS, { format }).sections.map((s) => s.heading);
    if (headings.length > 0) return headings;
  } catch {
    // fall through to the standard headings
  }
  return STANDARD_SECTIONS[format];
}

const EMPTY_ANALYSIS: Analysis = {
  schemaVersion: 1,
  session: { start: null, end: null, durationMinutes: null, cpt: null },
  speakers: [],
  utterances: [],
  interventions: [],
  mentionedNotDelivered: [],
  indicators: [],
  risk: RISK_KINDS.map((kind) => ({ kind, status: 'not_assessed' as const, evidence: [] })),
  homework: { reviewed: false, reviewedEvidence: [], assigned: [] },
  consent: [],
  goals: [],
};
