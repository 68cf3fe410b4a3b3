import { describe, expect, it } from 'vitest';
import type { LabNode } from '../../document.ts';
import { FakeRuntime } from '../ipvsadm/testing.ts';
import { labFromScript, ShellFixture, TEST_LAN } from '../testing/fixture.ts';
import type { ShellRuntime } from '../types.ts';
import { localtime } from './broken-down-time.ts';
import { tryHelp } from './files.ts';
import { parseDatetime, type Timespec } from './parse-datetime.ts';
import { C_TIME, EN_US_TIME, fprintftime } from './strftime.ts';

/**
 * Expected strings come from GNU date (coreutils 9.1 on this machine, TZ=UTC and LC_ALL=C, or
 * LC_ALL=en_US.UTF-8 from glibc's en_US source) wherever 9.1 behaves as 8.22 does; the cases
 * where gnulib's strftime changed since 2013 are worked out from 8.22's lib/strftime.c and say so.
 */

const TRY = tryHelp('date');

/** fprintftime at time T (seconds since the epoch), in the C locale unless told. */
const ftime = (format: string, t: number, ns = 0, locale = C_TIME): string => fprintftime(format, localtime(t)!, ns, locale);

describe('fprintftime', () => {
  it('prints every conversion as GNU date does', () => {
    // TZ=UTC LC_ALL=C date -d @86399 '+%a %e %j %U %V %G %I %p %s %N %:z'
    expect(ftime('%a %e %j %U %V %G %I %p %s %N %:z', 86_399)).toBe('Thu  1 001 00 01 1970 11 PM 86399 000000000 +00:00');
    const all = '%%|%a|%A|%b|%B|%C|%d|%D|%e|%F|%g|%G|%h|%H|%I|%j|%k|%l|%m|%M|%n|%p|%P|%r|%R|%s|%S|%t|%T|%u|%U|%V|%w|%W|%y|%Y|%z|%:z|%::z|%:::z|%Z';
    const gnu: readonly [number, string][] = [
      [0, '%|Thu|Thursday|Jan|January|19|01|01/01/70| 1|1970-01-01|70|1970|Jan|00|12|001| 0|12|01|00|\n|AM|am|12:00:00 AM|00:00|0|00|\t|00:00:00|4|00|01|4|00|70|1970|+0000|+00:00|+00:00:00|+00|UTC'],
      [951_782_400, '%|Tue|Tuesday|Feb|February|20|29|02/29/00|29|2000-02-29|00|2000|Feb|00|12|060| 0|12|02|00|\n|AM|am|12:00:00 AM|00:00|951782400|00|\t|00:00:00|2|09|09|2|09|00|2000|+0000|+00:00|+00:00:00|+00|UTC'],
      // 2010-01-01 is in ISO week 53 of 2009; 2009-01-01 in week 1 of 2009.
      [1_262_304_000, '%|Fri|Friday|Jan|January|20|01|01/01/10| 1|2010-01-01|09|2009|Jan|00|12|001| 0|12|01|00|\n|AM|am|12:00:00 AM|00:00|1262304000|00|\t|00:00:00|5|00|53|5|00|10|2010|+0000|+00:00|+00:00:00|+00|UTC'],
      [1_230_768_000, '%|Thu|Thursday|Jan|January|20|01|01/01/09| 1|2009-01-01|09|2009|Jan|00|12|001| 0|12|01|00|\n|AM|am|12:00:00 AM|00:00|1230768000|00|\t|00:00:00|4|00|01|4|00|09|2009|+0000|+00:00|+00:00:00|+00|UTC'],
      [1_704_067_199, '%|Sun|Sunday|Dec|December|20|31|12/31/23|31|2023-12-31|23|2023|Dec|23|11|365|23|11|12|59|\n|PM|pm|11:59:59 PM|23:59|1704067199|59|\t|23:59:59|7|53|52|0|52|23|2023|+0000|+00:00|+00:00:00|+00|UTC'],
      [-1, '%|Wed|Wednesday|Dec|December|19|31|12/31/69|31|1969-12-31|70|1970|Dec|23|11|365|23|11|12|59|\n|PM|pm|11:59:59 PM|23:59|-1|59|\t|23:59:59|3|52|01|3|52|69|1969|+0000|+00:00|+00:00:00|+00|UTC'],
      [1_700_000_000, '%|Tue|Tuesday|Nov|November|20|14|11/14/23|14|2023-11-14|23|2023|Nov|22|10|318|22|10|11|13|\n|PM|pm|10:13:20 PM|22:13|1700000000|20|\t|22:13:20|2|46|46|2|46|23|2023|+0000|+00:00|+00:00:00|+00|UTC'],
    ];
    for (const [t, line] of gnu) expect(ftime(all, t)).toBe(line);
  });

  it('applies the flags and the field width', () => {
    const format = '%-d|%_d|%0e|%-e|%_H|%-I|%-l|%^a|%^A|%#a|%#B|%^b|%#p|%^p|%#Z|%10s|%_10s|%-j|%_j|%5d|%_5d|%010d|%10a|%_10B|%010b|%^10a|'
      + '%3N|%6N|%12N|%-m|%_m|%-y|%_U|%_V|%-G|%z|%_5z|%-5z|%10z|%10:z|%_10:z|%_5k|%-k|%^c|%20D|%^D|%012F|%10T|%^r|%^P|%#P|%_5n|%5t';
    // TZ=UTC LC_ALL=C date -d @86399 "+$format", and the same at -1.
    expect(ftime(format, 86_399)).toBe('1| 1|01|1|23|11|11|THU|THURSDAY|THU|JANUARY|JAN|pm|PM|utc|0000086399|     86399|1|  1|00001|    1|0000000001|'
      + '       Thu|   January|0000000Jan|       THU|000|000000|000000000000|1| 1|70| 0| 1|1970|+0000|   +0|+0|+000000000|+000000:00|     +0:00|'
      + '   23|23|THU JAN  1 23:59:59 1970|            01/01/70|01/01/70|001970-01-01|  23:59:59|11:59:59 PM|pm|pm|    \n|    \t');
    expect(ftime('%10s|%_10s|%-s|%_j|%#a', -1)).toBe('-000000001|        -1|-1|365|WED');
  });

  it('takes the nanoseconds, an explicit width under 9 as a precision', () => {
    // date -d @1.123456789 '+%N %3N %6N %1N'
    expect(ftime('%N %3N %6N %1N', 1, 123_456_789)).toBe('123456789 123 123456 1');
  });

  it('prints an unknown conversion as written', () => {
    expect(ftime('%1|%5Q|%::::z|%:x|%_5k|%Ey|%EY|%EC|%Od|%Oe|%Ec', 86_399)).toBe('%1|  %5Q|%::::z|%:x|   23|70|1970|19|01| 1|Thu Jan  1 23:59:59 1970');
    // A `%` at the end, with or without flags: `abc%` and `%_` print as they are.
    expect(ftime('abc%', 0)).toBe('abc%');
    expect(ftime('%_', 0)).toBe('%_');
  });

  it('lays out what 8.22 lays out differently from later coreutils, from its lib/strftime.c', () => {
    // add() pads names with spaces even under `-` (9.1: "Thu").
    expect(ftime('%-10a|%-3p', 0)).toBe('       Thu| AM');
    // %% takes a width; later versions print "%5%" as written.
    expect(ftime('%5%|%-%', 0)).toBe('    %|%');
    // Subformats (%D %F %T) take no padding flags, and a width pads them as text (9.1: 01/01/ 5, 001970-01-01).
    expect(ftime('%_D|%-D|%12F', 1_104_537_600)).toBe('01/01/05|01/01/05|  2005-01-01');
    // Numbers never print fewer digits than their conversion has (9.1: +00, 001).
    expect(ftime('%3z|%3Y', -62_135_596_800)).toBe('+0000|0001');
    // %N is a number padded on the left like any other (9.1 pads on the right: 123456789000).
    expect(ftime('%-N|%_N|%12N', 0, 5000)).toBe('5000|     5000|000000005000');
    // No %q yet; %OC is refused; glibc has no %N for %ON; `#` upper-cases %b before E is refused.
    expect(ftime('%q|%OC|%ON|%#Eb', 0)).toBe('%q|%OC|%ON|%#EB');
  });

  it("takes the locale's formats and glibc's own years from glibc", () => {
    // LC_ALL=en_US.UTF-8 date -d @86399 '+%c|%x|%X|%r|%p|%^c|%20x|'
    expect(ftime('%c|%x|%X|%r|%p|%^c|%20x|', 86_399, 0, EN_US_TIME)).toBe('Thu 01 Jan 1970 11:59:59 PM UTC|01/01/1970|11:59:59 PM|11:59:59 PM|PM|THU 01 JAN 1970 11:59:59 PM UTC|          01/01/1970|');
    expect(ftime('%c|%x|%X|%r', 86_399)).toBe('Thu Jan  1 23:59:59 1970|01/01/70|23:59:59|11:59:59 PM');
    // glibc prints the year in as many digits as it has: year 1, and year -1 (%y 99 where gnulib says 01).
    expect(ftime('%c|%EY|%Y', -62_135_596_800)).toBe('Mon Jan  1 00:00:00 1|1|0001');
    expect(ftime('%x|%Oy|%y', -62_198_755_200)).toBe('01/01/99|99|01');
  });
});

/** parse_datetime at a fixed now: Tuesday 2023-11-14 22:13:20.25 UTC. */
const NOW: Timespec = { sec: 1_700_000_000, ns: 250_000_000 };
const parsed = (s: string): string => {
  const p = parseDatetime(s, NOW);
  return p.kind === 'time' ? ftime('%F %T.%N', p.time.sec, p.time.ns) : p.kind;
};

describe('parse_datetime', () => {
  it('reads dates, times, zones and seconds since the epoch as GNU date -d does', () => {
    // TZ=UTC date -d STRING '+%F %T.%N'
    const gnu: readonly [string, string][] = [
      ['@86399', '1970-01-01 23:59:59.000000000'], ['@-1.5', '1969-12-31 23:59:58.500000000'], ['@ 5', '1970-01-01 00:00:05.000000000'],
      ['2024-01-31', '2024-01-31 00:00:00.000000000'], ['2024-1-5', '2024-01-05 00:00:00.000000000'],
      ['2024-01-31 10:00', '2024-01-31 10:00:00.000000000'], ['2024-01-31 10:00:15.25', '2024-01-31 10:00:15.250000000'],
      ['2024-01-31T10:00:15', '2024-01-31 10:00:15.000000000'], ['1/31/24', '2024-01-31 00:00:00.000000000'], ['2024/01/31', '2024-01-31 00:00:00.000000000'],
      ['31 Jan 2024', '2024-01-31 00:00:00.000000000'], ['Jan 31, 2024', '2024-01-31 00:00:00.000000000'], ['31-Jan-2024', '2024-01-31 00:00:00.000000000'],
      ['2024-01-31 10:30pm', '2024-01-31 22:30:00.000000000'], ['2024-01-31 12am', '2024-01-31 00:00:00.000000000'],
      ['2024-01-31 10:00 +0200', '2024-01-31 08:00:00.000000000'], ['2024-01-31 10:00 -05:30', '2024-01-31 15:30:00.000000000'],
      ['2024-01-31 10:00 EST', '2024-01-31 15:00:00.000000000'], ['2024-01-31 10:00 EDT', '2024-01-31 14:00:00.000000000'],
      ['2024-01-31 +1 month', '2024-03-02 00:00:00.000000000'], ['2024-01-31 1 month ago', '2023-12-31 00:00:00.000000000'],
      ['2024-02-29 1 year', '2025-03-01 00:00:00.000000000'], ['2024-01-31 last week', '2024-01-24 00:00:00.000000000'],
      ['2024-01-31 3 fortnights ago', '2023-12-20 00:00:00.000000000'], ['2024-01-31 1.5 seconds', '2024-01-31 00:00:01.500000000'],
      ['20240131', '2024-01-31 00:00:00.000000000'], ['20240131 1030', '2024-01-31 10:30:00.000000000'], ['20240131 +2 days', '2024-02-02 00:00:00.000000000'],
      ['Thu Jan  1 00:00:00 UTC 1970', '1970-01-01 00:00:00.000000000'], ['Thu, 01 Jan 1970 00:00:00 +0000', '1970-01-01 00:00:00.000000000'],
      ['12/31/1999 11:59:59 PM', '1999-12-31 23:59:59.000000000'], ['2024-01-31 (a comment) 10:00', '2024-01-31 10:00:00.000000000'],
      ['1/1/69', '1969-01-01 00:00:00.000000000'], ['1/1/68', '2068-01-01 00:00:00.000000000'], ['0000-01-01', '0000-01-01 00:00:00.000000000'],
      // The `-1` after a time is its zone (UTC-1), then `day` alone is +1 day.
      ['2024-01-31 10:00 -1 day', '2024-02-01 11:00:00.000000000'],
    ];
    for (const [s, expected] of gnu) expect([s, parsed(s)]).toEqual([s, expected]);
  });

  it('refuses what GNU date -d refuses', () => {
    for (const s of ['foo', 'jan', '2024-02-30', '2024-13-01', '2024-01-31 24:00', '2024-01-31 23:59:60', '2024-01-31 13pm', '2024-01-31 2024-02-01',
      '2024-01-31 10:00 11:00', '2024-01-31T', '2024-01-31 yesterday ago', '@5 UTC', '1 day ago ago', '-1', '2024-01-31 a.m.']) {
      expect([s, parsed(s)]).toEqual([s, 'invalid']);
    }
  });

  it('counts relative items from now, keeping its time of day and nanoseconds', () => {
    // As GNU date reads them at 2023-11-14 22:13:20.25 UTC (a Tuesday).
    const expected: readonly [string, string][] = [
      ['now', '2023-11-14 22:13:20.250000000'], ['', '2023-11-14 00:00:00.000000000'], ['yesterday', '2023-11-13 22:13:20.250000000'],
      ['tomorrow', '2023-11-15 22:13:20.250000000'], ['10 minutes ago', '2023-11-14 22:03:20.250000000'], ['+1 day', '2023-11-15 22:13:20.250000000'],
      ['-2 days', '2023-11-12 22:13:20.250000000'], ['3 days ago 2 hours ago', '2023-11-11 20:13:20.250000000'], ['2 days hence', '2023-11-16 22:13:20.250000000'],
      ['hour', '2023-11-14 23:13:20.250000000'], ['2.5 sec ago', '2023-11-14 22:13:17.750000000'], ['next month', '2023-12-14 22:13:20.250000000'],
      ['yesterday 10:00', '2023-11-13 10:00:00.000000000'], ['10:00', '2023-11-14 10:00:00.000000000'], ['1030', '2023-11-14 10:30:00.000000000'],
      ['monday', '2023-11-20 00:00:00.000000000'], ['next monday', '2023-11-20 00:00:00.000000000'], ['last monday', '2023-11-13 00:00:00.000000000'],
      ['tuesday', '2023-11-14 00:00:00.000000000'], ['next tuesday', '2023-11-21 00:00:00.000000000'], ['Dec 25', '2023-12-25 00:00:00.000000000'],
      // 8.22's military zone T is UTC+7 (9.1 made it UTC-7).
      ['T', '2023-11-13 17:00:00.000000000'],
    ];
    for (const [s, time] of expected) expect([s, parsed(s)]).toEqual([s, time]);
  });

  it('takes a TZ="…" prefix naming UTC, and reports any other zone', () => {
    expect(parsed('TZ="UTC" 2024-01-31 10:00')).toBe('2024-01-31 10:00:00.000000000');
    expect(parseDatetime('TZ="America/New_York" 10:00', NOW)).toEqual({ kind: 'zone', zone: 'America/New_York' });
  });
});

/** A runtime whose clock sleep moves, to watch date follow virtual time. */
function clockRuntime(node: () => LabNode): ShellRuntime {
  let now = 0;
  return Object.assign(new FakeRuntime(node), { nowUs: () => now, sleep: (us: number) => void (now += us) });
}

describe('date', () => {
  const run = (line: string) => new ShellFixture().run('director', line);
  const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
  const err = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });

  it('prints the lab clock in the default format, -u changing nothing', () => {
    for (const line of ['date', 'date -u', 'date --utc', 'date --universal', 'date --uct', 'date --u']) {
      expect(run(line)).toMatchObject(out('Thu Jan  1 00:00:00 UTC 1970\n'));
    }
    expect(run("date +'%F %T'")).toMatchObject(out('1970-01-01 00:00:00\n'));
    expect(run('date +')).toMatchObject(out('\n'));
  });

  it('formats the time -d gives', () => {
    expect(run("date -d @86399 '+%a %e %j %U %V %G %I %p %s %N %:z'")).toMatchObject(out('Thu  1 001 00 01 1970 11 PM 86399 000000000 +00:00\n'));
    expect(run("date --date='2024-01-31 10:00' +%s")).toMatchObject(out('1706695200\n'));
    expect(run('date -d yesterday +%F')).toMatchObject(out('1969-12-31\n'));
    expect(run("date -d '90 seconds ago' '+%F %T'")).toMatchObject(out('1969-12-31 23:58:30\n'));
    // The console's locale, en_US.UTF-8: %c as CentOS 7 prints it.
    expect(run('date -d @86399 +%c')).toMatchObject(out('Thu 01 Jan 1970 11:59:59 PM UTC\n'));
  });

  it('prints the RFC 2822, ISO 8601 and RFC 3339 formats', () => {
    expect(run('date -d @86399 -R')).toMatchObject(out('Thu, 01 Jan 1970 23:59:59 +0000\n'));
    expect(run('date -d @86399 --rfc-2822')).toMatchObject(out('Thu, 01 Jan 1970 23:59:59 +0000\n'));
    expect(run('date -d @86399 -I')).toMatchObject(out('1970-01-01\n'));
    // 8.22 writes the ISO 8601 offset with %z (later versions with %:z).
    expect(run('date -d @86399 -Iseconds')).toMatchObject(out('1970-01-01T23:59:59+0000\n'));
    expect(run('date -d @86399.5 --iso-8601=ns')).toMatchObject(out('1970-01-01T23:59:59,500000000+0000\n'));
    expect(run('date -d @86399 -Ih')).toMatchObject(out('1970-01-01T23+0000\n'));
    expect(run('date -d @86399 --iso-8601=m')).toMatchObject(out('1970-01-01T23:59+0000\n'));
    expect(run('date -d @86399 --rfc-3339=seconds')).toMatchObject(out('1970-01-01 23:59:59+00:00\n'));
    expect(run('date -d @86399 --rfc-3339=ns')).toMatchObject(out('1970-01-01 23:59:59.000000000+00:00\n'));
    expect(run('date -d @86399 --rfc-3339=d')).toMatchObject(out('1970-01-01\n'));
  });

  it('follows the virtual clock', () => {
    const doc = labFromScript(TEST_LAN);
    const f = new ShellFixture(TEST_LAN, { runtime: clockRuntime(() => doc.nodes.find((n) => n.id === 'director')!) });
    expect(f.run('director', 'echo "`date +\'%F %H:%M:%S\'`, x is back."').stdout).toBe('1970-01-01 00:00:00, x is back.\n');
    f.run('director', 'sleep 90');
    expect(f.run('director', 'echo "`date +\'%F %H:%M:%S\'`, x is back."').stdout).toBe('1970-01-01 00:01:30, x is back.\n');
    expect(f.run('director', 'sleep 0.25; date +%s.%3N').stdout).toBe('90.250\n');
    expect(f.run('director', "date -d '1 minute ago' +%T").stdout).toBe('00:00:30\n');
  });

  it('reads one date a line with -f', () => {
    const f = new ShellFixture();
    f.run('director', "printf '@0\\nnot a date\\n2024-01-31\\n' > dates");
    expect(f.run('director', 'date -f dates +%F')).toMatchObject({ stdout: '1970-01-01\n2024-01-31\n', stderr: 'date: invalid date ‘not a date’\n', exitCode: 1 });
    expect(f.run('director', 'echo @86400 | date -f - +%F')).toMatchObject(out('1970-01-02\n'));
    expect(f.run('director', 'date -f nofile')).toMatchObject(err('date: ‘nofile’: No such file or directory\n'));
  });

  it("reports usage errors with GNU's messages", () => {
    expect(run('date -q')).toMatchObject(err(`date: invalid option -- 'q'\n${TRY}`));
    expect(run('date x y')).toMatchObject(err(`date: extra operand ‘y’\n${TRY}`));
    expect(run('date -R -I')).toMatchObject(err('date: multiple output formats specified\n'));
    expect(run('date -I +%s')).toMatchObject(err('date: multiple output formats specified\n'));
    // date acts on options in order: the second format ends it before -q is read.
    expect(run('date -R -R -q')).toMatchObject(err('date: multiple output formats specified\n'));
    expect(run('date -d')).toMatchObject(err(`date: option requires an argument -- 'd'\n${TRY}`));
    expect(run('date --da')).toMatchObject(err(`date: option '--date' requires an argument\n${TRY}`));
    expect(run('date --bogus=1')).toMatchObject(err(`date: unrecognized option '--bogus=1'\n${TRY}`));
    expect(run('date --utc=1')).toMatchObject(err(`date: option '--utc' doesn't allow an argument\n${TRY}`));
    // glibc 2.17 lists the first match, then the others from the last; --rfc-822 and --rfc-2822 do the same.
    expect(run('date --rfc')).toMatchObject(err(`date: option '--rfc' is ambiguous; possibilities: '--rfc-822' '--rfc-3339'\n${TRY}`));
    expect(run('date -d now x')).toMatchObject(err(
      `date: the argument ‘x’ lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'\n${TRY}`));
    expect(run('date -d 1 -f /dev/null')).toMatchObject(err(`date: the options to specify dates for printing are mutually exclusive\n${TRY}`));
    expect(run('date -s 1 -d 1')).toMatchObject(err(`date: the options to print and set the time may not be used together\n${TRY}`));
    expect(run('date --rfc-3339=hours')).toMatchObject(err(`date: invalid argument ‘hours’ for ‘--rfc-3339’\nValid arguments are:\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’\n${TRY}`));
    expect(run('date --iso-8601=')).toMatchObject(err(
      `date: ambiguous argument ‘’ for ‘--iso-8601’\nValid arguments are:\n  - ‘hours’\n  - ‘minutes’\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’\n${TRY}`));
  });

  it('refuses an invalid date', () => {
    expect(run('date -d foo')).toMatchObject(err('date: invalid date ‘foo’\n'));
    expect(run('date -d 2024-02-30')).toMatchObject(err('date: invalid date ‘2024-02-30’\n'));
    // A backslash and a tab, escaped as quote() escapes them.
    expect(run("date -d 'a\\b\tc'")).toMatchObject(err('date: invalid date ‘a\\\\b\\tc’\n'));
    expect(run('date 0101')).toMatchObject(err('date: invalid date ‘0101’\n'));
    expect(run('date -s 2024-02-30')).toMatchObject(err('date: invalid date ‘2024-02-30’\n'));
  });

  it('leaves the clock, zones, file times and help to the lab', () => {
    const setting = "lab: date: the lab's clock is the simulation's virtual time; it cannot be set\n";
    expect(run('date -s 2024-01-31')).toMatchObject(err(setting));
    expect(run('date 013110002024')).toMatchObject(err(setting));
    expect(run('date -r /nonexistent')).toMatchObject(err('date: /nonexistent: No such file or directory\n'));
    expect(run('date -r /etc/hostname')).toMatchObject(err("lab: date -r: the lab's files keep no modification times\n"));
    expect(run('date -d \'TZ="Europe/Paris" 10:00\'')).toMatchObject(err("lab: date: the lab's machines keep UTC; the time zone ‘Europe/Paris’ is not simulated\n"));
    expect(run('date --help')).toMatchObject(err('lab: date --help is not simulated\n'));
  });
});
