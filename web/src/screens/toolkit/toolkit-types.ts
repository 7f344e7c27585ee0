/**
 * The shapes of `GET /api/toolkit` and `POST /api/toolkit/recommend` as the web app reads them:
 * the matching module's own types (types only; nothing of the engine is bundled).
 */
export type {
  BlendFit,
  RecommendInput,
  RecommendResult,
  Recommendation,
  TagInfo,
  ToolkitCatalog,
  ToolkitIntervention,
} from '../../../../src/core/knowledge/matching/schema.js';
export type { Source as ToolkitSource } from '../../../../src/core/knowledge/schema.js';
