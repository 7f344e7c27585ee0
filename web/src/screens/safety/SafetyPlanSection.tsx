/**
 * The collaborative safety plan: written with the client step by step (warning signs, coping,
 * distraction, people to ask, professionals and crisis lines, a safe environment, reasons for
 * living), saved, confirmed by the clinician, and printed for the client (a print-only view of
 * what is saved; the print stylesheet hides the rest of the app).
 */
import { useState, type SubmitEvent } from 'react';
import { confirmSafetyPlan, saveSafetyPlan, type SafetyPlan } from '../../api-care';
import { ConfirmDialog } from '../../components/confirm';
import { ListFieldset } from '../../components/list-editor';
import { useSubmit } from '../../components/submit';
import { dateTime } from '../../format';
import { ErrorBox, useAnnounce } from '../../ui';
import { useLeaveGuard } from '../../components/leave-guard';
import {
  SAFETY_PLAN_STEPS,
  bodyFromSafetyPlan,
  draftFromSafetyPlan,
  safetyPlanEmpty,
  type ContactRow,
  type SafetyPlanDraft,
  type TextRow,
} from './safety-model';

export function SafetyPlanSection({
  clientId,
  clientName,
  own,
  plan,
  onSaved,
}: {
  clientId: string;
  clientName: string;
  own: boolean;
  plan: SafetyPlan | null;
  onSaved: (p: SafetyPlan) => void;
}) {
  const [draft, setDraft] = useState<SafetyPlanDraft>(() => draftFromSafetyPlan(plan));
  const [asking, setAsking] = useState(false);
  const form = useSubmit();
  const announce = useAnnounce();
  const dirty =
    JSON.stringify(bodyFromSafetyPlan(draft)) !==
    JSON.stringify(bodyFromSafetyPlan(draftFromSafetyPlan(plan)));
  const leaveDialog = useLeaveGuard(own && dirty, {
    message: 'The changes to the safety plan are not saved.',
  });

  async function save(e: SubmitEvent) {
    e.preventDefault();
    const saved = await form.run(async () => {
      const { safetyPlan } = await saveSafetyPlan(clientId, bodyFromSafetyPlan(draft));
      return safetyPlan;
    });
    if (saved) {
      setDraft(draftFromSafetyPlan(saved));
      announce('Safety plan saved.');
      onSaved(saved);
    }
  }

  async function confirm() {
    const done = await form.run(async () => {
      // Confirm what the clinician and client read: the plan just saved, or the one shown.
      const shown =
        dirty || plan === null
          ? (await saveSafetyPlan(clientId, bodyFromSafetyPlan(draft))).safetyPlan
          : plan;
      const { safetyPlan } = await confirmSafetyPlan(clientId, shown.updatedAt);
      return safetyPlan;
    });
    setAsking(false);
    if (done) {
      setDraft(draftFromSafetyPlan(done));
      announce('Safety plan confirmed.');
      onSaved(done);
    }
  }

  return (
    <>
      <section aria-labelledby="safety-plan-title" className="card no-print">
        <div className="card-head">
          <h2 id="safety-plan-title">Safety plan</h2>
          <span>
            {plan === null ? (
              <span className="badge badge-draft">Not started</span>
            ) : plan.status === 'confirmed' ? (
              <span className="badge badge-signed">
                Confirmed{plan.confirmedAt !== null ? ` ${dateTime(plan.confirmedAt)}` : ''}
              </span>
            ) : (
              <span className="badge badge-draft">Draft</span>
            )}
          </span>
        </div>
        <p className="field-hint">
          Written with the client, in their words. Empty steps stay empty: nothing is filled in for
          them.
        </p>
        {plan?.lastConfirmed ? (
          <details className="last-confirmed">
            <summary>
              Changed since it was confirmed {dateTime(plan.lastConfirmed.confirmedAt)}: the
              confirmed version
            </summary>
            {SAFETY_PLAN_STEPS.map((step, n) => {
              const confirmed = plan.lastConfirmed?.[step.key] ?? [];
              return (
                <div key={step.key}>
                  <h3>{`Step ${n + 1}: ${step.title}`}</h3>
                  {confirmed.length === 0 ? (
                    <p className="muted">Empty</p>
                  ) : (
                    <ul>
                      {confirmed.map((x, k) => (
                        <li key={k}>
                          {typeof x === 'string'
                            ? x
                            : x.contact === ''
                              ? x.name
                              : `${x.name}: ${x.contact}`}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              );
            })}
          </details>
        ) : null}
        {own ? (
          <form onSubmit={(e) => void save(e)} noValidate>
            {SAFETY_PLAN_STEPS.map((step, n) => {
              // What both kinds of step show: the step, its hint, the add and remove buttons.
              const frame = {
                legend: `Step ${n + 1}: ${step.title}`,
                hint: step.hint,
                addLabel: `Add to ${step.title.toLowerCase()}`,
                removeLabel: (k: number) => `Remove ${step.item.toLowerCase()} ${k + 1}`,
              };
              return step.kind === 'lines' ? (
                <ListFieldset<TextRow>
                  key={step.key}
                  {...frame}
                  items={draft[step.key]}
                  onChange={(rows) => {
                    setDraft({ ...draft, [step.key]: rows });
                  }}
                  fields={[{ key: 'text', label: (k) => `${step.item} ${k + 1}` }]}
                  blank={() => ({ text: '' })}
                />
              ) : (
                <ListFieldset<ContactRow>
                  key={step.key}
                  {...frame}
                  items={draft[step.key]}
                  onChange={(rows) => {
                    setDraft({ ...draft, [step.key]: rows });
                  }}
                  fields={[
                    { key: 'name', label: (k) => `${step.item} ${k + 1}: name or place` },
                    { key: 'contact', label: (k) => `${step.item} ${k + 1}: how to reach` },
                  ]}
                  blank={() => ({ name: '', contact: '' })}
                />
              );
            })}
            <ErrorBox error={form.error} />
            <div className="form-actions">
              <button type="submit" className="button-secondary" disabled={form.busy}>
                Save safety plan
              </button>
              <button
                type="button"
                disabled={form.busy || safetyPlanEmpty(bodyFromSafetyPlan(draft))}
                onClick={() => {
                  setAsking(true);
                }}
              >
                Confirm safety plan
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={plan === null || dirty}
                onClick={() => {
                  window.print();
                }}
              >
                Print safety plan
              </button>
              <span role="status" className="muted">
                {dirty ? 'Unsaved changes (save before printing).' : ''}
              </span>
            </div>
            <ConfirmDialog
              open={asking}
              title="Confirm this safety plan?"
              confirmLabel="Confirm safety plan"
              busy={form.busy}
              onClose={() => {
                setAsking(false);
              }}
              onConfirm={() => void confirm()}
            >
              <p>Confirm that you completed this plan with the client and reviewed it together.</p>
            </ConfirmDialog>
          </form>
        ) : (
          <SafetyPlanView plan={plan} />
        )}
      </section>
      {leaveDialog}
      {plan !== null ? (
        <div className="print-only safety-plan-print">
          <h2>Safety plan for {clientName}</h2>
          <SafetyPlanView plan={plan} />
        </div>
      ) : null}
    </>
  );
}

function SafetyPlanView({ plan }: { plan: SafetyPlan | null }) {
  if (plan === null || safetyPlanEmpty(plan)) return <p>No safety plan yet.</p>;
  return (
    <div className="safety-plan-view">
      {SAFETY_PLAN_STEPS.map((step, n) => (
        <section key={step.key}>
          <h3>
            Step {n + 1}: {step.title}
          </h3>
          {plan[step.key].length === 0 ? (
            <p className="muted">Not filled in.</p>
          ) : (
            <ul>
              {step.kind === 'lines'
                ? plan[step.key].map((t) => <li key={t}>{t}</li>)
                : plan[step.key].map((c, k) => (
                    <li key={k}>
                      {c.name}
                      {c.contact !== '' ? `: ${c.contact}` : ''}
                    </li>
                  ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
