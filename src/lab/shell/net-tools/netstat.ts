import { done, fail, type Command } from '../command.ts';
import { Output } from '../output.ts';
import { listedAddress, readListingFlags } from '../socket-listing.ts';

/**
 * net-tools 2.0's netstat (CentOS 7) for Internet sockets: `netstat -ntlp`, `-antp`, `-nt`…
 * As netstat.c prints them: without -a only connected sockets, with -l only listening ones;
 * `%-4s  %6ld %6ld %-23s %-23s %-11s`, an address and port longer than 22 characters cut (the
 * address keeps 22 − length of the port) unless -W; -p adds `PID/Program name`. Apache's sockets
 * are IPv6 ones taking IPv4 (tcp6, `:::80`, `::ffff:a.b.c.d`), as on a CentOS 7 web server.
 *
 * The lab's hosts run no other servers and have no UNIX sockets or DNS: a listing without -t or
 * -u, without -n, or of routes, interfaces or statistics gets the lab's reason instead.
 */

const LONG: Readonly<Record<string, string>> = {
  '--tcp': 't', '--udp': 'u', '--listening': 'l', '--all': 'a', '--numeric': 'n', '--programs': 'p', '--wide': 'W',
};
const KNOWN = 'tulanpW';
/** netstat's other options (its getopt string): real, but not simulated here. */
const OTHER = 'ACFMcdeghiNorsSUvVwx64Z';
const USAGE = "usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n";

/** addr_do_one: `address:port`, cut to 22 characters (without -W) as netstat cuts long IPv6 addresses. */
export function endpoint(addr: string, port: string, wide: boolean): string {
  if (wide || addr.length + port.length <= 22) return `${addr}:${port}`;
  const portLength = Math.min(port.length, 22 - 4);
  return `${addr.slice(0, 22 - portLength)}:${port.slice(0, portLength)}`;
}

export const netstat: Command = (io) => {
  const read = readListingFlags(io.argv.slice(1), LONG, KNOWN, OTHER);
  if ('stop' in read) {
    switch (read.stop) {
      case 'long':
        return fail(`lab: netstat ${read.option}: not simulated; the lab's netstat lists TCP sockets: netstat -ntlp, -antp, -nt\n`);
      case 'other':
        return fail(`lab: netstat -${read.option}: not simulated; the lab's netstat lists TCP sockets (-t, -u, -l, -a, -n, -p, -W); routes are in ip route, interfaces in ip -s link\n`);
      case 'invalid':
        return fail(`netstat: invalid option -- '${read.option}'\n${USAGE}`);
      case 'operand':
        return fail(USAGE);
    }
  }
  const { flags } = read;
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
  const sockets = flags.has('t') ? (io.runtime?.tcpSockets(io.node.id) ?? []) : [];
  for (const s of sockets) {
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
};
