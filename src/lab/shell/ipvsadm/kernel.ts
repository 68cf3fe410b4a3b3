/**
 * The kernel's side of ipvsadm's configuration commands (net/netfilter/ipvs/ip_vs_ctl.c,
 * `ip_vs_genl_set_cmd` and the functions it calls), applied to the lab document's IPVS
 * configuration: the same checks in the same order, the same errno, and on success the new
 * configuration. Services and real servers are kept in the order they were added.
 *
 * What this lab's kernel does not have is refused with ENOPROTOOPT ("Protocol not
 * available"): SCTP services (the lab simulates TCP and UDP only) and GUE/GRE tunnels (only
 * IPIP). A `--pe` engine is answered ENOENT, as by a kernel built without ip_vs_pe_sip.
 */
import type { LabNode } from '../../document.ts';
import type { ForwardingMethod, IpvsConfig, RealServerConfig, VirtualServiceConfig } from '../../../sim/model/config.ts';
import { inetAddrType } from './addr-type.ts';
import type { Errno } from './errno.ts';
import { inetNtoa } from './numbers.ts';
import { schedFlagNames } from './sched-flags.ts';
import {
  CONN_F_MASQ, CONN_F_TUNNEL, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP, SVC_F_ONEPACKET, SVC_F_PERSISTENT,
  SVC_F_SCHED_MASK, type DestArgs, type ServiceArgs,
} from './types.ts';

/** The scheduler modules the lab kernel has (ip_vs_<name>.ko of Linux 6.12). */
export const KERNEL_SCHEDULERS: readonly string[] = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh', 'twos'];

/** INT_MAX / HZ: the largest timeout ip_vs_set_timeout accepts (the lab's kernel runs at HZ=1000). */
export const MAX_KERNEL_TIMEOUT = Math.floor(2147483647 / 1000);

/** A configuration command's outcome: the new IPVS configuration, or the errno it fails with. */
export type KernelResult = { readonly ok: true; readonly ipvs: IpvsConfig } | { readonly ok: false; readonly errno: Errno };

const fault = (errno: Errno): KernelResult => ({ ok: false, errno });

/** __ip_vs_service_find / __ip_vs_svc_fwm_find: the index of the service ipvsadm names, or -1. */
export function findService(ipvs: IpvsConfig, svc: ServiceArgs): number {
  if (svc.fwmark) return ipvs.services.findIndex((s) => s.protocol === 'fwmark' && s.fwmark === svc.fwmark);
  const protocol = svc.protocol === IPPROTO_TCP ? 'tcp' : svc.protocol === IPPROTO_UDP ? 'udp' : null;
  const address = inetNtoa(svc.address);
  return ipvs.services.findIndex((s) => s.protocol === protocol && s.address === address && s.port === svc.port);
}

function findDest(s: VirtualServiceConfig, dest: DestArgs): number {
  const address = inetNtoa(dest.address);
  return s.realServers.findIndex((r) => r.address === address && r.port === dest.port);
}

/** The document's form of a service as ip_vs_add_service / ip_vs_edit_service store it. */
function serviceConfig(svc: ServiceArgs, realServers: readonly RealServerConfig[]): VirtualServiceConfig {
  const persistent = (svc.flags & SVC_F_PERSISTENT) !== 0;
  const flags = schedFlagNames(svc.scheduler, svc.flags & SVC_F_SCHED_MASK);
  return {
    protocol: svc.fwmark ? 'fwmark' : svc.protocol === IPPROTO_UDP ? 'udp' : 'tcp',
    ...(svc.fwmark ? { fwmark: svc.fwmark } : { address: inetNtoa(svc.address), port: svc.port }),
    scheduler: svc.scheduler,
    // The kernel also keeps the netmask of a service that is not persistent; nothing ever reads it.
    ...(persistent ? { persistentTimeout: svc.timeout } : {}),
    ...(persistent && svc.netmask !== 0xffffffff ? { persistentNetmask: inetNtoa(svc.netmask) } : {}),
    ...(flags.length > 0 ? { schedulerFlags: flags } : {}),
    ...(svc.flags & SVC_F_ONEPACKET ? { onePacket: true } : {}),
    realServers,
  };
}

function destConfig(dest: DestArgs): RealServerConfig {
  const forwardingMethod: ForwardingMethod = dest.fwd === CONN_F_MASQ ? 'masq' : dest.fwd === CONN_F_TUNNEL ? 'tunnel' : 'droute';
  return { address: inetNtoa(dest.address), port: dest.port, forwardingMethod, weight: dest.weight, upperThreshold: dest.upperThreshold, lowerThreshold: dest.lowerThreshold };
}

/** ip_vs_scheduler_get / ip_vs_pe_getbyname: ENOENT when the module cannot be found. */
function checkModules(svc: ServiceArgs): Errno | null {
  if (!KERNEL_SCHEDULERS.includes(svc.scheduler)) return 'ENOENT';
  if (svc.pe !== '') return 'ENOENT';
  return null;
}

const withServices = (ipvs: IpvsConfig, services: readonly VirtualServiceConfig[]): KernelResult => ({ ok: true, ipvs: { ...ipvs, services } });

/** IPVS_CMD_NEW_SERVICE: ip_vs_genl_parse_service, then ip_vs_add_service. */
export function addService(ipvs: IpvsConfig, svc: ServiceArgs): KernelResult {
  if (svc.af !== 'inet') return fault('EAFNOSUPPORT');
  if (findService(ipvs, svc) >= 0) return fault('EEXIST');
  if (!svc.fwmark && svc.protocol === IPPROTO_SCTP) return fault('ENOPROTOOPT');
  const missing = checkModules(svc);
  if (missing) return fault(missing);
  return withServices(ipvs, [...ipvs.services, serviceConfig(svc, [])]);
}

/** IPVS_CMD_SET_SERVICE: ip_vs_edit_service sets scheduler, flags, timeout and netmask; the servers stay. */
export function editService(ipvs: IpvsConfig, svc: ServiceArgs): KernelResult {
  if (svc.af !== 'inet') return fault('EAFNOSUPPORT');
  const i = findService(ipvs, svc);
  if (i < 0) return fault('ESRCH');
  const missing = checkModules(svc);
  if (missing) return fault(missing);
  return withServices(ipvs, ipvs.services.map((s, j) => (j === i ? serviceConfig(svc, s.realServers) : s)));
}

/** IPVS_CMD_DEL_SERVICE. */
export function deleteService(ipvs: IpvsConfig, svc: ServiceArgs): KernelResult {
  if (svc.af !== 'inet') return fault('EAFNOSUPPORT');
  const i = findService(ipvs, svc);
  if (i < 0) return fault('ESRCH');
  return withServices(ipvs, ipvs.services.filter((_, j) => j !== i));
}

/** The checks ip_vs_genl_set_cmd makes before any destination command: the service, then the server's family. */
function destService(ipvs: IpvsConfig, svc: ServiceArgs, dest: DestArgs): number | Errno {
  if (svc.af !== 'inet') return 'EAFNOSUPPORT';
  const i = findService(ipvs, svc);
  if (i < 0) return 'ESRCH';
  // "if (udest.af == 0) udest.af = svc->af"; an IPv6 server is refused by ip_vs_is_af_valid.
  if (dest.af === 'inet6') return 'EAFNOSUPPORT';
  return i;
}

const replaceServers = (ipvs: IpvsConfig, i: number, realServers: readonly RealServerConfig[]): KernelResult =>
  withServices(ipvs, ipvs.services.map((s, j) => (j === i ? { ...s, realServers } : s)));

/** IPVS_CMD_NEW_DEST: ip_vs_add_dest (thresholds, existing server) then ip_vs_new_dest (address type). */
export function addDest(node: LabNode, ipvs: IpvsConfig, svc: ServiceArgs, dest: DestArgs): KernelResult {
  const i = destService(ipvs, svc, dest);
  if (typeof i !== 'number') return fault(i);
  if (dest.lowerThreshold > dest.upperThreshold) return fault('ERANGE');
  const s = ipvs.services[i]!;
  if (findDest(s, dest) >= 0) return fault('EEXIST');
  const type = inetAddrType(node, dest.address);
  if (type !== 'local' && type !== 'unicast') return fault('EINVAL');
  if (dest.tunType !== 0) return fault('ENOPROTOOPT');
  // list_add_rcu at the head: the kernel's order is newest first; the document keeps insertion order.
  return replaceServers(ipvs, i, [...s.realServers, destConfig(dest)]);
}

/** IPVS_CMD_SET_DEST: ip_vs_edit_dest rewrites every field of an existing server in place. */
export function editDest(ipvs: IpvsConfig, svc: ServiceArgs, dest: DestArgs): KernelResult {
  const i = destService(ipvs, svc, dest);
  if (typeof i !== 'number') return fault(i);
  if (dest.lowerThreshold > dest.upperThreshold) return fault('ERANGE');
  const s = ipvs.services[i]!;
  const j = findDest(s, dest);
  if (j < 0) return fault('ENOENT');
  if (dest.tunType !== 0) return fault('ENOPROTOOPT');
  return replaceServers(ipvs, i, s.realServers.map((r, k) => (k === j ? destConfig(dest) : r)));
}

/** IPVS_CMD_DEL_DEST. */
export function deleteDest(ipvs: IpvsConfig, svc: ServiceArgs, dest: DestArgs): KernelResult {
  const i = destService(ipvs, svc, dest);
  if (typeof i !== 'number') return fault(i);
  const s = ipvs.services[i]!;
  const j = findDest(s, dest);
  if (j < 0) return fault('ENOENT');
  return replaceServers(ipvs, i, s.realServers.filter((_, k) => k !== j));
}

/** IPVS_CMD_SET_CONFIG: ip_vs_set_timeout; 0 leaves a value as it is. */
export function setTimeouts(ipvs: IpvsConfig, tcp: number, tcpfin: number, udp: number): KernelResult {
  if ([tcp, tcpfin, udp].some((t) => t < 0 || t > MAX_KERNEL_TIMEOUT)) return fault('EINVAL');
  const t = ipvs.timeouts;
  return { ok: true, ipvs: { ...ipvs, timeouts: { tcp: tcp || t.tcp, tcpfin: tcpfin || t.tcpfin, udp: udp || t.udp } } };
}

/** IPVS_CMD_FLUSH. */
export function flush(ipvs: IpvsConfig): KernelResult {
  return withServices(ipvs, []);
}
