import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { api, ApiError } from '../api';
import {
  currentPracticeName,
  onPracticeName,
  setPracticeName,
  settingsIssues,
  toSettingsBody,
  toSettingsDraft,
  type SettingsDraft,
  type SettingsField,
} from '../settings';
import { InputField, TextAreaField } from '../components/fields';
import { CrisisFieldset } from './CrisisSettings';
import { SpeechFieldset } from './SpeechSettings';
import { useSubmit } from '../components/submit';
import { ErrorBox, LoadStatus, PageTitle, useLoad } from '../ui';

/** IANA time zones the browser knows, offered as suggestions (the server checks the value). */
function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    return ['UTC'];
  }
}

/**
 * Administration: the practice named on every exported document, the co-sign rule, speech, and
 * the crisis resources clients see after a risk answer.
 */
export function Settings() {
  const [load] = useLoad(() => api.settings(), 'settings');
  return (
    <>
      <PageTitle>Practice settings</PageTitle>
      <p className="subtitle">
        The practice is named at the top of every PDF and as the custodian of FHIR exports.
      </p>
      <LoadStatus load={load} what="the settings" />
      {load.state === 'ready' ? (
        <SettingsForm initial={toSettingsDraft(load.data.settings)} />
      ) : null}
    </>
  );
}

function SettingsForm({ initial }: { initial: SettingsDraft }) {
  const [draft, setDraft] = useState(initial);
  const form = useSubmit();
  const error = form.error;
  const [status, setStatus] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const zonesId = useId();
  const [zones] = useState(timeZones);

  const issues =
    error instanceof ApiError ? settingsIssues(error.issues) : { fields: {}, other: [] };
  const problem = (f: SettingsField): string | undefined => issues.fields[f];

  /** The setter of one setting in the draft (a change clears the last save's status). */
  const set =
    <K extends keyof SettingsDraft>(key: K) =>
    (value: SettingsDraft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      setStatus('');
    };

  // After a refused save, take the keyboard to the first field the server named.
  useEffect(() => {
    if (!(error instanceof ApiError) || error.issues.length === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setStatus('Saving…');
    await form.run(
      async () => {
        const { settings } = await api.saveSettings(toSettingsBody(draft));
        setDraft(toSettingsDraft(settings));
        setPracticeName(settings.practiceName);
        setStatus('Settings saved.'); // spoken by the status line below (one live region)
      },
      () => {
        setStatus('Not saved: see the problems above.');
      },
    );
  }

  return (
    <form ref={formRef} className="card settings-form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorBox error={error} title="The settings were not saved." />
      <InputField
        label="Practice name"
        error={problem('practiceName')}
        value={draft.practiceName}
        onValue={set('practiceName')}
        required
        maxLength={200}
        autoComplete="organization"
      />
      <TextAreaField
        label="Address"
        hint="Optional. One line per address line."
        error={problem('address')}
        rows={3}
        value={draft.address}
        onValue={set('address')}
        maxLength={500}
        autoComplete="street-address"
      />
      <div className="form-grid">
        <InputField
          label="Phone"
          hint="Optional."
          error={problem('phone')}
          type="tel"
          value={draft.phone}
          onValue={set('phone')}
          autoComplete="tel"
        />
        <InputField
          label="NPI"
          hint="Optional. The practice's 10-digit National Provider Identifier."
          error={problem('npi')}
          inputMode="numeric"
          value={draft.npi}
          onValue={set('npi')}
          autoComplete="off"
        />
        <InputField
          label="Time zone"
          hint="An IANA name, such as America/New_York or UTC."
          error={problem('timezone')}
          list={zonesId}
          value={draft.timezone}
          onValue={set('timezone')}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <datalist id={zonesId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <CosignCheckbox
        checked={draft.requireCosignForSupervisees}
        error={problem('requireCosignForSupervisees')}
        onChange={set('requireCosignForSupervisees')}
      />
      <SpeechFieldset
        speech={draft.speech}
        onChange={(speech) => {
          set('speech')(speech);
        }}
      />
      <CrisisFieldset
        crisis={draft.crisisResources}
        problem={problem}
        onChange={(crisis) => {
          set('crisisResources')(crisis);
        }}
      />
      <div className="form-actions">
        <button type="submit" disabled={form.busy}>
          Save settings
        </button>
      </div>
      <p className="save-status" role="status" aria-live="polite">
        {status}
      </p>
    </form>
  );
}

function CosignCheckbox({
  checked,
  error,
  onChange,
}: {
  checked: boolean;
  error: string | undefined;
  onChange: (v: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          {...(error ? { 'aria-invalid': true } : {})}
          onChange={(e) => {
            onChange(e.target.checked);
          }}
        />
        <label htmlFor={id}>
          Supervisees&apos; notes need their supervisor&apos;s co-signature
        </label>
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        When off, a note by a clinician who has a supervisor is complete once its author signs it.
      </p>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The practice's name for the app header (every signed-in user): loaded once, then kept in step
 * with the settings screen. Shows nothing until it is known or when it cannot be read.
 */
export function PracticeName() {
  const [name, setName] = useState(currentPracticeName);
  useEffect(() => {
    const off = onPracticeName(setName);
    let live = true;
    api.settings().then(
      ({ settings }) => {
        if (live) setPracticeName(settings.practiceName);
      },
      () => undefined, // the header does without it; a 401 is handled by the app
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  if (name === null) return null;
  return <span className="practice-name">{name}</span>;
}
