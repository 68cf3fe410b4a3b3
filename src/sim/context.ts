import { paddedFrameLength, type Frame } from '../wire/packet.ts';
import type { Engine } from './engine.ts';
import type { Rng } from './rng.ts';
import type { Tracer } from './trace.ts';

/** A frame in flight, with the identity of the packet it carries and the traffic it belongs to. */
export interface WireFrame {
  readonly frame: Frame;
  readonly packetId: number;
  readonly flowId: number | undefined;
  /**
   * skb->len as sent: the frame from its Ethernet header on, before the NIC pads it to the 60-byte
   * minimum (ETH_ZLEN), without FCS. Worked out once by the sender; every hop clocks the same bytes.
   */
  readonly bytes: number;
}

/** The frame's bytes on the wire without FCS: padded to ETH_ZLEN. */
export function wireLength(wf: WireFrame): number {
  return paddedFrameLength(wf.bytes);
}

/** A kernel log line (`dmesg`) of one node. */
export interface KernelLogLine {
  readonly node: string;
  readonly timeUs: number;
  readonly message: string;
}

/**
 * What every simulated node shares: the clock, the trace, randomness and id counters. A class
 * rather than an object literal: every network's context then has one and the same shape, so
 * building a second network (a lab reloaded in the worker) keeps the compiled packet path that
 * reads it instead of throwing it away.
 */
export class SimContext {
  private packetIds = 0;

  constructor(
    readonly engine: Engine,
    readonly tracer: Tracer,
    readonly rng: Rng,
    /** Where `log` appends. */
    private readonly kernelLog: KernelLogLine[],
  ) {}

  /** A fresh packet identity. */
  nextPacketId(): number {
    return ++this.packetIds;
  }

  /** Appends a kernel log line (`dmesg`) of `node`. */
  log(node: string, message: string): void {
    this.kernelLog.push({ node, timeUs: this.engine.now, message });
  }
}

/** Something a link end is attached to: a host netdev or a switch port. */
export interface Port {
  readonly nodeId: string;
  readonly portName: string;
  link: Link | undefined;
  /** A frame finished arriving from the link. */
  receive(wf: WireFrame): void;
}

/**
 * A full-duplex point-to-point link with a one-way propagation delay and a bandwidth. Each
 * direction sends one frame at a time: a frame waits until the previous one has been clocked out.
 */
export class Link {
  private busyUntilAB = 0;
  private busyUntilBA = 0;

  constructor(
    private readonly ctx: SimContext,
    readonly a: Port,
    readonly b: Port,
    readonly latencyUs: number,
    readonly bandwidthBps: number,
  ) {
    a.link = this;
    b.link = this;
    this.deliverA = (wf) => a.receive(wf);
    this.deliverB = (wf) => b.receive(wf);
  }

  private readonly deliverA: (wf: WireFrame) => void;
  private readonly deliverB: (wf: WireFrame) => void;

  /** The port at the other end. */
  peer(of: Port): Port {
    return of === this.a ? this.b : this.a;
  }

  /**
   * Puts a frame on the wire from `from`; returns the virtual time its last bit arrives.
   * Serialisation counts preamble, FCS and inter-frame gap (24 bytes) on top of the frame.
   */
  transmit(from: Port, wf: WireFrame): number {
    const engine = this.ctx.engine;
    const now = engine.now;
    const forward = from === this.a;
    const busy = forward ? this.busyUntilAB : this.busyUntilBA;
    const start = busy > now ? busy : now;
    const txUs = Math.ceil(((wireLength(wf) + 24) * 8 * 1_000_000) / this.bandwidthBps);
    const done = start + txUs;
    if (forward) this.busyUntilAB = done;
    else this.busyUntilBA = done;
    const arrival = done + this.latencyUs;
    engine.post(arrival, forward ? this.deliverB : this.deliverA, wf);
    return arrival;
  }
}
