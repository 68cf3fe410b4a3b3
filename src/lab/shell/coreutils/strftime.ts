import { mktime, type Tm } from './broken-down-time.ts';

/**
 * fprintftime as coreutils 8.22 builds it from gnulib's lib/strftime.c (strftime_case_, 2013):
 * `%` then flags (`_` `-` `0` pad numbers with spaces, nothing or zeros; `^` upper case; `#`
 * swapped case), a field width, a modifier (E, O) and a conversion. Numbers are laid out by
 * gnulib itself (do_number_sign_and_padding); names and the locale's formats (%a %A %b %B %c %p %r
 * %x %X) come from glibc's strftime ("underlying_strftime", as _NL_CURRENT is glibc's own), then
 * take the case flags and the width, padded with spaces (zeros with `0`, spaces even with `-`).
 * An unknown conversion is printed as written, from its `%` (bad_format).
 */

/** A locale's LC_TIME data, as glibc 2.17's strftime uses it. */
export interface TimeLocale {
  readonly abday: readonly string[];
  readonly day: readonly string[];
  readonly abmon: readonly string[];
  readonly mon: readonly string[];
  readonly amPm: readonly [string, string];
  /** %c, %x, %X and %r. */
  readonly dTFmt: string;
  readonly dFmt: string;
  readonly tFmt: string;
  readonly tFmtAmpm: string;
}

const ABDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ABMON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MON = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The C/POSIX locale (glibc's C-time.c). */
export const C_TIME: TimeLocale = {
  abday: ABDAY, day: DAY, abmon: ABMON, mon: MON, amPm: ['AM', 'PM'],
  dTFmt: '%a %b %e %H:%M:%S %Y', dFmt: '%m/%d/%y', tFmt: '%H:%M:%S', tFmtAmpm: '%I:%M:%S %p',
};

/** en_US.UTF-8 (glibc 2.17's localedata/locales/en_US), the console's LANG. */
export const EN_US_TIME: TimeLocale = {
  abday: ABDAY, day: DAY, abmon: ABMON, mon: MON, amPm: ['AM', 'PM'],
  dTFmt: '%a %d %b %Y %r %Z', dFmt: '%m/%d/%Y', tFmt: '%r', tFmtAmpm: '%I:%M:%S %p',
};

/** The widest field the lab pads (gnulib takes up to INT_MAX and writes that many bytes). */
export const MAX_FIELD_WIDTH = 65_536;

/** Thrown for a field width the lab will not write out. */
export class FieldTooWide extends Error {}

const INT_MAX = 2 ** 31 - 1;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
/** toupper/tolower in the C and UTF-8 locales: ASCII letters only, byte by byte. */
const upper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
const lower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** iso_week_days: days from the first day of the ISO week-numbering year to day YDAY of weekday WDAY. */
function isoWeekDays(yday: number, wday: number): number {
  const bigEnoughMultipleOf7 = (Math.trunc(366 / 7) + 2) * 7;
  return yday - ((yday - wday + 4 + bigEnoughMultipleOf7) % 7) + 3;
}

/** fprintftime (FORMAT, TM, ut = 0, NS) in the given locale. */
export function fprintftime(format: string, tm: Tm, ns: number, locale: TimeLocale): string {
  return strftimeCase(false, format, tm, ns, locale);
}

/**
 * glibc 2.17's strftime for one conversion that gnulib hands over, without flags or width. Its
 * layout is gnulib's but for the years: glibc prints %Y and %G in as many digits as they take
 * (DO_NUMBER (1, …)), %C likewise, and %y and %g as (year % 100 + 100) % 100.
 */
function underlying(modifier: string, conversion: string, tp: Tm, ns: number, loc: TimeLocale): string {
  const glibc = (format: string): string => strftimeCase(false, format, tp, ns, loc, true);
  switch (conversion) {
    case 'a': return loc.abday[tp.wday]!;
    case 'A': return loc.day[tp.wday]!;
    case 'b': case 'h': return loc.abmon[tp.mon]!;
    case 'B': return loc.mon[tp.mon]!;
    case 'p': return loc.amPm[tp.hour > 11 ? 1 : 0];
    case 'c': return glibc(loc.dTFmt);
    case 'x': return glibc(loc.dFmt);
    case 'X': return glibc(loc.tFmt);
    case 'r': return glibc(loc.tFmtAmpm);
    // glibc has no %N, and %O: is no conversion: it prints them as written.
    case 'N': case ':': return `%${modifier}${conversion}`;
    // %E and %O numbers: neither locale has eras or alternative digits, so glibc prints the plain number.
    default: return glibc(`%${conversion}`);
  }
}

/** What every conversion sees: the time, its nanoseconds, the locale, the 12-hour clock's hour, whose strftime runs. */
interface Context {
  readonly tp: Tm;
  readonly ns: number;
  readonly loc: TimeLocale;
  readonly hour12: number;
  readonly glibc: boolean;
}

/** One conversion as gnulib lays it out: its flags, width and modifier, and the text it writes. */
class Field {
  text = '';
  /** Non-zero for a number, which pads itself (the add macro pads only other text). */
  digits = 0;

  constructor(
    readonly ctx: Context,
    public pad: string,
    public width: number,
    public toUpp: boolean,
    public toLow: boolean,
    readonly changeCase: boolean,
    readonly modifier: string,
    public conversion: string,
  ) {}

  /** add(): the text, first padded to the width when it is not a number. */
  add(text: string): void {
    if (this.digits === 0 && text.length < this.width) this.text += (this.pad === '0' ? '0' : ' ').repeat(this.width - text.length);
    this.text += text;
  }

  /** cpy(): add() after the case flags. */
  cpy(text: string): void {
    this.add(this.toLow ? lower(text) : this.toUpp ? upper(text) : text);
  }

  /** `#` on a name: upper case. */
  swapToUpper(): void {
    if (this.changeCase) [this.toUpp, this.toLow] = [true, false];
  }

  /** `#` on %p and %Z: lower case. */
  swapToLower(): void {
    if (this.changeCase) [this.toUpp, this.toLow] = [false, true];
  }

  /** glibc's own text for this conversion. */
  underlying(): void {
    const { tp, ns, loc } = this.ctx;
    this.cpy(underlying(this.modifier, this.conversion, tp, ns, loc));
  }

  /** do_number_sign_and_padding: a number pads to DIGITS or the width, zeros after the sign, spaces before it. */
  signAndPadding(buf: string, negative: boolean, alwaysSign: boolean): void {
    const wanted = Math.max(this.digits, this.width);
    const sign = negative ? '-' : alwaysSign ? '+' : '';
    const padding = wanted - buf.length - sign.length;
    if (this.pad === '-' || padding <= 0) this.text += sign;
    else if (this.pad === '_') this.text += ' '.repeat(padding) + sign;
    else this.text += sign + '0'.repeat(padding);
    this.cpy(buf);
  }

  /** do_number_body: MAGNITUDE (an unsigned int) in decimal, with a colon before each digit TZ_COLON_MASK marks. */
  numberBody(digits: number, negative: boolean, magnitude: number, alwaysSign = false, tzColonMask = 0): void {
    this.digits = digits;
    if (this.modifier === 'O' && !negative) {
      this.underlying();
      return;
    }
    let u = ((magnitude % 2 ** 32) + 2 ** 32) % 2 ** 32;
    let mask = tzColonMask;
    let buf = '';
    do {
      if (mask & 1) buf = `:${buf}`;
      mask >>= 1;
      buf = `${u % 10}${buf}`;
      u = Math.floor(u / 10);
    } while (u !== 0 || mask !== 0);
    this.signAndPadding(buf, negative, alwaysSign);
  }

  /** DO_NUMBER: an int. */
  number(digits: number, value: number): void {
    this.numberBody(digits, value < 0, Math.abs(value));
  }

  /** DO_SIGNED_NUMBER: an unsigned value, and whether it stands for a negative one. */
  signedNumber(digits: number, negative: boolean, value: number): void {
    this.numberBody(digits, negative, negative ? -value : value);
  }

  /** DO_NUMBER_SPACEPAD: `_` unless `0` or `-` was given. */
  spacePadded(digits: number, value: number): void {
    if (this.pad !== '0' && this.pad !== '-') this.pad = '_';
    this.number(digits, value);
  }

  /** A subformat (%D %F %R %T): its own conversions, under `^` if given, then padded as text. */
  subformat(format: string): void {
    const { tp, ns, loc, glibc } = this.ctx;
    this.add(strftimeCase(this.toUpp, format, tp, ns, loc, glibc));
  }
}

/** strftime_case_: FORMAT, every conversion upper-cased when UPCASE (a subformat under `^`); GLIBC for glibc's years. */
function strftimeCase(upcase: boolean, format: string, tp: Tm, ns: number, loc: TimeLocale, glibc = false): string {
  const ctx: Context = { tp, ns, loc, glibc, hour12: tp.hour > 12 ? tp.hour - 12 : tp.hour === 0 ? 12 : tp.hour };
  let out = '';
  for (let f = 0; f < format.length; f++) {
    if (format[f] !== '%') {
      out += format[f];
      continue;
    }
    let pad = '';
    let toUpp = upcase;
    let changeCase = false;
    for (;;) {
      const c = format[++f];
      if (c === '_' || c === '-' || c === '0') pad = c;
      else if (c === '^') toUpp = true;
      else if (c === '#') changeCase = true;
      else break;
    }
    let width = -1;
    if (isDigit(format[f])) {
      width = 0;
      do width = Math.min(width * 10 + Number(format[f]), INT_MAX);
      while (isDigit(format[++f]));
    }
    if (width > MAX_FIELD_WIDTH) throw new FieldTooWide(`field width ${width}`);
    const modifier = format[f] === 'E' || format[f] === 'O' ? format[f++]! : '';
    const field = new Field(ctx, pad, width, toUpp, false, changeCase, modifier, format[f] ?? '');
    f = convert(field, format, f);
    out += field.text;
  }
  return out;
}

/** bad_format: the conversion as written, from the nearest `%` before F. */
function badFormat(field: Field, format: string, f: number): void {
  let flen = 1;
  while (format[f + 1 - flen] !== '%') flen++;
  field.cpy(format.slice(f + 1 - flen, f + 1));
}

/** One conversion, whose letter is at F; returns where the format goes on from (less one). */
function convert(field: Field, format: string, f: number): number {
  const { tp, hour12, glibc } = field.ctx;
  const { modifier } = field;
  const year = tp.year + 1900;
  const bad = (): number => {
    badFormat(field, format, f);
    return f;
  };
  switch (field.conversion) {
    case '%':
      if (modifier !== '') return bad();
      field.add('%');
      return f;
    case 'b': case 'h':
      field.swapToUpper();
      if (modifier !== '') return bad();
      field.underlying();
      return f;
    case 'a': case 'A': case 'B':
      if (modifier !== '') return bad();
      field.swapToUpper();
      field.underlying();
      return f;
    case 'c': case 'x': case 'X':
      if (modifier === 'O') return bad();
      field.underlying();
      return f;
    case 'r':
      field.underlying();
      return f;
    case 'P':
      field.toLow = true;
      field.conversion = 'p';
      field.swapToLower();
      field.underlying();
      return f;
    case 'p':
      field.swapToLower();
      field.underlying();
      return f;
    case 'Z':
      field.swapToLower();
      field.cpy(tp.zone);
      return f;
    case 'D': case 'F':
      if (modifier !== '') return bad();
      field.subformat(field.conversion === 'D' ? '%m/%d/%y' : '%Y-%m-%d');
      return f;
    case 'R':
      field.subformat('%H:%M');
      return f;
    case 'T':
      field.subformat('%H:%M:%S');
      return f;
    case 'n':
      field.add('\n');
      return f;
    case 't':
      field.add('\t');
      return f;
    case 'C': {
      if (modifier === 'O') return bad();
      if (modifier === 'E') {
        field.underlying();
        return f;
      }
      const century = Math.trunc(tp.year / 100) + 19;
      if (glibc) field.number(1, Math.trunc(year / 100) - (year % 100 < 0 ? 1 : 0));
      else field.signedNumber(2, tp.year < -1900, century - (tp.year % 100 < 0 && century > 0 ? 1 : 0));
      return f;
    }
    case 'Y':
      if (modifier === 'E') field.underlying();
      else if (modifier === 'O') return bad();
      else if (glibc) field.number(1, year);
      else field.signedNumber(4, tp.year < -1900, year);
      return f;
    case 'y': {
      if (modifier === 'E') {
        field.underlying();
        return f;
      }
      const yy = tp.year % 100;
      field.number(2, glibc ? ((year % 100) + 100) % 100 : yy >= 0 ? yy : tp.year < -1900 ? -yy : yy + 100);
      return f;
    }
    case 'u':
      field.number(1, ((tp.wday - 1 + 7) % 7) + 1);
      return f;
    case 's': {
      const t = (mktime(tp)?.t ?? 0) - tp.gmtoff;
      field.digits = 1;
      field.signAndPadding(String(Math.abs(t)), t < 0, false);
      return f;
    }
    case 'd': case 'e': case 'H': case 'I': case 'k': case 'l': case 'j': case 'M': case 'm': case 'S':
    case 'U': case 'W': case 'w': case 'V': case 'g': case 'G': case 'N':
      if (modifier === 'E') return bad();
      numeric(field, hour12);
      return f;
    case ':': {
      // %:z, %::z and %:::z; a colon before anything else is no conversion.
      let colons = 1;
      while (format[f + colons] === ':') colons++;
      if (format[f + colons] !== 'z') return bad();
      f += colons;
      if (!zoneOffset(field, colons)) return bad();
      return f;
    }
    case 'z':
      zoneOffset(field, 0);
      return f;
    case '':
      // `%` (with flags) ending the format is printed as it is.
      f--;
      return bad();
    default:
      return bad();
  }
}

/** The numbers that refuse E: day, hours, minutes, seconds, day of year, weeks, ISO year, nanoseconds. */
function numeric(field: Field, hour12: number): void {
  const { tp, ns } = field.ctx;
  switch (field.conversion) {
    case 'd': return field.number(2, tp.mday);
    case 'e': return field.spacePadded(2, tp.mday);
    case 'H': return field.number(2, tp.hour);
    case 'I': return field.number(2, hour12);
    case 'k': return field.spacePadded(2, tp.hour);
    case 'l': return field.spacePadded(2, hour12);
    case 'j': return field.signedNumber(3, tp.yday < -1, tp.yday + 1);
    case 'M': return field.number(2, tp.min);
    case 'm': return field.signedNumber(2, tp.mon < -1, tp.mon + 1);
    case 'S': return field.number(2, tp.sec);
    case 'U': return field.number(2, Math.trunc((tp.yday - tp.wday + 7) / 7));
    case 'W': return field.number(2, Math.trunc((tp.yday - ((tp.wday - 1 + 7) % 7) + 7) / 7));
    case 'w': return field.number(1, tp.wday);
    case 'N': {
      // An explicit width under 9 is a precision: %3N is milliseconds.
      let value = ns;
      if (field.width === -1) field.width = 9;
      else for (let j = field.width; j < 9; j++) value = Math.trunc(value / 10);
      return field.number(field.width, value);
    }
    default: return isoWeek(field);
  }
}

/** %V, %g and %G: the ISO 8601 week and the year it belongs to, which may be the year before or after. */
function isoWeek(field: Field): void {
  const { tp } = field.ctx;
  const year = tp.year + (tp.year < 0 ? 1900 % 400 : (1900 % 400) - 400);
  let yearAdjust = 0;
  let days = isoWeekDays(tp.yday, tp.wday);
  if (days < 0) {
    yearAdjust = -1;
    days = isoWeekDays(tp.yday + (365 + (isLeap(year - 1) ? 1 : 0)), tp.wday);
  } else {
    const d = isoWeekDays(tp.yday - (365 + (isLeap(year) ? 1 : 0)), tp.wday);
    if (d >= 0) {
      yearAdjust = 1;
      days = d;
    }
  }
  const isoYear = tp.year + 1900 + yearAdjust;
  if (field.conversion === 'g') {
    const yy = ((tp.year % 100) + yearAdjust) % 100;
    field.number(2, field.ctx.glibc ? ((isoYear % 100) + 100) % 100 : yy >= 0 ? yy : tp.year < -1900 - yearAdjust ? -yy : yy + 100);
  } else if (field.conversion === 'G') {
    if (field.ctx.glibc) field.number(1, isoYear);
    else field.signedNumber(4, tp.year < -1900 - yearAdjust, isoYear);
  } else field.number(2, Math.trunc(days / 7) + 1);
}

/** %z, %:z, %::z and %:::z (COLONS of them): the offset from UTC, always signed; false for four colons or more. */
function zoneOffset(field: Field, colons: number): boolean {
  const { tp } = field.ctx;
  if (tp.isdst < 0) return true;
  const diff = tp.gmtoff;
  const hourDiff = Math.trunc(Math.trunc(diff / 60) / 60);
  const minDiff = Math.trunc(diff / 60) % 60;
  const secDiff = diff % 60;
  const offset = (digits: number, mask: number, value: number): boolean => {
    field.numberBody(digits, diff < 0, Math.abs(value), true, mask);
    return true;
  };
  if (colons === 0) return offset(5, 0, hourDiff * 100 + minDiff);
  if (colons === 2 || (colons === 3 && secDiff !== 0)) return offset(9, 0o24, hourDiff * 10_000 + minDiff * 100 + secDiff);
  if (colons === 1 || (colons === 3 && minDiff !== 0)) return offset(6, 0o4, hourDiff * 100 + minDiff);
  if (colons === 3) return offset(3, 0, hourDiff);
  return false;
}
