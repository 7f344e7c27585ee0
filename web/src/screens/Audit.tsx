import { useState } from 'react';
import { api } from '../api';
import { dateTime } from '../format';
import type { AuditEntry, AuditVerifyResult } from '../types';
import { useSubmit } from '../components/submit';
import { ErrorBox, PageTitle, useAnnounce, useLoad } from '../ui';
import { RecordTable } from '../components/record-table';

const PAGE = 100;

/** Administration: the audit log (ids only, never content) and its HMAC chain check. */
export function Audit() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(true);
  const form = useSubmit();
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const announce = useAnnounce();
  const [users] = useLoad(() => api.users(), 'audit-users');
  const [first] = useLoad(async () => {
    const r = await api.audit(undefined, PAGE);
    setEntries(r.entries);
    setMore(r.entries.length === PAGE);
    return r;
  }, 'audit');

  const names = new Map(
    users.state === 'ready' ? users.data.users.map((u) => [u.id, u.email]) : [],
  );

  async function loadMore() {
    const last = entries[entries.length - 1];
    form.setError(null);
    try {
      const r = await api.audit(last?.seq, PAGE);
      setEntries((e) => [...e, ...r.entries]);
      setMore(r.entries.length === PAGE);
    } catch (e) {
      form.setError(e);
    }
  }

  async function runVerify() {
    setVerify(null);
    await form.run(async () => {
      const r = await api.verifyAudit();
      setVerify(r);
      announce(r.ok ? 'The audit chain is intact.' : 'The audit chain is broken.');
    });
  }

  return (
    <>
      <PageTitle>Audit log</PageTitle>
      <p>
        Every read and change of a clinical record, sign-in and export, chained with a keyed hash so
        that an altered or removed entry is detected. Entries hold ids, never content.
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => void runVerify()} disabled={form.busy}>
          Verify chain
        </button>
        <div role="status" className="verify-result">
          {verify === null ? null : verify.ok ? (
            <span className="alert alert-success inline">
              Chain intact: {verify.count} entries checked.
            </span>
          ) : (
            <span className="alert alert-error inline">
              Chain broken at entry {verify.seq}: {verify.reason}.
            </span>
          )}
        </div>
      </div>
      {first.state === 'error' ? <ErrorBox error={first.error} /> : null}
      <ErrorBox error={form.error} />
      <RecordTable
        columns={['#', 'When', 'Who', 'Action', 'Record', 'Record id']}
        caption="Audit entries, oldest first"
      >
        {entries.map((e) => (
          <tr key={e.seq}>
            <td>{e.seq}</td>
            <td>{dateTime(e.at)}</td>
            <td>{e.actorId === null ? '—' : (names.get(e.actorId) ?? e.actorId)}</td>
            <td>{e.action.replace(/_/g, ' ')}</td>
            <td>{e.recordType.replace(/_/g, ' ')}</td>
            <td>
              <code>{e.recordId ?? '—'}</code>
            </td>
          </tr>
        ))}
      </RecordTable>
      {first.state === 'ready' && entries.length === 0 ? <p>No entries yet.</p> : null}
      {more && entries.length > 0 ? (
        <button type="button" className="button-secondary" onClick={() => void loadMore()}>
          Load more
        </button>
      ) : null}
    </>
  );
}
