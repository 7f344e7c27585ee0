import {
  analyze,
  reviewNote,
  writeNote,
  type Analysis,
  type Finding,
  type Note,
  type NoteFormat,
  type TreatmentPlan,
  type Transcript,
} from '../core/index.js';
import { assertReadableFiles } from '../adapters/files.js';
import { readPlanFile } from '../adapters/plan-file.js';
import { readPreviousNotes } from '../adapters/previous-notes.js';
import type { Io } from './io.js';
import type { InputOptions } from './options.js';
import { readTranscriptFile } from '../adapters/transcript-file.js';

/** What every file of a run shares: the plan and the client's earlier notes, read once. */
export interface RunContext {
  plan?: TreatmentPlan;
  previousNotes?: string[];
}

export async function loadRunContext(
  opts: InputOptions & { previous?: string },
  io: Io,
  quiet: boolean,
): Promise<RunContext> {
  const ctx: RunContext = {};
  if (opts.plan !== undefined) {
    await assertReadableFiles([opts.plan], 'plan');
    ctx.plan = await readPlanFile(opts.plan);
  }
  if (opts.previous !== undefined) {
    const previous = await readPreviousNotes(opts.previous);
    ctx.previousNotes = previous.texts;
    if (!quiet) {
      for (const s of previous.skipped)
        io.err(`docscrib: warning: skipped ${s.file}: ${s.reason}\n`);
    }
  }
  return ctx;
}

export interface Analyzed {
  fileName: string;
  transcript: Transcript;
  analysis: Analysis;
}

/** transcript file → analysis. Parse warnings (line numbers, never content) go to stderr. */
export async function analyzeFile(
  file: string,
  opts: InputOptions,
  ctx: RunContext,
  io: Io,
  quiet: boolean,
): Promise<Analyzed> {
  const { transcript, fileName } = await readTranscriptFile(file, {
    ...(opts.inputFormat ? { format: opts.inputFormat } : {}),
    ...(opts.roles ? { roles: opts.roles } : {}),
  });
  return analyzeTranscript(file, fileName, transcript, ctx, io, quiet);
}

/** A parsed transcript (from a file, or from speech) → analysis; warnings to stderr. */
export function analyzeTranscript(
  file: string,
  fileName: string,
  transcript: Transcript,
  ctx: RunContext,
  io: Io,
  quiet: boolean,
): Analyzed {
  if (!quiet) {
    for (const w of transcript.warnings) {
      io.err(`docscrib: warning: ${file}${w.line ? `:${w.line}` : ''}: ${w.message}\n`);
    }
  }
  const analysis = analyze(transcript, {
    ...(ctx.plan ? { plan: ctx.plan } : {}),
    ...(ctx.previousNotes ? { previousNotes: ctx.previousNotes } : {}),
  });
  return { fileName, transcript, analysis };
}

export interface Written {
  note: Note;
  review: Finding[];
}

export function writeAndReview(analysis: Analysis, format: NoteFormat, ctx: RunContext): Written {
  const note = writeNote(analysis, { format, ...(ctx.plan ? { plan: ctx.plan } : {}) });
  const review = reviewNote({
    note,
    analysis,
    ...(ctx.previousNotes ? { previousNotes: ctx.previousNotes } : {}),
  });
  return { note, review };
}
