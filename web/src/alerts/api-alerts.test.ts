import { afterEach, describe, expect, it, vi } from 'vitest';
import { acknowledgeAlert, caseloadClients, openAlerts } from './api-alerts';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
}

function stubFetch(): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    seen.push({
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
    });
    return Promise.resolve(
      new Response(JSON.stringify({ alerts: [], clients: [], alert: {} }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('alert banner requests', () => {
  it('polls open alerts and the client list as background checks (not activity)', async () => {
    const seen = stubFetch();
    await openAlerts();
    await caseloadClients();
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ['GET', '/api/alerts?status=open'],
      ['GET', '/api/clients'],
    ]);
    for (const s of seen) expect(s.headers['X-DocScrib-Background']).toBe('1');
  });

  it('acknowledging is the person’s own action (no background mark), the id escaped in the path', async () => {
    const seen = stubFetch();
    await acknowledgeAlert('a/b');
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('/api/alerts/a%2Fb/acknowledge');
    expect(seen[0]?.headers['X-DocScrib-Background']).toBeUndefined();
  });
});
