import { useState, type SubmitEvent } from 'react';
import { api } from '../api';

import type { Role, User } from '../types';
import { ErrorBox, Field, Loading, PageTitle, useAnnounce, useLoad } from '../ui';

const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrator',
  clinician: 'Clinician',
  supervisor: 'Supervisor',
};

/** Administration: the users, adding one, disabling or enabling. */
export function Users({ user: me }: { user: User }) {
  const [load, reload] = useLoad(() => api.users(), 'users');
  const [error, setError] = useState<unknown>(null);
  const announce = useAnnounce();

  async function setDisabled(u: User, disabled: boolean) {
    setError(null);
    try {
      await api.updateUser(u.id, { disabled });
      announce(`${u.name} ${disabled ? 'disabled' : 'enabled'}.`);
      reload();
    } catch (e) {
      setError(e);
    }
  }

  const users = load.state === 'ready' ? load.data.users : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return (
    <>
      <PageTitle>Users</PageTitle>
      {load.state === 'loading' ? <Loading what="users" /> : null}
      {load.state === 'error' ? <ErrorBox error={load.error} /> : null}
      <ErrorBox error={error} />
      {load.state === 'ready' ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Users of this DocScrib</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Supervisor</th>
                <th scope="col">Two-step sign-in</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>{u.email}</td>
                  <td>{ROLE_NAMES[u.role]}</td>
                  <td>{u.supervisorId !== null ? (names.get(u.supervisorId) ?? '—') : '—'}</td>
                  <td>{u.mfaEnabled ? 'On' : 'Off'}</td>
                  <td>
                    <span className={`badge ${u.disabled ? 'badge-disabled' : 'badge-signed'}`}>
                      {u.disabled ? 'Disabled' : 'Active'}
                    </span>
                  </td>
                  <td>
                    {u.id !== me.id ? (
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.name}`}
                        onClick={() => void setDisabled(u, !u.disabled)}
                      >
                        {u.disabled ? 'Enable' : 'Disable'}
                      </button>
                    ) : (
                      <span className="muted">You</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <AddUser
        supervisors={users.filter((u) => u.role === 'supervisor' && !u.disabled)}
        onAdded={reload}
      />
    </>
  );
}

function AddUser({ supervisors, onAdded }: { supervisors: User[]; onAdded: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('clinician');
  const [supervisorId, setSupervisorId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const announce = useAnnounce();

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (password.length < 12) {
      setError('The first password is too short: use at least 12 characters.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.createUser({
        name: name.trim(),
        email: email.trim(),
        role,
        password,
        ...(role !== 'admin' && supervisorId !== '' ? { supervisorId } : {}),
      });
      announce(`${user.name} added.`);
      setName('');
      setEmail('');
      setPassword('');
      setSupervisorId('');
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="add-user" className="card">
      <h2 id="add-user">Add a user</h2>
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        <Field label="Name">
          {(p) => (
            <input
              {...p}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
              }}
              required
            />
          )}
        </Field>
        <Field label="Email">
          {(p) => (
            <input
              {...p}
              type="email"
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
              }}
              required
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Role">
          {(p) => (
            <select
              {...p}
              value={role}
              onChange={(e) => {
                setRole(e.target.value as Role);
              }}
            >
              <option value="clinician">Clinician</option>
              <option value="supervisor">Supervisor</option>
              <option value="admin">Administrator</option>
            </select>
          )}
        </Field>
        {role !== 'admin' ? (
          <Field label="Supervisor" hint="A trainee's notes need their supervisor's co-signature.">
            {(p) => (
              <select
                {...p}
                value={supervisorId}
                onChange={(e) => {
                  setSupervisorId(e.target.value);
                }}
              >
                <option value="">None</option>
                {supervisors.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.email})
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label="First password" hint="At least 12 characters; give it to the user safely.">
          {(p) => (
            <input
              {...p}
              type="password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
              }}
              required
              minLength={12}
              autoComplete="new-password"
            />
          )}
        </Field>
        <div className="form-actions">
          <ErrorBox error={error} />
          <button type="submit" disabled={busy}>
            Add user
          </button>
        </div>
      </form>
    </section>
  );
}
