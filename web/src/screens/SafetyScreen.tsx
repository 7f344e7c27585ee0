import type { User } from '../types';
import { PageTitle } from '../ui';

/** Slot for issue 5 (being built): replaced by its owner. */
export function SafetyScreen({ clientId, user }: { clientId: string; user: User }) {
  return <PageTitle>{user.role === 'admin' ? '' : clientId}</PageTitle>;
}
