/**
 * The pocketsphinx language models one can choose (`--model`, engine option) and the default, in a
 * module of their own so the engine registry can name the model without loading the engine.
 * Why `therapy` is the default: see the comment at the top of `../pocketsphinx.ts`.
 */
export const POCKETSPHINX_LMS = ['therapy', 'general'] as const;
export type PocketsphinxLm = (typeof POCKETSPHINX_LMS)[number];

/** The language model used when none is chosen. */
export const DEFAULT_POCKETSPHINX_LM: PocketsphinxLm = 'therapy';
