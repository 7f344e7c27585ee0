/**
 * Consent and safety for one client (`#/clients/<id>/safety`): informed-consent records, safety
 * assessments (open alerts of this client offered to assess) and the collaborative safety plan.
 * The owner records; a supervisor reads.
 */
import { api } from '../api';
import { consents, openAlerts, safetyAssessments, safetyPlan, toolkit } from '../api-care';
import { routeHref } from '../router';
import type { User } from '../types';
import { ErrorBox, LoadStatus, PageTitle, useLoad } from '../ui';
import { AssessmentsSection } from './safety/AssessmentsSection';
import { ConsentSection } from './safety/ConsentSection';
import { SafetyPlanSection } from './safety/SafetyPlanSection';
import { alertsToAssess } from './safety/safety-model';
import { indexCatalogue } from './toolkit/catalogue';

export function SafetyScreen({ clientId, user }: { clientId: string; user: User }) {
  const [load] = useLoad(() => api.client(clientId), `client:${clientId}`);
  const [catalog] = useLoad(() => toolkit(), 'toolkit');
  const [consentLoad, reloadConsents] = useLoad(() => consents(clientId), `consents:${clientId}`);
  const [assessLoad, reloadAssessments] = useLoad(
    () => safetyAssessments(clientId),
    `assessments:${clientId}`,
  );
  const [alertLoad, reloadAlerts] = useLoad(() => openAlerts(), 'alerts:open');
  const [planLoad, , setPlan] = useLoad(() => safetyPlan(clientId), `safety-plan:${clientId}`);

  if (load.state !== 'ready') {
    return (
      <>
        <PageTitle>Consent and safety</PageTitle>
        <LoadStatus load={load} what="the client" />
      </>
    );
  }
  const { client } = load.data;
  const own = client.clinicianId === user.id;
  const cat = catalog.state === 'ready' ? catalog.data : null;
  const alerts = alertLoad.state === 'ready' ? alertsToAssess(alertLoad.data.alerts, clientId) : [];
  return (
    <>
      <div className="page-head no-print">
        <PageTitle>Consent and safety</PageTitle>
        {own ? null : <span className="badge badge-info">Supervisee’s client (read only)</span>}
      </div>
      <p className="no-print">
        For <a href={routeHref({ name: 'client', clientId })}>{client.profile.name}</a>
      </p>
      <div className="no-print">
        <ConsentSection
          clientId={clientId}
          own={own}
          load={consentLoad}
          onChanged={reloadConsents}
          catalog={cat}
          index={indexCatalogue(cat)}
        />
        {alertLoad.state === 'error' ? (
          <ErrorBox title="Open alerts could not be loaded." error={alertLoad.error} />
        ) : null}
        <AssessmentsSection
          clientId={clientId}
          own={own}
          load={assessLoad}
          alerts={alerts}
          onChanged={() => {
            reloadAssessments();
            reloadAlerts();
          }}
        />
      </div>
      <LoadStatus load={planLoad} what="the safety plan" />
      {planLoad.state === 'ready' ? (
        <SafetyPlanSection
          clientId={clientId}
          clientName={client.profile.name}
          own={own}
          plan={planLoad.data.safetyPlan}
          onSaved={(p) => {
            setPlan({ safetyPlan: p });
          }}
        />
      ) : null}
    </>
  );
}
