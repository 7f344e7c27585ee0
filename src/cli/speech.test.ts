import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../adapters/test-helpers.js';
import { parseTranscript } from '../core/index.js';
import { ONE_SPEAKER_WARNING } from '../core/transcript/roles.js';
import type { Transcript } from '../core/transcript/schema.js';
import { audioMagic, duration, forRecording, isUtf8TextFile } from './speech.js';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('audioMagic', () => {
  it('knows the containers by their first bytes', () => {
    expect(audioMagic(bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBe(true);
    expect(audioMagic(bytes('fLaC', [0, 0, 0, 34]))).toBe(true);
    expect(audioMagic(bytes('OggS', [0, 2]))).toBe(true);
    expect(audioMagic(bytes('ID3', [4, 0]))).toBe(true);
    expect(audioMagic(bytes([0, 0, 0, 32], 'ftypM4A '))).toBe(true);
    expect(audioMagic(bytes([0x1a, 0x45, 0xdf, 0xa3, 1]))).toBe(true);
    expect(audioMagic(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe(true);
  });

  it('does not take text or other files for audio', () => {
    expect(audioMagic(bytes('[00:00:01] Therapist: hi'))).toBe(false);
    expect(audioMagic(bytes('WEBVTT\n\n1\n'))).toBe(false);
    expect(audioMagic(bytes('{"segments":[]}'))).toBe(false);
    expect(audioMagic(bytes('RIFF', [1, 2, 3, 4], 'AVI '))).toBe(false);
    expect(audioMagic(bytes([0xff, 0xfe, 0x5b, 0x00]))).toBe(false); // UTF-16 LE BOM
    expect(audioMagic(bytes([]))).toBe(false);
  });
});

describe('duration', () => {
  it('writes m:ss and h:mm:ss', () => {
    expect(duration(75.4)).toBe('1:15');
    expect(duration(3725)).toBe('1:02:05');
    expect(duration(0)).toBe('0:00');
  });
});

describe('forRecording', () => {
  const oneLabel = (): Transcript =>
    parseTranscript(
      JSON.stringify({
        segments: [
          { speaker: 'Speaker 1', start: 0, end: 2, text: 'How have you been this week?' },
          { speaker: 'Speaker 1', start: 3, end: 5, text: 'Tell me more about that.' },
        ],
      }),
      { format: 'json' },
    );

  it('rewords the one-label warning for a recording, keeping every other warning', () => {
    const t = oneLabel();
    t.warnings.push({ line: 3, message: 'another warning' });
    const before = t.warnings.map((w) => w.message);
    expect(before).toContain(ONE_SPEAKER_WARNING);
    const after = forRecording(t).warnings.map((w) => w.message);
    expect(after).toEqual(
      before.map((m) =>
        m === ONE_SPEAKER_WARNING
          ? 'Only one voice was heard in the recording, so clinician and client turns cannot be told apart. If two people spoke, run it again with --speakers 2.'
          : m,
      ),
    );
    expect(after).toContain('another warning');
  });

  it('does not suggest --speakers 2 to someone who gave it', () => {
    const messages = forRecording(oneLabel(), 2).warnings.map((w) => w.message);
    expect(messages).toContain(
      'Only one voice was heard in the recording, so clinician and client turns cannot be told apart.',
    );
    expect(messages.join(' ')).not.toContain('--speakers');
  });
});

describe('isUtf8TextFile', () => {
  const tmp = useTempDir('docscrib-cli-speech-');
  it('is true for UTF-8 text (also cut inside a character), false for binary or empty', async () => {
    const file = (name: string, data: string | Buffer): string => {
      const path = join(tmp(), name);
      writeFileSync(path, data);
      return path;
    };
    expect(await isUtf8TextFile(file('a.txt', 'Therapist: ¿Cómo está? — fine\n'))).toBe(true);
    // 64 KiB of text whose sample ends in the middle of a two-byte character.
    expect(await isUtf8TextFile(file('long.txt', `${'a'.repeat(64 * 1024 - 1)}é and more`))).toBe(
      true,
    );
    expect(await isUtf8TextFile(file('nul.bin', Buffer.from([0x61, 0, 0x62])))).toBe(false);
    expect(await isUtf8TextFile(file('latin1.txt', Buffer.from([0x63, 0xe9, 0x20])))).toBe(false);
    expect(await isUtf8TextFile(file('empty.txt', ''))).toBe(false);
    expect(await isUtf8TextFile(join(tmp(), 'missing.txt'))).toBe(false);
  });
});
