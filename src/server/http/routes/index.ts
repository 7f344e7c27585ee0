import type { AppDeps } from '../deps.js';
import type { Route } from '../route.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { clinicalRoutes } from './clinical-routes.js';
import { respondRoutes } from './respond.js';
import { settingsRoutes } from './settings.js';
import { userRoutes } from './users.js';

/** A group of routes, built once per app from its dependencies (services live in the closure). */
export type RouteGroup = (deps: AppDeps) => readonly Route[];

/**
 * Every route group of the API, in the order they appear in the OpenAPI document. To add a
 * group: import it and add it here (one line each).
 */
export const ROUTE_GROUPS: readonly RouteGroup[] = [
  authRoutes,
  userRoutes,
  auditRoutes,
  settingsRoutes,
  clinicalRoutes,
  respondRoutes,
];
