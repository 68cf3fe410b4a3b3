import type { FilterChain, ForwardingMethod, IpvsProtocol } from './config.ts';
import type { NeighbourState } from './trace.ts';

/** Read-only views of a running node's tables, for the shell's listings and the UI's tabs. */

export interface NeighbourSnapshot {
  readonly dev: string;
  readonly ip: string;
  readonly mac: string | null;
  readonly state: NeighbourState;
  /** Virtual time of the last update (µs). */
  readonly updatedUs: number;
}

export interface RouteSnapshot {
  readonly table: 'local' | 'main';
  readonly type: 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit';
  readonly dst: string;
  readonly prefixLength: number;
  readonly via?: string;
  readonly dev?: string;
  readonly src?: string;
  readonly metric: number;
  readonly scope: 'global' | 'link' | 'host';
  readonly proto: 'kernel' | 'boot' | 'static';
  /** The route's RTAX_MTU (and its lock) and RTAX_ADVMSS metrics, when set. */
  readonly mtu?: number;
  readonly mtuLocked?: boolean;
  readonly advmss?: number;
}

export interface IpvsDestSnapshot {
  readonly address: string;
  readonly port: number;
  readonly forwardingMethod: ForwardingMethod;
  readonly weight: number;
  readonly upperThreshold: number;
  readonly lowerThreshold: number;
  readonly activeConns: number;
  readonly inactConns: number;
  readonly persistConns: number;
  readonly overloaded: boolean;
  readonly stats: IpvsStats;
}

export interface IpvsStats {
  readonly conns: number;
  readonly inPkts: number;
  readonly outPkts: number;
  readonly inBytes: number;
  readonly outBytes: number;
}

export interface IpvsRates {
  readonly cps: number;
  readonly inPps: number;
  readonly outPps: number;
  readonly inBps: number;
  readonly outBps: number;
}

export interface IpvsServiceSnapshot {
  readonly protocol: IpvsProtocol | 'fwmark';
  readonly address?: string;
  readonly port?: number;
  readonly fwmark?: number;
  readonly scheduler: string;
  readonly persistentTimeout?: number;
  readonly persistentNetmask?: string;
  readonly schedulerFlags: readonly string[];
  readonly onePacket: boolean;
  /** Kernel list order: newest first. */
  readonly dests: readonly IpvsDestSnapshot[];
  readonly stats: IpvsStats;
  readonly rates: IpvsRates;
  readonly destRates: readonly IpvsRates[];
}

export interface IpvsConnSnapshot {
  /** `TCP`, `UDP`, or `IP` for fwmark templates. */
  readonly protocol: 'TCP' | 'UDP' | 'IP';
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly virtualAddress: string;
  readonly virtualPort: number;
  readonly destAddress: string;
  readonly destPort: number;
  /** Kernel state name: `ESTABLISHED`, `FIN_WAIT`, `NONE`, `ASSURED`, `UDP`… */
  readonly state: string;
  /** Remaining time before expiry, in microseconds. */
  readonly expiresInUs: number;
  readonly template: boolean;
  readonly forwardingMethod: ForwardingMethod;
}

/** Packets and bytes a filter rule or a chain's policy has counted. */
export interface PacketCount {
  readonly packets: number;
  readonly bytes: number;
}

/** The filter table's counters: per chain, its policy's and each rule's in order. */
export type FilterCounters = Readonly<Record<FilterChain, { readonly policy: PacketCount; readonly rules: readonly PacketCount[] }>>;

/** Everything the node panels show about one node at the end of a run. */
export interface NodeSnapshot {
  readonly node: string;
  readonly interfaces: readonly {
    readonly name: string; readonly kind: string; readonly mac: string; readonly mtu: number; readonly up: boolean;
    readonly addresses: readonly { readonly address: string; readonly prefixLength: number; readonly label: string; readonly scope: string; readonly secondary: boolean }[];
  }[];
  readonly neighbours: readonly NeighbourSnapshot[];
  readonly routes: readonly RouteSnapshot[];
  readonly ipvsLoaded: boolean;
  readonly services: readonly IpvsServiceSnapshot[];
  readonly connections: readonly IpvsConnSnapshot[];
  /** The filter table's counters (absent on a node without the iptables module). */
  readonly filterCounters?: FilterCounters;
  readonly issues: readonly string[];
}
