import { describe, expect, it } from 'vitest';
import {
  bySeverity,
  clock,
  decodeTranscript,
  dispositionFilename,
  groupSecret,
  interventionLabel,
  noteStatus,
  noteTimes,
  splitList,
  todayIso,
} from './format';

describe('format', () => {
  it('clock: m:ss under an hour, h:mm:ss above, empty without a time', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(65.9)).toBe('1:05');
    expect(clock(3725)).toBe('1:02:05');
    expect(clock(null)).toBe('');
    expect(clock(-1)).toBe('');
  });

  it('note status: draft, signed, awaiting co-sign, co-signed', () => {
    const n = { status: 'draft' as const, cosignRequired: true, cosignedAt: null };
    expect(noteStatus(n)).toBe('draft');
    expect(noteStatus({ ...n, status: 'signed' })).toBe('awaiting_cosign');
    expect(noteStatus({ ...n, status: 'signed', cosignedAt: '2025-01-01T00:00:00Z' })).toBe(
      'cosigned',
    );
    expect(noteStatus({ ...n, status: 'signed', cosignRequired: false })).toBe('signed');
  });

  it('severity order: errors first, stable otherwise', () => {
    const items = [
      { severity: 'info' as const, n: 1 },
      { severity: 'error' as const, n: 2 },
      { severity: 'warning' as const, n: 3 },
      { severity: 'error' as const, n: 4 },
    ];
    expect(bySeverity(items).map((i) => i.n)).toEqual([2, 4, 3, 1]);
  });

  it('names interventions as the exports do (the catalogue label, else the id in words)', () => {
    expect(interventionLabel('cbt.cognitive_restructuring')).toBe(
      'Cognitive restructuring targeting automatic negative thoughts',
    );
    expect(interventionLabel('exposure.not_in_catalogue')).toBe('Exposure: not in catalogue');
    expect(interventionLabel('psychoeducation')).toBe('psychoeducation');
  });

  it('lists, secrets, dates', () => {
    expect(splitList('anxiety, depression\n anxiety ,,\ninsomnia')).toEqual([
      'anxiety',
      'depression',
      'insomnia',
    ]);
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(todayIso(new Date(2025, 2, 7))).toBe('2025-03-07');
  });

  it('decodes UTF-8, UTF-16 with BOM and Windows-1252 transcript files', () => {
    const text = 'Therapist: How’s the week — café?';
    expect(decodeTranscript(new TextEncoder().encode(text))).toBe(text);
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le[2 + i * 2] = c & 0xff;
      le[3 + i * 2] = c >> 8;
    }
    expect(decodeTranscript(le)).toBe(text);
    // "café" in Windows-1252: é = 0xE9, not valid UTF-8
    expect(decodeTranscript(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
  });

  it('Content-Disposition filenames, without paths', () => {
    expect(dispositionFilename('attachment; filename="note-2025-03-07.pdf"')).toBe(
      'note-2025-03-07.pdf',
    );
    expect(dispositionFilename("attachment; filename*=UTF-8''n%C3%B6te.pdf")).toBe('nöte.pdf');
    expect(dispositionFilename('attachment; filename="../../etc/x.pdf"')).toBe('x.pdf');
    expect(dispositionFilename('attachment; filename=".hidden"')).toBeUndefined();
    expect(dispositionFilename(null)).toBeUndefined();
  });
});

describe('noteTimes', () => {
  const transcript = { start: 5, end: 3018, durationMinutes: 50, cpt: '90834' };
  const noTimes = { startTime: null, endTime: null };

  it('shows the entered session times and their minutes', () => {
    const header = {
      ...transcript,
      startClock: '10:02',
      endClock: '10:55',
      durationMinutes: 53,
      cpt: '90837',
      timeSource: 'session' as const,
    };
    expect(noteTimes(header, { startTime: '10:02', endTime: '10:55' })).toEqual({
      times: '10:02–10:55 (session times)',
      duration: '53 min',
    });
  });

  it('shows the transcript times when the session has none', () => {
    expect(noteTimes({ ...transcript, timeSource: 'transcript' }, noTimes)).toEqual({
      times: '00:00:05–00:50:18 (transcript times)',
      duration: '50 min (from the transcript)',
    });
  });

  it("shows an older note's session times, with its minutes from the transcript", () => {
    expect(noteTimes(transcript, { startTime: '10:00', endTime: '10:50' })).toEqual({
      times: '10:00–10:50 (session times)',
      duration: '50 min (from the transcript)',
    });
  });

  it('says when there are no times at all', () => {
    const none = { start: null, end: null, durationMinutes: null, cpt: null };
    expect(noteTimes(none, noTimes)).toEqual({
      times: 'Start/stop times not recorded',
      duration: 'Duration unknown',
    });
  });
});
