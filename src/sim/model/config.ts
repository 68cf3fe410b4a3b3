/**
 * The configuration of a simulated network as plain, JSON-serialisable data. The lab document
 * embeds it; the simulation realises it. Addresses are dotted-quad strings here (readable in lab
 * files); the simulation converts them to numbers once.
 */

/** What a node is. Routers are Linux hosts with `net.ipv4.ip_forward=1`. */
export type NodeKind = 'host' | 'router' | 'switch';

/** How a netdev behaves. `ipip` is the fallback tunnel device `tunl0` of the ipip module. */
export type InterfaceKind = 'ether' | 'loopback' | 'ipip';

export interface InterfaceConfig {
  /** Kernel device name: `eth0`, `ens33`, `lo`, `tunl0`. Aliases (`ens33:0`) are address labels. */
  readonly name: string;
  readonly kind: InterfaceKind;
  /** Lowercase colon-separated MAC; ethernet devices only. */
  readonly mac?: string;
  readonly mtu: number;
  readonly up: boolean;
}

export type AddressScope = 'global' | 'link' | 'host';

export interface AddressConfig {
  readonly dev: string;
  readonly address: string;
  readonly prefixLength: number;
  /** `ens33:0`-style label given by ifconfig aliases or `ip addr add … label`. */
  readonly label?: string;
  /** iproute2 default is `global` (also for addresses on lo). */
  readonly scope?: AddressScope;
  readonly broadcast?: string;
}

export type RouteType = 'unicast' | 'blackhole' | 'unreachable' | 'prohibit';

/** A route the user added to the main table; connected and local routes follow from addresses. */
export interface RouteConfig {
  /** CIDR (`10.0.0.0/8`, `192.168.122.188/32`) or `default`. */
  readonly dst: string;
  readonly via?: string;
  readonly dev?: string;
  /** Preferred source address (`src` in iproute2). */
  readonly src?: string;
  readonly metric?: number;
  readonly scope?: AddressScope;
  readonly type?: RouteType;
  /** The RTAX_MTU metric (`mtu [lock] N`): the MTU of the path, instead of the device's. */
  readonly mtu?: number;
  readonly mtuLock?: boolean;
  /** The RTAX_ADVMSS metric (`advmss N`): the MSS TCP announces in its SYN over this route. */
  readonly advmss?: number;
}

export type IptablesProtocol = 'tcp' | 'udp' | 'icmp' | 'all';

/** Matches shared by the rules the simulation supports (`-s -d -i -o -p --sport --dport`). */
export interface IptablesMatch {
  /** CIDR, optionally negated with a leading `!`. */
  readonly source?: string;
  readonly destination?: string;
  readonly inInterface?: string;
  readonly outInterface?: string;
  readonly protocol?: IptablesProtocol;
  /** Single port or `lo:hi`. */
  readonly sport?: string;
  readonly dport?: string;
  /** `--tcp-flags MASK COMP` (`--syn`: SYN,RST,ACK,FIN SYN): the flags under `mask` must equal `comp`; `invert` for `!`. */
  readonly tcpFlags?: { readonly mask: number; readonly comp: number; readonly invert?: true };
  /** `-m multiport --sports/--dports/--ports`: ports and `lo:hi` ranges (xt_multiport revision 1). */
  readonly multiport?: { readonly dir: 'sports' | 'dports' | 'ports'; readonly ports: readonly string[] };
  /** `-p icmp --icmp-type`: the type (255: any) and the range of codes (libipt_icmp's ipt_icmp). */
  readonly icmpType?: { readonly type: number; readonly codeMin: number; readonly codeMax: number };
}

export type NatTarget =
  | { readonly kind: 'SNAT'; readonly toSource: string }
  | { readonly kind: 'DNAT'; readonly toDestination: string }
  | { readonly kind: 'MASQUERADE' }
  | { readonly kind: 'ACCEPT' }
  | { readonly kind: 'RETURN' };

export interface NatRule extends IptablesMatch {
  readonly target: NatTarget;
}

export interface MangleRule extends IptablesMatch {
  /** `-j MARK --set-mark N`: the firewall mark fwmark services match on. */
  readonly target: { readonly kind: 'MARK'; readonly mark: number } | { readonly kind: 'ACCEPT' };
}

/** `-j REJECT --reject-with …` (ipt_REJECT's choices; icmp-port-unreachable when not given). */
export const REJECT_WITH = [
  'icmp-net-unreachable', 'icmp-host-unreachable', 'icmp-proto-unreachable', 'icmp-port-unreachable',
  'icmp-net-prohibited', 'icmp-host-prohibited', 'icmp-admin-prohibited', 'tcp-reset',
] as const;
export type RejectWith = (typeof REJECT_WITH)[number];

export type FilterTarget =
  | { readonly kind: 'ACCEPT' }
  | { readonly kind: 'DROP' }
  | { readonly kind: 'REJECT'; readonly rejectWith: RejectWith }
  | { readonly kind: 'RETURN' }
  /** `-j LOG`: the kernel logs the packet (dmesg) and the chain goes on (xt_LOG). */
  | { readonly kind: 'LOG'; readonly prefix: string; readonly level: number; readonly tcpSequence?: true };

/** Connection-tracking states (ctinfo) a rule can match, in the order xt_conntrack prints them. */
export const CT_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED'] as const;
export type CtState = (typeof CT_STATES)[number];

export interface FilterRule extends IptablesMatch {
  /** `-m state --state …` or `-m conntrack --ctstate …`: the states it matches, in CT_STATES order. */
  readonly ctstate?: {
    readonly module: 'state' | 'conntrack';
    readonly states: readonly CtState[];
    /** Given before the protocol's match (tcp/udp ports, icmp type) on the command line: listings print the matches in that order. */
    readonly beforePorts?: true;
  };
  readonly target: FilterTarget;
}

/** The built-in chains of the filter table and what happens to a packet no rule decides. */
export type FilterChain = 'INPUT' | 'FORWARD' | 'OUTPUT';
export const FILTER_CHAINS: readonly FilterChain[] = ['INPUT', 'FORWARD', 'OUTPUT'];
export type ChainPolicy = 'ACCEPT' | 'DROP';

export const isFilterChain = (chain: string): chain is FilterChain => (FILTER_CHAINS as readonly string[]).includes(chain);

/** A filter chain's policy: ACCEPT unless set (a lab without the table has every policy ACCEPT). */
export function filterPolicyOf(table: FilterTable | undefined, chain: FilterChain): ChainPolicy {
  return table?.policy?.[chain] ?? 'ACCEPT';
}

export interface FilterTable {
  readonly INPUT: readonly FilterRule[];
  readonly FORWARD: readonly FilterRule[];
  readonly OUTPUT: readonly FilterRule[];
  /** Chains whose policy is not ACCEPT (`iptables -P INPUT DROP`). */
  readonly policy?: Partial<Record<FilterChain, ChainPolicy>>;
}

export interface IptablesConfig {
  /** The filter table; absent: empty, every policy ACCEPT. */
  readonly filter?: FilterTable;
  readonly nat: {
    readonly PREROUTING: readonly NatRule[];
    readonly INPUT: readonly NatRule[];
    readonly OUTPUT: readonly NatRule[];
    readonly POSTROUTING: readonly NatRule[];
  };
  readonly mangle: {
    readonly PREROUTING: readonly MangleRule[];
    readonly OUTPUT: readonly MangleRule[];
  };
}

/** ipvsadm's forwarding methods: `-m` masq (NAT), `-g` droute (DR, the default), `-i` tunnel (TUN). */
export type ForwardingMethod = 'masq' | 'droute' | 'tunnel';

export type IpvsProtocol = 'tcp' | 'udp';

export interface RealServerConfig {
  readonly address: string;
  readonly port: number;
  readonly forwardingMethod: ForwardingMethod;
  /** 0..65535; 0 quiesces the server. */
  readonly weight: number;
  /** `-x`: 0 = no limit. */
  readonly upperThreshold: number;
  /** `-y`: 0 = 75 % of the upper threshold. */
  readonly lowerThreshold: number;
}

export interface VirtualServiceConfig {
  /** A `-t`/`-u` service has protocol, address and port; a `-f` service has a firewall mark. */
  readonly protocol: IpvsProtocol | 'fwmark';
  readonly address?: string;
  readonly port?: number;
  readonly fwmark?: number;
  readonly scheduler: string;
  /** Persistence timeout in seconds (`-p`), absent when not persistent. */
  readonly persistentTimeout?: number;
  /** `-M`, dotted quad; absent means 255.255.255.255. */
  readonly persistentNetmask?: string;
  /** `-b`: sh-fallback, sh-port, mh-fallback, mh-port. */
  readonly schedulerFlags?: readonly string[];
  /** `-o`: one-packet scheduling (UDP and fwmark). */
  readonly onePacket?: boolean;
  /** Real servers in the order they were added (oldest first); the kernel keeps them newest first. */
  readonly realServers: readonly RealServerConfig[];
}

export interface IpvsConfig {
  /** Whether the ip_vs module is loaded (`modprobe ip_vs`, or implicitly by ipvsadm). */
  readonly loaded: boolean;
  /** Services in the order they were added. */
  readonly services: readonly VirtualServiceConfig[];
  /** `ipvsadm --set tcp tcpfin udp`, seconds. */
  readonly timeouts: { readonly tcp: number; readonly tcpfin: number; readonly udp: number };
  /**
   * ip_vs_conn_tab_bits as the module was loaded (`modprobe ip_vs conn_tab_bits=N`, after the
   * kernel's clamp); absent: CONFIG_IP_VS_TAB_BITS (12). The table has 2^bits buckets.
   */
  readonly connTabBits?: number;
}

/** Daemons a node runs (`systemctl start httpd`). */
export interface ServicesConfig {
  readonly httpd: { readonly running: boolean; readonly port: number };
}

export interface NodeConfig {
  /** Unique id, also the hostname shown in prompts (`[root@director ~]#`). */
  readonly id: string;
  readonly kind: NodeKind;
  readonly interfaces: readonly InterfaceConfig[];
  readonly addresses: readonly AddressConfig[];
  readonly routes: readonly RouteConfig[];
  /** sysctl names as `sysctl` prints them: `net.ipv4.ip_forward`, `net.ipv4.conf.all.arp_ignore`. */
  readonly sysctls: Readonly<Record<string, number>>;
  readonly iptables: IptablesConfig;
  readonly ipvs: IpvsConfig;
  readonly services: ServicesConfig;
  /** Files a lesson reads or writes: `/var/www/html/index.html`, `/etc/sysctl.conf`. */
  readonly files: Readonly<Record<string, string>>;
}

/** One end of a link: a host interface, or a switch (which gets a port for it). */
export interface LinkEnd {
  readonly node: string;
  /** The interface name on a host or router; absent for a switch. */
  readonly iface?: string;
}

export interface LinkConfig {
  readonly a: LinkEnd;
  readonly b: LinkEnd;
  /** One-way propagation delay in microseconds. */
  readonly latencyUs: number;
  /** Bits per second. */
  readonly bandwidthBps: number;
}

export interface NetworkConfig {
  readonly nodes: readonly NodeConfig[];
  readonly links: readonly LinkConfig[];
}

/** A socket's IP_MTU_DISCOVER setting (`ping -M do|dont|want|probe`). */
export type PmtuDiscMode = 'do' | 'dont' | 'want' | 'probe';

/** The largest curl time limit a lab document holds (seconds, about 24 days). */
export const MAX_CURL_LIMIT_SEC = 2_147_483;

/** Traffic the user starts on a node: the buttons of the app and the traffic commands of the shell. */
export type TrafficAction =
  | {
    readonly kind: 'curl'; readonly node: string; readonly url: string;
    /** `-m`: the whole transfer's limit in seconds (0: none). */
    readonly maxTimeSec?: number;
    /** `--connect-timeout`: the limit of the connection phase in seconds (0: none). */
    readonly connectTimeoutSec?: number;
    readonly head?: boolean;
  }
  | {
    readonly kind: 'ping'; readonly node: string; readonly destination: string; readonly count: number; readonly source?: string; readonly intervalSec?: number;
    /** Data bytes per echo request (`-s`, default 56). */
    readonly payloadBytes?: number;
    /** Path MTU discovery of ping's socket (`-M`): IP_PMTUDISC_DO, _DONT, _WANT or _PROBE. */
    readonly pmtuDisc?: PmtuDiscMode;
  }
  | { readonly kind: 'arping'; readonly node: string; readonly iface: string; readonly target: string; readonly count: number; readonly source?: string };

/** A traffic action at a virtual time (microseconds from the start of the run). */
export interface ScheduledAction {
  readonly atUs: number;
  readonly action: TrafficAction;
}
