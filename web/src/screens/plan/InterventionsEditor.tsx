/**
 * The plan's planned interventions: picked from the catalogue (grouped by modality), each with
 * its rationale, expected outcomes, the goals it serves and how often.
 */
import { useState } from 'react';
import { InputField, SelectField, TextAreaField } from '../../components/fields';
import { removeAt, updateAt } from '../../components/list-editor';
import { byModality, nameOf, type CatalogueIndex } from '../toolkit/catalogue';
import type { ToolkitCatalog } from '../toolkit/toolkit-types';
import { CheckboxGroup } from './CheckboxGroup';
import type { InterventionDraft, PlanDraft } from './plan-model';

export function InterventionsEditor({
  draft,
  onChange,
  catalogue,
  index,
  errors,
}: {
  draft: PlanDraft;
  onChange: (d: PlanDraft) => void;
  catalogue: ToolkitCatalog | null;
  index: CatalogueIndex;
  errors: Record<string, string>;
}) {
  const [pick, setPick] = useState('');
  const list = draft.interventions;
  const set = (n: number, patch: Partial<InterventionDraft>) => {
    onChange({ ...draft, interventions: updateAt(list, n, patch) });
  };
  const taken = new Set(list.map((i) => i.interventionId));
  return (
    <section aria-labelledby="interventions-title" className="card">
      <h2 id="interventions-title">Planned interventions</h2>
      <p className="field-hint">
        Why each intervention fits this client and what it should achieve (payers check both).
      </p>
      {list.length === 0 ? <p>No interventions planned yet.</p> : null}
      <ol className="plan-list">
        {list.map((i, n) => {
          const at = `plannedInterventions[${n}]`;
          const info = nameOf(index, i.interventionId);
          return (
            <li key={i.interventionId} className="plan-item">
              <h3 className="plan-item-title">
                {info.name}
                {info.modality !== '' ? <span className="muted"> · {info.modality}</span> : null}
                {info.consentExpected ? (
                  <span className="badge badge-info">Informed consent expected</span>
                ) : null}
              </h3>
              {errors[`${at}.interventionId`] !== undefined ? (
                <p className="field-error">{errors[`${at}.interventionId`]}</p>
              ) : null}
              <TextAreaField
                label={`Rationale for ${info.name}`}
                rows={2}
                value={i.rationale}
                error={errors[`${at}.rationale`]}
                onValue={(rationale) => {
                  set(n, { rationale });
                }}
              />
              <TextAreaField
                label={`Expected outcomes of ${info.name}`}
                rows={2}
                value={i.expectedOutcomes}
                error={errors[`${at}.expectedOutcomes`]}
                onValue={(expectedOutcomes) => {
                  set(n, { expectedOutcomes });
                }}
              />
              <InputField
                label={`Frequency of ${info.name}`}
                placeholder="e.g. weekly in session, daily practice"
                value={i.frequency}
                error={errors[`${at}.frequency`]}
                onValue={(frequency) => {
                  set(n, { frequency });
                }}
              />
              {draft.goals.length > 0 ? (
                <CheckboxGroup
                  legend={`Goals ${info.name} serves`}
                  error={errors[`${at}.goalIds`]}
                  options={draft.goals.map((g) => ({
                    value: g.id,
                    label: g.text.trim() !== '' ? `${g.id}: ${g.text.trim()}` : g.id,
                  }))}
                  selected={i.goalIds}
                  onChange={(goalIds) => {
                    set(n, { goalIds });
                  }}
                />
              ) : null}
              <button
                type="button"
                className="button-secondary"
                aria-label={`Remove ${info.name}`}
                onClick={() => {
                  onChange({ ...draft, interventions: removeAt(list, n) });
                }}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <div className="inline-form">
        <SelectField
          label="Intervention to add"
          value={pick}
          onValue={setPick}
          hint={catalogue === null ? 'The catalogue could not be loaded.' : undefined}
        >
          <option value="">Choose from the catalogue…</option>
          {byModality(catalogue).map((g) => (
            <optgroup key={g.modality} label={g.modality}>
              {g.items.map((item) => (
                <option key={item.id} value={item.id} disabled={taken.has(item.id)}>
                  {item.name}
                  {item.consentExpected ? ' (consent expected)' : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <button
          type="button"
          className="button-secondary"
          disabled={pick === '' || taken.has(pick)}
          onClick={() => {
            onChange({
              ...draft,
              interventions: [
                ...list,
                {
                  interventionId: pick,
                  rationale: '',
                  expectedOutcomes: '',
                  goalIds: [],
                  frequency: '',
                },
              ],
            });
            setPick('');
          }}
        >
          Add intervention
        </button>
      </div>
    </section>
  );
}
