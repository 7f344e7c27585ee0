import { z } from 'zod';
import { PracticeSettingsSchema, type User } from '../../domain/schemas.js';
import { actorFor, type Actor } from '../../services/access.js';
import { SettingsService } from '../../services/settings.js';
import type { AppDeps } from '../deps.js';
import { defineRoute, type Route } from '../route.js';

/** The reply of both settings routes: the whole record, defaults filled in. */
export const SettingsReply = z.object({ settings: PracticeSettingsSchema });

/**
 * Practice settings: every signed-in user reads them (clinicians see the practice's name on their
 * documents); administrators replace them. No clinical content.
 */
export function settingsRoutes(deps: AppDeps): Route[] {
  const settings = new SettingsService(deps);
  const actor = (u: User): Promise<Actor> => actorFor(u, (id) => deps.store.users.supervisees(id));
  return [
    defineRoute({
      method: 'GET',
      path: '/api/settings',
      summary: 'The practice settings (name, contact details, NPI, time zone, co-sign rule)',
      tags: ['settings'],
      auth: 'user',
      responses: { 200: SettingsReply },
      handler: async ({ actor: a }) => ({
        body: { settings: await settings.get(await actor(a)) },
      }),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/settings',
      summary: 'Replace the practice settings (absent fields take their defaults)',
      tags: ['settings'],
      auth: 'user',
      roles: ['admin'],
      body: PracticeSettingsSchema,
      responses: { 200: SettingsReply },
      handler: async ({ actor: a, body }) => ({
        body: { settings: await settings.update(await actor(a), body) },
      }),
    }),
  ];
}
