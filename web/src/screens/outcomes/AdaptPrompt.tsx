/**
 * The plateau prompt: "Consider adapting the plan", the server's message, and alternative
 * interventions for the client's concerns with their rationale. The plan's owner adds one to the
 * treatment plan with "Add to plan" (the rationale goes with it); supervisors read only. A link
 * leads to the Plan screen to edit the rest (expected outcomes, goals, frequency).
 */
import { useId, useState } from 'react';
import { addInterventionToPlan, type ClientOutcomes } from '../../api-measures';
import { routeHref } from '../../router';
import { ErrorBox, useAnnounce } from '../../ui';
import { useSubmit } from '../../components/submit';
import { instrumentName } from './outcome-text';

type Prompt = NonNullable<ClientOutcomes['adaptPrompt']>;
type Alternative = Prompt['alternatives'][number];

export function AdaptPrompt({
  clientId,
  prompt,
  own,
}: {
  clientId: string;
  prompt: Prompt;
  own: boolean;
}) {
  const titleId = useId();
  return (
    <section className="card adapt-prompt" aria-labelledby={titleId}>
      <h2 id={titleId}>Consider adapting the plan</h2>
      <p>
        <strong>{instrumentName(prompt.instrument)}:</strong> {prompt.message}
      </p>
      {prompt.alternatives.length > 0 ? (
        <>
          <h3>Alternatives for the client’s concerns</h3>
          <ul className="alternatives">
            {prompt.alternatives.map((a) => (
              <AlternativeItem key={a.interventionId} clientId={clientId} alt={a} own={own} />
            ))}
          </ul>
        </>
      ) : (
        <p>No alternative interventions were found for the client’s recorded concerns.</p>
      )}
      <p>
        <a href={routeHref({ name: 'clientPlan', clientId })}>Open the treatment plan</a>
      </p>
    </section>
  );
}

function AlternativeItem({
  clientId,
  alt,
  own,
}: {
  clientId: string;
  alt: Alternative;
  own: boolean;
}) {
  const nameId = useId();
  const submit = useSubmit();
  const announce = useAnnounce();
  const [done, setDone] = useState<'added' | 'already' | null>(null);
  return (
    <li>
      <p className="alternative-name" id={nameId}>
        <strong>{alt.name}</strong>
      </p>
      <p>{alt.rationale}</p>
      {own && done === null ? (
        <button
          type="button"
          className="button-secondary"
          aria-describedby={nameId}
          disabled={submit.busy}
          onClick={() => {
            void submit.run(async () => {
              const { added } = await addInterventionToPlan(clientId, {
                interventionId: alt.interventionId,
                rationale: alt.rationale,
              });
              setDone(added ? 'added' : 'already');
              announce(
                added ? `${alt.name} added to the plan.` : `${alt.name} is in the plan already.`,
              );
            });
          }}
        >
          Add to plan
        </button>
      ) : null}
      {done !== null ? (
        <p className="muted">
          {done === 'added'
            ? 'Added to the plan (the plan needs signing again).'
            : 'Already in the plan.'}
        </p>
      ) : null}
      <ErrorBox error={submit.error} />
    </li>
  );
}
