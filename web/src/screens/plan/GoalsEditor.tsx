/** The plan's goals (linked problem, keywords) and their measurable objectives. */
import { InputField, LabelOptions, SelectField, TextAreaField } from '../../components/fields';
import { removeAt, updateAt } from '../../components/list-editor';
import {
  TARGET_INSTRUMENTS,
  instrumentLabel,
  OBJECTIVE_STATUS_LABELS,
  nextId,
  nextObjectiveId,
  removeGoal,
  type GoalDraft,
  type InstrumentChoice,
  type ObjectiveDraft,
  type ObjectiveStatus,
  type PlanDraft,
} from './plan-model';

export function GoalsEditor({
  draft,
  onChange,
  errors,
}: {
  draft: PlanDraft;
  onChange: (d: PlanDraft) => void;
  errors: Record<string, string>;
}) {
  const setGoal = (n: number, patch: Partial<GoalDraft>) => {
    onChange({ ...draft, goals: updateAt(draft.goals, n, patch) });
  };
  return (
    <section aria-labelledby="goals-title" className="card">
      <h2 id="goals-title">Goals and objectives</h2>
      <p className="field-hint">
        Notes link the session’s progress to these goals; keywords help find a goal in a session.
        Each objective is measurable: a target on an instrument, or an observable behaviour, by a
        date.
      </p>
      {draft.goals.length === 0 ? <p>No goals yet.</p> : null}
      <ol className="plan-list">
        {draft.goals.map((g, n) => {
          const at = `goals[${n}]`;
          return (
            <li key={g.id} className="plan-item">
              <TextAreaField
                label={`Goal ${g.id}`}
                rows={2}
                value={g.text}
                error={errors[`${at}.text`]}
                onValue={(text) => {
                  setGoal(n, { text });
                }}
              />
              <div className="form-grid">
                <SelectField
                  label={`Goal ${g.id} problem`}
                  value={g.problemId}
                  error={errors[`${at}.problemId`]}
                  onValue={(problemId) => {
                    setGoal(n, { problemId });
                  }}
                >
                  <option value="">No problem linked</option>
                  {draft.problems.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.id}
                      {p.text.trim() !== '' ? `: ${short(p.text)}` : ''}
                    </option>
                  ))}
                </SelectField>
                <InputField
                  label={`Goal ${g.id} keywords`}
                  hint="Separated by commas."
                  value={g.keywords}
                  error={errors[`${at}.keywords`]}
                  onValue={(keywords) => {
                    setGoal(n, { keywords });
                  }}
                />
              </div>
              <ObjectivesEditor
                goal={g}
                errorsAt={(k, field) => errors[`${at}.objectives[${k}].${field}`]}
                onChange={(objectives) => {
                  setGoal(n, { objectives });
                }}
              />
              <button
                type="button"
                className="button-secondary"
                aria-label={`Remove goal ${g.id}`}
                onClick={() => {
                  onChange(removeGoal(draft, g.id));
                }}
              >
                Remove goal
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          const id = nextId(
            'G',
            draft.goals.map((x) => x.id),
          );
          onChange({
            ...draft,
            goals: [...draft.goals, { id, text: '', keywords: '', problemId: '', objectives: [] }],
          });
        }}
      >
        Add goal
      </button>
    </section>
  );
}

function ObjectivesEditor({
  goal,
  errorsAt,
  onChange,
}: {
  goal: GoalDraft;
  errorsAt: (k: number, field: keyof ObjectiveDraft) => string | undefined;
  onChange: (objectives: ObjectiveDraft[]) => void;
}) {
  const list = goal.objectives;
  const set = (k: number, patch: Partial<ObjectiveDraft>) => {
    onChange(updateAt(list, k, patch));
  };
  return (
    <fieldset className="objectives">
      <legend>Objectives of goal {goal.id}</legend>
      {list.length === 0 ? <p className="muted">No objectives yet.</p> : null}
      {list.map((o, k) => (
        <div key={o.id} className="objective">
          <InputField
            label={`Objective ${o.id}`}
            value={o.text}
            error={errorsAt(k, 'text')}
            placeholder="e.g. PHQ-9 below 10"
            onValue={(text) => {
              set(k, { text });
            }}
          />
          <div className="form-grid">
            <SelectField<InstrumentChoice>
              label={`Objective ${o.id} instrument`}
              value={o.instrument}
              error={errorsAt(k, 'instrument')}
              onValue={(instrument) => {
                set(k, { instrument });
              }}
            >
              <option value="">None</option>
              {instrumentIds(o.instrument).map((id) => (
                <option key={id} value={id}>
                  {instrumentLabel(id)}
                </option>
              ))}
            </SelectField>
            <InputField
              label={`Objective ${o.id} target score`}
              inputMode="numeric"
              value={o.targetScore}
              error={errorsAt(k, 'targetScore')}
              hint="At or below, on the instrument."
              onValue={(targetScore) => {
                set(k, { targetScore });
              }}
            />
            <InputField
              label={`Objective ${o.id} target date`}
              type="date"
              value={o.targetDate}
              error={errorsAt(k, 'targetDate')}
              onValue={(targetDate) => {
                set(k, { targetDate });
              }}
            />
            <SelectField<ObjectiveStatus>
              label={`Objective ${o.id} status`}
              value={o.status}
              error={errorsAt(k, 'status')}
              onValue={(status) => {
                set(k, { status });
              }}
            >
              <LabelOptions labels={OBJECTIVE_STATUS_LABELS} />
            </SelectField>
          </div>
          <button
            type="button"
            className="button-secondary"
            aria-label={`Remove objective ${o.id}`}
            onClick={() => {
              onChange(removeAt(list, k));
            }}
          >
            Remove objective
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        aria-label={`Add objective to goal ${goal.id}`}
        onClick={() => {
          onChange([
            ...list,
            {
              id: nextObjectiveId(goal),
              text: '',
              instrument: '',
              targetScore: '',
              targetDate: '',
              status: 'open',
            },
          ]);
        }}
      >
        Add objective
      </button>
    </fieldset>
  );
}

/** The target instruments, and the objective's own when it is another one. */
function instrumentIds(current: InstrumentChoice): Exclude<InstrumentChoice, ''>[] {
  const ids = Object.keys(TARGET_INSTRUMENTS) as Exclude<InstrumentChoice, ''>[];
  return current !== '' && !ids.includes(current) ? [...ids, current] : ids;
}

function short(text: string): string {
  const t = text.trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}
