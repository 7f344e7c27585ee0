/** A treatment plan, read only: for a supervisor, and for each signed version. */
import { calendarDate } from '../../format';
import type { ClientPlan } from '../../types';
import { nameWithModality, type CatalogueIndex } from '../toolkit/catalogue';
import { OBJECTIVE_STATUS_LABELS, instrumentLabel } from './plan-model';

export function PlanView({ plan, index }: { plan: ClientPlan; index: CatalogueIndex }) {
  return (
    <div className="plan-view">
      <h3>Problems</h3>
      {plan.problems.length === 0 ? <p>None recorded.</p> : null}
      <ul>
        {plan.problems.map((p) => (
          <li key={p.id}>
            <strong>{p.id}</strong> {p.text}
            {p.diagnosisCodes.length > 0 ? (
              <span className="muted"> ({p.diagnosisCodes.join(', ')})</span>
            ) : null}
          </li>
        ))}
      </ul>
      <h3>Goals and objectives</h3>
      {plan.goals.length === 0 ? <p>None recorded.</p> : null}
      <ul>
        {plan.goals.map((g) => (
          <li key={g.id}>
            <strong>{g.id}</strong> {g.text}
            {g.problemId !== null ? <span className="muted"> (problem {g.problemId})</span> : null}
            {g.objectives.length > 0 ? (
              <ul>
                {g.objectives.map((o) => (
                  <li key={o.id}>
                    <strong>{o.id}</strong> {o.text}
                    {o.instrument !== null && o.targetScore !== null
                      ? ` · ${instrumentLabel(o.instrument)} ≤ ${o.targetScore}`
                      : ''}
                    {o.targetDate !== null ? ` · by ${calendarDate(o.targetDate)}` : ''}
                    {` · ${OBJECTIVE_STATUS_LABELS[o.status]}`}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      <h3>Planned interventions</h3>
      {plan.plannedInterventions.length === 0 ? <p>None recorded.</p> : null}
      <ul>
        {plan.plannedInterventions.map((i) => (
          <li key={i.interventionId}>
            <strong>{nameWithModality(index, i.interventionId)}</strong>
            {i.goalIds.length > 0 ? (
              <span className="muted"> (goals {i.goalIds.join(', ')})</span>
            ) : null}
            {i.rationale !== '' ? <p>Rationale: {i.rationale}</p> : null}
            {i.expectedOutcomes !== '' ? <p>Expected outcomes: {i.expectedOutcomes}</p> : null}
            {i.frequency !== '' ? <p>Frequency: {i.frequency}</p> : null}
          </li>
        ))}
      </ul>
      <dl className="facts">
        <dt>Case conceptualization</dt>
        <dd className="pre-line">{plan.conceptualization !== '' ? plan.conceptualization : '—'}</dd>
        <dt>Frequency</dt>
        <dd>{plan.frequency !== '' ? plan.frequency : '—'}</dd>
        <dt>Duration</dt>
        <dd>{plan.duration !== '' ? plan.duration : '—'}</dd>
        <dt>Start date</dt>
        <dd>{plan.startDate !== null ? calendarDate(plan.startDate) : '—'}</dd>
        <dt>Review date</dt>
        <dd>{plan.reviewDate !== null ? calendarDate(plan.reviewDate) : '—'}</dd>
      </dl>
    </div>
  );
}
