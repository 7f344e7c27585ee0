/**
 * The app-wide clinical alert banner for clinicians and supervisors: asks for the caseload's open
 * alerts every 15 seconds (a background check that does not keep an idle session alive), and at
 * once when the window regains focus or the route changes, and shows
 * them above every screen. Urgent ones (PHQ-9 question 9 above 0, risk found in a session) are a
 * role="alert" region, so a
 * screen reader says them as they arrive. Each names the client (from the client list, never from
 * the URL), when it was raised, what it is, links to the client's safety assessment, and — for the
 * client's own clinician — acknowledges it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClinicalAlert } from '../../../src/server/domain/care.js';
import { describeError } from '../api';
import { dateTime } from '../format';
import type { User } from '../types';
import { useAnnounce } from '../ui';
import { acknowledgeAlert, caseloadClients, openAlerts } from './api-alerts';
import { bannerAlerts, bannerHeading, namesMissing, POLL_MS, type BannerAlert } from './model';
import './alerts.css';

export function AlertBanner({ user }: { user: User }) {
  if (user.role === 'admin') return null;
  return <Banner userId={user.id} />;
}

function Banner({ userId }: { userId: string }) {
  const [alerts, setAlerts] = useState<ClinicalAlert[]>([]);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const namesNow = useRef(names);
  const [tick, setTick] = useState(0);
  /** The client ids last looked up, so a client missing from the list is not asked every poll. */
  const looked = useRef<string>('');

  const refresh = useCallback(() => {
    setTick((t) => t + 1);
  }, []);

  // Also ask at once when the window comes back into focus and on every route change (hash), so
  // an alert raised while the clinician was elsewhere shows without waiting for the next poll.
  useEffect(() => {
    const now = () => {
      refresh();
    };
    window.addEventListener('focus', now);
    window.addEventListener('hashchange', now);
    return () => {
      window.removeEventListener('focus', now);
      window.removeEventListener('hashchange', now);
    };
  }, [refresh]);

  useEffect(() => {
    /** Cleared when the banner goes (or polls again after an acknowledgement). */
    const run = { live: true };
    const gone = () => !run.live;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const { alerts: open } = await openAlerts();
        if (gone()) return;
        // Names first, then the alerts: an alert is said once, with its client's name.
        const ids = [...new Set(open.map((a) => a.clientId))].sort().join(',');
        if (namesMissing(open, namesNow.current) && ids !== looked.current) {
          looked.current = ids;
          try {
            const { clients } = await caseloadClients();
            namesNow.current = new Map(clients.map((c) => [c.id, c.profile.name]));
          } catch {
            looked.current = ''; // ask again next time; show the alerts without names meanwhile
          }
          if (gone()) return;
          setNames(namesNow.current);
        }
        setAlerts(open);
      } catch {
        // not signed in any more, or the server is away: the next poll tries again
      }
      if (!gone()) timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      run.live = false;
      window.clearTimeout(timer);
    };
  }, [tick]);

  const shown = bannerAlerts(alerts, names, userId);
  if (shown.length === 0) return null;
  const urgent = shown.filter((a) => a.urgent);
  const other = shown.filter((a) => !a.urgent);
  // An acknowledged alert leaves the banner at once; the list is then read again.
  const items = (list: readonly BannerAlert[]) =>
    list.map((a) => (
      <AlertItem
        key={a.id}
        alert={a}
        onAcknowledged={() => {
          setAlerts((all) => all.filter((x) => x.id !== a.id));
          refresh();
        }}
      />
    ));
  return (
    <section className="alert-banner" aria-labelledby="alert-banner-title">
      <h2 id="alert-banner-title" className="alert-banner-title" tabIndex={-1}>
        {bannerHeading(shown)}
      </h2>
      {urgent.length > 0 ? (
        <div role="alert" className="alert-banner-urgent">
          <ul>{items(urgent)}</ul>
        </div>
      ) : null}
      {other.length > 0 ? <ul className="alert-banner-other">{items(other)}</ul> : null}
    </section>
  );
}

function AlertItem({ alert, onAcknowledged }: { alert: BannerAlert; onAcknowledged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const who = alert.clientName ?? 'A client on your caseload';

  async function acknowledge() {
    setBusy(true);
    setError(null);
    try {
      await acknowledgeAlert(alert.id);
      announce(`Alert for ${who} acknowledged.`);
      // The button is gone: the keyboard goes on from the banner's heading or the screen's title.
      const next =
        document.getElementById('alert-banner-title') ?? document.querySelector('main h1');
      onAcknowledged();
      window.setTimeout(() => {
        const target = document.getElementById('alert-banner-title') ?? next;
        if (target instanceof HTMLElement && target.isConnected) target.focus();
        else document.querySelector<HTMLElement>('main h1')?.focus();
      }, 0);
    } catch (e) {
      setError(describeError(e).message);
      setBusy(false);
    }
  }

  return (
    <li className={`alert-banner-item${alert.urgent ? ' is-urgent' : ''}`}>
      <p className="alert-banner-what">
        <strong>{alert.urgent ? 'Urgent: ' : 'Alert: '}</strong>
        <strong>{who}</strong> — {alert.kindLabel}.{' '}
        <span className="alert-banner-time">
          Raised <time dateTime={alert.createdAt}>{dateTime(alert.createdAt)}</time>.
        </span>
      </p>
      <p className="alert-banner-message">{alert.message}</p>
      <p className="alert-banner-actions">
        <a className="button" href={alert.safetyHref}>
          Open safety assessment
          {alert.clientName !== null ? (
            <span className="visually-hidden"> for {alert.clientName}</span>
          ) : null}
        </a>
        {alert.canAcknowledge ? (
          <button
            type="button"
            className="button-secondary"
            disabled={busy}
            onClick={() => void acknowledge()}
          >
            Acknowledge
            {alert.clientName !== null ? (
              <span className="visually-hidden"> the alert for {alert.clientName}</span>
            ) : null}
          </button>
        ) : null}
      </p>
      {error !== null ? (
        <p className="field-error" role="alert">
          Not acknowledged: {error}
        </p>
      ) : null}
    </li>
  );
}
