/**
 * The WAV header the OpenAI-compatible engine puts in front of each uploaded chunk (16 kHz, mono,
 * 16-bit PCM: the format every server accepts without converting).
 *
 * PRIVATE STAND-IN for [audio]'s `wavHeader` (src/speech/audio/wav.ts), which had not landed when
 * this engine was written; same signature, so the switch is an import change.
 */
import { BYTES_PER_SAMPLE, PCM_BYTES_PER_SECOND, SAMPLE_RATE } from '../engine.js';

/** A 44-byte RIFF/WAVE header for `dataBytes` bytes of 16 kHz mono s16le PCM. */
export function wavHeader(dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(SAMPLE_RATE, 24);
  h.writeUInt32LE(PCM_BYTES_PER_SECOND, 28);
  h.writeUInt16LE(BYTES_PER_SAMPLE, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}
