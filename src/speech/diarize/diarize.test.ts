/** Diarization on real espeak-ng speech (and real ffmpeg for the stereo files). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecognizedSegment } from '../schema.js';
import { attributeEnergies } from './channels.js';
import { clusterSpeakers } from './cluster.js';
import { diarizationErrorRate } from './der.js';
import { diarize, diarizeFile } from './diarize.js';
import { EMBEDDING_LENGTH, embedSegments, segmentEmbedding } from './embedding.js';
import {
  makeDialogue,
  sampleDialogue,
  SAMPLE_LINES,
  writeWav,
  type Dialogue,
} from './test-helpers.js';

let dir: string;
let maleFemale: Dialogue;
let similar: Dialogue;
let single: Dialogue;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'docscrib-'));
  maleFemale = sampleDialogue({ voice: 'en-us' }, { voice: 'en-us+f3' }, 4, { crosstalk: 0.05 });
  similar = sampleDialogue({ voice: 'en-us+m3' }, { voice: 'en-us+m7' }, 4);
  single = makeDialogue(
    SAMPLE_LINES.slice(0, 3)
      .flat()
      .map((text) => ({ voice: 'en-us', text })),
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const segmentsOf = (d: Dialogue): RecognizedSegment[] =>
  d.turns.map((t) => ({ start: t.start, end: t.end, text: 'words' }));

/** `pcm` as a stream of `bytes`-sized chunks (odd sizes split samples across chunks). */
function chunks(pcm: Int16Array, bytes: number): AsyncIterable<Uint8Array> {
  const all = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += bytes) parts.push(all.slice(i, i + bytes));
  return Readable.from(parts);
}

/** Speaker labels expected: the dialogue's voices numbered by first appearance. */
const expected = (d: Dialogue): string[] => {
  const names: string[] = [];
  return d.turns.map((t) => {
    if (!names.includes(t.speaker)) names.push(t.speaker);
    return `Speaker ${names.indexOf(t.speaker) + 1}`;
  });
};

describe('voice clustering', () => {
  it('separates a male and a female espeak voice', async () => {
    const result = await diarize(chunks(maleFemale.mono, 32_000), segmentsOf(maleFemale));
    expect(result.method).toBe('clustering');
    expect(result.segments.map((s) => s.speaker)).toEqual(expected(maleFemale));
  });

  it('separates two similar (both male) voices', async () => {
    const result = await diarize(chunks(similar.mono, 32_000), segmentsOf(similar));
    expect(result.method).toBe('clustering');
    expect(result.segments.map((s) => s.speaker)).toEqual(expected(similar));
  });

  it('finds one speaker in a monologue: method none, all Speaker 1', async () => {
    const result = await diarize(chunks(single.mono, 32_000), segmentsOf(single));
    expect(result.method).toBe('none');
    expect(new Set(result.segments.map((s) => s.speaker))).toEqual(new Set(['Speaker 1']));
  });

  it('follows an exact speaker count, and a count of 1', async () => {
    const two = await diarize(chunks(maleFemale.mono, 32_000), segmentsOf(maleFemale), {
      numSpeakers: 2,
    });
    expect(two.segments.map((s) => s.speaker)).toEqual(expected(maleFemale));
    const one = await diarize(chunks(maleFemale.mono, 32_000), segmentsOf(maleFemale), {
      minSpeakers: 1,
      maxSpeakers: 1,
    });
    expect(one.method).toBe('none');
  });

  it('gives short segments and null embeddings a label (neighbour / nearest cluster)', () => {
    const segs = segmentsOf(maleFemale);
    const emb = segs.map((s) => segmentEmbedding(maleFemale.mono, s));
    const withGaps = [null, ...emb, segmentEmbedding(maleFemale.mono, { start: 0, end: 0.1 })];
    expect(withGaps[withGaps.length - 1]).toBeNull();
    const labels = clusterSpeakers(withGaps);
    expect(labels).toHaveLength(withGaps.length);
    expect(labels[0]).toBe(labels[1]);
    expect(labels[labels.length - 1]).toBe(labels[labels.length - 2]);
  });
});

describe('embeddings', () => {
  it('streamed in odd-sized chunks equal the in-memory embedding', async () => {
    const segs = segmentsOf(maleFemale);
    const streamed = await embedSegments(chunks(maleFemale.mono, 777), segs);
    const direct = segs.map((s) => segmentEmbedding(maleFemale.mono, s));
    expect(streamed).toHaveLength(segs.length);
    streamed.forEach((e, i) => {
      expect(e).not.toBeNull();
      expect(e?.length).toBe(EMBEDDING_LENGTH);
      expect(Array.from(e ?? [])).toEqual(Array.from(direct[i] ?? []));
    });
    // A slice holding just the segment gives the same as the whole buffer.
    const seg = segs[1] ?? { start: 0, end: 0 };
    const from = Math.round(seg.start * 16_000);
    const slice = maleFemale.mono.slice(from, Math.round(seg.end * 16_000));
    expect(Array.from(segmentEmbedding(slice, seg, from / 16_000) ?? [])).toEqual(
      Array.from(direct[1] ?? []),
    );
  });

  it('is null for too little speech', () => {
    expect(segmentEmbedding(maleFemale.mono, { start: 0, end: 0.2 })).toBeNull();
  });
});

describe('channels', () => {
  it('attributes each segment to its own microphone exactly (stereo file)', async () => {
    const path = join(dir, 'stereo.wav');
    writeWav(path, maleFemale.channels);
    const result = await diarizeFile(path, segmentsOf(maleFemale));
    expect(result.method).toBe('channels');
    expect(result.segments.map((s) => s.speaker)).toEqual(expected(maleFemale));
    const der = diarizationErrorRate(
      maleFemale.turns,
      result.segments.map((s) => ({ speaker: s.speaker, start: s.start, end: s.end })),
    );
    expect(der.der).toBe(0);
  });

  it('falls back to clustering when both channels carry the same sound', async () => {
    const path = join(dir, 'dual-mono.wav');
    writeWav(path, [maleFemale.mono, maleFemale.mono]);
    const result = await diarizeFile(path, segmentsOf(maleFemale));
    expect(result.method).toBe('clustering');
    expect(result.warnings.join(' ')).toMatch(/same voices/);
    expect(result.segments.map((s) => s.speaker)).toEqual(expected(maleFemale));
  });

  it('judges channel energies: distinct, same, and a silent channel', () => {
    const distinct = attributeEnergies([Float64Array.of(100, 1, 90), Float64Array.of(1, 80, 2)]);
    expect(distinct).toMatchObject({ channel: [0, 1, 0], distinct: true, unused: [] });
    const same = attributeEnergies([Float64Array.of(100, 80), Float64Array.of(99, 81)]);
    expect(same.distinct).toBe(false);
    const oneUsed = attributeEnergies([Float64Array.of(100, 80), Float64Array.of(0, 0)]);
    expect(oneUsed).toMatchObject({ distinct: false, unused: [1] });
  });
});
