import { PageTitle } from '../ui';

/** Slot for issue 5 (being built): replaced by its owner. */
export function Toolkit() {
  return <PageTitle>Intervention toolkit</PageTitle>;
}
