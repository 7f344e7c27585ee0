import { useState } from 'react';
import { api } from '../api';
import {
  calendarDate,
  dateTime,
  FORMAT_LABELS,
  noteStatus,
  LOCATION_LABELS,
  SERVICE_TYPE_LABELS,
} from '../format';
import { navigate } from '../nav';
import { routeHref } from '../router';
import type { CaptureSummary, Client, NoteSummary, User } from '../types';
import { ErrorBox, Loading, LoadStatus, PageTitle, StatusBadge, useAnnounce, useLoad } from '../ui';
import { ClientForm } from './ClientForm';
import { ProcessNotes } from './client/ProcessNotes';
import { PlanSummary } from './plan/PlanSummary';
import { OutcomesSummary } from './outcomes/OutcomesSummary';
import { captureCellView } from './client/capture-cell';
import { RecordTable } from '../components/record-table';

/** One client: profile, plan and goals, notes timeline, sessions, private process notes. */
export function ClientPage({ clientId, user }: { clientId: string; user: User }) {
  const [load, , setLoaded] = useLoad(() => api.client(clientId), `client:${clientId}`);
  if (load.state === 'loading') {
    return (
      <>
        <PageTitle>Client</PageTitle>
        <Loading what="the client" />
      </>
    );
  }
  if (load.state === 'error') {
    return (
      <>
        <PageTitle>Client</PageTitle>
        <ErrorBox error={load.error} />
        <p>
          <a href={routeHref({ name: 'clients' })}>Back to clients</a>
        </p>
      </>
    );
  }
  const { client, plan } = load.data;
  const own = client.clinicianId === user.id;
  return (
    <>
      <div className="page-head">
        <PageTitle>{client.profile.name}</PageTitle>
        {own ? (
          <div className="page-actions">
            <button
              type="button"
              onClick={() => {
                navigate({ name: 'newSession', clientId });
              }}
            >
              New session
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                navigate({ name: 'recordSession', clientId });
              }}
            >
              Record session
            </button>
          </div>
        ) : (
          <span className="badge badge-info">Supervisee’s client (read only)</span>
        )}
      </div>
      <div className="client-layout">
        <div className="client-main">
          <NotesTimeline clientId={clientId} />
          <Sessions clientId={clientId} own={own} />
          <PlanSummary clientId={clientId} plan={plan} />
        </div>
        <div className="client-side">
          <OutcomesSummary clientId={clientId} />
          <Profile
            client={client}
            readOnly={!own}
            onSaved={(c) => {
              setLoaded({ client: c, plan });
            }}
          />
          {own ? <ProcessNotes clientId={clientId} /> : null}
        </div>
      </div>
    </>
  );
}

function Profile({
  client,
  readOnly,
  onSaved,
}: {
  client: Client;
  readOnly: boolean;
  onSaved: (c: Client) => void;
}) {
  const [editing, setEditing] = useState(false);
  const announce = useAnnounce();
  const p = client.profile;
  return (
    <section aria-labelledby="profile-title" className="card">
      <div className="card-head">
        <h2 id="profile-title">Profile</h2>
        {!readOnly && !editing ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setEditing(true);
            }}
          >
            Edit profile
          </button>
        ) : null}
      </div>
      {editing ? (
        <ClientForm
          initial={p}
          submitLabel="Save client"
          onSubmit={async (profile) => {
            const { client: saved } = await api.updateClient(client.id, profile);
            setEditing(false);
            announce('Profile saved.');
            onSaved(saved);
          }}
          onCancel={() => {
            setEditing(false);
          }}
        />
      ) : (
        <dl className="facts">
          <dt>Date of birth</dt>
          <dd>{p.dateOfBirth !== null ? calendarDate(p.dateOfBirth) : 'Not recorded'}</dd>
          <dt>Identifiers</dt>
          <dd>
            {p.identifiers.length > 0
              ? p.identifiers.map((i) => `${i.system}: ${i.value}`).join('; ')
              : 'None'}
          </dd>
          <dt>Diagnoses</dt>
          <dd>
            {p.diagnoses.length > 0 ? (
              <ul className="plain">
                {p.diagnoses.map((d, n) => (
                  <li key={n}>
                    {d.code !== null ? <strong>{d.code} </strong> : null}
                    {d.description}
                  </li>
                ))}
              </ul>
            ) : (
              'None recorded'
            )}
          </dd>
          <dt>Presenting concerns</dt>
          <dd>
            {p.presentingConcerns.length > 0 ? p.presentingConcerns.join(', ') : 'None recorded'}
          </dd>
          <dt>Preferences</dt>
          <dd className="pre-line">{p.preferences !== '' ? p.preferences : '—'}</dd>
          <dt>Cultural considerations</dt>
          <dd className="pre-line">
            {p.culturalConsiderations !== '' ? p.culturalConsiderations : '—'}
          </dd>
        </dl>
      )}
    </section>
  );
}

function NotesTimeline({ clientId }: { clientId: string }) {
  const [load] = useLoad(() => api.notesOf(clientId), `notes:${clientId}`);
  return (
    <section aria-labelledby="notes-title" className="card">
      <h2 id="notes-title">Progress notes</h2>
      <LoadStatus load={load} what="notes" />
      {load.state === 'ready' && load.data.notes.length === 0 ? (
        <p>No notes yet. Start with “New session”.</p>
      ) : null}
      {load.state === 'ready' && load.data.notes.length > 0 ? (
        <ol className="timeline">
          {load.data.notes.map((n: NoteSummary) => (
            <li key={n.id}>
              <a href={routeHref({ name: 'note', noteId: n.id })}>
                {calendarDate(n.date)} · {FORMAT_LABELS[n.format]} note
              </a>{' '}
              <StatusBadge status={noteStatus(n)} />
              {n.signedAt !== null ? (
                <span className="muted"> Signed {dateTime(n.signedAt)}</span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function Sessions({ clientId, own }: { clientId: string; own: boolean }) {
  const [load] = useLoad(() => api.sessionsOf(clientId), `sessions:${clientId}`);
  return (
    <section aria-labelledby="sessions-title" className="card">
      <h2 id="sessions-title">Sessions</h2>
      <LoadStatus load={load} what="sessions" />
      {load.state === 'ready' && load.data.sessions.length === 0 ? <p>No sessions yet.</p> : null}
      {load.state === 'ready' && load.data.sessions.length > 0 ? (
        <RecordTable columns={['Date', 'Time', 'Service', 'Where', 'Consent to record', 'Audio']}>
          {[...load.data.sessions]
            .sort((a, b) => b.details.date.localeCompare(a.details.date))
            .map((s) => (
              <tr key={s.id}>
                <td>{calendarDate(s.details.date)}</td>
                <td>
                  {s.details.startTime !== null && s.details.endTime !== null
                    ? `${s.details.startTime}–${s.details.endTime}`
                    : 'Not recorded'}
                </td>
                <td>{SERVICE_TYPE_LABELS[s.details.serviceType]}</td>
                <td>
                  {s.details.location === 'telehealth'
                    ? `Telehealth${s.details.telehealthPlatform !== null ? ` (${s.details.telehealthPlatform})` : ''}`
                    : LOCATION_LABELS[s.details.location]}
                </td>
                <td>{s.details.consentToRecord ? 'Yes' : 'No'}</td>
                <td>
                  <CaptureCell capture={load.data.captures?.[s.id]} sessionId={s.id} own={own} />
                </td>
              </tr>
            ))}
        </RecordTable>
      ) : null}
    </section>
  );
}

/** A session's audio: none, a recording to continue (its owner only), progress, or its note. */
function CaptureCell({
  capture,
  sessionId,
  own,
}: {
  capture: CaptureSummary | undefined;
  sessionId: string;
  own: boolean;
}) {
  const view = captureCellView(capture, sessionId, own);
  return view.href !== null ? <a href={view.href}>{view.text}</a> : <>{view.text}</>;
}
