/**
 * Informed-consent records (issue 5): consent to an intense intervention (exposure, trauma
 * processing; `interventionId` a catalogue id), to recording, to treatment. Recorded by the
 * client's clinician, read by their supervisor, withdrawn (once) when the client withdraws it.
 * Every read and write is audited (record type `consent`). The content is sealed at rest.
 *
 * `consentsForReview` is what the note review asks: the records as of a session's date. A consent
 * cannot be dated in the future (the practice's local today).
 */
import type { z } from 'zod';
import { getIntervention, type ConsentOnFile } from '../../core/index.js';
import { dateIn } from '../../core/time-zone.js';
import type { ConsentRecord, NewConsentBodySchema } from '../domain/schemas.js';
import { conflict, outcomeError, validationFailed } from '../errors.js';
import type { Store } from '../store/port.js';
import { enforce, type Actor } from './access.js';
import { audit, auditAccess } from './audit.js';
import { clientOfRecord } from './care-access.js';
import { ClientService, type ClinicalDeps } from './clients.js';
import { readPracticeSettings } from './settings.js';

/** A consent as the API receives it (`POST /api/clients/:id/consents`), defaults applied. */
export type ConsentInput = z.output<typeof NewConsentBodySchema>;

/**
 * The client's consent records as the informed-consent review rule reads them (oldest first):
 * every record dated on or before the session's date, agreed or declined; a consent withdrawn on
 * or before that date (the withdrawal's practice-local date in `timeZone`) counts as declined
 * from the day it was withdrawn (a later agreement overrides it), one withdrawn later still
 * covered the session. No access check and no audit entry: for services that already did both.
 */
export async function consentsForReview(
  store: Pick<Store, 'consents'>,
  clientId: string,
  date: string,
  timeZone: string,
): Promise<ConsentOnFile[]> {
  const out: ConsentOnFile[] = [];
  const records = [...(await store.consents.listForClient(clientId))].sort(
    (a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt),
  );
  for (const c of records) {
    if (c.date > date) continue;
    const base = { interventionId: c.interventionId, kind: c.kind };
    out.push({ ...base, decision: c.decision, date: c.date });
    const withdrawn = c.withdrawnAt === null ? undefined : dateIn(timeZone, c.withdrawnAt);
    if (c.decision === 'agreed' && withdrawn !== undefined && withdrawn <= date) {
      out.push({ ...base, decision: 'declined', date: withdrawn });
    }
  }
  // The rule breaks ties on a date by order: keep the records in date order.
  return out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.date.localeCompare(b.c.date) || a.i - b.i)
    .map(({ c }) => c);
}

/** The problems of a new consent's intervention field (kind `intervention` needs one). */
function consentIssues(input: ConsentInput): { path: string; message: string }[] {
  if (input.kind === 'intervention') {
    if (input.interventionId === null) {
      return [
        { path: 'body.interventionId', message: 'is needed for a consent to an intervention' },
      ];
    }
    if (!getIntervention(input.interventionId)) {
      return [
        {
          path: 'body.interventionId',
          message: 'is not an intervention of the catalogue (see GET /api/toolkit)',
        },
      ];
    }
    return [];
  }
  return input.interventionId === null
    ? []
    : [
        {
          path: 'body.interventionId',
          message: `must be null for a consent of kind ${input.kind}`,
        },
      ];
}

export class ConsentService {
  private readonly clients: ClientService;

  constructor(private readonly deps: ClinicalDeps) {
    this.clients = new ClientService(deps);
  }

  /** The client's consent records, newest first (withdrawn ones included). */
  async list(actor: Actor, clientId: string): Promise<ConsentRecord[]> {
    await this.clients.load(actor, clientId, 'read');
    const consents = await this.deps.store.consents.listForClient(clientId);
    await auditAccess(this.deps, actor, 'read', ['consent', consents.map((c) => c.id)]);
    return consents;
  }

  /** Record a consent discussion (owner only). */
  async create(actor: Actor, clientId: string, input: ConsentInput): Promise<ConsentRecord> {
    const client = await this.clients.load(actor, clientId, 'read');
    enforce(actor, 'write', { type: 'client', ownerClinicianId: client.clinicianId });
    const issues = consentIssues(input);
    const { timezone } = await readPracticeSettings(this.deps.store);
    const today = dateIn(timezone, this.deps.clock.now());
    if (input.date > today) {
      issues.push({
        path: 'body.date',
        message: `must not be in the future (today is ${today} in the practice's time zone)`,
      });
    }
    if (issues.length > 0) throw validationFailed(issues);
    return this.deps.store.transaction(async (tx) => {
      const consent = await tx.consents.create({
        clientId,
        kind: input.kind,
        interventionId: input.interventionId,
        discussed: input.discussed,
        decision: input.decision,
        date: input.date,
        notes: input.notes,
        recordedBy: actor.id,
      });
      await audit(this.deps, tx, actor, 'create', 'consent', consent.id);
      return consent;
    });
  }

  /** The client withdrew this consent (owner only; once: 409 when already withdrawn). */
  async withdraw(actor: Actor, consentId: string): Promise<ConsentRecord> {
    const { store } = this.deps;
    const found = await store.consents.get(consentId);
    await clientOfRecord(store, actor, found?.clientId, 'write', 'consent record');
    return store.transaction(async (tx) => {
      const out = await tx.consents.withdraw(consentId, this.deps.clock.now().toISOString());
      if (!out.ok) {
        if (out.reason === 'conflict') {
          throw conflict(
            'This consent was already withdrawn.',
            'Record a new consent discussion if the client agrees again.',
          );
        }
        throw outcomeError(out.reason, 'consent record');
      }
      await audit(this.deps, tx, actor, 'update', 'consent', consentId);
      return out.value;
    });
  }
}
