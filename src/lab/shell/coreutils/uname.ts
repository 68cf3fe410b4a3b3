import { fail, ok, type Command } from '../command.ts';
import { KERNEL_RELEASE, KERNEL_VERSION, MACHINE } from '../kernel/release.ts';

/**
 * coreutils 8.22's uname. The fields print in uname's own order whatever the options' order;
 * -a prints them all. CentOS 7's coreutils reports the processor and hardware platform as the
 * machine (a Fedora patch), so `uname -a` ends in `x86_64 x86_64 x86_64 GNU/Linux`.
 */

const FIELDS = ['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o'] as const;
type Field = (typeof FIELDS)[number];

const LONG: Readonly<Record<string, Field | 'a'>> = {
  '--all': 'a', '--kernel-name': 's', '--nodename': 'n', '--kernel-release': 'r', '--kernel-version': 'v',
  '--machine': 'm', '--processor': 'p', '--hardware-platform': 'i', '--operating-system': 'o',
};

const TRY = "Try 'uname --help' for more information.\n";

/** uname [-asnrvmpio]. */
export const uname: Command = (io) => {
  const chosen = new Set<Field>();
  let ended = false;
  for (const a of io.argv.slice(1)) {
    if (ended || a === '-' || !a.startsWith('-')) return fail(`uname: extra operand ‘${a}’\n${TRY}`);
    if (a === '--') {
      ended = true;
      continue;
    }
    const letters = a.startsWith('--') ? [LONG[a]] : [...a.slice(1)];
    if (letters[0] === undefined) return fail(`uname: unrecognized option '${a}'\n${TRY}`);
    for (const l of letters) {
      if (l === 'a') FIELDS.forEach((f) => chosen.add(f));
      else if ((FIELDS as readonly string[]).includes(l!)) chosen.add(l as Field);
      else return fail(`uname: invalid option -- '${l}'\n${TRY}`);
    }
  }
  if (chosen.size === 0) chosen.add('s');
  const values: Record<Field, string> = {
    s: 'Linux', n: io.node.id, r: KERNEL_RELEASE, v: KERNEL_VERSION, m: MACHINE, p: MACHINE, i: MACHINE, o: 'GNU/Linux',
  };
  return ok(`${FIELDS.filter((f) => chosen.has(f)).map((f) => values[f]).join(' ')}\n`);
};
