/**
 * Access to a record of a client's chart that is addressed by its own id (a consent record, a
 * safety assessment, a clinical alert, a client link): the record's client decides, through the one `authorize` (access.ts). A
 * record the caller may not see reads exactly like one that does not exist (404 naming the
 * record), and an administrator gets 403 whether or not it exists.
 */
import type { Client } from '../domain/schemas.js';
import { notFound } from '../errors.js';
import type { Store } from '../store/port.js';
import { authorize, enforce, type Actor } from './access.js';

/**
 * The client of a record (`clientId` undefined: no such record), if the actor may do `action` to
 * the client's chart; otherwise throws: 404 `No such <noun>.` (missing or not visible), 403 for
 * a caller who sees the chart but may not change it (a supervisor) and for administrators.
 */
export async function clientOfRecord(
  store: Pick<Store, 'clients'>,
  actor: Actor,
  clientId: string | undefined,
  action: 'read' | 'write',
  noun: string,
): Promise<Client> {
  const client = clientId === undefined ? undefined : await store.clients.get(clientId);
  if (!client) {
    enforce(actor, 'read', { type: 'caseload' }); // admin: 403 whether or not it exists
    throw notFound(noun);
  }
  const resource = { type: 'client', ownerClinicianId: client.clinicianId } as const;
  const decision = authorize(actor, action, resource);
  if (!decision.allowed && decision.reason === 'not_found') throw notFound(noun);
  enforce(actor, action, resource); // 403 with its message, or allowed
  return client;
}
