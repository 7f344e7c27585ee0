import { describe, expect, it } from 'vitest';
import type { Dialogue } from './annomi.js';
import { fitEmbeddings, turnVector, unpackEmbeddings } from './embed.js';
import { DEFAULT_TRAIN, fitStack } from './train.js';
import { featurize, fnv, markSalient, turnInfo } from './features.js';
import { packSalience, unpackSalience } from './linear.js';
import { fitTaskEmbeddings } from './train.js';

describe('conversation salience (experimental option, off by default)', () => {
  const turns = [
    { role: 'clinician' as const, text: 'Tell me about the smoking.' },
    { role: 'client' as const, text: 'I smoke when I am stressed, the smoking calms me.' },
    { role: 'clinician' as const, text: 'What would you like to do?' },
    { role: 'client' as const, text: 'I want to quit smoking, really.' },
  ];
  it('marks topic words used across turns, not function words', () => {
    const infos = turns.map((t) => turnInfo(t));
    markSalient(infos, 10, () => 0);
    const marked = infos.flatMap((t) => t.tokens.filter((_, i) => t.salient?.[i] === 1));
    expect(marked).toContain('smoking');
    expect(marked).not.toContain('the');
    expect(marked).not.toContain('want');
  });
  it('adds features only when the option is on', () => {
    const infos = turns.map((t) => turnInfo(t));
    markSalient(infos, 10, () => 0);
    const cfg = DEFAULT_TRAIN.talk.features;
    const off = featurize(infos, 3, cfg);
    const on = featurize(infos, 3, { ...cfg, salience: true });
    expect(on.length).toBeGreaterThan(off.length);
    expect(off.every((h) => on.includes(h))).toBe(true);
  });
  it('round-trips the document-frequency table', () => {
    const df = new Map([
      [5, 1],
      [900_000, 300],
      [fnv('x'), 7],
    ]);
    const u = unpackSalience(packSalience({ docs: 20, df }));
    expect(u.docs).toBe(20);
    expect([...u.df].sort((a, b) => a[0] - b[0])).toEqual(
      [...df].map(([k, v]): [number, number] => [k, Math.min(v, 255)]).sort((a, b) => a[0] - b[0]),
    );
  });
});

describe('word-vector projection (experimental option, off by default)', () => {
  const vec: Record<string, number[]> = {
    drink: [1, 0, 0, 0.1],
    beer: [0.9, 0.1, 0, 0],
    quit: [0, 1, 0.2, 0],
    stop: [0, 0.9, 0.1, 0],
    happy: [0, 0, 1, 0.3],
  };
  const words = Object.keys(vec).map((word) => ({ word, hash: fnv(word) }));
  it('keeps similar words close after projection and quantisation', () => {
    const e = unpackEmbeddings(fitEmbeddings(words, (w) => vec[w], 2));
    const at = (w: string) => {
      const o = e.rows.get(fnv(w)) ?? -1;
      return [e.vecs[o] ?? 0, e.vecs[o + 1] ?? 0];
    };
    const dist = (a: number[], b: number[]) =>
      Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0));
    expect(dist(at('drink'), at('beer'))).toBeLessThan(dist(at('drink'), at('quit')));
    expect(dist(at('quit'), at('stop'))).toBeLessThan(dist(at('quit'), at('beer')));
  });
  it('takes the clause after "but" separately', () => {
    const e = unpackEmbeddings(fitEmbeddings(words, (w) => vec[w], 2));
    const v = turnVector(turnInfo({ role: 'client', text: 'beer is fine but i want to quit' }), e);
    const q = turnVector(turnInfo({ role: 'client', text: 'quit' }), e);
    expect(v.length).toBe(4);
    expect([v[2], v[3]]).toEqual([q[0], q[1]]);
    expect(v[0]).not.toBe(q[0]);
  });
  it('fails clearly without pretrained vectors', () => {
    const d: Dialogue[] = [{ id: 'a', quality: 'high', turns: [{ role: 'client', text: 'x' }] }];
    expect(() => fitTaskEmbeddings(d, 'talk', { dim: 2, minCount: 1 }, undefined)).toThrow(
      /EMBEDDINGS_DIR/,
    );
  });
});

describe('stage-2 own-logit anchor (experimental option, off by default)', () => {
  it('pulls the weights on the own logits towards the identity', () => {
    const k = 3;
    // inputs whose own logits carry no signal: without the anchor their weights go to ~0
    const xs = Array.from({ length: 60 }, (_, i) => {
      const x = new Float64Array(4 * k);
      x[i % 3] = ((i * 7) % 5) - 2;
      x[k + (i % 3)] = 1;
      return x;
    });
    const y = xs.map((_, i) => i % 3);
    const free = fitStack(k, xs, y, 0.5, 1e-3, [1 / 3, 1 / 3, 1 / 3]);
    const anchored = fitStack(k, xs, y, 0.5, 1e-3, [1 / 3, 1 / 3, 1 / 3], 10);
    const d = 4 * k;
    const diag = (w: readonly number[]) => [0, 1, 2].map((c) => w[c * d + c] ?? 0);
    for (const v of diag(anchored.w)) expect(v).toBeGreaterThan(0.8);
    expect(Math.max(...diag(free.w))).toBeLessThan(0.5);
  });
});
