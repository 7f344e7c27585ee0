import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../api';
import { ConfirmDialog } from '../components/confirm';
import { useSubmit } from '../components/submit';
import { addDraftSource, keepDraft, takeDraft } from '../drafts';
import {
  citations,
  evidenceIds,
  findingFocus,
  findRow,
  INTERVENTIONS_SECTION,
  isDirty,
  problems as editProblems,
  toEditState,
  toNote,
  type EditState,
} from '../editor-model';
import {
  bySeverity,
  calendarDate,
  dateTime,
  dispositionFilename,
  FORMAT_LABELS,
  interventionLabel,
  noteStatus,
  noteTimes,
} from '../format';
import { useLeaveGuard } from '../components/leave-guard';
import { routeHref } from '../router';
import type {
  FhirResource,
  Finding,
  NoteDetail,
  NoteSectionText,
  SessionDetail,
  Turn,
  User,
} from '../types';
import {
  Dialog,
  downloadBlob,
  ErrorBox,
  Loading,
  PageTitle,
  Problems,
  StatusBadge,
  useLoad,
} from '../ui';
import {
  focusInView,
  focusTitle,
  rowDomId,
  sectionDomId,
  turnDomId,
  type Selection,
} from './note/dom';
import { FindingsPanel } from './note/FindingsPanel';
import { Addenda, AddendumDialog, NoteToolbar } from './note/NoteActions';
import { NoteBody } from './note/NoteBody';
import { SpeakersPanel } from './note/SpeakersPanel';
import { TranscriptPane } from './note/TranscriptPane';

/** The note editor: transcript beside the note, review findings, save, sign, co-sign, export. */
export function NoteEditor({ noteId, user }: { noteId: string; user: User }) {
  const [load, reload] = useLoad(async () => {
    const detail = await api.note(noteId);
    const [session, client] = await Promise.all([
      api.therapySession(detail.note.sessionId),
      api.client(detail.note.clientId).catch(() => null),
    ]);
    return { detail, session, clientName: client?.client.profile.name ?? null };
  }, `note:${noteId}`);

  if (load.state === 'loading') {
    return (
      <>
        <PageTitle>Progress note</PageTitle>
        <Loading what="the note" />
      </>
    );
  }
  if (load.state === 'error') {
    return (
      <>
        <PageTitle>Progress note</PageTitle>
        <ErrorBox error={load.error} />
        <button type="button" onClick={reload}>
          Try again
        </button>
      </>
    );
  }
  return (
    <Editor
      key={`${load.data.detail.note.id}:${load.data.detail.note.version}`}
      initial={load.data.detail}
      session={load.data.session}
      clientName={load.data.clientName}
      user={user}
      onReload={reload}
    />
  );
}

interface EditorProps {
  initial: NoteDetail;
  session: SessionDetail;
  clientName: string | null;
  user: User;
  onReload: () => void;
}

function Editor({ initial, session, clientName, user, onReload }: EditorProps) {
  const [detail, setDetail] = useState(initial);
  const [rescued] = useState(() =>
    takeDraft(user.id, initial.note.id, initial.note.version, initial.note.body),
  );
  const [edit, setEdit] = useState<EditState>(() => rescued ?? toEditState(initial.note.body));
  const [selection, setSelection] = useState<Selection>(null);
  const [targetSection, setTargetSection] = useState<string | null>(null);
  const [status, setStatus] = useState(
    rescued
      ? 'Your unsaved changes from before you were signed out are back: check them, then save.'
      : '',
  );
  const form = useSubmit();
  const error = form.error;
  const [problems, setProblems] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'sign' | 'cosign' | 'addendum' | null>(null);
  const [sectionTexts, setSectionTexts] = useState<NoteSectionText[] | null>(null);
  const [copyFallback, setCopyFallback] = useState<{ heading: string; text: string } | null>(null);
  /** Leaving with unsaved changes was asked: how to go on if the clinician says so. */

  const note = detail.note;
  const isAuthor = note.authorId === user.id;
  const editable = note.status === 'draft' && isAuthor;
  const dirty = useMemo(() => isDirty(edit), [edit]);
  const turns: Turn[] = useMemo(
    () =>
      session.transcript?.turns ??
      session.analysis?.utterances.map((u) => ({
        id: u.id,
        speaker: u.speaker,
        role: u.role,
        start: u.start,
        end: u.end,
        text: u.text,
      })) ??
      [],
    [session],
  );
  const turnIds = useMemo(() => new Set(turns.map((t) => t.id)), [turns]);
  const cited = useMemo(() => citations(edit), [edit]);

  const selectedRow = selection?.kind === 'row' ? findRow(edit, selection.rowId) : undefined;
  const highlighted = useMemo(() => {
    if (selection === null) return new Set<string>();
    if (selection.kind === 'lines') return new Set(selection.ids);
    return new Set(selectedRow ? evidenceIds(selectedRow.row.sentence) : []);
  }, [selection, selectedRow]);

  // A "Saved" message is stale once the note is edited again.
  useEffect(() => {
    if (dirty) setStatus((m) => (m.startsWith('Saved') || m.startsWith('No changes') ? '' : m));
  }, [dirty]);

  // Unsaved changes: ask before leaving the screen or the page.
  const leaveDialog = useLeaveGuard(dirty, {
    title: 'Leave without saving your changes?',
    stayLabel: 'Stay on the note',
    message: 'This note has unsaved changes. If you leave now, they are lost.',
  });

  // The session may end without a request of this screen (the minute check, another tab): the
  // app then asks open editors for their unsaved edits (kept only if it was not the idle timeout).
  useEffect(() => {
    if (!dirty) return;
    return addDraftSource(() => {
      keepDraft(user.id, note.id, note.version, edit);
    });
  }, [dirty, edit, user.id, note.id, note.version]);

  const selectRow = useCallback((rowId: string) => {
    setSelection((s) => (s?.kind === 'row' && s.rowId === rowId ? s : { kind: 'row', rowId }));
    setTargetSection(null);
  }, []);

  function goToFinding(f: Finding) {
    const focus = findingFocus(f, edit, turnIds);
    if (!focus) return;
    if (focus.rowId !== undefined) {
      selectRow(focus.rowId);
      focusInView(document.getElementById(rowDomId(focus.rowId)));
      return;
    }
    if (focus.utteranceIds.length > 0) {
      setSelection({
        kind: 'lines',
        ids: focus.utteranceIds,
        label: `${focus.utteranceIds.length} transcript line${focus.utteranceIds.length === 1 ? '' : 's'} this finding is about`,
      });
    } else {
      setSelection(null);
    }
    if (focus.sectionId !== undefined) {
      setTargetSection(focus.sectionId);
      focusInView(document.getElementById(sectionDomId(focus.sectionId)));
    } else {
      const first = focus.utteranceIds[0];
      if (first !== undefined) focusInView(document.getElementById(turnDomId(first)));
    }
  }

  function findingLinkLabel(f: Finding): string | null {
    const focus = findingFocus(f, edit, turnIds);
    if (!focus) return null;
    if (focus.rowId !== undefined) {
      const place = findRow(edit, focus.rowId);
      return place?.interventionId !== undefined
        ? `Go to ${interventionLabel(place.interventionId)}`
        : `Go to the sentence in ${place?.heading ?? 'the note'}`;
    }
    if (focus.sectionId !== undefined) {
      const heading =
        focus.sectionId === INTERVENTIONS_SECTION
          ? 'Interventions'
          : (edit.sections.find((s) => s.id === focus.sectionId)?.heading ?? focus.sectionId);
      return `Go to ${heading}`;
    }
    const n = focus.utteranceIds.length;
    return `Show ${n} transcript line${n === 1 ? '' : 's'}`;
  }

  /** The session ended under the clinician's hands: keep the edits for after signing in again. */
  function keepIfSignedOut(e: unknown) {
    if (e instanceof ApiError && e.status === 401 && isDirty(edit)) {
      keepDraft(user.id, note.id, note.version, edit);
    }
  }

  function applyNote(next: NoteDetail['note'], message: string) {
    setDetail((d) => ({ ...d, note: next }));
    setEdit(toEditState(next.body));
    setSelection((s) => (s?.kind === 'row' && s.rowId.startsWith('new') ? null : s));
    setSectionTexts(null);
    setStatus(message);
  }

  /** A request that does not hold the buttons (copy, exports); its error shows like the others. */
  async function request(action: () => Promise<void>) {
    form.setError(null);
    try {
      await action();
    } catch (e) {
      keepIfSignedOut(e);
      form.setError(e);
    }
  }

  /** After a refused save, sign or co-sign: the edits kept if signed out, and what did not happen. */
  const failed = (what: string) => (e: unknown) => {
    keepIfSignedOut(e);
    setStatus(what);
  };

  async function save(): Promise<NoteDetail['note'] | null> {
    const p = editProblems(edit);
    setProblems(p);
    if (p.length > 0) {
      setStatus('Not saved: some sentences are empty.');
      return null;
    }
    if (!dirty) {
      setStatus('No changes to save.');
      return note;
    }
    setStatus('Saving…');
    const saved = await form.run(async () => {
      const { note: next } = await api.saveNote(note.id, toNote(edit), note.version);
      applyNote(next, `Saved. The review was run again (version ${next.version}).`);
      return next;
    }, failed('Not saved.'));
    return saved ?? null;
  }

  async function sign() {
    setDialog(null);
    const current = dirty ? await save() : note;
    if (!current) return;
    setStatus('Signing…');
    await form.run(async () => {
      const { note: signed } = await api.signNote(note.id, current.version);
      focusTitle();
      applyNote(
        signed,
        signed.cosignRequired
          ? 'Signed and locked. It now awaits your supervisor’s co-signature.'
          : 'Signed and locked. Changes are now made with addenda.',
      );
    }, failed('Not signed.'));
  }

  async function cosign() {
    setDialog(null);
    await form.run(async () => {
      const { note: done } = await api.cosignNote(note.id);
      focusTitle();
      applyNote(done, 'Co-signed.');
    }, keepIfSignedOut);
  }

  async function copySection(sectionId: string, heading: string) {
    await request(async () => {
      let texts = sectionTexts;
      if (texts === null) {
        texts = (await api.noteText(note.id)).sections;
        setSectionTexts(texts);
      }
      const text = texts.find((t) => t.id === sectionId)?.text ?? '';
      const saved = dirty ? ' (last saved version)' : '';
      try {
        await navigator.clipboard.writeText(text);
        setStatus(`${heading} copied to the clipboard${saved}.`);
      } catch {
        // no clipboard access (e.g. not a secure context): show the text to copy by hand
        setCopyFallback({ heading: heading + saved, text });
      }
    });
  }

  async function exportPdf() {
    await request(async () => {
      const res = await api.notePdf(note.id);
      const blob = await res.blob();
      const name =
        dispositionFilename(res.headers.get('Content-Disposition')) ??
        `progress-note-${note.id}.pdf`;
      downloadBlob(blob, name);
      setStatus('PDF downloaded.');
    });
  }

  async function exportFhir(fhirResource: FhirResource) {
    await request(async () => {
      const resource = await api.noteFhir(note.id, fhirResource);
      const blob = new Blob([JSON.stringify(resource, null, 2)], { type: 'application/fhir+json' });
      downloadBlob(blob, `progress-note-${note.id}-${fhirResource}.json`);
      setStatus(`FHIR ${fhirResource} downloaded.`);
    });
  }

  const status_ = noteStatus(note);
  const findings = bySeverity(note.review);
  const counts = {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
  };
  const canCosign =
    note.status === 'signed' &&
    note.cosignRequired &&
    note.cosignedAt === null &&
    user.role === 'supervisor' &&
    !isAuthor;
  const canAddendum = note.status === 'signed' && (isAuthor || user.role === 'supervisor');
  const closeDialog = useCallback(() => {
    setDialog(null);
  }, []);
  const closeCopyFallback = useCallback(() => {
    setCopyFallback(null);
  }, []);
  const s = detail.session.details;
  const h = note.body.header;
  const times = noteTimes(h, s);

  return (
    <div className="note-screen">
      <div className="page-head">
        <PageTitle>
          {FORMAT_LABELS[note.format]} progress note
          {clientName !== null ? <span className="subtitle"> · {clientName}</span> : null}
        </PageTitle>
        <StatusBadge status={status_} />
      </div>
      <p className="note-facts">
        <a href={routeHref({ name: 'client', clientId: note.clientId })}>Back to the client</a>
        <span>Session {calendarDate(s.date)}</span>
        <span>{times.times}</span>
        <span>{times.duration}</span>
        <span>{h.cpt !== null ? `CPT ${h.cpt}` : 'No CPT code supported'}</span>
        {note.signedAt !== null ? <span>Signed {dateTime(note.signedAt)}</span> : null}
        {note.cosignedAt !== null ? <span>Co-signed {dateTime(note.cosignedAt)}</span> : null}
      </p>

      <NoteToolbar
        editable={editable}
        busy={form.busy}
        canCosign={canCosign}
        canAddendum={canAddendum}
        signed={note.status === 'signed'}
        onSave={() => void save()}
        onSign={() => {
          setDialog('sign');
        }}
        onCosign={() => {
          setDialog('cosign');
        }}
        onAddendum={() => {
          setDialog('addendum');
        }}
        onExportPdf={() => void exportPdf()}
        onExportFhir={(resource) => void exportFhir(resource)}
      />
      <p className="save-status" role="status" aria-live="polite">
        {[status, dirty ? 'Unsaved changes.' : ''].filter((x) => x !== '').join(' ')}
      </p>
      <Problems items={problems} />
      <ErrorBox error={error} />
      {error instanceof ApiError && (error.code === 'conflict' || error.code === 'note_locked') ? (
        <p>
          <button type="button" className="button-secondary" onClick={onReload}>
            Reload the note
          </button>{' '}
          <span className="muted">
            Reloading shows the latest saved version; copy any text you want to keep first.
          </span>
        </p>
      ) : null}

      <div className="editor-grid">
        <div className="note-pane">
          <SpeakersPanel sessionId={note.sessionId} editable={editable} onRelabelled={onReload} />
          <FindingsPanel
            findings={findings}
            counts={counts}
            dirty={dirty}
            linkLabel={findingLinkLabel}
            onGoTo={goToFinding}
          />
          <NoteBody
            edit={edit}
            setEdit={setEdit}
            editable={editable}
            signed={note.status === 'signed'}
            selection={selection}
            onSelectRow={selectRow}
            onDeselect={() => {
              setSelection(null);
            }}
            targetSection={targetSection}
            onCopySection={(id, heading) => void copySection(id, heading)}
          >
            <Addenda detail={detail} user={user} />
          </NoteBody>
        </div>

        <TranscriptPane
          turns={turns}
          selection={selection}
          highlighted={highlighted}
          cited={cited}
        />
      </div>

      {leaveDialog}
      <ConfirmDialog
        open={dialog === 'sign'}
        title="Sign this note?"
        onClose={closeDialog}
        confirmLabel="Confirm and sign"
        onConfirm={() => void sign()}
      >
        <p>
          Signing locks the note: it can no longer be edited, only amended with addenda.
          {note.cosignRequired ? ' Your supervisor will then be asked to co-sign it.' : ''}
        </p>
        {dirty ? <p>Your unsaved changes will be saved first.</p> : null}
        {counts.error > 0 ? (
          <p className="alert alert-error">
            The review still has {counts.error} error{counts.error === 1 ? '' : 's'}. Check the
            findings before signing.
          </p>
        ) : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'cosign'}
        title="Co-sign this note?"
        onClose={closeDialog}
        confirmLabel="Confirm co-signature"
        onConfirm={() => void cosign()}
      >
        <p>Co-signing records that you reviewed this note as the supervisor.</p>
      </ConfirmDialog>
      <Dialog
        open={copyFallback !== null}
        title={`Copy ${copyFallback?.heading ?? 'section'}`}
        onClose={closeCopyFallback}
      >
        <p>
          This browser does not let DocScrib use the clipboard. The text is selected: press Ctrl+C
          (⌘C on a Mac).
        </p>
        <label htmlFor="copy-fallback" className="visually-hidden">
          Section text
        </label>
        <textarea
          id="copy-fallback"
          readOnly
          rows={8}
          value={copyFallback?.text ?? ''}
          data-autofocus
          onFocus={(e) => {
            e.currentTarget.select();
          }}
        />
        <div className="form-actions">
          <button type="button" onClick={closeCopyFallback}>
            Close
          </button>
        </div>
      </Dialog>
      <AddendumDialog
        open={dialog === 'addendum'}
        noteId={note.id}
        onClose={closeDialog}
        onAdded={(a) => {
          setDetail((d) => ({ ...d, addenda: [...d.addenda, a] }));
          setDialog(null);
          setStatus('Addendum added.');
        }}
      />
    </div>
  );
}
