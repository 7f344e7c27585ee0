/**
 * "Which interventions preceded reliable improvement": per instrument, the span in which a
 * reliable improvement was seen and the interventions delivered in the sessions before it. It
 * says what came before, not what caused it.
 */
import { useId } from 'react';
import type { ClientOutcomes } from '../../api-measures';
import { interventionLabel } from '../../format';
import { dayOf } from './dates';
import { useInstrumentNames } from './instrument-names';

export function PrecededImprovement({ data }: { data: ClientOutcomes }) {
  const titleId = useId();
  const instrumentName = useInstrumentNames();
  const names = new Map<string, string>();
  for (const s of data.sessionLog) {
    for (const i of s.interventions) names.set(i.interventionId, i.name);
  }
  const nameOf = (id: string) => names.get(id) ?? interventionLabel(id);
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Which interventions preceded reliable improvement</h2>
      {data.precededImprovement.length === 0 ? (
        <p>No reliable improvement has been measured yet.</p>
      ) : (
        <>
          <ul className="preceded">
            {data.precededImprovement.map((p, i) => (
              <li key={`${p.instrument}-${String(i)}`}>
                <strong>{instrumentName(p.instrument)}</strong>: reliable improvement between{' '}
                {dayOf(p.from)} and {dayOf(p.to)}, after{' '}
                {p.interventionIds.length > 0
                  ? p.interventionIds.map(nameOf).join(', ')
                  : 'no documented interventions'}
                .
              </li>
            ))}
          </ul>
          <p className="muted small">
            These interventions came before the improvement; this does not show that they caused it.
          </p>
        </>
      )}
    </section>
  );
}
