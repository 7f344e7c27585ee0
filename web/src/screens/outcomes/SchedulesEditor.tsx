/**
 * Recurring measures for the client (e.g. PHQ-9 before every session, PCL-5 every 28 days) and
 * what is due now. The owner edits the whole list and saves it (`PUT …/measure-schedules`);
 * supervisors read it.
 */
import { useId, useState, type SubmitEvent } from 'react';
import {
  getMeasureSchedules,
  saveMeasureSchedules,
  type Instrument,
  type InstrumentId,
  type MeasureDue,
} from '../../api-measures';
import { dateTime } from '../../format';
import { InputField, SelectField } from '../../components/fields';
import { useSubmit } from '../../components/submit';
import { updateAt, removeAt } from '../../components/list-editor';
import { ErrorBox, LoadStatus, Problems, useAnnounce, useLoad } from '../../ui';
import { namesFrom, type NameOf } from './instrument-names';
import {
  blankRow,
  bodyFromRows,
  cadenceText,
  INTERVAL_DAYS,
  MAX_SCHEDULES,
  rowsFromSchedules,
  scheduleProblems,
  type ScheduleRow,
} from './schedules-model';

export function SchedulesEditor({
  clientId,
  instruments,
  due,
  own,
  onSaved,
}: {
  clientId: string;
  instruments: readonly Instrument[];
  due: readonly MeasureDue[];
  own: boolean;
  onSaved: () => void;
}) {
  const titleId = useId();
  const instrumentName = namesFrom(instruments);
  const [load, , setLoaded] = useLoad(
    () => getMeasureSchedules(clientId),
    `measure-schedules:${clientId}`,
  );
  const [editing, setEditing] = useState(false);
  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card-head">
        <h2 id={titleId}>Measure schedules</h2>
        {own && !editing && load.state === 'ready' ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setEditing(true);
            }}
          >
            Edit schedules
          </button>
        ) : null}
      </div>
      <DueList due={due} nameOf={instrumentName} />
      <LoadStatus load={load} what="schedules" />
      {load.state === 'ready' && !editing ? (
        load.data.schedules.length === 0 ? (
          <p>No schedules. {own ? 'Add one with “Edit schedules”.' : ''}</p>
        ) : (
          <ul className="schedule-list">
            {load.data.schedules.map((s) => (
              <li key={s.id}>
                <strong>{instrumentName(s.instrument)}</strong>: {cadenceText(s.cadence)}
                {s.active ? '' : ' (paused)'}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {load.state === 'ready' && editing ? (
        <SchedulesForm
          clientId={clientId}
          instruments={instruments}
          initial={rowsFromSchedules(load.data.schedules)}
          onCancel={() => {
            setEditing(false);
          }}
          onSaved={(schedules) => {
            setLoaded({ schedules });
            setEditing(false);
            onSaved();
          }}
        />
      ) : null}
    </section>
  );
}

function DueList({ due, nameOf }: { due: readonly MeasureDue[]; nameOf: NameOf }) {
  if (due.length === 0) return <p className="muted">Nothing is due now.</p>;
  return (
    <div className="due-list">
      <h3>Due now</h3>
      <ul>
        {due.map((d) => (
          <li key={d.scheduleId}>
            <span className="badge badge-due">Due</span> <strong>{nameOf(d.instrument)}</strong>:{' '}
            {d.reason}
            {d.dueSince !== null ? (
              <span className="muted"> (since {dateTime(d.dueSince)})</span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SchedulesForm({
  clientId,
  instruments,
  initial,
  onCancel,
  onSaved,
}: {
  clientId: string;
  instruments: readonly Instrument[];
  initial: ScheduleRow[];
  onCancel: () => void;
  onSaved: (s: Awaited<ReturnType<typeof saveMeasureSchedules>>['schedules']) => void;
}) {
  const [rows, setRows] = useState<ScheduleRow[]>(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = useSubmit();
  const announce = useAnnounce();
  const idp = useId();
  const nameOf = namesFrom(instruments);
  const unused = instruments.find((i) => !rows.some((r) => r.instrument === i.id));

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const p = scheduleProblems(rows, nameOf);
    setProblems(p);
    if (p.length > 0) return;
    void submit.run(async () => {
      const { schedules } = await saveMeasureSchedules(clientId, bodyFromRows(rows));
      announce('Schedules saved.');
      onSaved(schedules);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      {rows.length === 0 ? <p>No schedules: add one, or save to keep none.</p> : null}
      {rows.map((r, n) => (
        <fieldset key={n} className="schedule-row">
          <legend>
            Schedule {n + 1}: {nameOf(r.instrument)}
          </legend>
          <div className="form-grid">
            <SelectField<InstrumentId>
              label={`Instrument, schedule ${n + 1}`}
              value={r.instrument}
              onValue={(v) => {
                setRows(updateAt(rows, n, { instrument: v }));
              }}
            >
              {instruments.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.shortName}
                </option>
              ))}
            </SelectField>
            <SelectField<ScheduleRow['cadence']>
              label={`How often, schedule ${n + 1}`}
              value={r.cadence}
              onValue={(v) => {
                setRows(updateAt(rows, n, { cadence: v }));
              }}
            >
              <option value="every_session">Before every session</option>
              <option value="interval">Every N days</option>
            </SelectField>
            {r.cadence === 'interval' ? (
              <InputField
                label={`Days between, schedule ${n + 1}`}
                type="number"
                inputMode="numeric"
                min={INTERVAL_DAYS.min}
                max={INTERVAL_DAYS.max}
                value={r.days}
                onValue={(v) => {
                  setRows(updateAt(rows, n, { days: v }));
                }}
              />
            ) : null}
          </div>
          <div className="checkbox">
            <input
              id={`${idp}-active-${String(n)}`}
              type="checkbox"
              checked={r.active}
              onChange={(e) => {
                setRows(updateAt(rows, n, { active: e.target.checked }));
              }}
            />
            <label htmlFor={`${idp}-active-${String(n)}`}>Active, schedule {n + 1}</label>
          </div>
          <button
            type="button"
            className="button-secondary"
            aria-label={`Remove schedule ${n + 1}`}
            onClick={() => {
              setRows(removeAt(rows, n));
            }}
          >
            Remove
          </button>
        </fieldset>
      ))}
      {rows.length < MAX_SCHEDULES && unused !== undefined ? (
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setRows([...rows, blankRow(unused.id)]);
          }}
        >
          Add schedule
        </button>
      ) : null}
      <Problems items={problems} />
      <ErrorBox error={submit.error} />
      <div className="form-actions">
        <button type="submit" disabled={submit.busy}>
          Save schedules
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
