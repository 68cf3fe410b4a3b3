import { collate } from './collate.ts';

/**
 * sort's keys as sort.c finds and compares them: -k POS1[,POS2] fields (begfield, limfield),
 * the ordering letters of set_ordering, and keycompare with strnumcmp for -n.
 */

/** A key: zero-based start field and characters, end field and characters, and how it compares. */
export interface SortKey {
  /** Zero-based field the key starts in; Infinity: the line's start (-k1 and the global key). */
  sword: number;
  /** Characters to skip in the start field. */
  schar: number;
  /** Zero-based field the key ends in; Infinity: the line's end. */
  eword: number;
  /** Characters of the end field included; 0: all of it. */
  echar: number;
  skipStartBlanks: boolean;
  skipEndBlanks: boolean;
  numeric: boolean;
  foldCase: boolean;
  reverse: boolean;
}

/** The ordering letters sort knows but the lab does not simulate. */
export const UNSUPPORTED_ORDERING = 'dghiMRV';

/** A key over the whole line with no ordering options (key_init). */
export const wholeLineKey = (): SortKey => ({
  sword: Infinity, schar: 0, eword: Infinity, echar: 0, skipStartBlanks: false, skipEndBlanks: false, numeric: false, foldCase: false, reverse: false,
});

/** set_ordering for one letter: `b` applies to the key's start, end or both. */
export function setOrdering(letter: string, key: SortKey, blanks: 'start' | 'end' | 'both'): void {
  if (letter === 'b') {
    if (blanks !== 'end') key.skipStartBlanks = true;
    if (blanks !== 'start') key.skipEndBlanks = true;
  } else if (letter === 'f') key.foldCase = true;
  else if (letter === 'n') key.numeric = true;
  else if (letter === 'r') key.reverse = true;
}

/** parse_field_count: a decimal count at the start of `s` and what follows it, or null. */
function fieldCount(s: string): { value: number; rest: string } | null {
  const m = /^[ \t\n\v\f\r]*\+?(\d+)/.exec(s);
  return m ? { value: Number(m[1]), rest: s.slice(m[0].length) } : null;
}

/** Ordering letters after a position; the text left at the first other character. */
function orderingLetters(s: string, key: SortKey, blanks: 'start' | 'end'): string | { unsupported: string } {
  let i = 0;
  for (; i < s.length && 'bdfghiMnRrV'.includes(s[i]!); i++) {
    if (UNSUPPORTED_ORDERING.includes(s[i]!)) return { unsupported: s[i]! };
    setOrdering(s[i]!, key, blanks);
  }
  return s.slice(i);
}

/** The key of `-k SPEC`, or sort's message (without the `sort: ` prefix) for a bad one. */
export function parseKeySpec(spec: string): SortKey | string {
  const key = wholeLineKey();
  const bad = (why: string): string => `${why}: invalid field specification ‘${spec}’`;
  const countError = (what: string, s: string): string => `${what}: invalid count at start of ‘${s}’`;
  const start = fieldCount(spec);
  if (!start) return countError('invalid number at field start', spec);
  if (start.value === 0) return bad('field number is zero');
  key.sword = start.value - 1;
  let s = start.rest;
  if (s.startsWith('.')) {
    const c = fieldCount(s.slice(1));
    if (!c) return countError("invalid number after '.'", s.slice(1));
    if (c.value === 0) return bad('character offset is zero');
    key.schar = c.value - 1;
    s = c.rest;
  }
  if (key.sword === 0 && key.schar === 0) key.sword = Infinity;
  const afterStart = orderingLetters(s, key, 'start');
  if (typeof afterStart !== 'string') return `lab: sort -k with '${afterStart.unsupported}' is not simulated`;
  s = afterStart;
  if (s.startsWith(',')) {
    const e = fieldCount(s.slice(1));
    if (!e) return countError("invalid number after ','", s.slice(1));
    if (e.value === 0) return bad('field number is zero');
    key.eword = e.value - 1;
    s = e.rest;
    if (s.startsWith('.')) {
      const c = fieldCount(s.slice(1));
      if (!c) return countError("invalid number after '.'", s.slice(1));
      key.echar = c.value;
      s = c.rest;
    }
    const afterEnd = orderingLetters(s, key, 'end');
    if (typeof afterEnd !== 'string') return `lab: sort -k with '${afterEnd.unsupported}' is not simulated`;
    s = afterEnd;
  }
  if (s !== '') return bad('stray character in field spec');
  return key;
}

/** sort's blanks: isblank() and newline. */
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n';

/** begfield: where the key starts in the line. */
function keyStart(line: string, key: SortKey, tab: string | undefined): number {
  let p = 0;
  const lim = line.length;
  for (let w = key.sword; p < lim && w > 0; w--) {
    if (tab !== undefined) {
      while (p < lim && line[p] !== tab) p++;
      if (p < lim) p++;
    } else {
      while (p < lim && isBlank(line[p])) p++;
      while (p < lim && !isBlank(line[p])) p++;
    }
  }
  if (key.skipStartBlanks) while (p < lim && isBlank(line[p])) p++;
  return Math.min(lim, p + key.schar);
}

/** limfield: where the key ends in the line (one past its last character). */
function keyLimit(line: string, key: SortKey, tab: string | undefined): number {
  let p = 0;
  const lim = line.length;
  let eword = key.echar === 0 ? key.eword + 1 : key.eword;
  while (p < lim && eword-- > 0) {
    if (tab !== undefined) {
      while (p < lim && line[p] !== tab) p++;
      // The separator ends the field unless a character position follows.
      if (p < lim && (eword > 0 || key.echar !== 0)) p++;
    } else {
      while (p < lim && isBlank(line[p])) p++;
      while (p < lim && !isBlank(line[p])) p++;
    }
  }
  if (key.echar !== 0) {
    if (key.skipEndBlanks) while (p < lim && isBlank(line[p])) p++;
    p = Math.min(lim, p + key.echar);
  }
  return p;
}

/** The text of a key in a line (a limit before the start gives an empty key). */
function keyText(line: string, key: SortKey, tab: string | undefined): string {
  const limit = key.eword === Infinity ? line.length : keyLimit(line, key, tab);
  let start: number;
  if (key.sword !== Infinity) start = keyStart(line, key, tab);
  else {
    start = 0;
    if (key.skipStartBlanks) while (start < limit && isBlank(line[start])) start++;
  }
  return line.slice(start, Math.max(start, limit));
}

/** A number as strnumcmp reads it: sign, integer digits (`,` groups skipped), fraction digits. */
function readNumber(text: string): { sign: -1 | 0 | 1; int: string; frac: string } {
  const m = /^[ \t\n]*(-?)([\d,]*)(?:\.(\d*))?/.exec(text)!;
  const int = m[2]!.replace(/,/g, '').replace(/^0+/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return { sign: int === '' && frac === '' ? 0 : m[1] === '-' ? -1 : 1, int, frac };
}

/** numcompare: the keys as decimal numbers, without converting them (any length). */
function compareNumbers(a: string, b: string): number {
  const x = readNumber(a);
  const y = readNumber(b);
  if (x.sign !== y.sign) return x.sign - y.sign;
  const magnitude = x.int.length - y.int.length || (x.int < y.int ? -1 : x.int > y.int ? 1 : 0) || (x.frac < y.frac ? -1 : x.frac > y.frac ? 1 : 0);
  return x.sign * magnitude;
}

/** -f (and uniq -i): ASCII lowercase letters folded to uppercase, as toupper in the C type tables. */
export const foldUpper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

/** keycompare: the first key that differs decides, reversed by its -r. */
export function compareKeys(a: string, b: string, keys: readonly SortKey[], tab: string | undefined): number {
  for (const key of keys) {
    let ta = keyText(a, key, tab);
    let tb = keyText(b, key, tab);
    if (key.foldCase) {
      ta = foldUpper(ta);
      tb = foldUpper(tb);
    }
    const diff = key.numeric ? compareNumbers(ta, tb) : ta === '' ? -Number(tb !== '') : tb === '' ? 1 : collate(ta, tb);
    if (diff !== 0) return key.reverse ? -diff : diff;
  }
  return 0;
}
