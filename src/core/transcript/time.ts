/**
 * Clock times in transcripts ("01:02:03", "1:02:03.450", "02:03", "00:00:01,000") → seconds.
 */

/**
 * Source of a clock-time pattern with four capture groups: first, second, optional third part,
 * optional fraction. Two parts are MM:SS, three are H:MM:SS. Shared by every format's regex.
 */
export const CLOCK_SRC = String.raw`(\d{1,3}):(\d{1,2})(?::(\d{1,2}))?(?:[.,](\d{1,3}))?`;

/** Result of reading a clock time: seconds, or `undefined` when a part is out of range. */
export type ClockSeconds = number | undefined;

/**
 * Seconds from the four groups of {@link CLOCK_SRC}. Minutes and seconds must be below 60 (in
 * MM:SS the minutes may be larger, since there is no hour field).
 */
export function clockSeconds(
  a: string,
  b: string,
  c: string | undefined,
  frac: string | undefined,
): ClockSeconds {
  const fraction = frac ? Number(`0.${frac}`) : 0;
  const first = Number(a);
  const second = Number(b);
  if (c === undefined) {
    if (second >= 60) return undefined;
    return round3(first * 60 + second + fraction);
  }
  const third = Number(c);
  if (second >= 60 || third >= 60) return undefined;
  return round3(first * 3600 + second * 60 + third + fraction);
}

const CLOCK_ONLY = new RegExp(String.raw`^\s*${CLOCK_SRC}\s*$`);

/**
 * A whole string as a clock time. `null` when the string is not a clock time at all,
 * `undefined` when it is one but out of range.
 */
export function parseClock(text: string): ClockSeconds | null {
  const m = CLOCK_ONLY.exec(text);
  if (!m) return null;
  return clockSeconds(m[1] ?? '0', m[2] ?? '0', m[3], m[4]);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
