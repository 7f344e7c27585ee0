/**
 * The API benchmark's load generator, run as its own process (so the server keeps its own core):
 * N keep-alive connections, each sending its next request as soon as the last one answered
 * (closed loop), for a warm-up and then a measured period. Prints one JSON line: LoadResult.
 *
 *   node --import tsx bench/api-load.ts '<LoadConfig JSON>'
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadConfig {
  baseUrl: string;
  cookie: string;
  csrfToken: string;
  scenario: 'read' | 'save';
  /** One note per connection (saves need their own note: each save sends the version it read). */
  noteIds: string[];
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  scenario: LoadConfig['scenario'];
  connections: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

interface Reply {
  status: number;
  body: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const url = new URL(config.baseUrl);
// The server listens on the loopback address; skip name resolution in the measured loop.
const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
const agent = new Agent({ keepAlive: true, maxSockets: config.noteIds.length });

function send(method: 'GET' | 'PUT', path: string, body?: string): Promise<Reply> {
  return new Promise((done, fail) => {
    const headers: Record<string, string | number> = {
      accept: 'application/json',
      cookie: config.cookie,
    };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
      headers['x-csrf-token'] = config.csrfToken;
      headers.origin = config.baseUrl;
    }
    const req = request({ agent, host, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

interface NoteReply {
  note: { version: number; body: { sections: { sentences: unknown[] }[] } };
}

/** One connection's closed loop; returns latencies (ms) of requests started in the window. */
async function connection(
  noteId: string,
  measureFrom: number,
  stopAt: number,
  statuses: Map<number, number>,
): Promise<number[]> {
  const latencies: number[] = [];
  const path = `/api/notes/${noteId}`;
  let version = 0;
  let base: NoteReply['note']['body'] | null = null;
  if (config.scenario === 'save') {
    const first = await send('GET', path);
    const { note } = JSON.parse(first.body) as NoteReply;
    version = note.version;
    base = note.body;
  }
  for (let i = 0; ; i++) {
    const start = performance.now();
    if (start >= stopAt) break;
    let reply: Reply;
    if (config.scenario === 'read' || !base) {
      reply = await send('GET', path);
    } else {
      // A clinician's edit: one sentence of their own at the end of the last section.
      const body = structuredClone(base);
      body.sections.at(-1)?.sentences.push({
        text: `Benchmark edit ${i}.`,
        kind: 'clinician',
        evidence: [],
      });
      reply = await send('PUT', path, JSON.stringify({ body, version }));
      if (reply.status === 200) version = (JSON.parse(reply.body) as NoteReply).note.version;
    }
    const end = performance.now();
    if (start >= measureFrom) {
      latencies.push(end - start);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    }
  }
  return latencies;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

const t0 = performance.now();
const measureFrom = t0 + config.warmupMs;
const stopAt = measureFrom + config.durationMs;
const statuses = new Map<number, number>();
const all = (
  await Promise.all(config.noteIds.map((id) => connection(id, measureFrom, stopAt, statuses)))
).flat();
// The window closes when the last request started in it has answered.
const seconds = (performance.now() - measureFrom) / 1000;
all.sort((a, b) => a - b);
const ok = [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0);
const round = (x: number): number => Math.round(x * 100) / 100;
const result: LoadResult = {
  scenario: config.scenario,
  connections: config.noteIds.length,
  requests: all.length,
  errors: all.length - ok,
  statuses: Object.fromEntries([...statuses].map(([s, c]) => [String(s), c])),
  seconds: round(seconds),
  requestsPerSecond: round(all.length / seconds),
  latencyMs: {
    p50: round(quantile(all, 0.5)),
    p90: round(quantile(all, 0.9)),
    p99: round(quantile(all, 0.99)),
    max: round(all.at(-1) ?? 0),
  },
};
agent.destroy();
process.stdout.write(JSON.stringify(result) + '\n');
