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

/** Contractions that speech recognition writes without the apostrophe and that are not words. */
const BARE_CONTRACTION =
  /\b(?:(do|did|does|would|could|should|ca|is|are|was|were|have|has|had|wo|ai|must|might|need)nt|(i)m|(i|you|we|they|could|would|should)ve|(you|they|we)re|(that|what|there|he|she|who|it)s|(i|you|he|she|they|we|it)ll)\b/g;
/** Words that look like a bare contraction but are words. */
const REAL_WORDS = new Set(['ill', 'well', 'hell', 'shell', 'its', 'were', 'wed']);

/**
 * Put the apostrophe back in contractions written without it ("didnt" → "didn't", "im" → "i'm"),
 * so that cues written with apostrophes match speech-recognition text. Leaves real words alone.
 */
export function restoreApostrophes(norm: string): string {
  if (!/(?:nt|\bim|ve|re|s|ll)\b/.test(norm)) return norm;
  return norm.replace(BARE_CONTRACTION, (w: string, ...g: unknown[]) => {
    if (REAL_WORDS.has(w)) return w;
    const [nt, m, ve, re, s, ll] = g as (string | undefined)[];
    if (nt !== undefined) return `${nt}n't`;
    if (m !== undefined) return `${m}'m`;
    if (ve !== undefined) return `${ve}'ve`;
    if (re !== undefined) return `${re}'re`;
    if (s !== undefined) return `${s}'s`;
    if (ll !== undefined) return `${ll}'ll`;
    return w;
  });
}
