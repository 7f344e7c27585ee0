/**
 * WAV (RIFF/WAVE) for 16-bit PCM: writing the 44-byte header in front of raw samples (uploading
 * a chunk to an OpenAI-compatible server, keeping audio, test fixtures) and reading one back
 * (tests, eval).
 */
import { DocscribError } from '../../core/errors.js';
import { SAMPLE_RATE } from '../engine.js';

export interface WavFormat {
  sampleRate?: number;
  channels?: number;
}

export const WAV_HEADER_BYTES = 44;

/**
 * The canonical 44-byte header of a 16-bit PCM WAV with `dataBytes` of samples following it
 * (default 16 kHz mono). A `dataBytes` too big for RIFF's 32-bit sizes is written as the largest
 * size, as streaming writers do.
 */
export function wavHeader(dataBytes: number, format: WavFormat = {}): Buffer {
  const sampleRate = format.sampleRate ?? SAMPLE_RATE;
  const channels = format.channels ?? 1;
  const blockAlign = channels * 2;
  const data = Math.min(dataBytes, 0xffffffff - 36);
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * blockAlign, 28); // byte rate
  h.writeUInt16LE(blockAlign, 32);
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data, 40);
  return h;
}

/** A WAV file of s16le samples (default 16 kHz mono). */
export function pcmToWav(pcm: Buffer, format: WavFormat = {}): Buffer {
  return Buffer.concat([wavHeader(pcm.length, format), pcm]);
}

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: 16;
  /** Where the samples start in the file. */
  dataOffset: number;
  /** Bytes of samples (capped to what the buffer holds). */
  dataBytes: number;
}

function notWav(what: string): DocscribError {
  return new DocscribError(
    'audio.decode',
    `The WAV data ${what}.`,
    'Give a 16-bit PCM WAV file, or decode other formats with ffmpeg.',
  );
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Read the header of a 16-bit PCM WAV (plain or WAVE_FORMAT_EXTENSIBLE), walking its chunks to
 * `data` (LIST and other chunks are skipped). `audio.decode` for anything else.
 */
export function parseWavHeader(buf: Buffer): WavInfo {
  if (
    buf.length < 12 ||
    buf.toString('ascii', 0, 4) !== 'RIFF' ||
    buf.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw notWav('is not a RIFF/WAVE file');
  }
  let off = 12;
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | null = null;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    const body = off + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buf.length) throw notWav('has a truncated format chunk');
      let format = buf.readUInt16LE(body);
      if (format === WAVE_FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= buf.length) {
        format = buf.readUInt16LE(body + 24); // first two bytes of the sub-format GUID
      }
      fmt = {
        format,
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bits: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (fmt === null) throw notWav('has no format chunk before its samples');
      if (fmt.format !== WAVE_FORMAT_PCM || fmt.bits !== 16) throw notWav('is not 16-bit PCM');
      if (fmt.channels < 1 || fmt.sampleRate < 1) throw notWav('has an invalid format chunk');
      return {
        sampleRate: fmt.sampleRate,
        channels: fmt.channels,
        bitsPerSample: 16,
        dataOffset: body,
        dataBytes: Math.min(size, buf.length - body),
      };
    }
    off = body + size + (size % 2); // chunks are padded to even sizes
  }
  throw notWav('has no data chunk');
}
