import { fail, ok, type Command } from '../command.ts';

/**
 * coreutils 8.22's sleep NUMBER[SUFFIX]…: the arguments add up (s, m, h, d; decimals allowed).
 * Here it lets that much virtual time pass in the running lab: frames in flight arrive, timers
 * fire, connection entries and neighbour entries age and expire (`sleep 120; ipvsadm -Lnc`).
 */

const TRY = "Try 'sleep --help' for more information.\n";
const UNIT_SECONDS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };
/** The longest sleep the lab runs at once: a day of virtual time. */
const MAX_SECONDS = 86_400;

export const sleep: Command = (io) => {
  const args = io.argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) return fail(`sleep: missing operand\n${TRY}`);
  let seconds = 0;
  for (const a of args) {
    const m = /^(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      if (a === 'infinity' || a === 'inf') return fail(`lab: sleep: the lab lets at most a day (${MAX_SECONDS} s) of virtual time pass at once\n`);
      if (a.startsWith('-') && a !== '-') return fail(`sleep: invalid option -- '${a[1]}'\n${TRY}`);
      return fail(`sleep: invalid time interval ‘${a}’\n${TRY}`);
    }
    seconds += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  }
  if (!(seconds <= MAX_SECONDS)) return fail(`lab: sleep: the lab lets at most a day (${MAX_SECONDS} s) of virtual time pass at once\n`);
  io.runtime?.sleep(Math.round(seconds * 1e6));
  return ok();
};
