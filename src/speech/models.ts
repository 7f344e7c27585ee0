/**
 * Whisper model files: where they live (`DOCSCRIB_MODELS_DIR`), which ones are installed and
 * usable, and how a model name or path given by a user becomes a checked file path.
 *
 * Models are whisper.cpp ggml files the user downloads (weights are never fetched by DocScrib).
 * A file is judged from its header and layout without loading the weights: the magic, the
 * hyper-parameters (they tell the size class — tiny, base, small, medium, large — and English-only
 * from multilingual), the vocabulary, and the exact file length the tensors of those
 * hyper-parameters need, so a truncated download or an HTML error page saved as `.bin` is caught
 * with a clear reason before the engine starts. The checks mirror the loader of the whisper.cpp
 * bundled with `@napi-rs/whisper`, including what makes that build abort the whole process
 * (f32 weights, a vocabulary without the blank token), so such files are refused here instead.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { DocscribError } from '../core/errors.js';

export const GGML_MAGIC = 0x67676d6c;

/** Where the published ggml Whisper models can be downloaded. */
export const MODEL_DOWNLOAD_PAGE = 'https://huggingface.co/ggerganov/whisper.cpp';

/** Direct download URL of a published model, e.g. `base.en` → …/ggml-base.en.bin. */
export function modelDownloadUrl(name: string): string {
  return `${MODEL_DOWNLOAD_PAGE}/resolve/main/${modelFileName(name)}`;
}

export const ModelSizeSchema = z.enum([
  'tiny',
  'base',
  'small',
  'medium',
  'large',
  'large-v3',
  'large-v3-turbo',
  'custom',
]);
export type ModelSize = z.infer<typeof ModelSizeSchema>;

/** A model of the published set, for help texts (`docscrib models`). Sizes are the download's. */
export interface KnownModel {
  /** `base.en`: the file is `ggml-base.en.bin`. */
  name: string;
  size: ModelSize;
  englishOnly: boolean;
  /** Approximate download size. */
  download: string;
  note: string;
}

/**
 * The published models worth suggesting (the notes are relative and general, not measured by
 * DocScrib). English-only models do a little better on English than multilingual ones of the
 * same size.
 */
export const KNOWN_MODELS: readonly KnownModel[] = [
  {
    name: 'tiny.en',
    size: 'tiny',
    englishOnly: true,
    download: '75 MiB',
    note: 'fastest, least accurate',
  },
  {
    name: 'base.en',
    size: 'base',
    englishOnly: true,
    download: '142 MiB',
    note: 'the default: a good start on a laptop CPU',
  },
  {
    name: 'small.en',
    size: 'small',
    englishOnly: true,
    download: '466 MiB',
    note: 'more accurate, slower',
  },
  {
    name: 'medium.en',
    size: 'medium',
    englishOnly: true,
    download: '1.5 GiB',
    note: 'accurate; slow without a fast CPU',
  },
  {
    name: 'large-v3-turbo',
    size: 'large-v3-turbo',
    englishOnly: false,
    download: '1.5 GiB',
    note: 'close to large-v3, faster',
  },
  {
    name: 'large-v3',
    size: 'large-v3',
    englishOnly: false,
    download: '2.9 GiB',
    note: 'most accurate, slowest; needs ~4 GB of memory',
  },
];

export const ModelHparamsSchema = z.object({
  nVocab: z.number().int(),
  nAudioCtx: z.number().int(),
  nAudioState: z.number().int(),
  nAudioHead: z.number().int(),
  nAudioLayer: z.number().int(),
  nTextCtx: z.number().int(),
  nTextState: z.number().int(),
  nTextHead: z.number().int(),
  nTextLayer: z.number().int(),
  nMels: z.number().int(),
  /** Weight type (ftype % 1000): 1 f16, 2 q4_0, 3 q4_1, 7 q8_0, 8 q5_0, 9 q5_1, 10–14 k-quants. */
  ftype: z.number().int(),
});
export type ModelHparams = z.infer<typeof ModelHparamsSchema>;

const ModelFileSchema = z.object({
  /** File name in the directory, e.g. `ggml-base.en.bin`. */
  file: z.string(),
  path: z.string(),
  /** File name without `.bin`, as recorded with a transcript (`ggml-base.en`). */
  name: z.string(),
  bytes: z.number().int().nonnegative(),
});

/** One `*.bin` file of the models directory, as `listModels` judged it. */
export const ModelInfoSchema = z.discriminatedUnion('valid', [
  ModelFileSchema.extend({
    valid: z.literal(true),
    size: ModelSizeSchema,
    englishOnly: z.boolean(),
    /** `f16`, `q5_0`, … */
    weights: z.string(),
    hparams: ModelHparamsSchema,
  }),
  ModelFileSchema.extend({
    valid: z.literal(false),
    /** Why it cannot be used, e.g. `not a ggml model file (bad magic)`. */
    reason: z.string(),
  }),
]);
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** Where the models directory comes from, for messages. */
export type ModelsDirSource = 'DOCSCRIB_MODELS_DIR' | 'XDG_DATA_HOME' | 'home';

/**
 * The Whisper models directory: `DOCSCRIB_MODELS_DIR`, else `$XDG_DATA_HOME/docscrib/models`, else
 * `~/.local/share/docscrib/models`. Not created here.
 */
export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return modelsDirWithSource(env).dir;
}

export function modelsDirWithSource(env: NodeJS.ProcessEnv = process.env): {
  dir: string;
  source: ModelsDirSource;
} {
  const explicit = env['DOCSCRIB_MODELS_DIR']?.trim();
  if (explicit) return { dir: resolve(explicit), source: 'DOCSCRIB_MODELS_DIR' };
  const xdg = env['XDG_DATA_HOME']?.trim();
  // The XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  if (xdg && isAbsolute(xdg))
    return { dir: join(xdg, 'docscrib', 'models'), source: 'XDG_DATA_HOME' };
  const home = env['HOME']?.trim() || homedir();
  return { dir: join(home, '.local', 'share', 'docscrib', 'models'), source: 'home' };
}

/** Every `*.bin` file in `dir`, by name, each judged (valid or with a reason). `[]` when absent. */
export async function listModels(dir: string): Promise<ModelInfo[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.name.endsWith('.bin') && (e.isFile() || e.isSymbolicLink()))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    if (isErrno(e, 'ENOENT') || isErrno(e, 'ENOTDIR')) return [];
    throw e;
  }
  return names.map((file) => inspectModelFile(join(dir, file)));
}

/** Judge one model file from its header and length (reads the header and vocabulary only). */
export function inspectModelFile(path: string): ModelInfo {
  const file = basename(path);
  const base = { file, path, name: file.replace(/\.bin$/, '') };
  let bytes = 0;
  try {
    bytes = statSync(path).size;
    const fd = openSync(path, 'r');
    try {
      const judged = judge(fd, bytes);
      if (typeof judged === 'string') return { ...base, bytes, valid: false, reason: judged };
      return { ...base, bytes, ...judged };
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    const reason = isErrno(e, 'EACCES') ? 'cannot be read (permission denied)' : 'cannot be read';
    return { ...base, bytes, valid: false, reason };
  }
}

/**
 * The model file for a name or path: `ggml-base.en.bin`, `ggml-base.en` or `base.en` in `dir`, or
 * a path (anything with a slash). Throws `engine.unavailable` when there is no such file and
 * `engine.model` when it is not a usable model, each with a hint. Returns an absolute path.
 */
export function resolveWhisperModel(nameOrPath: string, dir: string): string {
  const choice = nameOrPath.trim();
  const isPath = /[\\/]/.test(choice);
  const candidates = isPath
    ? [resolve(choice)]
    : [...new Set([choice, `${choice}.bin`, `ggml-${choice}.bin`])]
        .filter((n) => n.endsWith('.bin'))
        .map((n) => join(dir, n));
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) {
    const wanted = isPath ? choice : modelFileName(choice);
    throw new DocscribError(
      'engine.unavailable',
      isPath
        ? `The Whisper model file ${wanted} does not exist.`
        : `The Whisper model ${wanted} is not in the models directory ${dir}.`,
      `Put a ggml Whisper model there, e.g. ggml-base.en.bin from ${MODEL_DOWNLOAD_PAGE}: run \`docscrib models\` for the directory, download commands and the models installed; or set DOCSCRIB_MODELS_DIR to the folder your models are in.`,
      { file: basename(wanted) },
    );
  }
  const info = inspectModelFile(found);
  if (!info.valid) {
    throw new DocscribError(
      'engine.model',
      `The Whisper model file ${info.file} (in ${dirOf(found)}) is not usable: ${info.reason}.`,
      `Download it again (a partial download, or an error page saved as .bin, looks like this) from ${MODEL_DOWNLOAD_PAGE}, or pick another model; \`docscrib models\` lists the installed ones.`,
      { file: info.file },
    );
  }
  return found;
}

/**
 * The file name a model name stands for, as the user would name it: `ggml-base.en.bin` stays,
 * `ggml-base.en` → `ggml-base.en.bin`, `base.en` → `ggml-base.en.bin`.
 */
export function modelFileName(name: string): string {
  if (name.endsWith('.bin')) return name;
  return name.startsWith('ggml-') ? `${name}.bin` : `ggml-${name}.bin`;
}

function dirOf(path: string): string {
  return resolve(path, '..');
}

function isErrno(e: unknown, code: string): boolean {
  return e instanceof Error && 'code' in e && e.code === code;
}

// ---------------------------------------------------------------------------------------------
// The ggml Whisper layout (whisper.cpp `whisper_model_load`)

const GGML_QNT_VERSION_FACTOR = 1000;
const N_FFT = 201;

/** Bytes per block and elements per block of the ggml weight types a Whisper file can use. */
const GGML_TYPES: Record<number, { name: string; blockBytes: number; blockSize: number }> = {
  0: { name: 'f32', blockBytes: 4, blockSize: 1 },
  1: { name: 'f16', blockBytes: 2, blockSize: 1 },
  2: { name: 'q4_0', blockBytes: 18, blockSize: 32 },
  3: { name: 'q4_1', blockBytes: 20, blockSize: 32 },
  6: { name: 'q5_0', blockBytes: 22, blockSize: 32 },
  7: { name: 'q5_1', blockBytes: 24, blockSize: 32 },
  8: { name: 'q8_0', blockBytes: 34, blockSize: 32 },
  10: { name: 'q2_k', blockBytes: 84, blockSize: 256 },
  11: { name: 'q3_k', blockBytes: 110, blockSize: 256 },
  12: { name: 'q4_k', blockBytes: 144, blockSize: 256 },
  13: { name: 'q5_k', blockBytes: 176, blockSize: 256 },
  14: { name: 'q6_k', blockBytes: 210, blockSize: 256 },
};

/** File `ftype` (ggml_ftype) → the ggml type of the big matrices (ggml_ftype_to_ggml_type). */
const FTYPE_TO_TYPE: Record<number, number> = {
  0: 0,
  1: 1,
  2: 2,
  3: 3,
  4: 3, // mostly q4_1, some f16
  7: 8,
  8: 6,
  9: 7,
  10: 10,
  11: 11,
  12: 12,
  13: 13,
  14: 14,
};

type Judged = Omit<Extract<ModelInfo, { valid: true }>, 'file' | 'path' | 'name' | 'bytes'>;

/** A reason string when the file is unusable, else what it is. */
function judge(fd: number, fileBytes: number): Judged | string {
  const head = readAt(fd, 0, 4 + 11 * 4);
  if (head.length < 4 || head.readUInt32LE(0) !== GGML_MAGIC) {
    return 'not a ggml model file (bad magic; an error page or another format saved as .bin?)';
  }
  if (head.length < 48) return 'truncated (ends inside the header)';
  const v = (i: number): number => head.readInt32LE(4 + i * 4);
  const h: ModelHparams = {
    nVocab: v(0),
    nAudioCtx: v(1),
    nAudioState: v(2),
    nAudioHead: v(3),
    nAudioLayer: v(4),
    nTextCtx: v(5),
    nTextState: v(6),
    nTextHead: v(7),
    nTextLayer: v(8),
    nMels: v(9),
    ftype: v(10) % GGML_QNT_VERSION_FACTOR,
  };
  const bad = implausible(h);
  if (bad) return `not a Whisper model (${bad})`;
  const wtype = FTYPE_TO_TYPE[h.ftype];
  if (wtype === undefined) return `unsupported weight type (ftype ${h.ftype})`;
  if (wtype === 0) {
    return 'f32 weights, which the bundled whisper.cpp cannot run (use an f16 or quantised model)';
  }

  let offset = 48;
  const filters = readAt(fd, offset, 8);
  if (filters.length < 8) return 'truncated (ends before the mel filters)';
  const nMel = filters.readInt32LE(0);
  const nFft = filters.readInt32LE(4);
  if (nMel !== h.nMels || nFft !== N_FFT) {
    return `not a Whisper model (mel filters ${nMel}×${nFft}, expected ${h.nMels}×${N_FFT})`;
  }
  offset += 8 + nMel * nFft * 4;

  const vocab = readVocabulary(fd, offset, h.nVocab);
  if (typeof vocab === 'string') return vocab;
  offset = vocab.end;

  const tensors = checkTensors(fd, offset, fileBytes, expectedTensors(h, wtype));
  if (tensors) return tensors;
  return {
    valid: true,
    size: sizeClass(h),
    englishOnly: h.nVocab === 51864,
    weights: GGML_TYPES[wtype]?.name ?? `type ${wtype}`,
    hparams: h,
  };
}

function implausible(h: ModelHparams): string | undefined {
  // 51864 English-only, 51865 multilingual (99 languages), 51866 large-v3 (100). whisper.cpp
  // names a language token per id above 51865 and aborts the process past the 100 it knows.
  if (h.nVocab < 51864 || h.nVocab > 51866) return `vocabulary size ${h.nVocab}`;
  if (h.nAudioCtx !== 1500) return `audio context ${h.nAudioCtx}`;
  // Every Whisper model has 448; whisper.cpp sizes buffers from it (and aborts on huge ones).
  if (h.nTextCtx !== 448) return `text context ${h.nTextCtx}`;
  if (h.nMels !== 80 && h.nMels !== 128) return `${h.nMels} mel bands`;
  if (h.nAudioState !== h.nTextState || h.nAudioState < 1 || h.nAudioState > 8192) {
    return `state sizes ${h.nAudioState}/${h.nTextState}`;
  }
  for (const [layers, heads] of [
    [h.nAudioLayer, h.nAudioHead],
    [h.nTextLayer, h.nTextHead],
  ] as const) {
    if (layers < 1 || layers > 128 || heads < 1 || h.nAudioState % heads !== 0) {
      return `${layers} layers of ${heads} heads`;
    }
  }
  return undefined;
}

/**
 * Walk the vocabulary (count, then length-prefixed tokens). The bundled whisper.cpp aborts the
 * process when blanks are suppressed and there is no lone-space token, so that is required.
 */
function readVocabulary(fd: number, start: number, nVocab: number): { end: number } | string {
  const countBuf = readAt(fd, start, 4);
  if (countBuf.length < 4) return 'truncated (ends before the vocabulary)';
  const count = countBuf.readInt32LE(0);
  if (count < 0 || count > nVocab) return `not a Whisper model (vocabulary of ${count} tokens)`;
  let pos = start + 4;
  let buf: Buffer = Buffer.alloc(0);
  let bufStart = pos;
  let space = false;
  const need = (n: number): boolean => {
    if (pos + n <= bufStart + buf.length) return true;
    bufStart = pos;
    buf = readAt(fd, pos, Math.max(n, 1 << 20));
    return buf.length >= n;
  };
  for (let i = 0; i < count; i++) {
    if (!need(4)) return 'truncated (ends inside the vocabulary)';
    const len = buf.readUInt32LE(pos - bufStart);
    pos += 4;
    if (len > 1024) return 'not a Whisper model (malformed vocabulary)';
    if (!need(len)) return 'truncated (ends inside the vocabulary)';
    if (len === 1 && buf[pos - bufStart] === 0x20) space = true;
    pos += len;
  }
  if (!space) return 'its vocabulary has no blank token, which whisper.cpp requires';
  return { end: pos };
}

interface TensorShape {
  /** Innermost first, as ggml stores them. */
  ne: number[];
  type: number;
}

/** Every tensor the loader creates for these hparams, with its shape and type. */
function expectedTensors(h: ModelHparams, wtype: number): Map<string, TensorShape> {
  const s = h.nAudioState;
  // f16 convolutions when the matrices are f16 or quantised (whisper.cpp `vtype`).
  const vtype = wtype === 0 ? 0 : 1;
  const map = new Map<string, TensorShape>();
  const add = (name: string, ne: number[], type: number): void => {
    map.set(name, { ne, type });
  };
  const block = (prefix: string, cross: boolean): void => {
    const attn = (a: string): void => {
      add(`${prefix}.${a}_ln.weight`, [s], 0);
      add(`${prefix}.${a}_ln.bias`, [s], 0);
      add(`${prefix}.${a}.query.weight`, [s, s], wtype);
      add(`${prefix}.${a}.query.bias`, [s], 0);
      add(`${prefix}.${a}.key.weight`, [s, s], wtype);
      add(`${prefix}.${a}.value.weight`, [s, s], wtype);
      add(`${prefix}.${a}.value.bias`, [s], 0);
      add(`${prefix}.${a}.out.weight`, [s, s], wtype);
      add(`${prefix}.${a}.out.bias`, [s], 0);
    };
    attn('attn');
    if (cross) attn('cross_attn');
    add(`${prefix}.mlp_ln.weight`, [s], 0);
    add(`${prefix}.mlp_ln.bias`, [s], 0);
    add(`${prefix}.mlp.0.weight`, [s, 4 * s], wtype);
    add(`${prefix}.mlp.0.bias`, [4 * s], 0);
    add(`${prefix}.mlp.2.weight`, [4 * s, s], wtype);
    add(`${prefix}.mlp.2.bias`, [s], 0);
  };
  add('encoder.positional_embedding', [s, h.nAudioCtx], 0);
  add('encoder.conv1.weight', [3, h.nMels, s], vtype);
  add('encoder.conv1.bias', [1, s], 0);
  add('encoder.conv2.weight', [3, s, s], vtype);
  add('encoder.conv2.bias', [1, s], 0);
  for (let i = 0; i < h.nAudioLayer; i++) block(`encoder.blocks.${i}`, false);
  add('encoder.ln_post.weight', [s], 0);
  add('encoder.ln_post.bias', [s], 0);
  add('decoder.positional_embedding', [s, h.nTextCtx], 0);
  add('decoder.token_embedding.weight', [s, h.nVocab], wtype);
  for (let i = 0; i < h.nTextLayer; i++) block(`decoder.blocks.${i}`, true);
  add('decoder.ln.weight', [s], 0);
  add('decoder.ln.bias', [s], 0);
  return map;
}

/**
 * Walk the tensor records from `offset` to the end of the file as the loader reads them (header,
 * name, data; data skipped): each must be an expected tensor, once, with its shape and a type of
 * the same size, and all of them must be there. A reason when not.
 */
function checkTensors(
  fd: number,
  offset: number,
  fileBytes: number,
  expected: Map<string, TensorShape>,
): string | undefined {
  const seen = new Set<string>();
  let pos = offset;
  while (pos < fileBytes) {
    if (seen.size === expected.size) return `${fileBytes - pos} unexpected bytes after the weights`;
    const head = readAt(fd, pos, 12);
    if (head.length < 12) return `${fileBytes - pos} unexpected bytes after the weights`;
    const nDims = head.readInt32LE(0);
    const nameLen = head.readInt32LE(4);
    const ttype = head.readInt32LE(8);
    if (nDims < 1 || nDims > 4 || nameLen < 1 || nameLen > 256) {
      return 'not a Whisper model (malformed tensor record)';
    }
    const rest = readAt(fd, pos + 12, 4 * nDims + nameLen);
    if (rest.length < 4 * nDims + nameLen) return 'truncated (ends inside a tensor record)';
    const ne = [1, 1, 1, 1];
    for (let i = 0; i < nDims; i++) ne[i] = rest.readInt32LE(4 * i);
    const name = rest.subarray(4 * nDims).toString('latin1');
    const want = expected.get(name);
    if (want === undefined)
      return `not a Whisper model of this layout (unknown tensor ${name.slice(0, 60)})`;
    if (seen.has(name)) return `not a Whisper model (tensor ${name} twice)`;
    seen.add(name);
    const wantNe = [...want.ne, 1, 1, 1].slice(0, 4);
    if (ne.some((n, i) => n !== wantNe[i])) {
      return `not a Whisper model of these dimensions (tensor ${name} has shape [${ne.slice(0, nDims).join(', ')}])`;
    }
    const elements = wantNe.reduce((a, b) => a * b, 1);
    const t = GGML_TYPES[want.type];
    const got = GGML_TYPES[ttype];
    if (t === undefined || got === undefined || got.blockBytes !== t.blockBytes) {
      return `weights of an unexpected type (tensor ${name} is type ${ttype})`;
    }
    pos += 12 + 4 * nDims + nameLen + (elements / t.blockSize) * t.blockBytes;
  }
  if (pos > fileBytes) {
    return `truncated (${fileBytes} bytes, the weights need ${pos}; an interrupted download?)`;
  }
  if (seen.size === 0) return 'has no weights';
  if (seen.size < expected.size) {
    return `truncated or incomplete (${seen.size} of ${expected.size} weight tensors)`;
  }
  return undefined;
}

function sizeClass(h: ModelHparams): ModelSize {
  switch (h.nAudioLayer) {
    case 4:
      return 'tiny';
    case 6:
      return 'base';
    case 12:
      return 'small';
    case 24:
      return 'medium';
    case 32:
      if (h.nVocab === 51866 && h.nMels === 128)
        return h.nTextLayer === 4 ? 'large-v3-turbo' : 'large-v3';
      return 'large';
    default:
      return 'custom';
  }
}

/** Up to `length` bytes at `position` (fewer at the end of the file). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}
