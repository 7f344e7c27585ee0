import { useState, type SubmitEvent } from 'react';
import { api } from '../../api';
import { splitList } from '../../format';
import type { ClientPlan } from '../../types';
import { InputField, TextAreaField } from '../../components/fields';
import { removeAt, updateAt } from '../../components/list-editor';
import { useSubmit } from '../../components/submit';
import { ErrorBox } from '../../ui';

interface GoalDraft {
  id: string;
  text: string;
  keywords: string;
}

function nextGoalId(goals: GoalDraft[]): string {
  for (let n = goals.length + 1; ; n++) {
    const id = `G${n}`;
    if (!goals.some((g) => g.id === id)) return id;
  }
}

/**
 * The client's treatment plan: goals with their keywords and the planned interventions. Read only
 * for a supervisee's client.
 */
export function PlanEditor({
  clientId,
  plan,
  readOnly,
  onSaved,
}: {
  clientId: string;
  plan: ClientPlan;
  readOnly: boolean;
  onSaved: (p: ClientPlan) => void;
}) {
  const [goals, setGoals] = useState<GoalDraft[]>(() =>
    plan.goals.map((g) => ({ id: g.id, text: g.text, keywords: (g.keywords ?? []).join(', ') })),
  );
  const [interventions, setInterventions] = useState(plan.plannedInterventions.join('\n'));
  const form = useSubmit();
  const [status, setStatus] = useState('');

  if (readOnly) {
    return (
      <section aria-labelledby="plan-title" className="card">
        <h2 id="plan-title">Plan and goals</h2>
        {plan.goals.length === 0 ? <p>No goals recorded.</p> : null}
        <ol className="goals">
          {plan.goals.map((g) => (
            <li key={g.id}>
              <strong>{g.id}</strong> {g.text}
            </li>
          ))}
        </ol>
        {plan.plannedInterventions.length > 0 ? (
          <p>Planned interventions: {plan.plannedInterventions.join(', ')}</p>
        ) : null}
      </section>
    );
  }

  async function save(e: SubmitEvent) {
    e.preventDefault();
    const kept = goals.filter((g) => g.text.trim() !== '');
    setStatus('Saving…');
    await form.run(
      async () => {
        const { plan: saved } = await api.savePlan(clientId, {
          goals: kept.map((g) => {
            const keywords = splitList(g.keywords);
            return { id: g.id, text: g.text.trim(), ...(keywords.length > 0 ? { keywords } : {}) };
          }),
          plannedInterventions: splitList(interventions),
        });
        setGoals(kept);
        setStatus('Plan saved.');
        onSaved(saved);
      },
      () => {
        setStatus('');
      },
    );
  }

  return (
    <section aria-labelledby="plan-title" className="card">
      <h2 id="plan-title">Plan and goals</h2>
      <p className="field-hint">
        Notes link the session’s progress to these goals. Keywords help find a goal in a session.
      </p>
      <form onSubmit={(e) => void save(e)}>
        {goals.length === 0 ? <p>No goals yet: add the goals of the treatment plan.</p> : null}
        <ol className="goals-edit">
          {goals.map((g, n) => (
            <li key={g.id} className="goal-row">
              <TextAreaField
                label={`Goal ${g.id}`}
                rows={2}
                value={g.text}
                onValue={(text) => {
                  setGoals(updateAt(goals, n, { text }));
                }}
              />
              <InputField
                label={`Goal ${g.id} keywords`}
                hint="Separated by commas."
                value={g.keywords}
                onValue={(keywords) => {
                  setGoals(updateAt(goals, n, { keywords }));
                }}
              />
              <button
                type="button"
                className="button-secondary"
                aria-label={`Remove goal ${g.id}`}
                onClick={() => {
                  setGoals(removeAt(goals, n));
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        <p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setGoals([...goals, { id: nextGoalId(goals), text: '', keywords: '' }]);
            }}
          >
            Add goal
          </button>
        </p>
        <TextAreaField
          label="Planned interventions"
          hint="One per line, e.g. cognitive restructuring, exposure."
          rows={3}
          value={interventions}
          onValue={setInterventions}
        />
        <ErrorBox error={form.error} />
        <div className="form-actions">
          <button type="submit" disabled={form.busy}>
            Save plan
          </button>
          <span role="status" className="muted">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}
