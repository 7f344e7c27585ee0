import { NOTE_LABELS } from '../knowledge/note-labels.generated.js';

/**
 * How a note names an intervention. Small on purpose: the labels come from a generated map
 * (not the knowledge base), so the web app can import it.
 */

const MODALITY_NAMES: Readonly<Record<string, string>> = {
  cbt: 'CBT',
  mbct: 'MBCT',
  act: 'ACT',
  dbt: 'DBT',
  exposure: 'Exposure',
  tfcbt: 'TF-CBT',
  trauma: 'Trauma-focused',
  ipt: 'IPT',
  psychodynamic: 'Psychodynamic',
  humanistic: 'Humanistic',
  expressive: 'Expressive therapy',
  psychoed: 'Psychoeducation',
  skills: 'Skills',
  safety: 'Safety',
  mi: 'Motivational interviewing',
  systemic: 'Systemic',
  tech: 'Technology-assisted',
  homework: 'Homework',
};

/** `cognitive_restructuring` → `cognitive restructuring`. */
export function humanize(word: string): string {
  return word.replace(/_/g, ' ').trim();
}

/** The catalogue's noteLabel, else a readable form of the id (`CBT: thought records`). */
export function interventionLabel(id: string): string {
  const known = NOTE_LABELS.get(id);
  if (known !== undefined) return known;
  const [modality = '', name = ''] = id.split('.', 2);
  const mod = MODALITY_NAMES[modality];
  if (!name) return humanize(id) || id;
  return mod ? `${mod}: ${humanize(name)}` : `${humanize(modality)}: ${humanize(name)}`;
}
