/** The client's session log: per session, the interventions with the client's response, and scores. */
import { useId } from 'react';
import type { ClientOutcomes } from '../../api-measures';
import { calendarDate } from '../../format';
import { routeHref } from '../../router';
import { useInstrumentNames } from './instrument-names';
import { RecordTable } from '../../components/record-table';

export function SessionLog({ log }: { log: ClientOutcomes['sessionLog'] }) {
  const titleId = useId();
  const instrumentName = useInstrumentNames();
  const rows = [...log].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Session log</h2>
      {rows.length === 0 ? (
        <p>No sessions yet.</p>
      ) : (
        <RecordTable
          columns={['Date', 'Interventions and response', 'Scores', 'Note']}
          className="session-log"
        >
          {rows.map((s) => (
            <tr key={s.sessionId}>
              <th scope="row">{calendarDate(s.date)}</th>
              <td>
                {s.interventions.length === 0 ? (
                  'None documented'
                ) : (
                  <ul className="plain">
                    {s.interventions.map((i) => (
                      <li key={i.interventionId}>
                        <strong>{i.name}</strong>
                        {i.response !== '' ? `: ${i.response}` : ': response not recorded'}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {s.measures.length === 0
                  ? '—'
                  : s.measures
                      .map(
                        (m) =>
                          `${instrumentName(m.instrument)} ${m.total !== null ? String(m.total) : 'not scored'}`,
                      )
                      .join('; ')}
              </td>
              <td>
                {s.noteId !== null ? (
                  <a href={routeHref({ name: 'note', noteId: s.noteId })}>
                    {s.noteStatus === 'signed' ? 'Signed note' : 'Draft note'}
                  </a>
                ) : (
                  'No note'
                )}
              </td>
            </tr>
          ))}
        </RecordTable>
      )}
    </section>
  );
}
