import { getScheduler } from './registry.ts';
import type { SchedContext, SchedDest, SchedFlags, SchedPacket, Scheduler, SchedulerState } from './types.ts';

// Helpers shared by the scheduler tests: they drive the hooks exactly as the IPVS core does.

/** Dotted quad → unsigned 32-bit host order. */
export function ip(dotted: string): number {
  return dotted.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

const names = new WeakMap<SchedDest, string>();

/** A real server named for test output; weight sets lastWeight as `ipvsadm -a` does. */
export function server(name: string, address: string, weight = 1, extra: Partial<SchedDest> = {}): SchedDest {
  const dest: SchedDest = {
    address: ip(address),
    port: 80,
    weight,
    lastWeight: weight,
    activeConns: 0,
    totalConns: 0,
    persistConns: 0,
    overloaded: false,
    ...extra,
  };
  names.set(dest, name);
  return dest;
}

/** The test name of a server (or "-" for null). */
export function nameOf(dest: SchedDest | null): string {
  return dest === null ? '-' : (names.get(dest) ?? '?');
}

/** A context whose rng replays `draws` (or fails when it runs out) and which records log lines. */
export interface TestContext extends SchedContext {
  nowUs: number;
  readonly logs: string[];
  readonly draws: number[];
  readonly bounds: number[];
}

/** Creates a TestContext. */
export function testContext(draws: number[] = []): TestContext {
  const ctx: TestContext = {
    nowUs: 0,
    logs: [],
    draws,
    bounds: [],
    rng: {
      below(n) {
        ctx.bounds.push(n);
        const v = ctx.draws.shift();
        if (v === undefined || v < 0 || v >= n) throw new Error(`scripted rng: no value in [0, ${n})`);
        return v;
      },
    },
    log(message) {
      ctx.logs.push(message);
    },
  };
  return ctx;
}

const NO_FLAGS: SchedFlags = { shFallback: false, shPort: false, mhFallback: false, mhPort: false };

/** A service bound to one scheduler, with the list kept newest first as the core keeps it. */
export class Lab {
  readonly destinations: SchedDest[] = [];
  readonly label = 'TCP 192.168.122.188:80';
  readonly scheduler: Scheduler;
  readonly ctx: TestContext;
  state: SchedulerState;

  constructor(
    schedName: string,
    readonly flags: SchedFlags = NO_FLAGS,
    ctx: TestContext = testContext(),
  ) {
    this.scheduler = getScheduler(schedName)!;
    this.ctx = ctx;
    this.state = this.scheduler.initService(this, ctx);
  }

  /** `ipvsadm -a`, one server at a time: list_add_rcu at the head, then add_dest. */
  add(...dests: SchedDest[]): this {
    for (const dest of dests) {
      this.destinations.unshift(dest);
      this.scheduler.addDest(this, this.state, dest, this.ctx);
    }
    return this;
  }

  /** `ipvsadm -d`: unlink, then del_dest. */
  del(dest: SchedDest): this {
    this.destinations.splice(this.destinations.indexOf(dest), 1);
    this.scheduler.delDest(this, this.state, dest, this.ctx);
    return this;
  }

  /** `ipvsadm -e -w`: last_weight follows only non-zero weights (__ip_vs_update_dest), then upd_dest. */
  setWeight(dest: SchedDest, weight: number): this {
    dest.weight = weight;
    if (weight !== 0) dest.lastWeight = weight;
    this.scheduler.updDest(this, this.state, dest, this.ctx);
    return this;
  }

  /** `ipvsadm -E -s <this scheduler>` on the current list: a fresh init_service. */
  rebind(): this {
    this.state = this.scheduler.initService(this, this.ctx);
    return this;
  }

  /** One scheduling decision for a packet. */
  pick(pkt: Partial<SchedPacket> = {}): SchedDest | null {
    const full: SchedPacket = { saddr: ip('192.168.1.100'), sport: 40000, daddr: ip('192.168.122.188'), dport: 80, ...pkt };
    return this.scheduler.schedule(this, this.state, full, this.ctx);
  }

  /** The names of the next `n` picks. */
  picks(n: number, pkt: Partial<SchedPacket> = {}): string {
    return Array.from({ length: n }, () => nameOf(this.pick(pkt))).join(' ');
  }

  /** Kernel list order by name. */
  order(): string {
    return this.destinations.map(nameOf).join(',');
  }
}
