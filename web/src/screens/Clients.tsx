import { useState } from 'react';
import { api } from '../api';
import { navigate } from '../nav';
import { calendarDate } from '../format';
import { routeHref } from '../router';
import { clientMatches } from '../clients';
import type { Supervision, User } from '../types';
import { InputField } from '../components/fields';
import { LoadStatus, PageTitle, useLoad } from '../ui';
import { SupervisionProposal } from './Supervision';
import { DueMarker, useMeasuresDue } from './outcomes/DueMarker';

export function Clients({
  user,
  supervision,
  onAccountChanged,
}: {
  user: User;
  supervision: Supervision;
  onAccountChanged: () => void;
}) {
  const [load] = useLoad(() => api.clients(), 'clients');
  const due = useMeasuresDue();
  const [query, setQuery] = useState('');
  const clients =
    load.state === 'ready'
      ? [...load.data.clients].sort((a, b) => a.profile.name.localeCompare(b.profile.name))
      : [];
  const shown = clients.filter((c) => clientMatches(c, query));

  return (
    <>
      <div className="page-head">
        <PageTitle>Clients</PageTitle>
        <button
          type="button"
          onClick={() => {
            navigate({ name: 'newClient' });
          }}
        >
          New client
        </button>
      </div>
      <SupervisionProposal supervision={supervision} onAnswered={onAccountChanged} />
      <InputField
        label="Search clients"
        fieldClassName="search"
        type="search"
        value={query}
        onValue={setQuery}
        placeholder="Name, identifier, diagnosis or concern"
        autoComplete="off"
      />
      <LoadStatus load={load} what="clients" />
      {load.state === 'ready' ? (
        <>
          <p role="status" className="muted">
            {query.trim() === ''
              ? `${clients.length} client${clients.length === 1 ? '' : 's'}`
              : `${shown.length} of ${clients.length} clients match`}
          </p>
          {clients.length === 0 ? (
            <p>No clients yet. Add one with “New client”.</p>
          ) : (
            <ul className="client-list">
              {shown.map((c) => (
                <li key={c.id} className="card client-card">
                  <a href={routeHref({ name: 'client', clientId: c.id })} className="client-name">
                    {c.profile.name}
                  </a>
                  <span className="muted">
                    {c.profile.dateOfBirth !== null
                      ? `Born ${calendarDate(c.profile.dateOfBirth)}`
                      : 'Date of birth not recorded'}
                  </span>
                  {c.profile.diagnoses.length > 0 ? (
                    <span>
                      {c.profile.diagnoses
                        .map((d) =>
                          d.code !== null ? `${d.code} ${d.description}` : d.description,
                        )
                        .join('; ')}
                    </span>
                  ) : null}
                  {c.clinicianId !== user.id ? (
                    <span className="badge badge-info">Supervisee’s client</span>
                  ) : null}
                  <DueMarker instruments={due.get(c.id)} />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>
  );
}
