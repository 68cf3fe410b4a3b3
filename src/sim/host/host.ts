import { ETHERNET_HEADER_LEN, EtherType } from '../../wire/ethernet.ts';
import {
  formatIpv4Address, isMulticastIpv4, parseCidr, parseIpv4Address, prefixMask, type Ipv4Address,
} from '../../wire/ipv4-address.ts';
import { BROADCAST_MAC, internMac, isBroadcastMac, isMulticastMac, ZERO_MAC } from '../../wire/mac-address.ts';
import type { Engine } from '../engine.ts';
import { wireLength, type SimContext, type WireFrame } from '../context.ts';
import type { ExplanationKey } from '../model/explanations.ts';
import type { InterfaceConfig, NodeConfig } from '../model/config.ts';
import { ifaddrRoutes, type IfaddrRoute } from '../model/ifaddr.ts';
import type { DropReason } from '../model/drop-reasons.ts';
import type { HookName, TraceStep } from '../model/trace.ts';
import type { Rng } from '../rng.ts';
import type { Tracer } from '../trace.ts';
import { AddressTable } from './addresses.ts';
import { Arp } from './arp.ts';
import { Fib, networkOf, type FibRoute } from './fib.ts';
import { Icmp } from './icmp.ts';
import { IpDefrag } from './ip-fragment.ts';
import { IpInput } from './ip-input.ts';
import { IpOutput } from './ip-output.ts';
import { Ipip } from './ipip.ts';
import { NetDev } from './netdev.ts';
import { Netfilter, type Verdict } from './netfilter.ts';
import { NeighbourTable } from './neighbour.ts';
import { Router } from './route.ts';
import { RT_SCOPE, scopeValue } from './scope.ts';
import { skbLength, type SkBuff } from './skb.ts';
import { Sysctl } from './sysctl.ts';
import { Tcp } from './tcp/tcp.ts';
import { Udp } from './udp.ts';
import type { Ipvs } from '../ipvs/ipvs.ts';

/** Explanation parameters of a trace record. */
type Params = Record<string, string | number>;

/** Something that plugs into a host's configuration (IPVS, iptables, daemons). */
export interface HostModule {
  /** Applies the module's part of a new node configuration. */
  configure(config: NodeConfig): void;
}

/** A problem found while realising a node's configuration (an invalid route, a duplicate address). */
export interface ConfigIssue {
  readonly node: string;
  readonly what: string;
}

/** The flow id part of a trace record. */
const flowOf = (x: { readonly flowId: number | undefined }): { flowId?: number } => (x.flowId !== undefined ? { flowId: x.flowId } : {});

/** A deterministic MAC for a device whose configuration has none (locally administered). */
export function derivedMac(node: string, dev: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${node}/${dev}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  let h2 = Math.imul(h ^ 0x5bd1e995, 0x01000193) >>> 0;
  h2 ^= h2 >>> 13;
  const b = [0x02, h >>> 24, (h >>> 16) & 255, (h >>> 8) & 255, h & 255, h2 & 255];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/**
 * A Linux host or router: its devices, addresses, routes, neighbour table, netfilter hooks and
 * protocol handlers, processing packets in the kernel's order.
 */
export class LinuxHost {
  readonly kind: 'host' | 'router';
  readonly sysctl = new Sysctl({});
  readonly addrs = new AddressTable();
  readonly fib = new Fib();
  readonly nf = new Netfilter();
  readonly router: Router;
  readonly neigh: NeighbourTable;
  readonly arp: Arp;
  readonly ipIn: IpInput;
  readonly ip: IpOutput;
  readonly icmp: Icmp;
  /** IPv4 reassembly for local delivery. */
  readonly defrag: IpDefrag;
  readonly tcp: Tcp;
  readonly udp: Udp;
  readonly ipip: Ipip;
  readonly modules: HostModule[] = [];
  /** IPVS, attached by the network builder. */
  ipvs: Ipvs | undefined;
  readonly issues: ConfigIssue[] = [];
  private readonly devs = new Map<string, NetDev>();
  private nextIndex = 1;
  /** Devices that came up in this configuration step (arp_notify announces them). */
  private readonly pendingUp: NetDev[] = [];
  private cfg: NodeConfig;
  /** Kernel log (dmesg). */
  readonly kernelLog: string[] = [];

  /** The network's clock and trace, kept at hand: every packet step reads them. */
  readonly engine: Engine;
  readonly tracer: Tracer;

  constructor(readonly ctx: SimContext, config: NodeConfig, readonly rng: Rng) {
    this.engine = ctx.engine;
    this.tracer = ctx.tracer;
    this.kind = config.kind === 'router' ? 'router' : 'host';
    this.cfg = config;
    this.router = new Router(this);
    this.neigh = new NeighbourTable(this);
    this.arp = new Arp(this);
    this.ipIn = new IpInput(this);
    this.ip = new IpOutput(this);
    this.icmp = new Icmp(this);
    this.tcp = new Tcp(this);
    this.udp = new Udp(this);
    this.ipip = new Ipip(this);
    this.defrag = new IpDefrag(this);
    this.icmp.listeners.add((_skb, icmp) => this.tcp.icmpError(icmp));
    this.devs.set('lo', new NetDev(this, this.nextIndex++, 'lo', 'loopback', ZERO_MAC, 65536, true));
  }

  get id(): string {
    return this.cfg.id;
  }

  get now(): number {
    return this.engine.now;
  }

  /** Whether the trace is recorded: hot paths build a record's parameters only then. */
  get tracing(): boolean {
    return this.tracer.enabled;
  }

  /** The configuration the host runs now. */
  get config(): NodeConfig {
    return this.cfg;
  }

  get loopback(): NetDev {
    return this.devs.get('lo')!;
  }

  device(name: string): NetDev | undefined {
    return this.devs.get(name);
  }

  /** Devices in index order (lo first, as dev_base). */
  devices(): NetDev[] {
    return [...this.devs.values()];
  }

  deviceOrder(): string[] {
    return [...this.devs.keys()];
  }

  /** inet_addr_type: local, broadcast, multicast or unicast, from the local table. */
  addrType(addr: Ipv4Address): 'local' | 'broadcast' | 'multicast' | 'unicast' {
    if (addr === 0 || addr === 0xffffffff) return 'broadcast';
    if (isMulticastIpv4(addr)) return 'multicast';
    const r = this.fib.routes('local').find((x) => ((addr & prefixMask(x.prefixLength)) >>> 0) === x.dst);
    if (r?.type === 'local') return 'local';
    if (r?.type === 'broadcast') return 'broadcast';
    return 'unicast';
  }

  /** inet_select_addr for this host. */
  selectAddr(dev: string, dst: Ipv4Address, scope: number): Ipv4Address {
    return this.addrs.selectAddr(dev, dst, scope, this.deviceOrder(), this.sysctl.conf(dev, 'route_localnet') !== 0);
  }

  /** Applies a node configuration: devices, addresses, routes, sysctls, then the modules. */
  configure(config: NodeConfig): void {
    this.cfg = config;
    this.issues.length = 0;
    this.sysctl.replace(config.sysctls);
    this.syncDevices(config.interfaces);
    this.syncAddresses(config);
    this.rebuildRoutes();
    for (const m of this.modules) m.configure(config);
  }

  private syncDevices(interfaces: readonly InterfaceConfig[]): void {
    const wanted = new Set(interfaces.map((i) => i.name));
    for (const [name, dev] of this.devs) {
      if (name !== 'lo' && !wanted.has(name)) {
        this.neigh.flush(name);
        if (dev.link) dev.link = undefined;
        this.devs.delete(name);
      }
    }
    for (const ic of interfaces) {
      const mac = ic.kind === 'ether' ? internMac(ic.mac ?? derivedMac(this.id, ic.name)) : ZERO_MAC;
      let dev = this.devs.get(ic.name);
      if (!dev) {
        dev = new NetDev(this, ic.name === 'lo' ? 1 : this.nextIndex++, ic.name, ic.name === 'lo' ? 'loopback' : ic.kind, mac, ic.mtu, false);
        if (ic.name !== 'lo') this.devs.set(ic.name, dev);
        else dev = this.loopback;
      }
      if (dev.mtu !== ic.mtu) {
        // NETDEV_CHANGEMTU → fib_sync_mtu: the path MTUs learned through this device follow.
        const orig = dev.mtu;
        dev.mtu = ic.mtu;
        this.router.syncMtu(dev.name, ic.mtu, orig);
      }
      if (dev.mac !== mac && dev.kind === 'ether') dev.mac = mac;
      if (dev.up !== ic.up) {
        dev.up = ic.up;
        if (!ic.up) this.neigh.flush(dev.name);
        else this.pendingUp.push(dev);
      }
    }
  }

  private syncAddresses(config: NodeConfig): void {
    this.addrs.clear();
    // 127.0.0.1/8 appears when lo first comes up (inetdev_event) and stays when it goes down.
    this.addrs.add({ dev: 'lo', local: 0x7f000001, prefixLength: 8, broadcast: 0, scope: RT_SCOPE.HOST, label: 'lo' });
    for (const a of config.addresses) {
      const local = parseIpv4Address(a.address);
      if (local === null || !this.devs.has(a.dev)) {
        this.issues.push({ node: this.id, what: `address ${a.address}/${a.prefixLength} on ${a.dev}: no such device or bad address` });
        continue;
      }
      const broadcast = a.broadcast !== undefined ? (parseIpv4Address(a.broadcast) ?? 0) : 0;
      const err = this.addrs.add({ dev: a.dev, local, prefixLength: a.prefixLength, broadcast, scope: scopeValue(a.scope), label: a.label ?? a.dev });
      if (err) this.issues.push({ node: this.id, what: `address ${a.address}/${a.prefixLength} on ${a.dev}: ${err}` });
    }
    // NETDEV_UP with arp_notify: announce the addresses with gratuitous ARP (inetdev_send_gratuitous_arp).
    for (const dev of this.pendingUp.splice(0)) {
      if (dev.kind !== 'ether' || dev.cnf.arp_notify === 0) continue;
      for (const ifa of this.addrs.of(dev.name)) {
        this.arp.send(dev, 'request', ifa.local, BROADCAST_MAC, ZERO_MAC, ifa.local, undefined, 'arp.request.sent', { garp: 1 });
      }
    }
  }

  /** fib_add_ifaddr for every address on an up device (`ifaddrRoutes`), then the configured routes. */
  private rebuildRoutes(): void {
    const fibRoute = (r: IfaddrRoute): FibRoute => ({ ...r, metric: 0, scope: r.scope === 'host' ? RT_SCOPE.HOST : RT_SCOPE.LINK, proto: 'kernel' });
    const derived = ifaddrRoutes(this.devices().map((dev) => ({
      name: dev.name, up: dev.up, loopback: dev.kind === 'loopback',
      addresses: this.addrs.of(dev.name).map((ifa) => ({ address: ifa.local, prefixLength: ifa.prefixLength, broadcast: ifa.broadcast, secondary: ifa.secondary })),
    })));
    const local = derived.local.map(fibRoute);
    const main = derived.main.map(fibRoute);
    this.fib.replace(local, main);
    // Routes are added one by one, as `ip route add` does: a gateway may be reached through a
    // route added before it.
    for (const rc of this.cfg.routes) {
      const r = this.userRoute(rc);
      if (typeof r === 'string') this.issues.push({ node: this.id, what: `route ${rc.dst}: ${r}` });
      else if (r) {
        main.push(r);
        this.fib.replace(local, main);
      }
    }
  }

  /** Resolves a configured route: its device from the gateway when not given (fib_check_nh). */
  private userRoute(rc: NodeConfig['routes'][number]): FibRoute | string | null {
    const cidr = rc.dst === 'default' ? { address: 0, prefixLength: 0 } : parseCidr(rc.dst);
    if (!cidr) return 'bad destination';
    const type = rc.type ?? 'unicast';
    const gateway = rc.via !== undefined ? parseIpv4Address(rc.via) : undefined;
    if (gateway === null) return 'bad gateway';
    let dev = rc.dev !== undefined ? rc.dev.split(':')[0]! : undefined;
    if (type === 'unicast') {
      if (gateway !== undefined) {
        // fib_check_nh_v4_gw: the gateway must be reachable through a route of narrower scope
        // than this one (a direct route or a local address), not through another gateway.
        const viaRes = this.fib.lookup(gateway, dev);
        if (!viaRes || (viaRes.type !== 'unicast' && viaRes.type !== 'local') || viaRes.gateway !== undefined) return `gateway ${rc.via} is not on a directly connected network`;
        if (viaRes.type === 'unicast') dev = viaRes.dev;
        else if (dev === undefined) return `gateway ${rc.via} is a local address: name the device`;
      } else if (dev === undefined) {
        return 'no device';
      }
      const d = dev !== undefined ? this.devs.get(dev) : undefined;
      if (!d) return `no device ${dev ?? ''}`;
      if (!d.up) return null;
    }
    const src = rc.src !== undefined ? parseIpv4Address(rc.src) : undefined;
    return {
      table: 'main', type, dst: networkOf(cidr.address, cidr.prefixLength), prefixLength: cidr.prefixLength,
      ...(dev !== undefined ? { dev } : {}), ...(gateway !== undefined ? { gateway } : {}), ...(src ? { prefsrc: src } : {}),
      metric: rc.metric ?? 0,
      scope: rc.scope !== undefined ? scopeValue(rc.scope) : gateway !== undefined || type !== 'unicast' ? RT_SCOPE.UNIVERSE : RT_SCOPE.LINK,
      proto: 'boot',
      // ip_metrics_convert: an MTU above 65535 − 15 and an advmss above 65535 − 40 are clamped.
      ...(rc.mtu !== undefined || rc.advmss !== undefined
        ? { metrics: { mtu: Math.min(rc.mtu ?? 0, 65_520), mtuLocked: rc.mtuLock === true, advmss: Math.min(rc.advmss ?? 0, 65_495) } }
        : {}),
    };
  }

  /** A frame arrived on `dev` (netif_receive_skb). */
  netifReceive(dev: NetDev, wf: WireFrame): void {
    if (!dev.up) return;
    const { eth } = wf.frame;
    const promisc = dev.taps.size > 0;
    const pktType = eth.dst === dev.mac ? 'host' : isBroadcastMac(eth.dst) ? 'broadcast' : isMulticastMac(eth.dst) ? 'multicast' : 'otherhost';
    // Without a capture running the NIC filters frames for other MACs in hardware.
    if (pktType === 'otherhost' && !promisc) return;
    if (promisc) for (const tap of dev.taps) tap('in', this.now, wf.frame);
    dev.countRx(wireLength(wf));
    const tracer = this.tracer;
    if (tracer.enabled) {
      tracer.record({ timeUs: this.now, node: this.id, iface: dev.name, step: 'ingress', packetId: wf.packetId, ...(wf.flowId !== undefined ? { flowId: wf.flowId } : {}), frame: wf.frame, explain: { key: 'link.ingress', params: { node: this.id, iface: dev.name } } });
    }
    const body = wf.frame.body;
    if (body.kind === 'arp' && eth.ethertype === EtherType.Arp) this.arp.receive(dev, wf, body.arp, pktType);
    else if (body.kind === 'ipv4' && eth.ethertype === EtherType.Ipv4) this.ipIn.receive(dev, wf, body.packet, pktType);
  }

  /** dev_queue_xmit: the frame leaves `dev` onto its link. */
  devXmit(dev: NetDev, wf: WireFrame): void {
    if (!dev.up) return;
    if (dev.taps.size > 0) for (const tap of dev.taps) tap('out', this.now, wf.frame);
    const link = dev.link;
    const tracer = this.tracer;
    if (!link) {
      if (tracer.enabled) tracer.record({ timeUs: this.now, node: this.id, iface: dev.name, step: 'drop', packetId: wf.packetId, ...flowOf(wf), frame: wf.frame, drop: { reason: 'NO_CARRIER' }, explain: { key: 'drop', params: { reason: 'NO_CARRIER', detail: `${dev.name} has no cable` } } });
      return;
    }
    const arrival = link.transmit(dev, wf);
    dev.countTx(wf.bytes);
    if (tracer.enabled) {
      const to = link.peer(dev);
      tracer.record({ timeUs: this.now, node: this.id, iface: dev.name, step: 'egress', packetId: wf.packetId, ...flowOf(wf), frame: wf.frame, link: { toNode: to.nodeId, toIface: to.portName, arrivalUs: arrival }, explain: { key: 'link.egress', params: { node: this.id, iface: dev.name, to: to.nodeId } } });
    }
  }

  /** loopback_xmit: the packet comes back in on lo. */
  loopbackXmit(skb: SkBuff): void {
    const lo = this.loopback;
    const frame = { eth: { src: ZERO_MAC, dst: ZERO_MAC, ethertype: EtherType.Ipv4 }, body: { kind: 'ipv4' as const, packet: skb.packet } };
    for (const tap of lo.taps) tap('out', this.now, frame);
    // loopback_xmit counts skb->len, Ethernet header included, as sent and as received.
    const bytes = ETHERNET_HEADER_LEN + skbLength(skb);
    lo.countTx(bytes);
    lo.countRx(bytes);
    const flow = skb.flowId !== undefined ? { flowId: skb.flowId } : {};
    if (this.tracer.enabled) {
      this.tracer.record({ timeUs: this.now, node: this.id, iface: 'lo', step: 'egress', packetId: skb.id, ...flow, frame, explain: { key: 'lo.loopback', params: { node: this.id } } });
    }
    this.engine.schedule(0, () => {
      if (this.tracer.enabled) {
        this.tracer.record({ timeUs: this.now, node: this.id, iface: 'lo', step: 'ingress', packetId: skb.id, ...flow, frame, explain: { key: 'lo.loopback', params: { node: this.id } } });
      }
      this.ipIn.receiveLoopback(skb);
    });
  }

  /** Runs a netfilter hook position, recording it in the trace. */
  hook(skb: SkBuff, hook: HookName, inDev: NetDev | undefined, outDev: NetDev | undefined): Verdict {
    if (!this.tracer.enabled && this.nf.passEmpty(skb, hook)) return 'accept';
    if (this.tracer.enabled) {
      const chains = this.nf.labels(hook);
      this.traceSkb(skb, 'hook', inDev ?? outDev, `hook.${hook}`, { chains: chains.join(', ') }, { hook, chains });
    }
    const v = this.nf.run(skb, { hook, inDev, outDev });
    if (v === 'drop') this.dropSkb(skb, inDev ?? outDev, 'NETFILTER_DROP', `dropped in ${hook}`);
    return v;
  }

  /** Records a layer-3 step of a packet. */
  traceSkb(
    skb: SkBuff, step: TraceStep, dev: NetDev | undefined, key: ExplanationKey,
    params: Params | (() => Params), extra?: { hook?: HookName; chains?: readonly string[] },
  ): void {
    const tracer = this.tracer;
    if (!tracer.enabled) return;
    if (typeof params === 'function') params = params();
    tracer.record({
      timeUs: this.now, node: this.id, ...(dev ? { iface: dev.name } : {}), step, packetId: skb.id,
      ...(skb.flowId !== undefined ? { flowId: skb.flowId } : {}), packet: skb.packet, ...extra,
      explain: { key, params },
    });
  }

  /** Records something that is not about one packet (a TCP state change, a retransmission). */
  traceNote(flowId: number | undefined, key: ExplanationKey, params: Params | (() => Params)): void {
    if (!this.tracer.enabled) return;
    if (typeof params === 'function') params = params();
    this.tracer.record({ timeUs: this.now, node: this.id, step: 'app', ...(flowId !== undefined ? { flowId } : {}), explain: { key, params } });
  }

  /** Drops a packet with the kernel's reason (kfree_skb_reason). */
  dropSkb(skb: SkBuff, dev: NetDev | undefined, reason: DropReason, detail: string): void {
    const tracer = this.tracer;
    if (tracer.enabled) {
      tracer.record({
        timeUs: this.now, node: this.id, ...(dev ? { iface: dev.name } : {}), step: 'drop', packetId: skb.id,
        ...(skb.flowId !== undefined ? { flowId: skb.flowId } : {}), packet: skb.packet, drop: { reason },
        explain: { key: 'drop', params: { reason, detail, src: formatIpv4Address(skb.packet.ip.src), dst: formatIpv4Address(skb.packet.ip.dst) } },
      });
      tracer.forget(skb.id);
    }
  }

  /** Appends a kernel log line (`dmesg`). */
  log(message: string): void {
    const t = (this.now / 1_000_000).toFixed(6).padStart(12, ' ');
    this.kernelLog.push(`[${t}] ${message}`);
    this.ctx.log(this.id, message);
  }
}
