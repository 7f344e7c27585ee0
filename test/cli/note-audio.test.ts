import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoteSchema } from '../../src/core/index.js';
import { writeDialogueWav, writeSilenceWav } from '../support/speech-dialogue.js';
import { runCli, STACK_LINE, tempDir } from './helpers.js';

/**
 * `docscrib note <audio>`: a recording straight to a note (real ffmpeg, pocketsphinx, diarization,
 * core), the note saying it came from a draft-quality speech engine; and the round trip
 * `transcribe --txt` → `note transcript.txt`.
 */
let dir = '';
let cleanup: () => Promise<void> = () => Promise.resolve();
let dialogue = '';
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  dialogue = await writeDialogueWav(dir);
});
afterAll(() => cleanup());

/** Recognition of the 42 s dialogue: seconds on an idle machine, far more on a busy CI runner. */
const ASR = 180_000;

/**
 * Debian's general English model: these tests do not depend on DocScrib's therapy language model
 * having been built (assets/speech/therapy.lm, scripts/build-therapy-lm.ts).
 */
const GENERAL = ['--model', 'general'];

const ENV = { DOCSCRIB_SPEECH_ENGINE: '', DOCSCRIB_SPEECH_BASE_URL: '' };

interface NoteDocument {
  note: unknown;
  review: { ruleId: string; severity: string; message: string }[];
  analysis: unknown;
  source?: {
    kind: string;
    engine: string;
    quality: string;
    speakers: { label: string; role: string; roleSource: string }[];
  };
}

describe('docscrib note <audio>', () => {
  it(
    'transcribes, then writes a note that says it came from a draft speech engine; --roles applies',
    async () => {
      // Audio recognised by its bytes, not its name.
      const noExtension = join(dir, 'recording');
      await copyFile(dialogue, noExtension);
      const res = await runCli(
        [
          'note',
          noExtension,
          '--json',
          '--roles',
          'Speaker 2=other',
          '--format',
          'dap',
          ...GENERAL,
        ],
        { env: ENV },
      );
      expect(res.stderr).not.toMatch(STACK_LINE);
      expect([0, 1]).toContain(res.code);
      const doc = JSON.parse(res.stdout) as NoteDocument;
      const note = NoteSchema.parse(doc.note);
      expect(note.format).toBe('dap');
      expect(note.sections.length).toBeGreaterThan(0);
      expect(doc.source).toMatchObject({
        kind: 'speech',
        engine: 'pocketsphinx',
        model: 'en-us + general LM',
        quality: 'draft',
      });
      expect(doc.source?.speakers.map((s) => [s.label, s.role, s.roleSource])).toEqual([
        ['Speaker 1', 'clinician', 'inferred'],
        ['Speaker 2', 'other', 'override'],
      ]);
      const finding = doc.review.find((f) => f.ruleId === 'speech-transcript');
      expect(finding?.severity).toBe('warning');
      expect(finding?.message).toMatch(/speech-engine transcript \(pocketsphinx.*draft quality/);
      expect(res.stderr).toMatch(
        /docscrib: note: .*recording: Drafted from a speech-engine transcript/,
      );
    },
    ASR,
  );

  it(
    'transcribe --txt writes what note reads back (same speakers and roles)',
    async () => {
      const out = join(dir, 'transcripts');
      const t = await runCli(['transcribe', dialogue, '--out', out, '--quiet', ...GENERAL], {
        env: ENV,
      });
      expect(t.code).toBe(0);
      expect(await readdir(out)).toEqual(['dialogue.transcript.txt']);
      expect(t.stdout).toMatch(
        /^dialogue\.wav: .*2 speakers \(Speaker 1 clinician \(inferred\), Speaker 2 client \(inferred\)\).* → /,
      );
      const txt = await readFile(join(out, 'dialogue.transcript.txt'), 'utf8');
      expect(txt.split('\n')[0]).toMatch(/^\[00:00:0\d\] Speaker 1: \S/);

      const md = await runCli(['note', join(out, 'dialogue.transcript.txt')], { env: ENV });
      expect([0, 1]).toContain(md.code);
      expect(md.stdout).toMatch(/^## Review$/m);
      // A typed transcript is not flagged as speech.
      expect(md.stdout).not.toContain('speech-transcript');
      const json = await runCli(['note', join(out, 'dialogue.transcript.txt'), '--json'], {
        env: ENV,
      });
      const doc = JSON.parse(json.stdout) as {
        analysis: { speakers: { label: string; role: string }[] };
      };
      expect(doc.analysis.speakers.map((s) => [s.label, s.role])).toEqual([
        ['Speaker 1', 'clinician'],
        ['Speaker 2', 'client'],
      ]);
    },
    ASR,
  );

  it(
    'a silent recording gives no note: "no speech found", exit 3',
    async () => {
      const silence = await writeSilenceWav(dir, 3);
      const res = await runCli(['note', silence, ...GENERAL], { env: ENV });
      expect(res.code).toBe(3);
      expect(res.stdout).toBe('');
      expect(res.stderr).toMatch(/no speech found in .*silence\.wav/i);
    },
    ASR,
  );
});
