/**
 * The plateau prompt: "Consider adapting the plan", the server's message, and alternative
 * interventions for the client's concerns with their rationale. The plan's owner adds one to the
 * treatment plan with "Add to plan" (the rationale goes with it; a signed plan is named first:
 * adding removes its signature, so the clinician confirms); supervisors read only. A link
 * leads to the Plan screen to edit the rest (expected outcomes, goals, frequency).
 */
import { useId, useState } from 'react';
import { addInterventionToPlan, getPlan, type ClientOutcomes } from '../../api-measures';
import type { ClientPlan } from '../../../../src/server/domain/schemas.js';
import { routeHref } from '../../router';
import { ErrorBox, useAnnounce } from '../../ui';
import { useSubmit } from '../../components/submit';
import { useInstrumentNames } from './instrument-names';

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
  const instrumentName = useInstrumentNames();
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
  const warnId = useId();
  const submit = useSubmit();
  const announce = useAnnounce();
  const [done, setDone] = useState<'added' | 'already' | null>(null);
  // A signed plan read for this addition: saving removes its signature, so ask first.
  const [signed, setSigned] = useState<ClientPlan | null>(null);
  const [unsigned, setUnsigned] = useState(false);
  const add = async (plan: ClientPlan) => {
    const { added } = await addInterventionToPlan(clientId, plan, {
      interventionId: alt.interventionId,
      rationale: alt.rationale,
    });
    setSigned(null);
    setUnsigned(added && plan.signature !== null);
    setDone(added ? 'added' : 'already');
    announce(added ? `${alt.name} added to the plan.` : `${alt.name} is in the plan already.`);
  };
  return (
    <li>
      <p className="alternative-name" id={nameId}>
        <strong>{alt.name}</strong>
      </p>
      <p>{alt.rationale}</p>
      {own && done === null && signed === null ? (
        <button
          type="button"
          className="button-secondary"
          aria-describedby={nameId}
          disabled={submit.busy}
          onClick={() => {
            void submit.run(async () => {
              const plan = await getPlan(clientId);
              if (plan.signature !== null) {
                setSigned(plan);
                announce(
                  'The treatment plan is signed: adding removes the signature. Confirm or cancel.',
                );
                return;
              }
              await add(plan);
            });
          }}
        >
          Add to plan
        </button>
      ) : null}
      {own && done === null && signed !== null ? (
        <div role="group" aria-labelledby={warnId} className="confirm">
          <p id={warnId} className="warning">
            The treatment plan is signed. Adding {alt.name} changes it and removes the signature:
            the plan has to be signed again.
          </p>
          <div className="toolbar">
            <button
              type="button"
              disabled={submit.busy}
              onClick={() => {
                void submit.run(() => add(signed));
              }}
            >
              Add and remove the signature
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={submit.busy}
              onClick={() => {
                setSigned(null);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {done !== null ? (
        <p className="muted">
          {done === 'added'
            ? unsigned
              ? 'Added to the plan. Its signature was removed: sign the plan again.'
              : 'Added to the plan.'
            : 'Already in the plan.'}
        </p>
      ) : null}
      <ErrorBox error={submit.error} />
    </li>
  );
}
