/**
 * A local stand-in for an OpenAI-compatible speech server (`POST /v1/audio/transcriptions`,
 * `GET /v1/models`), for testing the `openai` engine against the real protocol over real HTTP.
 *
 * It checks what a real server checks: a multipart/form-data body with a `file` that is a valid
 * 16 kHz mono 16-bit PCM WAV, a `model`, a known `response_format`, and the bearer key when one is
 * configured (401 with an OpenAI-style error body otherwise). No speech model can run here, so the
 * words are scripted: the test gives the utterances it synthesised, and the server assigns them in
 * order to the stretches of speech it finds in each uploaded WAV (by energy), so the segment times
 * are real times of that audio. A region with no scripted text left gets the text
 * `UNSCRIPTED`, which a test can look for.
 *
 * It can be told to misbehave, one scripted fault per transcription request in order: answer a
 * status (429 with Retry-After, 500, 401…), answer slowly or when the test says, answer only `{text}` or plain text,
 * drop the connection, or never answer. Every request is recorded (fields, headers, the WAV's
 * format and length, the speech regions found) so tests can assert what the client sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedFault =
  /** Answer this status with an OpenAI-style error body (and Retry-After when given). */
  | { status: number; retryAfter?: string }
  /** Wait, then answer normally. */
  | { delayMs: number }
  /** Answer `{ "text": … }` only, as servers that ignore verbose_json do. */
  | { textOnly: true }
  /** Answer the text as text/plain. */
  | { plainText: true }
  /** Close the connection without an answer (a network error for the client). */
  | { destroy: true }
  /** Never answer (until the client gives up or the server closes). */
  | { hang: true }
  /** Answer normally once this promise settles (a server busy until the test says so). */
  | { until: Promise<unknown> };

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  format: number;
  dataBytes: number;
  durationSec: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  /** The non-file form fields, each with all its values (`timestamp_granularities[]` repeats). */
  fields: Record<string, string[]>;
  file: { name: string; type: string; bytes: number; wav: WavInfo | null } | null;
  /** Speech regions found in the uploaded audio, seconds from its start. */
  regions: { start: number; end: number }[];
  /** The status the server answered (0 when it dropped or never answered). */
  status: number;
}

export interface OpenAiSpeechServer {
  /** `http://127.0.0.1:<port>/v1` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** The transcription requests only. */
  transcriptions(): RecordedRequest[];
  /** Append utterances to assign to the next speech regions. */
  script(...texts: string[]): void;
  /** Queue faults, consumed one per transcription request. */
  fail(...faults: ScriptedFault[]): void;
  close(): Promise<void>;
}

export interface OpenAiSpeechServerOptions {
  /** Require `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Utterances to assign, in order. */
  utterances?: string[];
  /** Serve GET /v1/models (default true; whisper.cpp's server has no such route). */
  models?: boolean;
  /** Model ids the server offers (default ['whisper-1']); other names get 404 like speaches. */
  modelIds?: string[];
}

const SAMPLE_RATE = 16_000;

/** Parse a RIFF/WAVE buffer's fmt and data chunks; null when it is not one. */
export function readWavInfo(buf: Buffer): (WavInfo & { dataOffset: number }) | null {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF') return null;
  if (buf.toString('ascii', 8, 12) !== 'WAVE') return null;
  let off = 12;
  let fmt: Omit<WavInfo, 'dataBytes' | 'durationSec'> | null = null;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    const body = off + 8;
    if (id === 'fmt ' && size >= 16) {
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data' && fmt) {
      if (body + size > buf.length) return null;
      const bytesPerSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
      return { ...fmt, dataBytes: size, durationSec: size / bytesPerSecond, dataOffset: body };
    }
    off = body + size + (size % 2);
  }
  return null;
}

/**
 * Stretches of speech in 16 kHz mono s16le PCM: 10 ms frames above -40 dBFS, gaps under 0.5 s
 * bridged, stretches under 0.15 s ignored.
 */
export function energyRegions(pcm: Buffer): { start: number; end: number }[] {
  const frame = SAMPLE_RATE / 100;
  const frames = Math.floor(pcm.length / 2 / frame);
  const raw: { start: number; end: number }[] = [];
  let open = -1;
  for (let f = 0; f <= frames; f++) {
    let loud = false;
    if (f < frames) {
      let sum = 0;
      for (let i = 0; i < frame; i++) {
        const v = pcm.readInt16LE((f * frame + i) * 2) / 32768;
        sum += v * v;
      }
      loud = 10 * Math.log10(sum / frame + 1e-12) > -40;
    }
    if (loud && open < 0) open = f;
    if (!loud && open >= 0) {
      raw.push({ start: open / 100, end: f / 100 });
      open = -1;
    }
  }
  const merged: { start: number; end: number }[] = [];
  for (const r of raw) {
    const last = merged[merged.length - 1];
    if (last && r.start - last.end < 0.5) last.end = r.end;
    else merged.push({ ...r });
  }
  return merged.filter((r) => r.end - r.start >= 0.15);
}

function openAiError(res: ServerResponse, status: number, message: string, extra = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify({ error: { message, type: 'invalid_request_error', code: null } }));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function startOpenAiSpeechServer(
  options: OpenAiSpeechServerOptions = {},
): Promise<OpenAiSpeechServer> {
  const utterances = [...(options.utterances ?? [])];
  const faults: ScriptedFault[] = [];
  const requests: RecordedRequest[] = [];
  const modelIds = options.modelIds ?? ['whisper-1'];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const record: RecordedRequest = {
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization ?? null,
      contentType: req.headers['content-type'] ?? null,
      fields: {},
      file: null,
      regions: [],
      status: 0,
    };
    requests.push(record);
    const answer = (status: number): void => {
      record.status = status;
    };
    const body = await readBody(req);

    if (options.apiKey !== undefined && record.authorization !== `Bearer ${options.apiKey}`) {
      answer(401);
      openAiError(res, 401, 'Incorrect API key provided.');
      return;
    }
    if (req.method === 'GET' && path === '/v1/models' && options.models !== false) {
      answer(200);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ object: 'list', data: modelIds.map((id) => ({ id, object: 'model' })) }),
      );
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/audio/transcriptions') {
      answer(404);
      openAiError(res, 404, 'Not found');
      return;
    }

    if (!(record.contentType ?? '').startsWith('multipart/form-data')) {
      answer(400);
      openAiError(res, 400, 'expected multipart/form-data');
      return;
    }
    // undici's multipart parser (Node 20's Request), deprecated for production servers (memory):
    // fine for a test server receiving chunks of a few MB.
    const request = new Request('http://local/', {
      method: 'POST',
      headers: { 'content-type': record.contentType ?? '' },
      body,
    });
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const form = await request.formData();
    let file: { name: string; type: string; arrayBuffer(): Promise<ArrayBuffer> } | null = null;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') (record.fields[key] ??= []).push(value);
      else if (key === 'file') file = value;
    }
    const field = (name: string): string | undefined => record.fields[name]?.[0];
    if (!file) {
      answer(400);
      openAiError(res, 400, 'file is required');
      return;
    }
    const audio = Buffer.from(await file.arrayBuffer());
    const wav = readWavInfo(audio);
    record.file = { name: file.name, type: file.type, bytes: audio.length, wav };
    if (
      !wav ||
      wav.format !== 1 ||
      wav.channels !== 1 ||
      wav.sampleRate !== SAMPLE_RATE ||
      wav.bitsPerSample !== 16
    ) {
      answer(400);
      openAiError(res, 400, 'file must be a 16 kHz mono 16-bit PCM WAV');
      return;
    }
    const model = field('model');
    if (model === undefined || model === '') {
      answer(400);
      openAiError(res, 400, 'model is required');
      return;
    }
    if (!modelIds.includes(model)) {
      answer(404);
      openAiError(res, 404, `Model '${model}' is not installed`);
      return;
    }
    const format = field('response_format') ?? 'json';
    if (!['json', 'verbose_json', 'text'].includes(format)) {
      answer(400);
      openAiError(res, 400, 'unsupported response_format');
      return;
    }

    const fault = faults.shift();
    if (fault && 'status' in fault) {
      answer(fault.status);
      const extra = fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
      openAiError(res, fault.status, `scripted failure ${fault.status}`, extra);
      return;
    }
    if (fault && 'destroy' in fault) {
      req.socket.destroy();
      return;
    }
    if (fault && 'hang' in fault) return;
    if (fault && 'delayMs' in fault) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    }
    if (fault && 'until' in fault) await fault.until.catch(() => undefined);

    const pcm = audio.subarray(wav.dataOffset, wav.dataOffset + wav.dataBytes);
    record.regions = energyRegions(pcm);
    const segments = record.regions.map((r, id) => ({
      id,
      seek: 0,
      start: r.start,
      end: r.end,
      text: ` ${utterances.shift() ?? 'UNSCRIPTED'}`,
      tokens: [],
      temperature: 0,
      avg_logprob: -0.2,
      compression_ratio: 1.3,
      no_speech_prob: 0.01,
    }));
    const text = segments.map((s) => s.text).join('');
    answer(200);
    if (format === 'text' || (fault && 'plainText' in fault)) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text.trim());
      return;
    }
    if (format === 'json' || (fault && 'textOnly' in fault)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ text }));
      return;
    }
    const wantWords = record.fields['timestamp_granularities[]']?.includes('word') ?? false;
    const words = wantWords
      ? segments.flatMap((s) => {
          const ws = s.text.trim().split(/\s+/);
          const step = (s.end - s.start) / ws.length;
          return ws.map((word, i) => ({
            word,
            start: s.start + i * step,
            end: s.start + (i + 1) * step,
          }));
        })
      : undefined;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        task: 'transcribe',
        language: 'english',
        duration: wav.durationSec,
        text,
        segments,
        ...(words ? { words } : {}),
      }),
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) openAiError(res, 500, 'test server error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    transcriptions: () => requests.filter((r) => r.path === '/v1/audio/transcriptions'),
    script: (...texts) => utterances.push(...texts),
    fail: (...f) => faults.push(...f),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => {
          if (e) reject(e);
          else resolve();
        });
      }),
  };
}
