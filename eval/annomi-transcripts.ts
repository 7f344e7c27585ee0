/**
 * AnnoMI development CSV → plain transcripts (`[HH:MM:SS] Therapist|Client: text`), one per
 * transcript_id, for evaluating notes on motivational-interviewing conversations. The CSV is read
 * at evaluation time only: no AnnoMI text is written to the repository. Gold labels are dropped
 * (the engine labels utterances itself).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '../src/core/analysis/model/csv.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ANNOMI_DEV_CSV =
  process.env.DOCSCRIB_ANNOMI_CSV ?? resolve(HERE, '../../shared/corpus/annomi/annomi-dev.csv');

export interface AnnomiTranscript {
  id: string;
  topic: string;
  /** `[HH:MM:SS] Therapist|Client: text` lines joined by newlines. */
  text: string;
  turns: number;
}

function clock(ts: string): string {
  const parts = ts.trim().split(':');
  if (parts.length === 3) return parts.map((p) => p.padStart(2, '0')).join(':');
  if (parts.length === 2) return ['00', ...parts.map((p) => p.padStart(2, '0'))].join(':');
  return '00:00:00';
}

/** Transcripts from CSV text, in the file's order of transcript ids. */
export function annomiTranscriptsFromCsv(csv: string): AnnomiTranscript[] {
  const byId = new Map<string, { topic: string; lines: string[] }>();
  for (const r of parseCsvRecords(csv)) {
    const id = r.transcript_id ?? '';
    const text = (r.utterance_text ?? '').replace(/\s+/g, ' ').trim();
    if (id === '' || text === '') continue;
    const who = r.interlocutor === 'therapist' ? 'Therapist' : 'Client';
    let t = byId.get(id);
    if (!t) {
      t = { topic: r.topic ?? '', lines: [] };
      byId.set(id, t);
    }
    t.lines.push(`[${clock(r.timestamp ?? '')}] ${who}: ${text}`);
  }
  return [...byId].map(([id, t]) => ({
    id,
    topic: t.topic,
    text: `${t.lines.join('\n')}\n`,
    turns: t.lines.length,
  }));
}

/** Transcripts from the AnnoMI development file (default path, or `csvPath`). */
export function* annomiTranscripts(csvPath = ANNOMI_DEV_CSV): Generator<AnnomiTranscript> {
  yield* annomiTranscriptsFromCsv(readFileSync(csvPath, 'utf8'));
}
