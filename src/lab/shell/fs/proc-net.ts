import type { NeighbourSnapshot } from '../../../sim/model/snapshot.ts';
import { formatProcNetIpVs, formatProcNetIpVsConn } from '../ipvsadm/index.ts';
import type { FsView } from './files.ts';

/** The /proc/net files this lab has. */
export const PROC_NET_FILES: readonly string[] = ['/proc/net/arp', '/proc/net/ip_vs', '/proc/net/ip_vs_conn'];

/** net/ipv4/arp.c arp_format_neigh_entry's flags: ATF_COM for a valid entry, ATF_PERM for a permanent one. */
function arpFlags(n: NeighbourSnapshot): number {
  if (n.state === 'PERMANENT') return 0x6;
  return n.mac !== null && n.state !== 'INCOMPLETE' && n.state !== 'FAILED' ? 0x2 : 0x0;
}

/** /proc/net/arp (arp_seq_show): every neighbour except NOARP ones, hardware type 0x1 (Ethernet). */
export function procNetArp(neighbours: readonly NeighbourSnapshot[]): string {
  const rows = neighbours.filter((n) => n.state !== 'NOARP').map((n) => {
    const flags = arpFlags(n);
    const mac = flags === 0 ? '00:00:00:00:00:00' : n.mac ?? '00:00:00:00:00:00';
    return `${n.ip.padEnd(16)} 0x${'1'.padEnd(10)}0x${flags.toString(16).padEnd(10)}${mac.padEnd(17)}     ${'*'.padEnd(8)} ${n.dev}\n`;
  });
  return `IP address       HW type     Flags       HW address            Mask     Device\n${rows.join('')}`;
}

/** The content of a /proc/net file, or undefined when it does not exist on this node now. */
export function procNetFile(v: FsView, path: string): string | undefined {
  const snap = v.runtime?.snapshot(v.node.id);
  switch (path) {
    case '/proc/net/arp':
      return procNetArp(snap?.neighbours ?? []);
    case '/proc/net/ip_vs':
      return v.node.ipvs.loaded ? formatProcNetIpVs(v.node, snap) : undefined;
    case '/proc/net/ip_vs_conn':
      return v.node.ipvs.loaded ? formatProcNetIpVsConn(snap) : undefined;
  }
  return undefined;
}
