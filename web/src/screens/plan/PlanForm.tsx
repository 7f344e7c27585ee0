/**
 * The owner's treatment-plan editor: problems, goals and objectives, planned interventions, the
 * conceptualization, frequency, duration and dates. Save sends the whole plan (the server's
 * validation issues show at their fields); "Sign plan" saves changes first, then signs, and lists
 * what a payer would miss when the server refuses.
 */
import { useState, type SubmitEvent } from 'react';
import { savePlan, signPlan } from '../../api-care';
import { InputField, TextAreaField } from '../../components/fields';
import { useSubmit } from '../../components/submit';
import type { ClientPlan, ClientProfile } from '../../types';
import { ErrorBox, useAnnounce } from '../../ui';
import type { CatalogueIndex } from '../toolkit/catalogue';
import type { ToolkitCatalog } from '../toolkit/toolkit-types';
import { GoalsEditor } from './GoalsEditor';
import { InterventionsEditor } from './InterventionsEditor';
import { useLeaveGuard } from '../../components/leave-guard';
import { ProblemsEditor } from './ProblemsEditor';
import {
  bodyFromDraft,
  draftFromPlan,
  draftProblems,
  fieldErrors,
  missingForSigning,
  type PlanDraft,
} from './plan-model';

export function PlanForm({
  clientId,
  plan,
  diagnoses,
  catalogue,
  index,
  onSaved,
  onSigned,
}: {
  clientId: string;
  plan: ClientPlan;
  diagnoses: ClientProfile['diagnoses'];
  catalogue: ToolkitCatalog | null;
  index: CatalogueIndex;
  onSaved: (p: ClientPlan) => void;
  onSigned: (p: ClientPlan) => void;
}) {
  const [draft, setDraft] = useState<PlanDraft>(() => draftFromPlan(plan));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const form = useSubmit();
  const announce = useAnnounce();
  const dirty =
    JSON.stringify(bodyFromDraft(draft)) !== JSON.stringify(bodyFromDraft(draftFromPlan(plan)));
  const leaveDialog = useLeaveGuard(dirty, {
    message: 'The changes to the treatment plan are not saved.',
  });

  /** Saves the draft; throws `Error('local')` when the form's own check finds problems. */
  async function saveDraft(): Promise<ClientPlan> {
    const local = draftProblems(draft);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      throw new Error('local');
    }
    const { plan: saved } = await savePlan(clientId, bodyFromDraft(draft), plan.updatedAt);
    setDraft(draftFromPlan(saved));
    setErrors({});
    onSaved(saved);
    return saved;
  }

  const failed = (e: unknown) => {
    setStatus('');
    setErrors((old) => (e instanceof Error && e.message === 'local' ? old : fieldErrors(e)));
  };

  async function save(e: SubmitEvent) {
    e.preventDefault();
    setMissing([]);
    setStatus('Saving…');
    const saved = await form.run(saveDraft, failed);
    if (saved) {
      setStatus('Plan saved.');
      announce('Plan saved.');
    }
  }

  async function sign() {
    setMissing([]);
    setStatus(dirty ? 'Saving and signing…' : 'Signing…');
    const signed = await form.run(
      async () => {
        // Sign what the clinician sees: the plan just saved, or the one shown.
        const shown = dirty ? await saveDraft() : plan;
        const { plan: p } = await signPlan(clientId, shown.updatedAt ?? new Date(0).toISOString());
        return p;
      },
      (e) => {
        const m = missingForSigning(e);
        if (m.length > 0) {
          setMissing(m);
          form.setError(null);
          setStatus('');
        } else {
          failed(e);
        }
      },
    );
    if (signed) {
      setStatus('Plan signed.');
      announce('Plan signed.');
      onSigned(signed);
    }
  }

  const localError =
    form.error instanceof Error && form.error.message === 'local'
      ? 'Some fields need attention: see the messages at each field.'
      : form.error;

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <ProblemsEditor draft={draft} onChange={setDraft} diagnoses={diagnoses} errors={errors} />
      <GoalsEditor draft={draft} onChange={setDraft} errors={errors} />
      <InterventionsEditor
        draft={draft}
        onChange={setDraft}
        catalogue={catalogue}
        index={index}
        errors={errors}
      />
      <section aria-labelledby="course-title" className="card">
        <h2 id="course-title">Conceptualization and course</h2>
        <TextAreaField
          label="Case conceptualization"
          hint="Why this blend of interventions for this client."
          rows={5}
          value={draft.conceptualization}
          error={errors.conceptualization}
          onValue={(conceptualization) => {
            setDraft({ ...draft, conceptualization });
          }}
        />
        <div className="form-grid">
          <InputField
            label="Session frequency"
            placeholder="e.g. weekly 53-minute individual sessions"
            value={draft.frequency}
            error={errors.frequency}
            onValue={(frequency) => {
              setDraft({ ...draft, frequency });
            }}
          />
          <InputField
            label="Duration"
            placeholder="e.g. 16 sessions over 4 months"
            value={draft.duration}
            error={errors.duration}
            onValue={(duration) => {
              setDraft({ ...draft, duration });
            }}
          />
          <InputField
            label="Start date"
            type="date"
            value={draft.startDate}
            error={errors.startDate}
            onValue={(startDate) => {
              setDraft({ ...draft, startDate });
            }}
          />
          <InputField
            label="Review date"
            type="date"
            value={draft.reviewDate}
            error={errors.reviewDate}
            onValue={(reviewDate) => {
              setDraft({ ...draft, reviewDate });
            }}
          />
        </div>
      </section>
      {missing.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">
            <strong>The plan cannot be signed yet.</strong> Complete these first:
          </p>
          <ul className="sign-missing">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorBox error={localError} />
      <div className="form-actions plan-actions">
        <button type="submit" disabled={form.busy}>
          Save plan
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={form.busy || (plan.signature !== null && !dirty)}
          onClick={() => void sign()}
        >
          Sign plan
        </button>
        <span role="status" className="muted">
          {status !== '' ? status : dirty ? 'Unsaved changes.' : ''}
        </span>
      </div>
      {leaveDialog}
    </form>
  );
}
