/**
 * A two-voice therapy dialogue as a WAV file, for speech tests and the benchmark: each line is
 * spoken by espeak-ng (a low male voice for the clinician, a higher female voice for the client),
 * lines are joined with pauses by sox and written as 16 kHz mono s16le. Fictional lines written
 * for DocScrib; the clinician's are clearly a clinician's (questions, ratings, reflections,
 * homework) so roles can be inferred from the words.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DialogueLine {
  speaker: 'clinician' | 'client';
  text: string;
}

export const DIALOGUE: readonly DialogueLine[] = [
  {
    speaker: 'clinician',
    text: 'Good morning. How would you rate your mood this week, from zero to ten?',
  },
  { speaker: 'client', text: 'Maybe a four. It was a hard week at work and I did not sleep much.' },
  {
    speaker: 'clinician',
    text: 'It sounds like the nights have been the hardest part. What goes through your mind when you cannot sleep?',
  },
  { speaker: 'client', text: 'I keep thinking that I will lose my job and let everyone down.' },
  {
    speaker: 'clinician',
    text: 'What is the evidence for that thought, and what is the evidence against it?',
  },
  {
    speaker: 'client',
    text: 'My manager said my work was good last month. So maybe it is not true.',
  },
  {
    speaker: 'clinician',
    text: 'For this week, could you fill in a thought record each time the worry wakes you up?',
  },
  { speaker: 'client', text: 'Yes, I can do that.' },
];

const VOICES = {
  clinician: ['-v', 'en-us+m3', '-p', '35', '-s', '155'],
  client: ['-v', 'en-us+f4', '-p', '75', '-s', '165'],
} as const;

/**
 * Writes the dialogue (or `lines`) to `<dir>/<name>`; `gapSec` of silence between lines. Returns
 * the path.
 */
export async function writeDialogueWav(
  dir: string,
  name = 'dialogue.wav',
  lines: readonly DialogueLine[] = DIALOGUE,
  gapSec = 0.8,
): Promise<string> {
  const parts: string[] = [];
  for (const [i, line] of lines.entries()) {
    const raw = join(dir, `.line-${i}.raw.wav`);
    await run('espeak-ng', [...VOICES[line.speaker], '-w', raw, line.text]);
    const part = join(dir, `.line-${i}.wav`);
    await run('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', part, 'pad', '0', String(gapSec)]);
    parts.push(part);
  }
  const out = join(dir, name);
  await run('sox', [...parts, out, 'pad', '0.5', '0']);
  await run('rm', ['-f', ...parts, ...parts.map((p) => p.replace(/\.wav$/, '.raw.wav'))]);
  return out;
}

/** `seconds` of digital silence (with a trace of noise-free zeros) as 16 kHz mono WAV. */
export async function writeSilenceWav(
  dir: string,
  seconds: number,
  name = 'silence.wav',
): Promise<string> {
  const out = join(dir, name);
  await run('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', out, 'trim', '0', String(seconds)]);
  return out;
}
