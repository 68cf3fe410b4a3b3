import type { IcmpRepr } from '../../../wire/icmp.ts';
import { IpProtocol, ipv4Header } from '../../../wire/ipv4.ts';
import type { Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { Ipv4Packet } from '../../../wire/packet.ts';
import { TcpFlag, type TcpOption, type TcpRepr } from '../../../wire/tcp.ts';
import { Timer } from '../../engine.ts';
import type { LinuxHost } from '../host.ts';
import { ipDontFragment, isRouteError, routeAdvmss, routeMtu, socketPmtuDisc, type RouteDecision } from '../route.ts';
import type { PmtuDiscMode } from '../../model/config.ts';
import { doRedirect, type RedirectOutcome } from '../redirect.ts';
import { newSkb, type SkBuff } from '../skb.ts';
import { SocketDst } from './socket-dst.ts';

export type TcpState =
  | 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT1' | 'FIN_WAIT2' | 'CLOSE_WAIT'
  | 'CLOSING' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSED';

/** Errors a socket reports to its application (errno names). */
/** The segment an ICMP message quotes: its addresses, ports and sequence number. */
export interface QuotedTcp {
  readonly src: Ipv4Address;
  readonly dst: Ipv4Address;
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
}

export type TcpError = 'ECONNREFUSED' | 'ETIMEDOUT' | 'ECONNRESET' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'EPROTO';

export interface TcpCallbacks {
  onConnected?(sock: TcpSocket): void;
  onData?(sock: TcpSocket, data: Uint8Array): void;
  /** The peer sent FIN: reading returns end of file. */
  onPeerClosed?(sock: TcpSocket): void;
  /** The connection is gone: closed normally, or aborted with an error. */
  onClosed?(sock: TcpSocket, error: TcpError | undefined): void;
}

interface InFlight {
  readonly seq: number;
  readonly data: Uint8Array;
  readonly flags: number;
  sentAt: number;
  retransmitted: boolean;
}

/** Data that arrived beyond a hole, waiting in the out-of-order queue. */
interface OutOfOrderSegment {
  readonly seq: number;
  readonly data: Uint8Array;
  readonly fin: boolean;
}

/** The payload of segments without data (shared: Reprs are never mutated). */
const EMPTY = new Uint8Array(0);
/** What a socket the application has let go of calls back (nothing). */
const NO_CALLBACKS: TcpCallbacks = Object.freeze({});
/** The options of segments other than SYNs (shared likewise). */
const NO_OPTIONS: readonly TcpOption[] = [];

/** The options of a SYN announcing `mss`, one shared list per value (options are never modified). */
const mssOptions = new Map<number, readonly TcpOption[]>();
function mssOption(mss: number): readonly TcpOption[] {
  let options = mssOptions.get(mss);
  if (options === undefined) {
    options = [{ kind: 'mss', value: mss }];
    mssOptions.set(mss, options);
  }
  return options;
}

const seqLt = (a: number, b: number): boolean => ((a - b) | 0) < 0;
const seqLe = (a: number, b: number): boolean => ((a - b) | 0) <= 0;
const add = (a: number, n: number): number => (a + n) >>> 0;

/** TCP_TIMEOUT_INIT 1 s, TCP_RTO_MIN 200 ms, TCP_RTO_MAX 120 s, TCP_DELACK_MAX 200 ms, ATO min 40 ms. */
const RTO_INIT = 1_000_000;
const RTO_MIN = 200_000;
const RTO_MAX = 120_000_000;
const ATO = 40_000;
/** TCP_TIMEWAIT_LEN: 60 s. */
const TIME_WAIT_LEN = 60_000_000;
const WINDOW = 64240;

/** One TCP connection (a struct tcp_sock reduced to what an HTTP exchange needs). */
export class TcpSocket {
  state: TcpState;
  private iss: number;
  sndUna: number;
  sndNxt: number;
  rcvNxt = 0;
  /** mss_cache: the largest payload of a segment now (tcp_sync_mss). */
  private mss = 536;
  /** rx_opt.mss_clamp: the MSS the peer's SYN announced (TCP_MSS_DEFAULT, 536, until then or without one). */
  private mssClamp = 536;
  /** icsk_pmtu_cookie: the route MTU `mss` was computed for. */
  private pmtuCookie = 0;
  /** inet->pmtudisc: IP_PMTUDISC_WANT, or DONT when ip_no_pmtu_disc was set as the socket was made. */
  private readonly pmtuDisc: PmtuDiscMode;
  private readonly pendingData: Uint8Array[] = [];
  /** AF_INET6 when accepted by a dual-stack listener (see TcpListener.dualStack). */
  family: 'inet' | 'inet6' = 'inet';
  /** The program holding the socket (netstat -p); none once it has closed it. */
  program: string | undefined = undefined;
  private readonly inflight: InFlight[] = [];
  /** out_of_order_queue: data that arrived beyond a hole, by sequence number (made when first needed). */
  private outOfOrder: OutOfOrderSegment[] | undefined = undefined;
  private finQueued = false;
  private finSent = false;
  private ackPending = false;
  private pingpong = false;
  private lastRcvUs = 0;
  private rto = RTO_INIT;
  private srtt = 0;
  private rttvar = 0;
  private backoff = 0;
  /** icsk_retransmit_timer, icsk_delack_timer, and the FIN_WAIT2 / TIME_WAIT timer (tw_timer). */
  private readonly rtoTimer: Timer<TcpSocket>;
  private readonly delackTimer: Timer<TcpSocket>;
  private readonly otherTimer: Timer<TcpSocket>;
  /**
   * icsk_pending and ICSK_ACK_TIMER: whether the retransmission and delayed-ACK timers are meant
   * to fire. Clearing them leaves the timer queued, as inet_csk_clear_xmit_timer does (the kernel
   * builds without INET_CSK_CLEAR_TIMERS); the handler then finds nothing pending and returns.
   */
  private rtoArmed = false;
  private delackArmed = false;
  private confirmPending = false;
  private ipId: number;
  /** sk_dst_cache. */
  readonly dst: SocketDst;
  callbacks: TcpCallbacks;
  /** The next socket in this one's established-hash bucket (sk_nulls_node), kept by `Tcp`. */
  hashNext: InetSock | undefined;
  /** The compact socket that holds this connection's TIME_WAIT (inet_timewait_sock), once entered. */
  private tw: InetTimewaitSock | undefined = undefined;

  constructor(
    private readonly host: LinuxHost,
    readonly localAddr: Ipv4Address,
    readonly localPort: number,
    readonly remoteAddr: Ipv4Address,
    readonly remotePort: number,
    readonly flowId: number | undefined,
    callbacks: TcpCallbacks,
    state: TcpState,
  ) {
    this.state = state;
    this.iss = host.rng.nextU32();
    this.sndUna = this.iss;
    this.sndNxt = this.iss;
    this.ipId = host.rng.below(0x10000);
    this.pmtuDisc = socketPmtuDisc(host.sysctl.ipNoPmtuDisc);
    this.callbacks = callbacks;
    this.dst = new SocketDst(host, localAddr, remoteAddr);
    this.rtoTimer = new Timer(host.engine, onRetransmitTimer, this);
    this.delackTimer = new Timer(host.engine, onDelackTimer, this);
    this.otherTimer = new Timer(host.engine, onCloseTimer, this);
  }

  /** Active open: send SYN. */
  connect(): void {
    if (!this.routeOk()) return;
    this.sendSegment(TcpFlag.Syn, EMPTY, true);
  }

  /** Passive open from a listener: the SYN arrived; answer SYN-ACK. */
  acceptSyn(seg: TcpRepr): void {
    this.rcvNxt = add(seg.seq, 1);
    this.peerMss(seg);
    if (!this.routeOk()) return;
    this.sendSegment(TcpFlag.Syn | TcpFlag.Ack, EMPTY, true);
  }

  /** Queues data for sending. */
  send(data: Uint8Array): void {
    if (this.state !== 'ESTABLISHED' && this.state !== 'CLOSE_WAIT') return;
    // tcp_event_data_sent: data sent soon after receiving makes the connection interactive.
    if (this.host.now - this.lastRcvUs < ATO) this.pingpong = true;
    this.pendingData.push(data);
    this.pushPending();
  }

  /** Bytes sent and not yet acknowledged, and bytes queued to send (tx_queue of /proc/net/tcp). */
  unacknowledged(): number {
    let queued = 0;
    for (const chunk of this.pendingData) queued += chunk.length;
    return ((this.sndNxt - this.sndUna) >>> 0) + queued;
  }

  /** close(): FIN after the queued data. The process lets go: the socket is an orphan from now on. */
  close(): void {
    this.program = undefined;
    if (this.state === 'ESTABLISHED') this.state = 'FIN_WAIT1';
    else if (this.state === 'CLOSE_WAIT') this.state = 'LAST_ACK';
    else if (this.state === 'SYN_SENT' || this.state === 'SYN_RECV') {
      this.terminate(undefined);
      return;
    } else return;
    this.finQueued = true;
    this.pushPending();
  }

  /** Aborts with RST (SO_LINGER 0 or an application abort). */
  abort(): void {
    if (this.state !== 'CLOSED' && this.state !== 'TIME_WAIT' && this.state !== 'SYN_SENT') {
      this.sendRaw(TcpFlag.Rst | TcpFlag.Ack, this.sndNxt, this.rcvNxt, EMPTY, NO_OPTIONS);
    }
    this.terminate(undefined);
  }

  private routeOk(): boolean {
    const r = this.dst.get();
    if (isRouteError(r)) {
      this.terminate(r.error === 'ENETUNREACH' ? 'ENETUNREACH' : 'EHOSTUNREACH');
      return false;
    }
    // tcp_connect_init / tcp_v4_syn_recv_sock: tcp_sync_mss for the route's MTU.
    this.syncMss(routeMtu(r, this.host.now));
    return true;
  }

  /** tcp_parse_options: the peer's MSS option becomes mss_clamp (a zero one is ignored). */
  private peerMss(seg: TcpRepr): void {
    const opt = seg.options.find((o) => o.kind === 'mss');
    if (opt && opt.kind === 'mss' && opt.value !== 0) this.mssClamp = opt.value;
  }

  /**
   * tcp_sync_mss: the MSS for a route MTU of `pmtu` (tcp_mtu_to_mss): less the IP and TCP
   * headers, at most the peer's MSS, at least tcp_min_snd_mss (48).
   */
  private syncMss(pmtu: number): number {
    this.pmtuCookie = pmtu;
    this.mss = Math.max(Math.min(pmtu - 40, this.mssClamp), 48);
    return this.mss;
  }

  /** tcp_current_mss: the MSS again if the cached route's MTU changed since it was computed. */
  private currentMss(): number {
    const r = this.dst.last;
    if (r !== undefined) {
      const mtu = routeMtu(r, this.host.now);
      if (mtu !== this.pmtuCookie) return this.syncMss(mtu);
    }
    return this.mss;
  }

  /** Sends queued data in MSS-sized segments, then the FIN. */
  private pushPending(): void {
    if (this.state === 'SYN_SENT' || this.state === 'SYN_RECV') return;
    const mss = this.pendingData.length > 0 ? this.currentMss() : this.mss;
    while (this.pendingData.length > 0) {
      const chunk = this.pendingData[0]!;
      if (chunk.length <= mss) {
        this.pendingData.shift();
        const last = this.pendingData.length === 0;
        this.sendSegment(TcpFlag.Ack | (last ? TcpFlag.Psh : 0) | (last && this.finQueued && !this.finSent ? this.finFlag() : 0), chunk, true);
      } else {
        this.pendingData[0] = chunk.subarray(mss);
        this.sendSegment(TcpFlag.Ack, chunk.subarray(0, mss), true);
      }
    }
    if (this.finQueued && !this.finSent) this.sendSegment(TcpFlag.Fin | TcpFlag.Ack, EMPTY, true);
  }

  private finFlag(): number {
    this.finSent = true;
    return TcpFlag.Fin;
  }

  /** Sends a new segment at sndNxt and tracks it for retransmission. */
  private sendSegment(flags: number, data: Uint8Array, track: boolean): void {
    if (flags & TcpFlag.Fin) this.finSent = true;
    const seq = this.sndNxt;
    const len = data.length + (flags & TcpFlag.Syn ? 1 : 0) + (flags & TcpFlag.Fin ? 1 : 0);
    this.sndNxt = add(this.sndNxt, len);
    if (track && len > 0) {
      this.inflight.push({ seq, data, flags, sentAt: this.host.now, retransmitted: false });
      if (!this.rtoArmed) this.armRto();
    }
    const options = flags & TcpFlag.Syn ? this.synOptions() : NO_OPTIONS;
    this.sendRaw(flags, seq, flags & TcpFlag.Ack ? this.rcvNxt : 0, data, options);
  }

  /** The options of our SYN and SYN-ACK: the MSS the route lets us announce (dst_metric_advmss). */
  private synOptions(): readonly TcpOption[] {
    const route = this.dst.last;
    return mssOption(route ? routeAdvmss(route, this.host.now) : 1460);
  }

  /** Emits one segment through ip_queue_xmit. Every segment with ACK carries the pending ACK. */
  private sendRaw(flags: number, seq: number, ack: number, data: Uint8Array, options: readonly TcpOption[]): void {
    const host = this.host;
    if (flags & TcpFlag.Ack) {
      // tcp_event_ack_sent → inet_csk_clear_xmit_timer(ICSK_TIME_DACK).
      this.ackPending = false;
      this.delackArmed = false;
    }
    const route = this.dst.get();
    if (isRouteError(route)) return;
    const synAck = (flags & (TcpFlag.Syn | TcpFlag.Ack)) === (TcpFlag.Syn | TcpFlag.Ack);
    // ip_select_ident_segs: a connected socket counts its own IDs; the SYN-ACK, built from the
    // request socket with DF, carries ID 0.
    const ident = synAck ? 0 : (this.ipId = (this.ipId + 1) & 0xffff);
    const confirmNeigh = this.confirmPending;
    this.confirmPending = false;
    const df = ipDontFragment(this.pmtuDisc, route, host.now);
    ipQueueXmit(host, this, route, flags, seq, ack, data, options, ident, confirmNeigh, df);
  }

  /** inet_csk_reset_xmit_timer: every ACK of new data pushes the retransmission timer out. */
  private armRto(): void {
    this.rtoArmed = true;
    this.rtoTimer.modAfter(Math.min(this.rto << this.backoff, RTO_MAX));
  }

  /** tcp_retransmit_timer: resend the oldest unacknowledged segment with exponential backoff. */
  onRto(): void {
    // tcp_write_timer_handler: nothing to do once the timer was cleared.
    if (!this.rtoArmed) return;
    this.rtoArmed = false;
    const first = this.inflight[0];
    if (!first) return;
    const limit = this.state === 'SYN_SENT' ? this.host.sysctl.global('net.ipv4.tcp_syn_retries')
      : this.state === 'SYN_RECV' ? this.host.sysctl.global('net.ipv4.tcp_synack_retries')
        : this.host.sysctl.global('net.ipv4.tcp_retries2');
    if (this.backoff >= limit) {
      this.terminate('ETIMEDOUT');
      return;
    }
    this.backoff++;
    // tcp_retransmit_skb: a segment longer than the MSS now is cut first; its head goes.
    const mss = this.currentMss();
    if (first.data.length > mss) this.fragment(0, mss);
    const head = this.inflight[0]!;
    this.host.traceNote(this.flowId, 'tcp.retransmit', { seq: head.seq - this.iss, attempt: this.backoff });
    this.resend(head, head.flags & TcpFlag.Syn ? this.synOptions() : NO_OPTIONS);
    this.armRto();
  }

  /** RFC 6298 RTT estimate (tcp_rtt_estimator), from segments sent once. */
  private sampleRtt(us: number): void {
    if (this.srtt === 0) {
      this.srtt = us;
      this.rttvar = us / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - us);
      this.srtt = 0.875 * this.srtt + 0.125 * us;
    }
    this.rto = Math.max(RTO_MIN, Math.round(this.srtt + Math.max(4 * this.rttvar, RTO_MIN)));
  }

  /** tcp_rcv_state_process for one segment addressed to this socket. */
  receive(skb: SkBuff, seg: TcpRepr): void {
    const host = this.host;
    this.lastRcvUs = host.now;
    const flags = seg.flags;
    if (this.state === 'SYN_SENT') {
      this.receiveSynSent(seg);
      return;
    }
    if (this.state === 'CLOSED') return;
    const segLen = seg.payload.length + (flags & TcpFlag.Syn ? 1 : 0) + (flags & TcpFlag.Fin ? 1 : 0);
    if (flags & TcpFlag.Rst) {
      if (seg.seq === this.rcvNxt || (segLen === 0 && seqLe(this.rcvNxt, seg.seq) && seqLt(seg.seq, add(this.rcvNxt, WINDOW)))) {
        this.terminate(this.state === 'SYN_RECV' ? undefined : this.state === 'CLOSE_WAIT' || this.state === 'ESTABLISHED' || this.state.startsWith('FIN') ? 'ECONNRESET' : undefined);
      }
      return;
    }
    if (flags & TcpFlag.Syn) {
      // A SYN on a synchronised connection: a retransmitted SYN is answered with our SYN-ACK or an ACK.
      if (this.state === 'SYN_RECV' && add(seg.seq, 1) === this.rcvNxt) {
        const first = this.inflight[0];
        if (first) this.sendRaw(first.flags, first.seq, this.rcvNxt, first.data, mssOption(this.mss));
      } else {
        this.sendAck();
      }
      return;
    }
    if (seg.seq !== this.rcvNxt && segLen > 0) {
      // Data beyond a hole waits in the out-of-order queue after its ACK field is taken
      // (tcp_ack, then tcp_data_queue_ofo); out of order or duplicate, the receiver
      // acknowledges what it has at once (a duplicate ACK).
      if (flags & TcpFlag.Ack && seg.payload.length > 0 && seqLt(this.rcvNxt, seg.seq) && seqLt(seg.seq, add(this.rcvNxt, WINDOW)) && this.receivesData()) {
        this.processAck(seg.ack);
        if ((this.state as TcpState) === 'CLOSED') return;
        this.queueOutOfOrder(seg);
        if (host.tracing) host.traceSkb(skb, 'deliver', skb.inDev, 'tcp.ofo', { bytes: seg.payload.length, seq: (seg.seq - this.rcvNxt) >>> 0, port: this.localPort });
      }
      this.sendAck();
      return;
    }
    if (!(flags & TcpFlag.Ack)) return;
    this.processAck(seg.ack);
    if ((this.state as TcpState) === 'CLOSED') return;
    if (seg.payload.length > 0 && this.receivesData()) {
      this.rcvNxt = add(this.rcvNxt, seg.payload.length);
      if (host.tracing) host.traceSkb(skb, 'deliver', skb.inDev, 'deliver.tcp', { bytes: seg.payload.length, port: this.localPort });
      this.scheduleAck();
      this.callbacks.onData?.(this, seg.payload);
    }
    let fin = (flags & TcpFlag.Fin) !== 0 && add(seg.seq, seg.payload.length) === this.rcvNxt;
    const ofo = this.outOfOrder;
    if (!fin && ofo !== undefined && ofo.length > 0 && seg.payload.length > 0) {
      fin = this.drainOutOfOrder(ofo);
      // RFC 5681 4.2: the ACK goes at once when the gap in the queue is filled.
      if (ofo.length === 0 && !fin) this.sendAck();
    }
    if (fin) this.receiveFin();
    else if (this.ackPending && !this.pingpong) this.sendAck();
    host.tracer.forget(skb.id);
    if ((this.state as TcpState) === 'TIME_WAIT' && this.tw !== undefined && this.tw.sk === this) this.timeWaitHandover();
  }

  /** States in which arriving data is taken. */
  private receivesData(): boolean {
    return this.state === 'ESTABLISHED' || this.state === 'FIN_WAIT1' || this.state === 'FIN_WAIT2';
  }

  /** tcp_data_queue_ofo: keeps a segment that arrived beyond a hole, in sequence order, once. */
  private queueOutOfOrder(seg: TcpRepr): void {
    const q = (this.outOfOrder ??= []);
    let i = q.length;
    while (i > 0 && seqLt(seg.seq, q[i - 1]!.seq)) i--;
    if (i > 0 && q[i - 1]!.seq === seg.seq) return;
    q.splice(i, 0, { seq: seg.seq, data: seg.payload, fin: (seg.flags & TcpFlag.Fin) !== 0 });
  }

  /**
   * tcp_ofo_queue: the queued segments the hole was holding back now follow on and are taken in
   * order. Returns whether the last one taken carried FIN (which is then in order too).
   */
  private drainOutOfOrder(q: OutOfOrderSegment[]): boolean {
    while (q.length > 0 && !seqLt(this.rcvNxt, q[0]!.seq) && this.receivesData()) {
      const next = q.shift()!;
      const end = add(next.seq, next.data.length);
      if (seqLt(this.rcvNxt, end)) {
        const data = next.data.subarray((this.rcvNxt - next.seq) >>> 0);
        this.rcvNxt = end;
        this.callbacks.onData?.(this, data);
      }
      if (next.fin && end === this.rcvNxt) return true;
    }
    return false;
  }

  private receiveSynSent(seg: TcpRepr): void {
    const flags = seg.flags;
    const acceptable = (flags & TcpFlag.Ack) !== 0 && seg.ack === this.sndNxt;
    if (flags & TcpFlag.Ack && !acceptable) {
      if (!(flags & TcpFlag.Rst)) this.host.tcp.sendReset(this.remoteAddr, this.localAddr, seg, this.flowId);
      return;
    }
    if (flags & TcpFlag.Rst) {
      if (acceptable) this.terminate('ECONNREFUSED');
      return;
    }
    if (!(flags & TcpFlag.Syn) || !acceptable) return;
    this.rcvNxt = add(seg.seq, 1);
    this.peerMss(seg);
    this.syncMss(this.pmtuCookie);
    this.processAck(seg.ack);
    this.state = 'ESTABLISHED';
    if (this.host.tracing) this.host.traceNote(this.flowId, 'tcp.state', { state: 'ESTABLISHED', port: this.localPort });
    this.sendAck();
    this.callbacks.onConnected?.(this);
  }

  /** Handles an acknowledgement: frees sent data, RTT, state changes on our FIN. */
  private processAck(ack: number): void {
    if (!seqLt(this.sndUna, ack) || seqLt(this.sndNxt, ack)) return;
    const now = this.host.now;
    while (this.inflight.length > 0) {
      const s = this.inflight[0]!;
      const end = add(s.seq, s.data.length + (s.flags & TcpFlag.Syn ? 1 : 0) + (s.flags & TcpFlag.Fin ? 1 : 0));
      if (!seqLe(end, ack)) break;
      if (!s.retransmitted) this.sampleRtt(now - s.sentAt);
      this.inflight.shift();
    }
    this.sndUna = ack;
    this.backoff = 0;
    this.confirmPending = true;
    if (this.inflight.length === 0) {
      // tcp_rearm_rto with nothing in flight: inet_csk_clear_xmit_timer(ICSK_TIME_RETRANS).
      this.rtoArmed = false;
    } else {
      this.armRto();
    }
    const finAcked = this.finSent && ack === this.sndNxt;
    switch (this.state) {
      case 'SYN_RECV':
        this.state = 'ESTABLISHED';
        if (this.host.tracing) this.host.traceNote(this.flowId, 'tcp.state', { state: 'ESTABLISHED', port: this.localPort });
        this.callbacks.onConnected?.(this);
        this.pushPending();
        break;
      case 'FIN_WAIT1':
        if (finAcked) {
          this.state = 'FIN_WAIT2';
          this.otherTimer.modAfter(this.host.sysctl.global('net.ipv4.tcp_fin_timeout') * 1_000_000);
        }
        break;
      case 'CLOSING':
        if (finAcked) this.enterTimeWait();
        break;
      case 'LAST_ACK':
        if (finAcked) this.terminate(undefined);
        break;
      default:
        break;
    }
  }

  /** tcp_fin. */
  private receiveFin(): void {
    this.rcvNxt = add(this.rcvNxt, 1);
    switch (this.state) {
      case 'SYN_RECV':
      case 'ESTABLISHED':
        this.state = 'CLOSE_WAIT';
        // inet_csk_enter_pingpong_mode: the ACK of the FIN is delayed, so a prompt close() sends FIN+ACK.
        this.pingpong = true;
        this.scheduleAck();
        this.callbacks.onPeerClosed?.(this);
        if (this.ackPending) this.armDelack();
        break;
      case 'FIN_WAIT1':
        this.sendAck();
        this.state = 'CLOSING';
        break;
      case 'FIN_WAIT2':
        this.sendAck();
        this.enterTimeWait();
        break;
      default:
        this.sendAck();
    }
  }

  private enterTimeWait(): void {
    this.state = 'TIME_WAIT';
    this.rtoArmed = false;
    this.rtoTimer.del();
    // The tw timer now belongs to the compact socket (armed here, as the kernel arms tw_timer in
    // tcp_time_wait); `timeWaitHandover` moves the connection there once this segment is done.
    this.otherTimer.del();
    this.tw = new InetTimewaitSock(this.host, this);
    this.tw.modAfter(TIME_WAIT_LEN);
    this.callbacks.onClosed?.(this, undefined);
    this.callbacks = NO_CALLBACKS;
  }

  /**
   * tcp_time_wait, second half: after the segment that brought TIME_WAIT, the compact socket
   * takes the connection's place in the hash with what it still needs. Only when nothing else is
   * left to do (all data acknowledged, no ACK owed); otherwise this socket keeps the TIME_WAIT.
   */
  private timeWaitHandover(): void {
    const tw = this.tw!;
    if (this.sndUna !== this.sndNxt || this.ackPending || this.delackArmed || this.rtoArmed) return;
    tw.sndNxt = this.sndNxt;
    tw.rcvNxt = this.rcvNxt;
    tw.ipId = this.ipId;
    tw.confirmPending = this.confirmPending;
    tw.sk = undefined;
    this.host.tcp.hashTimewait(this, tw);
    // The full socket goes (tcp_done → tcp_clear_xmit_timers): its cleared timers leave the queue.
    this.rtoTimer.del();
    this.delackTimer.del();
  }

  /** __tcp_ack_snd_check: ACK now in quickack mode, later in pingpong mode. */
  private scheduleAck(): void {
    this.ackPending = true;
    if (this.pingpong) this.armDelack();
  }

  private armDelack(): void {
    if (this.delackArmed) return;
    this.delackArmed = true;
    this.delackTimer.modAfter(ATO);
  }

  /** tcp_delack_timer_handler: the delayed ACK goes out unless a segment carried it meanwhile. */
  onDelack(): void {
    if (!this.delackArmed) return;
    this.delackArmed = false;
    if (this.ackPending) this.sendAck();
  }

  private sendAck(): void {
    if (this.state === 'CLOSED') return;
    this.sendRaw(TcpFlag.Ack, this.sndNxt, this.rcvNxt, EMPTY, NO_OPTIONS);
  }

  /**
   * tcp_v4_err for a redirect: not while the connection is still a request (SYN_RECV,
   * tcp_req_err) or closed, only for a segment not yet acknowledged (between snd_una and
   * snd_nxt), then do_redirect through the cached route if it is still valid.
   */
  redirect(skb: SkBuff, icmp: Extract<IcmpRepr, { type: 'redirect' }>, quoted: QuotedTcp): RedirectOutcome {
    if (this.state === 'SYN_RECV') return { kind: 'ignored', why: 'the connection is still a request socket (SYN_RECV)' };
    if (this.state === 'CLOSED' || this.state === 'TIME_WAIT') return { kind: 'ignored', why: `the connection is ${this.state}` };
    if (!(seqLe(this.sndUna, quoted.seq) && seqLe(quoted.seq, this.sndNxt))) {
      return { kind: 'ignored', why: 'the quoted segment is outside the unacknowledged window (OutOfWindowIcmps)' };
    }
    const rt = this.dst.check();
    if (rt === undefined) return { kind: 'ignored', why: 'the connection has no valid cached route' };
    return doRedirect(this.host, rt, skb, icmp, quoted);
  }

  /** An ICMP error about this connection (tcp_v4_err): fatal while connecting. */
  icmpError(error: TcpError): void {
    if (this.state === 'SYN_SENT' || this.state === 'SYN_RECV') this.terminate(error);
  }

  /**
   * tcp_v4_err for "fragmentation needed, mtu `mtu`" (RFC 1191), then tcp_v4_mtu_reduced: not
   * for a request socket (SYN_RECV, tcp_req_err) and only about a segment not yet acknowledged.
   * The route to the peer learns the path MTU (inet_csk_update_pmtu); if the route's MTU is now
   * below the one the MSS was computed for, the MSS shrinks (tcp_sync_mss) and the segments in
   * flight that no longer fit are sent again at once (tcp_simple_retransmit).
   */
  mtuReduced(mtu: number, quoted: QuotedTcp): void {
    if (this.state === 'SYN_RECV' || this.state === 'CLOSED') return;
    if (!(seqLe(this.sndUna, quoted.seq) && seqLe(quoted.seq, this.sndNxt))) return;
    const host = this.host;
    host.router.updatePmtu(this.remoteAddr, this.localAddr, mtu);
    const route = this.dst.get();
    if (isRouteError(route)) return;
    const pmtu = routeMtu(route, host.now);
    if (this.pmtuDisc === 'dont' || this.pmtuCookie <= pmtu) return;
    const before = this.mss;
    const mss = this.syncMss(pmtu);
    const resent = this.simpleRetransmit(mss);
    host.traceNote(this.flowId, 'tcp.mtu_reduced', { mtu: pmtu, mss, before, resent, port: this.localPort });
  }

  /**
   * tcp_simple_retransmit: every segment in flight with more data than `mss` was lost; each is
   * cut to the MSS (tcp_fragment: FIN and PSH stay on the last piece) and the pieces are sent
   * again at once (tcp_xmit_retransmit_queue). Returns how many were sent.
   */
  private simpleRetransmit(mss: number): number {
    const inflight = this.inflight;
    let resent = 0;
    for (let i = 0; i < inflight.length; i++) {
      if (inflight[i]!.data.length <= mss) continue;
      const pieces = this.fragment(i, mss);
      for (let k = i; k < i + pieces; k++) this.resend(inflight[k]!, NO_OPTIONS);
      i += pieces - 1;
      resent += pieces;
    }
    if (resent > 0) this.armRto();
    return resent;
  }

  /** tcp_retransmit_skb: a segment in flight goes again, with the ACK of now. */
  private resend(p: InFlight, options: readonly TcpOption[]): void {
    p.retransmitted = true;
    p.sentAt = this.host.now;
    this.sendRaw(p.flags, p.seq, p.flags & TcpFlag.Ack ? this.rcvNxt : 0, p.data, options);
  }

  /**
   * tcp_fragment: the segment in flight at `i` is cut into pieces of at most `mss` bytes of
   * data; FIN and PSH stay on the last piece. Returns how many pieces it became.
   */
  private fragment(i: number, mss: number): number {
    const s = this.inflight[i]!;
    const pieces: InFlight[] = [];
    for (let off = 0; off < s.data.length; off += mss) {
      const last = off + mss >= s.data.length;
      pieces.push({ seq: add(s.seq, off), data: s.data.subarray(off, off + mss), flags: last ? s.flags : s.flags & ~(TcpFlag.Fin | TcpFlag.Psh), sentAt: s.sentAt, retransmitted: s.retransmitted });
    }
    this.inflight.splice(i, 1, ...pieces);
    return pieces.length;
  }

  /** Frees the socket and tells the application. */
  terminate(error: TcpError | undefined): void {
    if (this.state === 'CLOSED') return;
    const wasTimeWait = this.state === 'TIME_WAIT';
    this.state = 'CLOSED';
    // inet_csk_clear_xmit_timers: a socket that goes stops its timers for good.
    this.rtoArmed = false;
    this.delackArmed = false;
    this.rtoTimer.del();
    this.delackTimer.del();
    this.otherTimer.del();
    this.host.tcp.unregister(this);
    if (this.tw !== undefined) this.tw.terminate();
    if (!wasTimeWait) this.callbacks.onClosed?.(this, error);
    this.callbacks = NO_CALLBACKS;
  }
}

const onRetransmitTimer = (sock: TcpSocket): void => sock.onRto();
const onDelackTimer = (sock: TcpSocket): void => sock.onDelack();
/** The FIN_WAIT2 timeout (tcp_fin_timeout) and the end of TIME_WAIT both free the socket. */
const onCloseTimer = (sock: TcpSocket): void => sock.terminate(undefined);

/** A connection in the established hash: a full socket or one in TIME_WAIT. */
export type InetSock = TcpSocket | InetTimewaitSock;

/**
 * A connection in TIME_WAIT (struct inet_timewait_sock, tcp_time_wait): the 4-tuple, the
 * sequence numbers for the ACK it sends again, and the tw timer (this object) that frees it.
 * It answers segments as tcp_rcv_state_process answers them in TIME_WAIT.
 */
export class InetTimewaitSock extends Timer<InetTimewaitSock> {
  state: 'TIME_WAIT' | 'CLOSED' = 'TIME_WAIT';
  readonly family: 'inet' | 'inet6';
  /** No process holds a TIME_WAIT socket. */
  get program(): undefined {
    return undefined;
  }
  /** Nothing is left to send in TIME_WAIT. */
  unacknowledged(): number {
    return 0;
  }
  readonly localAddr: Ipv4Address;
  readonly localPort: number;
  readonly remoteAddr: Ipv4Address;
  readonly remotePort: number;
  readonly flowId: number | undefined;
  sndNxt: number;
  rcvNxt: number;
  ipId = 0;
  confirmPending = false;
  hashNext: InetSock | undefined = undefined;
  /** The full socket, until this one takes its place (then it is freed). */
  sk: TcpSocket | undefined;

  constructor(private readonly host: LinuxHost, sk: TcpSocket) {
    super(host.engine, onTimewaitTimer, undefined as unknown as InetTimewaitSock);
    this.arg = this;
    this.family = sk.family;
    this.localAddr = sk.localAddr;
    this.localPort = sk.localPort;
    this.remoteAddr = sk.remoteAddr;
    this.remotePort = sk.remotePort;
    this.flowId = sk.flowId;
    this.sndNxt = sk.sndNxt;
    this.rcvNxt = sk.rcvNxt;
    this.sk = sk;
  }

  /** tcp_timewait_state_process: what TcpSocket.receive does for a segment in TIME_WAIT. */
  receive(skb: SkBuff, seg: TcpRepr): void {
    const flags = seg.flags;
    if (this.state === 'CLOSED') return;
    const segLen = seg.payload.length + (flags & TcpFlag.Syn ? 1 : 0) + (flags & TcpFlag.Fin ? 1 : 0);
    if (flags & TcpFlag.Rst) {
      if (seg.seq === this.rcvNxt || (segLen === 0 && seqLe(this.rcvNxt, seg.seq) && seqLt(seg.seq, add(this.rcvNxt, WINDOW)))) this.terminate();
      return;
    }
    if (flags & TcpFlag.Syn || (seg.seq !== this.rcvNxt && segLen > 0)) {
      this.sendAck();
      return;
    }
    if (!(flags & TcpFlag.Ack)) return;
    // Everything we sent is acknowledged: the ACK number changes nothing.
    if (flags & TcpFlag.Fin && add(seg.seq, seg.payload.length) === this.rcvNxt) {
      this.rcvNxt = add(this.rcvNxt, 1);
      this.sendAck();
    }
    this.host.tracer.forget(skb.id);
  }

  /**
   * tcp_v4_timewait_ack: the ACK goes out through the control socket (ip_send_unicast_reply),
   * which routes it afresh: a compact socket keeps no route of its own.
   */
  private sendAck(): void {
    const host = this.host;
    const route = host.router.output(this.remoteAddr, this.localAddr, undefined);
    if (isRouteError(route)) return;
    const ident = (this.ipId = (this.ipId + 1) & 0xffff);
    const confirmNeigh = this.confirmPending;
    this.confirmPending = false;
    // The ACK goes out through the control socket, IP_PMTUDISC_DO: always DF.
    ipQueueXmit(host, this, route, TcpFlag.Ack, this.sndNxt, this.rcvNxt, EMPTY, NO_OPTIONS, ident, confirmNeigh, true);
  }

  /** An ICMP error changes nothing in TIME_WAIT. */
  icmpError(_error: TcpError): void {}

  /** Nor does "fragmentation needed". */
  mtuReduced(): void {}

  /** tcp_v4_err leaves TIME_WAIT alone, redirects included. */
  redirect(): RedirectOutcome {
    return { kind: 'ignored', why: 'the connection is in TIME_WAIT' };
  }

  /** inet_twsk_kill: the end of TIME_WAIT (or an RST) frees the connection. */
  terminate(): void {
    if (this.state === 'CLOSED') return;
    this.state = 'CLOSED';
    this.del();
    this.host.tcp.unregister(this);
    // Still waiting to take over: the full socket holds the TIME_WAIT and ends with it.
    this.sk?.terminate(undefined);
  }
}

const onTimewaitTimer = (tw: InetTimewaitSock): void => tw.terminate();

/** ip_queue_xmit of one segment from the connection `sk`, through `route`. */
function ipQueueXmit(
  host: LinuxHost, sk: InetSock, route: RouteDecision, flags: number, seq: number, ack: number,
  data: Uint8Array, options: readonly TcpOption[], ident: number, confirmNeigh: boolean, df: boolean,
): void {
  const tcp: TcpRepr = {
    srcPort: sk.localPort, dstPort: sk.remotePort, seq, ack, flags, window: WINDOW, urgentPointer: 0, options, payload: data,
  };
  const packet: Ipv4Packet = {
    ip: ipv4Header({
      src: sk.localAddr, dst: sk.remoteAddr, protocol: IpProtocol.Tcp, ttl: host.sysctl.ipDefaultTtl,
      dscp: 0, ecn: 0, ident, dontFragment: df, moreFragments: false, fragmentOffset: 0,
    }),
    body: { kind: 'tcp', tcp },
  };
  const skb: SkBuff = newSkb(packet, host.ctx.nextPacketId(), sk.flowId);
  skb.route = route;
  skb.confirmNeigh = confirmNeigh;
  host.ip.localOut(skb);
}
