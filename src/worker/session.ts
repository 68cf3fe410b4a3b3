import { emitFrame } from '../wire/packet.ts';
import { PcapWriter } from '../wire/pcap.ts';
import type { LabDocument } from '../lab/document.ts';
import { toNetworkConfig } from '../lab/document.ts';
import type { TrafficAction } from '../sim/model/config.ts';
import type { NodeSnapshot } from '../sim/model/snapshot.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import { Network, type RunningAction } from '../sim/network.ts';
import { snapshotHost } from '../sim/snapshot.ts';

export interface SessionOptions {
  /** Overrides the lab's seed. */
  readonly seed?: number;
  /** Record the trace (default on). */
  readonly trace?: boolean;
  /**
   * The records the trace keeps, in whole actions: once it holds this many, the actions that
   * follow run unrecorded (one action alone stops it at twice this). No limit when absent.
   */
  readonly traceBudget?: number;
}

/**
 * One run of a lab: the simulated network built from the document, the traffic started on it,
 * and the trace. The worker, the CLI and the integration tests all drive labs through this.
 */
export class SimSession {
  readonly network: Network;
  readonly seed: number;
  private readonly traceBudget: number;

  constructor(readonly doc: LabDocument, opts: SessionOptions = {}) {
    this.seed = opts.seed ?? doc.seed;
    this.traceBudget = opts.traceBudget ?? Number.POSITIVE_INFINITY;
    this.network = new Network(toNetworkConfig(doc), { seed: this.seed, trace: opts.trace ?? true, traceLimit: 2 * this.traceBudget });
  }

  /** How many records the trace kept before it stopped, if it has (see `traceBudget`). */
  get traceStoppedAt(): number | undefined {
    return this.network.tracer.stoppedAt;
  }

  /** Starts an action now and runs until its traffic has settled. */
  run(action: TrafficAction): RunningAction {
    if (this.records.length >= this.traceBudget) this.network.tracer.stop();
    const running = this.network.start(action);
    this.network.settle(running);
    return running;
  }

  /** Runs the lab's scenario: each action at its time, each settled. */
  runScenario(): RunningAction[] {
    return this.network.runScenario(this.doc.scenario);
  }

  /** Applies an edited document to the running network. */
  reconfigure(doc: LabDocument): void {
    this.network.reconfigure(toNetworkConfig(doc));
  }

  get records(): readonly TraceRecord[] {
    return this.network.tracer.records;
  }

  /** A node's tables now; undefined for switches and unknown ids. */
  snapshot(node: string): NodeSnapshot | undefined {
    const host = this.network.hosts.get(node);
    return host ? snapshotHost(host) : undefined;
  }

  /** Every frame a host or router sent, as a pcap file (each hop once; switches add no copies). */
  pcap(): Uint8Array {
    const w = new PcapWriter();
    for (const r of this.records) {
      if (r.step === 'egress' && r.frame && !this.network.switches.has(r.node)) w.add(r.timeUs, emitFrame(r.frame));
    }
    return w.bytes();
  }
}
