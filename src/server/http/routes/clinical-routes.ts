/**
 * The clinical API: clients, plans, sessions, progress notes (edit, sign, co-sign, addenda,
 * exports) and private process notes. Every route is for clinicians and supervisors (admins get
 * 403 `forbidden` from the route table); every record is checked by the services through
 * `authorize` (services/access.ts): a record the caller may not see answers 404 `not_found`.
 *
 * The routes live per resource (clients.ts, sessions.ts, notes.ts, process-notes.ts), their
 * request schemas in schemas.ts; this group puts them together in that order.
 */
import { actorFor } from '../../services/access.js';
import type { NoteExporters } from '../../services/notes.js';
import type { AppDeps } from '../deps.js';
import type { Route } from '../route.js';
import { captureRoutes, speechRoutes } from './capture.js';
import { careRoutes } from './care.js';
import type { ClinicalRouteContext } from './clinical-context.js';
import { defaultExporters } from './clinical-exporters.js';
import { clientRoutes } from './clients.js';
import { measureRoutes } from './measures.js';
import { noteRoutes } from './notes.js';
import { processNoteRoutes } from './process-notes.js';
import { sessionRoutes } from './sessions.js';
import { toolkitRoutes } from './toolkit.js';

export interface ClinicalRouteOptions {
  /** The exporters (default: export/pdf.ts and export/fhir.ts). */
  exporters?: NoteExporters;
}

/** The clinical route group (see routes/index.ts). */
export function clinicalRoutes(deps: AppDeps, opts: ClinicalRouteOptions = {}): Route[] {
  const ctx: ClinicalRouteContext = {
    services: { store: deps.store, auditLog: deps.auditLog, clock: deps.clock },
    actorOf: (user) => actorFor(user, (id) => deps.store.users.supervisees(id)),
    exporters: opts.exporters ?? defaultExporters(),
  };
  return [
    ...clientRoutes(ctx),
    ...careRoutes(ctx),
    ...sessionRoutes(ctx),
    ...captureRoutes(ctx),
    ...speechRoutes(ctx),
    ...noteRoutes(ctx),
    ...processNoteRoutes(ctx),
    ...measureRoutes(ctx),
    ...toolkitRoutes(),
  ];
}
