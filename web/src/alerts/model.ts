/**
 * What the app-wide alert banner shows, pure: the open alerts in order (urgent first, newest
 * first), each with the client's name (from the client list; never from or into a URL), where to
 * open the safety assessment, and whether this user may acknowledge it (the client's clinician).
 */
import type { ClinicalAlert } from '../../../src/server/domain/care.js';

/** How often the banner asks for open alerts. */
export const POLL_MS = 15_000;

export interface BannerAlert {
  id: string;
  clientId: string;
  /** null while the name is not known (not loaded yet, or not in this user's list). */
  clientName: string | null;
  urgent: boolean;
  kindLabel: string;
  message: string;
  createdAt: string;
  safetyHref: string;
  canAcknowledge: boolean;
}

const KIND_LABELS: Record<ClinicalAlert['kind'], string> = {
  phq9_item9: 'PHQ-9 question 9 (thoughts of death or self-harm)',
  session_risk: 'Risk found in a session',
};

const RANK: Record<ClinicalAlert['severity'], number> = { urgent: 0, warning: 1, info: 2 };

export function bannerAlerts(
  alerts: readonly ClinicalAlert[],
  names: ReadonlyMap<string, string>,
  userId: string,
): BannerAlert[] {
  return alerts
    .filter((a) => a.acknowledgedAt === null)
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.createdAt.localeCompare(a.createdAt))
    .map((a) => ({
      id: a.id,
      clientId: a.clientId,
      clientName: names.get(a.clientId) ?? null,
      urgent: a.severity === 'urgent',
      kindLabel: KIND_LABELS[a.kind],
      message: a.message,
      createdAt: a.createdAt,
      safetyHref: `#/clients/${encodeURIComponent(a.clientId)}/safety`,
      canAcknowledge: a.clinicianId === userId,
    }));
}

/** Whether some alert's client has no known name (the client list should be read again). */
export function namesMissing(
  alerts: readonly ClinicalAlert[],
  names: ReadonlyMap<string, string>,
): boolean {
  return alerts.some((a) => !names.has(a.clientId));
}

/** "1 urgent alert", "3 alerts, 2 urgent". */
export function bannerHeading(alerts: readonly BannerAlert[]): string {
  const urgent = alerts.filter((a) => a.urgent).length;
  const all = alerts.length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (urgent === all) return plural(all, 'urgent alert');
  if (urgent === 0) return plural(all, 'alert');
  return `${plural(all, 'alert')}, ${urgent} urgent`;
}
