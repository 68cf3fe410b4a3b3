import { done, fail, type Command } from '../command.ts';
import { Output } from '../output.ts';
import { listedAddress, readListingFlags } from '../socket-listing.ts';
import type { TcpSocketView } from '../../../sim/model/sockets.ts';

/**
 * iproute2 4.11's ss (CentOS 7) for TCP and UDP sockets: `ss -ntl`, `ss -ant`, `ss -tuna`…
 * Its column widths come from the terminal's width (80 columns here) as misc/ss.c computes them:
 * a Netid column when more than one table is shown, a State column when more than one state,
 * addresses right-aligned before `:port` (IPv4's any address as `*`, IPv6's as `::`, widened in
 * steps of 4 for a long IPv6 address). Without -a or -l it shows connected sockets, not those in
 * LISTEN, TIME-WAIT or SYN-RECV. A listening socket's Send-Q is its backlog.
 *
 * The lab's hosts have no UNIX sockets and no /etc/services: a listing without -t or -u, without
 * -n, with a filter or with the options that show process, timer or memory details gets the lab's
 * reason instead.
 */

const LONG: Readonly<Record<string, string>> = {
  '--tcp': 't', '--udp': 'u', '--numeric': 'n', '--listening': 'l', '--all': 'a', '--ipv4': '4', '--ipv6': '6',
};
const KNOWN = 'tunla46';
/** ss's other options: real, but not simulated here. */
const OTHER = 'hVrpeimosxwdf0ADFZzNKHE';
const SCREEN_WIDTH = 80;

const STATE_NAMES: Readonly<Record<TcpSocketView['state'], string>> = {
  ESTABLISHED: 'ESTAB', SYN_SENT: 'SYN-SENT', SYN_RECV: 'SYN-RECV', FIN_WAIT1: 'FIN-WAIT-1', FIN_WAIT2: 'FIN-WAIT-2',
  TIME_WAIT: 'TIME-WAIT', CLOSE_WAIT: 'CLOSE-WAIT', LAST_ACK: 'LAST-ACK', LISTEN: 'LISTEN', CLOSING: 'CLOSING',
};

/** The states ss shows without -a or -l (SS_CONN). */
const CONNECTED = new Set<TcpSocketView['state']>(['ESTABLISHED', 'SYN_SENT', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING']);

/** The widths main() computes for the terminal: Netid, State, address and port columns. */
export function columns(tables: number, states: number): { netid: number; state: number; addr: number; serv: number } {
  let netid = tables > 1 ? 5 : 0;
  let state = states > 1 ? 10 : 0;
  let addrp = SCREEN_WIDTH - (netid + 1) - (state + 1) - 14;
  if (addrp & 1) {
    if (netid) netid++;
    else if (state) state++;
  }
  addrp = Math.trunc(addrp / 2) - 1;
  const serv = 5;
  if (addrp < 15 + serv + 1) addrp = 15 + serv + 1;
  // "Make enough space for the local/remote port field".
  return { netid, state, addr: addrp - serv - 1 - 13, serv: serv + 13 };
}

/** inet_addr_print: `*` for IPv4's any address; an IPv6 one widens the column in steps of 4. */
function endpoint(addr: string, port: string, family: TcpSocketView['family'], width: { addr: number; serv: number }): string {
  let shown = listedAddress(addr, family);
  let est = width.addr;
  if (family === 'inet') {
    if (addr === '0.0.0.0') shown = '*';
  } else {
    est = shown.length <= width.addr ? width.addr : width.addr + Math.trunc((shown.length - width.addr + 3) / 4) * 4;
  }
  return `${shown.padStart(est)}:${port.padEnd(width.serv)} `;
}

export const ss: Command = (io) => {
  const read = readListingFlags(io.argv.slice(1), LONG, KNOWN, OTHER);
  if ('stop' in read) {
    switch (read.stop) {
      case 'long':
        return fail(`lab: ss ${read.option}: not simulated; the lab's ss lists TCP sockets: ss -ntl, ss -ant\n`);
      case 'other':
        return fail(`lab: ss -${read.option}: not simulated; the lab's ss lists TCP sockets (-t, -u, -n, -l, -a, -4, -6); netstat -p names the processes\n`);
      case 'invalid':
        return fail(`ss: invalid option -- '${read.option}'\nUsage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n`);
      case 'operand':
        return fail('lab: ss: filters (state …, sport = …) are not simulated; the lab\'s ss takes options only\n');
    }
  }
  const { flags } = read;
  if (!flags.has('t') && !flags.has('u')) return fail('lab: ss: give -t (TCP) or -u (UDP): the lab\'s hosts have no UNIX sockets to list\n');
  if (!flags.has('n')) return fail('lab: ss: add -n: the lab has no /etc/services to turn ports into names\n');
  const tables = (flags.has('t') ? 1 : 0) + (flags.has('u') ? 1 : 0);
  // -l asks for LISTEN and CLOSE, the default for the connected states, -a for all: never one state.
  const width = columns(tables, 2);
  const shows = (s: TcpSocketView): boolean =>
    (flags.has('a') || (flags.has('l') ? s.state === 'LISTEN' : CONNECTED.has(s.state)))
    && !(flags.has('4') && !flags.has('6') && s.family === 'inet6') && !(flags.has('6') && !flags.has('4') && s.family === 'inet');
  const out = new Output();
  let header = width.netid ? `${'Netid'.padEnd(width.netid)} ` : '';
  header += `${'State'.padEnd(width.state)} Recv-Q Send-Q `;
  header += `${'Local Address'.padStart(width.addr)}:${'Port'.padEnd(width.serv)} ${'Peer Address'.padStart(width.addr)}:${'Port'.padEnd(width.serv)}\n`;
  out.out(header);
  // The lab's hosts have no UDP sockets: -u lists none.
  const sockets = flags.has('t') ? (io.runtime?.tcpSockets(io.node.id) ?? []) : [];
  for (const s of sockets.filter(shows)) {
    const listening = s.state === 'LISTEN';
    let line = width.netid ? `${'tcp'.padEnd(width.netid)} ` : '';
    line += `${STATE_NAMES[s.state].padEnd(width.state)} ${String(listening ? 0 : s.recvQ).padEnd(6)} ${String(listening ? s.backlog : s.sendQ).padEnd(6)} `;
    line += endpoint(s.localAddr, String(s.localPort), s.family, width);
    line += endpoint(s.remoteAddr, listening ? '*' : String(s.remotePort), s.family, width);
    out.out(`${line}\n`);
  }
  return done(out, 0);
};
