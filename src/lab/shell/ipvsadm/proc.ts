/**
 * The kernel's /proc/net/ip_vs (ip_vs_ctl.c `ip_vs_info_seq_show`) and /proc/net/ip_vs_conn
 * (ip_vs_conn.c `ip_vs_conn_seq_show`), and ipvsadm's `-L -c` view of the latter (list_conn,
 * print_conn, ipvsadm.c:1630-1740).
 */
import type { IpvsConnSnapshot } from '../../../sim/model/snapshot.ts';
import { parseIpv4Address } from '../../../wire/ipv4-address.ts';
import { addrPortName, IPVS_VERSION } from './list.ts';
import { asCInt } from './numbers.ts';
import { CONN_F_MASQ, CONN_F_TUNNEL, IPPROTO_TCP, IPPROTO_UDP, SVC_F_ONEPACKET, SVC_F_PERSISTENT, type ListFormat } from './types.ts';
import type { KernelService } from './view.ts';

/** The lab's kernel tick rate: /proc/net/ip_vs prints the persistence timeout in jiffies. */
export const HZ = 1000;

const hex = (n: number, width: number): string => (n >>> 0).toString(16).toUpperCase().padStart(width, '0');

/** ip_vs_info_seq_show over services in kernel order, with the connection table's size. */
export function procNetIpVsText(services: readonly KernelService[], tabSize: number): string {
  let out = `IP Virtual Server version ${IPVS_VERSION} (size=${tabSize})\n`;
  out += 'Prot LocalAddress:Port Scheduler Flags\n';
  out += '  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n';
  for (const s of services) {
    const ops = s.flags & SVC_F_ONEPACKET ? 'ops ' : '';
    out += s.fwmark
      ? `FWM  ${hex(s.fwmark, 8)} ${s.scheduler} ${ops}`
      : `${s.protocol === IPPROTO_TCP ? 'TCP' : s.protocol === IPPROTO_UDP ? 'UDP' : 'SCTP'}  ${hex(s.address, 8)}:${hex(s.port, 4)} ${s.scheduler} ${ops} `;
    // svc->timeout is in jiffies and printed with %d.
    out += s.flags & SVC_F_PERSISTENT ? `persistent ${asCInt(s.timeout * HZ)} ${hex(s.netmask, 8)}\n` : '\n';
    for (const d of s.dests) {
      const fwd = d.fwd === CONN_F_MASQ ? 'Masq' : d.fwd === CONN_F_TUNNEL ? 'Tunnel' : 'Route';
      out += `  -> ${hex(d.address, 8)}:${hex(d.port, 4)}      ${fwd.padEnd(7)} ${String(d.weight).padEnd(6)} ${String(d.activeConns).padEnd(10)} ${String(d.inactConns).padEnd(10)}\n`;
    }
  }
  return out;
}

/** Remaining seconds as the kernel prints them: jiffies_delta_to_msecs(...) / 1000, truncated. */
const expireSeconds = (c: IpvsConnSnapshot): number => Math.floor(c.expiresInUs / 1_000_000);
const addr = (s: string): number => parseIpv4Address(s) ?? 0;

/** ip_vs_conn_seq_show: every connection entry and template, in table order. */
export function procNetIpVsConnText(connections: readonly IpvsConnSnapshot[]): string {
  let out = 'Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n';
  for (const c of connections) {
    out += `${c.protocol.padEnd(3)} ${hex(addr(c.clientAddress), 8)} ${hex(c.clientPort, 4)} ${hex(addr(c.virtualAddress), 8)} ${hex(c.virtualPort, 4)}`
      + ` ${hex(addr(c.destAddress), 8)} ${hex(c.destPort, 4)} ${c.state.padEnd(11)} ${String(expireSeconds(c)).padStart(7)}\n`;
  }
  return out;
}

/** list_conn / print_conn: `ipvsadm -L -c`. */
export function listConnText(connections: readonly IpvsConnSnapshot[], format: ListFormat, hosts: string): string {
  let out = 'IPVS connection entries\n';
  out += format.persistentConn
    ? `pro expire ${'state'.padEnd(11)} ${'source'.padEnd(18)} ${'virtual'.padEnd(18)} ${'destination'.padEnd(18)} ${'pe name'.padEnd(16)} pe_data\n`
    : `pro expire ${'state'.padEnd(11)} ${'source'.padEnd(18)} ${'virtual'.padEnd(18)} destination\n`;
  for (const c of connections) {
    // Templates of fwmark services are protocol "IP" (0): no port names for them.
    const proto = c.protocol === 'TCP' ? IPPROTO_TCP : c.protocol === 'UDP' ? IPPROTO_UDP : 0;
    const name = (a: string, p: number): string => addrPortName(addr(a), p, proto, format.numeric, hosts);
    const s = expireSeconds(c);
    const expire = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    out += `${c.protocol.padEnd(3)} ${expire.padEnd(6)} ${c.state.padEnd(11)} ${name(c.clientAddress, c.clientPort).padEnd(18)} ${name(c.virtualAddress, c.virtualPort).padEnd(18)} ${name(c.destAddress, c.destPort)}\n`;
  }
  return out;
}
