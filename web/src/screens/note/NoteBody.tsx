/** The note's text: its sections of sentences and the interventions' four-component table. */
import { useEffect, useRef, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import {
  addRow,
  editRow,
  INTERVENTIONS_SECTION,
  PART_LABELS,
  PARTS,
  removeRow,
  revertRow,
  type EditState,
} from '../../editor-model';
import { interventionLabel } from '../../format';
import { rowDomId, sectionDomId, type Selection } from './dom';
import { SentenceRow } from './SentenceRow';

export function NoteBody({
  edit,
  setEdit,
  editable,
  signed,
  selection,
  onSelectRow,
  onDeselect,
  targetSection,
  onCopySection,
  children,
}: {
  edit: EditState;
  setEdit: Dispatch<SetStateAction<EditState>>;
  editable: boolean;
  signed: boolean;
  selection: Selection;
  onSelectRow: (rowId: string) => void;
  onDeselect: () => void;
  /** The section a finding took the clinician to (outlined). */
  targetSection: string | null;
  onCopySection: (sectionId: string, heading: string) => void;
  /** Shown below the text (the addenda). */
  children?: ReactNode;
}) {
  /** A sentence just added: focus its field once it is on the page. */
  const focusAfterRender = useRef<string | null>(null);
  useEffect(() => {
    const id = focusAfterRender.current;
    if (id === null) return;
    focusAfterRender.current = null;
    document.getElementById(rowDomId(id))?.focus();
  });
  const isSelected = (rowId: string) => selection?.kind === 'row' && selection.rowId === rowId;

  return (
    <article className="card note-body" aria-labelledby="note-title">
      <h2 id="note-title" className="visually-hidden">
        Note text
      </h2>
      {editable ? (
        <p className="muted small">
          Select a sentence to see the transcript lines it comes from. Edit the text in place; ☐
          items are for you to complete.
        </p>
      ) : (
        <p className="muted small">
          {signed
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
              onClick={() => {
                onCopySection(section.id, section.heading);
              }}
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
                selected={isSelected(row.id)}
                onSelect={onSelectRow}
                onEdit={(text) => {
                  setEdit((st) => editRow(st, row.id, text));
                }}
                onRevert={() => {
                  setEdit((st) => revertRow(st, row.id));
                }}
                onRemove={() => {
                  setEdit((st) => removeRow(st, row.id));
                  onDeselect();
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
                onSelectRow(rowId);
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
              <h4>{interventionLabel(entry.interventionId)}</h4>
              <ol className="sentences">
                {PARTS.map((part) => (
                  <SentenceRow
                    key={part}
                    row={entry.parts[part]}
                    part={PART_LABELS[part]}
                    label={`${interventionLabel(entry.interventionId)}: ${PART_LABELS[part]}`}
                    editable={editable}
                    selected={isSelected(entry.parts[part].id)}
                    onSelect={onSelectRow}
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
      {children}
    </article>
  );
}
