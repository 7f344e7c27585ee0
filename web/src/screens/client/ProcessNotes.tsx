import { useState, type SubmitEvent } from 'react';
import { api } from '../../api';
import { dateTime } from '../../format';
import type { ProcessNote } from '../../types';
import { TextAreaField } from '../../components/fields';
import { useSubmit } from '../../components/submit';
import { ErrorBox, LoadStatus, useAnnounce, useLoad } from '../../ui';

/** The clinician's private process notes on the client: only the author sees them. */
export function ProcessNotes({ clientId }: { clientId: string }) {
  const [load, reload] = useLoad(() => api.processNotes(clientId), `process:${clientId}`);
  const [text, setText] = useState('');
  const form = useSubmit();
  const announce = useAnnounce();

  async function add(e: SubmitEvent) {
    e.preventDefault();
    if (text.trim() === '') {
      form.setError('Write the process note first.');
      return;
    }
    await form.run(async () => {
      await api.addProcessNote(clientId, { text: text.trim() });
      setText('');
      announce('Private process note saved.');
      reload();
    });
  }

  return (
    <section aria-labelledby="process-title" className="card private-panel">
      <h2 id="process-title">Private process notes</h2>
      <p className="private-notice">
        <strong>Private — only you can see this; never exported or analysed.</strong>
      </p>
      <LoadStatus load={load} what="process notes" />
      {load.state === 'ready' ? (
        <ol className="process-notes">
          {[...load.data.processNotes]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((n) => (
              <ProcessNoteItem key={n.id} note={n} onSaved={reload} />
            ))}
        </ol>
      ) : null}
      <form onSubmit={(e) => void add(e)}>
        <TextAreaField label="New private process note" rows={4} value={text} onValue={setText} />
        <ErrorBox error={form.error} />
        <button type="submit" disabled={form.busy}>
          Save process note
        </button>
      </form>
    </section>
  );
}

function ProcessNoteItem({ note, onSaved }: { note: ProcessNote; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const form = useSubmit();
  if (!editing) {
    return (
      <li>
        <p className="muted">{dateTime(note.updatedAt)}</p>
        <p className="pre-line">{note.text}</p>
        <button
          type="button"
          className="button-link"
          onClick={() => {
            setEditing(true);
          }}
        >
          Edit<span className="visually-hidden"> process note of {dateTime(note.updatedAt)}</span>
        </button>
      </li>
    );
  }
  return (
    <li>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void form.run(async () => {
            await api.updateProcessNote(note.id, text.trim());
            setEditing(false);
            onSaved();
          });
        }}
      >
        <TextAreaField label="Process note" rows={4} value={text} onValue={setText} />
        <ErrorBox error={form.error} />
        <div className="form-actions">
          <button type="submit">Save changes</button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setEditing(false);
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    </li>
  );
}
