/**
 * Text normalization shared by every detector. Pure string functions.
 */

/** Transcriber annotations such as "(laughs)", "(long pause)", "[inaudible]". */
const ANNOTATION = /\([^)]{0,40}\)|\[[^\]]{0,40}\]/g;

/** Remove transcriber annotations, keep spoken words. */
export function stripAnnotations(text: string): string {
  return text.replace(ANNOTATION, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Lower-case, fold curly quotes and dashes, drop annotations, collapse whitespace.
 * Punctuation is kept (detectors may use "?"), but matching should not depend on it,
 * because speech-recognition transcripts have none.
 */
export function normalizeForMatching(text: string): string {
  return stripAnnotations(text)
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}
