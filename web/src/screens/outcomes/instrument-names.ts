/**
 * Instrument short names ("PHQ-9") from the instruments data (`GET /api/instruments`, the core's
 * INSTRUMENTS), never a list copied into the web app. `namesFrom` turns a loaded list into a
 * lookup (an id not in it, or a list not loaded yet, shows the id); `useInstrumentNames` loads
 * the list (once per page: `getInstruments` is cached) for components that have none at hand.
 */
import { getInstruments, type Instrument } from '../../api-measures';
import { useLoad } from '../../ui';
import type { NameOf } from './outcome-text';

export type { NameOf };

export function namesFrom(
  instruments: readonly Pick<Instrument, 'id' | 'shortName'>[] | undefined,
): NameOf {
  const names = new Map(instruments?.map((i) => [i.id, i.shortName]));
  return (id) => names.get(id) ?? id;
}

export function useInstrumentNames(): NameOf {
  const [load] = useLoad(() => getInstruments(), 'instruments');
  return namesFrom(load.state === 'ready' ? load.data.instruments : undefined);
}
