import { describe, expect, it } from 'vitest';
import { PocketsphinxOutputParser, baseWord, isFillerToken } from './output.js';

const OUTPUT = `he was not an ill disposed young man
<s> 0.000 0.060 0.999700
<sil> 0.070 0.200 0.690843
he 0.210 0.320 0.998701
was(2) 0.330 0.540 0.999600
[SPEECH] 0.980 1.100 0.535758
man 2.330 2.790 1.000300
</s> 2.800 3.090 1.000000

<s> 4.000 4.560 0.999800
[NOISE] 4.570 4.800 0.999800
</s> 4.810 4.870 1.000000
might even
<s> 4.880 4.990 1.000100
might 5.380 5.620 0.996805
even 5.630 5.910 1.000300`;

describe('PocketsphinxOutputParser', () => {
  it('turns hypothesis + time lines into utterances of real words', () => {
    const p = new PocketsphinxOutputParser();
    const done = OUTPUT.split('\n').flatMap((l) => p.line(l));
    // The first is complete at its </s>; the filler-only one is dropped; the last is still open.
    expect(done).toHaveLength(1);
    expect(done[0]?.words.map((w) => w.text)).toEqual(['he', 'was', 'man']);
    expect(done[0]).toMatchObject({ start: 0, end: 3.09 });
    expect(done[0]?.words[2]).toEqual({ text: 'man', start: 2.33, end: 2.79, confidence: 1 });
    const last = p.end();
    expect(last.map((u) => u.words.map((w) => w.text).join(' '))).toEqual(['might even']);
    expect(p.end()).toEqual([]);
  });

  it('a hypothesis line closes an utterance that had no </s>', () => {
    const p = new PocketsphinxOutputParser();
    p.line('hello');
    p.line('hello 0.100 0.500 0.9');
    expect(p.line('next').map((u) => u.words[0]?.text)).toEqual(['hello']);
  });

  it('classifies tokens', () => {
    expect(['<s>', '</s>', '<sil>', '[NOISE]', '++BREATH++'].every(isFillerToken)).toBe(true);
    expect(isFillerToken('hello')).toBe(false);
    expect(baseWord('to(2)')).toBe('to');
    expect(baseWord("don't")).toBe("don't");
  });
});
