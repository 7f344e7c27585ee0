import { describe, expect, it } from 'vitest';
import type { ClinicalAlert } from '../../../src/server/domain/care.js';
import { bannerAlerts, bannerHeading, namesMissing } from './model';

let n = 0;
function alert(over: Partial<ClinicalAlert> = {}): ClinicalAlert {
  n += 1;
  return {
    id: `alert${n}`,
    clientId: 'client1',
    clinicianId: 'me',
    kind: 'phq9_item9',
    severity: 'urgent',
    message: 'PHQ-9 item 9 answered 2 (more than half the days).',
    administrationId: `adm${n}`,
    sessionId: null,
    safetyAssessmentId: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    ...over,
  };
}

describe('alert banner model', () => {
  it('puts urgent alerts first and the newest first, without acknowledged ones', () => {
    const old = alert({ createdAt: '2026-11-19T10:00:00.000Z' });
    const recent = alert({ createdAt: '2026-11-21T10:00:00.000Z' });
    const warning = alert({
      kind: 'session_risk',
      severity: 'warning',
      createdAt: '2026-11-22T10:00:00.000Z',
    });
    const done = alert({ acknowledgedAt: '2026-11-21T11:00:00.000Z', acknowledgedBy: 'me' });
    const shown = bannerAlerts([warning, old, done, recent], new Map(), 'me');
    expect(shown.map((a) => a.id)).toEqual([recent.id, old.id, warning.id]);
    expect(shown.map((a) => a.urgent)).toEqual([true, true, false]);
    expect(shown[2]?.kindLabel).toBe('Risk found in a session');
  });

  it('names the client from the list, links the safety screen by id, and lets only the owner acknowledge', () => {
    const mine = alert({ clientId: 'c/1' });
    const supervisee = alert({ clientId: 'c2', clinicianId: 'someone-else' });
    const names = new Map([['c/1', 'Ada Example']]);
    const [a, b] = bannerAlerts([mine, supervisee], names, 'me');
    expect(a?.clientName).toBe('Ada Example');
    expect(a?.safetyHref).toBe('#/clients/c%2F1/safety');
    expect(a?.safetyHref).not.toContain('Ada');
    expect(a?.canAcknowledge).toBe(true);
    expect(b?.clientName).toBeNull();
    expect(b?.canAcknowledge).toBe(false);
    expect(namesMissing([mine], names)).toBe(false);
    expect(namesMissing([mine, supervisee], names)).toBe(true);
  });

  it('counts alerts in its heading', () => {
    const urgent = bannerAlerts([alert()], new Map(), 'me');
    const mixed = bannerAlerts(
      [alert(), alert(), alert({ severity: 'warning', kind: 'session_risk' })],
      new Map(),
      'me',
    );
    const warnings = bannerAlerts([alert({ severity: 'warning' })], new Map(), 'me');
    expect(bannerHeading(urgent)).toBe('1 urgent alert');
    expect(bannerHeading(mixed)).toBe('3 alerts, 2 urgent');
    expect(bannerHeading(warnings)).toBe('1 alert');
  });
});
