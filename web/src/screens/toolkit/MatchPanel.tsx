/**
 * Matching interventions to a client: the form (concerns, features, preferences, cultural
 * considerations, contraindications; first values from the chosen client's presenting concerns),
 * the ranked results and blends, and "Save to plan" for the chosen client (their own clients).
 */
import { useEffect, useState, type SubmitEvent } from 'react';
import { ApiError, api } from '../../api';
import { recommend, savePlan, type ClientPlan } from '../../api-care';
import { InputField, SelectField } from '../../components/fields';
import { useSubmit } from '../../components/submit';
import { routeHref } from '../../router';
import type { ClientProfile, User } from '../../types';
import { ErrorBox, useAnnounce, useLoad } from '../../ui';
import { CheckboxGroup } from '../plan/CheckboxGroup';
import type { CatalogueIndex } from './catalogue';
import { Results } from './Results';
import {
  EMPTY_MATCH_FORM,
  blendInterventions,
  formFromProfile,
  planWithChoices,
  recommendInput,
  type MatchForm,
} from './toolkit-model';
import type { BlendFit, RecommendResult, TagInfo, ToolkitCatalog } from './toolkit-types';

const tagOptions = (tags: readonly TagInfo[]) => tags.map((t) => ({ value: t.id, label: t.label }));

export function MatchPanel({
  catalog,
  index,
  user,
  initialClientId,
}: {
  catalog: ToolkitCatalog;
  index: CatalogueIndex;
  user: User;
  initialClientId: string | null;
}) {
  const [clients] = useLoad(() => api.clients(), 'clients');
  const [clientId, setClientId] = useState(initialClientId ?? '');
  const [profile, setProfile] = useState<ClientProfile | null>(null);
  const [form, setForm] = useState<MatchForm>(EMPTY_MATCH_FORM);
  const [result, setResult] = useState<RecommendResult | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [blend, setBlend] = useState<BlendFit | null>(null);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  // A signed plan read for this save: saving removes its signature, so ask first.
  const [signedPlan, setSignedPlan] = useState<ClientPlan | null>(null);
  const [unsigned, setUnsigned] = useState(false);
  const matching = useSubmit();
  const saving = useSubmit();
  const announce = useAnnounce();
  const setMatchError = matching.setError;

  // The chosen client's presenting concerns fill the form (once per choice).
  useEffect(() => {
    setProfile(null);
    if (clientId === '') return;
    let live = true;
    api.client(clientId).then(
      ({ client }) => {
        if (!live) return;
        setProfile(client.profile);
        setForm(formFromProfile(client.profile, catalog));
      },
      (e: unknown) => {
        if (live) setMatchError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [clientId, catalog, setMatchError]);

  const clientList = clients.state === 'ready' ? clients.data.clients : [];
  const chosenClient = clientList.find((c) => c.id === clientId);
  const own = chosenClient?.clinicianId === user.id;

  async function match(e: SubmitEvent) {
    e.preventDefault();
    const input = recommendInput(form);
    if (input === null) {
      matching.setError('Concerns: tick at least one concern or type one.');
      return;
    }
    const r = await matching.run(() => recommend(input));
    if (r) {
      setResult(r);
      setChosen([]);
      setBlend(null);
      setSavedTo(null);
      setSignedPlan(null);
      announce(
        `${r.recommendations.length} interventions recommended, ${r.blends.length} blend${r.blends.length === 1 ? '' : 's'}.`,
      );
    }
  }

  /** Saves the choices into `plan` as read (409 when it changed since: nothing is saved). */
  async function write(id: string, plan: ClientPlan, r: RecommendResult) {
    const body = planWithChoices(plan, chosen, r.recommendations, blend);
    await savePlan(id, body, plan.updatedAt);
    setSignedPlan(null);
    setUnsigned(plan.signature !== null);
    setSavedTo(id);
    announce(
      plan.signature !== null
        ? 'Saved to the treatment plan. Its signature was removed: sign the plan again.'
        : 'Saved to the treatment plan.',
    );
  }

  function onSaveError(e: unknown) {
    setSignedPlan(null);
    if (e instanceof ApiError && e.status === 409) {
      saving.setError(
        'The treatment plan changed since it was read for this save, so nothing was saved. Press “Save to plan” again to add your choices to the current plan.',
      );
    }
  }

  async function saveToPlan() {
    if (!result || clientId === '') return;
    const id = clientId;
    await saving.run(async () => {
      const { plan } = await api.client(id);
      if (plan.signature !== null) {
        setSignedPlan(plan);
        announce('The treatment plan is signed: saving removes the signature. Confirm or cancel.');
        return;
      }
      await write(id, plan, result);
    }, onSaveError);
  }

  const tags = catalog.tags;
  return (
    <>
      <section aria-labelledby="match-title" className="card">
        <h2 id="match-title">Match interventions</h2>
        <form onSubmit={(e) => void match(e)} noValidate>
          <SelectField
            label="Client"
            hint="Optional: their presenting concerns fill the form, and Save to plan saves to their plan."
            value={clientId}
            onValue={(v) => {
              setClientId(v);
              setSavedTo(null);
              setSignedPlan(null);
            }}
          >
            <option value="">No client</option>
            {clientList.map((c) => (
              <option key={c.id} value={c.id}>
                {c.profile.name}
              </option>
            ))}
          </SelectField>
          {clients.state === 'error' ? <ErrorBox error={clients.error} /> : null}
          <CheckboxGroup
            legend="Concerns"
            className="tag-group"
            options={catalog.concerns.map((c) => ({ value: c.id, label: c.name }))}
            selected={form.concernIds}
            onChange={(concernIds) => {
              setForm({ ...form, concernIds });
            }}
          />
          <InputField
            label="Other concerns"
            hint="In words, separated by commas, e.g. PTSD with avoidance."
            value={form.otherConcerns}
            onValue={(otherConcerns) => {
              setForm({ ...form, otherConcerns });
            }}
          />
          <CheckboxGroup
            legend="Clinical features"
            className="tag-group"
            options={tagOptions(tags.features)}
            selected={form.features}
            onChange={(features) => {
              setForm({ ...form, features });
            }}
          />
          <CheckboxGroup
            legend="Client preferences"
            className="tag-group"
            hint={
              profile && profile.preferences !== ''
                ? `The profile says: ${profile.preferences}`
                : undefined
            }
            options={tagOptions(tags.preferences)}
            selected={form.preferences}
            onChange={(preferences) => {
              setForm({ ...form, preferences });
            }}
          />
          <CheckboxGroup
            legend="Cultural considerations"
            className="tag-group"
            hint={
              profile && profile.culturalConsiderations !== ''
                ? `The profile says: ${profile.culturalConsiderations}`
                : undefined
            }
            options={tagOptions(tags.culture)}
            selected={form.culture}
            onChange={(culture) => {
              setForm({ ...form, culture });
            }}
          />
          <CheckboxGroup
            legend="Contraindications and cautions"
            className="tag-group"
            options={tagOptions(tags.contraindications)}
            selected={form.contraindications}
            onChange={(contraindications) => {
              setForm({ ...form, contraindications });
            }}
          />
          <ErrorBox error={matching.error} />
          <div className="form-actions">
            <button type="submit" disabled={matching.busy}>
              Recommend interventions
            </button>
          </div>
        </form>
      </section>
      {result ? (
        <>
          <Results
            result={result}
            index={index}
            chosen={chosen}
            onChosen={setChosen}
            blendId={blend?.id ?? ''}
            onBlend={(b) => {
              setBlend(b);
              if (b) setChosen([...new Set([...chosen, ...blendInterventions(b)])]);
            }}
          />
          <section aria-labelledby="save-title" className="card">
            <h2 id="save-title">Save to plan</h2>
            {clientId === '' ? (
              <p>Choose the client above to save these choices to their treatment plan.</p>
            ) : !own ? (
              <p>Only the client’s own clinician can change their plan.</p>
            ) : (
              <p>
                {chosen.length} intervention{chosen.length === 1 ? '' : 's'} chosen
                {blend ? `, with the blend “${blend.name}”` : ''}. Their rationale and expected
                outcomes are filled in from the recommendation; edit them on the plan.
              </p>
            )}
            {signedPlan !== null ? (
              <div role="group" aria-labelledby="save-signed-warning" className="confirm">
                <p id="save-signed-warning" className="warning">
                  The treatment plan is signed. Saving these choices changes it and removes the
                  signature: the plan has to be signed again.
                </p>
                <div className="toolbar">
                  <button
                    type="button"
                    disabled={saving.busy}
                    onClick={() => {
                      void saving.run(() => write(clientId, signedPlan, result), onSaveError);
                    }}
                  >
                    Save and remove the signature
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={saving.busy}
                    onClick={() => {
                      setSignedPlan(null);
                    }}
                  >
                    Cancel
                  </button>
                </div>
              </div>
            ) : null}
            <ErrorBox error={saving.error} />
            <div className="form-actions">
              <button
                type="button"
                disabled={
                  saving.busy ||
                  clientId === '' ||
                  !own ||
                  chosen.length === 0 ||
                  signedPlan !== null
                }
                onClick={() => void saveToPlan()}
              >
                Save to plan
              </button>
              {savedTo !== null ? (
                <span role="status">
                  {unsigned
                    ? 'Saved. The plan’s signature was removed: sign it again. '
                    : 'Saved. '}
                  <a href={routeHref({ name: 'clientPlan', clientId: savedTo })}>
                    Open the treatment plan
                  </a>
                </span>
              ) : null}
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}
