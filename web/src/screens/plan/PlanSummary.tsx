/**
 * The client page's compact plan card: goals, review date (due?), signed or not, and links to
 * the treatment plan, outcomes, and consent and safety screens.
 */
import { calendarDate, dateTime } from '../../format';
import { routeHref } from '../../router';
import type { ClientPlan } from '../../types';
import { reviewDue } from './plan-model';
import { usePracticeToday } from './practice-today';

export function PlanSummary({ clientId, plan }: { clientId: string; plan: ClientPlan }) {
  const today = usePracticeToday();
  const overdue = reviewDue(plan.reviewDate, today);
  return (
    <section aria-labelledby="plan-summary-title" className="card">
      <h2 id="plan-summary-title">Treatment plan</h2>
      <p>
        {plan.signature !== null ? (
          <span className="badge badge-signed">Signed {dateTime(plan.signature.signedAt)}</span>
        ) : (
          <span className="badge badge-draft">Not signed</span>
        )}{' '}
        {plan.reviewDate !== null ? (
          <span>
            Review {calendarDate(plan.reviewDate)}
            {overdue ? <span className="badge badge-overdue">Review due</span> : null}
          </span>
        ) : (
          <span className="muted">No review date</span>
        )}
      </p>
      {plan.goals.length === 0 ? (
        <p>No goals yet.</p>
      ) : (
        <ol className="goals">
          {plan.goals.map((g) => (
            <li key={g.id}>
              <strong>{g.id}</strong> {g.text}
            </li>
          ))}
        </ol>
      )}
      <ul className="link-row">
        <li>
          <a href={routeHref({ name: 'clientPlan', clientId })}>Treatment plan</a>
        </li>
        <li>
          <a href={routeHref({ name: 'clientOutcomes', clientId })}>Outcomes</a>
        </li>
        <li>
          <a href={routeHref({ name: 'clientSafety', clientId })}>Consent and safety</a>
        </li>
      </ul>
    </section>
  );
}
