/**
 * PDFKit's built-in fonts (Helvetica) encode text as WinAnsi (Windows-1252): a character outside
 * it is written as a garbage code. Every string that goes into the PDF passes through here first:
 * characters in the set are kept, common ones outside it are transliterated (arrows, dashes,
 * ligatures, accented letters from other Latin alphabets, Cyrillic and Greek letters, so that a
 * client's name stays readable), and whatever is left becomes `?` and is counted, so the document
 * can say that some characters could not be shown.
 */

/** Unicode code points above U+00FF that WinAnsi has (its 0x80–0x9F range). */
const WINANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014,
  0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039,
  0x203a, 0x20ac, 0x2122,
]);

/** Transliterations for characters Unicode decomposition does not reduce to WinAnsi. */
const TRANSLITERATE: Readonly<Record<string, string>> = {
  '\t': ' ',
  '\u2028': '\n',
  '\u2029': '\n',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '\u2014',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u201b': "'",
  '\u201f': '"',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2194': '<->',
  '\u21d2': '=>',
  '\u2191': 'up',
  '\u2193': 'down',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2610': '[ ]',
  '\u2611': '[x]',
  '\u2612': '[x]',
  '\u2713': '[x]',
  '\u2714': '[x]',
  '\u26a0': '!',
  '\u2605': '*',
  '\u25cf': '\u2022',
  '\u25aa': '\u2022',
  '\u0131': 'i',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0126': 'H',
  '\u0127': 'h',
  '\u1e9e': 'SS',
  '\u0259': 'e',
  '\u018f': 'E',
};

/** Lower-case Cyrillic and Greek letters in Latin (a simple, readable romanisation). */
// prettier-ignore
const SCRIPTS: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'yo', є: 'ye', ж: 'zh', з: 'z',
  и: 'i', і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c',
  џ: 'dz', ѓ: 'g', ќ: 'k', ѕ: 'dz',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l',
  μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f',
  χ: 'ch', ψ: 'ps', ω: 'o',
};

function romanise(ch: string): string | undefined {
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
  const lower = base.toLowerCase();
  const latin = SCRIPTS[lower];
  if (latin === undefined) return undefined;
  return base !== lower ? latin.charAt(0).toUpperCase() + latin.slice(1) : latin;
}

function encodable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xff && cp !== 0xad) ||
    WINANSI_EXTRA.has(cp)
  );
}

function allEncodable(s: string): boolean {
  for (const ch of s) if (!encodable(ch.codePointAt(0) ?? 0)) return false;
  return true;
}

/** Characters to drop silently: controls, zero-width and format characters, combining marks. */
const DROP = /^[\p{Cc}\p{Cf}\p{M}\u00ad]$/u;

export interface WinAnsiText {
  text: string;
  /** How many characters could not be shown and were replaced with `?`. */
  replaced: number;
}

export function toWinAnsi(input: string): WinAnsiText {
  let text = '';
  let replaced = 0;
  const prepared = input
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    // The Greek digraph ου reads "ou", not "oy".
    .replace(/ο[υύ]/g, 'ou')
    .replace(/Ο[υύ]/g, 'Ou')
    .replace(/Ο[ΥΎ]/g, 'OU');
  for (const ch of prepared) {
    const cp = ch.codePointAt(0) ?? 0;
    if (encodable(cp)) {
      text += ch;
      continue;
    }
    const mapped = TRANSLITERATE[ch];
    if (mapped !== undefined) {
      text += mapped;
      continue;
    }
    // Compatibility decomposition without the accents: ﬁ → fi, ő → o, ｆ → f, ² stays ².
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    if (base.length > 0 && base !== ch && allEncodable(base)) {
      text += base;
      continue;
    }
    const latin = romanise(ch);
    if (latin !== undefined) {
      text += latin;
      continue;
    }
    if (DROP.test(ch) || /^\p{M}*$/u.test(base)) continue;
    if (/^\s$/u.test(ch)) {
      text += ' ';
      continue;
    }
    text += '?';
    replaced += 1;
  }
  return { text, replaced };
}
