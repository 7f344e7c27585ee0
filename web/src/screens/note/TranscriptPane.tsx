/** The session's transcript beside the note: the lines the selection cites are highlighted. */
import { useEffect, useRef } from 'react';
import { clock } from '../../format';
import type { Turn } from '../../types';
import { prefersReducedMotion, rowDomId, turnDomId, type Selection } from './dom';

const ROLE_NAMES: Record<Turn['role'], string> = {
  clinician: 'clinician',
  client: 'client',
  other: 'other',
};

export function TranscriptPane({
  turns,
  selection,
  highlighted,
  cited,
}: {
  turns: Turn[];
  selection: Selection;
  /** The utterance ids to highlight. */
  highlighted: Set<string>;
  /** Utterance id → the sentences that cite it. */
  cited: Map<string, string[]>;
}) {
  const transcriptRef = useRef<HTMLOListElement>(null);

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

  return (
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
  );
}
