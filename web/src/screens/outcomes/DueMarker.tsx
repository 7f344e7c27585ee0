/**
 * The Clients screen's "Measures due" marker: the caseload's due measures (`GET /api/reminders`)
 * grouped per client. A failed load shows no markers (the list of clients matters more).
 */
import { getReminders, type InstrumentId } from '../../api-measures';
import { useLoad } from '../../ui';
import { useInstrumentNames } from './instrument-names';
import { dueByClient, dueText } from './outcome-text';

export function useMeasuresDue(): Map<string, InstrumentId[]> {
  const [load] = useLoad(() => getReminders(), 'reminders');
  return load.state === 'ready'
    ? dueByClient(load.data.measuresDue)
    : new Map<string, InstrumentId[]>();
}

export function DueMarker({ instruments }: { instruments: InstrumentId[] | undefined }) {
  const nameOf = useInstrumentNames();
  if (instruments === undefined || instruments.length === 0) return null;
  return (
    <span className="badge badge-due">
      Measures due: {dueText(instruments, nameOf).replace(/ due$/, '')}
    </span>
  );
}
