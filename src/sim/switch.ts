import { isMulticastMac, type MacAddress } from '../wire/mac-address.ts';
import type { Link, Port, SimContext, WireFrame } from './context.ts';
import type { Rng } from './rng.ts';

/** How long a learned MAC address stays in the table (the Linux bridge's ageing_time, 300 s). */
const AGEING_US = 300_000_000;

/** A learned MAC address: the port it was last seen on, and when (struct net_bridge_fdb_entry). */
interface FdbEntry {
  port: SwitchPort;
  seenUs: number;
}

class SwitchPort implements Port {
  link: Link | undefined;
  /**
   * The table entries of the source and destination address of the last frame in on this port:
   * a port sees the same addresses frame after frame, and an entry, once made, stays the one for
   * its address (the table only ever adds).
   */
  lastSrc: MacAddress | undefined;
  lastSrcEntry: FdbEntry | undefined;
  lastDst: MacAddress | undefined;
  lastDstEntry: FdbEntry | undefined;

  constructor(private readonly sw: LearningSwitch, readonly portName: string) {}

  get nodeId(): string {
    return this.sw.id;
  }

  receive(wf: WireFrame): void {
    this.sw.receive(this, wf);
  }
}

/**
 * A store-and-forward learning switch. Unknown unicast, broadcast and multicast frames are
 * flooded; the order the copies leave in is drawn from the seeded RNG, which is how a lab's seed
 * decides who answers a broadcast ARP request first when the links are equally long.
 */
export class LearningSwitch {
  readonly kind = 'switch';
  private readonly ports: SwitchPort[] = [];
  private readonly table = new Map<MacAddress, FdbEntry>();

  constructor(
    private readonly ctx: SimContext,
    readonly id: string,
    private readonly rng: Rng,
  ) {}

  /** Adds a port (`port1`, `port2`, … in the order links are attached). */
  addPort(): Port {
    const p = new SwitchPort(this, `port${this.ports.length + 1}`);
    this.ports.push(p);
    return p;
  }

  /** The learned MAC table, for the UI. */
  macTable(): { mac: MacAddress; port: string; ageUs: number }[] {
    const now = this.ctx.engine.now;
    return [...this.table].map(([mac, e]) => ({ mac, port: e.port.portName, ageUs: now - e.seenUs }))
      .filter((e) => e.ageUs < AGEING_US);
  }

  receive(inPort: SwitchPort, wf: WireFrame): void {
    const { engine, tracer } = this.ctx;
    const now = engine.now;
    const { eth } = wf.frame;
    if (tracer.enabled) {
      tracer.record({ timeUs: now, node: this.id, iface: inPort.portName, step: 'ingress', packetId: wf.packetId, ...(wf.flowId !== undefined ? { flowId: wf.flowId } : {}), frame: wf.frame, explain: { key: 'link.ingress', params: { node: this.id, iface: inPort.portName } } });
    }
    if (eth.src === inPort.lastSrc) {
      // br_fdb_update: a known address is refreshed in place.
      const entry = inPort.lastSrcEntry!;
      entry.port = inPort;
      entry.seenUs = now;
    } else if (!isMulticastMac(eth.src)) {
      let entry = this.table.get(eth.src);
      if (entry) {
        entry.port = inPort;
        entry.seenUs = now;
      } else {
        entry = { port: inPort, seenUs: now };
        this.table.set(eth.src, entry);
      }
      inPort.lastSrc = eth.src;
      inPort.lastSrcEntry = entry;
    }
    const known = this.fdbLookup(inPort, eth.dst);
    if (known && now - known.seenUs < AGEING_US) {
      if (known.port === inPort) {
        if (tracer.enabled) tracer.record({ timeUs: now, node: this.id, iface: inPort.portName, step: 'drop', packetId: wf.packetId, drop: { reason: 'SWITCH_FILTER' }, explain: { key: 'switch.filter', params: { mac: eth.dst } } });
        return;
      }
      this.send(known.port, wf, 'switch.forward');
      return;
    }
    const out = this.rng.shuffle(this.ports.filter((p) => p !== inPort && p.link));
    for (const p of out) this.send(p, wf, 'switch.flood');
  }

  /** br_fdb_find for a destination: undefined for a group address or one not learned yet. */
  private fdbLookup(inPort: SwitchPort, dst: MacAddress): FdbEntry | undefined {
    if (dst === inPort.lastDst) return inPort.lastDstEntry;
    if (isMulticastMac(dst)) return undefined;
    const entry = this.table.get(dst);
    if (entry !== undefined) {
      inPort.lastDst = dst;
      inPort.lastDstEntry = entry;
    }
    return entry;
  }

  private send(port: SwitchPort, wf: WireFrame, key: 'switch.forward' | 'switch.flood'): void {
    const link = port.link;
    if (!link) return;
    const arrival = link.transmit(port, wf);
    const { tracer, engine } = this.ctx;
    if (tracer.enabled) {
      const to = link.peer(port);
      tracer.record({ timeUs: engine.now, node: this.id, iface: port.portName, step: 'egress', packetId: wf.packetId, ...(wf.flowId !== undefined ? { flowId: wf.flowId } : {}), frame: wf.frame, link: { toNode: to.nodeId, toIface: to.portName, arrivalUs: arrival }, explain: { key, params: { node: this.id, iface: port.portName } } });
    }
  }
}
