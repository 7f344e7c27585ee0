import { useState, type SubmitEvent } from 'react';
import { api } from '../api';
import { decodeTranscript, FORMAT_LABELS, TRANSCRIPT_FORMAT_LABELS } from '../format';
import { navigate } from '../nav';
import { routeHref } from '../router';
import type { NoteFormat, TranscriptInputFormat } from '../types';
import { LabelOptions, SelectField, TextAreaField } from '../components/fields';
import { SessionDetailsFieldset, useSessionDetails } from '../components/session-details';
import { LEAVING, useSubmit } from '../components/submit';
import { ErrorBox, Field, PageTitle, useAnnounce, useLoad } from '../ui';
import { AudioUploadField, useAudioUpload } from './AudioUpload';

/** Largest transcript the API takes (bodies over 5 MB are refused); leave room for the rest. */
const MAX_TRANSCRIPT_BYTES = 4_500_000;

/**
 * New session: details, consent, the transcript (pasted or a file) or an audio recording to
 * transcribe on the server, formats → draft note.
 */
export function NewSession({ clientId }: { clientId: string }) {
  const [client] = useLoad(() => api.client(clientId), `client:${clientId}`);
  const details = useSessionDetails();
  const audio = useAudioUpload();
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
    const p = details.problems(
      audio.file !== null
        ? 'confirm the client consented before the recording is transcribed.'
        : 'confirm the client consented before a transcript is processed.',
    );
    if (audio.file === null && transcript.trim() === '') {
      p.push('Transcript: paste it, choose a file, or choose an audio recording.');
    }
    return p;
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const problems = check();
    if (problems.length > 0) {
      setError(problems.join(' '));
      return;
    }
    if (audio.file !== null) {
      const file = audio.file;
      await form.run(async () => {
        const noteId = await audio.send(clientId, details.details(), noteFormat, file);
        navigate({ name: 'note', noteId });
        return LEAVING;
      });
      return;
    }
    announce('Creating the draft note…');
    await form.run(async () => {
      const { note } = await api.createSession(clientId, {
        details: details.details(),
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
        <SessionDetailsFieldset form={details} />

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
          <AudioUploadField upload={audio} disabled={form.busy} />
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
            {form.busy
              ? audio.file !== null
                ? 'Transcribing…'
                : 'Creating the draft note…'
              : audio.file !== null
                ? 'Upload and transcribe'
                : 'Create draft note'}
          </button>
        </div>
        <p className="save-status" role="status" aria-live="polite">
          {audio.status}
        </p>
      </form>
    </section>
  );
}
