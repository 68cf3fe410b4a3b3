/**
 * struct tm in the lab's time zone. The lab's machines run in UTC (virtual time 0 is the epoch, as
 * systemd's and tcpdump's timestamps count it), so glibc's localtime() is gmtime() with offset 0,
 * no daylight saving time and the abbreviation "UTC", and mktime() is timegm(). Times are whole
 * seconds held in doubles, exact while they are safe integers (±2^53 s, some 285 million years).
 */

import { civilFromDays, daysFromCivil } from '../../../sim/model/civil-date.ts';

/** glibc's struct tm: `year` counts from 1900, `mon` from 0, `yday` from 0, `wday` from Sunday. */
export interface Tm {
  readonly sec: number;
  readonly min: number;
  readonly hour: number;
  readonly mday: number;
  readonly mon: number;
  readonly year: number;
  readonly wday: number;
  readonly yday: number;
  readonly isdst: number;
  /** Seconds east of UTC (tm_gmtoff). */
  readonly gmtoff: number;
  /** The zone's abbreviation (tm_zone). */
  readonly zone: string;
}

/** The fields mktime() reads; any of them may be out of range, as in C. */
export interface TmFields {
  readonly year: number;
  readonly mon: number;
  readonly mday: number;
  readonly hour: number;
  readonly min: number;
  readonly sec: number;
}

const DAY = 86_400;
const TM_YEAR_BASE = 1900;

/** localtime(): the broken-down time of `t` seconds since the epoch, or undefined beyond exact arithmetic. */
export function localtime(t: number): Tm | undefined {
  if (!Number.isSafeInteger(t)) return undefined;
  const days = Math.floor(t / DAY);
  const secs = t - days * DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    sec: secs % 60, min: Math.floor(secs / 60) % 60, hour: Math.floor(secs / 3600), mday: day, mon: month - 1,
    year: year - TM_YEAR_BASE, wday: (((days + 4) % 7) + 7) % 7, yday: days - daysFromCivil(year, 1, 1),
    isdst: 0, gmtoff: 0, zone: 'UTC',
  };
}

/**
 * mktime(): the time the fields name, normalised as glibc does (month 13 is January of the next
 * year, day 0 the last of the previous month, second 60 the next minute), with the normalised tm;
 * undefined beyond exact arithmetic.
 */
export function mktime(f: TmFields): { t: number; tm: Tm } | undefined {
  const year = f.year + TM_YEAR_BASE + Math.floor(f.mon / 12);
  const month = (((f.mon % 12) + 12) % 12) + 1;
  const t = (daysFromCivil(year, month, 1) + f.mday - 1) * DAY + f.hour * 3600 + f.min * 60 + f.sec;
  const tm = localtime(t);
  return tm ? { t, tm } : undefined;
}
