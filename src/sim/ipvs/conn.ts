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
  /** A template invalidated by ip_vs_check_template no longer matches lookups. */
  invalid = false;
  unlinked = false;
  timerArmedFor = -1;

  constructor(
    readonly protocol: ConnProtocol,
    readonly caddr: Ipv4Address,
    readonly cport: number,
    readonly vaddr: Ipv4Address,
    readonly vport: number,
    readonly daddr: Ipv4Address,
    readonly dport: number,
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

  /** Key of the inbound lookup: <proto, caddr, cport, vaddr, vport>. */
  get inKey(): string {
    return `${this.protocol}|${this.caddr}|${this.cport}|${this.vaddr}|${this.vport}`;
  }

  /** Key of the outbound (NAT reply) lookup: <proto, daddr, dport, caddr, cport>. */
  get outKey(): string {
    return `${this.protocol}|${this.daddr}|${this.dport}|${this.caddr}|${this.cport}`;
  }

  /** State name as /proc/net/ip_vs_conn prints it. */
  get stateName(): string {
    if (this.template) return this.assured ? 'ASSURED' : 'NONE';
    if (this.protocol === 17) return 'UDP';
    return TCP_STATE_NAMES[this.state] ?? 'NONE';
  }
}

export const inKeyOf = (protocol: ConnProtocol, caddr: number, cport: number, vaddr: number, vport: number): string =>
  `${protocol}|${caddr}|${cport}|${vaddr}|${vport}`;

/**
 * The connection table: lookups in both directions, state transitions with ActiveConn/InActConn
 * counting, timers in virtual time (re-armed by every packet, ip_vs_conn_put), and expiry with
 * the template rules (a template that still controls connections is re-armed for 60 s).
 */
export class ConnTable {
  private readonly inTable = new Map<string, IpvsConn>();
  private readonly outTable = new Map<string, IpvsConn>();
  /** Every live entry in creation order (what /proc/net/ip_vs_conn lists). */
  private readonly all = new Set<IpvsConn>();

  constructor(private readonly engine: Engine, private readonly onExpire: (c: IpvsConn) => void) {}

  get size(): number {
    return this.all.size;
  }

  /** ip_vs_conn_in_get. */
  inGet(key: string): IpvsConn | undefined {
    const c = this.inTable.get(key);
    return c && !c.invalid ? c : undefined;
  }

  /** ip_vs_conn_out_get: a reply from the real server to the client. */
  outGet(protocol: ConnProtocol, saddr: number, sport: number, daddr: number, dport: number): IpvsConn | undefined {
    return this.outTable.get(`${protocol}|${saddr}|${sport}|${daddr}|${dport}`);
  }

  /** ip_vs_conn_new + ip_vs_bind_dest: hashes the entry and counts it on its server. */
  add(c: IpvsConn): void {
    this.inTable.set(c.inKey, c);
    if (!c.template) this.outTable.set(c.outKey, c);
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
   * InActConn bookkeeping, and the new state's timeout.
   */
  tcpTransition(c: IpvsConn, direction: 'INPUT' | 'OUTPUT', flags: number, timeouts: readonly number[]): { from: string; to: string } {
    let table: StateTable = direction;
    if (c.noOutput) {
      if (direction === 'OUTPUT') c.noOutput = false;
      else table = 'INPUT_ONLY';
    }
    const from = c.state;
    const next = nextTcpState(table, flags, c.state);
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
    return { from: TCP_STATE_NAMES[from]!, to: TCP_STATE_NAMES[next]! };
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
    this.engine.scheduleAt(c.expiresAt, () => {
      c.timerArmedFor = -1;
      if (c.unlinked) return;
      if (this.engine.now < c.expiresAt) this.arm(c);
      else this.expire(c);
    });
  }

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
    if (this.inTable.get(c.inKey) === c) this.inTable.delete(c.inKey);
    if (!c.template && this.outTable.get(c.outKey) === c) this.outTable.delete(c.outKey);
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
