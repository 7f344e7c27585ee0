/** The review's findings for the last saved version, each with a link to what it is about. */
import { SEVERITY_LABELS } from '../../format';
import type { Finding } from '../../types';

export interface FindingCounts {
  error: number;
  warning: number;
}

export function FindingsPanel({
  findings,
  counts,
  dirty,
  linkLabel,
  onGoTo,
}: {
  /** Most severe first. */
  findings: Finding[];
  counts: FindingCounts;
  /** Unsaved changes: the findings may be stale. */
  dirty: boolean;
  /** The name of the link to what a finding is about; null: nothing to go to. */
  linkLabel: (f: Finding) => string | null;
  onGoTo: (f: Finding) => void;
}) {
  return (
    <section className="card findings" aria-labelledby="findings-title">
      <h2 id="findings-title">
        Review findings{' '}
        <span className="muted small">
          ({counts.error} error{counts.error === 1 ? '' : 's'}, {counts.warning} warning
          {counts.warning === 1 ? '' : 's'}, {findings.length} in all)
        </span>
      </h2>
      {dirty ? (
        <p className="muted small">These are for the last saved version: save to check again.</p>
      ) : null}
      {findings.length === 0 ? <p>No findings: the review rules found nothing to fix.</p> : null}
      <ul className="finding-list">
        {findings.map((f, n) => {
          const label = linkLabel(f);
          return (
            <li key={`${f.ruleId}-${n}`} className={`finding finding-${f.severity}`}>
              <p>
                <span className={`badge sev-${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span>{' '}
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
                    onGoTo(f);
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
  );
}
