/**
 * The change on one instrument in words: since baseline and since the previous administration
 * (scores with bands, difference, the reliable-change criterion and its method, reliable
 * improvement or deterioration, clinically significant improvement, recovery), and the plateau
 * check. Everything comes from the server's `ChangeSummary`; nothing is recomputed here.
 */
import type {
  ChangeSummary as Change,
  InstrumentOutcome,
} from '../../../../src/core/measures/outcome-schema.js';
import { dayOf } from './dates';
import { CATEGORY_LABELS, changeFacts } from './outcome-text';

function Facts({ title, change, cutoff }: { title: string; change: Change; cutoff: number }) {
  return (
    <div className={`change change-${change.category}`}>
      <h4>
        {title}: <span className="change-category">{CATEGORY_LABELS[change.category]}</span>
      </h4>
      <dl className="facts">
        {changeFacts(change, cutoff, dayOf).map((f) => (
          <FactRow key={f.term} term={f.term} detail={f.detail} />
        ))}
      </dl>
    </div>
  );
}

function FactRow({ term, detail }: { term: string; detail: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{detail}</dd>
    </>
  );
}

export function ChangeSummary({ outcome }: { outcome: InstrumentOutcome }) {
  const { sinceBaseline, sincePrevious, plateau, latest } = outcome;
  return (
    <div className="change-summary">
      <h3>Change</h3>
      {latest === null ? (
        <p>No valid score yet: change cannot be judged.</p>
      ) : sinceBaseline === null ? (
        <p>
          One valid score so far ({latest.total}, {latest.band.label}, {dayOf(latest.at)}): it is
          the baseline. Change is judged from the next administration.
        </p>
      ) : (
        <>
          <p className="change-statement">{sinceBaseline.statement}</p>
          <Facts title="Since baseline" change={sinceBaseline} cutoff={outcome.cutoff} />
          {sincePrevious !== null &&
          sincePrevious.from.administrationId !== sinceBaseline.from.administrationId ? (
            <Facts
              title="Since the previous score"
              change={sincePrevious}
              cutoff={outcome.cutoff}
            />
          ) : null}
        </>
      )}
      {plateau !== null ? (
        <p className={plateau.detected ? 'plateau plateau-detected' : 'plateau'}>
          <strong>{plateau.detected ? 'Plateau: ' : 'Plateau check: '}</strong>
          {plateau.message}
        </p>
      ) : null}
    </div>
  );
}
