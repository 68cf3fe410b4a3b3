import { formatIpv4Address, prefixMask } from '../../../wire/ipv4-address.ts';
import type { InterfaceConfig } from '../../../sim/model/config.ts';
import type { LabDocument, LabNode } from '../../document.ts';
import type { DeviceCounters } from '../command.ts';
import type { KernelAddress } from '../kernel/addresses.ts';
import { lowerUp } from '../kernel/devices.ts';

/** net-tools 2.0 ifconfig's listing (lib/interface.c ife_print_long), as on CentOS 7. */

const IFF: readonly (readonly [number, string])[] = [
  [0x1, 'UP'], [0x2, 'BROADCAST'], [0x4, 'DEBUG'], [0x8, 'LOOPBACK'], [0x10, 'POINTOPOINT'], [0x20, 'NOTRAILERS'],
  [0x40, 'RUNNING'], [0x80, 'NOARP'], [0x100, 'PROMISC'], [0x200, 'ALLMULTI'], [0x400, 'MASTER'], [0x800, 'SLAVE'], [0x1000, 'MULTICAST'],
];

/** The device flags as SIOCGIFFLAGS returns them (RUNNING = carrier). */
export function deviceFlags(doc: LabDocument, node: LabNode, itf: InterfaceConfig, promisc: boolean): number {
  let f = 0;
  if (itf.up) f |= 0x1;
  if (itf.kind === 'ether') f |= 0x2 | 0x1000;
  if (itf.kind === 'loopback') f |= 0x8;
  if (itf.kind === 'ipip') f |= 0x80;
  if (lowerUp(doc, node, itf)) f |= 0x40;
  if (promisc) f |= 0x100;
  return f;
}

/** `flags=4163<UP,BROADCAST,RUNNING,MULTICAST>`. */
export const flagsText = (f: number): string => `flags=${f}<${IFF.filter(([bit]) => (f & bit) !== 0).map(([, n]) => n).join(',')}>`;

/** print_bytes_scaled: `1234 (1.2 KiB)`. */
function bytesScaled(n: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let int = n;
  let frac = 0;
  let u = 0;
  while (int >= 1024 && u < units.length - 1) {
    frac = Math.floor(((int % 1024) * 10) / 1024);
    int = Math.floor(int / 1024);
    u++;
  }
  return `${n} (${int}.${frac} ${u === 0 ? 'B' : `${units[u]}iB`})`;
}

/** The block ifconfig prints for a device or an alias label, ending with an empty line. */
export function ifconfigBlock(
  doc: LabDocument, node: LabNode, itf: InterfaceConfig, name: string, addr: KernelAddress | undefined, promisc: boolean,
  counters: DeviceCounters | undefined,
): string {
  const flags = deviceFlags(doc, node, itf, promisc);
  const lines = [`${name}: ${flagsText(flags)}  mtu ${itf.mtu}`];
  if (addr) {
    let inet = `        inet ${formatIpv4Address(addr.address)}  netmask ${formatIpv4Address(prefixMask(addr.prefixLength))}`;
    if (flags & 0x2) inet += `  broadcast ${formatIpv4Address(addr.broadcast)}`;
    lines.push(inet);
  }
  if (itf.kind === 'loopback') lines.push('        loop  txqueuelen 1000  (Local Loopback)');
  else if (itf.kind === 'ipip') lines.push('        tunnel   txqueuelen 1000  (IPIP Tunnel)');
  else lines.push(`        ether ${itf.mac ?? '00:00:00:00:00:00'}  txqueuelen 1000  (Ethernet)`);
  // Statistics belong to the device, so alias entries have none (if_fetch reads /proc/net/dev by device name).
  if (counters && name === itf.name) {
    lines.push(
      `        RX packets ${counters.rxPackets}  bytes ${bytesScaled(counters.rxBytes)}`,
      '        RX errors 0  dropped 0  overruns 0  frame 0',
      `        TX packets ${counters.txPackets}  bytes ${bytesScaled(counters.txBytes)}`,
      '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
    );
  }
  return `${lines.join('\n')}\n\n`;
}

/** net-tools' nstrcmp: names compare as text, with digit runs compared as numbers (eth2 < eth10). */
export function nstrcmp(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      if (Number(x) !== Number(y)) return Number(x) - Number(y);
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
