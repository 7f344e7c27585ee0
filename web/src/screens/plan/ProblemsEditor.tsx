/** The plan's problems, each linked to diagnosis codes of the client's profile. */
import type { ClientProfile } from '../../types';
import { TextAreaField } from '../../components/fields';
import { updateAt } from '../../components/list-editor';
import { CheckboxGroup } from './CheckboxGroup';
import { nextId, removeProblem, type PlanDraft } from './plan-model';

export function ProblemsEditor({
  draft,
  onChange,
  diagnoses,
  errors,
}: {
  draft: PlanDraft;
  onChange: (d: PlanDraft) => void;
  diagnoses: ClientProfile['diagnoses'];
  errors: Record<string, string>;
}) {
  const coded = diagnoses.filter(
    (d): d is { code: string; description: string } => d.code !== null && d.code !== '',
  );
  return (
    <section aria-labelledby="problems-title" className="card">
      <h2 id="problems-title">Problems</h2>
      <p className="field-hint">
        What brings the client to treatment, in observable terms, linked to their diagnoses.
      </p>
      {draft.problems.length === 0 ? <p>No problems yet.</p> : null}
      <ol className="plan-list">
        {draft.problems.map((p, n) => (
          <li key={p.id} className="plan-item">
            <TextAreaField
              label={`Problem ${p.id}`}
              rows={2}
              value={p.text}
              error={errors[`problems[${n}].text`]}
              onValue={(text) => {
                onChange({ ...draft, problems: updateAt(draft.problems, n, { text }) });
              }}
            />
            {coded.length > 0 ? (
              <CheckboxGroup
                legend={`Diagnoses of problem ${p.id}`}
                error={errors[`problems[${n}].diagnosisCodes`]}
                options={coded.map((d) => ({
                  value: d.code,
                  label: `${d.code} ${d.description}`,
                }))}
                selected={p.diagnosisCodes}
                onChange={(diagnosisCodes) => {
                  onChange({ ...draft, problems: updateAt(draft.problems, n, { diagnosisCodes }) });
                }}
              />
            ) : (
              <p className="field-hint">
                No coded diagnoses in the profile to link (add ICD-10-CM codes there).
              </p>
            )}
            <button
              type="button"
              className="button-secondary"
              aria-label={`Remove problem ${p.id}`}
              onClick={() => {
                onChange(removeProblem(draft, p.id));
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          const id = nextId(
            'P',
            draft.problems.map((x) => x.id),
          );
          onChange({
            ...draft,
            problems: [...draft.problems, { id, text: '', diagnosisCodes: [] }],
          });
        }}
      >
        Add problem
      </button>
    </section>
  );
}
