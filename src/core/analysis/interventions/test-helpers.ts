import { buildContext, type AnalysisContext } from '../context.js';
import type { Role, Transcript } from '../../transcript/schema.js';

/** A session from [speaker, text] lines; speakers T / C / P map to clinician / client / other. */
export function session(lines: readonly (readonly [string, string])[]): AnalysisContext {
  const roleOf = (s: string): Role => (s === 'T' ? 'clinician' : s === 'C' ? 'client' : 'other');
  const label = (s: string): string => (s === 'T' ? 'Therapist' : s === 'C' ? 'Client' : 'Parent');
  const turns = lines.map(([s, text], i) => ({
    id: `u${i + 1}`,
    speaker: label(s),
    role: roleOf(s),
    start: i * 20,
    end: null,
    text,
  }));
  const transcript: Transcript = {
    format: 'lines',
    speakers: [...new Set(lines.map(([s]) => s))].map((s) => ({
      label: label(s),
      role: roleOf(s),
      roleSource: 'label' as const,
    })),
    turns,
    warnings: [],
  };
  return buildContext(transcript);
}
