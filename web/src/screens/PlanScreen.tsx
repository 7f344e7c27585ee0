/**
 * A client's treatment plan (`#/clients/<id>/plan`): the owner edits, saves and signs it; a
 * supervisor reads it. The client's diagnoses come from the profile (edited there), the
 * interventions from the catalogue; signed versions are listed below.
 */
import { useState } from 'react';
import { api } from '../api';
import { planVersions, toolkit } from '../api-care';
import { calendarDate, dateTime } from '../format';
import { navigate } from '../nav';
import { routeHref } from '../router';
import type { Client, ClientPlan, User } from '../types';
import { ErrorBox, LoadStatus, PageTitle, useLoad } from '../ui';
import { PlanForm } from './plan/PlanForm';
import { PlanVersions } from './plan/PlanVersions';
import { PlanView } from './plan/PlanView';
import { reviewDue } from './plan/plan-model';
import { usePracticeToday } from './plan/practice-today';
import { indexCatalogue } from './toolkit/catalogue';
import { setToolkitClient } from './toolkit/handoff';

export function PlanScreen({ clientId, user }: { clientId: string; user: User }) {
  const [load] = useLoad(() => api.client(clientId), `client:${clientId}`);
  const [catalogue] = useLoad(() => toolkit(), 'toolkit');
  const [versions, reloadVersions] = useLoad(
    () => planVersions(clientId),
    `plan-versions:${clientId}`,
  );
  const [plan, setPlan] = useState<ClientPlan | null>(null);

  if (load.state !== 'ready') {
    return (
      <>
        <PageTitle>Treatment plan</PageTitle>
        <LoadStatus load={load} what="the plan" />
        <p>
          <a href={routeHref({ name: 'client', clientId })}>Back to the client</a>
        </p>
      </>
    );
  }
  const { client } = load.data;
  const current = plan ?? load.data.plan;
  const own = client.clinicianId === user.id;
  const cat = catalogue.state === 'ready' ? catalogue.data : null;
  const index = indexCatalogue(cat);
  return (
    <>
      <div className="page-head">
        <PageTitle>Treatment plan</PageTitle>
        {own ? (
          <div className="page-actions">
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setToolkitClient(clientId);
                navigate({ name: 'toolkit' });
              }}
            >
              Match interventions
            </button>
          </div>
        ) : (
          <span className="badge badge-info">Supervisee’s client (read only)</span>
        )}
      </div>
      <p>
        For <a href={routeHref({ name: 'client', clientId })}>{client.profile.name}</a>
      </p>
      <PlanStatus plan={current} />
      {catalogue.state === 'error' ? (
        <ErrorBox title="The intervention catalogue could not be loaded." error={catalogue.error} />
      ) : null}
      <Diagnoses client={client} own={own} />
      {own ? (
        <PlanForm
          clientId={clientId}
          plan={current}
          diagnoses={client.profile.diagnoses}
          catalogue={cat}
          index={index}
          onSaved={setPlan}
          onSigned={(p) => {
            setPlan(p);
            reloadVersions();
          }}
        />
      ) : (
        <section aria-labelledby="plan-view-title" className="card">
          <h2 id="plan-view-title">Current plan</h2>
          <PlanView plan={current} index={index} />
        </section>
      )}
      <PlanVersions load={versions} index={index} />
    </>
  );
}

function PlanStatus({ plan }: { plan: ClientPlan }) {
  const today = usePracticeToday();
  const overdue = reviewDue(plan.reviewDate, today);
  return (
    <dl className="facts plan-status" aria-label="Plan status">
      <dt>Signature</dt>
      <dd>
        {plan.signature !== null ? (
          <>
            <span className="badge badge-signed">Signed</span> by {plan.signature.signerName},{' '}
            {dateTime(plan.signature.signedAt)}
          </>
        ) : (
          <span className="badge badge-draft">Not signed</span>
        )}
      </dd>
      <dt>Review date</dt>
      <dd>
        {plan.reviewDate !== null ? calendarDate(plan.reviewDate) : 'Not set'}
        {overdue ? (
          <>
            {' '}
            <span className="badge badge-overdue">Review due</span>
          </>
        ) : null}
      </dd>
    </dl>
  );
}

function Diagnoses({ client, own }: { client: Client; own: boolean }) {
  const d = client.profile.diagnoses;
  return (
    <section aria-labelledby="diagnoses-title" className="card">
      <div className="card-head">
        <h2 id="diagnoses-title">Diagnoses</h2>
        {own ? (
          <a href={routeHref({ name: 'client', clientId: client.id })}>
            Edit diagnoses in the profile
          </a>
        ) : null}
      </div>
      {d.length === 0 ? (
        <p>None recorded in the profile.</p>
      ) : (
        <ul className="plain">
          {d.map((x, n) => (
            <li key={n}>
              {x.code !== null ? <strong>{x.code} </strong> : null}
              {x.description}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
