/**
 * Informed-consent records of a client: the list (withdrawn ones marked), recording a new one
 * (kind, intervention from the catalogue with those expecting consent first, the four elements
 * discussed, the client's decision, date, notes) and withdrawing one.
 */
import { useState, type SubmitEvent } from 'react';
import { addConsent, withdrawConsent, type ConsentRecord } from '../../api-care';
import { ConfirmDialog } from '../../components/confirm';
import { InputField, LabelOptions, SelectField, TextAreaField } from '../../components/fields';
import { useSubmit } from '../../components/submit';
import { calendarDate, dateTime, todayIso } from '../../format';
import { ErrorBox, type Load, LoadStatus, useAnnounce } from '../../ui';
import { nameWithModality, type CatalogueIndex } from '../toolkit/catalogue';
import type { ToolkitCatalog } from '../toolkit/toolkit-types';
import {
  CONSENT_KIND_LABELS,
  DISCUSSED_LABELS,
  blankConsent,
  consentBody,
  consentProblems,
  type ConsentDraft,
  type ConsentKind,
  type DiscussedKey,
} from './safety-model';
import { RecordTable } from '../../components/record-table';

export function ConsentSection({
  clientId,
  own,
  load,
  onChanged,
  catalog,
  index,
}: {
  clientId: string;
  own: boolean;
  load: Load<{ consents: ConsentRecord[] }>;
  onChanged: () => void;
  catalog: ToolkitCatalog | null;
  index: CatalogueIndex;
}) {
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<ConsentRecord | null>(null);
  const action = useSubmit();
  const announce = useAnnounce();
  return (
    <section aria-labelledby="consent-title" className="card">
      <div className="card-head">
        <h2 id="consent-title">Informed consent</h2>
        {own && !adding ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setAdding(true);
            }}
          >
            Record consent
          </button>
        ) : null}
      </div>
      <LoadStatus load={load} what="consent records" />
      {load.state === 'ready' && load.data.consents.length === 0 ? (
        <p>No consent recorded yet.</p>
      ) : null}
      {load.state === 'ready' && load.data.consents.length > 0 ? (
        <RecordTable
          columns={['Date', 'Consent to', 'Decision', 'Discussed', 'Status']}
          className="consent-table"
        >
          {[...load.data.consents]
            .sort((a, b) => b.date.localeCompare(a.date))
            .map((c) => (
              <tr key={c.id}>
                <td>{calendarDate(c.date)}</td>
                <td>
                  {c.kind === 'intervention' && c.interventionId !== null
                    ? nameWithModality(index, c.interventionId)
                    : CONSENT_KIND_LABELS[c.kind]}
                  {c.notes !== '' ? <p className="muted pre-line">{c.notes}</p> : null}
                </td>
                <td>{c.decision === 'agreed' ? 'Agreed' : 'Declined'}</td>
                <td>{discussedText(c.discussed)}</td>
                <td>
                  {c.withdrawnAt !== null ? (
                    `Withdrawn ${dateTime(c.withdrawnAt)}`
                  ) : own && c.decision === 'agreed' ? (
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={`Withdraw consent of ${calendarDate(c.date)}`}
                      onClick={() => {
                        setWithdrawing(c);
                      }}
                    >
                      Withdraw
                    </button>
                  ) : (
                    'In force'
                  )}
                </td>
              </tr>
            ))}
        </RecordTable>
      ) : null}
      <ErrorBox error={action.error} />
      {adding ? (
        <ConsentForm
          clientId={clientId}
          catalog={catalog}
          onDone={(saved) => {
            setAdding(false);
            if (saved) {
              announce('Consent recorded.');
              onChanged();
            }
          }}
        />
      ) : null}
      <ConfirmDialog
        open={withdrawing !== null}
        title="Withdraw this consent?"
        confirmLabel="Withdraw consent"
        busy={action.busy}
        onClose={() => {
          setWithdrawing(null);
        }}
        onConfirm={() => {
          const c = withdrawing;
          if (!c) return;
          void action.run(async () => {
            await withdrawConsent(c.id);
            setWithdrawing(null);
            announce('Consent withdrawn.');
            onChanged();
          });
        }}
      >
        <p>
          The record stays, marked withdrawn; it no longer counts as consent on file. Record a new
          consent if the client agrees again.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function discussedText(d: ConsentRecord['discussed']): string {
  const keys = (Object.keys(DISCUSSED_LABELS) as DiscussedKey[]).filter((k) => d[k]);
  if (keys.length === 0) return 'None recorded';
  return keys.map((k) => DISCUSSED_LABELS[k]).join('; ');
}

function ConsentForm({
  clientId,
  catalog,
  onDone,
}: {
  clientId: string;
  catalog: ToolkitCatalog | null;
  onDone: (saved: boolean) => void;
}) {
  const [draft, setDraft] = useState<ConsentDraft>(() => blankConsent(todayIso()));
  const form = useSubmit();
  const expected = (catalog?.interventions ?? []).filter((i) => i.consentExpected);
  const others = (catalog?.interventions ?? []).filter((i) => !i.consentExpected);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const problems = consentProblems(draft);
    const body = consentBody(draft);
    if (problems.length > 0 || body === null) {
      form.setError(problems.join(' '));
      return;
    }
    const ok = await form.run(async () => {
      await addConsent(clientId, body);
      return true;
    });
    if (ok) onDone(true);
  }

  return (
    <form className="subform" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Record consent</h3>
      <div className="form-grid">
        <SelectField<ConsentKind>
          label="Consent to"
          value={draft.kind}
          onValue={(kind) => {
            setDraft({ ...draft, kind });
          }}
        >
          <LabelOptions labels={CONSENT_KIND_LABELS} />
        </SelectField>
        {draft.kind === 'intervention' ? (
          <SelectField
            label="Intervention"
            hint="Those that expect informed consent are listed first."
            value={draft.interventionId}
            onValue={(interventionId) => {
              setDraft({ ...draft, interventionId });
            }}
          >
            <option value="">Choose…</option>
            <optgroup label="Informed consent expected">
              {expected.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name} ({i.modality})
                </option>
              ))}
            </optgroup>
            <optgroup label="Other interventions">
              {others.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name} ({i.modality})
                </option>
              ))}
            </optgroup>
          </SelectField>
        ) : null}
        <InputField
          label="Date of the discussion"
          type="date"
          required
          value={draft.date}
          onValue={(date) => {
            setDraft({ ...draft, date });
          }}
        />
      </div>
      <fieldset className="checkbox-group">
        <legend>Discussed with the client</legend>
        {(Object.keys(DISCUSSED_LABELS) as DiscussedKey[]).map((k) => (
          <div className="checkbox" key={k}>
            <input
              id={`discussed-${k}`}
              type="checkbox"
              checked={draft.discussed[k]}
              onChange={(e) => {
                setDraft({ ...draft, discussed: { ...draft.discussed, [k]: e.target.checked } });
              }}
            />
            <label htmlFor={`discussed-${k}`}>{DISCUSSED_LABELS[k]}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="radio-group">
        <legend>Client’s decision</legend>
        {(['agreed', 'declined'] as const).map((v) => (
          <div className="radio" key={v}>
            <input
              id={`decision-${v}`}
              type="radio"
              name="consent-decision"
              checked={draft.decision === v}
              onChange={() => {
                setDraft({ ...draft, decision: v });
              }}
            />
            <label htmlFor={`decision-${v}`}>{v === 'agreed' ? 'Agreed' : 'Declined'}</label>
          </div>
        ))}
      </fieldset>
      <TextAreaField
        label="Consent notes"
        rows={3}
        value={draft.notes}
        onValue={(notes) => {
          setDraft({ ...draft, notes });
        }}
      />
      <ErrorBox error={form.error} />
      <div className="form-actions">
        <button type="submit" disabled={form.busy}>
          Save consent
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            onDone(false);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
