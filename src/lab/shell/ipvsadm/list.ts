/**
 * ipvsadm's table listings, byte for byte: print_title (ipvsadm.c:1873), print_service_entry
 * (1946), list_all (2145), list_service (2130), list_timeout (2168) and print_largenum (1819),
 * including the `-S` rule format (FMT_RULE) that ipvsadm-save prints.
 */
import type { IpvsConfig } from '../../../sim/model/config.ts';
import { addressToHost, portToService } from './names.ts';
import { asCInt, inetNtoa } from './numbers.ts';
import { schedFlagsText } from './sched-flags.ts';
import { cmpDests, cmpServices, glibcMsort } from './sort.ts';
import {
  CONN_F_MASQ, CONN_F_TUNNEL, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP, SVC_F_ONEPACKET, SVC_F_PERSISTENT, SVC_F_SCHED_MASK,
  type ConnFwd, type ListFormat,
} from './types.ts';
import type { KernelDest, KernelService } from './view.ts';

/** CONFIG_IP_VS_TAB_BITS: ip_vs's conn_tab_bits when modprobe passes none. */
export const CONN_TAB_BITS_DEFAULT = 12;

/** ip_vs_conn_tab_size: 1 << conn_tab_bits, fixed when the module was loaded. */
export function connTabSize(ipvs: IpvsConfig): number {
  return 2 ** (ipvs.connTabBits ?? CONN_TAB_BITS_DEFAULT);
}
/** IP_VS_VERSION_CODE 0x010201. */
export const IPVS_VERSION = '1.2.1';

/** addrport_to_anyname (2300): "addr:port", names unless FMT_NUMERIC, cut to the 60-byte buffer. */
export function addrPortName(address: number, port: number, protocol: number, numeric: boolean, hosts: string): string {
  const text = numeric
    ? `${inetNtoa(address)}:${port}`
    : `${addressToHost(address, hosts) ?? inetNtoa(address)}:${portToService(port, protocol) ?? String(port)}`;
  return text.slice(0, 59);
}

/** print_largenum: %9llu below 10⁸, else K/M/G/T units; --exact prints every digit. */
export function largeNum(n: number, exact: boolean): string {
  if (exact) {
    const s = String(n);
    return s.padStart(s.length <= 8 ? 9 : s.length + 1);
  }
  if (n < 1e8) return String(n).padStart(9);
  if (n < 1e9) return `${String(Math.floor(n / 1e3)).padStart(8)}K`;
  if (n < 1e11) return `${String(Math.floor(n / 1e6)).padStart(8)}M`;
  if (n < 1e14) return `${String(Math.floor(n / 1e9)).padStart(8)}G`;
  return `${String(Math.floor(n / 1e12)).padStart(8)}T`;
}

/** fwd_name: the Forward column. */
function fwdName(fwd: ConnFwd): string {
  return fwd === CONN_F_MASQ ? 'Masq' : fwd === CONN_F_TUNNEL ? 'Tunnel' : 'Route';
}

/** fwd_switch: the `-S` forwarding option. */
function fwdSwitch(fwd: ConnFwd): string {
  return fwd === CONN_F_MASQ ? '-m' : fwd === CONN_F_TUNNEL ? '-i' : '-g';
}

/** print_title. */
export function titleText(format: ListFormat): string {
  const head = 'Prot LocalAddress:Port'.padEnd(33);
  if (format.stats) return `${head} ${['Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes'].map((s) => s.padStart(8)).join(' ')}\n  -> RemoteAddress:Port\n`;
  if (format.rate) return `${head} ${['CPS', 'InPPS', 'OutPPS', 'InBPS', 'OutBPS'].map((s) => s.padStart(8)).join(' ')}\n  -> RemoteAddress:Port\n`;
  if (format.thresholds) return `${head} ${['Uthreshold', 'Lthreshold', 'ActiveConn', 'InActConn'].map((s) => s.padEnd(10)).join(' ')}\n  -> RemoteAddress:Port\n`;
  if (format.persistentConn) return `${head} ${'Weight'.padEnd(9)} ${'PersistConn'.padEnd(11)} ${'ActiveConn'.padEnd(10)} ${'InActConn'.padEnd(10)}\n  -> RemoteAddress:Port\n`;
  if (format.tunInfo) return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n';
  if (!format.rule) return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
  return '';
}

function serviceName(se: KernelService, format: ListFormat, hosts: string): string {
  if (se.fwmark) return format.rule ? `-f ${asCInt(se.fwmark)}` : `FWM  ${asCInt(se.fwmark)}`;
  const vname = addrPortName(se.address, se.port, se.protocol, format.numeric, hosts);
  if (format.rule) {
    const stype = se.protocol === IPPROTO_TCP ? '-t' : se.protocol === IPPROTO_UDP ? '-u' : se.protocol === IPPROTO_SCTP ? '--sctp-service' : '--xxx-service';
    return `${stype} ${vname}`;
  }
  const proto = se.protocol === IPPROTO_TCP ? 'TCP' : se.protocol === IPPROTO_UDP ? 'UDP' : se.protocol === IPPROTO_SCTP ? 'SCTP' : '?';
  // svc_name[33] = '\0'
  return `${proto.padEnd(4)} ${vname}`.slice(0, 33);
}

function statsColumns(s: { conns: number; inPkts: number; outPkts: number; inBytes: number; outBytes: number }, exact: boolean): string {
  return [s.conns, s.inPkts, s.outPkts, s.inBytes, s.outBytes].map((n) => largeNum(n, exact)).join('');
}

function serviceLine(se: KernelService, name: string, format: ListFormat): string {
  const persistent = (se.flags & SVC_F_PERSISTENT) !== 0;
  const mask = se.netmask !== 0xffffffff ? inetNtoa(se.netmask) : null;
  if (format.rule) {
    let line = `-A ${name} -s ${se.scheduler}`;
    if (persistent) line += ` -p ${se.timeout}${mask ? ` -M ${mask}` : ''}`;
    if (se.flags & SVC_F_ONEPACKET) line += ' -o';
    if (se.flags & SVC_F_SCHED_MASK) line += ` -b ${schedFlagsText(se.scheduler, se.flags)}`;
    return `${line}\n`;
  }
  if (format.stats) return `${name.padEnd(33)}${statsColumns(se.stats, format.exact)}\n`;
  if (format.rate) {
    const r = se.rates;
    return `${name.padEnd(33)}${[r.cps, r.inPps, r.outPps, r.inBps, r.outBps].map((n) => largeNum(n, format.exact)).join('')}\n`;
  }
  let line = `${name} ${se.scheduler}`;
  if (se.flags & SVC_F_SCHED_MASK) line += ` (${schedFlagsText(se.scheduler, se.flags)})`;
  if (persistent) line += ` persistent ${se.timeout}${mask ? ` mask ${mask}` : ''}`;
  if (se.flags & SVC_F_ONEPACKET) line += ' ops';
  return `${line}\n`;
}

function destLine(e: KernelDest, svcName: string, se: KernelService, format: ListFormat, hosts: string): string {
  const full = addrPortName(e.address, e.port, se.protocol, format.numeric, hosts);
  // dname[28] = '\0' except in rules
  const dname = format.rule ? full : full.slice(0, 28);
  const d = `  -> ${dname.padEnd(28)}`;
  if (format.rule) {
    // print_tunnel_rule: the lab's tunnels are all IPIP
    return `-a ${svcName} -r ${dname} ${fwdSwitch(e.fwd)} -w ${e.weight}${e.fwd === CONN_F_TUNNEL ? ' --tun-type ipip' : ''}\n`;
  }
  if (format.stats) return `${d}${statsColumns(e.stats, format.exact)}\n`;
  if (format.rate) {
    const r = e.rates;
    return `${d} ${[r.cps, r.inPps, r.outPps].map((n) => String(n).padStart(8)).join(' ')}${largeNum(r.inBps, format.exact)}${largeNum(r.outBps, format.exact)}\n`;
  }
  const col = (n: number, w: number): string => String(n).padEnd(w);
  if (format.thresholds) return `${d} ${col(e.upperThreshold, 10)} ${col(e.lowerThreshold, 10)} ${col(e.activeConns, 10)} ${col(e.inactConns, 10)}\n`;
  if (format.persistentConn) return `${d} ${col(e.weight, 9)} ${col(e.persistConns, 11)} ${col(e.activeConns, 10)} ${col(e.inactConns, 10)}\n`;
  if (format.tunInfo) return `${d} ${fwdName(e.fwd).padEnd(7)} ${(e.fwd === CONN_F_TUNNEL ? 'ipip' : 'n/a').padEnd(13)} ${col(e.weight, 6)} ${col(e.activeConns, 10)} ${col(e.inactConns, 10)}\n`;
  return `${d} ${fwdName(e.fwd).padEnd(7)} ${col(e.weight, 6)} ${col(e.activeConns, 10)} ${col(e.inactConns, 10)}\n`;
}

/** print_service_entry: the service line and its servers (sorted unless --nosort). */
export function serviceEntryText(se: KernelService, format: ListFormat, hosts: string): string {
  const name = serviceName(se, format, hosts);
  const dests = format.noSort ? se.dests : glibcMsort(se.dests, cmpDests);
  return serviceLine(se, name, format) + dests.map((e) => destLine(e, name, se, format, hosts)).join('');
}

/**
 * list_all: the version header with the connection table's size (ipvs_info.size, see
 * connTabSize; not in rules), the title, then every service (sorted unless --nosort).
 */
export function listAllText(services: readonly KernelService[], format: ListFormat, hosts: string, tabSize: number): string {
  const header = format.rule ? '' : `IP Virtual Server version ${IPVS_VERSION} (size=${tabSize})\n`;
  const sorted = format.noSort ? services : glibcMsort(services, cmpServices);
  return header + titleText(format) + sorted.map((se) => serviceEntryText(se, format, hosts)).join('');
}

/** list_timeout. */
export function timeoutText(ipvs: IpvsConfig): string {
  const t = ipvs.timeouts;
  return `Timeout (tcp tcpfin udp): ${t.tcp} ${t.tcpfin} ${t.udp}\n`;
}
