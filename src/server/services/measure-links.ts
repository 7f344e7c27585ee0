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
 * - Throttled per client address (hashed keys in the store, shared by every process): at most
 *   `opens` opens and `failures` failed lookups (open or submit) per window; past either, 429
 *   `throttled` with Retry-After, before the token is looked up.
 * - Audited with actor null for the client's actions (read / create / update of `measure_link`,
 *   `measure`, `alert`), ids only: never the token or the answers.
 */
import { createHash } from 'node:crypto';
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
import { enforce, type Actor } from './access.js';
import { enforceOnChild } from './alerts.js';
import { audit, auditAccess } from './audit.js';
import { ClientService, type ClinicalDeps } from './clients.js';
import { checkAnswers, MeasureService, storeAdministration } from './measures.js';
import { readPracticeSettings } from './settings.js';

export interface LinkThrottleOptions {
  /** Opens per address per window (default 30). */
  opens: number;
  /** Failed lookups (unknown, expired, used or revoked token) per address per window (default 20). */
  failures: number;
  windowMs: number;
}

export const DEFAULT_LINK_THROTTLE: Readonly<LinkThrottleOptions> = Object.freeze({
  opens: 30,
  failures: 20,
  windowMs: 15 * 60 * 1000,
});

/** The one answer for every token that cannot be used (never says which case it is). */
export function linkInvalid(): ApiError {
  return new ApiError('link_invalid', 'This questionnaire link cannot be used.', {
    hint: 'It may have expired or already been used. Ask your clinician for a new link.',
  });
}

/** The link with `expired` derived from its expiry and the clock. */
export function present(link: MeasureLink, now: Date): MeasureLink {
  return link.status === 'pending' && Date.parse(link.expiresAt) <= now.getTime()
    ? { ...link, status: 'expired' }
    : link;
}

/** A counter key: its bucket and the SHA-256 of the address key (never the address itself). */
function rateKey(bucket: string, ip: string | undefined): string {
  return `${bucket}:${createHash('sha256').update(ipKey(ip), 'utf8').digest('hex')}`;
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

  /** Revoke a pending link (owner only); 409 when it is no longer pending. */
  async revoke(actor: Actor, linkId: string): Promise<MeasureLink> {
    const { store } = this.deps;
    const link = await store.measureLinks.get(linkId);
    if (!link) {
      enforce(actor, 'read', { type: 'caseload' });
      throw notFound('link');
    }
    const client = await store.clients.get(link.clientId);
    if (!client) throw notFound('link');
    enforceOnChild(actor, 'write', client.clinicianId, 'link');
    const now = this.deps.clock.now();
    if (present(link, now).status !== 'pending') {
      throw new ApiError(
        'conflict',
        'Only a link that is still waiting for answers can be revoked.',
        {
          hint: 'This link was already used, revoked or has expired; nothing to do.',
        },
      );
    }
    return store.transaction(async (tx) => {
      const out = await tx.measureLinks.revoke(linkId, now.toISOString());
      if (!out.ok) throw outcomeError(out.reason, 'link');
      await audit(this.deps, tx, actor, 'update', 'measure_link', linkId);
      return present(out.value, now);
    });
  }

  // ── Public (no sign-in) ────────────────────────────────────────────────────

  /** Refuse (429) when the address is over a limit; count this request as an open first. */
  private async gate(ip: string | undefined, countOpen: boolean): Promise<void> {
    const { windowMs } = this.throttle;
    const now = this.deps.clock.now();
    const windowStart = new Date(now.getTime() - windowMs).toISOString();
    const refuse = (): ApiError =>
      new ApiError('throttled', 'Too many questionnaire requests from this network.', {
        hint: `Wait ${Math.ceil(windowMs / 60000)} minutes and try again, or ask your clinician for help.`,
        headers: { 'Retry-After': String(Math.ceil(windowMs / 1000)) },
      });
    const failed = await this.deps.store.rateLimits.count(rateKey('respond-fail', ip), windowStart);
    if (failed >= this.throttle.failures) throw refuse();
    if (countOpen) {
      const opens = await this.deps.store.rateLimits.hit(
        rateKey('respond-open', ip),
        now.toISOString(),
        windowStart,
      );
      if (opens > this.throttle.opens) throw refuse();
    }
  }

  /** The usable link of a token, or (counting a failed lookup) the generic `link_invalid`. */
  private async usable(token: string, ip: string | undefined): Promise<MeasureLink> {
    const now = this.deps.clock.now();
    const link = await this.deps.store.measureLinks.getByTokenHash(hashToken(token));
    if (link && present(link, now).status === 'pending') return link;
    await this.deps.store.rateLimits.hit(
      rateKey('respond-fail', ip),
      now.toISOString(),
      new Date(now.getTime() - this.throttle.windowMs).toISOString(),
    );
    throw linkInvalid();
  }

  /** The forms of a valid link (nothing about the client). */
  async open(token: string, ip: string | undefined): Promise<PublicQuestionnaire> {
    await this.gate(ip, true);
    const link = await this.usable(token, ip);
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
          items: inst.items.map((i) => ({ id: i.id, text: i.text })),
          answerOptions: inst.answerOptions.map((o) => ({ value: o.value, label: o.label })),
        };
      }),
    };
  }

  /** Store the client's answers once; crisis resources when an answer raised a risk alert. */
  async submit(
    body: { token: string; responses: { instrument: InstrumentId; answers: (number | null)[] }[] },
    ip: string | undefined,
  ): Promise<z.infer<typeof PublicResponseResultSchema>> {
    await this.gate(ip, false);
    const link = await this.usable(body.token, ip);
    // Exactly the link's instruments, each once, each answered on its scale.
    const wanted = new Set(link.instruments);
    const given = new Set<InstrumentId>();
    body.responses.forEach((r, i) => {
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
    const client = await this.deps.store.clients.get(link.clientId);
    if (!client) throw linkInvalid();
    const now = this.deps.clock.now();
    const alerted = await this.deps.store.transaction(async (tx) => {
      // The single-use gate: the first write of the transaction; a second submit finds it done.
      const done = await tx.measureLinks.complete(link.id, now.toISOString());
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
    if (alerted === undefined) {
      await this.deps.store.rateLimits.hit(
        rateKey('respond-fail', ip),
        now.toISOString(),
        new Date(now.getTime() - this.throttle.windowMs).toISOString(),
      );
      throw linkInvalid();
    }
    const crisis = alerted ? (await readPracticeSettings(this.deps.store)).crisisResources : null;
    return { received: true, crisis };
  }
}
