import { useCallback, useState, type SubmitEvent } from 'react';
import { api } from '../api';
import { ROLE_LABELS } from '../format';

import type { Role, User, UserPatch } from '../types';
import { ConfirmActions } from '../components/confirm';
import {
  EmailField,
  InputField,
  LabelOptions,
  PasswordField,
  SelectField,
} from '../components/fields';
import { LEAVING, useSubmit } from '../components/submit';
import { Dialog, ErrorBox, LoadStatus, PageTitle, useAnnounce, useLoad } from '../ui';
import { RecordTable } from '../components/record-table';

/**
 * Administration: the users; adding one; changing a user's role and supervisor; resetting a lost
 * two-step sign-in; disabling or enabling. A supervisor chosen here is only proposed: it takes
 * effect when the user accepts it (the list says "pending acceptance" until then).
 */
export function Users({ user: me }: { user: User }) {
  const [load, reload] = useLoad(() => api.users(), 'users');
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const announce = useAnnounce();
  const closeEdit = useCallback(() => {
    setEditing(null);
  }, []);
  const closeReset = useCallback(() => {
    setResetting(null);
  }, []);

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
      <LoadStatus load={load} what="users" />
      <ErrorBox error={error} />
      {load.state === 'ready' ? (
        <RecordTable
          columns={[
            'Name',
            'Email',
            'Role',
            'Supervisor',
            'Two-step sign-in',
            'Status',
            { label: 'Actions', hidden: true },
          ]}
          caption="Users of this DocScrib"
        >
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.name}</th>
              <td>{u.email}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>
                {u.supervisorId !== null ? (names.get(u.supervisorId) ?? '—') : '—'}
                {u.pendingSupervisorId !== null ? (
                  <>
                    <br />
                    <span className="muted">
                      Proposed: {names.get(u.pendingSupervisorId) ?? 'a supervisor'}{' '}
                    </span>
                    <span className="badge badge-info">pending acceptance</span>
                  </>
                ) : null}
              </td>
              <td>
                {u.mfaEnabled ? 'On' : 'Off'}
                {u.mfaEnabled && u.id !== me.id ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="button-secondary small"
                      aria-label={`Reset two-step sign-in for ${u.name}`}
                      onClick={() => {
                        setResetting(u);
                      }}
                    >
                      Reset MFA
                    </button>
                  </>
                ) : null}
              </td>
              <td>
                <span className={`badge ${u.disabled ? 'badge-disabled' : 'badge-signed'}`}>
                  {u.disabled ? 'Disabled' : 'Active'}
                </span>
              </td>
              <td>
                {u.id !== me.id ? (
                  <span className="row-actions">
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={`Change role or supervisor of ${u.name}`}
                      onClick={() => {
                        setEditing(u);
                      }}
                    >
                      Change
                    </button>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.name}`}
                      onClick={() => void setDisabled(u, !u.disabled)}
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                  </span>
                ) : (
                  <span className="muted">You</span>
                )}
              </td>
            </tr>
          ))}
        </RecordTable>
      ) : null}
      <AddUser
        supervisors={users.filter((u) => u.role === 'supervisor' && !u.disabled)}
        onAdded={reload}
      />
      <Dialog
        open={editing !== null}
        title={editing !== null ? `Change ${editing.name}` : ''}
        onClose={closeEdit}
      >
        {editing !== null ? (
          <EditUser
            user={editing}
            names={names}
            supervisors={users.filter(
              (u) => u.role === 'supervisor' && !u.disabled && u.id !== editing.id,
            )}
            onCancel={closeEdit}
            onSaved={(message) => {
              closeEdit();
              announce(message);
              reload();
            }}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={resetting !== null}
        title={resetting !== null ? `Reset two-step sign-in for ${resetting.name}?` : ''}
        onClose={closeReset}
      >
        {resetting !== null ? (
          <ResetMfa
            user={resetting}
            onCancel={closeReset}
            onDone={() => {
              announce(`Two-step sign-in reset for ${resetting.name}.`);
              closeReset();
              reload();
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}

/** The role and the supervisor of a user (not yourself). */
function EditUser({
  user,
  names,
  supervisors,
  onCancel,
  onSaved,
}: {
  user: User;
  names: Map<string, string>;
  supervisors: User[];
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const shown = user.pendingSupervisorId ?? user.supervisorId ?? '';
  const [role, setRole] = useState<Role>(user.role);
  const [supervisorId, setSupervisorId] = useState(shown);
  const form = useSubmit();
  // a supervisor who is no longer one (or disabled) still shows as the current choice
  const options: Pick<User, 'id' | 'name' | 'email'>[] = supervisors.map(({ id, name, email }) => ({
    id,
    name,
    email,
  }));
  for (const id of [user.supervisorId, user.pendingSupervisorId]) {
    if (id !== null && !options.some((s) => s.id === id)) {
      options.push({ id, name: names.get(id) ?? 'Unknown user', email: '' });
    }
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const patch: UserPatch = {};
    if (role !== user.role) patch.role = role;
    if (role === 'admin') {
      if (user.supervisorId !== null || user.pendingSupervisorId !== null) {
        patch.supervisorId = null;
      }
    } else if (supervisorId !== shown) {
      patch.supervisorId = supervisorId === '' ? null : supervisorId;
    }
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    await form.run(async () => {
      const { user: saved } = await api.updateUser(user.id, patch);
      const proposed =
        saved.pendingSupervisorId !== null &&
        saved.pendingSupervisorId !== user.pendingSupervisorId;
      onSaved(
        proposed
          ? `Saved. ${names.get(saved.pendingSupervisorId ?? '') ?? 'The supervisor'} is proposed to ${saved.name}: it takes effect when they accept it.`
          : `${saved.name} saved.`,
      );
      return LEAVING;
    });
  }

  const label = (s: Pick<User, 'id' | 'name' | 'email'>) => {
    const tag =
      s.id === user.supervisorId
        ? ' (current)'
        : s.id === user.pendingSupervisorId
          ? ' (proposed)'
          : '';
    return `${s.name}${s.email !== '' ? ` (${s.email})` : ''}${tag}`;
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <SelectField
        label="Role"
        hint="Changing the role signs them out."
        value={role}
        onValue={setRole}
      >
        <LabelOptions labels={ROLE_LABELS} />
      </SelectField>
      {role !== 'admin' ? (
        <SelectField
          label="Supervisor"
          hint={`A new supervisor is only proposed: it takes effect when ${user.name} accepts it (a supervisor reads their clients' records). None removes the supervisor at once.`}
          value={supervisorId}
          onValue={setSupervisorId}
        >
          <option value="">None</option>
          {options.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </SelectField>
      ) : user.supervisorId !== null || user.pendingSupervisorId !== null ? (
        <p className="muted">Administrators have no supervisor: the supervisor is removed.</p>
      ) : null}
      <ErrorBox error={form.error} />
      <div className="form-actions">
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={form.busy}>
          Save changes
        </button>
      </div>
    </form>
  );
}

/** Confirm, then clear a user's two-step sign-in (a lost authenticator). */
function ResetMfa({
  user,
  onCancel,
  onDone,
}: {
  user: User;
  onCancel: () => void;
  onDone: () => void;
}) {
  const form = useSubmit();

  async function reset() {
    await form.run(async () => {
      await api.resetMfa(user.id);
      onDone();
      return LEAVING;
    });
  }

  return (
    <>
      <p>
        Do this only when you are sure it is {user.name} who lost their authenticator app (check in
        person or by phone). Their current app stops working for DocScrib, they are signed out
        everywhere, and they set up two-step sign-in again at their next sign-in
        {user.role === 'admin' ? ' (administrators must)' : ''}.
      </p>
      <ErrorBox error={form.error} />
      <ConfirmActions
        cancelFirst
        confirmLabel="Reset two-step sign-in"
        onConfirm={() => void reset()}
        onCancel={onCancel}
        busy={form.busy}
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
  const form = useSubmit();
  const announce = useAnnounce();

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (password.length < 12) {
      form.setError('The first password is too short: use at least 12 characters.');
      return;
    }
    await form.run(async () => {
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
    });
  }

  return (
    <section aria-labelledby="add-user" className="card">
      <h2 id="add-user">Add a user</h2>
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        <InputField label="Name" value={name} onValue={setName} required />
        <EmailField label="Email" value={email} onValue={setEmail} autoComplete="off" />
        <SelectField label="Role" value={role} onValue={setRole}>
          <LabelOptions labels={ROLE_LABELS} />
        </SelectField>
        {role !== 'admin' ? (
          <SelectField
            label="Supervisor"
            hint="Proposed to the new user: it takes effect when they accept it. A trainee's notes then need their supervisor's co-signature."
            value={supervisorId}
            onValue={setSupervisorId}
          >
            <option value="">None</option>
            {supervisors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.email})
              </option>
            ))}
          </SelectField>
        ) : null}
        <PasswordField
          label="First password"
          hint="At least 12 characters; give it to the user safely."
          value={password}
          onValue={setPassword}
          minLength={12}
          autoComplete="new-password"
        />
        <div className="form-actions">
          <ErrorBox error={form.error} />
          <button type="submit" disabled={form.busy}>
            Add user
          </button>
        </div>
      </form>
    </section>
  );
}
