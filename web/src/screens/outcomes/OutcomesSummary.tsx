/**
 * The client page's small Outcomes card: per instrument the latest score with its band and the
 * change since baseline, a "Due" badge when a schedule says so, and a link to the Outcomes screen.
 */
import { getOutcomes } from '../../api-measures';
import { routeHref } from '../../router';
import { LoadStatus, useLoad } from '../../ui';
import { useInstrumentNames } from './instrument-names';
import { summaryRows } from './outcome-text';

export function OutcomesSummary({ clientId }: { clientId: string }) {
  const [load] = useLoad(() => getOutcomes(clientId), `outcomes-summary:${clientId}`);
  const nameOf = useInstrumentNames();
  const rows = load.state === 'ready' ? summaryRows(load.data, nameOf) : [];
  return (
    <section aria-labelledby="outcomes-summary-title" className="card">
      <div className="card-head">
        <h2 id="outcomes-summary-title">Outcomes</h2>
        <a href={routeHref({ name: 'clientOutcomes', clientId })}>Open outcomes</a>
      </div>
      <LoadStatus load={load} what="outcomes" />
      {load.state === 'ready' && rows.length === 0 ? (
        <p>No measures yet. Enter answers or send the client a link on the Outcomes screen.</p>
      ) : null}
      {rows.length > 0 ? (
        <ul className="plain outcome-summary">
          {rows.map((r) => (
            <li key={r.instrument}>
              <strong>{r.shortName}</strong>{' '}
              {r.latest !== null ? `${String(r.latest)} (${r.band})` : r.band}
              {r.change !== '' ? <span className="muted"> · {r.change}</span> : null}
              {r.due ? <span className="badge badge-due">Due</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
