/**
 * The client's one-time questionnaire link, end to end through the API: the token in the URL
 * fragment (its entropy is a unit test of newToken in src/server/security/tokens.test.ts),
 * hash-only storage (the token is nowhere in the database files), the
 * public forms without anything about the client, submitting once (also when submits race),
 * expiry (the clock moved; a submit is still taken for 60 minutes after it), revocation (also
 * during that grace), one generic
 * answer for every unusable token, per-address throttling (429 with Retry-After) that never locks
 * a valid link out, HMAC-keyed and pruned counters, the item-9 alert reaching the clinician with crisis resources
 * shown to the client, and no token or answers in the log or the audit trail.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
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
import { ipKey } from '../../src/server/security/throttle.js';
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
  it('are 43 base64url characters in the URL fragment, a new one per link', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const made = await Promise.all(
      Array.from({ length: 5 }, () => makeLink(c, id, { instruments: ['gad7'] })),
    );
    for (const { token, url } of made) {
      expect(url).toMatch(/^http:\/\/localhost\/respond#[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(new Set(made.map((m) => m.token)).size).toBe(5);
  });

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
    // Past the 60-minute grace of submits as well.
    const muchLater = Date.now() + 121 * 60_000;
    api.deps().clock.now = () => new Date(muchLater);
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

describe('a link expiring while its client answers', () => {
  it('still takes the answers for 60 minutes after expiresAt (item-9 alert and crisis), but no longer opens', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token, id: linkId } = await makeLink(c, id, {
      instruments: ['phq9'],
      expiresInHours: 1,
    });
    const ip = freshIp();
    expect((await publicCall('/api/respond/open', { token }, ip)).status).toBe(200);
    // 59 minutes after expiry: open refused, submit taken.
    const t = Date.now() + (60 + 59) * 60_000;
    api.deps().clock.now = () => new Date(t);
    const reopen = await publicCall('/api/respond/open', { token }, ip);
    expect(reopen.status).toBe(404);
    const sent = await publicCall(
      '/api/respond/submit',
      { token, responses: [{ instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 3] }] },
      ip,
    );
    expect(sent.status, sent.text).toBe(200);
    expect(read(PublicResponseResultSchema, sent).crisis).toEqual(DEFAULT_CRISIS_RESOURCES);
    expect((await api.store().measureLinks.get(linkId))?.status).toBe('completed');
    api.deps().clock.now = () => new Date(); // the clinician's session lives in the present
    const alerts = read(
      z.object({ alerts: z.array(ClinicalAlertSchema) }),
      await c.get('/api/alerts'),
    );
    expect(alerts.alerts.find((a) => a.clientId === id)?.kind).toBe('phq9_item9');
  });

  it('refuses the submit once the grace has passed', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token } = await makeLink(c, id, { instruments: ['gad7'], expiresInHours: 1 });
    const t = Date.now() + (60 + 61) * 60_000;
    api.deps().clock.now = () => new Date(t);
    const r = await publicCall(
      '/api/respond/submit',
      { token, responses: [responses()[1]] },
      freshIp(),
    );
    expect(r.status).toBe(404);
    expect(errorOf(r).code).toBe('link_invalid');
    expect(await api.store().measures.listForClient(id)).toEqual([]);
  });
});

describe('revoking a link', () => {
  /** Move a link's expiry (the clinician's sign-in lives in the real present). */
  function expireAgo(linkId: string, minutes: number): void {
    const db = new Database(api.dbPath());
    try {
      const at = new Date(Date.now() - minutes * 60_000).toISOString();
      db.prepare('update measure_links set expires_at = ? where id = ?').run(at, linkId);
    } finally {
      db.close();
    }
  }
  const linksOf = async (c: Caller, clientId: string) =>
    read(
      z.object({ links: z.array(MeasureLinkSchema) }),
      await c.get(`/api/clients/${clientId}/measure-links`),
    ).links;

  it('works during the 60-minute submit grace after expiry: the late submit is then refused', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token, id: linkId } = await makeLink(c, id, { instruments: ['gad7'] });
    expireAgo(linkId, 30);
    // Shown as expired, but a submit would still be taken (the list says until when): so it can
    // be revoked.
    const listed = (await linksOf(c, id)).find((l) => l.id === linkId);
    expect(listed?.status).toBe('expired');
    expect(listed?.acceptsAnswersUntil).toBe(
      new Date(Date.parse(listed?.expiresAt ?? '') + 60 * 60 * 1000).toISOString(),
    );
    const r = await c.post(`/api/measure-links/${linkId}/revoke`);
    expect(r.status, r.text).toBe(200);
    expect(read(z.object({ link: MeasureLinkSchema }), r).link).toMatchObject({
      id: linkId,
      status: 'revoked',
      acceptsAnswersUntil: null,
    });
    expect((await api.store().measureLinks.get(linkId))?.status).toBe('revoked');
    const late = await publicCall(
      '/api/respond/submit',
      { token, responses: [responses()[1]] },
      freshIp(),
    );
    expect(late.status).toBe(404);
    expect(errorOf(late).code).toBe('link_invalid');
    expect(await api.store().measures.listForClient(id)).toEqual([]);
    expect((await c.post(`/api/measure-links/${linkId}/revoke`)).status).toBe(409);
  });

  it('answers 409 once the grace has passed or the link was used', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const old = await makeLink(c, id, { instruments: ['gad7'] });
    expireAgo(old.id, 61);
    const past = await c.post(`/api/measure-links/${old.id}/revoke`);
    expect(past.status).toBe(409);
    expect(errorOf(past).code).toBe('conflict');
    expect((await api.store().measureLinks.get(old.id))?.status).toBe('pending');

    const used = await makeLink(c, id, { instruments: ['gad7'] });
    const sent = await publicCall(
      '/api/respond/submit',
      { token: used.token, responses: [responses()[1]] },
      freshIp(),
    );
    expect(sent.status, sent.text).toBe(200);
    expect((await c.post(`/api/measure-links/${used.id}/revoke`)).status).toBe(409);
    expect((await api.store().measureLinks.get(used.id))?.status).toBe('completed');
  });
});

const bogus = (): string => randomBytes(32).toString('base64url');
const ITEM9 = [{ instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 3] }];

describe('throttling', () => {
  it('after 20 failed lookups from one address: 429 with Retry-After for unknown tokens, but a valid link still opens and submits', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token } = await makeLink(c, id, { instruments: ['phq9'] });
    const ip = freshIp();
    // The client opens; then someone behind the same address sends 20 made-up tokens.
    expect((await publicCall('/api/respond/open', { token }, ip)).status).toBe(200);
    for (let i = 0; i < 20; i++) {
      expect((await publicCall('/api/respond/open', { token: bogus() }, ip)).status).toBe(404);
    }
    for (const [path, body] of [
      ['/api/respond/open', { token: bogus() }],
      ['/api/respond/submit', { token: bogus(), responses: responses() }],
    ] as const) {
      const r = await publicCall(path, body, ip);
      expect(r.status, path).toBe(429);
      expect(errorOf(r).code).toBe('throttled');
      expect(r.headers.get('retry-after')).toBe('900');
    }
    // The real client is not locked out: open again, and the item-9 answer arrives.
    expect((await publicCall('/api/respond/open', { token }, ip)).status).toBe(200);
    const sent = await publicCall('/api/respond/submit', { token, responses: ITEM9 }, ip);
    expect(sent.status, sent.text).toBe(200);
    expect(read(PublicResponseResultSchema, sent).crisis).toEqual(DEFAULT_CRISIS_RESOURCES);
    const alerts = read(
      z.object({ alerts: z.array(ClinicalAlertSchema) }),
      await c.get('/api/alerts'),
    );
    expect(alerts.alerts.find((a) => a.clientId === id)?.kind).toBe('phq9_item9');
    // Another address is not affected; and once the window passes the address may look up again.
    expect((await publicCall('/api/respond/open', { token: bogus() }, freshIp())).status).toBe(404);
    const later = Date.now() + 16 * 60_000;
    api.deps().clock.now = () => new Date(later);
    expect((await publicCall('/api/respond/open', { token: bogus() }, ip)).status).toBe(404);
  });

  it('of 60 simultaneous made-up tokens from one address exactly 20 are looked up (404), the rest 429', async () => {
    const ip = freshIp();
    const replies = await Promise.all(
      Array.from({ length: 60 }, () => publicCall('/api/respond/open', { token: bogus() }, ip)),
    );
    expect(replies.filter((r) => r.status === 404)).toHaveLength(20);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(40);
  });

  it('after 60 opens from one address: 429 for opens, yet the submit after them is taken', async () => {
    const c = await api.user('clinician');
    const { id } = await createClient(c);
    const { token } = await makeLink(c, id);
    const ip = freshIp();
    for (let i = 0; i < 60; i++) {
      expect((await publicCall('/api/respond/open', { token }, ip)).status).toBe(200);
    }
    const r = await publicCall('/api/respond/open', { token }, ip);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('900');
    // Answers that do not fit count as opens (429 now), well-formed ones are never throttled.
    const bad = await publicCall('/api/respond/submit', { token, responses: [responses()[0]] }, ip);
    expect(bad.status).toBe(429);
    const sent = await publicCall('/api/respond/submit', { token, responses: responses() }, ip);
    expect(sent.status, sent.text).toBe(200);
  });

  it('keeps counters as keyed hashes (no address, no plain SHA-256) and forgets addresses that never return', async () => {
    const ips = Array.from({ length: 10 }, () => freshIp());
    for (const ip of ips) await publicCall('/api/respond/open', { token: bogus() }, ip);
    const db = new Database(api.dbPath(), { readonly: true });
    const keys = () =>
      db.prepare('select key, at from rate_limit_hits').all() as { key: string; at: string }[];
    try {
      const text = JSON.stringify(keys());
      for (const ip of ips) {
        expect(text).not.toContain(ip);
        // Not an unsalted SHA-256 of the address (in any of the forms it is keyed by).
        for (const plain of [ip, ipKey(ip), `respond-fail:${ipKey(ip)}`]) {
          expect(text).not.toContain(createHash('sha256').update(plain, 'utf8').digest('hex'));
        }
      }
      expect(keys().length).toBeGreaterThanOrEqual(10);
      // A day later one request from elsewhere prunes every stale row.
      const later = Date.now() + 24 * 3600_000;
      api.deps().clock.now = () => new Date(later);
      await publicCall('/api/respond/open', { token: bogus() }, freshIp());
      const windowStart = new Date(later - 15 * 60_000).toISOString();
      expect(keys().filter((r) => r.at < windowStart)).toEqual([]);
      expect(keys()).toHaveLength(1);
    } finally {
      db.close();
    }
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
