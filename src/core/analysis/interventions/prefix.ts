/**
 * Literal word-prefixes that every match of a cue pattern must start with (up to 3 letters),
 * derived from the regex source. Used to index cues by the words of a turn, so each turn runs
 * only the few cue regexes whose first word occurs in it. Returns null when the pattern's start
 * cannot be bounded (the cue is then tried on every turn).
 */

type Node =
  | { t: 'lit'; c: string }
  | { t: 'eps' }
  | { t: 'any' }
  | { t: 'set'; cs: string[] }
  | { t: 'group'; alts: Item[][] };

interface Item {
  node: Node;
  /** '' once, '?' optional, '*' zero or more, '+' one or more */
  q: '' | '?' | '*' | '+';
}

/** Longest word prefix used as an index key. */
export const MAX_PREFIX = 4;
const MAX = MAX_PREFIX;
const LIMIT = 300;
const WORD = /[a-z0-9]/;

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  alt(): Item[][] {
    const alts: Item[][] = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.seq());
    }
    return alts;
  }

  seq(): Item[] {
    const items: Item[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const node = this.atom();
      items.push({ node, q: this.quant() });
    }
    return items;
  }

  atom(): Node {
    const c = this.s[this.i++] ?? '';
    if (c === '(') {
      if (this.s[this.i] === '?') {
        // (?: …) is a plain group; lookarounds are zero-width.
        const kind = this.s.slice(this.i, this.i + 3);
        if (kind.startsWith('?:')) this.i += 2;
        else {
          this.i += kind.startsWith('?<') ? 3 : 2;
          this.alt();
          this.i++;
          return { t: 'eps' };
        }
      }
      const alts = this.alt();
      this.i++; // ')'
      return { t: 'group', alts };
    }
    if (c === '\\') {
      const e = this.s[this.i++] ?? '';
      if (e === 'b' || e === 'B') return { t: 'eps' };
      if (/[wdsWDS]/.test(e)) return { t: 'any' };
      return { t: 'lit', c: e };
    }
    if (c === '[') {
      const close = this.s.indexOf(']', this.i);
      const body = this.s.slice(this.i, close < 0 ? this.s.length : close);
      this.i = close < 0 ? this.s.length : close + 1;
      if (body.startsWith('^') || body.includes('-') || body.includes('\\') || body.length > 8) {
        return { t: 'any' };
      }
      return { t: 'set', cs: body.split('') };
    }
    if (c === '.') return { t: 'any' };
    if (c === '^' || c === '$') return { t: 'eps' };
    return { t: 'lit', c };
  }

  quant(): Item['q'] {
    const c = this.s[this.i];
    let q: Item['q'] = '';
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      q = c;
    } else if (c === '{') {
      const close = this.s.indexOf('}', this.i);
      const min = Number(this.s.slice(this.i + 1, close).split(',')[0] ?? '1');
      this.i = close + 1;
      q = min === 0 ? '*' : '+';
    }
    if (this.s[this.i] === '?') this.i++; // lazy
    return q;
  }
}

class TooMany extends Error {}

function expand(items: readonly Item[], acc: string, out: Set<string>): void {
  if (out.size > LIMIT) throw new TooMany();
  if (acc.length >= MAX) {
    out.add(acc.slice(0, MAX));
    return;
  }
  const [first, ...rest] = items;
  if (!first) {
    out.add(acc);
    return;
  }
  const { node, q } = first;
  if (q === '?' || q === '*') expand(rest, acc, out);
  // For repeats, one copy of the atom then stop (later letters may come from another repeat).
  const next = q === '*' || q === '+' ? [] : rest;
  switch (node.t) {
    case 'eps':
      expand(next, acc, out);
      return;
    case 'any':
      out.add(acc);
      return;
    case 'lit':
      if (WORD.test(node.c)) expand(next, acc + node.c, out);
      else out.add(acc);
      return;
    case 'set':
      for (const c of node.cs) {
        if (WORD.test(c)) expand(next, acc + c, out);
        else out.add(acc);
      }
      return;
    case 'group':
      for (const alt of node.alts) expand([...alt, ...next], acc, out);
      return;
  }
}

export function firstPrefixes(pattern: string): string[] | null {
  try {
    const p = new Parser(pattern);
    const alts = p.alt();
    if (p.i < pattern.length) return null;
    const out = new Set<string>();
    for (const alt of alts) expand(alt, '', out);
    if (out.has('')) return null;
    return [...out];
  } catch (e) {
    if (e instanceof TooMany) return null;
    throw e;
  }
}

/** The 1–3 letter prefixes of every word in a flattened text. */
export function wordPrefixes(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.split(' ')) {
    if (w === '' || w === '|') continue;
    const word = w.replace(/^'+/, '');
    for (let n = 1; n <= Math.min(MAX, word.length); n++) out.add(word.slice(0, n));
  }
  return out;
}

/** Frequent word starts: poor index keys (most turns have them). */
const COMMON = new Set(
  [
    'the you thi tha wha and for wit but not are was can how whe it a i im is in on do so go as if no my me we be to of or at',
    'what that this ther thei they them then than your with have had has when wher whic who why',
    'will woul coul shou did does don just like know thin abou some more its out get goin want',
    'feel time week make mayb okay yeah righ real one all any from into over back been bein very',
    'much even also let lets here now said say tell see look need good well them him her his she',
  ]
    .join(' ')
    .split(' '),
);

function keyCost(keys: readonly string[]): number {
  return keys.reduce((s, k) => s + (COMMON.has(k) ? 50 : k.length < 3 ? 20 : 1), 0);
}

/**
 * Like firstPrefixes, but may pick a later required word of the pattern when the first word is
 * a common one ("(the )?rationale for" is indexed by "rat", not "the"). Every match contains a
 * word starting with one of the returned prefixes.
 */
export function indexPrefixes(pattern: string): string[] | null {
  let alts: Item[][];
  try {
    const p = new Parser(pattern);
    alts = p.alt();
    if (p.i < pattern.length) return null;
  } catch {
    return null;
  }
  const keys = new Set<string>();
  for (const alt of alts) {
    let best: string[] | null = null;
    for (let k = 0; k < alt.length; k++) {
      const item = alt[k];
      if (!item || item.q === '?' || item.q === '*') continue;
      const prev = alt[k - 1];
      const atBoundary =
        k === 0 ||
        (prev?.node.t === 'lit' && prev.node.c === ' ' && prev.q === '') ||
        (prev?.node.t === 'group' &&
          prev.node.alts.every((a) => {
            const last = a[a.length - 1];
            return last?.node.t === 'lit' && last.node.c === ' ';
          }));
      if (!atBoundary) continue;
      const out = new Set<string>();
      try {
        expand(alt.slice(k), '', out);
      } catch (e) {
        if (e instanceof TooMany) continue;
        throw e;
      }
      if (out.has('') || out.size === 0) continue;
      const cand = [...out];
      if (!best || keyCost(cand) < keyCost(best)) best = cand;
    }
    if (!best) return null;
    for (const x of best) keys.add(x);
  }
  return [...keys];
}
