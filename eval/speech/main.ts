/**
 * `npm run eval:speech`: only the speech evaluation (eval/speech/run.ts); writes
 * docs/speech-evaluation.md and exits 1 on a hard failure (pocketsphinx missing or broken).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSpeechEval } from './run.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { markdown, ok } = await runSpeechEval(root);
process.stdout.write(markdown);
process.stdout.write(`\nWrote ${resolve(root, 'docs/speech-evaluation.md')}\n`);
if (!ok) process.stderr.write('eval:speech: hard failure (see "Problems" above)\n');
process.exitCode = ok ? 0 : 1;
