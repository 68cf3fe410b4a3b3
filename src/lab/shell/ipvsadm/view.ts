/**
 * The IPVS table as the kernel hands it to ipvsadm and /proc: the node's configured services
 * and real servers (the document) in the kernel's list order, with the counters of the running
 * simulation (a snapshot) or zeros when nothing runs.
 *
 * Kernel order (ip_vs_ctl.c): services sit in two hash tables of 256 buckets, walked bucket by
 * bucket — first the <protocol, address, port> table, then the fwmark table — and
 * hlist_add_head puts the newest service first within a bucket. The bucket is
 * ip_vs_svc_hashkey = (protocol ^ ntohl(addr) ^ (port >> 8) ^ port) & 255, or fwmark & 255;
 * the kernel also XORs in the address of the network namespace's netns_ipvs (`ipvs >> 8`),
 * which differs from boot to boot — the lab takes it as 0. Real servers are newest first
 * (list_add_rcu at the head of svc->destinations).
 */
import type { LabNode } from '../../document.ts';
import type { ForwardingMethod, VirtualServiceConfig } from '../../../sim/model/config.ts';
import type { IpvsRates, IpvsServiceSnapshot, IpvsStats, NodeSnapshot } from '../../../sim/model/snapshot.ts';
import { parseIpv4Address } from '../../../wire/ipv4-address.ts';
import { schedFlagBits } from './sched-flags.ts';
import { CONN_F_DROUTE, CONN_F_MASQ, CONN_F_TUNNEL, IPPROTO_TCP, IPPROTO_UDP, SVC_F_ONEPACKET, SVC_F_PERSISTENT, type ConnFwd } from './types.ts';

/** A real server as ipvsadm receives it (struct ip_vs_dest_entry). */
export interface KernelDest {
  readonly address: number;
  readonly port: number;
  readonly fwd: ConnFwd;
  readonly weight: number;
  readonly upperThreshold: number;
  readonly lowerThreshold: number;
  readonly activeConns: number;
  readonly inactConns: number;
  readonly persistConns: number;
  readonly stats: IpvsStats;
  readonly rates: IpvsRates;
}

/** A virtual service as ipvsadm receives it (struct ip_vs_service_entry). */
export interface KernelService {
  readonly fwmark: number;
  /** IPPROTO_ number; 0 for a fwmark service (the netlink dump sends no protocol for it). */
  readonly protocol: number;
  readonly address: number;
  readonly port: number;
  readonly scheduler: string;
  readonly flags: number;
  /** Persistence timeout in seconds (0 when not persistent). */
  readonly timeout: number;
  readonly netmask: number;
  /** Newest first. */
  readonly dests: readonly KernelDest[];
  readonly stats: IpvsStats;
  readonly rates: IpvsRates;
}

const ZERO_STATS: IpvsStats = { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 };
const ZERO_RATES: IpvsRates = { cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 };

const FWD: Record<ForwardingMethod, ConnFwd> = { masq: CONN_F_MASQ, tunnel: CONN_F_TUNNEL, droute: CONN_F_DROUTE };

function sameService(a: VirtualServiceConfig, b: IpvsServiceSnapshot): boolean {
  return a.protocol === b.protocol && (a.protocol === 'fwmark' ? a.fwmark === b.fwmark : a.address === b.address && a.port === b.port);
}

function kernelService(s: VirtualServiceConfig, snap: IpvsServiceSnapshot | undefined): KernelService {
  const dests = [...s.realServers].reverse().map((r): KernelDest => {
    const i = snap ? snap.dests.findIndex((d) => d.address === r.address && d.port === r.port) : -1;
    const d = i >= 0 ? snap!.dests[i] : undefined;
    return {
      address: parseIpv4Address(r.address) ?? 0, port: r.port, fwd: FWD[r.forwardingMethod], weight: r.weight,
      upperThreshold: r.upperThreshold, lowerThreshold: r.lowerThreshold,
      activeConns: d?.activeConns ?? 0, inactConns: d?.inactConns ?? 0, persistConns: d?.persistConns ?? 0,
      stats: d?.stats ?? ZERO_STATS, rates: (i >= 0 ? snap!.destRates[i] : undefined) ?? ZERO_RATES,
    };
  });
  const persistent = s.persistentTimeout !== undefined;
  return {
    fwmark: s.protocol === 'fwmark' ? (s.fwmark ?? 0) : 0,
    protocol: s.protocol === 'tcp' ? IPPROTO_TCP : s.protocol === 'udp' ? IPPROTO_UDP : 0,
    address: s.protocol === 'fwmark' ? 0 : (parseIpv4Address(s.address ?? '') ?? 0),
    port: s.protocol === 'fwmark' ? 0 : (s.port ?? 0),
    scheduler: s.scheduler,
    flags: (persistent ? SVC_F_PERSISTENT : 0) | (s.onePacket ? SVC_F_ONEPACKET : 0) | schedFlagBits(s.schedulerFlags ?? []),
    timeout: s.persistentTimeout ?? 0,
    netmask: persistent && s.persistentNetmask !== undefined ? (parseIpv4Address(s.persistentNetmask) ?? 0xffffffff) : 0xffffffff,
    dests,
    stats: snap?.stats ?? ZERO_STATS,
    rates: snap?.rates ?? ZERO_RATES,
  };
}

/** ip_vs_svc_hashkey / ip_vs_svc_fwm_hashkey with the netns term taken as 0. */
function bucket(s: KernelService): number {
  if (s.fwmark) return s.fwmark & 0xff;
  return (s.protocol ^ s.address ^ (s.port >>> 8) ^ s.port) & 0xff;
}

/** The node's IPVS services in kernel order, with counters from `snapshot` (zeros without one). */
export function kernelServices(node: LabNode, snapshot: NodeSnapshot | undefined): KernelService[] {
  const added = node.ipvs.services.map((s) => kernelService(s, snapshot?.services.find((x) => sameService(s, x))));
  const order = (table: KernelService[]): KernelService[] =>
    // Stable sort by bucket of the newest-first list: newest first within a bucket.
    [...table].reverse().sort((a, b) => bucket(a) - bucket(b));
  return [...order(added.filter((s) => !s.fwmark)), ...order(added.filter((s) => s.fwmark !== 0))];
}
