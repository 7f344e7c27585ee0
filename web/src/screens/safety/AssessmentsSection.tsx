/**
 * Safety assessments of a client: open alerts to assess ("Assess this alert"), starting one, the
 * drafts (ideation, plan, intent, means: Not assessed / Present / Absent, "Not assessed" until the
 * clinician says otherwise; protective and risk factors; risk level; actions) with Save draft
 * and Confirm (asked first), and confirmed ones read only.
 */
import { Fragment, useState } from 'react';
import {
  confirmSafetyAssessment,
  createSafetyAssessment,
  updateSafetyAssessment,
  type ClinicalAlert,
  type SafetyAssessment,
  type SafetyTrigger,
} from '../../api-care';
import { ConfirmDialog } from '../../components/confirm';
import { LabelOptions, SelectField, TextAreaField } from '../../components/fields';
import { ListFieldset } from '../../components/list-editor';
import { useSubmit } from '../../components/submit';
import { dateTime } from '../../format';
import { ErrorBox, type Load, LoadStatus, useAnnounce } from '../../ui';
import {
  RISK_ELEMENTS,
  RISK_ELEMENT_LABELS,
  RISK_LEVEL_LABELS,
  RISK_STATUS_LABELS,
  blankAssessment,
  bodyFromAssessment,
  draftFromAssessment,
  elementText,
  triggerFromAlert,
  triggerText,
  type AssessmentDraft,
  type RiskElementKey,
  type RiskLevel,
  type RiskStatus,
} from './safety-model';

export function AssessmentsSection({
  clientId,
  own,
  load,
  alerts,
  onChanged,
}: {
  clientId: string;
  own: boolean;
  load: Load<{ assessments: SafetyAssessment[] }>;
  /** This client's open alerts not yet answered by an assessment. */
  alerts: ClinicalAlert[];
  onChanged: () => void;
}) {
  const start = useSubmit();
  const announce = useAnnounce();
  const open = (trigger: SafetyTrigger, sessionId?: string) => {
    void start.run(async () => {
      await createSafetyAssessment(clientId, {
        trigger,
        ...(sessionId !== undefined ? { sessionId } : {}),
        ...blankAssessment(),
      });
      announce('Safety assessment started.');
      onChanged();
    });
  };
  const list = load.state === 'ready' ? load.data.assessments : [];
  return (
    <section aria-labelledby="assessments-title" className="card">
      <div className="card-head">
        <h2 id="assessments-title">Safety assessments</h2>
        {own ? (
          <button
            type="button"
            className="button-secondary"
            disabled={start.busy}
            onClick={() => {
              open({ kind: 'clinician' });
            }}
          >
            Start a safety assessment
          </button>
        ) : null}
      </div>
      {alerts.length > 0 ? (
        <div className="alert alert-error" role="region" aria-label="Open alerts to assess">
          <p className="alert-title">
            <strong>Open alerts for this client</strong>
          </p>
          <ul>
            {alerts.map((a) => (
              <li key={a.id}>
                {a.message} <span className="muted">({dateTime(a.createdAt)})</span>{' '}
                {own ? (
                  <button
                    type="button"
                    disabled={start.busy}
                    onClick={() => {
                      open(triggerFromAlert(a), a.sessionId ?? undefined);
                    }}
                  >
                    Assess this alert
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorBox error={start.error} />
      <LoadStatus load={load} what="safety assessments" />
      {load.state === 'ready' && list.length === 0 ? <p>No safety assessments yet.</p> : null}
      <ol className="assessments">
        {[...list]
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((a) => (
            <li key={a.id} className="assessment">
              <h3>
                {triggerText(a.trigger)} · {dateTime(a.createdAt)}{' '}
                {a.status === 'confirmed' ? (
                  <span className="badge badge-signed">Confirmed</span>
                ) : (
                  <span className="badge badge-draft">Draft</span>
                )}
              </h3>
              {a.status === 'draft' && own ? (
                <AssessmentForm assessment={a} onChanged={onChanged} />
              ) : (
                <AssessmentView assessment={a} />
              )}
            </li>
          ))}
      </ol>
    </section>
  );
}

function AssessmentView({ assessment: a }: { assessment: SafetyAssessment }) {
  return (
    <dl className="facts">
      {RISK_ELEMENTS.map((k) => (
        <Fragment key={k}>
          <dt>{RISK_ELEMENT_LABELS[k]}</dt>
          <dd>{elementText(a[k])}</dd>
        </Fragment>
      ))}
      <dt>Protective factors</dt>
      <dd>{a.protectiveFactors.length > 0 ? a.protectiveFactors.join('; ') : 'None recorded'}</dd>
      <dt>Risk factors</dt>
      <dd>{a.riskFactors.length > 0 ? a.riskFactors.join('; ') : 'None recorded'}</dd>
      <dt>Risk level</dt>
      <dd>{RISK_LEVEL_LABELS[a.riskLevel]}</dd>
      <dt>Actions</dt>
      <dd className="pre-line">{a.actions !== '' ? a.actions : 'None recorded'}</dd>
      {a.confirmedAt !== null ? (
        <>
          <dt>Confirmed</dt>
          <dd>{dateTime(a.confirmedAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}

function AssessmentForm({
  assessment,
  onChanged,
}: {
  assessment: SafetyAssessment;
  onChanged: () => void;
}) {
  const [draft, setDraft] = useState<AssessmentDraft>(() => draftFromAssessment(assessment));
  const [asking, setAsking] = useState(false);
  const form = useSubmit();
  const announce = useAnnounce();
  const setElement = (
    k: RiskElementKey,
    patch: Partial<{ status: RiskStatus; detail: string }>,
  ) => {
    setDraft({ ...draft, [k]: { ...draft[k], ...patch } });
  };

  const save = async () => {
    const ok = await form.run(async () => {
      await updateSafetyAssessment(assessment.id, bodyFromAssessment(draft));
      return true;
    });
    if (ok) {
      announce('Draft saved.');
      onChanged();
    }
  };

  const confirm = async () => {
    const ok = await form.run(async () => {
      await updateSafetyAssessment(assessment.id, bodyFromAssessment(draft));
      await confirmSafetyAssessment(assessment.id);
      return true;
    });
    setAsking(false);
    if (ok) {
      announce('Safety assessment confirmed.');
      onChanged();
    }
  };

  const idPart = assessment.id;
  return (
    <form
      className="assessment-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      {RISK_ELEMENTS.map((k) => (
        <fieldset key={k} className="risk-element">
          <legend>{RISK_ELEMENT_LABELS[k]}</legend>
          <div className="radio-row">
            {(Object.keys(RISK_STATUS_LABELS) as RiskStatus[]).map((s) => (
              <div className="radio" key={s}>
                <input
                  id={`${idPart}-${k}-${s}`}
                  type="radio"
                  name={`${idPart}-${k}`}
                  checked={draft[k].status === s}
                  onChange={() => {
                    setElement(k, { status: s });
                  }}
                />
                <label htmlFor={`${idPart}-${k}-${s}`}>{RISK_STATUS_LABELS[s]}</label>
              </div>
            ))}
          </div>
          <TextAreaField
            label={`${RISK_ELEMENT_LABELS[k]}: detail`}
            rows={2}
            value={draft[k].detail}
            onValue={(detail) => {
              setElement(k, { detail });
            }}
          />
        </fieldset>
      ))}
      <ListFieldset
        legend="Protective factors"
        hint="One per row, e.g. reasons for living, support, engagement in care."
        items={draft.protectiveFactors}
        onChange={(protectiveFactors) => {
          setDraft({ ...draft, protectiveFactors });
        }}
        fields={[{ key: 'text', label: (n) => `Protective factor ${n + 1}` }]}
        blank={() => ({ text: '' })}
        addLabel="Add protective factor"
        removeLabel={(n) => `Remove protective factor ${n + 1}`}
      />
      <ListFieldset
        legend="Risk factors"
        hint="One per row, e.g. recent loss, prior attempt, substance use."
        items={draft.riskFactors}
        onChange={(riskFactors) => {
          setDraft({ ...draft, riskFactors });
        }}
        fields={[{ key: 'text', label: (n) => `Risk factor ${n + 1}` }]}
        blank={() => ({ text: '' })}
        addLabel="Add risk factor"
        removeLabel={(n) => `Remove risk factor ${n + 1}`}
      />
      <SelectField<RiskLevel>
        label="Risk level"
        hint="Your formulation; stays Not assessed until you judge it."
        value={draft.riskLevel}
        onValue={(riskLevel) => {
          setDraft({ ...draft, riskLevel });
        }}
      >
        <LabelOptions labels={RISK_LEVEL_LABELS} />
      </SelectField>
      <TextAreaField
        label="Actions taken"
        hint="e.g. safety plan, increased contact, emergency referral."
        rows={3}
        value={draft.actions}
        onValue={(actions) => {
          setDraft({ ...draft, actions });
        }}
      />
      <ErrorBox error={form.error} />
      <div className="form-actions">
        <button type="submit" className="button-secondary" disabled={form.busy}>
          Save draft
        </button>
        <button
          type="button"
          disabled={form.busy}
          onClick={() => {
            setAsking(true);
          }}
        >
          Confirm assessment
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        title="Confirm this safety assessment?"
        confirmLabel="Confirm and lock"
        cancelFirst
        busy={form.busy}
        onClose={() => {
          setAsking(false);
        }}
        onConfirm={() => void confirm()}
      >
        <p>
          Once confirmed it can no longer be changed. Elements left as “Not assessed” stay not
          assessed; they are never recorded as absent.
        </p>
      </ConfirmDialog>
    </form>
  );
}
