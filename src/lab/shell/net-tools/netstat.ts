import { done, fail, type Command, type CommandIo } from '../command.ts';
import { getopt, type OptionTable } from '../coreutils/getopt-long.ts';
import { Output } from '../output.ts';
import { listedAddress } from '../socket-listing.ts';
import { interfaceTable, routeTables } from './netstat-tables.ts';
import { ROUTING_FAMILIES } from './route.ts';

/**
 * net-tools 2.0's netstat (CentOS 7, net-tools-2.0-0.25.20131004git) as netstat.c main reads
 * its options: the routing table (-r, netstat-tables.ts), the interface table (-i) and Internet
 * sockets (`netstat -ntlp`, `-antp`, `-nt`…). As netstat.c prints them: without -a only connected
 * sockets, with -l only listening ones; `%-4s  %6ld %6ld %-23s %-23s %-11s`, an address and port
 * longer than 22 characters cut (the address keeps 22 − length of the port) unless -W; -p adds
 * `PID/Program name`. Apache's sockets are IPv6 ones taking IPv4 (tcp6, `:::80`,
 * `::ffff:a.b.c.d`), as on a CentOS 7 web server.
 *
 * The lab's hosts run no other servers and have no UNIX sockets or DNS: a socket listing without
 * -t or -u or without -n, statistics, masquerading, address families, continuous listings and the
 * socket options the lab does not print get the lab's reason instead.
 */

/** getopt_long's table (longopts, AFTRANS_OPTS first): the letter main's switch sees, `1` for an address family. */
const LONG_OPTIONS: readonly (readonly [string, string])[] = [
  ['ax25', '1'], ['ip', '1'], ['ipx', '1'], ['appletalk', '1'], ['netrom', '1'], ['inet', '1'], ['inet6', '1'], ['ddp', '1'],
  ['unix', '1'], ['tcpip', '1'], ['version', 'V'], ['interfaces', 'i'], ['help', 'h'], ['route', 'r'], ['masquerade', 'M'],
  ['protocol', 'A'], ['tcp', 't'], ['sctp', 'S'], ['udp', 'u'], ['udplite', 'U'], ['raw', 'w'], ['unix', 'x'], ['l2cap', '2'],
  ['rfcomm', 'f'], ['listening', 'l'], ['all', 'a'], ['timers', 'o'], ['continuous', 'c'], ['extend', 'e'], ['programs', 'p'],
  ['verbose', 'v'], ['statistics', 's'], ['wide', 'W'], ['numeric', 'n'], ['numeric-hosts', '!'], ['numeric-ports', '@'],
  ['numeric-users', '#'], ['symbolic', 'N'], ['cache', 'C'], ['fib', 'F'], ['groups', 'g'], ['context', 'Z'],
];
/**
 * The getopt string, with RHEL's `-I[<Iface>]`, and the long options: --protocol takes a value,
 * RHEL's --interfaces an optional one (`--interfaces=<Iface>` is -I's).
 */
const OPTIONS: OptionTable = {
  short: 'A:CFMacdeghiI::lnNoprsStuUvVWwx64?Z',
  long: LONG_OPTIONS.map(([name, key]) => ({ name, key, value: key === 'A' ? 'required' : key === 'i' ? 'optional' : 'none' })),
};

const USAGE = [
  'usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}',
  '       netstat [-vWnNcaeol] [<Socket> ...]',
  '       netstat { [-vWeenNac] -I[<Iface>] | [-veenNac] -i | [-cnNe] -M | -s [-6tuw] } [delay]',
  '',
  '        -r, --route              display routing table',
  '        -I, --interfaces=<Iface> display interface table for <Iface>',
  '        -i, --interfaces         display interface table',
  '        -g, --groups             display multicast group memberships',
  '        -s, --statistics         display networking statistics (like SNMP)',
  '        -M, --masquerade         display masqueraded connections',
  '',
  '        -v, --verbose            be verbose',
  "        -W, --wide               don't truncate IP addresses",
  "        -n, --numeric            don't resolve names",
  "        --numeric-hosts          don't resolve host names",
  "        --numeric-ports          don't resolve port names",
  "        --numeric-users          don't resolve user names",
  '        -N, --symbolic           resolve hardware names',
  '        -e, --extend             display other/more information',
  '        -p, --programs           display PID/Program name for sockets',
  '        -o, --timers             display timers',
  '        -c, --continuous         continuous listing',
  '',
  '        -l, --listening          display listening server sockets',
  '        -a, --all                display all sockets (default: connected)',
  '        -F, --fib                display Forwarding Information Base (default)',
  '        -C, --cache              display routing cache instead of FIB',
  '        -Z, --context            display SELinux security context for sockets',
  '',
  '  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-w|--raw} {-x|--unix}',
  '           --ax25 --ipx --netrom',
  "  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet",
  ...ROUTING_FAMILIES,
  '',
].join('\n');
/** usage(): to stderr, exit(E_USAGE). */
const E_USAGE = 4;

const REASON = "the lab's netstat lists TCP sockets (-t, -u, -l, -a, -n, -p, -W), routes (-r, -e, -n, -C, -F) and interfaces (-i, -e, -a)";

export const netstat: Command = (io) => {
  const read = getopt(io.argv[0] ?? 'netstat', io.argv.slice(1), OPTIONS);
  const { operands, error } = read;
  const options = read.options.map((o) => ({
    letter: o.key === 'i' && o.value !== undefined ? 'I' : o.key,
    shown: o.long === undefined ? `-${o.key}` : `--${o.long}`,
  }));
  // The switch acts on -h, -? and -V at once, and on an error; the other options set flags.
  for (const o of options) {
    if (o.letter === 'h' || o.letter === '?') return fail(USAGE, E_USAGE);
    if (o.letter === 'V') return fail(`lab: netstat ${o.shown}: not simulated; ${REASON}\n`);
  }
  if (error !== undefined) return fail(error + USAGE, E_USAGE);
  const count = (letters: string): number => options.filter((o) => letters.includes(o.letter)).length;
  if (count('iI') + count('r') + count('M') + count('s') > 1) return fail(USAGE, E_USAGE);
  // RHEL's [delay]: one operand, a count of seconds, repeats the listing; anything else is a usage error.
  if (operands.length === 1) {
    if (!(parseInt(operands[0]!, 10) > 0)) return fail(USAGE, E_USAGE);
    return fail(`lab: netstat: the delay ${operands[0]!} (a listing every ${operands[0]!} seconds) is not simulated; ${REASON}\n`);
  }
  const mode = count('r') ? 'r' : count('i') ? 'i' : count('I') ? 'I' : count('M') ? 'M' : count('s') ? 's' : 'sockets';
  // What each listing reads; any other option is ignored by the tables and not simulated for sockets.
  const unsupported = mode === 'r' || mode === 'i' ? options.find((o) => 'cA1x46'.includes(o.letter)) : mode === 'sockets' ? options.find((o) => !'tulanpW'.includes(o.letter)) : options.find((o) => o.letter === mode);
  if (unsupported) return fail(`lab: netstat ${unsupported.shown}: not simulated; ${REASON}\n`);
  const extend = count('e');
  if (mode === 'r') return done(new Output().out(routeTables(io, extend, count('F') > 0, count('C') > 0)), 0);
  if (mode === 'i') return done(new Output().out(interfaceTable(io, extend, count('a') > 0)), 0);
  return sockets(io, new Set(options.map((o) => o.letter)));
};

/** addr_do_one: `address:port`, cut to 22 characters (without -W) as netstat cuts long IPv6 addresses. */
export function endpoint(addr: string, port: string, wide: boolean): string {
  if (wide || addr.length + port.length <= 22) return `${addr}:${port}`;
  const portLength = Math.min(port.length, 22 - 4);
  return `${addr.slice(0, 22 - portLength)}:${port.slice(0, portLength)}`;
}

/** tcp_info / udp_info: the Internet sockets. */
function sockets(io: CommandIo, flags: ReadonlySet<string>) {
  if (!flags.has('t') && !flags.has('u')) return fail('lab: netstat: give -t (TCP) or -u (UDP): the lab\'s hosts have no UNIX sockets to list\n');
  if (!flags.has('n')) return fail('lab: netstat: add -n: the lab has no DNS or /etc/services to turn addresses and ports into names\n');
  const all = flags.has('a');
  const listening = flags.has('l');
  const programs = flags.has('p');
  const wide = flags.has('W');
  const pid = io.state.servicePid('httpd');
  const out = new Output();
  out.out(`Active Internet connections ${all ? '(servers and established)' : listening ? '(only servers)' : '(w/o servers)'}\n`);
  out.out(`Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${programs ? ` ${'PID/Program name'.padEnd(20)}` : ''}\n`);
  // The lab's hosts have no UDP sockets: -u lists none.
  const list = flags.has('t') ? (io.runtime?.tcpSockets(io.node.id) ?? []) : [];
  for (const s of list) {
    const connected = s.remotePort !== 0;
    if (!all && (listening ? connected : !connected)) continue;
    const local = endpoint(listedAddress(s.localAddr, s.family), String(s.localPort), wide);
    const remote = endpoint(listedAddress(s.remoteAddr, s.family), connected ? String(s.remotePort) : '*', wide);
    const proto = s.family === 'inet' ? 'tcp' : 'tcp6';
    let line = `${proto.padEnd(4)}  ${String(s.recvQ).padStart(6)} ${String(s.sendQ).padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${s.state.padEnd(11)}`;
    // Only Apache holds sockets while the shell can look: curl has ended by the time a command runs.
    if (programs) line += ` ${(s.program === 'httpd' ? `${pid}/httpd` : '-').padEnd(20)}`;
    out.out(`${line}\n`);
  }
  return done(out, 0);
}
