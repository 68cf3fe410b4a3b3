/**
 * The lexer of gnulib's parse-datetime.y (yylex and lookup_word, coreutils 8.22): numbers with their
 * sign and digit count (`-05` is a signed number, so 2024-01-31 is three numbers), decimals with a
 * `.` or `,`, words looked up case-insensitively in its tables (month and day names and their
 * three-letter abbreviations, units with an optional plural `s`, zone names, military letters),
 * parenthesised comments skipped, and any other character as itself.
 */

/** A token; `value` is the number or the table's value, `ns` a decimal's nanoseconds. */
export interface Token {
  readonly type: TokenType;
  readonly value: number;
  readonly ns: number;
  readonly digits: number;
  readonly negative: boolean;
}

/** The grammar's tokens; `other` is any other character, which no production takes. */
export type TokenType =
  | 'unumber' | 'snumber' | 'udecimal' | 'sdecimal'
  | 'ago' | 'dst' | 'yearUnit' | 'monthUnit' | 'dayUnit' | 'hourUnit' | 'minuteUnit' | 'secUnit' | 'dayShift'
  | 'day' | 'dayZone' | 'meridian' | 'month' | 'ordinal' | 'zone' | 'T' | '@' | ':' | '/' | ',' | 'other' | 'end' | '?';

const PUNCTUATION: readonly TokenType[] = ['@', ':', '/', ','];

type Table = readonly (readonly [string, TokenType, number])[];

const HOUR = 60;

const MERIDIANS: Table = [['AM', 'meridian', 0], ['A.M.', 'meridian', 0], ['PM', 'meridian', 1], ['P.M.', 'meridian', 1]];

const MONTHS_AND_DAYS: Table = [
  ['JANUARY', 'month', 1], ['FEBRUARY', 'month', 2], ['MARCH', 'month', 3], ['APRIL', 'month', 4], ['MAY', 'month', 5],
  ['JUNE', 'month', 6], ['JULY', 'month', 7], ['AUGUST', 'month', 8], ['SEPTEMBER', 'month', 9], ['SEPT', 'month', 9],
  ['OCTOBER', 'month', 10], ['NOVEMBER', 'month', 11], ['DECEMBER', 'month', 12],
  ['SUNDAY', 'day', 0], ['MONDAY', 'day', 1], ['TUESDAY', 'day', 2], ['TUES', 'day', 2], ['WEDNESDAY', 'day', 3],
  ['WEDNES', 'day', 3], ['THURSDAY', 'day', 4], ['THUR', 'day', 4], ['THURS', 'day', 4], ['FRIDAY', 'day', 5], ['SATURDAY', 'day', 6],
];

const TIME_UNITS: Table = [
  ['YEAR', 'yearUnit', 1], ['MONTH', 'monthUnit', 1], ['FORTNIGHT', 'dayUnit', 14], ['WEEK', 'dayUnit', 7], ['DAY', 'dayUnit', 1],
  ['HOUR', 'hourUnit', 1], ['MINUTE', 'minuteUnit', 1], ['MIN', 'minuteUnit', 1], ['SECOND', 'secUnit', 1], ['SEC', 'secUnit', 1],
];

const RELATIVE_WORDS: Table = [
  ['TOMORROW', 'dayShift', 1], ['YESTERDAY', 'dayShift', -1], ['TODAY', 'dayShift', 0], ['NOW', 'dayShift', 0],
  ['LAST', 'ordinal', -1], ['THIS', 'ordinal', 0], ['NEXT', 'ordinal', 1], ['FIRST', 'ordinal', 1], ['THIRD', 'ordinal', 3],
  ['FOURTH', 'ordinal', 4], ['FIFTH', 'ordinal', 5], ['SIXTH', 'ordinal', 6], ['SEVENTH', 'ordinal', 7], ['EIGHTH', 'ordinal', 8],
  ['NINTH', 'ordinal', 9], ['TENTH', 'ordinal', 10], ['ELEVENTH', 'ordinal', 11], ['TWELFTH', 'ordinal', 12],
  ['AGO', 'ago', -1], ['HENCE', 'ago', 1],
];

/** universal_time_zone_table, then time_zone_table (minutes east). The local zone, UTC, is already universal. */
const ZONES: Table = [
  ['GMT', 'zone', 0], ['UT', 'zone', 0], ['UTC', 'zone', 0],
  ['WET', 'zone', 0], ['WEST', 'dayZone', 0], ['BST', 'dayZone', 0], ['ART', 'zone', -3 * HOUR], ['BRT', 'zone', -3 * HOUR],
  ['BRST', 'dayZone', -3 * HOUR], ['NST', 'zone', -(3 * HOUR + 30)], ['NDT', 'dayZone', -(3 * HOUR + 30)], ['AST', 'zone', -4 * HOUR],
  ['ADT', 'dayZone', -4 * HOUR], ['CLT', 'zone', -4 * HOUR], ['CLST', 'dayZone', -4 * HOUR], ['EST', 'zone', -5 * HOUR],
  ['EDT', 'dayZone', -5 * HOUR], ['CST', 'zone', -6 * HOUR], ['CDT', 'dayZone', -6 * HOUR], ['MST', 'zone', -7 * HOUR],
  ['MDT', 'dayZone', -7 * HOUR], ['PST', 'zone', -8 * HOUR], ['PDT', 'dayZone', -8 * HOUR], ['AKST', 'zone', -9 * HOUR],
  ['AKDT', 'dayZone', -9 * HOUR], ['HST', 'zone', -10 * HOUR], ['HAST', 'zone', -10 * HOUR], ['HADT', 'dayZone', -10 * HOUR],
  ['SST', 'zone', -12 * HOUR], ['WAT', 'zone', HOUR], ['CET', 'zone', HOUR], ['CEST', 'dayZone', HOUR], ['MET', 'zone', HOUR],
  ['MEZ', 'zone', HOUR], ['MEST', 'dayZone', HOUR], ['MESZ', 'dayZone', HOUR], ['EET', 'zone', 2 * HOUR], ['EEST', 'dayZone', 2 * HOUR],
  ['CAT', 'zone', 2 * HOUR], ['SAST', 'zone', 2 * HOUR], ['EAT', 'zone', 3 * HOUR], ['MSK', 'zone', 3 * HOUR], ['MSD', 'dayZone', 3 * HOUR],
  ['IST', 'zone', 5 * HOUR + 30], ['SGT', 'zone', 8 * HOUR], ['KST', 'zone', 9 * HOUR], ['JST', 'zone', 9 * HOUR], ['GST', 'zone', 10 * HOUR],
  ['NZST', 'zone', 12 * HOUR], ['NZDT', 'dayZone', 12 * HOUR],
];

/** military_table: A–M (but J) west, N–Y east, Z UTC; T is its own token, the ISO 8601 separator. */
function military(letter: string): readonly [TokenType, number] | undefined {
  if (letter === 'T') return ['T', 0];
  if (letter === 'Z') return ['zone', 0];
  const west = 'ABCDEFGHIKLM'.indexOf(letter);
  if (west >= 0) return ['zone', -(west + 1) * HOUR];
  const east = 'NOPQRSUVWXY'.indexOf(letter);
  if (east >= 0) return ['zone', (east < 6 ? east + 1 : east + 2) * HOUR];
  return undefined;
}

const find = (table: Table, word: string): readonly [TokenType, number] | undefined => {
  const hit = table.find(([name]) => name === word);
  return hit && [hit[1], hit[2]];
};

/** lookup_word: the word in upper case through the tables, in gnulib's order. */
function lookupWord(raw: string): readonly [TokenType, number] | undefined {
  const word = raw.replace(/[a-z]/g, (c) => c.toUpperCase());
  const meridian = find(MERIDIANS, word);
  if (meridian) return meridian;
  const abbrev = word.length === 3 || (word.length === 4 && word[3] === '.');
  const monthOrDay = MONTHS_AND_DAYS.find(([name]) => (abbrev ? name.startsWith(word.slice(0, 3)) : name === word));
  if (monthOrDay) return [monthOrDay[1], monthOrDay[2]];
  const found = find(ZONES, word) ?? (word === 'DST' ? (['dst', 0] as const) : undefined) ?? find(TIME_UNITS, word)
    ?? (word.endsWith('S') ? find(TIME_UNITS, word.slice(0, -1)) : undefined) ?? find(RELATIVE_WORDS, word)
    ?? (word.length === 1 ? military(word) : undefined);
  if (found) return found;
  return word.includes('.') ? find(ZONES, word.replace(/\./g, '')) : undefined;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && ' \t\n\v\f\r'.includes(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);

const token = (type: TokenType, value = 0, extra: Partial<Token> = {}): Token => ({ type, value, ns: 0, digits: 0, negative: false, ...extra });

/** 2^63: a long's limit, which gnulib's checks keep numbers within. */
const LONG_LIMIT = 2n ** 63n;

/** The tokens of the text, ending with `end` (or with `?` where yylex gives up). */
export function lexDatetime(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    while (isSpace(text[i])) i++;
    const c = text[i];
    if (c === undefined) break;
    if (isDigit(c) || c === '-' || c === '+') {
      let sign = 0;
      if (c === '-' || c === '+') {
        sign = c === '-' ? -1 : 1;
        do i++;
        while (isSpace(text[i]));
        // A sign before anything but a digit is skipped.
        if (!isDigit(text[i])) continue;
      }
      const start = i;
      while (isDigit(text[i])) i++;
      const digits = text.slice(start, i);
      const big = BigInt(digits);
      if (sign < 0 ? big > LONG_LIMIT : big >= LONG_LIMIT) {
        tokens.push(token('?'));
        break;
      }
      const value = Number(digits);
      if ((text[i] === '.' || text[i] === ',') && isDigit(text[i + 1])) {
        i++;
        // The fraction to nanoseconds, truncated towards -Infinity.
        const fraction = /^\d*/.exec(text.slice(i))![0];
        i += fraction.length;
        let ns = Number(fraction.slice(0, 9).padEnd(9, '0'));
        if (sign < 0 && /[1-9]/.test(fraction.slice(9))) ns++;
        let sec = sign < 0 ? -value : value;
        if (sign < 0 && ns) {
          sec--;
          ns = 1e9 - ns;
        }
        tokens.push(token(sign ? 'sdecimal' : 'udecimal', sec, { ns }));
      } else {
        tokens.push(token(sign ? 'snumber' : 'unumber', sign < 0 ? -value : value, { digits: digits.length, negative: sign < 0 }));
      }
      continue;
    }
    if (isAlpha(c)) {
      const start = i;
      do i++;
      while (isAlpha(text[i]) || text[i] === '.');
      // yylex keeps 19 characters of a word.
      const found = lookupWord(text.slice(start, Math.min(i, start + 19)));
      if (!found) {
        tokens.push(token('?'));
        break;
      }
      tokens.push(token(found[0], found[1]));
      continue;
    }
    if (c !== '(') {
      tokens.push(token(PUNCTUATION.find((p) => p === c) ?? 'other'));
      i++;
      continue;
    }
    // A comment in parentheses, which may nest; one left open ends the input.
    let depth = 0;
    do {
      const d = text[i++];
      if (d === undefined) return [...tokens, token('end')];
      if (d === '(') depth++;
      else if (d === ')') depth--;
    } while (depth !== 0);
  }
  tokens.push(token('end'));
  return tokens;
}
