/**
 * Shared set-up of the capture API tests: a live capture started through the API by a
 * clinician, with the app's dependencies and that clinician as a service-level actor (for tests
 * that drive CaptureService directly, as the live manager and the worker do).
 */
import { z } from 'zod';
import { CaptureStateSchema, SessionSchema } from '../../src/server/domain/schemas.js';
import { actorFor, type Actor } from '../../src/server/services/access.js';
import type { AppDeps } from '../../src/server/http/deps.js';
import { read, type Api, type Caller } from './harness.js';

export const Started = z.object({ session: SessionSchema, capture: CaptureStateSchema });

/** The service-level actor of a signed-in caller. */
export function actorOf(deps: AppDeps, caller: Caller): Promise<Actor> {
  return actorFor(caller.user ?? { id: '', role: 'clinician' }, (x) =>
    deps.store.users.supervisees(x),
  );
}

/** Start a live capture for `clientId` dated `date` (consent given) as `owner`. */
export async function startLive(
  api: Api,
  owner: Caller,
  clientId: string,
  date: string,
): Promise<{ id: string; deps: AppDeps; actor: Actor }> {
  const live = read(
    Started,
    await owner.post(`/api/clients/${clientId}/captures`, {
      details: { date, consentToRecord: true },
      mode: 'live',
    }),
  );
  const deps = api.deps();
  return { id: live.session.id, deps, actor: await actorOf(deps, owner) };
}
