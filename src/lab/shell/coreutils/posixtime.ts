import { mktime } from './broken-down-time.ts';

/**
 * gnulib's posixtime (lib/posixtm.c) as `date MMDDhhmm[[CC]YY][.ss]` calls it (PDS_TRAILING_YEAR |
 * PDS_CENTURY | PDS_SECONDS): the time the operand names, or undefined when it is not one (wrong
 * length, not digits, or fields out of range such as 0231 or 2561). A two-digit year 00–68 is
 * 20YY, 69–99 19YY; without a year it is this year. Second 60 is taken as the next second.
 */
export function posixtime(s: string, nowYear: number): number | undefined {
  const dot = s.indexOf('.');
  const len = dot < 0 ? s.length : dot;
  if (dot >= 0 && s.length - len !== 3) return undefined;
  if (!(len >= 8 && len <= 12 && len % 2 === 0) || !/^[0-9]*$/.test(s.slice(0, len))) return undefined;
  const pair = Array.from({ length: len / 2 }, (_, i) => Number(s.slice(2 * i, 2 * i + 2)));
  let year = nowYear - 1900;
  if (pair.length === 5) year = pair[4]! <= 68 ? pair[4]! + 100 : pair[4]!;
  else if (pair.length === 6) year = pair[4]! * 100 + pair[5]! - 1900;
  let sec = 0;
  if (dot >= 0) {
    if (!/^[0-9]{2}$/.test(s.slice(dot + 1))) return undefined;
    sec = Number(s.slice(dot + 1));
  }
  const fields = { year, mon: pair[0]! - 1, mday: pair[1]!, hour: pair[2]!, min: pair[3]!, sec: sec === 60 ? 59 : sec };
  const made = mktime(fields);
  if (!made || (['year', 'mon', 'mday', 'hour', 'min', 'sec'] as const).some((k) => made.tm[k] !== fields[k])) return undefined;
  return made.t + (sec === 60 ? 1 : 0);
}
