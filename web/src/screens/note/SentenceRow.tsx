/** One sentence of the note: a text box (editable draft) or a button that selects it, its evidence. */
import { canEdit, canRemove, evidenceIds, fieldValue, type Row } from '../../editor-model';
import { clock, KIND_LABELS } from '../../format';
import { focusInView, rowDomId, turnDomId } from './dom';

export interface SentenceRowProps {
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

export function SentenceRow({
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
  // A statement from the client's record (outcome measures) is shown, never typed into.
  const editing = editable && canEdit(row);
  const meta = (
    <span className="sentence-meta" id={metaId}>
      {part !== undefined ? <span className="part-label">{part}</span> : null}
      <span className={`kind kind-${s.kind}`}>
        {toComplete ? '☐ ' : ''}
        {kindText}
      </span>
      {s.kind === 'record' ? (
        <span>outcome measures, not the transcript; not editable here</span>
      ) : null}
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
      {editing ? (
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
        {editing && changed ? (
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
