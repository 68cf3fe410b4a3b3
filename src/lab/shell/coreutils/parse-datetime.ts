import { mktime } from './broken-down-time.ts';
import { Control, Meridian, ParseFailure, Parser, type TextInt } from './parse-datetime-grammar.ts';
import { lexDatetime } from './parse-datetime-lex.ts';

/**
 * gnulib's parse_datetime (lib/parse-datetime.y) as coreutils 8.22 carries it, for `date -d`:
 * `@SECONDS`, or items in any order: a calendar date (2024-01-31, 1/31/2024, 31 Jan 2024, Jan 31),
 * a time of day (10:30, 10:30:15.5, 10am, with a zone offset like +0200), a zone (UTC, EST, Z), a
 * weekday (monday, next fri), relative items (2 days ago, +1 hour, -3 weeks, tomorrow, now) and a
 * bare number (20240131, 1030, or a year after a date). The grammar is LALR with bison's
 * shift-over-reduce choices, reproduced in parse-datetime-grammar.ts by taking the longest production, so its
 * surprises are kept too: in `10:00 -1 day`, `-1` is the time's zone offset and `day` means +1 day.
 * The lab's zone is UTC, without daylight saving time.
 */

/** A time: seconds since the epoch and nanoseconds. */
export interface Timespec {
  readonly sec: number;
  readonly ns: number;
}

/** The outcome: a time, an invalid date, or a TZ="…" prefix naming a zone the lab does not have. */
export type ParsedDatetime =
  | { readonly kind: 'time'; readonly time: Timespec }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'zone'; readonly zone: string };

/** TZ values that name the lab's own zone. */
const UTC_ZONES = new Set(['', 'UTC', 'UTC0', 'Etc/UTC', 'GMT', 'GMT0', 'Etc/GMT', 'Universal', 'Zulu']);

/** to_hour: the 24-hour clock's hour, or -1. */
function toHour(hours: number, meridian: Meridian): number {
  if (meridian === Meridian.H24) return hours >= 0 && hours < 24 ? hours : -1;
  if (hours > 0 && hours < 12) return meridian === Meridian.Am ? hours : hours + 12;
  return hours === 12 ? (meridian === Meridian.Am ? 0 : 12) : -1;
}

/** to_year: a negative year is its absolute value; two digits are 1969–2068 (XPG4). */
function toYear(y: TextInt): number {
  if (y.value < 0) return -y.value;
  return y.digits === 2 ? y.value + (y.value < 69 ? 2000 : 1900) : y.value;
}

/**
 * The TZ="…" prefix parse_datetime reads first, with `\\` and `\"` escapes: the rest of the
 * string, or the zone when it is not the lab's UTC (the lab has no other zone).
 */
function stripZonePrefix(p: string): { rest: string } | { zone: string } {
  if (!p.startsWith('TZ="')) return { rest: p };
  let zone = '';
  for (let s = 4; s < p.length; s++) {
    if (p[s] === '\\') {
      s++;
      if (p[s] !== '\\' && p[s] !== '"') return { rest: p };
      zone += p[s];
    } else if (p[s] === '"') return UTC_ZONES.has(zone) ? { rest: p.slice(s + 1) } : { zone };
    else zone += p[s];
  }
  return { rest: p };
}

/** parse_datetime (P, NOW). */
export function parseDatetime(input: string, now: Timespec): ParsedDatetime {
  const stripped = stripZonePrefix(input.replace(/^[ \t\n\v\f\r]+/, ''));
  if ('zone' in stripped) return { kind: 'zone', zone: stripped.zone };
  // An empty string is read as "0", midnight today (which a string of blanks would otherwise not be).
  const text = stripped.rest === '' ? '0' : stripped.rest;
  const pc = new Control(now);
  try {
    new Parser(lexDatetime(text), pc).spec();
  } catch (e) {
    if (e instanceof ParseFailure) return { kind: 'invalid' };
    throw e;
  }
  const time = resolve(pc);
  return time ? { kind: 'time', time } : { kind: 'invalid' };
}

/** The end of parse_datetime: the items applied to today, in the order gnulib applies them. */
function resolve(pc: Control): Timespec | undefined {
  if (pc.timespecSeen) return Number.isSafeInteger(pc.seconds.sec) ? pc.seconds : undefined;
  if ((pc.timesSeen | pc.datesSeen | pc.daysSeen | pc.zonesSeen) > 1) return undefined;
  const withTime = pc.timesSeen > 0 || (pc.relsSeen && !pc.datesSeen && !pc.daysSeen);
  const hour = withTime ? toHour(pc.hour, pc.meridian) : 0;
  if (hour < 0) return undefined;
  const tm0 = {
    year: toYear(pc.year) - 1900, mon: pc.month - 1, mday: pc.day, hour,
    min: withTime ? pc.minutes : 0, sec: withTime ? pc.seconds.sec : 0,
  };
  const ns = withTime ? pc.seconds.ns : 0;
  let made = mktime(tm0);
  // mktime_ok: out-of-range fields (February 30, 24:00, second 60) are no date. Retrying in the
  // string's own zone, as gnulib does when it names one, changes nothing in a zone without DST.
  if (!made || (['year', 'mon', 'mday', 'hour', 'min', 'sec'] as const).some((k) => made!.tm[k] !== tm0[k])) return undefined;
  if (pc.daysSeen && !pc.datesSeen) {
    const { tm } = made;
    const ahead = ((pc.dayNumber - tm.wday + 7) % 7) + 7 * (pc.dayOrdinal - (pc.dayOrdinal > 0 && tm.wday !== pc.dayNumber ? 1 : 0));
    made = mktime({ ...tm, mday: tm.mday + ahead });
    if (!made || made.t === -1) return undefined;
  }
  const { rel } = pc;
  if (rel.year || rel.month || rel.day) {
    const { tm } = made;
    made = mktime({ year: tm.year + rel.year, mon: tm.mon + rel.month, mday: tm.mday + rel.day, hour: tm0.hour, min: tm0.min, sec: tm0.sec });
    if (!made || made.t === -1) return undefined;
  }
  let start = made.t;
  if (pc.zonesSeen) start -= pc.timeZone * 60 - made.tm.gmtoff;
  const sumNs = ns + rel.ns;
  const normalizedNs = ((sumNs % 1e9) + 1e9) % 1e9;
  const sec = start + 3600 * rel.hour + 60 * rel.minutes + rel.seconds + (sumNs - normalizedNs) / 1e9;
  return Number.isSafeInteger(sec) ? { sec, ns: normalizedNs } : undefined;
}
