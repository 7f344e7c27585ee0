import { useState, type SubmitEvent } from 'react';
import { api } from '../api';
import {
  calendarDate,
  dateTime,
  FORMAT_LABELS,
  noteStatus,
  SERVICE_TYPE_LABELS,
  splitList,
} from '../format';
import { navigate } from '../nav';
import { routeHref } from '../router';
import type { Client, ClientPlan, NoteSummary, ProcessNote, User } from '../types';
import { InputField, TextAreaField } from '../components/fields';
import { removeAt, updateAt } from '../components/list-editor';
import { useSubmit } from '../components/submit';
import { ErrorBox, Loading, PageTitle, StatusBadge, useAnnounce, useLoad } from '../ui';
import { ClientForm } from './ClientForm';

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
          <button
            type="button"
            onClick={() => {
              navigate({ name: 'newSession', clientId });
            }}
          >
            New session
          </button>
        ) : (
          <span className="badge badge-info">Supervisee’s client (read only)</span>
        )}
      </div>
      <div className="client-layout">
        <div className="client-main">
          <NotesTimeline clientId={clientId} />
          <Sessions clientId={clientId} />
          <PlanEditor
            clientId={clientId}
            plan={plan}
            readOnly={!own}
            onSaved={(p) => {
              setLoaded({ client, plan: p });
            }}
          />
        </div>
        <div className="client-side">
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
      {load.state === 'loading' ? <Loading what="notes" /> : null}
      {load.state === 'error' ? <ErrorBox error={load.error} /> : null}
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

function Sessions({ clientId }: { clientId: string }) {
  const [load] = useLoad(() => api.sessionsOf(clientId), `sessions:${clientId}`);
  return (
    <section aria-labelledby="sessions-title" className="card">
      <h2 id="sessions-title">Sessions</h2>
      {load.state === 'loading' ? <Loading what="sessions" /> : null}
      {load.state === 'error' ? <ErrorBox error={load.error} /> : null}
      {load.state === 'ready' && load.data.sessions.length === 0 ? <p>No sessions yet.</p> : null}
      {load.state === 'ready' && load.data.sessions.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Time</th>
                <th scope="col">Service</th>
                <th scope="col">Where</th>
                <th scope="col">Consent to record</th>
              </tr>
            </thead>
            <tbody>
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
                        : s.details.location.charAt(0).toUpperCase() + s.details.location.slice(1)}
                    </td>
                    <td>{s.details.consentToRecord ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

interface GoalDraft {
  id: string;
  text: string;
  keywords: string;
}

function nextGoalId(goals: GoalDraft[]): string {
  for (let n = goals.length + 1; ; n++) {
    const id = `G${n}`;
    if (!goals.some((g) => g.id === id)) return id;
  }
}

function PlanEditor({
  clientId,
  plan,
  readOnly,
  onSaved,
}: {
  clientId: string;
  plan: ClientPlan;
  readOnly: boolean;
  onSaved: (p: ClientPlan) => void;
}) {
  const [goals, setGoals] = useState<GoalDraft[]>(() =>
    plan.goals.map((g) => ({ id: g.id, text: g.text, keywords: (g.keywords ?? []).join(', ') })),
  );
  const [interventions, setInterventions] = useState(plan.plannedInterventions.join('\n'));
  const form = useSubmit();
  const [status, setStatus] = useState('');

  if (readOnly) {
    return (
      <section aria-labelledby="plan-title" className="card">
        <h2 id="plan-title">Plan and goals</h2>
        {plan.goals.length === 0 ? <p>No goals recorded.</p> : null}
        <ol className="goals">
          {plan.goals.map((g) => (
            <li key={g.id}>
              <strong>{g.id}</strong> {g.text}
            </li>
          ))}
        </ol>
        {plan.plannedInterventions.length > 0 ? (
          <p>Planned interventions: {plan.plannedInterventions.join(', ')}</p>
        ) : null}
      </section>
    );
  }

  async function save(e: SubmitEvent) {
    e.preventDefault();
    const kept = goals.filter((g) => g.text.trim() !== '');
    setStatus('Saving…');
    await form.run(
      async () => {
        const { plan: saved } = await api.savePlan(clientId, {
          goals: kept.map((g) => {
            const keywords = splitList(g.keywords);
            return { id: g.id, text: g.text.trim(), ...(keywords.length > 0 ? { keywords } : {}) };
          }),
          plannedInterventions: splitList(interventions),
        });
        setGoals(kept);
        setStatus('Plan saved.');
        onSaved(saved);
      },
      () => {
        setStatus('');
      },
    );
  }

  return (
    <section aria-labelledby="plan-title" className="card">
      <h2 id="plan-title">Plan and goals</h2>
      <p className="field-hint">
        Notes link the session’s progress to these goals. Keywords help find a goal in a session.
      </p>
      <form onSubmit={(e) => void save(e)}>
        {goals.length === 0 ? <p>No goals yet: add the goals of the treatment plan.</p> : null}
        <ol className="goals-edit">
          {goals.map((g, n) => (
            <li key={g.id} className="goal-row">
              <TextAreaField
                label={`Goal ${g.id}`}
                rows={2}
                value={g.text}
                onValue={(text) => {
                  setGoals(updateAt(goals, n, { text }));
                }}
              />
              <InputField
                label={`Goal ${g.id} keywords`}
                hint="Separated by commas."
                value={g.keywords}
                onValue={(keywords) => {
                  setGoals(updateAt(goals, n, { keywords }));
                }}
              />
              <button
                type="button"
                className="button-secondary"
                aria-label={`Remove goal ${g.id}`}
                onClick={() => {
                  setGoals(removeAt(goals, n));
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        <p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setGoals([...goals, { id: nextGoalId(goals), text: '', keywords: '' }]);
            }}
          >
            Add goal
          </button>
        </p>
        <TextAreaField
          label="Planned interventions"
          hint="One per line, e.g. cognitive restructuring, exposure."
          rows={3}
          value={interventions}
          onValue={setInterventions}
        />
        <ErrorBox error={form.error} />
        <div className="form-actions">
          <button type="submit" disabled={form.busy}>
            Save plan
          </button>
          <span role="status" className="muted">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}

function ProcessNotes({ clientId }: { clientId: string }) {
  const [load, reload] = useLoad(() => api.processNotes(clientId), `process:${clientId}`);
  const [text, setText] = useState('');
  const form = useSubmit();
  const announce = useAnnounce();

  async function add(e: SubmitEvent) {
    e.preventDefault();
    if (text.trim() === '') {
      form.setError('Write the process note first.');
      return;
    }
    await form.run(async () => {
      await api.addProcessNote(clientId, { text: text.trim() });
      setText('');
      announce('Private process note saved.');
      reload();
    });
  }

  return (
    <section aria-labelledby="process-title" className="card private-panel">
      <h2 id="process-title">Private process notes</h2>
      <p className="private-notice">
        <strong>Private — only you can see this; never exported or analysed.</strong>
      </p>
      {load.state === 'loading' ? <Loading what="process notes" /> : null}
      {load.state === 'error' ? <ErrorBox error={load.error} /> : null}
      {load.state === 'ready' ? (
        <ol className="process-notes">
          {[...load.data.processNotes]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((n) => (
              <ProcessNoteItem key={n.id} note={n} onSaved={reload} />
            ))}
        </ol>
      ) : null}
      <form onSubmit={(e) => void add(e)}>
        <TextAreaField label="New private process note" rows={4} value={text} onValue={setText} />
        <ErrorBox error={form.error} />
        <button type="submit" disabled={form.busy}>
          Save process note
        </button>
      </form>
    </section>
  );
}

function ProcessNoteItem({ note, onSaved }: { note: ProcessNote; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const form = useSubmit();
  if (!editing) {
    return (
      <li>
        <p className="muted">{dateTime(note.updatedAt)}</p>
        <p className="pre-line">{note.text}</p>
        <button
          type="button"
          className="button-link"
          onClick={() => {
            setEditing(true);
          }}
        >
          Edit<span className="visually-hidden"> process note of {dateTime(note.updatedAt)}</span>
        </button>
      </li>
    );
  }
  return (
    <li>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void form.run(async () => {
            await api.updateProcessNote(note.id, text.trim());
            setEditing(false);
            onSaved();
          });
        }}
      >
        <TextAreaField label="Process note" rows={4} value={text} onValue={setText} />
        <ErrorBox error={form.error} />
        <div className="form-actions">
          <button type="submit">Save changes</button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setEditing(false);
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    </li>
  );
}
