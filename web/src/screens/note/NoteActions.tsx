/** The note's actions (save, sign, co-sign, addendum, exports) and its addenda. */
import { useState, type SubmitEvent } from 'react';
import { api } from '../../api';
import { dateTime } from '../../format';
import type { FhirResource, NoteDetail, User } from '../../types';
import { Dialog, ErrorBox } from '../../ui';
import { TextAreaField } from '../../components/fields';
import { useSubmit } from '../../components/submit';

/** The note's buttons: what the signed-in user may do with it now, and the exports. */
export function NoteToolbar({
  editable,
  busy,
  canCosign,
  canAddendum,
  signed,
  onSave,
  onSign,
  onCosign,
  onAddendum,
  onExportPdf,
  onExportFhir,
}: {
  /** A draft of the signed-in author: Save and Sign. */
  editable: boolean;
  busy: boolean;
  canCosign: boolean;
  canAddendum: boolean;
  /** Signed notes export as FHIR. */
  signed: boolean;
  onSave: () => void;
  onSign: () => void;
  onCosign: () => void;
  onAddendum: () => void;
  onExportPdf: () => void;
  onExportFhir: (resource: FhirResource) => void;
}) {
  const [fhirResource, setFhirResource] = useState<FhirResource>('Composition');
  return (
    <div className="toolbar" aria-label="Note actions" role="group">
      {editable ? (
        <>
          <button type="button" onClick={onSave} disabled={busy}>
            Save
          </button>
          <button type="button" onClick={onSign} disabled={busy}>
            Sign note
          </button>
        </>
      ) : null}
      {canCosign ? (
        <button type="button" onClick={onCosign} disabled={busy}>
          Co-sign note
        </button>
      ) : null}
      {canAddendum ? (
        <button type="button" className="button-secondary" onClick={onAddendum}>
          Add addendum
        </button>
      ) : null}
      <button type="button" className="button-secondary" onClick={onExportPdf}>
        Export PDF
      </button>
      {signed ? (
        <span className="fhir-export">
          <label htmlFor="fhir-resource">FHIR resource</label>
          <select
            id="fhir-resource"
            value={fhirResource}
            onChange={(e) => {
              setFhirResource(e.target.value as FhirResource);
            }}
          >
            <option value="Composition">Composition</option>
            <option value="DocumentReference">DocumentReference</option>
          </select>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              onExportFhir(fhirResource);
            }}
          >
            Export FHIR
          </button>
        </span>
      ) : (
        <span className="muted small">FHIR export is available once the note is signed.</span>
      )}
    </div>
  );
}

export function Addenda({ detail, user }: { detail: NoteDetail; user: User }) {
  if (detail.addenda.length === 0) return null;
  return (
    <section className="note-section addenda" aria-labelledby="addenda-title">
      <h3 id="addenda-title">Addenda</h3>
      <ol>
        {detail.addenda.map((a) => (
          <li key={a.id}>
            <p className="muted small">
              {dateTime(a.createdAt)}
              {a.authorId === user.id ? ' · by you' : ''}
            </p>
            <p className="pre-line">{a.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function AddendumDialog({
  open,
  noteId,
  onClose,
  onAdded,
}: {
  open: boolean;
  noteId: string;
  onClose: () => void;
  onAdded: (a: NoteDetail['addenda'][number]) => void;
}) {
  const [text, setText] = useState('');
  const form = useSubmit();
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (text.trim() === '') {
      form.setError('Write the addendum first.');
      return;
    }
    await form.run(async () => {
      const { addendum } = await api.addAddendum(noteId, text.trim());
      setText('');
      onAdded(addendum);
    });
  }
  return (
    <Dialog open={open} title="Add an addendum" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <p>
          The signed note stays as it is; the addendum is added below it with the date and your
          name.
        </p>
        <TextAreaField label="Addendum text" rows={5} value={text} onValue={setText} />
        <ErrorBox error={form.error} />
        <div className="form-actions">
          <button type="submit" disabled={form.busy}>
            Save addendum
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
