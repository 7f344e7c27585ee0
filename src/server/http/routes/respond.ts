/**
 * The public questionnaire routes (issue 5): a client opens and submits a one-time link without
 * signing in. The token travels in the JSON body, never in a URL. Every unusable token gets one
 * answer (404 `link_invalid`); requests are throttled per address (429 `throttled`, Retry-After)
 * after the token is looked up, so others' failed lookups never lock a valid link out.
 * No CSRF token (nobody is signed in); the host-origin check still refuses foreign origins.
 */
import { z } from 'zod';
import {
  PublicQuestionnaireSchema,
  PublicResponseBodySchema,
  PublicResponseResultSchema,
} from '../../domain/schemas.js';
import { MeasureLinkService } from '../../services/measure-links.js';
import { clientIp } from '../client-ip.js';
import type { AppDeps } from '../deps.js';
import { defineRoute, type Route } from '../route.js';

const OpenBody = z.strictObject({ token: z.string().min(20).max(200) });

export function respondRoutes(deps: AppDeps): Route[] {
  const links = new MeasureLinkService({
    store: deps.store,
    auditLog: deps.auditLog,
    clock: deps.clock,
  });
  return [
    defineRoute({
      method: 'POST',
      path: '/api/respond/open',
      summary: 'Open a questionnaire link (public): the forms, nothing about the client',
      description:
        "404 `link_invalid` for an unknown, expired, used or revoked token (one answer for all). The token is looked up first: 429 `throttled` only after 20 failed lookups (for unknown tokens) or 60 opens of valid links per 15 min from one address. The answer carries the practice's crisis resources and each item's `alertFrom` (the lowest answer that raises a risk alert), so the page can show help even if sending fails.",
      tags: ['respond'],
      auth: 'public',
      csrf: false,
      body: OpenBody,
      responses: { 200: PublicQuestionnaireSchema },
      handler: async ({ body, c, deps: d }) => ({
        body: await links.open(body.token, clientIp(c, d.config)),
      }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/respond/submit',
      summary: 'Submit the answers of a questionnaire link (public; once)',
      description:
        "`crisis` holds the practice's crisis resources when an answer raised a risk alert (PHQ-9 item 9); the clinician is alerted at once. Taken up to 60 minutes after the link's `expiresAt` (the client may have been answering as it expired). A well-formed submit of a usable link is never throttled. 404 `link_invalid` as for open (also for a second submit); 429 `throttled` past the failed-lookup limit, or for answers that do not fit past the open limit.",
      tags: ['respond'],
      auth: 'public',
      csrf: false,
      body: PublicResponseBodySchema,
      responses: { 200: PublicResponseResultSchema },
      handler: async ({ body, c, deps: d }) => ({
        body: await links.submit(body, clientIp(c, d.config)),
      }),
    }),
  ];
}
