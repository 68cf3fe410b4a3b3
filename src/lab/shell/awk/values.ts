/**
 * awk's values: numbers, strings, and "strnums" — text from input (fields, split() elements,
 * -v and command-line assignments) that looks like a number, which compares as a number. An
 * uninitialised variable is the strnum "" with value 0: a number beside a number, a string beside
 * a string (POSIX's comparison table).
 */

/** Input text that looks numeric: it keeps its text (print shows it) and compares as a number. */
export class StrNum {
  constructor(readonly text: string, readonly num: number) {}
}

export type AwkValue = number | string | StrNum;

/** The value of a variable or element never assigned. */
export const UNINIT = new StrNum('', 0);

const NUMERIC_PREFIX = /^[ \t\n\r\f\v]*[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?/;
const LOOKS_NUMERIC = /^[ \t\n\r\f\v]*[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?[ \t\n\r\f\v]*$/;

/** strtod's reading of a string as gawk does it: the longest numeric prefix, 0 when there is none. */
function stringToNumber(s: string): number {
  const m = NUMERIC_PREFIX.exec(s);
  return m ? Number(m[0].trim()) : 0;
}

/** Input text as awk keeps it: a strnum when all of it looks like a number, else a string. */
export function inputValue(text: string): AwkValue {
  return LOOKS_NUMERIC.test(text) ? new StrNum(text, Number(text.trim())) : text;
}

export function toNumber(v: AwkValue): number {
  if (typeof v === 'number') return v;
  if (v instanceof StrNum) return v.num;
  return stringToNumber(v);
}

/** Whether a value takes part in a comparison as a number. */
export function isNumeric(v: AwkValue): boolean {
  return typeof v === 'number' || v instanceof StrNum;
}

export function toBoolean(v: AwkValue): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v instanceof StrNum) return v.num !== 0;
  return v !== '';
}

/**
 * A number as text (gawk's format_val): an integral value as its digits (-0 as 0), anything
 * else through `format` (CONVFMT, or OFMT for print), which the caller applies.
 */
export function numberToString(n: number, format: (n: number) => string): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return format(n);
}

/** Byte-wise comparison of two strings, as gawk's cmp_nodes does outside POSIX mode. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
