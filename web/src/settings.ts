/**
 * Practice settings in the web app: the form's draft ↔ the API body, the API's `issues` as
 * messages per field, and the practice's name shown in the header (a tiny store the settings
 * screen updates after saving). Pure apart from the store's listeners.
 */
import type { ApiIssue } from './api';
import type { PracticeSettings } from './types';

export type SettingsField =
  'practiceName' | 'address' | 'phone' | 'npi' | 'timezone' | 'requireCosignForSupervisees';

const FIELDS: readonly SettingsField[] = [
  'practiceName',
  'address',
  'phone',
  'npi',
  'timezone',
  'requireCosignForSupervisees',
];

export interface SettingsDraft {
  practiceName: string;
  /** The speech engine settings, carried through unchanged by this form (a PUT replaces all). */
  speech: PracticeSettings['speech'];
  address: string;
  phone: string;
  npi: string;
  timezone: string;
  requireCosignForSupervisees: boolean;
}

export function toSettingsDraft(s: PracticeSettings): SettingsDraft {
  return {
    practiceName: s.practiceName,
    speech: s.speech,
    address: s.address ?? '',
    phone: s.phone ?? '',
    npi: s.npi ?? '',
    timezone: s.timezone,
    requireCosignForSupervisees: s.requireCosignForSupervisees,
  };
}

/**
 * The `PUT /api/settings` body: texts trimmed, empty optional fields left out (the server then
 * clears them), the NPI without spaces or dashes. The server checks the values.
 */
export function toSettingsBody(d: SettingsDraft): PracticeSettings {
  const body: PracticeSettings = {
    practiceName: d.practiceName.trim(),
    timezone: d.timezone.trim(),
    requireCosignForSupervisees: d.requireCosignForSupervisees,
    speech: d.speech,
  };
  const address = d.address
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
  if (address !== '') body.address = address;
  if (d.phone.trim() !== '') body.phone = d.phone.trim();
  const npi = d.npi.replace(/[\s-]/g, '');
  if (npi !== '') body.npi = npi;
  return body;
}

/**
 * The API's issues (`body.npi: is not a valid NPI…`) as one message per form field, and the ones
 * that belong to no field (e.g. an unknown field) apart.
 */
export function settingsIssues(issues: readonly ApiIssue[]): {
  fields: Partial<Record<SettingsField, string>>;
  other: string[];
} {
  const fields: Partial<Record<SettingsField, string>> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const name = issue.path.replace(/^body\./, '');
    const field = FIELDS.find((f) => f === name);
    if (field === undefined) other.push(issue.message);
    else fields[field] ??= sentence(issue.message);
  }
  return { fields, other };
}

/** `must be 10 digits` → `Must be 10 digits.` */
function sentence(message: string): string {
  const m = message.trim();
  const s = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

// ── The practice's name in the header ────────────────────────────────────────

let practiceName: string | null = null;
const listeners = new Set<(name: string | null) => void>();

export function currentPracticeName(): string | null {
  return practiceName;
}

/** Set the name shown in the header (after loading or saving the settings; null: none). */
export function setPracticeName(name: string | null): void {
  if (name === practiceName) return;
  practiceName = name;
  for (const l of listeners) l(name);
}

export function onPracticeName(listener: (name: string | null) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
