/**
 * Renders the evaluation dialogues (dialogue-scripts.ts) to audio with exact references.
 *
 * Each turn is spoken by espeak-ng (clinician and client in different voices, speeds and
 * pitches; which voice is the clinician alternates between dialogues), resampled to 16 kHz,
 * trimmed of its leading and trailing silence and measured with soxi, so every reference turn
 * has its true start and end. Turns are joined with short pauses and a low noise floor is mixed
 * in. Two files per dialogue: mono (`dNN.wav`) and stereo with one voice per channel
 * (`dNN.stereo.wav`, clinician left) for the channel-separation path.
 *
 * Output is cached in `outDir` (e.g. `.tmp/speech-eval/dialogues`, git-ignored) and rendered again
 * when the scripts or these settings change (a hash in `manifest.json`).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { DIALOGUE_SCRIPTS, type DialogueScript } from './dialogue-scripts.js';

const run = promisify(execFile);

const VOICES = [
  { voice: 'en-us', speed: 160, pitch: 40 },
  { voice: 'en-us+f3', speed: 150, pitch: 60 },
] as const;
/** Pause lengths between turns (seconds), cycled. */
const PAUSES = [0.7, 0.9, 0.6, 1.1, 0.8];
const LEAD_SEC = 0.5;
/** Amplitude of the pink-noise floor (about −55 dBFS RMS). */
const NOISE_VOL = 0.003;
const RENDER_VERSION = 1;

export const ReferenceTurnSchema = z.object({
  role: z.enum(['clinician', 'client']),
  speaker: z.enum(['Therapist', 'Client']),
  start: z.number(),
  end: z.number(),
  text: z.string(),
});
export type ReferenceTurn = z.infer<typeof ReferenceTurnSchema>;

export const RenderedDialogueSchema = z.object({
  id: z.string(),
  title: z.string(),
  gold: z.array(z.string()),
  /** 16 kHz mono WAV (both voices). */
  wav: z.string(),
  /** 16 kHz stereo WAV: clinician on the left channel, client on the right. */
  stereoWav: z.string(),
  durationSec: z.number(),
  turns: z.array(ReferenceTurnSchema),
});
export type RenderedDialogue = z.infer<typeof RenderedDialogueSchema>;

const ManifestSchema = z.object({
  hash: z.string(),
  dialogues: z.array(RenderedDialogueSchema),
});

function settingsHash(scripts: readonly DialogueScript[]): string {
  return createHash('sha256')
    .update(JSON.stringify({ scripts, VOICES, PAUSES, LEAD_SEC, NOISE_VOL, RENDER_VERSION }))
    .digest('hex')
    .slice(0, 16);
}

async function durationOf(wav: string): Promise<number> {
  const { stdout } = await run('soxi', ['-D', wav]);
  return Number(stdout.trim());
}

/** The reference as a timestamped transcript the core parses (`[hh:mm:ss] Therapist: …`). */
export function referenceText(d: RenderedDialogue): string {
  return d.turns.map((t) => `[${clock(t.start)}] ${t.speaker}: ${t.text}`).join('\n') + '\n';
}

function clock(sec: number): string {
  const s = Math.floor(sec);
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}`;
}

async function renderOne(
  script: DialogueScript,
  index: number,
  outDir: string,
  work: string,
): Promise<RenderedDialogue> {
  const clinicianVoice = VOICES[index % 2] ?? VOICES[0];
  const clientVoice = VOICES[(index + 1) % 2] ?? VOICES[1];
  const parts: string[] = [];
  const left: string[] = [];
  const turns: ReferenceTurn[] = [];
  const silence = async (name: string, sec: number): Promise<[string, string]> => {
    const mono = join(work, `${name}.wav`);
    const stereo = join(work, `${name}.st.wav`);
    await run('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', mono, 'trim', '0', String(sec)]);
    await run('sox', [
      '-n',
      '-r',
      '16000',
      '-c',
      '2',
      '-b',
      '16',
      stereo,
      'trim',
      '0',
      String(sec),
    ]);
    return [mono, stereo];
  };
  const [leadMono, leadStereo] = await silence(`${script.id}-lead`, LEAD_SEC);
  parts.push(leadMono);
  left.push(leadStereo);
  let t = LEAD_SEC;
  for (const [i, turn] of script.turns.entries()) {
    const v = turn.role === 'clinician' ? clinicianVoice : clientVoice;
    const raw = join(work, `${script.id}-${i}.raw.wav`);
    const wav = join(work, `${script.id}-${i}.wav`);
    const st = join(work, `${script.id}-${i}.st.wav`);
    await run('espeak-ng', [
      '-v',
      v.voice,
      '-s',
      String(v.speed),
      '-p',
      String(v.pitch),
      '-w',
      raw,
      turn.text,
    ]);
    // 16 kHz, then trim leading and trailing silence so the turn's times are exact.
    await run('sox', [
      raw,
      '-r',
      '16000',
      '-c',
      '1',
      '-b',
      '16',
      wav,
      'silence',
      '1',
      '0.01',
      '0.1%',
      'reverse',
      'silence',
      '1',
      '0.01',
      '0.1%',
      'reverse',
    ]);
    await run('sox', [
      wav,
      '-c',
      '2',
      st,
      'remix',
      ...(turn.role === 'clinician' ? ['1', '0'] : ['0', '1']),
    ]);
    const len = await durationOf(wav);
    turns.push({
      role: turn.role,
      speaker: turn.role === 'clinician' ? 'Therapist' : 'Client',
      start: round3(t),
      end: round3(t + len),
      text: turn.text,
    });
    t += len;
    parts.push(wav);
    left.push(st);
    const pause = PAUSES[i % PAUSES.length] ?? 0.8;
    const [pm, ps] = await silence(`${script.id}-p${i}`, pause);
    parts.push(pm);
    left.push(ps);
    t += pause;
  }
  const cleanMono = join(work, `${script.id}.clean.wav`);
  const cleanStereo = join(work, `${script.id}.clean.st.wav`);
  await run('sox', [...parts, cleanMono]);
  await run('sox', [...left, cleanStereo]);
  const durationSec = await durationOf(cleanMono);
  const noiseMono = join(work, `${script.id}.noise.wav`);
  const noiseStereo = join(work, `${script.id}.noise.st.wav`);
  const synth = ['synth', String(durationSec), 'pinknoise', 'vol', String(NOISE_VOL)];
  await run('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', noiseMono, ...synth]);
  await run('sox', ['-n', '-r', '16000', '-c', '2', '-b', '16', noiseStereo, ...synth]);
  const wav = join(outDir, `${script.id}.wav`);
  const stereoWav = join(outDir, `${script.id}.stereo.wav`);
  await run('sox', ['-m', '-v', '1', cleanMono, '-v', '1', noiseMono, '-b', '16', wav]);
  await run('sox', ['-m', '-v', '1', cleanStereo, '-v', '1', noiseStereo, '-b', '16', stereoWav]);
  return {
    id: script.id,
    title: script.title,
    gold: script.gold,
    wav,
    stereoWav,
    durationSec: round3(durationSec),
    turns,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The rendered dialogues in `outDir`, rendering them first when missing or out of date.
 * Needs espeak-ng and sox.
 */
export async function generateDialogues(
  outDir: string,
  scripts: readonly DialogueScript[] = DIALOGUE_SCRIPTS,
): Promise<RenderedDialogue[]> {
  const hash = settingsHash(scripts);
  const manifestPath = join(outDir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
    if (
      parsed.success &&
      parsed.data.hash === hash &&
      parsed.data.dialogues.every((d) => existsSync(d.wav) && existsSync(d.stereoWav))
    ) {
      return parsed.data.dialogues;
    }
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const work = join(outDir, 'work');
  mkdirSync(work);
  const dialogues: RenderedDialogue[] = [];
  for (const [i, script] of scripts.entries())
    dialogues.push(await renderOne(script, i, outDir, work));
  rmSync(work, { recursive: true, force: true });
  writeFileSync(manifestPath, JSON.stringify({ hash, dialogues }, null, 2) + '\n');
  return dialogues;
}
