import type { HookName } from '../model/trace.ts';
import type { NetDev } from './netdev.ts';
import { skbLength, type SkBuff } from './skb.ts';

/** Packet and byte counters of a rule or a chain's policy (struct xt_counters). */
export interface XtCounters {
  packets: number;
  bytes: number;
}

/** Counts one packet. */
export function countPacket(c: XtCounters, skb: SkBuff): void {
  c.packets++;
  c.bytes += skbLength(skb);
}

/** NF_ACCEPT, NF_DROP, NF_STOLEN. */
export type Verdict = 'accept' | 'drop' | 'stolen';

export interface HookState {
  readonly hook: HookName;
  readonly inDev: NetDev | undefined;
  readonly outDev: NetDev | undefined;
}

type HookFn = (skb: SkBuff, state: HookState) => Verdict;

/** A function registered at a hook position (struct nf_hook_ops). */
export interface HookOps {
  readonly priority: number;
  /** How the trace names it: an iptables chain (`nat PREROUTING`) or a kernel hook (`IPVS ip_vs_in_hook`). */
  readonly label: string;
  readonly fn: ((skb: SkBuff, state: HookState) => Verdict) | undefined;
}

/** The IPv4 hook priorities (uapi netfilter_ipv4.h). */
export const NF_IP_PRI = {
  CONNTRACK_DEFRAG: -400, RAW: -300, CONNTRACK: -200, MANGLE: -150, NAT_DST: -100, FILTER: 0, SECURITY: 50, NAT_SRC: 100,
  CONNTRACK_CONFIRM: 2147483647,
} as const;

/** The iptables tables registered at each hook, as on a host with the usual tables loaded. */
const TABLES: Record<HookName, readonly [number, string][]> = {
  PREROUTING: [[NF_IP_PRI.RAW, 'raw PREROUTING'], [NF_IP_PRI.MANGLE, 'mangle PREROUTING'], [NF_IP_PRI.NAT_DST, 'nat PREROUTING']],
  INPUT: [[NF_IP_PRI.MANGLE, 'mangle INPUT'], [NF_IP_PRI.FILTER, 'filter INPUT'], [NF_IP_PRI.SECURITY, 'security INPUT'], [NF_IP_PRI.NAT_SRC, 'nat INPUT']],
  FORWARD: [[NF_IP_PRI.MANGLE, 'mangle FORWARD'], [NF_IP_PRI.FILTER, 'filter FORWARD'], [NF_IP_PRI.SECURITY, 'security FORWARD']],
  OUTPUT: [[NF_IP_PRI.RAW, 'raw OUTPUT'], [NF_IP_PRI.MANGLE, 'mangle OUTPUT'], [NF_IP_PRI.NAT_DST, 'nat OUTPUT'], [NF_IP_PRI.FILTER, 'filter OUTPUT'], [NF_IP_PRI.SECURITY, 'security OUTPUT']],
  POSTROUTING: [[NF_IP_PRI.MANGLE, 'mangle POSTROUTING'], [NF_IP_PRI.NAT_SRC, 'nat POSTROUTING']],
};

/**
 * The slot of a hook position (NF_INET_PRE_ROUTING … NF_INET_POST_ROUTING, as nf_hooks_ipv4[] is
 * indexed): a switch on the name is cheaper per packet than a keyed property read.
 */
function hookIndex(hook: HookName): number {
  switch (hook) {
    case 'PREROUTING':
      return 0;
    case 'INPUT':
      return 1;
    case 'FORWARD':
      return 2;
    case 'OUTPUT':
      return 3;
    case 'POSTROUTING':
      return 4;
  }
}

/** The hook positions of one host and what is registered at each. */
export class Netfilter {
  private readonly hooks = new Map<HookName, HookOps[]>();
  /** The functions to run at each hook, resolved once per change (the hot path walks only these). */
  private readonly active: (readonly HookFn[])[] = [[], [], [], [], []];
  private readonly functions = new Map<string, (skb: SkBuff, state: HookState) => Verdict>();

  private readonly owned = new Map<string, readonly (HookOps & { readonly hook: HookName })[]>();

  /**
   * The filter table's policy counters of INPUT, FORWARD and OUTPUT (the underflow rules'
   * counters `iptables -L -v` shows): iptable_filter is there from boot, so every packet that
   * reaches the table's place at these hooks and is not decided by a rule counts, rules or not.
   */
  readonly filterPolicy: readonly XtCounters[] = [{ packets: 0, bytes: 0 }, { packets: 0, bytes: 0 }, { packets: 0, bytes: 0 }];
  /**
   * Per hook position: where the filter table sits among the functions that run (how many run
   * before it), −1 where it has no chain; and whether a chain function is there to count itself.
   */
  private readonly filterAt: number[] = [-1, 0, 0, 0, -1];
  private readonly filterRuns: boolean[] = [false, false, false, false, false];

  constructor() {
    this.rebuild();
  }

  /** Registers (or with an empty list, unregisters) the hooks of one module: `ipvs`, `conntrack`. */
  setHooks(owner: string, ops: readonly (HookOps & { readonly hook: HookName })[]): void {
    if (ops.length === 0) this.owned.delete(owner);
    else this.owned.set(owner, ops);
    this.rebuild();
  }

  /** Attaches the function that runs for an iptables chain label (`nat POSTROUTING`). */
  setChainFunction(label: string, fn: ((skb: SkBuff, state: HookState) => Verdict) | undefined): void {
    if (fn) this.functions.set(label, fn);
    else this.functions.delete(label);
    this.resolve();
  }

  private resolve(): void {
    let mask = 0;
    for (const [hook, ops] of this.hooks) {
      const running = ops.flatMap((o) => {
        const fn = o.fn ?? this.functions.get(o.label);
        return fn ? [{ op: o, fn }] : [];
      });
      const fns = running.map((r) => r.fn);
      const i = hookIndex(hook);
      this.active[i] = fns;
      if (fns.length > 0) mask |= 1 << i;
      if (this.filterAt[i] !== -1) {
        this.filterAt[i] = running.filter((r) => r.op.priority < NF_IP_PRI.FILTER).length;
        this.filterRuns[i] = running.some((r) => r.op.label === `filter ${hook}`);
      }
    }
    this.busy = mask;
  }

  /** Bit i set: something runs at hook position i (what nf_hook checks before the slow path). */
  private busy = 0;

  /** Re-registers the hooks: the iptables tables plus the modules' hooks. */
  private rebuild(): void {
    const extra = [...this.owned.values()].flat();
    for (const hook of Object.keys(TABLES) as HookName[]) {
      const ops: HookOps[] = TABLES[hook].map(([priority, label]) => ({ priority, label, fn: undefined }));
      for (const e of extra) if (e.hook === hook) ops.push(e);
      ops.sort((a, b) => a.priority - b.priority);
      this.hooks.set(hook, ops);
    }
    this.resolve();
  }

  /** The labels at a hook position in priority order, for the trace. */
  labels(hook: HookName): string[] {
    return (this.hooks.get(hook) ?? []).map((o) => o.label);
  }

  /**
   * nf_hook_slow: runs the hook's functions in priority order until one does not accept. A packet
   * that gets as far as a filter chain with no function (no rules, policy ACCEPT) counts on its policy.
   */
  run(skb: SkBuff, state: HookState): Verdict {
    const h = hookIndex(state.hook);
    const fns = this.active[h]!;
    const counts = this.filterRuns[h] ? -1 : this.filterAt[h]!;
    for (let i = 0; i < fns.length; i++) {
      if (i === counts) countPacket(this.filterPolicy[h - 1]!, skb);
      const v = fns[i]!(skb, state);
      if (v !== 'accept') return v;
    }
    if (counts === fns.length) countPacket(this.filterPolicy[h - 1]!, skb);
    return 'accept';
  }

  /**
   * Lets a packet pass a hook position where nothing runs (the caller can skip building the hook
   * state); it counts on the filter chain's policy there. False when something runs: call `run`.
   */
  passEmpty(skb: SkBuff, hook: HookName): boolean {
    const h = hookIndex(hook);
    if ((this.busy & (1 << h)) !== 0) return false;
    if (this.filterAt[h] !== -1) countPacket(this.filterPolicy[h - 1]!, skb);
    return true;
  }
}
