import { Engine } from './engine.ts';
import { Link, SimContext, type KernelLogLine, type Port } from './context.ts';
import { LinuxHost, type ConfigIssue } from './host/host.ts';
import { Httpd } from './apps/httpd.ts';
import { Ipvs } from './ipvs/ipvs.ts';
import { Iptables } from './host/iptables.ts';
import { runCurl } from './apps/curl.ts';
import { runPing } from './apps/ping.ts';
import { runArping } from './apps/arping.ts';
import { MAX_CURL_LIMIT_SEC, type LinkConfig, type NetworkConfig, type NodeConfig, type ScheduledAction, type TrafficAction } from './model/config.ts';
import type { TrafficResult } from './model/traffic.ts';
import { Rng } from './rng.ts';
import { LearningSwitch } from './switch.ts';
import { Tracer } from './trace.ts';

export interface NetworkOptions {
  readonly seed: number;
  /** Record the trace (off for throughput benchmarks). */
  readonly trace: boolean;
  /** The most trace records kept (see `Tracer`); no limit when absent. */
  readonly traceLimit?: number;
}

/** A traffic action started on the network: its flow id, and its result once it is done. */
export interface RunningAction {
  readonly flowId: number;
  readonly action: TrafficAction;
  result: TrafficResult | undefined;
}

/** How long the network must stay quiet after an action ends before it counts as settled. */
const SETTLE_QUIET_US = 250_000;

/**
 * A simulated network built from a configuration: hosts, routers and switches joined by links,
 * driven by one engine and one seed. Same configuration, seed and actions ⇒ same trace.
 */
export class Network {
  readonly engine = new Engine();
  readonly tracer: Tracer;
  readonly ctx: SimContext;
  readonly hosts = new Map<string, LinuxHost>();
  readonly switches = new Map<string, LearningSwitch>();
  readonly kernelLog: KernelLogLine[] = [];
  private readonly rng: Rng;
  /** Traffic actions started so far: the last flow id given out (handles are not kept). */
  private flows = 0;
  /** Actions started and not yet done. */
  private outstanding = 0;
  private links: Link[] = [];
  private config: NetworkConfig;

  constructor(config: NetworkConfig, opts: NetworkOptions) {
    this.tracer = new Tracer(opts.trace, opts.traceLimit);
    this.rng = new Rng(opts.seed);
    this.ctx = new SimContext(this.engine, this.tracer, this.rng, this.kernelLog);
    this.config = config;
    config.nodes.forEach((n, i) => this.addNode(n, i));
    for (const n of config.nodes) this.hosts.get(n.id)?.configure(n);
    this.connect(config.links);
  }

  private addNode(n: NodeConfig, index: number): void {
    const rng = this.rng.fork(index);
    if (n.kind === 'switch') {
      this.switches.set(n.id, new LearningSwitch(this.ctx, n.id, rng));
      return;
    }
    const host = new LinuxHost(this.ctx, n, rng);
    host.ipvs = new Ipvs(host);
    host.modules.push(new Iptables(host), new Httpd(host), host.ipvs);
    this.hosts.set(n.id, host);
  }

  private connect(links: readonly LinkConfig[]): void {
    for (const l of this.links) {
      l.a.link = undefined;
      l.b.link = undefined;
    }
    this.links = [];
    for (const l of links) {
      const a = this.portFor(l.a.node, l.a.iface);
      const b = this.portFor(l.b.node, l.b.iface);
      if (a && b && !a.link && !b.link) this.links.push(new Link(this.ctx, a, b, l.latencyUs, l.bandwidthBps));
    }
  }

  private portFor(node: string, iface: string | undefined): Port | undefined {
    const sw = this.switches.get(node);
    if (sw) return sw.addPort();
    const host = this.hosts.get(node);
    return iface !== undefined ? host?.device(iface) : undefined;
  }

  /** The configuration the network runs now. */
  get currentConfig(): NetworkConfig {
    return this.config;
  }

  /** Problems found while realising the configuration. */
  issues(): ConfigIssue[] {
    return [...this.hosts.values()].flatMap((h) => h.issues);
  }

  /**
   * Applies a new configuration to the running network: node settings change in place (tables,
   * connections and timers survive); links are re-attached when they changed.
   */
  reconfigure(config: NetworkConfig): void {
    const before = this.config;
    this.config = config;
    config.nodes.forEach((n, i) => {
      if (!this.hosts.has(n.id) && !this.switches.has(n.id)) this.addNode(n, before.nodes.length + i);
    });
    for (const id of [...this.hosts.keys()]) if (!config.nodes.some((n) => n.id === id)) this.hosts.delete(id);
    for (const id of [...this.switches.keys()]) if (!config.nodes.some((n) => n.id === id)) this.switches.delete(id);
    for (const n of config.nodes) {
      const host = this.hosts.get(n.id);
      if (host && host.config !== n) host.configure(n);
    }
    if (before.links !== config.links || this.links.some((l) => !this.hosts.has(l.a.nodeId) && !this.switches.has(l.a.nodeId))) {
      this.connect(config.links);
    }
  }

  /** Starts a traffic action now; returns its handle. */
  start(action: TrafficAction): RunningAction {
    const running: RunningAction = { flowId: ++this.flows, action, result: undefined };
    const host = this.hosts.get(action.node);
    this.outstanding++;
    const done = (r: TrafficResult): void => {
      running.result = r;
      this.outstanding--;
    };
    if (!host) {
      done(failedStart(action, this.engine.now));
      return running;
    }
    switch (action.kind) {
      case 'curl':
        runCurl(host, action.url, running.flowId, {
          maxTimeUs: secondsLimit(action.maxTimeSec), connectTimeoutUs: secondsLimit(action.connectTimeoutSec), head: action.head === true,
        }, done);
        break;
      case 'ping':
        runPing(host, action, running.flowId, done);
        break;
      case 'arping':
        runArping(host, { iface: action.iface, target: action.target, count: action.count, ...(action.source !== undefined ? { source: action.source } : {}) }, running.flowId, done);
        break;
    }
    return running;
  }

  /**
   * Runs until `running` has a result and the network has been quiet (no event) for a moment,
   * or until `limitUs` of virtual time has passed. Returns whether it finished.
   */
  settle(running: RunningAction, limitUs = 600_000_000): boolean {
    const deadline = this.engine.now + limitUs;
    const finished = this.engine.runWhile(() => running.result !== undefined, deadline);
    if (!finished) return false;
    this.quiet(deadline);
    return true;
  }

  /** Runs until every started action has a result and the network is quiet, or `limitUs` passes. */
  settleAll(limitUs = 600_000_000): boolean {
    const deadline = this.engine.now + limitUs;
    const finished = this.engine.runWhile(() => this.outstanding === 0, deadline);
    if (finished) this.quiet(deadline);
    return finished;
  }

  /** Runs events until the next one is more than a moment away (timers far out are left pending). */
  quiet(deadlineUs = Number.POSITIVE_INFINITY): void {
    const engine = this.engine;
    while (engine.step(Math.min(deadlineUs, engine.now + SETTLE_QUIET_US)));
  }

  /** Runs scheduled actions in time order and returns their handles once all have settled. */
  runScenario(scenario: readonly ScheduledAction[]): RunningAction[] {
    const ordered = [...scenario].sort((a, b) => a.atUs - b.atUs);
    const handles: RunningAction[] = [];
    for (const s of ordered) {
      this.engine.runUntil(s.atUs);
      handles.push(this.start(s.action));
    }
    for (const h of handles) this.settle(h);
    return handles;
  }
}

/**
 * A curl time limit in µs: curl takes 0 (and no option) as no limit. One beyond ~24 days (the
 * lab's largest, `MAX_CURL_LIMIT_SEC`) outlasts any lab run and is taken as none too.
 */
function secondsLimit(sec: number | undefined): number | undefined {
  return sec !== undefined && sec > 0 && sec <= MAX_CURL_LIMIT_SEC ? sec * 1_000_000 : undefined;
}

function failedStart(action: TrafficAction, now: number): TrafficResult {
  switch (action.kind) {
    case 'curl':
      return { kind: 'curl', ok: false, url: action.url, error: 'url', host: '', port: 0, startUs: now, endUs: now };
    case 'ping':
      return { kind: 'ping', destination: action.destination, source: '', payloadBytes: 56, transmitted: 0, events: [], startUs: now, endUs: now, error: 'EINVAL' };
    case 'arping':
      return { kind: 'arping', target: action.target, iface: action.iface, source: '', sent: 0, broadcasts: 0, replies: [], startUs: now, endUs: now, error: 'no-device' };
  }
}
