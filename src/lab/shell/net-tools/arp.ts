import { formatIpv4Address, parseIpv4Address } from '../../../wire/ipv4-address.ts';
import { parseMacAddress } from '../../../wire/mac-address.ts';
import type { NeighbourSnapshot } from '../../../sim/model/snapshot.ts';
import { done, type Command } from '../command.ts';
import { findInterface } from '../kernel/edit.ts';
import { routingTables, lookupRoute } from '../kernel/routes.ts';
import { Output } from '../output.ts';

/** net-tools 2.0 arp: the table (`-n`, `-e`, `-a`), `-d ADDR`, `-s ADDR MAC`; it reads /proc/net/arp. */

const complete = (n: NeighbourSnapshot): boolean => n.mac !== null && n.state !== 'INCOMPLETE' && n.state !== 'FAILED';
const flagsOf = (n: NeighbourSnapshot): string => (n.state === 'PERMANENT' ? 'CM' : complete(n) ? 'C' : '');

/** arp_disp(): the Linux-style table line. */
function linuxLine(n: NeighbourSnapshot): string {
  const hw = complete(n) ? `${'ether'.padEnd(8)}${n.mac!.padEnd(20)}` : `${''.padEnd(8)}${'(incomplete)'.padEnd(20)}`;
  return `${n.ip.padEnd(23)}  ${hw}${flagsOf(n).padEnd(6)}${''.padEnd(15)} ${n.dev}\n`;
}

/** arp_disp_2(): the BSD-style line of `arp -a`. */
function bsdLine(n: NeighbourSnapshot): string {
  if (!complete(n)) return `? (${n.ip}) at <incomplete> on ${n.dev}\n`;
  return `? (${n.ip}) at ${n.mac} [ether]${n.state === 'PERMANENT' ? ' PERM' : ''} on ${n.dev}\n`;
}

/** arp (net-tools 2.0). */
export const arp: Command = (io) => {
  const out = new Output();
  const args = io.argv.slice(1);
  let mode: 'linux' | 'bsd' = 'linux';
  let dev: string | undefined;
  const operands: string[] = [];
  let action: 'show' | 'delete' | 'set' = 'show';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i') {
      dev = args[++i];
      if (dev === undefined) return done(out.err('arp: option requires an argument -- \'i\'\n'), 1);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (f === 'n' || f === 'v') continue;
        if (f === 'e') mode = 'linux';
        else if (f === 'a') mode = 'bsd';
        else if (f === 'd') action = 'delete';
        else if (f === 's') action = 'set';
        else return done(out.err(`arp: invalid option -- '${f}'\n`), 255);
      }
    } else operands.push(a);
  }
  if (dev !== undefined && !findInterface(io.node, dev)) return done(out.err(`SIOCGIFINDEX: No such device\n`), 255);
  const entries = (io.runtime?.snapshot(io.node.id)?.neighbours ?? []).filter((n) => n.state !== 'NOARP' && (dev === undefined || n.dev === dev));
  if (action === 'show') {
    const shown = entries.filter((n) => operands.length === 0 || operands.includes(n.ip));
    if (operands.length > 0 && shown.length === 0) return done(out.out(`${operands[0]} (${operands[0]}) -- no entry\n`), 1);
    if (mode === 'linux') {
      out.out('Address                  HWtype  HWaddress           Flags Mask            Iface\n');
      for (const n of shown) out.out(linuxLine(n));
    } else for (const n of shown) out.out(bsdLine(n));
    return done(out, 0);
  }
  const ipText = operands[0];
  const ip = ipText !== undefined ? parseIpv4Address(ipText) : null;
  if (ip === null) return done(out.err(`${ipText ?? ''}: Unknown host\n`), 255);
  const ipStr = formatIpv4Address(ip);
  if (action === 'delete') {
    const e = entries.find((n) => n.ip === ipStr);
    if (!e) return done(out.err(`No ARP entry for ${ipStr}\n`), 255);
    io.runtime?.setNeighbour(io.node.id, e.dev, ipStr, null);
    return done(out, 0);
  }
  const macText = operands[1];
  const mac = macText !== undefined ? parseMacAddress(macText.toLowerCase()) : null;
  if (mac === null) return done(out.err(`arp: invalid hardware address\n`), 255);
  // arp -s finds the device through the route to the address when -i is not given.
  const route = dev === undefined ? lookupRoute(routingTables(io.node), ip) : undefined;
  const target = dev ?? route?.dev;
  if (target === undefined || route?.type === 'local') return done(out.err('SIOCSARP: Network is unreachable\n'), 255);
  io.runtime?.setNeighbour(io.node.id, target, ipStr, mac);
  return done(out, 0);
};
