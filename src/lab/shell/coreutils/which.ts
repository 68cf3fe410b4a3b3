import { done, fail, type Command } from '../command.ts';
import { commandPath, isProgramPath, ROOT_PATH } from '../fs/command-paths.ts';
import { resolvePath } from '../fs/paths.ts';
import { Output } from '../output.ts';

/**
 * GNU which 2.20 as CentOS 7's root runs it: /etc/profile.d/which2.sh aliases `which` to
 * `alias | /usr/bin/which --tty-only --read-alias --show-dot --show-tilde`, so messages name
 * /usr/bin/which. The lab's shell has no aliases, so only program files are reported. The exit
 * status is the number of names not found (which.c returns fail_count).
 */

/** The first line of which.c's usage. */
const usage = (progname: string): string => `Usage: ${progname} [options] [--] COMMAND [...]\n`;

/**
 * Long options which accepts; none changes what root sees here (-a/--all: with /bin linked to
 * /usr/bin, root's PATH holds each program once; the alias's -i reads no aliases from this shell).
 */
const LONG_OPTIONS = ['--all', '--read-alias', '--skip-alias', '--read-functions', '--skip-functions', '--tty-only', '--show-dot', '--show-tilde', '--skip-dot', '--skip-tilde'];

export const which: Command = (io) => {
  // argv[0] is what bash ran: the alias's /usr/bin/which, or a path typed by hand.
  const progname = io.argv[0] === 'which' ? '/usr/bin/which' : io.argv[0]!;
  const names: string[] = [];
  const out = new Output();
  let optionsEnded = false;
  for (const a of io.argv.slice(1)) {
    if (optionsEnded || !a.startsWith('-') || a === '-') names.push(a);
    else if (a === '--') optionsEnded = true;
    else if (['-v', '-V', '--version', '--help'].includes(a)) return fail(`lab: which ${a} is not simulated; which prints where the lab's commands are\n`);
    // getopt_long reports a bad option and which.c carries on (its switch has no case for '?').
    else if (a.startsWith('--')) {
      if (!LONG_OPTIONS.includes(a)) out.err(`${progname}: unrecognized option '${a}'\n`);
    } else for (const c of a.slice(1)) if (c !== 'a' && c !== 'i') out.err(`${progname}: invalid option -- '${c}'\n`);
  }
  // which.c prints its usage and returns -1 when no name is given.
  if (names.length === 0) return done(out.err(usage(progname)), 255);
  let failures = 0;
  for (const name of names) {
    if (name.includes('/')) {
      // A name with a slash is looked up in its own directory only, and reported as "no BASE in (DIR)".
      const path = resolvePath(io.state.cwd, name);
      if (isProgramPath(path)) out.out(`${path}\n`);
      else {
        const given = name.startsWith('/') || name.startsWith('.') ? name : `./${name}`;
        out.err(`${progname}: no ${name.slice(name.lastIndexOf('/') + 1)} in (${given.slice(0, given.lastIndexOf('/'))})\n`);
        failures++;
      }
      continue;
    }
    const path = commandPath(name);
    if (path !== undefined) out.out(`${path}\n`);
    else {
      out.err(`${progname}: no ${name} in (${ROOT_PATH})\n`);
      failures++;
    }
  }
  return done(out, Math.min(failures, 255));
};
