/**
 * "Enter answers": the clinician enters the client's answers to an instrument — one fieldset per
 * item with its answer options as radio buttons (arrow keys move within an item), an optional
 * session and the date answered. Unanswered items are sent as not answered, never filled in.
 * After saving it shows the total and band (or why there is none) and any item alert: PHQ-9 item
 * 9 above 0 is an urgent alert (`role="alert"`) with a link to the Consent and safety screen.
 */
import { useId, useState, type SubmitEvent } from 'react';
import { api } from '../../api';
import { administerMeasure, type Instrument, type InstrumentId } from '../../api-measures';
import { calendarDate, SERVICE_TYPE_LABELS, todayIso } from '../../format';
import { routeHref } from '../../router';
import type { MeasureAdministration } from '../../../../src/server/domain/schemas.js';
import { InputField, SelectField } from '../../components/fields';
import { useSubmit } from '../../components/submit';
import { ErrorBox, Problems, useAnnounce, useLoad } from '../../ui';
import { administerBody, administerProblems, unansweredItems } from './administer-model';

interface Saved {
  administration: MeasureAdministration;
  shortName: string;
  alertMessages: string[];
}

export function AdministerForm({
  clientId,
  instruments,
  onSaved,
}: {
  clientId: string;
  instruments: readonly Instrument[];
  onSaved: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [instrumentId, setInstrumentId] = useState<InstrumentId>(instruments[0]?.id ?? 'phq9');
  const [chosen, setChosen] = useState<Record<string, number>>({});
  const [date, setDate] = useState(todayIso());
  const [sessionId, setSessionId] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState<Saved | null>(null);
  const submit = useSubmit();
  const announce = useAnnounce();
  const titleId = useId();
  const formId = useId();
  const [sessions] = useLoad(
    () => (open ? api.sessionsOf(clientId) : Promise.resolve({ sessions: [] })),
    `administer-sessions:${clientId}:${String(open)}`,
  );
  const instrument = instruments.find((i) => i.id === instrumentId);

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!instrument) return;
    const today = todayIso();
    const p = administerProblems(date, today);
    setProblems(p);
    if (p.length > 0) return;
    void submit.run(async () => {
      const res = await administerMeasure(
        clientId,
        administerBody(instrument, chosen, date, today, sessionId),
      );
      const alertMessages =
        res.alerts.length > 0
          ? res.alerts.map((a) => a.message)
          : res.administration.score.alerts.map((a) => a.message);
      setSaved({
        administration: res.administration,
        shortName: instrument.shortName,
        alertMessages,
      });
      setChosen({});
      setOpen(false);
      announce(`${instrument.shortName} answers saved.`);
      onSaved();
    });
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card-head">
        <h2 id={titleId}>Enter the client’s answers</h2>
        {!open ? (
          <button
            type="button"
            onClick={() => {
              setOpen(true);
              setSaved(null);
            }}
          >
            Enter answers
          </button>
        ) : null}
      </div>
      {saved !== null ? <SavedResult clientId={clientId} saved={saved} /> : null}
      {open && instrument ? (
        <form onSubmit={onSubmit} noValidate aria-labelledby={titleId} className="administer-form">
          <SelectField<InstrumentId>
            label="Instrument"
            value={instrumentId}
            onValue={(v) => {
              setInstrumentId(v);
              setChosen({});
            }}
          >
            {instruments.map((i) => (
              <option key={i.id} value={i.id}>
                {i.shortName} — {i.name}
              </option>
            ))}
          </SelectField>
          <p className="stem">{instrument.stem}</p>
          {instrument.items.map((item) => {
            const name = `${formId}-${item.id}`;
            const value = chosen[item.id];
            return (
              <fieldset key={item.id} className="item-question">
                <legend>
                  {item.order}. {item.text}
                </legend>
                <div className="answer-options">
                  {instrument.answerOptions.map((o) => (
                    <label key={o.value} className="answer-option">
                      <input
                        type="radio"
                        name={name}
                        value={o.value}
                        checked={value === o.value}
                        onChange={() => {
                          setChosen((c) => ({ ...c, [item.id]: o.value }));
                        }}
                      />
                      {o.label} <span className="muted">({o.value})</span>
                    </label>
                  ))}
                </div>
                {value !== undefined ? (
                  <button
                    type="button"
                    className="button-link small"
                    onClick={() => {
                      setChosen((c) =>
                        Object.fromEntries(Object.entries(c).filter(([k]) => k !== item.id)),
                      );
                    }}
                  >
                    Clear answer to item {item.order}
                  </button>
                ) : null}
              </fieldset>
            );
          })}
          <div className="form-grid">
            <SelectField
              label="Session (optional)"
              value={sessionId}
              onValue={setSessionId}
              hint="The session these answers belong to, e.g. answered before it."
            >
              <option value="">No session</option>
              {sessions.state === 'ready'
                ? [...sessions.data.sessions]
                    .sort((a, b) => b.details.date.localeCompare(a.details.date))
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {calendarDate(s.details.date)} ·{' '}
                        {SERVICE_TYPE_LABELS[s.details.serviceType]}
                      </option>
                    ))
                : null}
            </SelectField>
            <InputField
              label="Date answered"
              type="date"
              value={date}
              onValue={setDate}
              max={todayIso()}
              required
            />
          </div>
          <UnansweredNote items={unansweredItems(instrument, chosen)} />
          <Problems items={problems} />
          <ErrorBox error={submit.error} />
          <div className="form-actions">
            <button type="submit" disabled={submit.busy}>
              Save answers
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setOpen(false);
                setChosen({});
                setProblems([]);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function UnansweredNote({ items }: { items: number[] }) {
  if (items.length === 0) return null;
  return (
    <p className="muted">
      Not answered: item{items.length === 1 ? '' : 's'} {items.join(', ')}. Unanswered items are
      saved as not answered (never filled in); the instrument’s rule decides whether a total can be
      given.
    </p>
  );
}

function SavedResult({ clientId, saved }: { clientId: string; saved: Saved }) {
  const { score } = saved.administration;
  return (
    <div className="administer-result">
      <p className="alert alert-success">
        {saved.shortName} saved:{' '}
        {score.total !== null
          ? `total ${String(score.total)}${score.band !== null ? ` (${score.band.label})` : ''}${score.prorated ? ', prorated' : ''}`
          : `not scored${score.reason !== undefined ? ` — ${score.reason}` : ''}`}
        .
      </p>
      {saved.alertMessages.length > 0 ? (
        <div className="alert alert-urgent" role="alert">
          <p className="alert-title">
            <strong>Urgent: </strong>
            {saved.alertMessages.join(' ')}
          </p>
          <p>
            <a href={routeHref({ name: 'clientSafety', clientId })}>
              Open Consent and safety to assess risk
            </a>
          </p>
        </div>
      ) : null}
      {score.prompts.length > 0 ? (
        <div className="alert alert-info">
          {score.prompts.map((p, i) => (
            <p key={i}>{p.message}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
