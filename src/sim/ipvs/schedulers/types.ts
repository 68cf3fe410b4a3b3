/** A real server as the schedulers see it (fields of the kernel's struct ip_vs_dest). */
export interface SchedDest {
  readonly address: number;      // IPv4 as unsigned 32-bit host order
  readonly port: number;
  weight: number;                // current weight; 0 = quiesced
  lastWeight: number;            // last non-zero weight (mh builds from it, see facts §1.11)
  activeConns: number;
  totalConns: number;            // non-template connections, active + inactive (current kernels' "totalconns")
  persistConns: number;
  overloaded: boolean;           // IP_VS_DEST_F_OVERLOAD (upper threshold reached)
}
/** Scheduler flags of a service (`-b sh-fallback,sh-port,mh-fallback,mh-port`). */
export interface SchedFlags { readonly shFallback: boolean; readonly shPort: boolean; readonly mhFallback: boolean; readonly mhPort: boolean }
/** A virtual service as the schedulers see it. */
export interface SchedService {
  /** Kernel list order: newest first (list_add_rcu at the head). The core keeps this array in that order. */
  readonly destinations: readonly SchedDest[];
  readonly flags: SchedFlags;
  /** For log messages: e.g. "TCP 192.168.122.188:80" or "FWM 1". */
  readonly label: string;
}
/** The addresses and ports of the packet being scheduled (host order). */
export interface SchedPacket { readonly saddr: number; readonly sport: number; readonly daddr: number; readonly dport: number }
/** What a scheduler may use from the simulation: virtual time, the seeded RNG and the kernel log. */
export interface SchedContext {
  readonly nowUs: number;                         // virtual time, microseconds
  readonly rng: { below(n: number): number };      // uniform integer in [0, n), seeded (twos)
  log(message: string): void;                      // kernel log line, e.g. "IPVS: rr: TCP 192.168.122.188:80 - no destination available"
}
/** One IPVS scheduling module (struct ip_vs_scheduler). */
export interface Scheduler {
  readonly name: string;
  /** ip_vs_scheduler.init_service: creates the per-service state. */
  initService(svc: SchedService, ctx: SchedContext): SchedulerState;
  /** add_dest hook, called after the new dest was inserted at the head of svc.destinations. */
  addDest(svc: SchedService, state: SchedulerState, dest: SchedDest, ctx: SchedContext): void;
  /** del_dest hook, called after the dest was removed from svc.destinations. */
  delDest(svc: SchedService, state: SchedulerState, dest: SchedDest, ctx: SchedContext): void;
  /** upd_dest hook, called after a dest's weight or thresholds were edited. */
  updDest(svc: SchedService, state: SchedulerState, dest: SchedDest, ctx: SchedContext): void;
  /** Picks a server for a new connection, or null (after logging "no destination available"). */
  schedule(svc: SchedService, state: SchedulerState, pkt: SchedPacket, ctx: SchedContext): SchedDest | null;
}
/** Per-service scheduler data (svc->sched_data); each scheduler casts it to its own type. */
export type SchedulerState = unknown; // each scheduler casts to its own state type; a scheduler without a kernel hook implements it as a no-op
