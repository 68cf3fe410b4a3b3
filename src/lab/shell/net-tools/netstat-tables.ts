import type { CommandIo } from '../command.ts';
import { kernelAddresses } from '../kernel/addresses.ts';
import { deviceFlags, ifconfigBlock } from './ifconfig-format.ts';
import { listedInterfaces } from './ifconfig.ts';
import { rprintFib } from './route.ts';

/**
 * netstat -r and netstat -i of net-tools 2.0 (CentOS 7's net-tools-2.0-0.25.20131004git): the
 * routing table through the code route uses (lib/inet_gr.c), the interface table through the code
 * ifconfig uses (lib/interface.c).
 */

/**
 * netstat.c main for -r: flag_exp starts at 1 and counts each -e; 1 and 2 are swapped, so netstat
 * -r prints route -e's table and netstat -re route's, before `flag_exp & FLAG_EXT` picks the format
 * (-eee gives 0: the title alone).
 */
function routeExt(extend: number): number {
  const exp = 1 + extend;
  return (exp === 1 ? 2 : exp === 2 ? 1 : exp) & 3;
}

/**
 * lib/inet_gr.c rprint_cache as on a 3.10 kernel, whose /proc/net/rt_cache has its header and no
 * entries (the IPv4 routing cache is gone): the title and the column line of the format.
 */
function rprintCache(ext: number): string {
  const head = 'Source          Destination     Gateway         ';
  const columns = ext === 1 ? 'Flags Metric Ref    Use Iface'
    : ext === 2 ? 'Flags   MSS Window  irtt Iface'
      : ext >= 3 ? 'Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst' : undefined;
  return `Kernel IP routing cache\n${columns !== undefined ? `${head}${columns}\n` : ''}`;
}

/**
 * INET_rprint: the FIB (the default, -F) and/or the routing cache (-C). The lab has no DNS: the
 * addresses print as numbers, as the lab's route prints them.
 */
export function routeTables(io: CommandIo, extend: number, fib: boolean, cache: boolean): string {
  const ext = routeExt(extend);
  return `${fib || !cache ? rprintFib(io.node, ext) : ''}${cache ? rprintCache(ext) : ''}`;
}

/** lib/interface.c ife_print_short's flag letters, in its order. */
const SHORT_FLAGS: readonly (readonly [number, string])[] = [
  [0x200, 'A'], [0x2, 'B'], [0x4, 'D'], [0x8, 'L'], [0x1000, 'M'], [0x100, 'P'], [0x20, 'N'], [0x80, 'O'],
  [0x10, 'P'], [0x800, 's'], [0x400, 'm'], [0x40, 'R'], [0x1, 'U'],
];

/**
 * netstat.c iface_info: every listed device and alias label that is up (all with -a). Without -e
 * one line each (ife_print_short, the name column widened to 15 as on CentOS 7); an alias, which
 * /proc/net/dev does not list, has no statistics. With -e, ifconfig's blocks (ife_print_long).
 */
export function interfaceTable(io: CommandIo, extend: number, all: boolean): string {
  const node = io.node;
  const byDev = kernelAddresses(node);
  const promisc = new Set(io.state.jobs.filter((j) => j.running && j.dev !== undefined).map((j) => j.dev!));
  let text = 'Kernel Interface table\n';
  if (extend === 0) text += 'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n';
  for (const e of listedInterfaces(node)) {
    const itf = node.interfaces.find((i) => i.name === e.dev)!;
    if (!itf.up && !all) continue;
    const counters = e.name === e.dev ? io.services.counters?.(node.id, e.dev) : undefined;
    if (extend > 0) {
      const addr = (byDev.get(e.dev) ?? []).find((a) => a.label === e.name);
      text += ifconfigBlock(io.doc, node, itf, e.name, addr, promisc.has(e.dev), counters);
      continue;
    }
    const flags = deviceFlags(io.doc, node, itf, promisc.has(e.dev));
    let line = `${e.name.slice(0, 15).padEnd(15)} ${String(itf.mtu).padStart(5)} `;
    if (counters) {
      line += `${String(counters.rxPackets).padStart(8)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${'0'.padEnd(6)} `;
      line += `${String(counters.txPackets).padStart(8)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${'0'.padStart(6)} `;
    } else {
      line += '     - no statistics available -'.padEnd(56);
    }
    line += flags === 0 ? '[NO FLAGS]' : SHORT_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, c]) => c).join('');
    text += `${line}\n`;
  }
  return text;
}
