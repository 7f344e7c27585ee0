import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TRANSCRIPT_BYTES, readTranscriptFile } from './transcript-file.js';
import { errorOfAsync } from '../core/test-helpers.js';
import { useTempDir } from './test-helpers.js';

const tempDir = useTempDir('docscrib-transcript-');

const TEXT = '[00:00:01] Therapist: How was the week?\n[00:00:05] Client: Señora Díaz called.\n';

describe('readTranscriptFile', () => {
  it('reads a UTF-8 file and returns the file name', async () => {
    const path = join(tempDir(), 'session one.txt');
    await writeFile(path, TEXT);
    const { transcript, fileName } = await readTranscriptFile(path);
    expect(fileName).toBe('session one.txt');
    expect(transcript.turns.map((t) => t.text)).toEqual([
      'How was the week?',
      'Señora Díaz called.',
    ]);
  });

  it('passes format and role overrides to the parser', async () => {
    const path = join(tempDir(), 'generic.txt');
    await writeFile(path, 'Speaker 1: Hi.\nSpeaker 2: Hello.\n');
    const { transcript } = await readTranscriptFile(path, {
      roles: { 'Speaker 1': 'client', 'Speaker 2': 'clinician' },
      format: 'lines',
    });
    expect(transcript.speakers.map((s) => [s.label, s.role, s.roleSource])).toEqual([
      ['Speaker 1', 'client', 'override'],
      ['Speaker 2', 'clinician', 'override'],
    ]);
  });

  it('reads UTF-16 LE with BOM (as Windows editors save it)', async () => {
    const path = join(tempDir(), 'utf16.txt');
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]));
    const { transcript } = await readTranscriptFile(path);
    expect(transcript.turns[1]?.text).toBe('Señora Díaz called.');
    expect(transcript.warnings).toEqual([]);
  });

  it('reads Latin-1 and puts the decoding warning first', async () => {
    const path = join(tempDir(), 'latin1.txt');
    await writeFile(path, Buffer.from(TEXT, 'latin1'));
    const { transcript } = await readTranscriptFile(path);
    expect(transcript.turns[1]?.text).toBe('Señora Díaz called.');
    expect(transcript.warnings[0]?.message).toMatch(/Windows-1252/);
  });

  it('refuses a WAV file as binary, located in the file', async () => {
    const path = join(tempDir(), 'session.wav');
    const header = Buffer.alloc(64);
    header.write('RIFF', 0);
    header.write('WAVEfmt ', 8);
    await writeFile(path, header);
    const e = await errorOfAsync(readTranscriptFile(path));
    expect(e.code).toBe('input.binary');
    expect(e.location.file).toBe(path);
  });

  it('refuses a real recording from the shared speech corpus', async () => {
    const wav =
      '/work/shared/corpus/asr/pocketsphinx-librivox/sense_and_sensibility_01_austen_64kb-0870.wav';
    const e = await errorOfAsync(readTranscriptFile(wav));
    expect(e.code).toBe('input.binary');
    expect(e.hint).toMatch(/audio file/);
  });

  it('locates parse errors in the file', async () => {
    const path = join(tempDir(), 'empty.txt');
    await writeFile(path, '\n\n');
    const e = await errorOfAsync(readTranscriptFile(path));
    expect(e.code).toBe('input.empty');
    expect(e.location.file).toBe(path);
  });

  it('refuses a file over 50 MB before reading it', async () => {
    const path = join(tempDir(), 'huge.txt');
    await writeFile(path, '');
    await truncate(path, MAX_TRANSCRIPT_BYTES + 1); // sparse: no 50 MB written
    const e = await errorOfAsync(readTranscriptFile(path));
    expect(e.code).toBe('input.too_large');
    expect(e.message).toMatch(/limit is 50 MB/);
  });

  it('reads a 10 MB transcript, one turn per line', async () => {
    const path = join(tempDir(), 'ten-mb.txt');
    const line =
      '[00:10:00] Therapist: Let us look at the evidence for and against that thought today.\n';
    const n = Math.ceil((10 * 1024 * 1024) / line.length);
    await writeFile(path, line.repeat(n));
    const { transcript } = await readTranscriptFile(path);
    expect(transcript.turns).toHaveLength(n);
  });

  it('reports a missing file and a directory as usage errors', async () => {
    const missing = await errorOfAsync(readTranscriptFile(join(tempDir(), 'nope.txt')));
    expect(missing.code).toBe('usage');
    expect(missing.message).toMatch(/File not found/);
    const directory = await errorOfAsync(readTranscriptFile(tempDir()));
    expect(directory.code).toBe('usage');
    expect(directory.message).toMatch(/Not a file/);
  });
});
