/**
 * The AudioWorklet processor that records: microphone blocks (channel 0) → 16 kHz s16 → frames
 * of 0.5 s posted to the page (which sends them over the WebSocket). Built as its own file and
 * loaded from this origin (`audioWorklet.addModule`): the CSP allows no inline or blob: scripts.
 *
 * Messages from the page: 'pause' (drop input until 'resume'; the partial frame is posted first),
 * 'resume', 'flush' (post the partial frame now, e.g. before stopping).
 */
import { Downsampler, FrameBuilder } from './pcm';

// The AudioWorkletGlobalScope's names (not in the DOM typings).
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

class RecorderProcessor extends AudioWorkletProcessor {
  private readonly down = new Downsampler(sampleRate);
  private readonly frames = new FrameBuilder();
  private paused = false;

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent) => {
      if (e.data === 'pause') {
        this.flush();
        this.paused = true;
      } else if (e.data === 'resume') {
        this.paused = false;
      } else if (e.data === 'flush') {
        this.flush();
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (this.paused || !channel || channel.length === 0) return true;
    for (const frame of this.frames.push(this.down.push(channel))) this.post(frame);
    return true;
  }

  private flush(): void {
    const rest = this.frames.flush();
    if (rest) this.post(rest);
    this.port.postMessage({ flushed: true });
  }

  private post(frame: Int16Array): void {
    this.port.postMessage({ frame }, [frame.buffer]);
  }
}

registerProcessor('docscrib-recorder', RecorderProcessor);
