/**
 * One-time links the client answers instruments through (no sign-in): the owner picks the
 * instruments and how long the link lasts, then copies the link — shown once, because only a
 * fingerprint of its token is stored — and gives it to the client. The list shows each link's
 * status; a link not yet answered can be revoked. Supervisors see the list only.
 */
import { useId, useState, type SubmitEvent } from 'react';
import {
  createMeasureLink,
  getMeasureLinks,
  revokeMeasureLink,
  type CreatedMeasureLink,
  type Instrument,
  type InstrumentId,
} from '../../api-measures';
import { dateTime } from '../../format';
import { InputField } from '../../components/fields';
import { useSubmit } from '../../components/submit';
import { ErrorBox, LoadStatus, Problems, useAnnounce, useLoad } from '../../ui';
import { namesFrom } from './instrument-names';
import { LINK_STATUS_LABELS } from './outcome-text';
import { RecordTable } from '../../components/record-table';

export function ClientLinks({
  clientId,
  instruments,
  own,
}: {
  clientId: string;
  instruments: readonly Instrument[];
  own: boolean;
}) {
  const titleId = useId();
  const instrumentName = namesFrom(instruments);
  const [links, reload] = useLoad(() => getMeasureLinks(clientId), `measure-links:${clientId}`);
  const [created, setCreated] = useState<CreatedMeasureLink | null>(null);
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Client links</h2>
      <p className="muted">
        A one-time link lets the client answer questionnaires on their own device without signing
        in. It works once and expires.
      </p>
      {own ? (
        created !== null ? (
          <CreatedLink
            created={created}
            onDone={() => {
              setCreated(null);
            }}
          />
        ) : (
          <NewLinkForm
            clientId={clientId}
            instruments={instruments}
            onCreated={(c) => {
              setCreated(c);
              reload();
            }}
          />
        )
      ) : null}
      <h3>Links</h3>
      <LoadStatus load={links} what="links" />
      {links.state === 'ready' && links.data.links.length === 0 ? <p>No links yet.</p> : null}
      {links.state === 'ready' && links.data.links.length > 0 ? (
        <RecordTable columns={['Created', 'Questionnaires', 'Status', 'Expires', own && 'Actions']}>
          {[...links.data.links]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((l) => (
              <tr key={l.id}>
                <td>{dateTime(l.createdAt)}</td>
                <td>{l.instruments.map((id) => instrumentName(id)).join(', ')}</td>
                <td>
                  <span className={`badge link-${l.status}`}>{LINK_STATUS_LABELS[l.status]}</span>
                  {l.completedAt !== null ? (
                    <span className="muted small"> {dateTime(l.completedAt)}</span>
                  ) : null}
                  {l.status === 'expired' && l.acceptsAnswersUntil ? (
                    <span className="muted small">
                      {' '}
                      answers still accepted until {dateTime(l.acceptsAnswersUntil)}
                    </span>
                  ) : null}
                </td>
                <td>{dateTime(l.expiresAt)}</td>
                {own ? (
                  <td>
                    {l.acceptsAnswersUntil ? (
                      <RevokeButton
                        linkId={l.id}
                        created={dateTime(l.createdAt)}
                        onRevoked={reload}
                      />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
        </RecordTable>
      ) : null}
    </section>
  );
}

function NewLinkForm({
  clientId,
  instruments,
  onCreated,
}: {
  clientId: string;
  instruments: readonly Instrument[];
  onCreated: (c: CreatedMeasureLink) => void;
}) {
  const [picked, setPicked] = useState<InstrumentId[]>(
    instruments.some((i) => i.id === 'phq9') ? ['phq9'] : [],
  );
  const [hours, setHours] = useState('72');
  const [problems, setProblems] = useState<string[]>([]);
  const submit = useSubmit();
  const announce = useAnnounce();
  const groupId = useId();

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const p: string[] = [];
    if (picked.length === 0) p.push('Questionnaires: choose at least one.');
    if (picked.length > 5) p.push('Questionnaires: at most 5 in one link.');
    const h = Number(hours.trim());
    if (!/^\d+$/.test(hours.trim()) || h < 1 || h > 336) {
      p.push('Expires after: give whole hours from 1 to 336 (14 days).');
    }
    setProblems(p);
    if (p.length > 0) return;
    void submit.run(async () => {
      const created = await createMeasureLink(clientId, {
        instruments: picked,
        expiresInHours: h,
      });
      announce('Link created. Copy it now: it is shown only once.');
      onCreated(created);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="new-link-form">
      <fieldset>
        <legend id={groupId}>Questionnaires to send</legend>
        {instruments.map((i) => {
          const id = `${groupId}-${i.id}`;
          return (
            <div className="checkbox" key={i.id}>
              <input
                id={id}
                type="checkbox"
                checked={picked.includes(i.id)}
                onChange={(e) => {
                  setPicked((p) => (e.target.checked ? [...p, i.id] : p.filter((x) => x !== i.id)));
                }}
              />
              <label htmlFor={id}>
                {i.shortName} <span className="muted">({i.name})</span>
              </label>
            </div>
          );
        })}
      </fieldset>
      <InputField
        label="Expires after (hours)"
        hint="From 1 to 336 hours (14 days). 72 hours is 3 days."
        type="number"
        inputMode="numeric"
        min={1}
        max={336}
        value={hours}
        onValue={setHours}
        fieldClassName="narrow-field"
      />
      <Problems items={problems} />
      <ErrorBox error={submit.error} />
      <div className="form-actions">
        <button type="submit" disabled={submit.busy}>
          Send link
        </button>
      </div>
    </form>
  );
}

function CreatedLink({ created, onDone }: { created: CreatedMeasureLink; onDone: () => void }) {
  const announce = useAnnounce();
  const [copyError, setCopyError] = useState<string | null>(null);
  const inputId = useId();
  return (
    <div className="created-link alert alert-info">
      <h3>Copy the link for the client</h3>
      <p>
        <strong>This link is shown only once.</strong> DocScrib keeps only a fingerprint of it and
        cannot show it again: copy it now and give it to the client in a private way (for example a
        secure message). It is a one-time link: it works for one set of answers and expires{' '}
        {dateTime(created.link.expiresAt)}.
      </p>
      <div className="field">
        <label htmlFor={inputId}>One-time link</label>
        <input
          id={inputId}
          type="text"
          readOnly
          value={created.url}
          className="link-url"
          onFocus={(e) => {
            e.target.select();
          }}
        />
      </div>
      {copyError !== null ? <p className="field-error">{copyError}</p> : null}
      <div className="form-actions">
        <button
          type="button"
          onClick={() => {
            setCopyError(null);
            void (async () => {
              try {
                await navigator.clipboard.writeText(created.url);
                announce('Link copied.');
              } catch {
                setCopyError(
                  'The browser did not allow copying: select the link in the box and copy it.',
                );
              }
            })();
          }}
        >
          Copy link
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

function RevokeButton({
  linkId,
  created,
  onRevoked,
}: {
  linkId: string;
  created: string;
  onRevoked: () => void;
}) {
  const submit = useSubmit();
  const announce = useAnnounce();
  return (
    <>
      <button
        type="button"
        className="button-secondary small"
        aria-label={`Revoke the link created ${created}`}
        disabled={submit.busy}
        onClick={() => {
          void submit.run(async () => {
            await revokeMeasureLink(linkId);
            announce('Link revoked.');
            onRevoked();
          });
        }}
      >
        Revoke
      </button>
      <ErrorBox error={submit.error} />
    </>
  );
}
