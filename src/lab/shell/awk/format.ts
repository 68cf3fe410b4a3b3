import { toNumber, type AwkValue } from './values.ts';

/**
 * printf/sprintf formatting as gawk's format_tree does it: C's conversions `%c %d %i %o %x %X %u
 * %e %E %f %F %g %G %s %%` with the flags `- + space # 0`, a width and precision (either may be
 * `*`), and `h l L` length modifiers ignored.
 */

/** Widths and precisions past this are refused rather than building a huge string. */
const MAX_WIDTH = 100_000;

interface Spec {
  readonly flags: string;
  width: number;
  readonly precision: number | undefined;
  readonly conversion: string;
}

/** Pads `body` (after `sign`) to the width: spaces left or right, or zeros between sign and digits. */
function pad(spec: Spec, sign: string, body: string, zeroAllowed: boolean): string {
  const length = sign.length + body.length;
  if (length >= spec.width) return sign + body;
  const fill = spec.width - length;
  if (spec.flags.includes('-')) return sign + body + ' '.repeat(fill);
  if (spec.flags.includes('0') && zeroAllowed) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}

function signOf(negative: boolean, flags: string): string {
  return negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
}

/**
 * When `abs` · 10^digits lies exactly halfway between two integers, the lower one (k of k + ½).
 * JavaScript's toFixed and toExponential round such ties up; glibc's printf rounds them to even.
 */
function tieBelow(abs: number, digits: number): bigint | undefined {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = biased === 0 ? -1074 : biased - 1075;
  // abs · 10^digits · 2 = mantissa · 2^(exponent + 1) · 10^digits must be an odd integer.
  const numerator = mantissa * 2n ** BigInt(Math.max(exponent + 1, 0)) * 10n ** BigInt(Math.max(digits, 0));
  const denominator = 2n ** BigInt(Math.max(-(exponent + 1), 0)) * 10n ** BigInt(Math.max(-digits, 0));
  if (numerator % denominator !== 0n) return undefined;
  const twice = numerator / denominator;
  return twice % 2n === 1n ? (twice - 1n) / 2n : undefined;
}

/** %e's digits, C's way: ties to even, at least two exponent digits. */
function exponential(abs: number, precision: number): string {
  const digits = Math.min(precision, 100);
  let text = abs.toExponential(digits);
  const exponent = Number(text.split('e')[1]);
  const below = abs === 0 ? undefined : tieBelow(abs, digits - exponent);
  if (below !== undefined && below % 2n === 0n) {
    const mantissa = below.toString();
    text = `${mantissa[0]}${digits > 0 ? `.${mantissa.slice(1)}` : ''}e${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  }
  return text.replace(/e([-+])(\d)$/, 'e$10$2');
}

/** %f's digits, C's way: ties to even, and every digit of a large value. */
function fixed(abs: number, precision: number): string {
  if (abs >= 1e21) return BigInt(abs).toString() + (precision > 0 ? `.${'0'.repeat(precision)}` : '');
  const digits = Math.min(precision, 100);
  const below = tieBelow(abs, digits);
  if (below === undefined || below % 2n === 1n) return abs.toFixed(digits);
  const text = below.toString().padStart(digits + 1, '0');
  return digits > 0 ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
}

/** %e, %f, %g and their capitals. */
function formatFloat(spec: Spec, value: number): string {
  const { flags, conversion } = spec;
  const upper = conversion === conversion.toUpperCase();
  const negative = value < 0 || Object.is(value, -0);
  const sign = signOf(negative, flags);
  if (!Number.isFinite(value)) {
    const word = Number.isNaN(value) ? 'nan' : 'inf';
    return pad(spec, sign, upper ? word.toUpperCase() : word, false);
  }
  const abs = Math.abs(value);
  let precision = spec.precision ?? 6;
  let body: string;
  const lower = conversion.toLowerCase();
  if (lower === 'f') body = fixed(abs, precision);
  else if (lower === 'e') body = exponential(abs, precision);
  else {
    if (precision === 0) precision = 1;
    const exponent = abs === 0 ? 0 : Number(exponential(abs, precision - 1).split('e')[1]);
    body = exponent < precision && exponent >= -4 ? fixed(abs, precision - 1 - exponent) : exponential(abs, precision - 1);
    if (!flags.includes('#')) {
      const [mantissa, exp] = body.split('e') as [string, string | undefined];
      body = (mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa) + (exp === undefined ? '' : `e${exp}`);
    }
  }
  if (flags.includes('#') && !body.includes('.')) body = body.replace(/^(\d+)/, '$1.');
  if (upper) body = body.toUpperCase();
  return pad(spec, sign, body, true);
}

/** %d %i %o %x %X %u. */
function formatInteger(spec: Spec, value: number): string {
  const { flags, conversion } = spec;
  if (!Number.isFinite(value)) return formatFloat({ ...spec, conversion: 'f' }, value);
  let n = BigInt(Math.trunc(value));
  const signed = conversion === 'd' || conversion === 'i';
  // Unsigned conversions of a negative value print its 64-bit two's complement, as C's do.
  if (!signed && n < 0n) n = BigInt.asUintN(64, n);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let digits = conversion === 'o' ? abs.toString(8) : conversion === 'x' ? abs.toString(16) : conversion === 'X' ? abs.toString(16).toUpperCase() : abs.toString();
  if (spec.precision !== undefined) digits = spec.precision === 0 && abs === 0n ? '' : digits.padStart(spec.precision, '0');
  let prefix = signed ? signOf(negative, flags) : '';
  if (flags.includes('#') && abs !== 0n) {
    if (conversion === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
    if (conversion === 'x') prefix = '0x';
    if (conversion === 'X') prefix = '0X';
  }
  return pad(spec, prefix, digits, spec.precision === undefined);
}

/** The formatted text, or gawk's fatal message when the arguments run out (or a width is absurd). */
export function awkSprintf(format: string, args: readonly AwkValue[], toText: (v: AwkValue) => string): { text: string } | { error: string } {
  let text = '';
  let next = 0;
  const spec = /%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?[hlLqjzt]*([a-zA-Z%])?/y;
  for (let i = 0; i < format.length;) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      text += format.slice(i);
      break;
    }
    text += format.slice(i, percent);
    spec.lastIndex = percent;
    const m = spec.exec(format)!;
    i = spec.lastIndex;
    const conversion = m[4];
    if (conversion === '%') {
      text += '%';
      continue;
    }
    if (conversion === undefined || !'cdiouxXeEfFgGs'.includes(conversion)) {
      text += m[0];
      continue;
    }
    const ranOut = (): { error: string } => ({
      error: `not enough arguments to satisfy format string\n\t\`${format}'\n\t${' '.repeat(i - 1)}^ ran out for this one`,
    });
    const take = (): AwkValue | undefined => args[next++];
    let width = 0;
    let flags = m[1]!;
    if (m[2] === '*') {
      const w = take();
      if (w === undefined) return ranOut();
      width = Math.trunc(toNumber(w));
      if (width < 0) {
        flags += '-';
        width = -width;
      }
    } else if (m[2] !== undefined) width = Number(m[2]);
    let precision: number | undefined;
    if (m[3] === '*') {
      const p = take();
      if (p === undefined) return ranOut();
      precision = Math.trunc(toNumber(p));
      if (precision < 0) precision = undefined;
    } else if (m[3] !== undefined) precision = Number(m[3] || '0');
    if (width > MAX_WIDTH || (precision ?? 0) > MAX_WIDTH) return { error: `lab: awk: a printf width or precision over ${MAX_WIDTH} is not supported` };
    const arg = take();
    if (arg === undefined) return ranOut();
    const s: Spec = { flags, width, precision, conversion };
    if (conversion === 's') {
      const str = toText(arg);
      text += pad(s, '', precision === undefined ? str : str.slice(0, precision), false);
    } else if (conversion === 'c') {
      // A number prints the character of that code; anything else (input text too) its first character.
      const code = Math.trunc(toNumber(arg));
      const char = typeof arg === 'number' ? (code >= 0 && code < 0x110000 ? String.fromCodePoint(code) : '') : toText(arg).slice(0, 1);
      text += pad(s, '', char, false);
    } else if ('diouxX'.includes(conversion)) text += formatInteger(s, toNumber(arg));
    else text += formatFloat(s, toNumber(arg));
  }
  return { text };
}
