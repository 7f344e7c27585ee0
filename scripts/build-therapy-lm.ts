/**
 * Builds `assets/speech/therapy.lm`, the pocketsphinx language model adapted to therapy speech
 * (`npx tsx scripts/build-therapy-lm.ts [--out file] [--domain-weight 0.2] [--cutoff 2]
 * [--background-words 60000]`).
 *
 * Training text (never the speech-evaluation dialogues in eval/speech/dialogue-scripts.ts, which
 * measure this model):
 * - ../shared/corpus/sessions/*.txt (therapy session transcripts),
 * - eval/corpus*\/*.txt (the project's own labelled sessions),
 * - ../shared/corpus/annomi/annomi-dev.csv (utterances of motivational-interviewing sessions).
 *
 * Background: the unigram probabilities of the general en-us LM that ships with
 * pocketsphinx-en-us, read through `sphinx_lm_convert` (Debian package sphinxbase-utils). That
 * program crashes after writing the unigram section of this model (an assertion in its ARPA
 * writer); the unigrams it wrote are all that is used. Only words with a pronunciation in
 * cmudict-en-us.dict are modelled. Deterministic: same inputs, same file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TrigramModel } from '../src/speech/lm/ngram.js';
import { textToSentences, transcriptTurns } from '../src/speech/lm/text.js';
import { DEFAULT_POCKETSPHINX_MODEL_DIR } from '../src/speech/engines/pocketsphinx.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'assets/speech/therapy.lm') },
    'domain-weight': { type: 'string', default: '0.2' },
    cutoff: { type: 'string', default: '2' },
    'background-words': { type: 'string', default: '60000' },
    'model-dir': { type: 'string', default: DEFAULT_POCKETSPHINX_MODEL_DIR },
  },
});

/** Words with a pronunciation (`word(2)` alternates folded). */
function dictionaryWords(dictPath: string): Set<string> {
  const words = new Set<string>();
  for (const line of readFileSync(dictPath, 'utf8').split('\n')) {
    const w = line.split(/\s/, 1)[0]?.replace(/\(\d+\)$/, '');
    if (w) words.add(w);
  }
  return words;
}

/** Unigram probabilities of the general LM (see the file comment for why this is partial). */
function generalUnigrams(lmBin: string): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'docscrib-lm-'));
  const arpa = join(dir, 'general.arpa');
  try {
    try {
      execFileSync('sphinx_lm_convert', ['-i', lmBin, '-o', arpa, '-ofmt', 'arpa'], {
        stdio: 'ignore',
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error('sphinx_lm_convert not found: sudo apt-get install sphinxbase-utils');
      }
      // Expected: it aborts after the unigrams (see above).
    }
    const text = readFileSync(arpa, 'utf8');
    const start = text.indexOf('\\1-grams:');
    const end = text.indexOf('\\2-grams:');
    const lines = text.slice(start + 9, end < 0 ? undefined : end).split('\n');
    const probs = new Map<string, number>();
    for (const line of lines) {
      const [lp, w] = line.trim().split(/\s+/);
      if (!w || lp === undefined || w.startsWith('<')) continue;
      const p = Math.pow(10, Number(lp));
      if (Number.isFinite(p) && p > 0) probs.set(w, p);
    }
    if (probs.size < 10_000) throw new Error(`only ${probs.size} unigrams read from ${lmBin}`);
    return probs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fields of one CSV record line stream (RFC 4180 quoting; records may span lines). */
function* csvRecords(text: string): Generator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field.replace(/\r$/, ''));
      yield record;
      record = [];
      field = '';
    } else field += ch;
  }
  if (field || record.length) yield [...record, field];
}

function trainingTexts(): { source: string; texts: string[] }[] {
  const sources: { source: string; texts: string[] }[] = [];
  const transcriptDirs = [
    resolve(root, '../shared/corpus/sessions'),
    ...readdirSync(join(root, 'eval'))
      .filter((d) => d.startsWith('corpus'))
      .map((d) => join(root, 'eval', d)),
  ];
  for (const dir of transcriptDirs) {
    if (!existsSync(dir)) throw new Error(`${dir} not found`);
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .flatMap((f) => transcriptTurns(readFileSync(join(dir, f), 'utf8')));
    sources.push({ source: relative(root, dir), texts });
  }
  const annomi = resolve(root, '../shared/corpus/annomi/annomi-dev.csv');
  const records = [...csvRecords(readFileSync(annomi, 'utf8'))];
  const col = records[0]?.indexOf('utterance_text') ?? -1;
  if (col < 0) throw new Error(`${annomi}: no utterance_text column`);
  sources.push({
    source: relative(root, annomi),
    texts: records.slice(1).map((r) => r[col] ?? ''),
  });
  return sources;
}

function main(): void {
  const modelDir = values['model-dir'];
  const vocabulary = dictionaryWords(join(modelDir, 'cmudict-en-us.dict'));
  const background = generalUnigrams(join(modelDir, 'en-us.lm.bin'));
  const sources = trainingTexts();
  const sentences = sources.flatMap((s) => s.texts.flatMap((t) => textToSentences(t)));
  const opts = {
    vocabulary,
    background,
    domainWeight: Number(values['domain-weight']),
    trigramCutoff: Number(values.cutoff),
    maxBackgroundWords: Number(values['background-words']),
  };
  const model = new TrigramModel(sentences, opts);
  const header = [
    'DocScrib therapy language model for pocketsphinx (generated: scripts/build-therapy-lm.ts).',
    'Interpolated Kneser-Ney trigram model; unigrams mixed with the pocketsphinx-en-us general LM.',
    `Training text: ${sources.map((s) => s.source).join(', ')} (${model.stats.trainingWords} words).`,
    `domain weight ${opts.domainWeight}, trigram cutoff ${opts.trigramCutoff}, background words ${opts.maxBackgroundWords}.`,
  ].join('\n');
  const arpa = model.toArpa(header);
  writeFileSync(values.out, arpa);
  process.stdout.write(
    `${values.out}: ${(arpa.length / 1e6).toFixed(2)} MB, ${model.stats.unigrams} unigrams, ` +
      `${model.stats.bigrams} bigrams, ${model.stats.trigrams} trigrams from ${model.stats.trainingWords} words\n`,
  );
}

main();
