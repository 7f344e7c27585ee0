/**
 * The microphone: getUserMedia → AudioContext → the recorder worklet (recorder-worklet.ts), whose
 * 16 kHz frames go to `onFrame`. Pause stops taking input (the frames so far are kept), stop
 * releases the microphone after posting the last partial frame.
 */
import workletUrl from './recorder-worklet.ts?worker&url';

export interface Microphone {
  pause(): Promise<void>;
  resume(): void;
  /** Post the last partial frame, then release the microphone. */
  stop(): Promise<void>;
}

/** Why the microphone could not be opened, in words for people. */
export function microphoneProblem(e: unknown): string {
  const name = e instanceof DOMException ? e.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'The browser did not allow the microphone. Allow it for this site (the icon in the address bar) and try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect one and try again.';
    case 'NotReadableError':
      return 'The microphone is in use by another program, or the system blocked it. Close the other program and try again.';
    default:
      return 'The microphone could not be started in this browser.';
  }
}

export async function openMicrophone(onFrame: (samples: Int16Array) => void): Promise<Microphone> {
  // Missing outside secure contexts (plain http to another host), whatever the typings say.
  if (!(navigator.mediaDevices as MediaDevices | undefined)) {
    throw new DOMException('no mediaDevices', 'SecurityError');
  }
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
  });
  let ctx: AudioContext;
  try {
    ctx = new AudioContext({ sampleRate: 16_000 });
  } catch {
    ctx = new AudioContext();
  }
  try {
    await ctx.audioWorklet.addModule(workletUrl);
    const source = ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(ctx, 'docscrib-recorder', {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: 1,
      channelCountMode: 'explicit',
    });
    let flushed: (() => void) | null = null;
    node.port.onmessage = (e: MessageEvent<{ frame?: Int16Array; flushed?: boolean }>) => {
      if (e.data.frame) onFrame(e.data.frame);
      if (e.data.flushed) {
        const f = flushed;
        flushed = null;
        f?.();
      }
    };
    const flush = (message: 'pause' | 'flush') =>
      new Promise<void>((done) => {
        flushed = done;
        node.port.postMessage(message);
      });
    source.connect(node);
    if (ctx.state === 'suspended') await ctx.resume();
    return {
      pause: () => flush('pause'),
      resume: () => {
        node.port.postMessage('resume');
      },
      stop: async () => {
        await flush('flush');
        source.disconnect();
        node.disconnect();
        for (const t of stream.getTracks()) t.stop();
        await ctx.close();
      },
    };
  } catch (e) {
    for (const t of stream.getTracks()) t.stop();
    await ctx.close().catch(() => undefined);
    throw e;
  }
}
