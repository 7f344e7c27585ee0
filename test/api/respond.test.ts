/**
 * The client's one-time questionnaire link, end to end through the API: token entropy (length,
 * charset, 1,000 distinct), hash-only storage (the token is nowhere in the database files), the
 * public forms without anything about the client, submitting once (also when submits race),
 * expiry (the clock moved), revocation, one generic answer for every unusable token, per-address
 * throttling (429 with Retry-After), the item-9 alert reaching the clinician with crisis resources
 * shown to the client, and no token or answers in the log or the audit trail.
 */
import { readFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ClinicalAlertSchema,
  CreatedMeasureLinkSchema,
  DEFAULT_CRISIS_RESOURCES,
  MeasureLinkSchema,
  PublicQuestionnaireSchema,
  PublicResponseResultSchema,
} from '../../src/server/domain/schemas.js';
import { hashToken } from '../../src/server/security/tokens.js';
import { createClient, errorOf, read, useApi, type Caller, type Reply } from './harness.js';

const api = useApi();

afterEach(() => {
  api.deps().clock.now = () => new Date();
});

/** A public request from a given client address (the node server passes the socket). */
async function publicCall(path: string, body: unknown, ip: string): Promise<Reply> {
  const res = await api.app().request(
    path,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: ip } } },
  );
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, bytes, json };
}

let ipCounter = 1;
/** A fresh address per test, so throttle counters do not mix. */
const freshIp = (): string => `198.51.100.${ipCounter++}`;

const tokenOf = (url: string): string => url.slice(url.indexOf('#') + 1);

async function makeLink(
  as: Caller,
  clientId: string,
  body: Record<string, unknown> = { instruments: ['phq9', 'gad7'] },
): Promise<{ id: string; token: string; url: string }> {
  const r = await as.post(`/api/clients/${clientId}/measure-links`, body);
  expect(r.status, r.text).toBe(201);
  const created = read(CreatedMeasureLinkSchema, r);
  return { id: created.link.id, token: tokenOf(created.url), url: created.url };
}

const PHQ9_OK = [1, 0, 1, 0, 1, 0, 1, 0, 0];
const GAD7_OK = [1, 1, 0, 0, 1, 1, 0];
const responses = (phq9 = PHQ9_OK) => [
  { instrument: 'phq9', answers: phq9 },
  { instrument: 'gad7', answers: GAD7_OK },
];

describe('link tokens', () => {
  it('are 43 base64url characters (256 bits), all distinct over 1,000 links, in the URL fragment', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const tokens = new Set<string>();
    for (let batch = 0; batch < 20; batch++) {
      const made = await Promise.all(
        Array.from({ length: 50 }, () => makeLink(c, id, { instruments: ['gad7'] })),
      );
      for (const { token, url } of made) {
        expect(url).toMatch(/^http:\/\/localhost\/respond#[A-Za-z0-9_-]{43}$/);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        tokens.add(token);
      }
    }
    expect(tokens.size).toBe(1000);
    // Every base64url character occurs (a biased or narrowed alphabet would miss some).
    const chars = new Set([...tokens].join(''));
    expect(chars.size).toBe(64);
  }, 60_000);

  it('are stored only as their SHA-256: the token is not in the database files', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { id: linkId, token } = await makeLink(c, id);
    const list = read(
      z.object({ links: z.array(MeasureLinkSchema) }),
      await c.get(`/api/clients/${id}/measure-links`),
    );
    expect(list.links.find((l) => l.id === linkId)?.status).toBe('pending');
    expect(JSON.stringify(list)).not.toContain(token);
    const files = [api.dbPath(), `${api.dbPath()}-wal`].filter((f) => existsSync(f));
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true);
  });
});

describe('answering through a link', () => {
  it('opens the forms without anything about the client, and takes the answers once', async () => {
    const c = await api.user('clinician');
    const client = await createClient(c);
    const { id: linkId, token } = await makeLink(c, client.id);
    const ip = freshIp();
    const opened = await publicCall('/api/respond/open', { token }, ip);
    expect(opened.status, opened.text).toBe(200);
    const q = read(PublicQuestionnaireSchema, opened);
    expect(q.instruments.map((i) => i.id)).toEqual(['phq9', 'gad7']);
    expect(q.instruments[0]?.items).toHaveLength(9);
    for (const secret of [
      client.profile.name,
      client.profile.identifiers[0]?.value ?? '-',
      client.id,
    ]) {
      expect(opened.text).not.toContain(secret);
    }

    const sent = await publicCall('/api/respond/submit', { token, responses: responses() }, ip);
    expect(sent.status, sent.text).toBe(200);
    expect(read(PublicResponseResultSchema, sent)).toEqual({ received: true, crisis: null });
    expect(sent.text).not.toContain(client.profile.name);

    const stored = await api.store().measures.listForClient(client.id);
    expect(stored.map((a) => [a.instrument, a.source, a.linkId, a.enteredBy])).toEqual([
      ['phq9', 'client_link', linkId, null],
      ['gad7', 'client_link', linkId, null],
    ]);
    expect(stored[0]?.answers).toEqual(PHQ9_OK);
    const link = await api.store().measureLinks.get(linkId);
    expect(link?.status).toBe('completed');

    // Used: the same generic answer for open and for a second submit.
    const again = await publicCall('/api/respond/submit', { token, responses: responses() }, ip);
    const reopen = await publicCall('/api/respond/open', { token }, ip);
    const unknown = await publicCall(
      '/api/respond/open',
      { token: randomBytes(32).toString('base64url') },
      ip,
    );
    for (const r of [again, reopen, unknown]) {
      expect(r.status).toBe(404);
      expect(errorOf(r).code).toBe('link_invalid');
    }
    expect(reopen.text).toBe(unknown.text);
    expect(again.text).toBe(unknown.text);
    expect(await api.store().measures.listForClient(client.id)).toHaveLength(2);
  });

  it('checks the answers per instrument and the link’s instruments, without using it up', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token } = await makeLink(c, id);
    const ip = freshIp();
    const short = await publicCall(
      '/api/respond/submit',
      { token, responses: [{ instrument: 'phq9', answers: [0, 0] }, responses()[1]] },
      ip,
    );
    expect(errorOf(short).issues?.[0]?.path).toBe('body.responses[0].answers');
    const off = await publicCall(
      '/api/respond/submit',
      { token, responses: responses([0, 0, 0, 0, 9, 0, 0, 0, 0]) },
      ip,
    );
    expect(errorOf(off).issues?.[0]?.path).toBe('body.responses[0].answers[4]');
    const other = await publicCall(
      '/api/respond/submit',
      { token, responses: [{ instrument: 'pcl5', answers: Array<number>(20).fill(0) }] },
      ip,
    );
    expect(errorOf(other).issues?.[0]?.path).toBe('body.responses[0].instrument');
    const missing = await publicCall(
      '/api/respond/submit',
      { token, responses: [responses()[0]] },
      ip,
    );
    expect(errorOf(missing).issues?.[0]?.path).toBe('body.responses');
    const ok = await publicCall('/api/respond/submit', { token, responses: responses() }, ip);
    expect(ok.status).toBe(200);
  });

  it('of concurrent submits exactly one is stored', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token } = await makeLink(c, id);
    const ip = freshIp();
    const replies = await Promise.all(
      Array.from({ length: 6 }, () =>
        publicCall('/api/respond/submit', { token, responses: responses() }, ip),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 404, 404, 404, 404, 404]);
    expect(await api.store().measures.listForClient(id)).toHaveLength(2);
  });

  it('expired and revoked links get the same generic answer', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const ip = freshIp();
    const unknown = await publicCall(
      '/api/respond/open',
      { token: randomBytes(32).toString('base64url') },
      ip,
    );

    const expiring = await makeLink(c, id, { instruments: ['gad7'], expiresInHours: 1 });
    expect((await publicCall('/api/respond/open', { token: expiring.token }, ip)).status).toBe(200);
    const later = Date.now() + 61 * 60_000;
    api.deps().clock.now = () => new Date(later);
    const expired = await publicCall('/api/respond/open', { token: expiring.token }, ip);
    const expiredSubmit = await publicCall(
      '/api/respond/submit',
      { token: expiring.token, responses: [responses()[1]] },
      ip,
    );
    api.deps().clock.now = () => new Date();
    expect(expired.text).toBe(unknown.text);
    expect(expiredSubmit.text).toBe(unknown.text);
    expect(expired.status).toBe(404);

    const revoked = await makeLink(c, id);
    const r = await c.post(`/api/measure-links/${revoked.id}/revoke`);
    expect(read(z.object({ link: MeasureLinkSchema }), r).link.status).toBe('revoked');
    expect((await c.post(`/api/measure-links/${revoked.id}/revoke`)).status).toBe(409);
    const afterRevoke = await publicCall('/api/respond/open', { token: revoked.token }, ip);
    expect(afterRevoke.status).toBe(404);
    expect(afterRevoke.text).toBe(unknown.text);
    expect(await api.store().measures.listForClient(id)).toEqual([]);
  });

  it('PHQ-9 item 9 alerts the clinician at once and shows the client crisis resources', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token, id: linkId } = await makeLink(c, id, { instruments: ['phq9'] });
    const r = await publicCall(
      '/api/respond/submit',
      { token, responses: [{ instrument: 'phq9', answers: [2, 2, 1, 1, 1, 1, 1, 0, 1] }] },
      freshIp(),
    );
    expect(r.status, r.text).toBe(200);
    expect(read(PublicResponseResultSchema, r).crisis).toEqual(DEFAULT_CRISIS_RESOURCES);
    const alerts = read(
      z.object({ alerts: z.array(ClinicalAlertSchema) }),
      await c.get('/api/alerts'),
    );
    const [admin] = await api.store().measures.listForClient(id);
    expect(admin?.linkId).toBe(linkId);
    expect(alerts.alerts.find((a) => a.clientId === id)).toMatchObject({
      kind: 'phq9_item9',
      severity: 'urgent',
      administrationId: admin?.id,
    });
  });
});

describe('throttling', () => {
  it('after 20 failed lookups from one address: 429 with Retry-After, even for a valid token', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token } = await makeLink(c, id);
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      const r = await publicCall(
        '/api/respond/open',
        { token: randomBytes(32).toString('base64url') },
        ip,
      );
      expect(r.status).toBe(404);
    }
    for (const [path, body] of [
      ['/api/respond/open', { token }],
      ['/api/respond/submit', { token, responses: responses() }],
    ] as const) {
      const r = await publicCall(path, body, ip);
      expect(r.status, path).toBe(429);
      expect(errorOf(r).code).toBe('throttled');
      expect(r.headers.get('retry-after')).toBe('900');
    }
    // Another address is not affected, and the link is still usable from there.
    expect((await publicCall('/api/respond/open', { token }, freshIp())).status).toBe(200);
    // The window passes: the address may try again.
    const later = Date.now() + 16 * 60_000;
    api.deps().clock.now = () => new Date(later);
    expect((await publicCall('/api/respond/open', { token }, ip)).status).toBe(200);
  });

  it('after 30 opens from one address: 429', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token } = await makeLink(c, id);
    const ip = freshIp();
    for (let i = 0; i < 30; i++) {
      expect((await publicCall('/api/respond/open', { token }, ip)).status).toBe(200);
    }
    const r = await publicCall('/api/respond/open', { token }, ip);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('900');
  });
});

describe('privacy of tokens and answers', () => {
  it('no token or answers in the log or the audit trail; the client’s actions are audited with no actor', async () => {
    const lines: string[] = [];
    const logger = api.deps().logger;
    const saved = { ...logger };
    logger.info = (l) => lines.push(l);
    logger.error = (l) => lines.push(l);
    try {
      const c = await api.user('clinician');
      const { id } = await createClient(c);
      const { token, id: linkId } = await makeLink(c, id);
      const ip = freshIp();
      await publicCall('/api/respond/open', { token }, ip);
      const sent = await publicCall('/api/respond/submit', { token, responses: responses() }, ip);
      expect(sent.status).toBe(200);
      await publicCall('/api/respond/open', { token }, ip);
      const log = lines.join('\n');
      expect(log).toContain('POST /api/respond/submit 200');
      expect(log).not.toContain(token);
      expect(log).not.toContain(hashToken(token));

      const entries = await api.store().audit.list(0, 100_000);
      const text = JSON.stringify(entries);
      expect(text).not.toContain(token);
      expect(text).not.toContain(hashToken(token));
      const mine = entries.filter((e) => e.recordId === linkId);
      expect(mine.map((e) => [e.action, e.actorId])).toEqual([
        ['create', c.user?.id],
        ['read', null],
        ['update', null],
      ]);
      const administrations = await api.store().measures.listForClient(id);
      for (const a of administrations) {
        expect(entries.find((e) => e.recordId === a.id)).toMatchObject({
          action: 'create',
          recordType: 'measure',
          actorId: null,
        });
      }
    } finally {
      Object.assign(logger, saved);
    }
  });
});
