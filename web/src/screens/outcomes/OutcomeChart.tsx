/**
 * One instrument's score chart: an SVG (`role="img"` with a text summary as its name) of the
 * scores over time on the shaded, labelled severity bands, the caseness cut-off line, each
 * administration a point (those not scored marked ×), and the sessions' interventions as numbered
 * markers under the time axis. The legend names each marker's interventions; hovering a marker or
 * focusing its legend entry shows the names on the chart. The same data as a table follows in a
 * disclosure, for screen readers and anyone who prefers numbers.
 */
import { useId, useState } from 'react';
import type { InstrumentOutcome } from '../../../../src/core/measures/outcome-schema.js';
import type {
  MeasureAdministration,
  SessionLogEntry,
} from '../../../../src/server/domain/schemas.js';
import { calendarDate } from '../../format';
import { layoutChart } from './chart-layout';
import { dayOf, tickDay } from './dates';
import { chartSummary, scoreRows } from './outcome-text';
import { RecordTable } from '../../components/record-table';

interface Props {
  outcome: InstrumentOutcome;
  administrations: readonly MeasureAdministration[];
  sessionLog: readonly SessionLogEntry[];
  /** The instrument's score range (charts of forms without bands). */
  range?: readonly [number, number] | undefined;
}

export function OutcomeChart({ outcome, administrations, sessionLog, range }: Props) {
  const layout = layoutChart(outcome, sessionLog, undefined, range);
  const [hovered, setHovered] = useState<number | null>(null);
  const [pinned, setPinned] = useState<number | null>(null);
  const active = hovered ?? pinned;
  const legendId = useId();
  const { plot } = layout;
  const right = plot.x + plot.width;
  const bottom = plot.y + plot.height;
  const summary = chartSummary(outcome, layout.markers.length, dayOf);
  const activeMarker = layout.markers.find((m) => m.n === active);
  const rows = scoreRows(outcome, administrations, sessionLog);

  return (
    <figure className="outcome-chart">
      {/* Scrolls sideways on small screens (focusable, so the keyboard can scroll it). */}
      <div
        className="chart-scroll"
        tabIndex={0}
        role="group"
        aria-label={`${outcome.shortName} chart (scrolls sideways on small screens)`}
      >
        <svg
          className="chart-svg"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-label={summary}
          aria-describedby={layout.markers.length > 0 ? legendId : undefined}
        >
          {layout.bands.map((b) => (
            <g key={b.severity + String(b.min)}>
              <rect
                className={`chart-band chart-band-${b.severity}`}
                x={plot.x}
                y={b.y}
                width={plot.width}
                height={b.height}
              />
              <text className="chart-band-label" x={right + 6} y={b.labelY}>
                {b.label}
              </text>
            </g>
          ))}
          {layout.yTicks.map((t) => (
            <g key={t.value}>
              <line className="chart-grid" x1={plot.x - 4} x2={plot.x} y1={t.y} y2={t.y} />
              <text className="chart-tick" x={plot.x - 7} y={t.y + 4} textAnchor="end">
                {t.value}
              </text>
            </g>
          ))}
          <line className="chart-axis" x1={plot.x} x2={plot.x} y1={plot.y} y2={bottom} />
          <line className="chart-axis" x1={plot.x} x2={right} y1={bottom} y2={bottom} />
          {layout.xTicks.map((t) => (
            <g key={t.t}>
              <line className="chart-grid" x1={t.x} x2={t.x} y1={bottom} y2={bottom + 4} />
              <text className="chart-tick" x={t.x} y={bottom + 17} textAnchor="middle">
                {tickDay(t.t)}
              </text>
            </g>
          ))}
          {layout.cutoff !== null ? (
            <g>
              <line
                className="chart-cutoff"
                x1={plot.x}
                x2={right}
                y1={layout.cutoff.y}
                y2={layout.cutoff.y}
              />
              <text className="chart-cutoff-label" x={plot.x + 6} y={layout.cutoff.y - 5}>
                Cut-off: {layout.cutoff.score} and above
              </text>
            </g>
          ) : null}
          {layout.line !== '' ? <path className="chart-line" d={layout.line} /> : null}
          {layout.points.map((p, i) =>
            p.valid ? (
              <circle key={i} className="chart-point" cx={p.x} cy={p.y} r={5}>
                <title>{`${dayOf(p.at)}: ${String(p.total)}`}</title>
              </circle>
            ) : (
              <path
                key={i}
                className="chart-point-invalid"
                d={`M${p.x - 5},${p.y - 5} L${p.x + 5},${p.y + 5} M${p.x - 5},${p.y + 5} L${p.x + 5},${p.y - 5}`}
              >
                <title>{`${dayOf(p.at)}: not scored`}</title>
              </path>
            ),
          )}
          {layout.markers.length > 0 ? (
            <text className="chart-tick" x={plot.x - 7} y={layout.markerY + 4} textAnchor="end">
              Sessions
            </text>
          ) : null}
          {layout.markers.map((m) => (
            <g
              key={m.sessionId}
              className={`chart-marker${m.n === active ? ' is-active' : ''}`}
              onMouseEnter={() => {
                setHovered(m.n);
              }}
              onMouseLeave={() => {
                setHovered(null);
              }}
            >
              <path d={`M${m.x},${m.y - 9} L${m.x - 7},${m.y + 4} L${m.x + 7},${m.y + 4} Z`} />
              <text x={m.x} y={m.y + 17} textAnchor="middle">
                {m.n}
              </text>
              <title>{`${String(m.n)}. ${calendarDate(m.date)}: ${m.names.join(', ')}`}</title>
            </g>
          ))}
          {activeMarker !== undefined ? (
            <text
              className="chart-marker-name"
              x={activeMarker.x}
              y={layout.markerY - 14}
              textAnchor={activeMarker.x > plot.x + plot.width / 2 ? 'end' : 'start'}
            >
              {activeMarker.names.join(', ')}
            </text>
          ) : null}
        </svg>
      </div>
      <figcaption>
        <ul className="chart-key">
          <li>
            <span aria-hidden="true" className="key-point">
              ●
            </span>{' '}
            Score
          </li>
          <li>
            <span aria-hidden="true" className="key-invalid">
              ×
            </span>{' '}
            Not scored (too many missing answers)
          </li>
          {layout.cutoff !== null ? (
            <li>
              <span aria-hidden="true" className="key-cutoff">
                - - -
              </span>{' '}
              Cut-off ({layout.cutoff.score}: at or above is the clinical range)
            </li>
          ) : null}
          {layout.markers.length > 0 ? (
            <li>
              <span aria-hidden="true" className="key-marker">
                ▲
              </span>{' '}
              A session’s interventions
            </li>
          ) : null}
        </ul>
        {layout.markers.length > 0 ? (
          <ol className="chart-legend" id={legendId} aria-label="Interventions by session">
            {layout.markers.map((m) => (
              <li key={m.sessionId}>
                <button
                  type="button"
                  className="button-link"
                  aria-pressed={pinned === m.n}
                  onFocus={() => {
                    setHovered(m.n);
                  }}
                  onBlur={() => {
                    setHovered(null);
                  }}
                  onMouseEnter={() => {
                    setHovered(m.n);
                  }}
                  onMouseLeave={() => {
                    setHovered(null);
                  }}
                  onClick={() => {
                    setPinned((p) => (p === m.n ? null : m.n));
                  }}
                >
                  {m.n}. {calendarDate(m.date)}: {m.names.join(', ')}
                </button>
              </li>
            ))}
          </ol>
        ) : null}
      </figcaption>
      <details className="chart-table">
        <summary>{outcome.shortName} scores as a table</summary>
        <RecordTable
          columns={['Date', 'Score', 'Band', 'Interventions in the session']}
          caption={`${outcome.shortName} administrations`}
        >
          {rows.map((r, i) => (
            <tr key={r.administrationId ?? i}>
              <td>{dayOf(r.at)}</td>
              <td>
                {r.total ?? `Not scored${r.reason !== '' ? `: ${r.reason}` : ''}`}
                {r.alert ? <span className="badge sev-error"> Item alert</span> : null}
              </td>
              <td>{r.band}</td>
              <td>{r.interventions.length > 0 ? r.interventions.join(', ') : '—'}</td>
            </tr>
          ))}
        </RecordTable>
      </details>
    </figure>
  );
}
