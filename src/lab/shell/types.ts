import type { FilterChain, TrafficAction } from '../../sim/model/config.ts';
import type { CachedRouteView, RouteGetQuery, RouteGetResult } from '../../sim/model/route-get.ts';
import type { FilterCounters, NodeSnapshot } from '../../sim/model/snapshot.ts';
import type { TcpSocketView } from '../../sim/model/sockets.ts';
import type { HttpAccessEntry, TrafficResult } from '../../sim/model/traffic.ts';
import type { Ipv4Address } from '../../wire/ipv4-address.ts';
import type { Frame } from '../../wire/packet.ts';
import type { LabDocument, LabNode } from '../document.ts';

/** An `ip neigh` address selector: entries whose address is within `address/len`. */
export interface NeighPrefix {
  readonly address: Ipv4Address;
  readonly len: number;
}

/**
 * What a command may do to the running simulation. The worker (and the CLI's script runner)
 * implement it on a live session; it is absent when no simulation runs (pure configuration).
 * Everything is synchronous: the simulation runs in the same thread as the shell.
 */
export interface ShellRuntime {
  /** Virtual time now, in microseconds. */
  nowUs(): number;
  /** The node's tables now (neighbours, routes, IPVS services and connections…). */
  snapshot(node: string): NodeSnapshot | undefined;
  /** Starts traffic and runs the simulation until it has settled; returns what it produced. */
  traffic(action: TrafficAction): TrafficResult;
  /** `sleep`: lets `us` of virtual time pass (timers fire, entries expire, frames in flight arrive). */
  sleep(us: number): void;
  /** `ip neigh flush`: removes entries (all, or of one device, or within a prefix); returns how many. */
  flushNeighbours(node: string, dev: string | undefined, prefix?: NeighPrefix): number;
  /** `ip route get`: the kernel's route lookup now; undefined for an unknown node. */
  routeGet(node: string, query: RouteGetQuery): RouteGetResult | undefined;
  /** The node's TCP sockets as /proc/net/tcp and tcp6 list them (netstat). */
  tcpSockets(node: string): readonly TcpSocketView[];
  /** `ip route show cache`: the cloned routes (redirected next hops) in force. */
  routeCache(node: string): readonly CachedRouteView[];
  /** `ip route flush cache`: every cached route and redirected next hop goes. */
  flushRouteCache(node: string): void;
  /** `ip neigh add/replace … nud permanent` and `ip neigh del`. */
  setNeighbour(node: string, dev: string, ip: string, mac: string | null): boolean;
  /** `ipvsadm -Z`: zero the counters of one service (key as in the service list) or all. */
  zeroIpvs(node: string, service: { protocol: 'tcp' | 'udp' | 'fwmark'; address?: string; port?: number; fwmark?: number } | undefined): boolean;
  /**
   * The filter table's counters now (`iptables -L -v`): per chain, its policy's and each rule's in
   * order; undefined for an unknown node.
   */
  filterCounters(node: string): FilterCounters | undefined;
  /** `iptables -Z [chain]`: the filter table's counters (of one chain or all) start again from 0. */
  zeroFilter(node: string, chain: FilterChain | undefined): void;
  /** Kernel log lines (`dmesg`). */
  kernelLog(node: string): readonly string[];
  /** httpd's access log (/var/log/httpd/access_log), oldest first. */
  httpAccessLog(node: string): readonly HttpAccessEntry[];
  /**
   * Starts a capture on a device (tcpdump): `onFrame` sees every frame in and out from now on,
   * until the returned stop function is called. Returns undefined for an unknown device.
   */
  capture(node: string, dev: string, onFrame: (direction: 'in' | 'out', timeUs: number, frame: Frame) => void): (() => void) | undefined;
}

/** Where a command runs. */
export interface ShellContext {
  readonly doc: LabDocument;
  readonly node: LabNode;
  readonly runtime: ShellRuntime | undefined;
}

/** What a command line produced. `doc` is the (possibly edited) lab; the same object when unchanged. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly doc: LabDocument;
}
