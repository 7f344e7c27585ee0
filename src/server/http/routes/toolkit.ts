import {
  RecommendInputSchema,
  RecommendResultSchema,
  ToolkitCatalogSchema,
  recommend,
  toolkitCatalog,
} from '../../../core/knowledge/matching/index.js';
import { defineRoute, type Route } from '../route.js';
import { CLINICAL } from './clinical-context.js';

/**
 * The intervention toolkit (PRODUCT.md F8): the catalogue for browsing and the matching of
 * concerns, features, preferences, cultural considerations and contraindications to ranked
 * interventions (core/knowledge/matching). Reference data and a pure computation: nothing is
 * stored and nothing about a client is read, so there is no record to audit; bodies are never
 * logged (the route table logs method, pattern, status and time only). Clinicians and
 * supervisors; admins get 403 from the route table.
 */
export function toolkitRoutes(): Route[] {
  const catalog = ToolkitCatalogSchema.parse(toolkitCatalog());
  return [
    defineRoute({
      method: 'GET',
      path: '/api/toolkit',
      summary:
        'The intervention toolkit: interventions (with cautions), concerns, blends and the tags recommend takes',
      tags: ['toolkit'],
      auth: 'user',
      roles: CLINICAL,
      responses: { 200: ToolkitCatalogSchema },
      handler: () => Promise.resolve({ body: catalog }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/toolkit/recommend',
      summary:
        'Ranked interventions for concerns, features, preferences, cultural considerations and contraindications, with rationale, cautions, blends and sources',
      tags: ['toolkit'],
      auth: 'user',
      roles: CLINICAL,
      body: RecommendInputSchema,
      responses: { 200: RecommendResultSchema },
      handler: ({ body }) => Promise.resolve({ body: recommend(body) }),
    }),
  ];
}
