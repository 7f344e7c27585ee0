import { z } from 'zod';
import { AuditEntrySchema } from '../../domain/schemas.js';
import { actorFor } from '../../services/access.js';
import { AuditService } from '../../services/audit.js';
import type { AppDeps } from '../deps.js';
import { defineRoute, type Route } from '../route.js';

/** The audit log (administrators only): list and verify the HMAC chain. */
export function auditRoutes(deps: AppDeps): Route[] {
  const audit = new AuditService(deps);
  const supervisees = (id: string) => deps.store.users.supervisees(id);
  return [
    defineRoute({
      method: 'GET',
      path: '/api/audit',
      summary: 'Audit entries in sequence order, after `after`, at most `limit`',
      tags: ['audit'],
      auth: 'user',
      roles: ['admin'],
      query: z.strictObject({
        after: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      responses: { 200: z.object({ entries: z.array(AuditEntrySchema) }) },
      handler: async ({ actor, query }) => ({
        body: {
          entries: await audit.list(await actorFor(actor, supervisees), query.after, query.limit),
        },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/audit/verify',
      summary: 'Recompute the HMAC chain; names the first entry where it breaks',
      tags: ['audit'],
      auth: 'user',
      roles: ['admin'],
      responses: {
        200: z.object({
          ok: z.boolean(),
          count: z.number().int().optional(),
          seq: z.number().int().optional(),
          reason: z.string().optional(),
        }),
      },
      handler: async ({ actor }) => ({
        body: await audit.verify(await actorFor(actor, supervisees)),
      }),
    }),
  ];
}
