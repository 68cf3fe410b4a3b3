import { done, fail, ok, type Command } from '../command.ts';
import { kernelAddresses } from '../kernel/addresses.ts';
import { formatIpv4Address, isLoopbackIpv4 } from '../../../wire/ipv4-address.ts';
import { Output } from '../output.ts';

/** hostname (the node's name) and `hostname -I` (every address but loopback, with bash's trailing space). */
export const hostname: Command = (io) => {
  const arg = io.argv[1];
  if (arg === undefined) return ok(`${io.node.id}\n`);
  if (arg === '-I' || arg === '--all-ip-addresses') {
    const addrs: string[] = [];
    const byDev = kernelAddresses(io.node);
    for (const itf of io.node.interfaces) {
      if (!itf.up) continue;
      for (const a of byDev.get(itf.name) ?? []) if (!isLoopbackIpv4(a.address) && a.scope !== 'host') addrs.push(formatIpv4Address(a.address));
    }
    return ok(`${addrs.map((a) => `${a} `).join('')}\n`);
  }
  if (arg === '-s' || arg === '--short') return ok(`${io.node.id.split('.')[0]}\n`);
  if (arg.startsWith('-')) return fail(`lab: hostname supports -I and -s here, not ${arg}\n`, 1);
  return fail('lab: the host name is the node\'s name in the lab; rename the node in the editor\n', 1);
};

/** dmesg: the kernel log of the running node (IPVS messages, for example). */
export const dmesg: Command = (io) => {
  const log = io.runtime?.kernelLog(io.node.id) ?? [];
  return ok(log.map((l) => `${l}\n`).join(''));
};

/**
 * setenforce 0|1|Permissive|Enforcing. SELinux is not simulated: nothing in the lab is blocked by
 * a policy (as with SELinux permissive, which is what the seeds set), so the command succeeds
 * silently as on the real host; getenforce reports what was set.
 */
export const setenforce: Command = (io) => {
  const arg = io.argv[1];
  const mode = arg === undefined ? undefined : /^(1|enforcing)$/i.test(arg) ? 'Enforcing' : /^(0|permissive)$/i.test(arg) ? 'Permissive' : undefined;
  if (io.argv.length !== 2 || mode === undefined) return fail('usage:  setenforce [ Enforcing | Permissive | 1 | 0 ]\n', 1);
  io.state.selinux = mode;
  return ok();
};

/** getenforce: SELinux's mode as setenforce left it (Enforcing on a fresh CentOS 7). */
export const getenforce: Command = (io) => ok(`${io.state.selinux}\n`);

/** true and false. */
export const trueCommand: Command = () => ok();
/** false. */
export const falseCommand: Command = () => done(new Output(), 1);

/** The bytes ncurses' clear writes for TERM=xterm on CentOS 7 (terminfo clear=\E[H\E[2J, E3=\E[3J). */
const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

/** clear: the console empties its screen when it meets these bytes, as a terminal does. */
export const clear: Command = (io) => (io.argv.length > 1 ? fail(`lab: clear takes no arguments here\n`, 1) : ok(CLEAR_SCREEN));

/** whoami: the console's user is root. */
export const whoami: Command = (io) => (io.argv.length > 1 ? fail(`whoami: extra operand ‘${io.argv[1]}’\nTry 'whoami --help' for more information.\n`, 1) : ok('root\n'));
