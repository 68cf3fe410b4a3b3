/**
 * The typed operations `parseIpvsadm` produces: what ipvsadm 1.31 hands to libipvs after
 * `parse_options` and the checks of `process_options`, with every default already applied.
 */

/** IPPROTO_TCP (a service's protocol is 0 until -t/-u/--sctp-service/-f is read). */
export const IPPROTO_TCP = 6;
/** IPPROTO_UDP. */
export const IPPROTO_UDP = 17;
/** IPPROTO_SCTP. */
export const IPPROTO_SCTP = 132;

/** IP_VS_SVC_F_PERSISTENT (`-p`). */
export const SVC_F_PERSISTENT = 0x0001;
/** IP_VS_SVC_F_ONEPACKET (`-o`). */
export const SVC_F_ONEPACKET = 0x0004;
/** IP_VS_SVC_F_SCHED1: flag-1, sh-fallback, mh-fallback. */
export const SVC_F_SCHED1 = 0x0008;
/** IP_VS_SVC_F_SCHED2: flag-2, sh-port, mh-port. */
export const SVC_F_SCHED2 = 0x0010;
/** IP_VS_SVC_F_SCHED3: flag-3. */
export const SVC_F_SCHED3 = 0x0020;
/** The three scheduler flag bits. */
export const SVC_F_SCHED_MASK = SVC_F_SCHED1 | SVC_F_SCHED2 | SVC_F_SCHED3;

/** IP_VS_CONN_F_MASQ (`-m`). */
export const CONN_F_MASQ = 0;
/** IP_VS_CONN_F_TUNNEL (`-i`). */
export const CONN_F_TUNNEL = 2;
/** IP_VS_CONN_F_DROUTE (`-g`, the default). */
export const CONN_F_DROUTE = 3;
/** A forwarding method as ipvsadm and the kernel number it. */
export type ConnFwd = typeof CONN_F_MASQ | typeof CONN_F_TUNNEL | typeof CONN_F_DROUTE;

/** The address family of a service or server; 0 while nothing has set it (memset in process_options). */
export type AddressFamily = 0 | 'inet' | 'inet6';

/** ce.svc (struct ip_vs_service_user) as ipvsadm fills it. */
export interface ServiceArgs {
  readonly af: AddressFamily;
  readonly protocol: number;
  /** IPv4 address, host order; 0 for IPv6 and unset. */
  readonly address: number;
  /** The IPv6 address as typed, when af is inet6 (the lab has no IPv6: the kernel refuses it). */
  readonly address6?: string;
  readonly port: number;
  readonly fwmark: number;
  /** `-s`, cut to 15 characters; wlc by default for -A/-E. */
  readonly scheduler: string;
  readonly flags: number;
  /** `-p` seconds; 0 when not persistent. */
  readonly timeout: number;
  /** `-M`, host order; 0xffffffff by default. */
  readonly netmask: number;
  /** `--pe`. */
  readonly pe: string;
}

/** ce.dest (struct ip_vs_dest_user) as ipvsadm fills it. */
export interface DestArgs {
  readonly af: AddressFamily;
  readonly address: number;
  readonly address6?: string;
  readonly port: number;
  readonly fwd: ConnFwd;
  readonly weight: number;
  readonly upperThreshold: number;
  readonly lowerThreshold: number;
  /** 0 ipip, 1 gue, 2 gre. */
  readonly tunType: number;
  readonly tunPort: number;
  readonly tunFlags: number;
}

/** The FMT_* bits of a listing. */
export interface ListFormat {
  readonly numeric: boolean;
  readonly stats: boolean;
  readonly rate: boolean;
  readonly thresholds: boolean;
  readonly persistentConn: boolean;
  readonly noSort: boolean;
  readonly exact: boolean;
  readonly tunInfo: boolean;
  /** FMT_RULE: `-S` output. */
  readonly rule: boolean;
}

/** What `ipvsadm -L` shows: list_all, list_service, list_conn, list_timeout or list_daemon. */
export type ListTarget = 'all' | 'service' | 'connections' | 'timeout' | 'daemon';

/** The sync daemon options of --start-daemon / --stop-daemon. */
export interface DaemonArgs {
  readonly state: 'master' | 'backup';
  readonly mcastInterface: string;
  readonly syncId: number;
}

/** One ipvsadm invocation, parsed and checked; `program` is argv[0] (it appears in messages). */
export type IpvsadmOp =
  | { readonly kind: 'list'; readonly program: string; readonly target: ListTarget; readonly format: ListFormat; readonly service: ServiceArgs }
  | { readonly kind: 'save'; readonly program: string; readonly format: ListFormat }
  | { readonly kind: 'restore'; readonly program: string }
  | { readonly kind: 'flush'; readonly program: string }
  | { readonly kind: 'add-service' | 'edit-service' | 'delete-service' | 'zero'; readonly program: string; readonly service: ServiceArgs }
  | { readonly kind: 'add-server' | 'edit-server' | 'delete-server'; readonly program: string; readonly service: ServiceArgs; readonly dest: DestArgs }
  | { readonly kind: 'set-timeouts'; readonly program: string; readonly tcp: number; readonly tcpfin: number; readonly udp: number }
  | { readonly kind: 'start-daemon' | 'stop-daemon'; readonly program: string; readonly daemon: DaemonArgs }
  | { readonly kind: 'help'; readonly program: string }
  | { readonly kind: 'version'; readonly program: string }
  /** `-b ,`: strtok finds no flag and parse_sched_flags calls strcmp(NULL, …) — ipvsadm 1.31 crashes. */
  | { readonly kind: 'crash'; readonly program: string };

/**
 * An invocation ipvsadm refuses before talking to the kernel: `fail()` (exit 2), the "Try" line
 * (exit 255) or a popt error (exit 255). `exits` is true when ipvsadm calls exit() — which
 * also ends an `ipvsadm -R` — and false when process_options merely returns -1 (a popt error
 * after the command), after which -R goes on with the next line.
 */
export interface IpvsadmUsageError {
  readonly kind: 'usage-error';
  readonly stderr: string;
  readonly exitCode: number;
  readonly exits: boolean;
}
