import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAnnomi } from './annomi.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { parseCsv } from './csv.js';
import {
  DEFAULT_FEATURES,
  featureBuffer,
  featurize,
  stem,
  tokenize,
  turnInfo,
  type TextTurn,
} from './features.js';
import { labelSequence } from './labeler.js';
import { rowOf, unpackModel } from './linear.js';
import { scoreLabels } from './metrics.js';
import { MI_MODEL, TALK_MODEL } from './mi-model.generated.js';
import { DEFAULT_TRAIN, groupedFolds, TASK_LABELS, trainTask } from './train.js';

describe('parseCsv', () => {
  it('handles quoted commas, doubled quotes, line breaks and CRLF', () => {
    const rows = parseCsv('a,b,c\r\n1,"x, ""y""",3\n2,"line\nbreak",\n');
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', '3'],
      ['2', 'line\nbreak', ''],
    ]);
  });
  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unterminated/);
  });
});

describe('tokenize and featurize', () => {
  it('ignores case, punctuation and apostrophes', () => {
    expect(tokenize("So, what DON'T you like about it?")).toEqual(
      tokenize('so what dont you like about it'),
    );
    expect(tokenize('(laughs) I had 3 drinks')).toEqual(['i', 'had', '<num>', 'drinks']);
  });
  it('stems inflections to one key', () => {
    expect(stem('drinking')).toBe(stem('drinks'));
    expect(stem('worries')).toBe('worry');
  });
  it('adds a trailing-question feature only when "?" is present', () => {
    const withQ = featurize(
      [turnInfo({ role: 'clinician', text: 'You came in today?' })],
      0,
      DEFAULT_FEATURES,
    );
    const noQ = featurize(
      [turnInfo({ role: 'clinician', text: 'you came in today' })],
      0,
      DEFAULT_FEATURES,
    );
    expect(withQ.length).toBe(noQ.length + 1);
    expect(noQ.every((f) => withQ.includes(f))).toBe(true);
  });
  it('uses the neighbouring turn of the other role as context', () => {
    const a: TextTurn[] = [
      { role: 'client', text: 'I want to stop' },
      { role: 'clinician', text: 'You want to stop' },
    ];
    const b: TextTurn[] = [
      { role: 'client', text: 'It is fine as it is' },
      { role: 'clinician', text: 'You want to stop' },
    ];
    const fa = featurize(
      a.map((t) => turnInfo(t)),
      1,
      DEFAULT_FEATURES,
    );
    const fb = featurize(
      b.map((t) => turnInfo(t)),
      1,
      DEFAULT_FEATURES,
    );
    expect(fa).not.toEqual(fb);
    const alone = featurize([turnInfo(a[1] ?? { role: 'clinician', text: '' })], 0, {
      ...DEFAULT_FEATURES,
      prevContext: false,
      nextContext: false,
    });
    expect(alone.every((f) => fa.includes(f))).toBe(true);
  });
});

describe('feature buffer', () => {
  it('holds distinct hashes in the same order as featurize, also for repeated words', () => {
    const infos = [
      turnInfo({ role: 'clinician', text: 'so so what do you want' }),
      turnInfo({ role: 'client', text: "I want I want I want to stop, I don't know, I can't" }),
    ];
    const cfg = DEFAULT_TRAIN.talk.features;
    const arr = featurize(infos, 1, cfg);
    expect(new Set(arr).size).toBe(arr.length);
    expect(Array.from(featureBuffer(infos, 1, cfg))).toEqual(arr);
    // a long turn grows the buffer and the seen-table without losing or duplicating features
    const long = [
      turnInfo({
        role: 'client',
        text: Array.from({ length: 3000 }, (_, i) => `w${i % 997}x`).join(' '),
      }),
    ];
    const f = featurize(long, 0, cfg);
    expect(new Set(f).size).toBe(f.length);
    expect(f.length).toBeGreaterThan(2000);
  });
});

describe('base64', () => {
  it('round-trips every length', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 0xff);
      expect(Array.from(decodeBase64(encodeBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });
});

describe('shipped model', () => {
  const models = { mi: unpackModel(MI_MODEL), talk: unpackModel(TALK_MODEL) };
  const label = (turns: TextTurn[]) => labelSequence(turns, models);

  it('is small', () => {
    const size = JSON.stringify(MI_MODEL).length + JSON.stringify(TALK_MODEL).length;
    expect(size).toBeLessThan(400 * 1024);
    expect(models.mi.rows.size).toBeGreaterThan(1000);
  });

  it('finds every feature row through the hash table, and nothing for unknown hashes', () => {
    for (const [h, off] of models.talk.rows) expect(rowOf(models.talk.table, h)).toBe(off);
    let misses = 0;
    for (let h = 1; h < 2000; h++)
      if (!models.talk.rows.has(h) && rowOf(models.talk.table, h) === -1) misses++;
    expect(misses).toBeGreaterThan(1990);
  });

  it('labels obvious clinician behaviours, with and without punctuation', () => {
    const turns: TextTurn[] = [
      { role: 'clinician', text: 'What brings you in today?' },
      { role: 'client', text: 'My wife thinks I drink too much.' },
      { role: 'clinician', text: "It sounds like you're torn." },
      { role: 'client', text: 'Yeah.' },
    ];
    const l = label(turns);
    expect(l[0]?.mi).toBe('question');
    expect(l[2]?.mi).toBe('reflection');
    const asr = label(turns.map((t) => ({ ...t, text: tokenize(t.text).join(' ') })));
    expect(asr[0]?.mi).toBe('question');
    expect(asr[2]?.mi).toBe('reflection');
  });

  it('labels obvious change and sustain talk', () => {
    const l = label([
      { role: 'clinician', text: 'How do you feel about your drinking these days?' },
      { role: 'client', text: 'I really want to cut back.' },
      { role: 'clinician', text: 'And what do your evenings look like?' },
      { role: 'client', text: "Drinking helps me relax, I don't see a problem." },
    ]);
    expect(l[1]?.talk).toBe('change');
    expect(l[3]?.talk).toBe('sustain');
  });

  it('gives wordless turns a fallback and other speakers nothing', () => {
    const l = label([
      { role: 'clinician', text: '(nods)' },
      { role: 'client', text: '' },
      { role: 'other', text: 'Can I say something?' },
    ]);
    expect(l).toEqual([{ mi: 'other' }, { talk: 'neutral' }, {}]);
  });
});

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CSV = path.resolve(HERE, '../../../../../shared/corpus/annomi/annomi-dev.csv');

describe.skipIf(!existsSync(CSV))('AnnoMI held-out fold (grouped by transcript)', () => {
  it('reaches the macro-F1 floor on transcripts it was not fitted on', () => {
    const dialogues = parseAnnomi(readFileSync(CSV, 'utf8'));
    expect(dialogues).toHaveLength(99);
    const folds = groupedFolds(
      dialogues.map((d) => d.id),
      5,
      13,
    );
    const train = dialogues.filter((d) => folds.get(d.id) !== 0);
    const test = dialogues.filter((d) => folds.get(d.id) === 0);
    const quick = { biasFolds: 0 };
    const models = {
      mi: unpackModel(trainTask(train, 'mi', { ...DEFAULT_TRAIN.mi, ...quick })),
      talk: unpackModel(trainTask(train, 'talk', { ...DEFAULT_TRAIN.talk, ...quick })),
    };
    const gold = { mi: [] as string[], talk: [] as string[] };
    const pred = { mi: [] as string[], talk: [] as string[] };
    for (const d of test) {
      const l = labelSequence(d.turns, models);
      d.turns.forEach((t, i) => {
        if (t.mi) {
          gold.mi.push(t.mi);
          pred.mi.push(l[i]?.mi ?? '');
        }
        if (t.talk) {
          gold.talk.push(t.talk);
          pred.talk.push(l[i]?.talk ?? '');
        }
      });
    }
    const mi = scoreLabels(TASK_LABELS.mi, gold.mi, pred.mi);
    const talk = scoreLabels(TASK_LABELS.talk, gold.talk, pred.talk);
    expect(mi.macroF1).toBeGreaterThanOrEqual(0.68);
    expect(talk.macroF1).toBeGreaterThanOrEqual(0.45);
  });
});
