/**
 * Speaker prefixes shared by the line, SRT and WebVTT readers: `Name: text`, `[Name] text`.
 */

/** A speaker label: starts with a letter; letters, digits, spaces and . _ ' - ( ) # / &. */
const LABEL_BODY = String.raw`\p{L}[\p{L}\p{M}\p{N}_.'\u2019()#/& -]{0,39}?`;

/** `Name: text` (the colon must be followed by a space or the end of the line). */
const NAME_COLON = new RegExp(String.raw`^(${LABEL_BODY})\s*:(?:\s+|$)`, 'u');

/** `[Name] text` or `[Name]: text`. */
const NAME_BRACKET = new RegExp(String.raw`^\[(${LABEL_BODY})\]\s*:?(?:\s+|$)`, 'u');

/** Bracketed words that are transcriber annotations, not speakers (`[inaudible]`, `[music]`). */
const ANNOTATION_WORDS =
  /^(?:inaudible|unintelligible|indistinct|crosstalk|cross talk|laugh\w*|chuckl\w*|music|applause|silence|pause|long pause|crying|cries|sigh\w*|cough\w*|noise|background noise|sound|blank_audio|blank audio|no speech|foreign|static|beep|phone ringing|door \w+|overlapping|interruption|redacted|unclear|clears throat|sniff\w*|whisper\w*|tearful|nods|silent)$/i;

const MAX_LABEL_WORDS = 5;

export interface Prefixed {
  label: string;
  /** The rest of the text after the prefix (trimmed). */
  rest: string;
}

/** `Name: text` → label and text; null when the line has no plausible speaker prefix. */
export function colonPrefix(text: string): Prefixed | null {
  const m = NAME_COLON.exec(text);
  if (!m) return null;
  const label = (m[1] ?? '').trim();
  if (!plausibleLabel(label)) return null;
  return { label, rest: text.slice(m[0].length).trim() };
}

/** `[Name] text` → label and text, unless the bracket holds an annotation like `[inaudible]`. */
export function bracketPrefix(text: string): Prefixed | null {
  const m = NAME_BRACKET.exec(text);
  if (!m) return null;
  const label = (m[1] ?? '').trim();
  if (!plausibleLabel(label) || ANNOTATION_WORDS.test(label)) return null;
  return { label, rest: text.slice(m[0].length).trim() };
}

function plausibleLabel(label: string): boolean {
  if (label === '') return false;
  let words = 1;
  for (let i = 0; i < label.length; i++) if (label.charCodeAt(i) === 32) words++;
  return words <= MAX_LABEL_WORDS;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};
const ENTITY = /&(amp|lt|gt|quot|apos|nbsp|lrm|rlm);/g;
const TAG = /<[^>]*>/g;
const ASS_OVERRIDE = /\{\\[^}]*\}/g;
const SPACES = /\s+/g;
const MARKUP = /[<&{]/;

/** Remove markup tags (`<i>`, `<c.x>`, `<00:01.000>`, `{\an8}`), decode entities, collapse spaces. */
export function stripMarkup(text: string): string {
  if (!MARKUP.test(text)) return text.replace(SPACES, ' ').trim();
  return text
    .replace(TAG, '')
    .replace(ASS_OVERRIDE, '')
    .replace(ENTITY, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(SPACES, ' ')
    .trim();
}
