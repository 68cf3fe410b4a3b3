import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import type { Ipv4Body } from '../../wire/packet.ts';
import { TcpFlag } from '../../wire/tcp.ts';
import type { EventId } from '../engine.ts';
import type { HostModule, LinuxHost } from '../host/host.ts';
import { NF_IP_PRI, type HookState, type Verdict } from '../host/netfilter.ts';
import { isFragment, type DefragUser } from '../host/ip-fragment.ts';
import { skbLength, type SkBuff } from '../host/skb.ts';
import type { NodeConfig } from '../model/config.ts';
import type { IpvsConnSnapshot, IpvsServiceSnapshot } from '../model/snapshot.ts';
import { ConnTable, IpvsConn, type ConnProtocol } from './conn.ts';
import type { IpvsDest } from './dest.ts';
import { inIcmp, outIcmp, type IcmpIpvs } from './icmp.ts';
import { getScheduler } from './schedulers/registry.ts';
import type { SchedContext } from './schedulers/types.ts';
import { IpvsService, serviceKey } from './service.ts';
import { countIn, countOut, ESTIMATOR_PERIOD_US } from './stats.ts';
import { IPVS_TCP, TCP_STATE_NAMES, TCP_TIMEOUTS_SEC, UDP_TIMEOUT_SEC } from './tcp-states.ts';
import { snat, xmitDr, xmitNat, xmitTun } from './xmit.ts';

/** The protocols whose fragments IPVS gathers (those with a protocol handler): ICMP, TCP, UDP. */
const GATHERED = new Set<number>([1, 6, 17]);
/** ip_vs_defrag_user: IP_DEFRAG_VS_IN, IP_DEFRAG_VS_FWD, IP_DEFRAG_VS_OUT. */
const defragUser = (hook: HookState['hook']): DefragUser => (hook === 'FORWARD' ? 'vs-fwd' : hook === 'OUTPUT' ? 'vs-out' : 'vs-in');

const FTPPORT = 21;
const FTPDATA = 20;
/**
 * ip_unprivileged_port_start's default: ports below it need CAP_NET_BIND_SERVICE
 * (inet_port_requires_bind_service). The lab does not model that sysctl.
 */
const PROT_SOCK = 1024;
/** One jiffy at the lab kernel's HZ (1000, as /proc/net/ip_vs prints timeouts). */
const JIFFY_US = 1000;

const VS_SYSCTL = {
  am_droprate: 'net.ipv4.vs.am_droprate',
  conntrack: 'net.ipv4.vs.conntrack',
  conn_reuse_mode: 'net.ipv4.vs.conn_reuse_mode',
  expire_nodest_conn: 'net.ipv4.vs.expire_nodest_conn',
  drop_packet: 'net.ipv4.vs.drop_packet',
  expire_quiescent_template: 'net.ipv4.vs.expire_quiescent_template',
  secure_tcp: 'net.ipv4.vs.secure_tcp',
  sloppy_tcp: 'net.ipv4.vs.sloppy_tcp',
} as const;
type VsSysctl = keyof typeof VS_SYSCTL;

/**
 * The protocol IPVS schedules a packet's body on (ip_vs_proto_data_get: TCP and UDP here), or
 * undefined; `portsOf` and `flagsOf` read the rest (no object per packet).
 */
function protocolOf(b: Ipv4Body): ConnProtocol | undefined {
  return b.kind === 'tcp' ? 6 : b.kind === 'udp' ? 17 : undefined;
}

/** The source and destination port of a TCP or UDP body. */
const sportOf = (b: Ipv4Body): number => (b.kind === 'tcp' ? b.tcp.srcPort : b.kind === 'udp' ? b.udp.srcPort : 0);
const dportOf = (b: Ipv4Body): number => (b.kind === 'tcp' ? b.tcp.dstPort : b.kind === 'udp' ? b.udp.dstPort : 0);
/** The TCP flags (0 for UDP). */
const flagsOf = (b: Ipv4Body): number => (b.kind === 'tcp' ? b.tcp.flags : 0);

/** A service's <protocol, address, port> as one exact integer (below 2^50). */
const addressKey = (protocol: 'tcp' | 'udp', vaddr: number, vport: number): number =>
  (protocol === 'tcp' ? 1 : 2) * 2 ** 48 + (vaddr >>> 0) * 65536 + vport;

/**
 * IPVS on one host (net/netfilter/ipvs): virtual services, the connection table, and the hooks —
 * requests are taken at LOCAL_IN (ip_vs_in_hook, priority 99) after filter INPUT, NAT replies are
 * rewritten in FORWARD (ip_vs_out_hook, priority 100). Hooks exist while a service exists.
 */
export class Ipvs implements HostModule, IcmpIpvs {
  private readonly services = new Map<string, IpvsService>();
  readonly conns: ConnTable;
  private tcpTimeouts: number[] = TCP_TIMEOUTS_SEC.map((s) => s * 1_000_000);
  private udpTimeoutUs = UDP_TIMEOUT_SEC * 1_000_000;
  private estimatorTimer: EventId | undefined;
  /** ipvs->expire_nodest_conn_work while it is queued. */
  private nodestWork: EventId | undefined;
  loaded = false;

  constructor(readonly host: LinuxHost) {
    this.conns = new ConnTable(host.engine, () => undefined);
  }

  private get schedCtx(): SchedContext {
    const host = this.host;
    return { nowUs: host.now, rng: host.rng, log: (m) => host.log(m) };
  }

  /** `net.ipv4.vs.<name>`, read through a copy kept per sysctl generation (every packet asks). */
  private sysctl(name: VsSysctl): number {
    const sysctl = this.host.sysctl;
    if (this.vsSysctlOf !== sysctl.generation) {
      this.vsSysctl = {
        am_droprate: sysctl.global(VS_SYSCTL.am_droprate),
        conntrack: sysctl.global(VS_SYSCTL.conntrack),
        conn_reuse_mode: sysctl.global(VS_SYSCTL.conn_reuse_mode),
        expire_nodest_conn: sysctl.global(VS_SYSCTL.expire_nodest_conn),
        drop_packet: sysctl.global(VS_SYSCTL.drop_packet),
        expire_quiescent_template: sysctl.global(VS_SYSCTL.expire_quiescent_template),
        secure_tcp: sysctl.global(VS_SYSCTL.secure_tcp),
        sloppy_tcp: sysctl.global(VS_SYSCTL.sloppy_tcp),
      };
      this.vsSysctlOf = sysctl.generation;
    }
    return this.vsSysctl[name];
  }

  private vsSysctl: Record<VsSysctl, number> = { am_droprate: 0, conntrack: 0, drop_packet: 0, secure_tcp: 0, conn_reuse_mode: 0, expire_nodest_conn: 0, expire_quiescent_template: 0, sloppy_tcp: 0 };
  private vsSysctlOf = -1;

  /** Applies the node's IPVS configuration: timeouts, services in order, their servers. */
  configure(config: NodeConfig): void {
    const cfg = config.ipvs;
    this.loaded = cfg.loaded || cfg.services.length > 0;
    const t = TCP_TIMEOUTS_SEC.map((s) => s * 1_000_000);
    t[IPVS_TCP.ESTABLISHED] = cfg.timeouts.tcp * 1_000_000;
    t[IPVS_TCP.FIN_WAIT] = cfg.timeouts.tcpfin * 1_000_000;
    this.tcpTimeouts = t;
    this.udpTimeoutUs = cfg.timeouts.udp * 1_000_000;
    const wanted = new Map(cfg.services.map((s) => [serviceKey(s), s]));
    let deletedDests = false;
    for (const [key, svc] of this.services) {
      if (!wanted.has(key)) deletedDests = this.deleteService(key, svc) || deletedDests;
    }
    for (const [key, sc] of wanted) {
      const svc = this.services.get(key);
      if (svc) {
        if (svc.config !== sc) deletedDests = svc.update(sc, this.schedCtx) || deletedDests;
        continue;
      }
      const sched = getScheduler(sc.scheduler);
      if (!sched) {
        this.host.issues.push({ node: this.host.id, what: `IPVS service ${key}: scheduler ${sc.scheduler} not found` });
        continue;
      }
      const created = new IpvsService({ ...sc, realServers: [] }, sched, this.schedCtx);
      this.services.set(key, created);
      created.update(sc, this.schedCtx);
    }
    this.indexServices();
    this.registerHooks();
    if (deletedDests) this.enqueueExpireNodestConns();
  }

  /**
   * ip_vs_enqueue_expire_nodest_conns (from __ip_vs_del_dest): with expire_nodest_conn=1, a
   * deleted real server's connections are expired in bulk by delayed work one jiffy later
   * (queue_delayed_work: once while it is pending), not only when their next packet comes.
   */
  private enqueueExpireNodestConns(): void {
    if (!this.sysctl('expire_nodest_conn') || this.nodestWork !== undefined) return;
    this.nodestWork = this.host.engine.schedule(JIFFY_US, () => {
      this.nodestWork = undefined;
      this.expireNodestConnFlush();
    });
  }

  /**
   * ip_vs_expire_nodest_conn_flush: every entry whose server is no longer available and that
   * controls no connection is deleted (ip_vs_conn_del: its timer fires at once). The pass only
   * moves timers, which fire after it, so a template still counts the connections found in the
   * same pass and is left to its own timer (the kernel's "del controlling connection" branch
   * needs n_control already 0).
   */
  private expireNodestConnFlush(): void {
    const doomed = this.conns.entries().filter((cp) => !cp.dest.available && cp.nControl === 0);
    for (const cp of doomed) this.conns.expireNow(cp);
  }

  /**
   * The <protocol, VIP, port> services by number (ip_vs_svc_table's hash key rather than a
   * string per packet). Only a service whose key is the canonical text of its numbers is listed,
   * so a lookup finds exactly what a lookup by that text would.
   */
  private indexServices(): void {
    this.byAddress.clear();
    for (const [key, svc] of this.services) {
      if (svc.protocol === 'fwmark') continue;
      if (key !== `${svc.protocol} ${formatIpv4Address(svc.address)} ${svc.port}`) continue;
      this.byAddress.set(addressKey(svc.protocol, svc.address, svc.port), svc);
    }
  }

  private readonly byAddress = new Map<number, IpvsService>();

  /**
   * __ip_vs_del_service: the servers go to the trash; their connections are dropped on use.
   * Whether a server was deleted.
   */
  private deleteService(key: string, svc: IpvsService): boolean {
    const deleted = svc.syncDests([], this.schedCtx);
    this.services.delete(key);
    return deleted;
  }

  private registerHooks(): void {
    const on = this.services.size > 0;
    const inHook = (skb: SkBuff, st: HookState): Verdict => this.inHook(skb, st);
    const outHook = (skb: SkBuff, st: HookState): Verdict => this.outHook(skb, st);
    // ip_vs_forward_icmp: ICMP errors passing through (not for a local address) go to ip_vs_in_icmp.
    const forwardIcmp = (skb: SkBuff): Verdict => (skb.packet.body.kind === 'icmp' ? inIcmp(this, skb, 'FORWARD') ?? 'accept' : 'accept');
    this.host.nf.setHooks('ipvs', on ? [
      { hook: 'INPUT', priority: NF_IP_PRI.NAT_SRC - 2, label: 'IPVS ip_vs_out_hook', fn: outHook },
      { hook: 'INPUT', priority: NF_IP_PRI.NAT_SRC - 1, label: 'IPVS ip_vs_in_hook', fn: inHook },
      { hook: 'OUTPUT', priority: NF_IP_PRI.NAT_DST + 1, label: 'IPVS ip_vs_out_hook', fn: outHook },
      { hook: 'OUTPUT', priority: NF_IP_PRI.NAT_DST + 2, label: 'IPVS ip_vs_in_hook', fn: inHook },
      { hook: 'FORWARD', priority: 99, label: 'IPVS ip_vs_forward_icmp', fn: forwardIcmp },
      { hook: 'FORWARD', priority: 100, label: 'IPVS ip_vs_out_hook', fn: outHook },
    ] : []);
    if (on && this.estimatorTimer === undefined) this.armEstimator();
    if (!on && this.estimatorTimer !== undefined) {
      this.host.engine.cancel(this.estimatorTimer);
      this.estimatorTimer = undefined;
    }
  }

  private armEstimator(): void {
    this.estimatorTimer = this.host.engine.schedule(ESTIMATOR_PERIOD_US, () => {
      for (const svc of this.services.values()) {
        svc.estimator.tick(svc.stats);
        for (const d of svc.allDests()) d.estimator.tick(d.stats);
      }
      this.armEstimator();
    });
  }

  /** ip_vs_service_find: fwmark first, then <protocol, VIP, port>, FTP, then port zero. */
  private findService(mark: number, protocol: 'tcp' | 'udp', vaddr: number, vport: number): IpvsService | undefined {
    if (mark) {
      const s = this.services.get(`fwmark ${mark}`);
      if (s) return s;
    }
    const exact = this.byAddress.get(addressKey(protocol, vaddr, vport));
    if (exact) return exact;
    // "the packet might belong to FTP data connections": TCP to port 20 or to a port anyone
    // may bind (!inet_port_requires_bind_service) goes to the VIP's port-21 service, if any.
    if (protocol === 'tcp' && (vport === FTPDATA || vport >= PROT_SOCK)) {
      const ftp = this.byAddress.get(addressKey(protocol, vaddr, FTPPORT));
      if (ftp) return ftp;
    }
    return this.byAddress.get(addressKey(protocol, vaddr, 0));
  }

  /** ip_vs_in_hook / ip_vs_in: client → VIP packets. */
  private inHook(skb: SkBuff, st: HookState): Verdict {
    const host = this.host;
    if (skb.ipvsProperty) return 'accept';
    // "only PACKET_HOST" for remote clients (the frame must have been addressed to our MAC).
    if (st.hook === 'INPUT' && skb.pktType !== 'host') return 'accept';
    const p = skb.packet;
    if (p.body.kind === 'icmp') {
      const related = inIcmp(this, skb, st.hook);
      if (related !== undefined) return related;
    }
    const protocol = protocolOf(p.body);
    if (protocol === undefined) return 'accept';
    const sport = sportOf(p.body);
    const dport = dportOf(p.body);
    const flags = flagsOf(p.body);
    let cp = this.conns.inGet(protocol, p.ip.src, sport, p.ip.dst, dport);

    // conn_reuse_mode: a new SYN on an old entry in TIME_WAIT/CLOSE is scheduled again.
    const reuse = this.sysctl('conn_reuse_mode');
    const isNewConn = protocol === 6 && (flags & TcpFlag.Syn) !== 0 && (flags & TcpFlag.Ack) === 0;
    if (reuse && isNewConn && cp) {
      let resched = false;
      if (this.sysctl('expire_nodest_conn') && cp.dest.weight === 0) resched = true;
      else if (!cp.control && (cp.state === IPVS_TCP.TIME_WAIT || cp.state === IPVS_TCP.CLOSE || ((reuse & 2) !== 0 && cp.state === IPVS_TCP.FIN_WAIT && cp.noOutput))) {
        resched = cp.nControl === 0;
      }
      if (resched) {
        if (cp.nControl === 0) this.conns.expireNow(cp);
        cp = undefined;
      }
    }
    if (cp && !cp.dest.available) {
      if (this.sysctl('expire_nodest_conn')) {
        this.conns.expireNow(cp);
        cp = undefined;
      } else {
        const gone = cp;
        host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.dest.unavailable', () => ({ rs: `${formatIpv4Address(gone.daddr)}:${gone.dport}` }));
        host.dropSkb(skb, skb.inDev, 'IPVS', 'the connection\'s real server was deleted (expire_nodest_conn=0)');
        return 'stolen';
      }
    }
    if (!cp) {
      // tcp_conn_schedule: only a SYN (without RST) may start a connection, unless sloppy_tcp.
      const svc = this.findService(skb.mark, protocol === 6 ? 'tcp' : 'udp', p.ip.dst, dport);
      if (!svc) return 'accept';
      if (protocol === 6 && (!((flags & TcpFlag.Syn) || this.sysctl('sloppy_tcp')) || (flags & TcpFlag.Rst))) {
        host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.not_syn', () => ({ service: svc.label }));
        return 'accept';
      }
      if (this.toDrop()) {
        host.dropSkb(skb, skb.inDev, 'IPVS', `drop_packet=3: one new connection in every am_droprate (${this.sysctl('am_droprate')}) is dropped`);
        return 'stolen';
      }
      const r = this.schedule(svc, skb, protocol, sport, dport);
      if (!r.conn) {
        if (r.ignored > 0) return 'accept';
        if (r.ignored < 0) {
          host.dropSkb(skb, skb.inDev, 'IPVS', 'no memory for a connection entry');
          return 'stolen';
        }
        return this.leave(svc, skb, dport);
      }
      cp = r.conn;
    } else {
      const hit = cp;
      if (host.tracing) host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.conn.hit', () => ({
        rs: `${formatIpv4Address(hit.daddr)}:${hit.dport}`, state: hit.stateName, method: hit.forwardingMethod,
      }));
    }
    this.inStats(cp, skb);
    this.setState(cp, 'INPUT', flags, skb);
    this.conns.touch(cp);
    switch (cp.forwardingMethod) {
      case 'masq':
        return xmitNat(host, skb, cp);
      case 'droute':
        return xmitDr(host, skb, cp);
      case 'tunnel':
        return xmitTun(host, skb, cp);
    }
  }

  /** ip_vs_schedule / ip_vs_sched_persist. `ignored` as the kernel's: 1 = not for us, 0 = leave, −1 = drop. */
  private schedule(svc: IpvsService, skb: SkBuff, protocol: ConnProtocol, cport: number, vport: number): { conn: IpvsConn | undefined; ignored: number } {
    const host = this.host;
    const ip = skb.packet.ip;
    const ctx = this.schedCtx;
    const pkt = { saddr: ip.src, sport: cport, daddr: ip.dst, dport: vport };
    // "Never schedule Active FTPDATA connections from real server."
    if (cport === FTPDATA) return { conn: undefined, ignored: 1 };
    if (svc.persistentUs !== undefined) return this.schedulePersist(svc, skb, protocol, cport, vport);
    // Another port reaches a non-persistent service only as FTP data (ip_vs_leave lets it pass) or through port zero.
    if (svc.protocol !== 'fwmark' && vport !== svc.port) {
      if (svc.port === 0) host.log('IPVS: Schedule: port zero only supported in persistent services, check your ipvs configuration');
      return { conn: undefined, ignored: 0 };
    }
    const d = svc.schedule(pkt, ctx);
    if (!d) return { conn: undefined, ignored: 0 };
    const conn = new IpvsConn(protocol, ip.src, cport, ip.dst, vport, d.address, d.port || vport, d, svc, false, d.forwardingMethod, false, host.now);
    this.setNfct(conn);
    this.conns.add(conn);
    this.connStats(conn);
    host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.schedule', () => ({
      scheduler: svc.scheduler.name, service: svc.label, rs: `${formatIpv4Address(d.address)}:${conn.dport}`, method: d.forwardingMethod,
    }));
    if (svc.onePacket && protocol === 17) conn.timeoutUs = 0;
    return { conn, ignored: 0 };
  }

  /**
   * ip_vs_sched_persist: a template remembers the server — <proto, client & netmask, 0, VIP, vport>
   * for a packet to the service's port; <proto, snet, 0, VIP, 0> for FTP (port 21, so its data
   * connections share it) and port-zero services; <IPPROTO_IP, snet, 0, fwmark, 0> for fwmark.
   */
  private schedulePersist(svc: IpvsService, skb: SkBuff, protocol: ConnProtocol, cport: number, vport: number): { conn: IpvsConn | undefined; ignored: number } {
    const host = this.host;
    const ip = skb.packet.ip;
    const snet = (ip.src & svc.netmask) >>> 0;
    const ownPort = vport === svc.port;
    const fw = !ownPort && svc.protocol === 'fwmark';
    const tProto: ConnProtocol = fw ? 0 : protocol;
    const tVaddr = fw ? svc.fwmark >>> 0 : ip.dst;
    const tVport = ownPort && svc.port !== FTPPORT ? vport : 0;
    let ct = this.conns.inGet(tProto, snet, 0, tVaddr, tVport);
    if (ct && !this.checkTemplate(ct)) ct = undefined;
    let dest = ct?.dest;
    if (!ct) {
      const picked = svc.schedule({ saddr: ip.src, sport: cport, daddr: ip.dst, dport: vport }, this.schedCtx);
      if (!picked) return { conn: undefined, ignored: 0 };
      dest = picked;
      const tDport = vport === svc.port && svc.port !== FTPPORT ? picked.port : 0;
      ct = new IpvsConn(tProto, snet, 0, tVaddr, tVport, picked.address, tDport, picked, svc, true, picked.forwardingMethod, fw, host.now);
      this.conns.add(ct);
      ct.timeoutUs = svc.persistentUs!;
      host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.schedule', () => ({
        scheduler: svc.scheduler.name, service: svc.label, rs: `${formatIpv4Address(picked.address)}:${picked.port || vport}`, method: picked.forwardingMethod, persistent: svc.persistentUs! / 1_000_000,
      }));
    } else {
      const template = ct;
      host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.persist.hit', () => ({
        client: formatIpv4Address(snet), rs: `${formatIpv4Address(template.daddr)}:${template.dest.port || vport}`, service: svc.label,
      }));
    }
    const d = dest!;
    const dport = vport === svc.port && d.port ? d.port : vport;
    const conn = new IpvsConn(protocol, ip.src, cport, ip.dst, vport, d.address, dport, d, svc, false, d.forwardingMethod, false, host.now);
    this.setNfct(conn);
    this.conns.add(conn);
    this.conns.control(conn, ct);
    this.conns.touch(ct);
    this.connStats(conn);
    return { conn, ignored: 0 };
  }

  /** ip_vs_conn_new: with `conntrack=1` the connection keeps the packets' conntrack entries (IP_VS_CONN_F_NFCT). */
  private setNfct(cp: IpvsConn): void {
    cp.nfct = this.sysctl('conntrack') !== 0;
  }

  /**
   * ip_vs_check_template: the template's server must still be available (and not quiesced with
   * expire_quiescent_template); otherwise the template is invalidated (rehashed out of reach
   * with ports 65535) and its timer is left alone.
   */
  private checkTemplate(ct: IpvsConn): boolean {
    const d = ct.dest;
    if (!d.available || (this.sysctl('expire_quiescent_template') && d.weight === 0)) {
      this.conns.invalidateTemplate(ct);
      return false;
    }
    return true;
  }

  /** ip_vs_leave: no server — ICMP port unreachable from the VIP, for TCP too (no RST). */
  private leave(svc: IpvsService, skb: SkBuff, dport: number): Verdict {
    const host = this.host;
    if (svc.port === FTPPORT && dport !== FTPPORT) return 'accept';
    host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.no_dest', () => ({ service: svc.label, scheduler: svc.scheduler.name }));
    host.icmp.sendError(skb, 'dest-unreachable', 3, 0);
    host.dropSkb(skb, skb.inDev, 'IPVS', `no real server available for ${svc.label}`);
    return 'stolen';
  }

  /**
   * ip_vs_out_hook → handle_response: a reply of one of our connections, in FORWARD (through the
   * director), LOCAL_IN (to a client on the director) or LOCAL_OUT (from a real server on the
   * director). NAT: the source becomes VIP:vport. Every method: the reply is counted and moves the
   * entry's state (a DR or TUN entry leaves its INPUT_ONLY table once a reply passes).
   */
  private outHook(skb: SkBuff, st: HookState): Verdict {
    if (skb.ipvsProperty) return 'accept';
    // ip_vs_gather_frags: fragments of TCP, UDP and ICMP are put together first.
    if (isFragment(skb) && GATHERED.has(skb.packet.ip.protocol) && !this.host.defrag.gather(skb, defragUser(st.hook))) return 'stolen';
    const p = skb.packet;
    if (p.body.kind === 'icmp') {
      const related = outIcmp(this, skb, st.hook);
      if (related !== undefined) return related;
    }
    const protocol = protocolOf(p.body);
    if (protocol === undefined) return 'accept';
    const sport = sportOf(p.body);
    const dport = dportOf(p.body);
    const cp = this.conns.outGet(protocol, p.ip.src, sport, p.ip.dst, dport);
    if (!cp) return 'accept';
    const dev = st.hook === 'INPUT' ? skb.inDev : skb.route?.dev;
    const host = this.host;
    if (cp.forwardingMethod === 'masq') {
      skb.packet = snat(p, cp.vaddr, cp.vport);
      host.traceSkb(skb, 'ipvs', dev, 'ipvs.reply.snat', () => ({ from: `${formatIpv4Address(p.ip.src)}:${sport}`, to: `${formatIpv4Address(cp.vaddr)}:${cp.vport}`, hook: st.hook }), { hook: st.hook });
    } else {
      host.traceSkb(skb, 'ipvs', dev, 'ipvs.reply.seen', () => ({ method: cp.forwardingMethod, rs: formatIpv4Address(cp.daddr), hook: st.hook }), { hook: st.hook });
    }
    this.outStats(cp, skb);
    this.setState(cp, 'OUTPUT', flagsOf(p.body), skb);
    skb.ipvsProperty = true;
    // handle_response (after_nat, every method): ip_vs_notrack unless IP_VS_CONN_F_NFCT
    // (ip_vs_update_conntrack leaves the entry of a reply as it is).
    if (!cp.nfct) skb.untracked = true;
    this.conns.touch(cp);
    return 'accept';
  }

  private setState(cp: IpvsConn, direction: 'INPUT' | 'OUTPUT', flags: number, skb: SkBuff): void {
    if (cp.protocol === 17) {
      cp.timeoutUs = cp.service.onePacket ? 0 : this.udpTimeoutUs;
      if (direction === 'OUTPUT' && cp.control) cp.control.assured = true;
      return;
    }
    // update_defense_level → tcp_timeout_change: tcp_states_dos while secure_tcp is above 1,
    // which without memory pressure only 3 (always on) stays.
    const from = this.conns.tcpTransition(cp, direction, flags, this.tcpTimeouts, this.sysctl('secure_tcp') === 3);
    if (from !== cp.state) {
      if (this.host.tracing) this.host.traceSkb(skb, 'ipvs', undefined, 'ipvs.state', () => ({ from: TCP_STATE_NAMES[from]!, to: TCP_STATE_NAMES[cp.state]!, timeout: cp.timeoutUs / 1_000_000 }));
    }
  }

  /** ipvs->drop_counter of ip_vs_todrop. */
  private dropCounter = 0;

  /**
   * ip_vs_todrop (tcp_conn_schedule, udp_conn_schedule): with drop_packet=3 update_defense_level
   * sets drop_rate to am_droprate, and one new connection in every drop_rate is dropped; the
   * automatic modes (1, 2) only drop under memory pressure, which the lab does not have.
   */
  private toDrop(): boolean {
    const rate = this.sysctl('drop_packet') === 3 ? this.sysctl('am_droprate') : 0;
    if (!rate) return false;
    if (--this.dropCounter > 0) return false;
    this.dropCounter = rate;
    return true;
  }

  /** ip_vs_in_stats. */
  inStats(cp: IpvsConn, skb: SkBuff): void {
    const len = skbLength(skb);
    countIn(cp.dest.stats, len);
    countIn(cp.service.stats, len);
  }

  /** ip_vs_out_stats. */
  outStats(cp: IpvsConn, skb: SkBuff): void {
    const len = skbLength(skb);
    countOut(cp.dest.stats, len);
    countOut(cp.service.stats, len);
  }

  /** ip_vs_find_tunnel: a real server (of any service, not deleted) at `addr` reached by tunnelling. */
  findTunnel(addr: number): IpvsDest | undefined {
    for (const svc of this.services.values()) {
      for (const d of svc.destinations) if (d.address === addr && d.forwardingMethod === 'tunnel') return d;
    }
    return undefined;
  }

  private connStats(cp: IpvsConn): void {
    cp.dest.stats.conns++;
    cp.service.stats.conns++;
  }

  /** Services in the order they were added (the kernel's hash order differs; -L sorts anyway). */
  servicesSnapshot(): IpvsServiceSnapshot[] {
    return [...this.services.values()].map((s) => s.snapshot());
  }

  /** The connection table as /proc/net/ip_vs_conn lists it. */
  connectionsSnapshot(): IpvsConnSnapshot[] {
    return this.conns.snapshot(this.host.now);
  }

  /** `ipvsadm -Z [service]`. */
  zero(key?: string): boolean {
    if (key !== undefined) {
      const s = this.services.get(key);
      if (!s) return false;
      s.zero();
      return true;
    }
    for (const s of this.services.values()) s.zero();
    return true;
  }
}
