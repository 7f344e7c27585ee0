import { useState, type SubmitEvent } from 'react';
import { api } from '../api';
import {
  decodeTranscript,
  FORMAT_LABELS,
  LOCATION_LABELS,
  SERVICE_TYPE_LABELS,
  todayIso,
  TRANSCRIPT_FORMAT_LABELS,
} from '../format';
import { navigate } from '../nav';
import { routeHref } from '../router';
import type { NoteFormat, SessionDetails, TranscriptInputFormat } from '../types';
import { InputField, LabelOptions, SelectField, TextAreaField } from '../components/fields';
import { LEAVING, useSubmit } from '../components/submit';
import { ErrorBox, Field, PageTitle, useAnnounce, useLoad } from '../ui';

/** Largest transcript the API takes (bodies over 5 MB are refused); leave room for the rest. */
const MAX_TRANSCRIPT_BYTES = 4_500_000;

type Location = SessionDetails['location'];
type ServiceType = SessionDetails['serviceType'];

/** New session: details, consent, the transcript (pasted or a file), formats → draft note. */
export function NewSession({ clientId }: { clientId: string }) {
  const [client] = useLoad(() => api.client(clientId), `client:${clientId}`);
  const [date, setDate] = useState(todayIso());
  const [startTime, setStartTime] = useState('');
  const [endTime, setEndTime] = useState('');
  const [serviceType, setServiceType] = useState<ServiceType>('individual');
  const [location, setLocation] = useState<Location>('office');
  const [platform, setPlatform] = useState('');
  const [consent, setConsent] = useState(false);
  const [transcript, setTranscript] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [inputFormat, setInputFormat] = useState<TranscriptInputFormat>('auto');
  const [noteFormat, setNoteFormat] = useState<NoteFormat>('soap');
  const form = useSubmit();
  const { setError } = form;
  const announce = useAnnounce();

  async function readFile(file: File | undefined) {
    if (!file) return;
    setError(null);
    if (file.size > MAX_TRANSCRIPT_BYTES) {
      setError(
        'This file is too large for a transcript (over 4.5 MB). Check that it is the right file.',
      );
      return;
    }
    try {
      const text = decodeTranscript(new Uint8Array(await file.arrayBuffer()));
      if (text.includes('\u0000')) {
        setError('This file is not a text transcript. Choose a .txt, .vtt, .srt or .json file.');
        return;
      }
      setTranscript(text);
      setFileName(file.name);
      const ext = file.name.toLowerCase().split('.').pop();
      setInputFormat(ext === 'vtt' || ext === 'srt' || ext === 'json' ? ext : 'auto');
      announce(`Transcript file read: ${String(text.split('\n').length)} lines.`);
    } catch {
      setError('The file could not be read. Try again, or paste the transcript instead.');
    }
  }

  function check(): string[] {
    const p: string[] = [];
    if (date === '') p.push('Date: enter the date of the session.');
    if ((startTime === '') !== (endTime === '')) {
      p.push('Start and stop times: give both (or neither). Psychotherapy codes need both.');
    }
    if (startTime !== '' && endTime !== '' && endTime <= startTime) {
      p.push('Stop time: it must be after the start time.');
    }
    if (location === 'telehealth' && platform.trim() === '') {
      p.push('Telehealth platform: name the platform used (for example Doxy.me).');
    }
    if (!consent) {
      p.push('Consent to record: confirm the client consented before a transcript is processed.');
    }
    if (transcript.trim() === '') p.push('Transcript: paste it or choose a file.');
    return p;
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const problems = check();
    if (problems.length > 0) {
      setError(problems.join(' '));
      return;
    }
    announce('Creating the draft note…');
    await form.run(async () => {
      const { note } = await api.createSession(clientId, {
        details: {
          date,
          startTime: startTime === '' ? null : startTime,
          endTime: endTime === '' ? null : endTime,
          serviceType,
          location,
          telehealthPlatform: location === 'telehealth' ? platform.trim() : null,
          consentToRecord: consent,
        },
        transcript: { text: transcript, format: inputFormat },
        noteFormat,
      });
      navigate({ name: 'note', noteId: note.id });
      return LEAVING;
    });
  }

  return (
    <section className="narrow-wide">
      <PageTitle>
        New session
        {client.state === 'ready' ? (
          <span className="subtitle"> for {client.data.client.profile.name}</span>
        ) : null}
      </PageTitle>
      <p>
        <a href={routeHref({ name: 'client', clientId })}>Back to the client</a>
      </p>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Session</legend>
          <div className="form-grid">
            <InputField label="Date" type="date" value={date} onValue={setDate} required />
            <InputField label="Start time" type="time" value={startTime} onValue={setStartTime} />
            <InputField label="Stop time" type="time" value={endTime} onValue={setEndTime} />
            <SelectField label="Service type" value={serviceType} onValue={setServiceType}>
              <LabelOptions labels={SERVICE_TYPE_LABELS} />
            </SelectField>
            <SelectField label="Location" value={location} onValue={setLocation}>
              <LabelOptions labels={LOCATION_LABELS} />
            </SelectField>
            {location === 'telehealth' ? (
              <InputField
                label="Telehealth platform"
                value={platform}
                onValue={setPlatform}
                required
              />
            ) : null}
          </div>
          <div className="checkbox">
            <input
              id="consent"
              type="checkbox"
              checked={consent}
              onChange={(e) => {
                setConsent(e.target.checked);
              }}
            />
            <label htmlFor="consent">
              The client consented to recording and transcription of this session
            </label>
          </div>
        </fieldset>

        <fieldset>
          <legend>Transcript</legend>
          <TextAreaField
            label="Paste the transcript"
            hint="“Speaker: text” lines (with or without times), WebVTT, SRT or JSON segments."
            className="transcript-input"
            rows={12}
            value={transcript}
            spellCheck={false}
            onValue={(text) => {
              setTranscript(text);
              setFileName(null);
            }}
          />
          <Field
            label="Or upload a transcript file"
            hint={
              fileName !== null
                ? `Read from ${fileName}; you can check it above.`
                : 'Read on this computer.'
            }
          >
            {(p) => (
              <input
                {...p}
                type="file"
                accept=".txt,.vtt,.srt,.json,text/plain,text/vtt,application/json"
                onChange={(e) => void readFile(e.target.files?.[0])}
              />
            )}
          </Field>
          <div className="form-grid">
            <SelectField label="Transcript format" value={inputFormat} onValue={setInputFormat}>
              <LabelOptions labels={TRANSCRIPT_FORMAT_LABELS} />
            </SelectField>
            <SelectField label="Note format" value={noteFormat} onValue={setNoteFormat}>
              <LabelOptions labels={FORMAT_LABELS} />
            </SelectField>
          </div>
        </fieldset>
        <ErrorBox error={form.error} />
        <div className="form-actions">
          <button type="submit" disabled={form.busy}>
            {form.busy ? 'Creating the draft note…' : 'Create draft note'}
          </button>
        </div>
      </form>
    </section>
  );
}
