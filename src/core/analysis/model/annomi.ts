import type { MiLabel, TalkLabel } from '../schema.js';
import { parseCsvRecords } from './csv.js';
import type { TextTurn } from './features.js';

/** One AnnoMI utterance: role, words and its gold label (mi for clinicians, talk for clients). */
export interface LabelledTurn extends TextTurn {
  mi?: MiLabel;
  talk?: TalkLabel;
}

/** One AnnoMI transcript, utterances in order. */
export interface Dialogue {
  id: string;
  quality: string;
  turns: LabelledTurn[];
}

const MI = new Set<string>(['question', 'reflection', 'therapist_input', 'other']);
const TALK = new Set<string>(['change', 'sustain', 'neutral']);

/**
 * AnnoMI CSV text (columns transcript_id, interlocutor, utterance_id, utterance_text,
 * main_therapist_behaviour, client_talk_type, …) → dialogues in file order.
 */
export function parseAnnomi(csvText: string): Dialogue[] {
  const byId = new Map<string, Dialogue>();
  const rows = parseCsvRecords(csvText);
  for (const [i, r] of rows.entries()) {
    const id = r.transcript_id ?? '';
    if (id === '') throw new Error(`AnnoMI: row ${i + 2} has no transcript_id`);
    let d = byId.get(id);
    if (!d) {
      d = { id, quality: r.mi_quality ?? '', turns: [] };
      byId.set(id, d);
    }
    const text = r.utterance_text ?? '';
    if (r.interlocutor === 'therapist') {
      const mi = r.main_therapist_behaviour ?? '';
      if (!MI.has(mi)) throw new Error(`AnnoMI: row ${i + 2} has an unknown therapist label`);
      d.turns.push({ role: 'clinician', text, mi: mi as MiLabel });
    } else if (r.interlocutor === 'client') {
      const talk = r.client_talk_type ?? '';
      if (!TALK.has(talk)) throw new Error(`AnnoMI: row ${i + 2} has an unknown client label`);
      d.turns.push({ role: 'client', text, talk: talk as TalkLabel });
    } else {
      throw new Error(`AnnoMI: row ${i + 2} has an unknown interlocutor`);
    }
  }
  return [...byId.values()];
}
