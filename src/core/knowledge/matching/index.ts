/**
 * Intervention matching (PRODUCT.md F8): concerns + clinical features + client preferences +
 * cultural considerations + contraindications → ranked, explained recommendations with sources,
 * case-conceptualization blends, and alternatives for a plateau. Pure: no I/O.
 */
export * from './schema.js';
export { recommend, alternativesFor } from './recommend.js';
export { toolkitCatalog, interventionCautions } from './catalog.js';
export { BLENDS, CONTRAINDICATIONS, CULTURE, FEATURES, PREFERENCES } from './data.js';
export { readConcern } from './concern-text.js';
export { MSRC as MATCHING_SOURCES } from './sources.js';
