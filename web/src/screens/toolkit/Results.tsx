/**
 * What matching found: how the concerns were read, safety notes and cultural adaptations to
 * consider, fitting blends (pick one), the ranked interventions (tick those to plan) and what was
 * left out and why.
 */
import { nameWithModality, type CatalogueIndex } from './catalogue';
import { Sources } from './Sources';
import { blendInterventions } from './toolkit-model';
import type { BlendFit, RecommendResult, Recommendation } from './toolkit-types';
import { toggle } from '../plan/plan-model';

export function Results({
  result,
  index,
  chosen,
  onChosen,
  blendId,
  onBlend,
}: {
  result: RecommendResult;
  index: CatalogueIndex;
  chosen: string[];
  onChosen: (ids: string[]) => void;
  blendId: string;
  onBlend: (blend: BlendFit | null) => void;
}) {
  return (
    <section aria-labelledby="results-title" className="card match-results">
      <h2 id="results-title">Recommendations</h2>
      {result.matchedConcerns.length > 0 ? (
        <p>
          Concerns read as: {result.matchedConcerns.map((m) => `${m.input} → ${m.name}`).join('; ')}
          .
        </p>
      ) : null}
      {result.unmatchedConcerns.length > 0 ? (
        <p className="muted">Not in the catalogue: {result.unmatchedConcerns.join(', ')}.</p>
      ) : null}
      {result.safetyNotes.length > 0 ? (
        <div className="alert alert-error" role="note" aria-label="Safety first">
          <p className="alert-title">
            <strong>Safety first</strong>
          </p>
          <ul>
            {result.safetyNotes.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.adaptations.length > 0 ? (
        <div className="alert alert-info">
          <p className="alert-title">
            <strong>Adaptations to consider</strong>
          </p>
          <ul>
            {result.adaptations.map((a, n) => (
              <li key={n}>{a.text}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <h3>Case-conceptualization blends</h3>
      {result.blends.length === 0 ? <p>No blend fits these concerns and features.</p> : null}
      {result.blends.length > 0 ? (
        <fieldset className="blend-choice">
          <legend>Blend to save with the plan</legend>
          <div className="radio">
            <input
              id="blend-none"
              type="radio"
              name="blend"
              checked={blendId === ''}
              onChange={() => {
                onBlend(null);
              }}
            />
            <label htmlFor="blend-none">No blend</label>
          </div>
          {result.blends.map((b) => (
            <div key={b.id} className="blend">
              <div className="radio">
                <input
                  id={`blend-${b.id}`}
                  type="radio"
                  name="blend"
                  checked={blendId === b.id}
                  onChange={() => {
                    onBlend(b);
                  }}
                />
                <label htmlFor={`blend-${b.id}`}>{b.name}</label>
              </div>
              <BlendDetails blend={b} index={index} />
            </div>
          ))}
        </fieldset>
      ) : null}

      <h3>Ranked interventions</h3>
      {result.recommendations.length === 0 ? <p>No interventions to recommend.</p> : null}
      <ol className="recommendations">
        {result.recommendations.map((r) => (
          <li key={r.interventionId}>
            <RecommendationEntry
              rec={r}
              checked={chosen.includes(r.interventionId)}
              onCheck={(on) => {
                onChosen(toggle(chosen, r.interventionId, on));
              }}
            />
          </li>
        ))}
      </ol>
      {result.excluded.length > 0 ? (
        <>
          <h3>Not recommended here</h3>
          <ul>
            {result.excluded.map((x) => (
              <li key={x.interventionId}>
                <strong>{x.name}</strong>: {x.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function BlendDetails({ blend, index }: { blend: BlendFit; index: CatalogueIndex }) {
  const usable = new Set(blendInterventions(blend));
  return (
    <div className="blend-details">
      <p className="muted">Fits: {blend.matchedOn}</p>
      <p>{blend.rationale}</p>
      <p>
        <strong>Interventions:</strong>{' '}
        {blend.interventionIds
          .map((id) => nameWithModality(index, id) + (usable.has(id) ? '' : ' (not recommended)'))
          .join(', ')}
      </p>
      {blend.blocked.length > 0 ? (
        <ul>
          {blend.blocked.map((b) => (
            <li key={b.interventionId}>
              {nameWithModality(index, b.interventionId)}: {b.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <strong>Expected outcomes:</strong>
      </p>
      <ul>
        {blend.expectedOutcomes.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      <details>
        <summary>Sources of this blend</summary>
        <Sources sources={blend.sources} />
      </details>
    </div>
  );
}

function RecommendationEntry({
  rec: r,
  checked,
  onCheck,
}: {
  rec: Recommendation;
  checked: boolean;
  onCheck: (on: boolean) => void;
}) {
  const id = `rec-${r.interventionId.replace(/\W/g, '-')}`;
  return (
    <div className="recommendation">
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => {
            onCheck(e.target.checked);
          }}
        />
        <label htmlFor={id}>
          <strong>{r.name}</strong> <span className="muted">· {r.modality}</span>
        </label>
        {r.consentExpected ? (
          <span className="badge badge-info">Informed consent expected</span>
        ) : null}
      </div>
      <ul>
        {r.rationale.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
      {r.cautions.length > 0 ? (
        <div className="cautions">
          <strong>Cautions:</strong>
          <ul>
            {r.cautions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <details>
        <summary>Sources for {r.name}</summary>
        <Sources sources={r.sources} />
      </details>
    </div>
  );
}
