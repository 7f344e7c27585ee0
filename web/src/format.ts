/** Small formatting helpers for what the screens show. Pure. */
import { noteHeaderTimes } from '../../src/core/notes/header.js';
import type {
  Note,
  NoteFormat,
  NoteSentence,
  NoteSummary,
  Role,
  SessionDetails,
  Severity,
  TranscriptInputFormat,
} from './types';

/** Seconds from the start of the session as `m:ss` or `h:mm:ss`. */
export function clock(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The note header's times and minutes as the editor shows them, in the core's wording (the same
 * as the PDF and the text): `10:02–10:55 (session times)` (for notes written before the header
 * carried them, the session's own) or `00:00:05–00:50:18 (transcript times)`; minutes not taken
 * from the entered times say `(from the transcript)`.
 */
export function noteTimes(
  header: Note['header'],
  details: Pick<SessionDetails, 'startTime' | 'endTime'>,
): { times: string; duration: string } {
  const t = noteHeaderTimes(header, details);
  return { times: upperFirst(t.label), duration: t.duration ?? 'Duration unknown' };
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type NoteStatusKey = 'draft' | 'signed' | 'awaiting_cosign' | 'cosigned';

export const NOTE_STATUS_LABELS: Record<NoteStatusKey, string> = {
  draft: 'Draft',
  signed: 'Signed',
  awaiting_cosign: 'Awaiting co-sign',
  cosigned: 'Co-signed',
};

/** Where a note is in its life: draft → signed (→ awaiting co-sign → co-signed). */
export function noteStatus(
  n: Pick<NoteSummary, 'status' | 'cosignRequired' | 'cosignedAt'>,
): NoteStatusKey {
  if (n.status === 'draft') return 'draft';
  if (n.cosignedAt !== null) return 'cosigned';
  return n.cosignRequired ? 'awaiting_cosign' : 'signed';
}

export const FORMAT_LABELS: Record<NoteFormat, string> = {
  soap: 'SOAP',
  dap: 'DAP',
  birp: 'BIRP',
  pirp: 'PIRP',
  girp: 'GIRP',
};

/** The roles, in the order the forms offer them. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  clinician: 'Clinician',
  supervisor: 'Supervisor',
  admin: 'Administrator',
};

/** Service types, in the order the new-session form offers them. */
export const SERVICE_TYPE_LABELS: Readonly<Record<SessionDetails['serviceType'], string>> = {
  individual: 'Individual',
  couples: 'Couples',
  family: 'Family',
  group: 'Group',
  intake: 'Intake',
  crisis: 'Crisis',
};

export const LOCATION_LABELS: Readonly<Record<SessionDetails['location'], string>> = {
  office: 'Office',
  telehealth: 'Telehealth',
  home: 'Home',
  other: 'Other',
};

export const TRANSCRIPT_FORMAT_LABELS: Readonly<Record<TranscriptInputFormat, string>> = {
  auto: 'Detect automatically',
  lines: 'Speaker lines',
  vtt: 'WebVTT',
  srt: 'SRT',
  json: 'JSON segments',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Note',
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function bySeverity<T extends { severity: Severity }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

export const KIND_LABELS: Record<NoteSentence['kind'], string> = {
  finding: 'From the transcript',
  not_assessed: 'Not assessed',
  clinician_to_complete: 'To complete',
  clinician: 'Your entry',
  record: 'From the record',
};

/**
 * How notes name an intervention (the PDF, the text and FHIR say the same): the catalogue's
 * label from a small generated map, so the knowledge base stays out of the bundle.
 */
export { interventionLabel } from '../../src/core/notes/intervention-label.js';

/** An ISO time as the local date and time, e.g. `12 Mar 2025, 14:05`. */
export function dateTime(iso: string | null): string {
  if (iso === null) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A `YYYY-MM-DD` calendar date for people (no time-zone shift). */
export function calendarDate(date: string | null): string {
  if (date === null) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Today as `YYYY-MM-DD` in local time. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Split a comma- or line-separated list, trimmed, without empties or repeats. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const t = part.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

/** `12345678` → a secret grouped in fours for reading aloud or typing. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Text of an uploaded transcript file: UTF-8 (with or without BOM), UTF-16 with a BOM, and
 * Windows-1252 for older exports that are not valid UTF-8.
 */
export function decodeTranscript(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The filename in a `Content-Disposition` header, if it names a safe one. */
export function dispositionFilename(header: string | null): string | undefined {
  if (header === null) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  let name: string | undefined;
  if (star?.[1] !== undefined) {
    try {
      name = decodeURIComponent(star[1]);
    } catch {
      name = undefined;
    }
  }
  name ??=
    /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
  if (name === undefined) return undefined;
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' || base.startsWith('.') ? undefined : base;
}
