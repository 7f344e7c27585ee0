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
  ];
}
