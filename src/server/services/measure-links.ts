/**
 * One-time client links (issue 5): the clinician sends a link, the client answers the
 * instruments without signing in.
 *
 * - Token: 32 bytes from the OS CSPRNG, base64url (43 characters, 256 bits). Only its SHA-256 is
 *   stored; the URL (`<origin>/respond#<token>`: the token in the fragment, so it never reaches
 *   server logs or Referer headers) exists once, in the answer that creates the link.
 * - Public open/submit take the token in the body. An unknown, expired, used or revoked token gets
 *   the same answer (404 `link_invalid`), and nothing about the client is ever in a public answer.
 * - Single use: the submit stores its administrations and marks the link completed in ONE
 *   transaction whose first write is a conditional UPDATE pending → completed (unexpired): of two
 *   concurrent submits exactly one stores anything.
 * - Throttled per client address (keys stored as HMACs under a key derived from the master key,
 *   shared by every process), AFTER the token is looked up, so that nobody sharing a client's
 *   address (a NAT, a clinic's Wi-Fi) can lock that client out of a valid link:
 *   - failed lookups (unknown, expired, used or revoked token): at most `failures` per address
 *     per window answer 404, then 429 `throttled` with Retry-After. A 256-bit token cannot be
 *     guessed; this counter only slows guessing. A usable link is never refused by it.
 *   - opens of a usable link: at most `opens` per address per window (a generous cap against
 *     abuse: the same client reopening, many clients behind one address); past it, 429.
 *   - a submit of a usable link with well-formed answers is NEVER throttled (it can succeed only
 *     once per link); a submit whose answers do not fit counts as an open.
 * - Grace: a link that expires while its client is answering still takes the answers for
 *   `SUBMIT_GRACE_MS` (60 minutes) after `expiresAt`; opening it is refused from `expiresAt`.
 * - Audited with actor null for the client's actions (read / create / update of `measure_link`,
 *   `measure`, `alert`), ids only: never the token or the answers.
 */
import { INSTRUMENTS } from '../../core/measures/instruments.js';
import type { InstrumentId } from '../../core/measures/schema.js';
import type { z } from 'zod';
import type {
  MeasureLink,
  PublicQuestionnaire,
  PublicResponseResultSchema,
} from '../domain/schemas.js';
import { ApiError, notFound, outcomeError, validationFailed } from '../errors.js';
import { ipKey } from '../security/throttle.js';
import { hashToken, newToken } from '../security/tokens.js';
import type { Actor } from './access.js';
import { audit, auditAccess } from './audit.js';
import { clientOfRecord } from './care-access.js';
import { ClientService, type ClinicalDeps } from './clients.js';
import { checkAnswers, MeasureService, storeAdministration } from './measures.js';
import { readPracticeSettings } from './settings.js';

export interface LinkThrottleOptions {
  /** Opens of usable links (and submits whose answers do not fit) per address per window (default 60). */
  opens: number;
  /** Failed lookups (unknown, expired, used or revoked token) per address per window (default 20). */
  failures: number;
  windowMs: number;
}

const DEFAULT_LINK_THROTTLE: Readonly<LinkThrottleOptions> = Object.freeze({
  opens: 60,
  failures: 20,
  windowMs: 15 * 60 * 1000,
});

/** The one answer for every token that cannot be used (never says which case it is). */
function linkInvalid(): ApiError {
  return new ApiError('link_invalid', 'This questionnaire link cannot be used.', {
    hint: 'It may have expired or already been used. Ask your clinician for a new link.',
  });
}

/** How long after `expiresAt` a submit is still taken (the client was answering as it expired). */
const SUBMIT_GRACE_MS = 60 * 60 * 1000;

/**
 * The link as the clinician sees it: `expired` derived from its expiry and the clock, and until
 * when it still takes answers (a pending link: its expiry plus the submit grace).
 */
export function present(link: MeasureLink, now: Date): MeasureLink {
  const until = Date.parse(link.expiresAt) + SUBMIT_GRACE_MS;
  const acceptsAnswersUntil =
    link.status === 'pending' && until > now.getTime() ? new Date(until).toISOString() : null;
  const status =
    link.status === 'pending' && Date.parse(link.expiresAt) <= now.getTime()
      ? 'expired'
      : link.status;
  return { ...link, status, acceptsAnswersUntil };
}

type Bucket = 'respond-fail' | 'respond-open';

/** A counter key: its bucket and the address key (the store keeps only an HMAC of it). */
function rateKey(bucket: Bucket, ip: string | undefined): string {
  return `${bucket}:${ipKey(ip)}`;
}

export class MeasureLinkService {
  private readonly clients: ClientService;
  private readonly measures: MeasureService;

  constructor(
    private readonly deps: ClinicalDeps,
    private readonly throttle: LinkThrottleOptions = DEFAULT_LINK_THROTTLE,
  ) {
    this.clients = new ClientService(deps);
    this.measures = new MeasureService(deps);
  }

  /** Create a link (owner only); the URL with its token is in this answer only. */
  async create(
    actor: Actor,
    clientId: string,
    body: { instruments: InstrumentId[]; expiresInHours: number; sessionId: string | null },
    origin: string,
  ): Promise<{ link: MeasureLink; url: string }> {
    await this.clients.load(actor, clientId, 'write');
    const seen = new Set<InstrumentId>();
    body.instruments.forEach((id, i) => {
      if (seen.has(id)) {
        throw validationFailed(
          [{ path: `body.instruments[${i}]`, message: 'is listed twice' }],
          'List each instrument once.',
        );
      }
      seen.add(id);
    });
    await this.measures.checkSession(clientId, body.sessionId, 'body.sessionId');
    const token = newToken();
    const now = this.deps.clock.now();
    const link = await this.deps.store.transaction(async (tx) => {
      const made = await tx.measureLinks.create({
        clientId,
        tokenHash: hashToken(token),
        instruments: body.instruments,
        sessionId: body.sessionId,
        createdBy: actor.id,
        expiresAt: new Date(now.getTime() + body.expiresInHours * 3600 * 1000).toISOString(),
      });
      await audit(this.deps, tx, actor, 'create', 'measure_link', made.id);
      return made;
    });
    return { link, url: `${origin.replace(/\/+$/, '')}/respond#${token}` };
  }

  async list(actor: Actor, clientId: string): Promise<MeasureLink[]> {
    await this.clients.load(actor, clientId, 'read');
    const now = this.deps.clock.now();
    const links = (await this.deps.store.measureLinks.listForClient(clientId)).map((l) =>
      present(l, now),
    );
    await auditAccess(this.deps, actor, 'read', ['measure_link', links.map((l) => l.id)]);
    return links;
  }

  /**
   * Revoke a link that can still take answers (owner only): pending, up to `SUBMIT_GRACE_MS` past
   * its expiry. 409 once it is completed, revoked or past the grace.
   */
  async revoke(actor: Actor, linkId: string): Promise<MeasureLink> {
    const { store } = this.deps;
    const link = await store.measureLinks.get(linkId);
    await clientOfRecord(store, actor, link?.clientId, 'write', 'link');
    if (!link) throw notFound('link'); // unreachable: clientOfRecord threw
    const now = this.deps.clock.now();
    // Whatever can still be submitted can be revoked: also an expired link within the grace.
    const submittable =
      link.status === 'pending' && Date.parse(link.expiresAt) + SUBMIT_GRACE_MS > now.getTime();
    if (!submittable) {
      throw new ApiError('conflict', 'Only a link that can still take answers can be revoked.', {
        hint: 'This link was already used or revoked, or its answering time is over; nothing to do.',
      });
    }
    return store.transaction(async (tx) => {
      const out = await tx.measureLinks.revoke(linkId, now.toISOString());
      if (!out.ok) throw outcomeError(out.reason, 'link');
      await audit(this.deps, tx, actor, 'update', 'measure_link', linkId);
      return present(out.value, now);
    });
  }

  // ── Public (no sign-in) ────────────────────────────────────────────────────

  /**
   * Count one request of the address in `bucket`, or refuse it (429 with Retry-After) when the
   * address is already at the bucket's limit (a refused request is not counted).
   */
  private async take(bucket: Bucket, ip: string | undefined): Promise<void> {
    const { windowMs } = this.throttle;
    const limit = bucket === 'respond-fail' ? this.throttle.failures : this.throttle.opens;
    const now = this.deps.clock.now();
    const { allowed } = await this.deps.store.rateLimits.take(
      rateKey(bucket, ip),
      now.toISOString(),
      new Date(now.getTime() - windowMs).toISOString(),
      limit,
    );
    if (!allowed) {
      throw new ApiError('throttled', 'Too many questionnaire requests from this network.', {
        hint: `Wait ${Math.ceil(windowMs / 60000)} minutes and try again, or ask your clinician for help.`,
        headers: { 'Retry-After': String(Math.ceil(windowMs / 1000)) },
      });
    }
  }

  /** Count a failed lookup (429 past the limit), else the generic `link_invalid`. */
  private async failed(ip: string | undefined): Promise<never> {
    await this.take('respond-fail', ip);
    throw linkInvalid();
  }

  /**
   * The link of a token while it is pending and expired less than `graceMs` ago (looked up
   * BEFORE any throttle: a usable link is never refused for others' failed lookups).
   */
  private async usable(
    token: string,
    ip: string | undefined,
    graceMs: number,
  ): Promise<MeasureLink> {
    const now = this.deps.clock.now().getTime();
    const link = await this.deps.store.measureLinks.getByTokenHash(hashToken(token));
    if (link?.status === 'pending' && Date.parse(link.expiresAt) + graceMs > now) return link;
    return this.failed(ip);
  }

  /** The forms of a valid link (nothing about the client) and the practice's crisis resources. */
  async open(token: string, ip: string | undefined): Promise<PublicQuestionnaire> {
    const link = await this.usable(token, ip, 0);
    await this.take('respond-open', ip);
    const settings = await readPracticeSettings(this.deps.store);
    await audit(this.deps, this.deps.store, null, 'read', 'measure_link', link.id);
    return {
      practiceName: settings.practiceName,
      expiresAt: link.expiresAt,
      instruments: link.instruments.map((id) => {
        const inst = INSTRUMENTS[id];
        return {
          id,
          name: inst.name,
          stem: inst.stem,
          items: inst.items.map((i) => ({
            id: i.id,
            text: i.text,
            alertFrom: alertFrom(id, i.id),
          })),
          answerOptions: inst.answerOptions.map((o) => ({ value: o.value, label: o.label })),
        };
      }),
      crisisResources: settings.crisisResources,
    };
  }

  /**
   * Store the client's answers once (also up to `SUBMIT_GRACE_MS` after the link expired); crisis
   * resources when an answer raised a risk alert.
   */
  async submit(
    body: { token: string; responses: { instrument: InstrumentId; answers: (number | null)[] }[] },
    ip: string | undefined,
  ): Promise<z.infer<typeof PublicResponseResultSchema>> {
    const link = await this.usable(body.token, ip, SUBMIT_GRACE_MS);
    try {
      checkResponses(link, body.responses);
    } catch (e) {
      // Answers that do not fit count like an open (a cap on requests), never as a failed
      // lookup; a well-formed submit of a usable link is never throttled.
      await this.take('respond-open', ip);
      throw e;
    }
    const client = await this.deps.store.clients.get(link.clientId);
    if (!client) throw linkInvalid();
    const now = this.deps.clock.now();
    const expiresAfter = new Date(now.getTime() - SUBMIT_GRACE_MS).toISOString();
    const alerted = await this.deps.store.transaction(async (tx) => {
      // The single-use gate: the first write of the transaction; a second submit finds it done.
      const done = await tx.measureLinks.complete(link.id, now.toISOString(), expiresAfter);
      if (!done.ok) return undefined;
      await audit(this.deps, tx, null, 'update', 'measure_link', link.id);
      let raised = false;
      for (const r of body.responses) {
        const { alerts } = await storeAdministration(this.deps, tx, null, {
          clientId: link.clientId,
          clinicianId: client.clinicianId,
          instrument: r.instrument,
          answers: r.answers,
          administeredAt: now.toISOString(),
          source: 'client_link',
          sessionId: link.sessionId,
          enteredBy: null,
          linkId: link.id,
        });
        if (alerts.length > 0) raised = true;
      }
      return raised;
    });
    if (alerted === undefined) return this.failed(ip);
    const crisis = alerted ? (await readPracticeSettings(this.deps.store)).crisisResources : null;
    return { received: true, crisis };
  }
}

/** Exactly the link's instruments, each once, each answered on its scale (400 otherwise). */
function checkResponses(
  link: MeasureLink,
  responses: readonly { instrument: InstrumentId; answers: (number | null)[] }[],
): void {
  const wanted = new Set(link.instruments);
  const given = new Set<InstrumentId>();
  responses.forEach((r, i) => {
    if (!wanted.has(r.instrument) || given.has(r.instrument)) {
      throw validationFailed(
        [
          {
            path: `body.responses[${i}].instrument`,
            message: given.has(r.instrument)
              ? 'is answered twice'
              : 'is not one of the questionnaires of this link',
          },
        ],
        'Send one response for each questionnaire the link opened.',
      );
    }
    given.add(r.instrument);
    checkAnswers(r.instrument, r.answers, `body.responses[${i}].answers`);
  });
  const missing = link.instruments.filter((id) => !given.has(id));
  if (missing.length > 0) {
    throw validationFailed(
      [
        {
          path: 'body.responses',
          message: `must answer every questionnaire of the link (${missing.length} missing)`,
        },
      ],
      'Send one response for each questionnaire the link opened.',
    );
  }
}

/** The lowest answer of an item that raises a risk alert (PHQ-9 item 9: 1), or null. */
function alertFrom(instrument: InstrumentId, itemId: string): number | null {
  const rules = INSTRUMENTS[instrument].itemAlerts.filter((a) => a.itemId === itemId);
  return rules.length === 0 ? null : Math.min(...rules.map((a) => a.minValue));
}
