import { formatIpv4Address, type Ipv4Address } from '../../wire/ipv4-address.ts';
import type { Engine } from '../engine.ts';
import type { ForwardingMethod } from '../model/config.ts';
import type { IpvsConnSnapshot } from '../model/snapshot.ts';
import type { IpvsDest } from './dest.ts';
import type { IpvsService } from './service.ts';
import { isActiveTcpState, IPVS_TCP, nextTcpState, TCP_STATE_NAMES, type StateTable } from './tcp-states.ts';

/** IPPROTO numbers of connection entries; templates of fwmark services use IPPROTO_IP (0). */
export type ConnProtocol = 0 | 6 | 17;

/** A connection entry or a persistence template (struct ip_vs_conn). */
export class IpvsConn {
  /** TCP state index, or 0 for UDP and templates (NONE). */
  state: number = IPVS_TCP.NONE;
  /** Template state shown by -Lnc: NONE or ASSURED. */
  assured = false;
  /** IP_VS_CONN_F_INACTIVE: not counted in ActiveConn. */
  inactive = true;
  /** IP_VS_CONN_F_NOOUTPUT: DR/TUN, until a server→client packet is ever seen. */
  noOutput: boolean;
  timeoutUs: number;
  expiresAt: number;
  /** The template that controls this connection (persistence). */
  control: IpvsConn | null = null;
  nControl = 0;
  /** IP_VS_CONN_F_NFCT (sysctl conntrack=1 when created): packets keep their conntrack entries. */
  nfct = false;
  unlinked = false;
  timerArmedFor = -1;
  /** The next entries in this one's chains of the in and out hash tables. */
  inNext: IpvsConn | undefined;
  outNext: IpvsConn | undefined;

  constructor(
    readonly protocol: ConnProtocol,
    readonly caddr: Ipv4Address,
    /** cport, vport and dport change only when ip_vs_check_template invalidates a template. */
    public cport: number,
    readonly vaddr: Ipv4Address,
    public vport: number,
    readonly daddr: Ipv4Address,
    public dport: number,
    readonly dest: IpvsDest,
    readonly service: IpvsService,
    readonly template: boolean,
    readonly forwardingMethod: ForwardingMethod,
    readonly fwmarkTemplate: boolean,
    now: number,
  ) {
    this.noOutput = forwardingMethod !== 'masq';
    // ip_vs_conn_new: state NONE with a 3 s timeout until the first transition.
    this.timeoutUs = 3_000_000;
    this.expiresAt = now + this.timeoutUs;
  }

  /** State name as /proc/net/ip_vs_conn prints it. */
  get stateName(): string {
    if (this.template) return this.assured ? 'ASSURED' : 'NONE';
    if (this.protocol === 17) return 'UDP';
    return TCP_STATE_NAMES[this.state] ?? 'NONE';
  }
}

/**
 * ip_vs_conn_hashkey: the bucket of a <protocol, address, port, address, port> tuple, as a 30-bit
 * integer: a small integer (Smi) even in Chromium's pointer-compressed heap, where a Map key
 * beyond ±2^30 is a boxed number.
 */
function connHashkey(protocol: number, addr1: number, port1: number, addr2: number, port2: number): number {
  let h = Math.imul(addr1 ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ addr2, 0xc2b2ae35);
  return (h ^ (h >>> 16) ^ ((port1 << 16) | port2) ^ (protocol << 8)) & 0x3fffffff;
}

/**
 * One of the connection table's hash tables (ip_vs_conn_tab): chains of entries whose tuples
 * hash alike, linked through the entries themselves (`inNext` / `outNext`, like c_list). A tuple
 * appears at most once: hashing an entry with the tuple of another replaces that one.
 */
class ConnHash {
  private readonly chains = new Map<number, IpvsConn>();

  /**
   * `in`: <proto, caddr, cport, vaddr, vport>, what a client → VIP packet carries.
   * `out`: <proto, daddr, dport, caddr, cport>, what a NAT reply carries.
   */
  constructor(private readonly side: 'in' | 'out') {}

  /** The entry hashed under exactly this tuple. */
  get(protocol: number, addr1: number, port1: number, addr2: number, port2: number): IpvsConn | undefined {
    let c = this.chains.get(connHashkey(protocol, addr1, port1, addr2, port2));
    while (c !== undefined && !this.matches(c, protocol, addr1, port1, addr2, port2)) c = this.next(c);
    return c;
  }

  /** Hashes `c`, replacing an entry with the same tuple. */
  add(c: IpvsConn): void {
    const h = this.hashOf(c);
    const same = this.side === 'in' ? this.get(c.protocol, c.caddr, c.cport, c.vaddr, c.vport) : this.get(c.protocol, c.daddr, c.dport, c.caddr, c.cport);
    if (same) this.remove(same);
    this.setNext(c, this.chains.get(h));
    this.chains.set(h, c);
  }

  /** Unhashes `c` if it is hashed. */
  remove(c: IpvsConn): void {
    const h = this.hashOf(c);
    let prev = this.chains.get(h);
    if (prev === c) {
      const next = this.next(c);
      if (next) this.chains.set(h, next);
      else this.chains.delete(h);
    } else {
      while (prev !== undefined && this.next(prev) !== c) prev = this.next(prev);
      if (prev === undefined) return;
      this.setNext(prev, this.next(c));
    }
    this.setNext(c, undefined);
  }

  private hashOf(c: IpvsConn): number {
    return this.side === 'in' ? connHashkey(c.protocol, c.caddr, c.cport, c.vaddr, c.vport) : connHashkey(c.protocol, c.daddr, c.dport, c.caddr, c.cport);
  }

  private next(c: IpvsConn): IpvsConn | undefined {
    return this.side === 'in' ? c.inNext : c.outNext;
  }

  private setNext(c: IpvsConn, next: IpvsConn | undefined): void {
    if (this.side === 'in') c.inNext = next;
    else c.outNext = next;
  }

  private matches(c: IpvsConn, protocol: number, addr1: number, port1: number, addr2: number, port2: number): boolean {
    if (c.protocol !== protocol) return false;
    return this.side === 'in'
      ? c.caddr === addr1 && c.cport === port1 && c.vaddr === addr2 && c.vport === port2
      : c.daddr === addr1 && c.dport === port1 && c.caddr === addr2 && c.cport === port2;
  }
}

/**
 * The connection table: lookups in both directions, state transitions with ActiveConn/InActConn
 * counting, timers in virtual time (re-armed by every packet, ip_vs_conn_put), and expiry with
 * the template rules (a template that still controls connections is re-armed for 60 s).
 */
export class ConnTable {
  private readonly inTable = new ConnHash('in');
  private readonly outTable = new ConnHash('out');
  /** Every live entry in creation order (what /proc/net/ip_vs_conn lists). */
  private readonly all = new Set<IpvsConn>();

  constructor(private readonly engine: Engine, private readonly onExpire: (c: IpvsConn) => void) {}

  get size(): number {
    return this.all.size;
  }

  /** ip_vs_conn_in_get: the entry of a client → VIP packet <proto, caddr, cport, vaddr, vport>. */
  inGet(protocol: ConnProtocol, caddr: number, cport: number, vaddr: number, vport: number): IpvsConn | undefined {
    return this.inTable.get(protocol, caddr, cport, vaddr, vport);
  }

  /**
   * ip_vs_check_template's invalidation: the template is rehashed with vport and dport 65535 and
   * cport 0, so no packet finds it any more; it stays listed (`ipvsadm -Lnc`) until its timer.
   */
  invalidateTemplate(t: IpvsConn): void {
    if (t.vport === 0xffff) return;
    this.inTable.remove(t);
    t.dport = 0xffff;
    t.vport = 0xffff;
    t.cport = 0;
    this.inTable.add(t);
  }

  /** ip_vs_conn_out_get: a reply from the real server to the client. */
  outGet(protocol: ConnProtocol, saddr: number, sport: number, daddr: number, dport: number): IpvsConn | undefined {
    return this.outTable.get(protocol, saddr, sport, daddr, dport);
  }

  /** ip_vs_conn_new + ip_vs_bind_dest: hashes the entry and counts it on its server. */
  add(c: IpvsConn): void {
    this.inTable.add(c);
    if (!c.template) this.outTable.add(c);
    this.all.add(c);
    c.dest.bind(c.template);
    this.arm(c);
  }

  /** ip_vs_control_add: `c` is controlled by template `t`. */
  control(c: IpvsConn, t: IpvsConn): void {
    c.control = t;
    t.nControl++;
  }

  /**
   * set_tcp_state: the transition for a segment seen in `direction`, with the ActiveConn and
   * InActConn bookkeeping, and the new state's timeout. Returns the state before.
   */
  tcpTransition(c: IpvsConn, direction: 'INPUT' | 'OUTPUT', flags: number, timeouts: readonly number[], dos: boolean): number {
    let table: StateTable = direction;
    if (c.noOutput) {
      if (direction === 'OUTPUT') c.noOutput = false;
      else table = 'INPUT_ONLY';
    }
    const from = c.state;
    const next = nextTcpState(table, flags, c.state, dos);
    if (next !== c.state) {
      const dest = c.dest;
      if (!c.inactive && !isActiveTcpState(next)) {
        dest.activeConns--;
        c.inactive = true;
      } else if (c.inactive && isActiveTcpState(next)) {
        dest.activeConns++;
        c.inactive = false;
      }
      if (next === IPVS_TCP.ESTABLISHED && c.control) c.control.assured = true;
    }
    c.state = next;
    c.timeoutUs = timeouts[next]!;
    return from;
  }

  /** ip_vs_conn_put: re-arms the entry's timer with its current timeout. */
  touch(c: IpvsConn): void {
    c.expiresAt = this.engine.now + c.timeoutUs;
    this.arm(c);
  }

  /** ip_vs_conn_expire_now. */
  expireNow(c: IpvsConn): void {
    c.expiresAt = this.engine.now;
    this.expire(c);
  }

  /** One engine event per entry, moved lazily: a packet only pushes `expiresAt` later. */
  private arm(c: IpvsConn): void {
    if (c.timerArmedFor !== -1 && c.timerArmedFor <= c.expiresAt) return;
    c.timerArmedFor = c.expiresAt;
    this.engine.post(c.expiresAt, this.onTimer, c);
  }

  /** The entry's timer fired: expire it, or wait on if packets pushed its expiry later. */
  private readonly onTimer = (c: IpvsConn): void => {
    c.timerArmedFor = -1;
    if (c.unlinked) return;
    if (this.engine.now < c.expiresAt) this.arm(c);
    else this.expire(c);
  };

  /** ip_vs_conn_expire. */
  private expire(c: IpvsConn): void {
    if (c.unlinked) return;
    if (c.nControl > 0) {
      // "expire_later": a template still controlling connections lives on, 60 s at a time.
      c.timeoutUs = 60_000_000;
      this.touch(c);
      return;
    }
    c.unlinked = true;
    this.inTable.remove(c);
    if (!c.template) this.outTable.remove(c);
    this.all.delete(c);
    if (c.control) {
      c.control.nControl--;
      c.control = null;
    }
    c.dest.unbind(c.template, !c.inactive);
    this.onExpire(c);
  }

  /** Live entries in creation order. */
  entries(): IpvsConn[] {
    return [...this.all];
  }

  /** Entries of one service (for deleting a service or a server). */
  ofService(svc: IpvsService): IpvsConn[] {
    return [...this.all].filter((c) => c.service === svc);
  }

  snapshot(now: number): IpvsConnSnapshot[] {
    return this.entries().map((c) => ({
      protocol: c.protocol === 6 ? 'TCP' : c.protocol === 17 ? 'UDP' : 'IP',
      clientAddress: formatIpv4Address(c.caddr), clientPort: c.cport,
      virtualAddress: formatIpv4Address(c.vaddr), virtualPort: c.vport,
      destAddress: formatIpv4Address(c.daddr), destPort: c.dport,
      state: c.stateName, expiresInUs: Math.max(0, c.expiresAt - now), template: c.template,
      forwardingMethod: c.forwardingMethod,
    }));
  }
}
