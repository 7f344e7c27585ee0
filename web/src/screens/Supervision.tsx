import { useId } from 'react';
import { api } from '../api';
import type { Supervision } from '../types';
import { useSubmit } from '../components/submit';
import { ErrorBox, useAnnounce } from '../ui';

/**
 * A supervisor an administrator proposed: it takes effect only when the clinician accepts it,
 * because a supervisor reads their clients' records. Shown on their home and account pages.
 */
export function SupervisionProposal({
  supervision,
  onAnswered,
}: {
  supervision: Supervision;
  onAnswered: () => void;
}) {
  const form = useSubmit();
  const announce = useAnnounce();
  const titleId = useId();
  const pending = supervision.pending;
  if (pending === null) return null;

  async function answer(accept: boolean) {
    if (pending === null) return;
    await form.run(
      async () => {
        await api.answerSupervision(pending.id, accept);
        announce(
          accept
            ? `${pending.name} is now your clinical supervisor.`
            : `You declined ${pending.name} as your clinical supervisor.`,
        );
        // the card goes away: keep the keyboard on the page's title
        document.querySelector<HTMLElement>('main h1')?.focus();
        onAnswered();
      },
      () => {
        // the proposal may have changed meanwhile (409): show the current one
        onAnswered();
      },
    );
  }

  return (
    <section className="card proposal" aria-labelledby={titleId}>
      <h2 id={titleId}>Proposed clinical supervisor</h2>
      <p>
        <strong>{pending.name}</strong> has been proposed as your clinical supervisor. A supervisor
        can read your clients&rsquo; records and co-signs your notes.
      </p>
      {supervision.supervisor !== null ? (
        <p>
          If you accept, {pending.name} replaces your current supervisor,{' '}
          {supervision.supervisor.name}.
        </p>
      ) : null}
      <p className="muted">Nothing changes until you answer.</p>
      <ErrorBox error={form.error} />
      <div className="form-actions">
        <button type="button" onClick={() => void answer(true)} disabled={form.busy}>
          Accept
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => void answer(false)}
          disabled={form.busy}
        >
          Decline
        </button>
      </div>
    </section>
  );
}

/** Who supervises the signed-in clinician (account page). */
export function SupervisionCard({ supervision }: { supervision: Supervision }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="card">
      <h2 id={titleId}>Clinical supervision</h2>
      {supervision.supervisor !== null ? (
        <p>
          Your clinical supervisor is <strong>{supervision.supervisor.name}</strong>: they can read
          your clients&rsquo; records and co-sign your notes.
        </p>
      ) : (
        <p>You have no clinical supervisor.</p>
      )}
    </section>
  );
}
