import { useCallback, useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { api, ApiError } from '../api';
import {
  addRow,
  canRemove,
  citations,
  editRow,
  evidenceIds,
  fieldValue,
  findingFocus,
  findRow,
  INTERVENTIONS_SECTION,
  isDirty,
  PART_LABELS,
  PARTS,
  problems as editProblems,
  removeRow,
  revertRow,
  toEditState,
  toNote,
  type EditState,
  type Row,
} from '../editor-model';
import {
  bySeverity,
  calendarDate,
  clock,
  dateTime,
  dispositionFilename,
  FORMAT_LABELS,
  interventionName,
  KIND_LABELS,
  noteStatus,
  SEVERITY_LABELS,
} from '../format';
import { addDraftSource, keepDraft, takeDraft } from '../drafts';
import { setLeaveGuard } from '../nav';
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
  Field,
  Loading,
  PageTitle,
  Problems,
  StatusBadge,
  useLoad,
} from '../ui';

/** DOM ids from record ids (utterance ids, section ids) that may hold any characters. */
const domId = (prefix: string, raw: string) => `${prefix}-${raw.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const rowDomId = (rowId: string) => domId('sentence', rowId);
const turnDomId = (turnId: string) => domId('utt', turnId);
const sectionDomId = (sectionId: string) => domId('section', sectionId);

type Selection =
  { kind: 'row'; rowId: string } | { kind: 'lines'; ids: string[]; label: string } | null;

const ROLE_NAMES: Record<Turn['role'], string> = {
  clinician: 'clinician',
  client: 'client',
  other: 'other',
};

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Bring an element into view and focus it (focus without the browser's own jump). */
function focusInView(el: HTMLElement | null) {
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  el.focus({ preventScroll: true });
}

/** After the button that had focus goes away (signed: no more Sign), start again at the title. */
function focusTitle() {
  window.setTimeout(() => {
    const h1 = document.querySelector('main h1');
    if (h1 instanceof HTMLElement) h1.focus();
  }, 0);
}

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
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'sign' | 'cosign' | 'addendum' | null>(null);
  const [sectionTexts, setSectionTexts] = useState<NoteSectionText[] | null>(null);
  const [fhirResource, setFhirResource] = useState<FhirResource>('Composition');
  const [copyFallback, setCopyFallback] = useState<{ heading: string; text: string } | null>(null);
  /** Leaving with unsaved changes was asked: how to go on if the clinician says so. */
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const transcriptRef = useRef<HTMLOListElement>(null);
  /** A sentence just added: focus its field once it is on the page. */
  const focusAfterRender = useRef<string | null>(null);
  useEffect(() => {
    const id = focusAfterRender.current;
    if (id === null) return;
    focusAfterRender.current = null;
    document.getElementById(rowDomId(id))?.focus();
  });

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
  useEffect(() => {
    if (!dirty) return;
    setLeaveGuard((proceed) => {
      setLeaving(() => proceed);
      return false;
    });
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      setLeaveGuard(null);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty]);

  // The session may end without a request of this screen (the minute check, another tab): the
  // app then asks open editors for their unsaved edits (kept only if it was not the idle timeout).
  useEffect(() => {
    if (!dirty) return;
    return addDraftSource(() => {
      keepDraft(user.id, note.id, note.version, edit);
    });
  }, [dirty, edit, user.id, note.id, note.version]);

  // Scroll the transcript (when it scrolls by itself, beside the note) to the first highlighted line.
  useEffect(() => {
    const box = transcriptRef.current;
    if (!box || highlighted.size === 0) return;
    const first = turns.find((t) => highlighted.has(t.id));
    if (!first) return;
    const el = document.getElementById(turnDomId(first.id));
    if (!el || box.scrollHeight <= box.clientHeight + 1) return;
    box.scrollTo({
      top: Math.max(0, el.offsetTop - box.clientHeight / 3),
      behavior: prefersReducedMotion() ? 'auto' : 'smooth',
    });
  }, [highlighted, turns]);

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
        ? `Go to ${interventionName(place.interventionId)}`
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
    setBusy(true);
    setError(null);
    setStatus('Saving…');
    try {
      const { note: saved } = await api.saveNote(note.id, toNote(edit), note.version);
      applyNote(saved, `Saved. The review was run again (version ${saved.version}).`);
      return saved;
    } catch (e) {
      keepIfSignedOut(e);
      setError(e);
      setStatus('Not saved.');
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function sign() {
    setDialog(null);
    const current = dirty ? await save() : note;
    if (!current) return;
    setBusy(true);
    setError(null);
    setStatus('Signing…');
    try {
      const { note: signed } = await api.signNote(note.id, current.version);
      focusTitle();
      applyNote(
        signed,
        signed.cosignRequired
          ? 'Signed and locked. It now awaits your supervisor’s co-signature.'
          : 'Signed and locked. Changes are now made with addenda.',
      );
    } catch (e) {
      keepIfSignedOut(e);
      setError(e);
      setStatus('Not signed.');
    } finally {
      setBusy(false);
    }
  }

  async function cosign() {
    setDialog(null);
    setBusy(true);
    setError(null);
    try {
      const { note: done } = await api.cosignNote(note.id);
      focusTitle();
      applyNote(done, 'Co-signed.');
    } catch (e) {
      keepIfSignedOut(e);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function copySection(sectionId: string, heading: string) {
    setError(null);
    let text: string;
    try {
      let texts = sectionTexts;
      if (texts === null) {
        texts = (await api.noteText(note.id)).sections;
        setSectionTexts(texts);
      }
      text = texts.find((t) => t.id === sectionId)?.text ?? '';
    } catch (e) {
      keepIfSignedOut(e);
      setError(e);
      return;
    }
    const saved = dirty ? ' (last saved version)' : '';
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`${heading} copied to the clipboard${saved}.`);
    } catch {
      // no clipboard access (e.g. not a secure context): show the text to copy by hand
      setCopyFallback({ heading: heading + saved, text });
    }
  }

  async function exportPdf() {
    setError(null);
    try {
      const res = await api.notePdf(note.id);
      const blob = await res.blob();
      const name =
        dispositionFilename(res.headers.get('Content-Disposition')) ??
        `progress-note-${note.id}.pdf`;
      downloadBlob(blob, name);
      setStatus('PDF downloaded.');
    } catch (e) {
      keepIfSignedOut(e);
      setError(e);
    }
  }

  async function exportFhir() {
    setError(null);
    try {
      const resource = await api.noteFhir(note.id, fhirResource);
      const blob = new Blob([JSON.stringify(resource, null, 2)], { type: 'application/fhir+json' });
      downloadBlob(blob, `progress-note-${note.id}-${fhirResource}.json`);
      setStatus(`FHIR ${fhirResource} downloaded.`);
    } catch (e) {
      keepIfSignedOut(e);
      setError(e);
    }
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
  const closeLeaving = useCallback(() => {
    setLeaving(null);
  }, []);
  const closeCopyFallback = useCallback(() => {
    setCopyFallback(null);
  }, []);
  const s = detail.session.details;
  const h = note.body.header;

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
        <span>
          {s.startTime !== null && s.endTime !== null
            ? `${s.startTime}–${s.endTime}`
            : 'Start/stop times not recorded'}
        </span>
        <span>{h.durationMinutes !== null ? `${h.durationMinutes} min` : 'Duration unknown'}</span>
        <span>{h.cpt !== null ? `CPT ${h.cpt}` : 'No CPT code supported'}</span>
        {note.signedAt !== null ? <span>Signed {dateTime(note.signedAt)}</span> : null}
        {note.cosignedAt !== null ? <span>Co-signed {dateTime(note.cosignedAt)}</span> : null}
      </p>

      <div className="toolbar" aria-label="Note actions" role="group">
        {editable ? (
          <>
            <button type="button" onClick={() => void save()} disabled={busy}>
              Save
            </button>
            <button
              type="button"
              onClick={() => {
                setDialog('sign');
              }}
              disabled={busy}
            >
              Sign note
            </button>
          </>
        ) : null}
        {canCosign ? (
          <button
            type="button"
            onClick={() => {
              setDialog('cosign');
            }}
            disabled={busy}
          >
            Co-sign note
          </button>
        ) : null}
        {canAddendum ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setDialog('addendum');
            }}
          >
            Add addendum
          </button>
        ) : null}
        <button type="button" className="button-secondary" onClick={() => void exportPdf()}>
          Export PDF
        </button>
        {note.status === 'signed' ? (
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
            <button type="button" className="button-secondary" onClick={() => void exportFhir()}>
              Export FHIR
            </button>
          </span>
        ) : (
          <span className="muted small">FHIR export is available once the note is signed.</span>
        )}
      </div>
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
          <section className="card findings" aria-labelledby="findings-title">
            <h2 id="findings-title">
              Review findings{' '}
              <span className="muted small">
                ({counts.error} error{counts.error === 1 ? '' : 's'}, {counts.warning} warning
                {counts.warning === 1 ? '' : 's'}, {findings.length} in all)
              </span>
            </h2>
            {dirty ? (
              <p className="muted small">
                These are for the last saved version: save to check again.
              </p>
            ) : null}
            {findings.length === 0 ? (
              <p>No findings: the review rules found nothing to fix.</p>
            ) : null}
            <ul className="finding-list">
              {findings.map((f, n) => {
                const label = findingLinkLabel(f);
                return (
                  <li key={`${f.ruleId}-${n}`} className={`finding finding-${f.severity}`}>
                    <p>
                      <span className={`badge sev-${f.severity}`}>
                        {SEVERITY_LABELS[f.severity]}
                      </span>{' '}
                      <strong>{f.message}</strong>
                    </p>
                    <p>
                      <span className="muted">How to fix: </span>
                      {f.fixHint}
                    </p>
                    <p className="muted small">Source: {f.source}</p>
                    {label !== null ? (
                      <button
                        type="button"
                        className="button-link"
                        onClick={() => {
                          goToFinding(f);
                        }}
                      >
                        {label}
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>

          <article className="card note-body" aria-labelledby="note-title">
            <h2 id="note-title" className="visually-hidden">
              Note text
            </h2>
            {editable ? (
              <p className="muted small">
                Select a sentence to see the transcript lines it comes from. Edit the text in place;
                ☐ items are for you to complete.
              </p>
            ) : (
              <p className="muted small">
                {note.status === 'signed'
                  ? 'This note is signed and locked. Select a sentence to see its evidence.'
                  : 'Read only. Select a sentence to see its evidence.'}
              </p>
            )}
            {edit.sections.map((section) => (
              <section
                key={section.id}
                className={`note-section ${targetSection === section.id ? 'is-target' : ''}`}
                aria-labelledby={sectionDomId(section.id)}
              >
                <div className="section-head">
                  <h3 id={sectionDomId(section.id)} tabIndex={-1}>
                    {section.heading}
                  </h3>
                  <button
                    type="button"
                    className="button-link"
                    onClick={() => void copySection(section.id, section.heading)}
                  >
                    Copy section<span className="visually-hidden"> {section.heading}</span>
                  </button>
                </div>
                {section.rows.length === 0 ? <p className="muted">Nothing recorded.</p> : null}
                <ol className="sentences">
                  {section.rows.map((row, i) => (
                    <SentenceRow
                      key={row.id}
                      row={row}
                      label={`${section.heading}, sentence ${i + 1}`}
                      editable={editable}
                      selected={selection?.kind === 'row' && selection.rowId === row.id}
                      onSelect={selectRow}
                      onEdit={(text) => {
                        setEdit((st) => editRow(st, row.id, text));
                      }}
                      onRevert={() => {
                        setEdit((st) => revertRow(st, row.id));
                      }}
                      onRemove={() => {
                        setEdit((st) => removeRow(st, row.id));
                        setSelection(null);
                        document.getElementById(sectionDomId(section.id))?.focus();
                      }}
                    />
                  ))}
                </ol>
                {editable ? (
                  <button
                    type="button"
                    className="button-secondary small"
                    onClick={() => {
                      const { state, rowId } = addRow(edit, section.id);
                      setEdit(state);
                      selectRow(rowId);
                      focusAfterRender.current = rowId;
                    }}
                  >
                    Add sentence<span className="visually-hidden"> to {section.heading}</span>
                  </button>
                ) : null}
              </section>
            ))}
            {edit.entries.length > 0 ? (
              <section
                className={`note-section ${targetSection === INTERVENTIONS_SECTION ? 'is-target' : ''}`}
                aria-labelledby={sectionDomId(INTERVENTIONS_SECTION)}
              >
                <h3 id={sectionDomId(INTERVENTIONS_SECTION)} tabIndex={-1}>
                  Interventions (four components)
                </h3>
                {edit.entries.map((entry, i) => (
                  <div className="entry" key={`${entry.interventionId}-${i}`}>
                    <h4>{interventionName(entry.interventionId)}</h4>
                    <ol className="sentences">
                      {PARTS.map((part) => (
                        <SentenceRow
                          key={part}
                          row={entry.parts[part]}
                          part={PART_LABELS[part]}
                          label={`${interventionName(entry.interventionId)}: ${PART_LABELS[part]}`}
                          editable={editable}
                          selected={
                            selection?.kind === 'row' && selection.rowId === entry.parts[part].id
                          }
                          onSelect={selectRow}
                          onEdit={(text) => {
                            setEdit((st) => editRow(st, entry.parts[part].id, text));
                          }}
                          onRevert={() => {
                            setEdit((st) => revertRow(st, entry.parts[part].id));
                          }}
                          onRemove={null}
                        />
                      ))}
                    </ol>
                  </div>
                ))}
              </section>
            ) : null}
            <Addenda detail={detail} user={user} />
          </article>
        </div>

        <section className="card transcript-pane" aria-labelledby="transcript-title">
          <h2 id="transcript-title">Transcript</h2>
          <p className="muted small" role="status">
            {selection === null
              ? 'Select a sentence to highlight the lines it comes from.'
              : selection.kind === 'lines'
                ? `Highlighted: ${selection.label}.`
                : highlighted.size > 0
                  ? `Highlighted: ${highlighted.size} line${highlighted.size === 1 ? '' : 's'} the selected sentence cites.`
                  : 'The selected sentence cites no transcript lines.'}
          </p>
          {turns.length === 0 ? <p>No transcript is stored for this session.</p> : null}
          <ol className="transcript" ref={transcriptRef}>
            {turns.map((t) => {
              const on = highlighted.has(t.id);
              const citing = cited.get(t.id)?.length ?? 0;
              return (
                <li
                  key={t.id}
                  id={turnDomId(t.id)}
                  tabIndex={-1}
                  className={`turn turn-${t.role} ${on ? 'is-evidence' : ''}`}
                  data-utterance-id={t.id}
                >
                  <div className="turn-head">
                    {t.start !== null ? <span className="turn-time">{clock(t.start)}</span> : null}
                    <span className="turn-speaker">
                      {t.speaker} <span className="muted">({ROLE_NAMES[t.role]})</span>
                    </span>
                    {on ? <span className="evidence-tag">Evidence</span> : null}
                    {!on && citing > 0 ? (
                      <span className="muted small">
                        cited {citing}×<span className="visually-hidden"> in the note</span>
                      </span>
                    ) : null}
                  </div>
                  <p className="turn-text">{t.text}</p>
                  {on && selection?.kind === 'row' ? (
                    <button
                      type="button"
                      className="button-link small"
                      onClick={() => document.getElementById(rowDomId(selection.rowId))?.focus()}
                    >
                      Back to the sentence
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      </div>

      <Dialog
        open={leaving !== null}
        title="Leave without saving your changes?"
        onClose={closeLeaving}
      >
        <p>This note has unsaved changes. If you leave now, they are lost.</p>
        <div className="form-actions">
          <button type="button" className="button-secondary" onClick={closeLeaving} data-autofocus>
            Stay on the note
          </button>
          <button
            type="button"
            onClick={() => {
              const go = leaving;
              setLeaving(null);
              go?.();
            }}
          >
            Leave without saving
          </button>
        </div>
      </Dialog>
      <Dialog open={dialog === 'sign'} title="Sign this note?" onClose={closeDialog}>
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
        <div className="form-actions">
          <button type="button" onClick={() => void sign()}>
            Confirm and sign
          </button>
          <button type="button" className="button-secondary" onClick={closeDialog} data-autofocus>
            Cancel
          </button>
        </div>
      </Dialog>
      <Dialog open={dialog === 'cosign'} title="Co-sign this note?" onClose={closeDialog}>
        <p>Co-signing records that you reviewed this note as the supervisor.</p>
        <div className="form-actions">
          <button type="button" onClick={() => void cosign()}>
            Confirm co-signature
          </button>
          <button type="button" className="button-secondary" onClick={closeDialog} data-autofocus>
            Cancel
          </button>
        </div>
      </Dialog>
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

interface SentenceRowProps {
  row: Row;
  label: string;
  part?: string;
  editable: boolean;
  selected: boolean;
  onSelect: (rowId: string) => void;
  onEdit: (text: string) => void;
  onRevert: () => void;
  /** null: this sentence cannot be removed (the four-component table). */
  onRemove: (() => void) | null;
}

function SentenceRow({
  row,
  label,
  part,
  editable,
  selected,
  onSelect,
  onEdit,
  onRevert,
  onRemove,
}: SentenceRowProps) {
  const s = row.sentence;
  const ids = evidenceIds(s);
  const metaId = `${rowDomId(row.id)}-meta`;
  const changed = row.original !== null && s !== row.original;
  const toComplete = s.kind === 'clinician_to_complete';
  const kindText = KIND_LABELS[s.kind];
  const meta = (
    <span className="sentence-meta" id={metaId}>
      {part !== undefined ? <span className="part-label">{part}</span> : null}
      <span className={`kind kind-${s.kind}`}>
        {toComplete ? '☐ ' : ''}
        {kindText}
      </span>
      {ids.length > 0 ? (
        <span>
          cites {ids.length} line{ids.length === 1 ? '' : 's'}
        </span>
      ) : null}
      {changed ? <span className="edited">edited</span> : null}
      {row.original === null ? <span className="edited">new</span> : null}
    </span>
  );
  return (
    <li className={`sentence sentence-${s.kind} ${selected ? 'is-selected' : ''}`}>
      {editable ? (
        <>
          <label htmlFor={rowDomId(row.id)} className="visually-hidden">
            {label}
            {toComplete ? ` (to complete: ${s.text})` : ''}
          </label>
          {toComplete ? <p className="prompt">☐ {s.text}</p> : null}
          <textarea
            id={rowDomId(row.id)}
            className="sentence-input"
            value={fieldValue(row)}
            placeholder={toComplete ? 'Write this part of the note' : ''}
            rows={Math.max(1, Math.ceil(Math.max(fieldValue(row).length, 1) / 70))}
            aria-describedby={metaId}
            onFocus={() => {
              onSelect(row.id);
            }}
            onChange={(e) => {
              onEdit(e.target.value);
            }}
          />
        </>
      ) : (
        <button
          type="button"
          id={rowDomId(row.id)}
          className="sentence-button"
          aria-pressed={selected}
          aria-describedby={metaId}
          onFocus={() => {
            onSelect(row.id);
          }}
          onClick={() => {
            onSelect(row.id);
          }}
        >
          {toComplete ? '☐ ' : ''}
          {s.text}
        </button>
      )}
      <div className="sentence-foot">
        {meta}
        {editable && changed ? (
          <button type="button" className="button-link small" onClick={onRevert}>
            Restore<span className="visually-hidden"> the original of {label}</span>
          </button>
        ) : null}
        {editable && onRemove !== null && canRemove(row) ? (
          <button type="button" className="button-link small" onClick={onRemove}>
            Remove<span className="visually-hidden"> {label}</span>
          </button>
        ) : null}
      </div>
      {selected && s.evidence.length > 0 ? (
        <ul className="evidence-list" aria-label={`Evidence for ${label}`}>
          {s.evidence.map((ev, n) => (
            <li key={n}>
              {ev.start !== null ? <span className="turn-time">{clock(ev.start)}</span> : null} “
              {ev.quote}”{' '}
              <button
                type="button"
                className="button-link small"
                onClick={() => {
                  const first = ev.utteranceIds[0];
                  if (first !== undefined) focusInView(document.getElementById(turnDomId(first)));
                }}
              >
                Show in transcript
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Addenda({ detail, user }: { detail: NoteDetail; user: User }) {
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

function AddendumDialog({
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
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (text.trim() === '') {
      setError('Write the addendum first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { addendum } = await api.addAddendum(noteId, text.trim());
      setText('');
      onAdded(addendum);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog open={open} title="Add an addendum" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <p>
          The signed note stays as it is; the addendum is added below it with the date and your
          name.
        </p>
        <Field label="Addendum text">
          {(p) => (
            <textarea
              {...p}
              rows={5}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
              }}
            />
          )}
        </Field>
        <ErrorBox error={error} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
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
