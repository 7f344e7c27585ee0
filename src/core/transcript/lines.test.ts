import { describe, expect, it } from 'vitest';
import { parseTranscript } from './parse.js';
import { errorOf } from '../test-helpers.js';

const rows = (text: string) =>
  parseTranscript(text).turns.map((t) => [t.speaker, t.start, t.end, t.text, t.line]);

describe('line format: timestamps', () => {
  it('reads [HH:MM:SS], bare HH:MM:SS, [MM:SS], [H:MM:SS.mmm], (HH:MM:SS) and ranges', () => {
    const text = [
      '[00:00:05] Therapist: Bracketed.',
      '00:01:10 Client: Bare.',
      '[02:03] Therapist: Minutes and seconds.',
      '[1:02:03.250] Client: Hours with milliseconds.',
      '(01:02:04) Therapist: Parentheses.',
      '[01:02:05 - 01:02:09.5] Client: A range.',
      '[01:02:10] - Therapist: A dash after the time.',
    ].join('\n');
    expect(rows(text)).toEqual([
      ['Therapist', 5, null, 'Bracketed.', 1],
      ['Client', 70, null, 'Bare.', 2],
      ['Therapist', 123, null, 'Minutes and seconds.', 3],
      ['Client', 3723.25, null, 'Hours with milliseconds.', 4],
      ['Therapist', 3724, null, 'Parentheses.', 5],
      ['Client', 3725, 3729.5, 'A range.', 6],
      ['Therapist', 3730, null, 'A dash after the time.', 7],
    ]);
  });

  it('reads lines without any time (start and end null)', () => {
    expect(rows('Therapist: How are you?\nClient: Tired.')).toEqual([
      ['Therapist', null, null, 'How are you?', 1],
      ['Client', null, null, 'Tired.', 2],
    ]);
  });

  it('accepts MM:SS beyond an hour (no hour field), but not minutes ≥ 60 in H:MM:SS', () => {
    const t = parseTranscript('[75:30] Therapist: Late.\n[00:75:00] Client: Bad minutes.');
    expect(t.turns[0]?.start).toBe(4530);
    expect(t.turns[1]?.start).toBeNull();
    expect(t.turns[1]?.text).toBe('Bad minutes.');
    const w = t.warnings.find((x) => x.line === 2);
    expect(w?.message).toMatch(/Line 2: the time is out of range/);
    expect(w?.message).not.toContain('Bad minutes');
  });

  it('flags seconds ≥ 60 and keeps the turn', () => {
    const t = parseTranscript('[00:01:75] Therapist: Odd seconds.\n[00:02:00] Client: Fine.');
    expect(t.turns).toHaveLength(2);
    expect(t.turns[0]?.start).toBeNull();
    expect(t.warnings.some((w) => w.line === 1 && /out of range/.test(w.message))).toBe(true);
  });

  it('keeps input order when times go backwards and warns with the line', () => {
    const t = parseTranscript(
      '[00:05:00] Therapist: One.\n[00:04:00] Client: Two.\n[00:06:00] Therapist: Three.',
    );
    expect(t.turns.map((x) => x.text)).toEqual(['One.', 'Two.', 'Three.']);
    expect(t.warnings).toContainEqual({
      line: 2,
      message: 'Line 2: the time is earlier than the turn before it; input order was kept.',
    });
  });

  it('gives a time alone on a line to the next turn', () => {
    expect(rows('00:00:01\nTherapist: Hi.\n\n[00:00:04]\nClient: Hello.')).toEqual([
      ['Therapist', 1, null, 'Hi.', 2],
      ['Client', 4, null, 'Hello.', 5],
    ]);
  });

  it('reads "Name  0:05" header lines with the text on the following lines', () => {
    const text = 'Speaker 1  0:00\nHow was the week?\n\nSpeaker 2  0:05\nLong.\nReally long.\n';
    expect(rows(text)).toEqual([
      ['Speaker 1', 0, null, 'How was the week?', 1],
      ['Speaker 2', 5, null, 'Long. Really long.', 4],
    ]);
  });
});

describe('line format: turns and continuation lines', () => {
  it('appends a wrapped line without speaker to the turn above, and skips blank lines', () => {
    const text =
      '\n[00:00:01] Therapist: This turn was\nwrapped over two lines.\n\n\n[00:00:09] Client: Okay.\n';
    expect(rows(text)).toEqual([
      ['Therapist', 1, null, 'This turn was wrapped over two lines.', 2],
      ['Client', 9, null, 'Okay.', 6],
    ]);
  });

  it('warns with the line number (never the text) for each line joined to the turn above', () => {
    const SECRET = 'the pills in the drawer';
    const text = `[00:00:01] Therapist: This turn was\nwrapped, ${SECRET}.\nand then she said: fine\nClient: Okay.\n`;
    const t = parseTranscript(text);
    expect(t.turns).toHaveLength(2);
    const joined = t.warnings.filter((w) => /joined to the turn above/.test(w.message));
    expect(joined).toEqual([
      { line: 2, message: 'Line 2 has no speaker label; joined to the turn above.' },
      { line: 3, message: 'Line 3 has no speaker label; joined to the turn above.' },
    ]);
    expect(JSON.stringify(t.warnings)).not.toContain(SECRET);
  });

  it('does not warn for the text lines under a header line or a label alone on its line', () => {
    const text = 'Speaker 1  0:00\nHow was\nthe week?\n\nSpeaker 2:\nLong.\nReally long.\n';
    const t = parseTranscript(text);
    expect(t.turns.map((x) => x.text)).toEqual(['How was the week?', 'Long. Really long.']);
    expect(t.warnings.filter((w) => /joined/.test(w.message))).toEqual([]);
  });

  it('caps the joined-line warnings and summarises the rest', () => {
    const text = [
      'Therapist: Start.',
      ...Array.from({ length: 25 }, (_, i) => `wrapped ${i}`),
      'Client: End.',
    ].join('\n');
    const t = parseTranscript(text, { format: 'lines' });
    expect(t.warnings.filter((w) => /has no speaker label; joined/.test(w.message))).toHaveLength(
      20,
    );
    expect(t.warnings).toContainEqual({ message: '5 more warnings like "joined".' });
  });

  it('never merges two lines that each have a speaker, even the same speaker or one-off labels', () => {
    const text = [
      'Therapist: One.',
      'Therapist: Two, same speaker again.',
      'Maria: A name used once.',
      'Speaker 2: A diarization label used once.',
      'therapist: Lower-case role label.',
      'Dr. Osei: A title.',
    ].join('\n');
    const t = parseTranscript(text);
    expect(t.turns.map((x) => x.speaker)).toEqual([
      'Therapist',
      'Therapist',
      'Maria',
      'Speaker 2',
      'therapist',
      'Dr. Osei',
    ]);
    expect(t.turns.map((x) => x.id)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
  });

  it('treats a colon inside wrapped speech as text, not a new speaker', () => {
    const text =
      'Client: My boss walked in\nand then she said: we need to talk\nTherapist: What happened next?';
    const t = parseTranscript(text);
    expect(t.turns).toHaveLength(2);
    expect(t.turns[0]?.text).toBe('My boss walked in and then she said: we need to talk');
  });

  it('does not take a URL for a speaker', () => {
    const t = parseTranscript(
      'Therapist: The worksheet is at\nhttps://example.org/sheet\nClient: Thanks.',
    );
    expect(t.turns[0]?.text).toBe('The worksheet is at https://example.org/sheet');
  });

  it('numbers lines correctly with CRLF and CR line endings', () => {
    expect(rows('Therapist: A.\r\n\r\nClient: B.\r\n').map((r) => r[4])).toEqual([1, 3]);
    expect(rows('Therapist: A.\rClient: B.').map((r) => r[4])).toEqual([1, 2]);
  });

  it('makes a timed line without a speaker an "Unknown" turn with a warning naming the line', () => {
    const t = parseTranscript(
      '[00:00:01] Therapist: Hi.\n[00:00:03] (long pause)\n[00:00:09] Client: Hm.',
    );
    expect(t.turns.map((x) => x.speaker)).toEqual(['Therapist', 'Unknown', 'Client']);
    expect(t.warnings.some((w) => w.line === 2 && /no speaker label/.test(w.message))).toBe(true);
  });

  it('reads timed lines with no speakers at all as one Unknown speaker, with one warning', () => {
    const t = parseTranscript('[00:00:01] how are you today\n[00:00:03] i am fine thanks');
    expect(t.turns).toHaveLength(2);
    expect(t.speakers.map((s) => s.label)).toEqual(['Unknown']);
    expect(t.warnings.filter((w) => w.line !== undefined)).toEqual([]);
    expect(t.warnings.some((w) => /only one speaker/.test(w.message))).toBe(true);
  });

  it('keeps one turn per input turn on a long file (no merging of consecutive turns)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 500; i++) {
      const who = i % 7 === 0 || i % 7 === 1 ? 'Client' : i % 2 ? 'Therapist' : 'Client';
      lines.push(
        `[00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}] ${who}: turn ${i}`,
      );
    }
    const t = parseTranscript(lines.join('\n'));
    expect(t.turns).toHaveLength(500);
    expect(t.turns.every((x, i) => x.text === `turn ${i}` && x.line === i + 1)).toBe(true);
  });
});

describe('line format: lines that do not parse', () => {
  const SECRET = 'my sister found the pills';

  it('skips a stray line in an otherwise valid file and warns with its line number only', () => {
    const text = `Therapist: Hi.\nClient: Hello.\n\n${SECRET}\n\nTherapist: Go on.\nClient: Okay.`;
    const t = parseTranscript(text);
    expect(t.turns).toHaveLength(4);
    const w = t.warnings.find((x) => x.line === 4);
    expect(w?.message).toMatch(/^Line 4 could not be read/);
    expect(JSON.stringify(t.warnings)).not.toContain(SECRET);
  });

  it('rejects a mostly unreadable file (forced lines) naming the first bad line and the pattern', () => {
    const text = `Therapist: Hi.\n\n${SECRET}\n\nmore prose here\n\nand more`;
    const e = errorOf(() => parseTranscript(text, { format: 'lines' }));
    expect(e.code).toBe('input.parse');
    expect(e.location.line).toBe(3);
    expect(e.message).toMatch(/Line 3/);
    expect(e.hint).toContain('[HH:MM:SS] Speaker: text');
    expect(`${e.message} ${e.hint}`).not.toContain(SECRET);
  });

  it('caps per-line warnings and summarises the rest', () => {
    const good = Array.from({ length: 200 }, (_, i) => `Therapist: turn ${i}`);
    const text = [...good, ...Array.from({ length: 30 }, (_, i) => `\nstray ${i}`)].join('\n');
    const t = parseTranscript(text);
    expect(t.turns).toHaveLength(200);
    const lineWarnings = t.warnings.filter((w) => w.line !== undefined);
    expect(lineWarnings).toHaveLength(20);
    expect(t.warnings.some((w) => /^10 more warnings/.test(w.message))).toBe(true);
  });
});
