import { useState, type SubmitEvent } from 'react';
import { api } from '../api';
import { navigate } from '../nav';
import { EMPTY_PROFILE, toDraft, toProfile, type ClientDraft } from '../clients';
import type { ClientProfile } from '../types';
import { InputField, TextAreaField } from '../components/fields';
import { ListFieldset } from '../components/list-editor';
import { LEAVING, useSubmit } from '../components/submit';
import { ErrorBox, PageTitle, useAnnounce } from '../ui';

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
  const form = useSubmit();
  /** The setter of one part of the draft. */
  const set =
    <K extends keyof ClientDraft>(k: K) =>
    (v: ClientDraft[K]) => {
      setD((x) => ({ ...x, [k]: v }));
    };

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const { profile, problems } = toProfile(d);
    if (problems.length > 0) {
      form.setError(problems.join(' '));
      return;
    }
    await form.run(async () => {
      await onSubmit(profile);
      return LEAVING;
    });
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="client-form">
      <div className="form-grid">
        <InputField label="Name" value={d.name} onValue={set('name')} required autoComplete="off" />
        <InputField
          label="Date of birth"
          type="date"
          value={d.dateOfBirth}
          onValue={set('dateOfBirth')}
        />
      </div>

      <ListFieldset
        legend="Identifiers"
        hint="For example a medical record number (MRN) or insurance member id."
        items={d.identifiers}
        onChange={set('identifiers')}
        fields={[
          { key: 'system', label: (n) => `Identifier ${n + 1} kind`, placeholder: 'MRN' },
          { key: 'value', label: (n) => `Identifier ${n + 1} value` },
        ]}
        blank={() => ({ system: '', value: '' })}
        addLabel="Add identifier"
        removeLabel={(n) => `Remove identifier ${n + 1}`}
      />

      <ListFieldset
        legend="Diagnoses"
        hint="ICD-10-CM code (optional) and description."
        items={d.diagnoses}
        onChange={set('diagnoses')}
        fields={[
          {
            key: 'code',
            label: (n) => `Diagnosis ${n + 1} code`,
            placeholder: 'F41.1',
            fieldClassName: 'narrow-field',
          },
          {
            key: 'description',
            label: (n) => `Diagnosis ${n + 1} description`,
            placeholder: 'Generalized anxiety disorder',
          },
        ]}
        blank={() => ({ code: '', description: '' })}
        addLabel="Add diagnosis"
        removeLabel={(n) => `Remove diagnosis ${n + 1}`}
      />

      <TextAreaField
        label="Presenting concerns"
        hint="One per line (or separated by commas), e.g. anxiety, depression, trauma."
        rows={3}
        value={d.concerns}
        onValue={set('concerns')}
      />
      <TextAreaField
        label="Preferences"
        hint="What the client prefers or wants to avoid in therapy."
        rows={3}
        value={d.preferences}
        onValue={set('preferences')}
      />
      <TextAreaField
        label="Cultural considerations"
        rows={3}
        value={d.culturalConsiderations}
        onValue={set('culturalConsiderations')}
      />
      <ErrorBox error={form.error} />
      <div className="form-actions">
        <button type="submit" disabled={form.busy}>
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
