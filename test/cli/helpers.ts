import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/docscrib.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `docscrib` command as a child process. */
export function runCli(
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, DOCSCRIB_DEBUG: '', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      done({ code, stdout, stderr });
    });
  });
}

/** A fresh temporary directory per test, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'docscrib-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function put(dir: string, name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** A stack trace line ("    at fn (file:1:2)"), which users must never see. */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

/**
 * Original, fictional sessions written for these tests (no real person or session).
 * CBT: a mood rating, a thought record reviewed, evidence for and against, belief ratings,
 * a risk question asked and answered, homework assigned.
 */
export const CBT_SESSION = `[00:00:04] Therapist: Good to see you. Before we start, how would you rate your mood this week, zero to ten?
[00:00:15] Client: Maybe a four. It was a rough week at the bakery.
[00:00:31] Therapist: Let's look at the thought record you did for homework.
[00:00:40] Client: I did it three times. The big one was when my manager moved my shift and I thought she wanted me gone.
[00:01:12] Therapist: What's the evidence for that thought, and what's the evidence against it?
[00:01:35] Client: Against it, she gave me the weekend I asked for. I guess I jumped to conclusions.
[00:02:06] Therapist: That sounds like mind reading, one of the thinking traps we talked about. What would be a more balanced thought?
[00:02:22] Client: Maybe she just needed cover and it was not about me at all.
[00:02:41] Therapist: How much do you believe the first thought now, from zero to a hundred percent?
[00:02:50] Client: About thirty. It was ninety when it happened.
[00:12:10] Therapist: I ask everyone this. Have you had any thoughts of ending your life or hurting yourself this week?
[00:12:18] Client: No, nothing like that.
[00:44:02] Therapist: For this week, could you do two more thought records, especially after a hard shift?
[00:44:12] Client: Yes, I can do that. I want to get better at catching it.
[00:46:40] Therapist: Good. Same time next week.
`;

/** Exposure with SUDS ratings, after a consent check. */
export const EXPOSURE_SESSION = `[00:00:03] Therapist: Last time we built the ladder for the bridge. Are you still okay with trying the first step today?
[00:00:12] Client: Yes, I agreed to it. I'm nervous but I want to try.
[00:00:25] Therapist: On the zero to one hundred scale, what's your anxiety right now?
[00:00:31] Client: Around sixty.
[00:05:40] Therapist: We're at the railing now. Stay with the feeling, no holding the rail. What's the number?
[00:05:48] Client: Eighty five. My legs feel weird.
[00:15:02] Therapist: You stayed out here about ten minutes. Where is it now?
[00:15:09] Client: Maybe forty. It came down on its own.
[00:38:30] Therapist: Between now and next time, walk the bridge three times without the rail.
[00:38:40] Client: Okay, I'll do it.
`;

/** Diarized labels, roles not named. */
export const DIARIZED_SESSION = `Speaker 1: What brings you in today?
Speaker 2: I have not been sleeping and I keep worrying about money.
Speaker 1: It sounds like the worry follows you to bed. How many nights this week?
Speaker 2: Five out of seven, I think.
`;
