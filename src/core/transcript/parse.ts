import { DocscribError } from '../errors.js';
import type { ParseOptions, Transcript } from './schema.js';

/**
 * STUB (owned by the transcript work): text of a transcript file → turns with speakers, roles and
 * times. Detects the format unless `opts.format` forces one. Throws DocscribError on bad input.
 */
export function parseTranscript(text: string, opts: ParseOptions = {}): Transcript {
  if (text.trim() === '') {
    throw new DocscribError(
      'input.empty',
      'The transcript is empty.',
      'Give a file with at least one turn.',
    );
  }
  const turns = text
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, i }, n) => {
      const m = /^(?:\[(\d+):(\d+):(\d+)\]\s*)?([^:]{1,40}):\s*(.*)$/.exec(line);
      if (!m)
        throw new DocscribError(
          'input.parse',
          `Line ${i + 1} is not a turn.`,
          'Use "Speaker: text".',
          { line: i + 1 },
        );
      const start = m[1] ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
      const speaker = (m[4] ?? '').trim();
      const role = /therapist|counsel|clinician|dr\b/i.test(speaker) ? 'clinician' : 'client';
      return {
        id: `u${n + 1}`,
        speaker,
        role,
        start,
        end: null,
        text: m[5] ?? '',
        line: i + 1,
      } as const;
    });
  const labels = [...new Set(turns.map((t) => t.speaker))];
  return {
    format: opts.format ?? 'lines',
    speakers: labels.map((label) => ({
      label,
      role: turns.find((t) => t.speaker === label)?.role ?? 'client',
      roleSource: 'label' as const,
    })),
    turns: [...turns],
    warnings: [],
  };
}
