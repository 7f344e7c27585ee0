/**
 * Practice settings in the web app: the form's draft ↔ the API body (including the crisis
 * resources clients see after a risk answer), the API's `issues` as messages per field, and the
 * practice's name shown in the header (a tiny store the settings screen updates after saving).
 * Pure apart from the store's listeners.
 */
import type { ApiIssue } from './api';
import type { PracticeSettings } from './types';

/** A field of the crisis resources: the heading, the note, the lines, or one line's part. */
export type CrisisField =
  | 'crisisResources.heading'
  | 'crisisResources.note'
  | 'crisisResources.lines'
  | `crisisResources.lines.${number}.${'label' | 'contact'}`;

export type SettingsField =
  | 'practiceName'
  | 'address'
  | 'phone'
  | 'npi'
  | 'timezone'
  | 'requireCosignForSupervisees'
  | CrisisField;

const CRISIS_FIELD = /^crisisResources\.(?:heading|note|lines(?:\.\d+\.(?:label|contact))?)$/;

function isCrisisField(name: string): name is CrisisField {
  return CRISIS_FIELD.test(name);
}

const FIELDS: readonly SettingsField[] = [
  'practiceName',
  'address',
  'phone',
  'npi',
  'timezone',
  'requireCosignForSupervisees',
];

/** The crisis resources as the form edits them (a line per crisis service). */
export interface CrisisDraft {
  heading: string;
  lines: { label: string; contact: string }[];
  note: string;
}

/** At most this many crisis lines (the API's limit). */
export const MAX_CRISIS_LINES = 10;

export interface SettingsDraft {
  practiceName: string;
  /** The speech engine settings, carried through unchanged by this form (a PUT replaces all). */
  speech: PracticeSettings['speech'];
  address: string;
  phone: string;
  npi: string;
  timezone: string;
  requireCosignForSupervisees: boolean;
  crisisResources: CrisisDraft;
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
    crisisResources: {
      heading: s.crisisResources.heading,
      lines: s.crisisResources.lines.map((l) => ({ label: l.label, contact: l.contact })),
      note: s.crisisResources.note,
    },
  };
}

/**
 * The `PUT /api/settings` body: texts trimmed, empty optional fields left out (the server then
 * clears them), the NPI without spaces or dashes. Crisis lines are sent as they are (trimmed),
 * blank ones too, so the server's issue for line N is about the form's line N. The server checks
 * the values.
 */
export function toSettingsBody(d: SettingsDraft): PracticeSettings {
  const body: PracticeSettings = {
    practiceName: d.practiceName.trim(),
    timezone: d.timezone.trim(),
    requireCosignForSupervisees: d.requireCosignForSupervisees,
    speech: d.speech,
    crisisResources: {
      heading: d.crisisResources.heading.trim(),
      lines: d.crisisResources.lines.map((l) => ({
        label: l.label.trim(),
        contact: l.contact.trim(),
      })),
      note: d.crisisResources.note.trim(),
    },
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
    // `body.crisisResources.lines[0].contact` and `….lines.0.contact` name the same field.
    const name = issue.path.replace(/^body\./, '').replace(/\[(\d+)\]/g, '.$1');
    const field = isCrisisField(name) ? name : FIELDS.find((f) => f === name);
    if (field === undefined) other.push(issue.message);
    else fields[field] ??= sentence(plain(issue.message));
  }
  return { fields, other };
}

/** zod's default words for an empty required text, in the app's words. */
function plain(message: string): string {
  return /^too small: expected string to have >=1 characters?$/i.test(message.trim())
    ? 'must not be empty'
    : message;
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
