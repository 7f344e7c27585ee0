import type { Role, User } from '../../domain/schemas.js';
import type { Actor } from '../../services/access.js';
import type { ClinicalDeps } from '../../services/clients.js';
import type { NoteExporters } from '../../services/notes.js';

/** Who may call the clinical routes: admins get 403 `forbidden` from the route table. */
export const CLINICAL: readonly Role[] = ['clinician', 'supervisor'];

/** What the clinical route files (clients, sessions, notes, process-notes) are built from. */
export interface ClinicalRouteContext {
  services: ClinicalDeps;
  /** The signed-in user as an access-check actor (with their supervisees). */
  actorOf: (user: User) => Promise<Actor>;
  exporters: NoteExporters;
}
