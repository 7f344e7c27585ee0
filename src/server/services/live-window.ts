/**
 * The last few minutes of a live session's audio in memory (16 kHz mono s16le), so a segment the
 * engine has just recognised can be embedded for speaker clustering without reading the stored
 * (encrypted) audio back. Older audio is dropped as new audio arrives: memory stays bounded for a
 * two-hour session.
 */
import { PCM_BYTES_PER_SECOND } from '../../speech/engine.js';

export class PcmWindow {
  private chunks: Buffer[] = [];
  private bytes = 0;
  /** Byte offset (in the session's audio) of the first byte held. */
  private startByte: number;

  /** `startSec`: the session time of the first audio appended. */
  constructor(
    private readonly maxSec: number,
    startSec = 0,
  ) {
    this.startByte = Math.round(startSec * PCM_BYTES_PER_SECOND) & ~1;
  }

  /** Session time just after the last audio appended. */
  get endSec(): number {
    return (this.startByte + this.bytes) / PCM_BYTES_PER_SECOND;
  }

  get startSec(): number {
    return this.startByte / PCM_BYTES_PER_SECOND;
  }

  append(pcm: Buffer): void {
    if (pcm.length === 0) return;
    this.chunks.push(pcm);
    this.bytes += pcm.length;
    const max = Math.round(this.maxSec * PCM_BYTES_PER_SECOND);
    while (this.chunks.length > 1 && this.bytes - (this.chunks[0]?.length ?? 0) >= max) {
      const dropped = this.chunks.shift();
      if (!dropped) break;
      this.bytes -= dropped.length;
      this.startByte += dropped.length;
    }
  }

  /**
   * The samples from `startSec` to `endSec` (clipped to what is held) and the session time of
   * the first one; null when none of the span is held.
   */
  slice(startSec: number, endSec: number): { pcm: Int16Array; startSec: number } | null {
    const from = Math.max(this.startByte, Math.floor(startSec * PCM_BYTES_PER_SECOND) & ~1);
    const to = Math.min(this.startByte + this.bytes, Math.ceil(endSec * PCM_BYTES_PER_SECOND) & ~1);
    if (to <= from) return null;
    const out = Buffer.alloc(to - from);
    let at = this.startByte;
    for (const chunk of this.chunks) {
      const end = at + chunk.length;
      if (end > from && at < to) {
        const a = Math.max(from, at) - at;
        const b = Math.min(to, end) - at;
        chunk.copy(out, Math.max(from, at) - from, a, b);
      }
      at = end;
      if (at >= to) break;
    }
    const samples = new Int16Array(out.buffer, out.byteOffset, out.length / 2);
    return { pcm: samples, startSec: from / PCM_BYTES_PER_SECOND };
  }
}
