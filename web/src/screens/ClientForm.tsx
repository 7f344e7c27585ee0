import { useState, type SubmitEvent } from 'react';
import { api } from '../api';
import { navigate } from '../nav';
import { EMPTY_PROFILE, toDraft, toProfile, type ClientDraft } from '../clients';
import type { ClientProfile } from '../types';
import { ErrorBox, Field, PageTitle, useAnnounce } from '../ui';

/** The client's profile form (new client, or editing a profile). */
export function ClientForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: ClientProfile;
  submitLabel: string;
  onSubmit: (p: ClientProfile) => Promise<void>;
  onCancel?: () => void;
}) {
  const [d, setD] = useState<ClientDraft>(() => toDraft(initial));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ClientDraft>(k: K, v: ClientDraft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
  };

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const { profile, problems } = toProfile(d);
    if (problems.length > 0) {
      setError(problems.join(' '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(profile);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="client-form">
      <div className="form-grid">
        <Field label="Name">
          {(p) => (
            <input
              {...p}
              value={d.name}
              onChange={(e) => {
                set('name', e.target.value);
              }}
              required
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Date of birth">
          {(p) => (
            <input
              {...p}
              type="date"
              value={d.dateOfBirth}
              onChange={(e) => {
                set('dateOfBirth', e.target.value);
              }}
            />
          )}
        </Field>
      </div>

      <fieldset>
        <legend>Identifiers</legend>
        <p className="field-hint">
          For example a medical record number (MRN) or insurance member id.
        </p>
        {d.identifiers.map((i, n) => (
          <div className="row-fields" key={n}>
            <Field label={`Identifier ${n + 1} kind`}>
              {(p) => (
                <input
                  {...p}
                  value={i.system}
                  placeholder="MRN"
                  onChange={(e) => {
                    set(
                      'identifiers',
                      d.identifiers.map((x, k) => (k === n ? { ...x, system: e.target.value } : x)),
                    );
                  }}
                />
              )}
            </Field>
            <Field label={`Identifier ${n + 1} value`}>
              {(p) => (
                <input
                  {...p}
                  value={i.value}
                  onChange={(e) => {
                    set(
                      'identifiers',
                      d.identifiers.map((x, k) => (k === n ? { ...x, value: e.target.value } : x)),
                    );
                  }}
                />
              )}
            </Field>
            <button
              type="button"
              className="button-secondary"
              aria-label={`Remove identifier ${n + 1}`}
              onClick={() => {
                set(
                  'identifiers',
                  d.identifiers.filter((_, k) => k !== n),
                );
              }}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            set('identifiers', [...d.identifiers, { system: '', value: '' }]);
          }}
        >
          Add identifier
        </button>
      </fieldset>

      <fieldset>
        <legend>Diagnoses</legend>
        <p className="field-hint">ICD-10-CM code (optional) and description.</p>
        {d.diagnoses.map((x, n) => (
          <div className="row-fields" key={n}>
            <Field label={`Diagnosis ${n + 1} code`} className="narrow-field">
              {(p) => (
                <input
                  {...p}
                  value={x.code}
                  placeholder="F41.1"
                  onChange={(e) => {
                    set(
                      'diagnoses',
                      d.diagnoses.map((y, k) => (k === n ? { ...y, code: e.target.value } : y)),
                    );
                  }}
                />
              )}
            </Field>
            <Field label={`Diagnosis ${n + 1} description`}>
              {(p) => (
                <input
                  {...p}
                  value={x.description}
                  placeholder="Generalized anxiety disorder"
                  onChange={(e) => {
                    set(
                      'diagnoses',
                      d.diagnoses.map((y, k) =>
                        k === n ? { ...y, description: e.target.value } : y,
                      ),
                    );
                  }}
                />
              )}
            </Field>
            <button
              type="button"
              className="button-secondary"
              aria-label={`Remove diagnosis ${n + 1}`}
              onClick={() => {
                set(
                  'diagnoses',
                  d.diagnoses.filter((_, k) => k !== n),
                );
              }}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            set('diagnoses', [...d.diagnoses, { code: '', description: '' }]);
          }}
        >
          Add diagnosis
        </button>
      </fieldset>

      <Field
        label="Presenting concerns"
        hint="One per line (or separated by commas), e.g. anxiety, depression, trauma."
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={d.concerns}
            onChange={(e) => {
              set('concerns', e.target.value);
            }}
          />
        )}
      </Field>
      <Field label="Preferences" hint="What the client prefers or wants to avoid in therapy.">
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={d.preferences}
            onChange={(e) => {
              set('preferences', e.target.value);
            }}
          />
        )}
      </Field>
      <Field label="Cultural considerations">
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={d.culturalConsiderations}
            onChange={(e) => {
              set('culturalConsiderations', e.target.value);
            }}
          />
        )}
      </Field>
      <ErrorBox error={error} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function NewClient() {
  const announce = useAnnounce();
  return (
    <section className="narrow-wide">
      <PageTitle>New client</PageTitle>
      <ClientForm
        initial={EMPTY_PROFILE}
        submitLabel="Save client"
        onSubmit={async (profile) => {
          const { client } = await api.createClient(profile);
          announce('Client saved.');
          navigate({ name: 'client', clientId: client.id });
        }}
        onCancel={() => {
          navigate({ name: 'clients' });
        }}
      />
    </section>
  );
}
