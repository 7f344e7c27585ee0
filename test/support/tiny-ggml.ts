/**
 * Writes tiny but structurally valid ggml Whisper model files for tests.
 *
 * Real Whisper weights cannot be downloaded on the test machines, so the tests make their own
 * model: the exact file format whisper.cpp's loader reads (magic, hyper-parameters, mel filters,
 * vocabulary, then every tensor the loader expects with the right name, shape and type), with
 * minimal dimensions. The real binding loads it and runs the whole recogniser on it (mel
 * spectrogram, encoder, decoder, timestamp rules, segments). With the defaults the file is
 * about 1.4 MB: the token embedding (51 864 tokens × 8 half floats) is most of it.
 *
 * The encoder has seeded random weights. The decoder is SCRIPTED, so what the model "says" is
 * known and quick to decode whatever the audio: its attention and MLP outputs are zero, so the
 * last hidden state is the token embedding plus a positional embedding that dwarfs it, and the
 * logits depend on the position alone. Position 0 (after the start-of-transcript token) scores
 * the timestamp `startSec` highest, the next positions the words of `words`, then the timestamp
 * `endSec`, then end-of-text. An English-only model (n_vocab 51864) thus transcribes every
 * window of audio as one segment `startSec`–`endSec` (relative to the window) with the text
 * ` tiny test model`; with no fallback (every chosen token has probability ≈ 1).
 *
 * Format (little-endian), as whisper.cpp's `whisper_model_load` reads it:
 * - `uint32` magic `0x67676d6c` ("ggml")
 * - 11 × `int32` hparams: n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
 *   n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype
 * - mel filters: `int32` n_mel, `int32` n_fft, n_mel × n_fft `float32`
 * - vocabulary: `int32` count, then per token `uint32` byte length + bytes (the loader adds
 *   placeholder tokens up to n_vocab itself)
 * - tensors until the end of the file: `int32` n_dims, `int32` name length, `int32` type
 *   (0 f32, 1 f16), n_dims × `int32` ne (innermost first), name bytes, data
 */
import { writeFileSync } from 'node:fs';
import { mulberry32 } from './random.js';

export const GGML_MAGIC = 0x67676d6c;

export interface TinyGgmlOptions {
  /** 51864: English-only token layout (default); 51865: multilingual; 51866: large-v3. */
  nVocab?: number;
  /** Encoder layers (4 tiny, 6 base, 12 small, 24 medium, 32 large: the size class). */
  nAudioLayer?: number;
  nTextLayer?: number;
  nMels?: number;
  /** 1: f16 matrices, as the published models (default). 0: all f32. */
  ftype?: 0 | 1;
  /** Words the decoder says, 1–4 (default `tiny test model`). */
  words?: string[];
  /** Segment start and end, seconds from the start of each window, ≤ 1 and ≤ 30 (0.2, 1.0). */
  startSec?: number;
  endSec?: number;
  /** Seed of the encoder's random weights. */
  seed?: number;
  /** Include the lone-space token whisper.cpp requires (default true; false: a broken file). */
  blankToken?: boolean;
}

export interface Hparams {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  ftype: number;
}

/** Fixed by the model's input: 30 s of audio is 3000 mel frames, halved by the second conv. */
const N_AUDIO_CTX = 1500;
const N_TEXT_CTX = 448;
const N_FFT = 201;
/** Model width: 8 = the Hadamard rows the scripted decoder needs (7 non-constant ones). */
const N_STATE = 8;
const N_HEAD = 2;
/** Text tokens of the GPT-2 style vocabulary; ids from here on are special tokens. */
const N_TEXT_TOKENS = 50256;
const EOT = 50256;
/** A lone space, looked up by whisper.cpp to suppress blanks. */
const SPACE_TOKEN = 220;
/** Where the scripted words go in the vocabulary. */
const FIRST_WORD_TOKEN = 1000;
/** Logit of the scripted token at each position, and of every other token. */
const CHOSEN = 10;
const OTHER = -10;
/** Positional embedding scale: large next to the token embeddings. */
const POSITION_SCALE = 1000;

/** The hparams block alone: for header-reading tests that need no loadable file. */
export function ggmlHeader(h: Hparams): Buffer {
  const b = Buffer.alloc(4 + 11 * 4);
  b.writeUInt32LE(GGML_MAGIC, 0);
  const values = [
    h.nVocab,
    h.nAudioCtx,
    h.nAudioState,
    h.nAudioHead,
    h.nAudioLayer,
    h.nTextCtx,
    h.nTextState,
    h.nTextHead,
    h.nTextLayer,
    h.nMels,
    h.ftype,
  ];
  values.forEach((v, i) => b.writeInt32LE(v, 4 + i * 4));
  return b;
}

/** Writes a loadable tiny model to `path`; returns its hparams and size in bytes. */
export function writeTinyGgmlModel(
  path: string,
  opts: TinyGgmlOptions = {},
): { hparams: Hparams; bytes: number } {
  const { hparams, data } = tinyGgmlModel(opts);
  writeFileSync(path, data);
  return { hparams, bytes: data.length };
}

export function tinyGgmlModel(opts: TinyGgmlOptions = {}): { hparams: Hparams; data: Buffer } {
  const h: Hparams = {
    nVocab: opts.nVocab ?? 51864,
    nAudioCtx: N_AUDIO_CTX,
    nAudioState: N_STATE,
    nAudioHead: N_HEAD,
    nAudioLayer: opts.nAudioLayer ?? 1,
    nTextCtx: N_TEXT_CTX,
    nTextState: N_STATE,
    nTextHead: N_HEAD,
    nTextLayer: opts.nTextLayer ?? 1,
    nMels: opts.nMels ?? 80,
    ftype: opts.ftype ?? 1,
  };
  const words = opts.words ?? ['tiny', 'test', 'model'];
  if (words.length < 1 || words.length > 4) throw new RangeError('1 to 4 scripted words');
  const script = decoderScript(h, words, opts.startSec ?? 0.2, opts.endSec ?? 1.0);
  const rand = gaussian(opts.seed ?? 1);
  const parts: Buffer[] = [
    ggmlHeader(h),
    melFilters(h.nMels),
    vocabulary(words, opts.blankToken ?? true),
  ];
  for (const t of tensorList(h, script)) parts.push(tensor(t, h.ftype, () => rand() * 0.2));
  return { hparams: h, data: Buffer.concat(parts) };
}

interface TensorSpec {
  name: string;
  /** Innermost first, as ggml stores them. */
  ne: number[];
  /** `matrix`: the model's weight type (f16 when ftype 1); `f32`: always f32 (biases, norms). */
  kind: 'matrix' | 'f32';
  /** Constant value, or exact values, instead of random. */
  fill?: number | Float32Array;
}

/**
 * The decoder's token and positional embeddings. Position p's embedding is POSITION_SCALE × row
 * r(p) of an 8 × 8 Hadamard matrix (zero mean, unit variance, orthogonal rows); after the final
 * layer norm the hidden state is ≈ that row, so a token's logit at p is row r(p) · its embedding.
 * Each token's embedding is Σ_r (its wanted logit at rows r) / 8 × row r.
 */
function decoderScript(
  h: Hparams,
  words: string[],
  startSec: number,
  endSec: number,
): { positions: Float32Array; tokens: Float32Array } {
  const rows = hadamard(N_STATE).slice(1); // row 0 is constant: the layer norm would erase it
  const multilingual = h.nVocab >= 51865;
  const beg = multilingual ? 50364 + (h.nVocab - 51865) : 50363; // <|0.00|>
  const ts = (sec: number): number => beg + Math.round(sec / 0.02);
  // Logits per position: the scripted token, in order; every later position says end-of-text.
  const chosen = [ts(startSec), ...words.map((_, i) => FIRST_WORD_TOKEN + i), ts(endSec), EOT];
  const positions = new Float32Array(N_STATE * h.nTextCtx);
  for (let p = 0; p < h.nTextCtx; p++) {
    const row = rows[Math.min(p, chosen.length - 1)] ?? [];
    row.forEach((v, d) => (positions[p * N_STATE + d] = v * POSITION_SCALE));
  }
  const tokens = new Float32Array(N_STATE * h.nVocab);
  for (let t = 0; t < h.nVocab; t++) {
    for (let r = 0; r < chosen.length; r++) {
      const logit = chosen[r] === t ? CHOSEN : OTHER;
      const row = rows[r] ?? [];
      row.forEach(
        (v, d) =>
          (tokens[t * N_STATE + d] = (tokens[t * N_STATE + d] ?? 0) + (logit / N_STATE) * v),
      );
    }
  }
  return { positions, tokens };
}

/** Sylvester's Hadamard matrix of order n (a power of two), rows of ±1. */
function hadamard(n: number): number[][] {
  let m = [[1]];
  while (m.length < n)
    m = [...m.map((r) => [...r, ...r]), ...m.map((r) => [...r, ...r.map((v) => -v)])];
  return m;
}

/** Every tensor the loader expects, in the order the converter writes them. */
function tensorList(
  h: Hparams,
  script: { positions: Float32Array; tokens: Float32Array },
): TensorSpec[] {
  const s = h.nAudioState;
  const list: TensorSpec[] = [
    { name: 'encoder.positional_embedding', ne: [s, h.nAudioCtx], kind: 'f32' },
    { name: 'encoder.conv1.weight', ne: [3, h.nMels, s], kind: 'matrix' },
    { name: 'encoder.conv1.bias', ne: [1, s], kind: 'f32' },
    { name: 'encoder.conv2.weight', ne: [3, s, s], kind: 'matrix' },
    { name: 'encoder.conv2.bias', ne: [1, s], kind: 'f32' },
  ];
  // `zero`: a decoder block whose outputs are zero (the residual stream passes unchanged).
  const block = (prefix: string, cross: boolean, zero: boolean): TensorSpec[] => {
    const w = (name: string, ne: number[], kind: 'matrix' | 'f32'): TensorSpec =>
      zero ? { name, ne, kind, fill: 0 } : { name, ne, kind };
    const attn = (a: string): TensorSpec[] => [
      { name: `${prefix}.${a}_ln.weight`, ne: [s], kind: 'f32', fill: 1 },
      { name: `${prefix}.${a}_ln.bias`, ne: [s], kind: 'f32', fill: 0 },
      w(`${prefix}.${a}.query.weight`, [s, s], 'matrix'),
      w(`${prefix}.${a}.query.bias`, [s], 'f32'),
      w(`${prefix}.${a}.key.weight`, [s, s], 'matrix'),
      w(`${prefix}.${a}.value.weight`, [s, s], 'matrix'),
      w(`${prefix}.${a}.value.bias`, [s], 'f32'),
      w(`${prefix}.${a}.out.weight`, [s, s], 'matrix'),
      w(`${prefix}.${a}.out.bias`, [s], 'f32'),
    ];
    return [
      ...attn('attn'),
      ...(cross ? attn('cross_attn') : []),
      { name: `${prefix}.mlp_ln.weight`, ne: [s], kind: 'f32', fill: 1 },
      { name: `${prefix}.mlp_ln.bias`, ne: [s], kind: 'f32', fill: 0 },
      w(`${prefix}.mlp.0.weight`, [s, 4 * s], 'matrix'),
      w(`${prefix}.mlp.0.bias`, [4 * s], 'f32'),
      w(`${prefix}.mlp.2.weight`, [4 * s, s], 'matrix'),
      w(`${prefix}.mlp.2.bias`, [s], 'f32'),
    ];
  };
  for (let i = 0; i < h.nAudioLayer; i++) list.push(...block(`encoder.blocks.${i}`, false, false));
  list.push(
    { name: 'encoder.ln_post.weight', ne: [s], kind: 'f32', fill: 1 },
    { name: 'encoder.ln_post.bias', ne: [s], kind: 'f32', fill: 0 },
    {
      name: 'decoder.positional_embedding',
      ne: [s, h.nTextCtx],
      kind: 'f32',
      fill: script.positions,
    },
    {
      name: 'decoder.token_embedding.weight',
      ne: [s, h.nVocab],
      kind: 'matrix',
      fill: script.tokens,
    },
  );
  for (let i = 0; i < h.nTextLayer; i++) list.push(...block(`decoder.blocks.${i}`, true, true));
  list.push(
    { name: 'decoder.ln.weight', ne: [s], kind: 'f32', fill: 1 },
    { name: 'decoder.ln.bias', ne: [s], kind: 'f32', fill: 0 },
  );
  return list;
}

function tensor(t: TensorSpec, ftype: number, random: () => number): Buffer {
  const f16 = t.kind === 'matrix' && ftype === 1;
  const name = Buffer.from(t.name, 'utf8');
  const count = t.ne.reduce((a, b) => a * b, 1);
  const head = Buffer.alloc(12 + 4 * t.ne.length);
  head.writeInt32LE(t.ne.length, 0);
  head.writeInt32LE(name.length, 4);
  head.writeInt32LE(f16 ? 1 : 0, 8);
  t.ne.forEach((n, i) => head.writeInt32LE(n, 12 + 4 * i));
  const data = Buffer.alloc(count * (f16 ? 2 : 4));
  const fill = t.fill;
  for (let i = 0; i < count; i++) {
    const v = fill === undefined ? random() : typeof fill === 'number' ? fill : (fill[i] ?? 0);
    if (f16) data.writeUInt16LE(toHalf(v), i * 2);
    else data.writeFloatLE(v, i * 4);
  }
  return Buffer.concat([head, name, data]);
}

/** Triangular mel filters over the 201 FFT bins, so the spectrogram is not constant. */
function melFilters(nMel: number): Buffer {
  const b = Buffer.alloc(8 + nMel * N_FFT * 4);
  b.writeInt32LE(nMel, 0);
  b.writeInt32LE(N_FFT, 4);
  const width = (N_FFT - 1) / (nMel + 1);
  for (let m = 0; m < nMel; m++) {
    const centre = (m + 1) * width;
    for (let k = 0; k < N_FFT; k++) {
      const v = Math.max(0, 1 - Math.abs(k - centre) / width);
      b.writeFloatLE(v, 8 + (m * N_FFT + k) * 4);
    }
  }
  return b;
}

/**
 * 50 256 text tokens: the scripted words at FIRST_WORD_TOKEN…, a lone space at 220 (as in the
 * GPT-2 vocabulary; whisper.cpp looks it up), and short digit strings elsewhere.
 */
function vocabulary(words: string[], blank: boolean): Buffer {
  const parts: Buffer[] = [];
  const count = Buffer.alloc(4);
  count.writeInt32LE(N_TEXT_TOKENS, 0);
  parts.push(count);
  for (let i = 0; i < N_TEXT_TOKENS; i++) {
    const scripted = words[i - FIRST_WORD_TOKEN];
    const text =
      i === SPACE_TOKEN && blank ? ' ' : scripted !== undefined ? ` ${scripted}` : `<${i}>`;
    const word = Buffer.from(text, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(word.length, 0);
    parts.push(len, word);
  }
  return Buffer.concat(parts);
}

/** IEEE 754 half precision (round to nearest; no NaN handling needed for these weights). */
function toHalf(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0] ?? 0;
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  const mant = x & 0x7fffff;
  if (exp <= 0) return sign; // tiny values flush to zero
  if (exp >= 31) return sign | 0x7c00; // overflow to infinity (not reached with these scales)
  return sign | ((exp << 10) + ((mant + 0x1000) >>> 13));
}

/** Seeded standard normal numbers (Box–Muller over mulberry32). */
function gaussian(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}
