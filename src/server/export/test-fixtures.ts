/** Test data for the exporters (test-only, excluded from the build). */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  analyze,
  parseTranscript,
  reviewNote,
  writeNote,
  type Note,
  type NoteFormat,
  type SessionTimes,
} from '../../core/index.js';
import type { Addendum, Client, ProgressNote, Session } from '../domain/schemas.js';
import type { NoteExportInput, PersonRef, PracticeRef } from './input.js';

const root = resolve(import.meta.dirname, '../../..');

export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * A real engine draft written from one of the example transcripts, with the session's entered
 * times when given (as the API writes it) or from the transcript alone.
 */
export function exampleNoteBody(
  format: NoteFormat = 'soap',
  file = 'examples/cbt-thought-record.txt',
  sessionTimes?: SessionTimes,
): { body: Note; review: ReturnType<typeof reviewNote> } {
  const text = readFileSync(resolve(root, file), 'utf8');
  const analysis = analyze(parseTranscript(text));
  const body = writeNote(analysis, { format, ...(sessionTimes ? { sessionTimes } : {}) });
  return { body, review: reviewNote({ note: body, analysis }) };
}

export interface FixtureOptions {
  format?: NoteFormat;
  status?: 'draft' | 'signed';
  cosigned?: boolean;
  addenda?: string[];
  clientName?: string;
  body?: Note;
  /**
   * The session's face-to-face times (default 14:00–14:45, in the session and the note header);
   * null for a session without them, whose note is timed by the transcript.
   */
  sessionTimes?: SessionTimes | null;
  /** The practice (default: Harbourview Counselling, name only); null for none. */
  practice?: PracticeRef | null;
}

/** A complete export input: a client, a session and a (by default signed) note about it. */
export function exportInput(opts: FixtureOptions = {}): NoteExportInput {
  const format = opts.format ?? 'soap';
  const status = opts.status ?? 'signed';
  const times =
    opts.sessionTimes === null
      ? undefined
      : (opts.sessionTimes ?? { start: '14:00', end: '14:45' });
  const author: PersonRef = { id: randomId(), name: 'Dr. Maya Okafor' };
  const supervisor: PersonRef = { id: randomId(), name: 'Dr. Samuel Reyes' };
  const client: Client = {
    id: randomId(),
    clinicianId: author.id,
    profile: {
      name: opts.clientName ?? 'Jonah Whitfield',
      dateOfBirth: '1991-04-17',
      identifiers: [
        { system: 'MRN', value: 'C-001' },
        { system: 'Insurance member id', value: 'XK-5528-10' },
      ],
      diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
      presentingConcerns: ['anxiety'],
      preferences: '',
      culturalConsiderations: '',
    },
    createdAt: '2025-02-01T09:00:00.000Z',
    updatedAt: '2025-02-01T09:00:00.000Z',
  };
  const session: Session = {
    id: randomId(),
    clientId: client.id,
    clinicianId: author.id,
    details: {
      date: '2025-03-04',
      startTime: times?.start ?? null,
      endTime: times?.end ?? null,
      serviceType: 'individual',
      location: 'telehealth',
      telehealthPlatform: 'Doxy.me',
      consentToRecord: true,
    },
    createdAt: '2025-03-04T14:50:00.000Z',
    updatedAt: '2025-03-04T14:50:00.000Z',
  };
  const { body, review } = opts.body
    ? { body: opts.body, review: [] }
    : exampleNoteBody(format, undefined, times);
  const signed = status === 'signed';
  const cosigned = signed && opts.cosigned === true;
  const note: ProgressNote = {
    id: randomId(),
    sessionId: session.id,
    clientId: client.id,
    authorId: author.id,
    format,
    status,
    body,
    review,
    version: 3,
    signedAt: signed ? '2025-03-04T16:02:11.000Z' : null,
    signedBy: signed ? author.id : null,
    cosignRequired: opts.cosigned !== undefined,
    cosignedAt: cosigned ? '2025-03-05T08:30:00.000Z' : null,
    cosignedBy: cosigned ? supervisor.id : null,
    createdAt: '2025-03-04T14:50:00.000Z',
    updatedAt: '2025-03-04T16:02:11.000Z',
  };
  const addenda: Addendum[] = (opts.addenda ?? []).map((text, i) => ({
    id: randomId(),
    noteId: note.id,
    authorId: i % 2 === 0 ? author.id : supervisor.id,
    text,
    createdAt: `2025-03-0${6 + i}T10:00:00.000Z`,
  }));
  return {
    note,
    client,
    session,
    addenda,
    author,
    signer: signed ? author : null,
    cosigner: cosigned ? supervisor : null,
    ...(opts.practice === null
      ? {}
      : { practice: opts.practice ?? { name: 'Harbourview Counselling' } }),
  };
}

/** One run of text in an uncompressed PDFKit content stream: its font size and decoded text. */
export interface PdfRun {
  size: number;
  text: string;
}

/** Windows-1252 bytes 0x80–0x9F (Node's TextDecoder treats the label as Latin-1). */
const CP1252_HIGH = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

function decodeWinAnsi(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    out += b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? '\ufffd') : String.fromCharCode(b);
  }
  return out;
}

/**
 * The text runs of a PDF written by PDFKit with `compress: false`: each `[<hex> kern <hex>] TJ`
 * array decoded from WinAnsi, with the size of the `Tf` before it.
 */
export function pdfRuns(pdf: Buffer): PdfRun[] {
  const raw = pdf.toString('latin1');
  const runs: PdfRun[] = [];
  let size = 0;
  for (const m of raw.matchAll(/\/F\d+ ([\d.]+) Tf|\[((?:<[0-9a-f]*>|\s|-?[\d.]+)*)\] TJ/g)) {
    if (m[1] !== undefined) {
      size = Number(m[1]);
      continue;
    }
    const hex = [...(m[2] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1] ?? '').join('');
    runs.push({ size, text: decodeWinAnsi(Buffer.from(hex, 'hex')) });
  }
  return runs;
}

/** All the text of the PDF, whitespace collapsed (lines joined with a space). */
export function pdfText(pdf: Buffer): string {
  return pdfRuns(pdf)
    .map((r) => r.text)
    .join(' ')
    .replace(/\s+/g, ' ');
}

export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\n/g) ?? []).length;
}

/**
 * A signed, co-signed note with one addendum, at the given UTC instants, from a practice in the
 * given time zone (none: the practice has no zone, so UTC).
 */
export function zonedInput(
  timezone: string | undefined,
  times: { signedAt: string; cosignedAt: string; addendumAt: string },
): NoteExportInput {
  const input = exportInput({
    cosigned: true,
    addenda: ['Client phoned; plan unchanged.'],
    practice: { name: 'Harbourview Counselling', ...(timezone ? { timezone } : {}) },
  });
  return {
    ...input,
    note: { ...input.note, signedAt: times.signedAt, cosignedAt: times.cosignedAt },
    addenda: input.addenda.map((a) => ({ ...a, createdAt: times.addendumAt })),
  };
}

/**
 * Instants and how people read them in each zone: winter (CST, UTC−6) and summer (CDT, UTC−5)
 * in Chicago; Kolkata (UTC+5:30) where a late UTC evening is already the next day.
 */
export const ZONED_CASES = [
  {
    zone: 'America/Chicago',
    times: {
      signedAt: '2026-11-27T20:05:00.000Z',
      cosignedAt: '2026-11-28T05:59:00.000Z',
      addendumAt: '2026-11-30T06:00:00.000Z',
    },
    shown: {
      signedAt: '2026-11-27 14:05 (America/Chicago)',
      cosignedAt: '2026-11-27 23:59 (America/Chicago)',
      addendumAt: '2026-11-30 00:00 (America/Chicago)',
    },
  },
  {
    // Across the change to daylight time (8 March 2026, 2:00 → 3:00), then summer.
    zone: 'America/Chicago',
    times: {
      signedAt: '2026-03-08T07:59:00.000Z',
      cosignedAt: '2026-03-08T08:00:00.000Z',
      addendumAt: '2026-07-04T20:05:00.000Z',
    },
    shown: {
      signedAt: '2026-03-08 01:59 (America/Chicago)',
      cosignedAt: '2026-03-08 03:00 (America/Chicago)',
      addendumAt: '2026-07-04 15:05 (America/Chicago)',
    },
  },
  {
    zone: 'Asia/Kolkata',
    times: {
      signedAt: '2026-07-04T18:29:00.000Z',
      cosignedAt: '2026-07-04T18:30:00.000Z',
      addendumAt: '2026-11-27T20:05:00.000Z',
    },
    shown: {
      signedAt: '2026-07-04 23:59 (Asia/Kolkata)',
      cosignedAt: '2026-07-05 00:00 (Asia/Kolkata)',
      addendumAt: '2026-11-28 01:35 (Asia/Kolkata)',
    },
  },
  {
    zone: undefined,
    times: {
      signedAt: '2026-07-04T18:29:00.000Z',
      cosignedAt: '2026-11-27T20:05:00.000Z',
      addendumAt: '2026-11-28T05:59:00.000Z',
    },
    shown: {
      signedAt: '2026-07-04 18:29 (UTC)',
      cosignedAt: '2026-11-27 20:05 (UTC)',
      addendumAt: '2026-11-28 05:59 (UTC)',
    },
  },
] as const;
