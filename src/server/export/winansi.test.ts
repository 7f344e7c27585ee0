import { describe, expect, it } from 'vitest';
import { toWinAnsi } from './winansi.js';

/** What PDFKit's Helvetica can encode (WinAnsi), as Unicode code points. */
function encodable(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff && cp !== 0xad))
    return true;
  return '\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc–—‘’‚“”„†‡•…‰‹›€™'.includes(
    ch,
  );
}

describe('toWinAnsi', () => {
  it('keeps Latin-1 and the WinAnsi extras unchanged', () => {
    const s = 'Zoë Åsa Müller-Ñúñez: “quoted” — ‘single’ – 5 € … • ß ½ © ™ Œuvre';
    expect(toWinAnsi(s)).toEqual({ text: s, replaced: 0 });
  });

  it('composes decomposed accents instead of dropping them', () => {
    expect(toWinAnsi('Jose\u0301 Zoe\u0308').text).toBe('José Zoë');
  });

  it('transliterates arrows, comparisons, boxes, dashes and ligatures', () => {
    expect(toWinAnsi('90 → 45, ≤ 3, ≥ 7, ☐ ☑ ‐ − ﬁnal ′').text).toBe(
      "90 -> 45, <= 3, >= 7, [ ] [x] - - final '",
    );
  });

  it('reduces letters of other Latin alphabets to their base letter', () => {
    expect(toWinAnsi('Łukasiewicz Dvořák Ősz Đorđe Yılmaz Nguyễn').text).toBe(
      'Lukasiewicz Dvorák Osz Dorde Yilmaz Nguyen',
    );
  });

  it('romanises Cyrillic and Greek so names stay readable', () => {
    expect(toWinAnsi('Ана Петрова, Юлія Щербак').text).toBe('Ana Petrova, Yuliya Shcherbak');
    expect(toWinAnsi('Σοφία Παπαδοπούλου').text).toBe('Sofia Papadopoulou');
  });

  it('drops invisible characters and turns other spaces into spaces', () => {
    expect(toWinAnsi('a\u200bb\ufeffc\u00add\u0007e\u2003f\tg\r\nh\u2028i')).toEqual({
      text: 'abcde f g\nh\ni',
      replaced: 0,
    });
  });

  it('replaces what it cannot show with ? and counts it', () => {
    expect(toWinAnsi('心理 🙂 ok ❤️')).toEqual({ text: '?? ? ok ?', replaced: 4 });
    expect(toWinAnsi('lone \ud800 surrogate')).toEqual({ text: 'lone ? surrogate', replaced: 1 });
  });

  it('never outputs a character the font cannot encode', () => {
    const samples: string[] = [];
    for (let cp = 0; cp < 0x3000; cp += 7) samples.push(String.fromCodePoint(cp));
    samples.push('👩‍⚕️', '𝒜𝓃𝒶', 'ｆｕｌｌ', 'עברית', 'العربية', 'हिन्दी', '한국어');
    for (const s of samples) {
      for (const ch of toWinAnsi(s).text)
        expect(encodable(ch), `from U+${s.codePointAt(0)?.toString(16)}`).toBe(true);
    }
  });
});
