import { z } from 'zod';
import { UserSchema, type User } from '../../domain/schemas.js';
import { actorFor, type Actor } from '../../services/access.js';
import { UserService } from '../../services/users.js';
import type { AppDeps } from '../deps.js';
import { defineRoute, type Route } from '../route.js';
import { IdParams, NewUserBody, UserPatchBody, UserReply } from './schemas.js';

/** User management (administrators only; no clinical content). */
export function userRoutes(deps: AppDeps): Route[] {
  const users = new UserService(deps);
  const actor = (u: User): Promise<Actor> => actorFor(u, (id) => deps.store.users.supervisees(id));
  return [
    defineRoute({
      method: 'GET',
      path: '/api/users',
      summary: 'All users',
      tags: ['users'],
      auth: 'user',
      roles: ['admin'],
      responses: { 200: z.object({ users: z.array(UserSchema) }) },
      handler: async ({ actor: a }) => ({ body: { users: await users.list(await actor(a)) } }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/users',
      summary: 'Add a user (409 when the email is taken)',
      description:
        '`supervisorId` is proposed (`pendingSupervisorId`): it takes effect when the new user accepts it.',
      tags: ['users'],
      auth: 'user',
      roles: ['admin'],
      body: NewUserBody,
      responses: { 201: UserReply },
      handler: async ({ actor: a, body }) => ({
        status: 201,
        body: { user: await users.create(await actor(a), body) },
      }),
    }),
    defineRoute({
      method: 'PATCH',
      path: '/api/users/:id',
      summary: 'Change a user: name, role, supervisor, disabled (disabling signs them out)',
      description:
        '`supervisorId`: another supervisor is only proposed (`pendingSupervisorId`) until the user accepts it (POST /api/auth/supervision/accept); null removes the supervisor at once; the current supervisor withdraws a proposal.',
      tags: ['users'],
      auth: 'user',
      roles: ['admin'],
      params: IdParams,
      body: UserPatchBody,
      responses: { 200: UserReply },
      handler: async ({ actor: a, params, body }) => ({
        body: { user: await users.update(await actor(a), params.id, body) },
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/users/:id/mfa/reset',
      summary: "Reset a user's two-step sign-in (lost authenticator): clears it and signs them out",
      description:
        'They set it up again at their next sign-in (administrators must). 409 `conflict` for your own account: another administrator resets it.',
      tags: ['users'],
      auth: 'user',
      roles: ['admin'],
      params: IdParams,
      responses: { 200: UserReply },
      handler: async ({ actor: a, params }) => ({
        body: { user: await users.resetMfa(await actor(a), params.id) },
      }),
    }),
  ];
}
