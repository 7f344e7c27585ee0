/**
 * A client's Outcomes screen (measurement-based care): the plateau prompt ("Consider adapting the
 * plan"), per instrument a score chart with bands, cut-off and the sessions' interventions and the
 * change in words, which interventions preceded reliable improvement, entering answers, one-time
 * client links, measure schedules with what is due, and the session log. The client's own
 * clinician acts; a supervisor reads (no forms, no buttons that change anything).
 */
import { api } from '../api';
import {
  getInstruments,
  getOutcomes,
  measuresFhir,
  type ClientOutcomes,
  type Instrument,
} from '../api-measures';
import { useSubmit } from '../components/submit';
import { dispositionFilename } from '../format';
import { routeHref } from '../router';
import type { User } from '../types';
import { downloadBlob, ErrorBox, LoadStatus, PageTitle, useAnnounce, useLoad } from '../ui';
import { AdaptPrompt } from './outcomes/AdaptPrompt';
import { AdministerForm } from './outcomes/AdministerForm';
import { ChangeSummary } from './outcomes/ChangeSummary';
import { ClientLinks } from './outcomes/ClientLinks';
import { OutcomeChart } from './outcomes/OutcomeChart';
import { PrecededImprovement } from './outcomes/PrecededImprovement';
import { SchedulesEditor } from './outcomes/SchedulesEditor';
import { SessionLog } from './outcomes/SessionLog';
import { namesFrom } from './outcomes/instrument-names';

export function OutcomesScreen({ clientId, user }: { clientId: string; user: User }) {
  const [client] = useLoad(() => api.client(clientId), `client:${clientId}`);
  const [outcomes, reloadOutcomes] = useLoad(() => getOutcomes(clientId), `outcomes:${clientId}`);
  const [instruments] = useLoad(() => getInstruments(), 'instruments');
  const own = client.state === 'ready' && client.data.client.clinicianId === user.id;
  const forms = instruments.state === 'ready' ? instruments.data.instruments : [];

  return (
    <>
      <div className="page-head">
        <PageTitle>Outcomes</PageTitle>
        {client.state === 'ready' && !own ? (
          <span className="badge badge-info">Supervisee’s client (read only)</span>
        ) : null}
      </div>
      <p>
        {client.state === 'ready' ? (
          <>
            Client:{' '}
            <a href={routeHref({ name: 'client', clientId })}>{client.data.client.profile.name}</a>
          </>
        ) : (
          <a href={routeHref({ name: 'client', clientId })}>Back to the client</a>
        )}
      </p>
      {client.state === 'error' ? <ErrorBox error={client.error} /> : null}
      <FhirExport clientId={clientId} />
      {instruments.state === 'error' ? (
        <ErrorBox error={instruments.error} title="Questionnaires could not be loaded." />
      ) : null}
      <LoadStatus load={outcomes} what="outcomes" />
      {outcomes.state === 'ready' ? (
        <Outcomes
          clientId={clientId}
          data={outcomes.data}
          instruments={forms}
          own={own}
          onChanged={reloadOutcomes}
        />
      ) : null}
    </>
  );
}

function Outcomes({
  clientId,
  data,
  instruments,
  own,
  onChanged,
}: {
  clientId: string;
  data: ClientOutcomes;
  instruments: readonly Instrument[];
  own: boolean;
  onChanged: () => void;
}) {
  return (
    <div className="outcomes">
      {data.due.length > 0 ? (
        <p className="alert alert-info">
          <strong>Due now:</strong>{' '}
          {data.due.map((d) => `${nameOf(instruments, d.instrument)} (${d.reason})`).join('; ')}
        </p>
      ) : null}
      {data.adaptPrompt !== null ? (
        <AdaptPrompt clientId={clientId} prompt={data.adaptPrompt} own={own} />
      ) : null}
      {data.outcomes.length === 0 ? (
        <section className="card">
          <h2>Scores</h2>
          <p>
            No questionnaires answered yet.{' '}
            {own ? 'Enter the client’s answers below or send them a link.' : ''}
          </p>
        </section>
      ) : null}
      {data.outcomes.map((o) => {
        const inst = instruments.find((i) => i.id === o.instrument);
        return (
          <section
            key={o.instrument}
            className="card outcome-instrument"
            aria-labelledby={`outcome-${o.instrument}`}
          >
            <h2 id={`outcome-${o.instrument}`}>
              {o.shortName}
              {inst !== undefined ? <span className="subtitle"> · {inst.name}</span> : null}
            </h2>
            <OutcomeChart
              outcome={o}
              administrations={data.administrations.filter((a) => a.instrument === o.instrument)}
              sessionLog={data.sessionLog}
              range={inst !== undefined ? [inst.scoreRange.min, inst.scoreRange.max] : undefined}
            />
            <ChangeSummary outcome={o} />
          </section>
        );
      })}
      <PrecededImprovement data={data} />
      {own && instruments.length > 0 ? (
        <AdministerForm clientId={clientId} instruments={instruments} onSaved={onChanged} />
      ) : null}
      {instruments.length > 0 ? (
        <ClientLinks clientId={clientId} instruments={instruments} own={own} />
      ) : null}
      {instruments.length > 0 ? (
        <SchedulesEditor
          clientId={clientId}
          instruments={instruments}
          due={data.due}
          own={own}
          onSaved={onChanged}
        />
      ) : null}
      <SessionLog log={data.sessionLog} />
    </div>
  );
}

function nameOf(instruments: readonly Instrument[], id: Instrument['id']): string {
  return namesFrom(instruments)(id);
}

/** Download the client's measures as a FHIR R4 Bundle (Observations with LOINC codes). */
function FhirExport({ clientId }: { clientId: string }) {
  const submit = useSubmit();
  const announce = useAnnounce();
  return (
    <div className="toolbar">
      <button
        type="button"
        className="button-secondary"
        disabled={submit.busy}
        onClick={() => {
          void submit.run(async () => {
            const res = await measuresFhir(clientId);
            const blob = await res.blob();
            downloadBlob(
              blob,
              dispositionFilename(res.headers.get('Content-Disposition')) ?? 'measures-fhir.json',
            );
            announce('FHIR measures downloaded.');
          });
        }}
      >
        Download measures as FHIR
      </button>
      <ErrorBox error={submit.error} />
    </div>
  );
}
