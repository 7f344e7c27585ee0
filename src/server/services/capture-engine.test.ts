/**
 * The speech engines report: what users who are not administrators may see (no server paths),
 * and the one-minute reuse of the engine checks (the openai check calls its server with the key),
 * against a real local HTTP server standing in for the speech server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpeechSettingsSchema, type SpeechSettings } from '../../speech/schema.js';
import { engineReport, engineReporter, publicEngineReport } from './capture-engine.js';

let server: Server;
let baseUrl: string;
let modelRequests = 0;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'docscrib-'));
  writeFileSync(join(dir, 'ggml-other.bin'), 'not a model');
  server = createServer((req, res) => {
    if (req.url === '/v1/models') modelRequests += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":[]}');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/v1`;
});

afterAll(async () => {
  await new Promise<void>((ok) =>
    server.close(() => {
      ok();
    }),
  );
  rmSync(dir, { recursive: true, force: true });
});

function settings(patch: Partial<SpeechSettings> = {}): SpeechSettings {
  return SpeechSettingsSchema.parse({ engine: 'whisper', openaiBaseUrl: baseUrl, ...patch });
}

describe('publicEngineReport', () => {
  it('keeps id, quality, availability and the problem code; drops every server path', async () => {
    const env = { DOCSCRIB_MODELS_DIR: dir };
    const full = await engineReport(settings({ whisperModel: 'ggml-missing.bin' }), env);
    // The full report (administrators) names the directory, in the report and in the problem.
    expect(full.modelsDir).toBe(dir);
    expect(full.whisperModels).toEqual(['ggml-other.bin']);
    const whisper = full.engines.find((e) => e.id === 'whisper');
    expect(whisper?.available).toBe(false);
    expect(JSON.stringify(whisper?.problem)).toContain('ggml-missing');

    const open = publicEngineReport(full);
    const text = JSON.stringify(open);
    expect(text).not.toContain(dir);
    expect(text).not.toContain('ggml-');
    expect(open).not.toHaveProperty('modelsDir');
    expect(open).not.toHaveProperty('whisperModels');
    const pub = open.engines.find((e) => e.id === 'whisper');
    expect(pub).toEqual({
      id: 'whisper',
      quality: 'standard',
      available: false,
      selected: true,
      problem: {
        code: whisper?.problem?.code,
        message: expect.stringMatching(/Whisper speech engine cannot run/) as unknown,
        hint: expect.stringMatching(/administrator/) as unknown,
      },
    });
    expect(open.engines.find((e) => e.id === 'openai')).toMatchObject({
      available: true,
      problem: null,
    });
  });
});

describe('engineReporter', () => {
  it('checks the engines (the speech server) at most once a minute per settings', async () => {
    let now = Date.parse('2025-05-01T10:00:00Z');
    const report = engineReporter(
      { DOCSCRIB_MODELS_DIR: dir },
      { clock: { now: () => new Date(now) } },
    );
    const before = modelRequests;
    const first = await report(settings());
    expect(first.engines.find((e) => e.id === 'openai')?.available).toBe(true);
    expect(modelRequests).toBe(before + 1);

    now += 59_000;
    await Promise.all([report(settings()), report(settings())]);
    expect(modelRequests).toBe(before + 1);

    now += 1_000;
    await report(settings());
    expect(modelRequests).toBe(before + 2);

    // Changed settings (another model name) are checked at once.
    await report(settings({ openaiModel: 'other-model' }));
    expect(modelRequests).toBe(before + 3);
  });
});
