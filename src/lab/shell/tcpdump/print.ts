import { formatIpv4Address } from '../../../wire/ipv4-address.ts';
import { formatTcpFlags, TcpFlag } from '../../../wire/tcp.ts';
import { formatTcpOptions } from '../../../wire/tcp-options.ts';
import type { Frame, Ipv4Packet } from '../../../wire/packet.ts';
import { ipv4BodyLength, ipv4PacketLength } from '../../../wire/packet.ts';
import { IpProtocol } from '../../../wire/ipv4.ts';

/**
 * tcpdump 4.9's one-line decodes (print-ether.c, print-arp.c, print-ip.c, print-tcp.c,
 * print-udp.c, print-icmp.c) for the frames the lab carries, without -v.
 */

/** The time of day tcpdump prints (`HH:MM:SS.uuuuuu`); the lab's clock starts at 00:00:00.000000. */
export function tcpdumpTime(us: number): string {
  const total = Math.floor(us);
  const s = Math.floor(total / 1_000_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600) % 24)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${String(total % 1_000_000).padStart(6, '0')}`;
}

/** /etc/services names tcpdump shows for well-known ports unless -nn is given. */
const SERVICES: Readonly<Record<number, string>> = {
  20: 'ftp-data', 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 67: 'bootps', 68: 'bootpc', 69: 'tftp',
  80: 'http', 110: 'pop3', 111: 'sunrpc', 123: 'ntp', 143: 'imap', 161: 'snmp', 443: 'https', 514: 'syslog', 873: 'rsync',
  2049: 'nfs', 3306: 'mysql', 8080: 'http-alt',
};

/** How addresses and ports are shown: `-n` keeps addresses numeric, `-nn` ports too; -S prints absolute sequence numbers. */
export interface PrintOptions {
  readonly numericPorts: boolean;
  readonly linkHeader: boolean;
  readonly absoluteSeq: boolean;
}

const HTTP_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH'];

/** The decoder of one capture: keeps the per-connection state tcpdump uses for relative sequence numbers. */
export class TcpdumpPrinter {
  /** tcp_seq_hash: conversation → the sequence and acknowledgement bases. */
  private readonly seqs = new Map<string, { seq: number; ack: number }>();

  constructor(private readonly opts: PrintOptions) {}

  private port(p: number): string {
    return !this.opts.numericPorts && SERVICES[p] !== undefined ? SERVICES[p] : String(p);
  }

  /** One capture line without the timestamp. `outgoing` frames are seen before the NIC pads them. */
  decode(frame: Frame, outgoing: boolean): string {
    const payload = frame.body.kind === 'arp' ? 28 : frame.body.kind === 'ipv4' ? ipv4PacketLength(frame.body.packet) : frame.body.bytes.length;
    const length = outgoing ? 14 + payload : Math.max(60, 14 + payload);
    let body: string;
    let ethertype: string;
    switch (frame.body.kind) {
      case 'arp': {
        const a = frame.body.arp;
        const arpLen = length - 14;
        const targetMac = a.targetMac !== '00:00:00:00:00:00' && a.operation === 'request' ? ` (${a.targetMac})` : '';
        body = a.operation === 'request'
          ? `Request who-has ${formatIpv4Address(a.targetIp)}${targetMac} tell ${formatIpv4Address(a.senderIp)}, length ${arpLen}`
          : `Reply ${formatIpv4Address(a.senderIp)} is-at ${a.senderMac}, length ${arpLen}`;
        ethertype = 'ARP (0x0806)';
        if (!this.opts.linkHeader) body = `ARP, ${body}`;
        break;
      }
      case 'ipv4':
        body = this.ip(frame.body.packet);
        ethertype = 'IPv4 (0x0800)';
        break;
      default:
        body = `${frame.body.bytes.length} bytes`;
        ethertype = `Unknown (0x${frame.eth.ethertype.toString(16).padStart(4, '0')})`;
    }
    if (!this.opts.linkHeader) return body;
    return `${frame.eth.src} > ${frame.eth.dst}, ethertype ${ethertype}, length ${length}: ${body}`;
  }

  /** ip_print: `IP ` only without -e, then `src > dst: ` and the protocol. */
  private ip(p: Ipv4Packet): string {
    const prefix = this.opts.linkHeader ? '' : 'IP ';
    const src = formatIpv4Address(p.ip.src);
    const dst = formatIpv4Address(p.ip.dst);
    const b = p.body;
    switch (b.kind) {
      case 'tcp':
        return `${prefix}${src}.${this.port(b.tcp.srcPort)} > ${dst}.${this.port(b.tcp.dstPort)}: ${this.tcp(p)}`;
      case 'udp':
        return `${prefix}${src}.${this.port(b.udp.srcPort)} > ${dst}.${this.port(b.udp.dstPort)}: UDP, length ${b.udp.payload.length}`;
      case 'icmp':
        return `${prefix}${src} > ${dst}: ${this.icmp(p)}`;
      case 'ipip':
        return `${prefix}${src} > ${dst}: ${this.ip(b.inner)} (ipip-proto-4)`;
      case 'raw':
        return `${prefix}${src} > ${dst}: ip-proto-${p.ip.protocol} ${b.bytes.length}`;
    }
  }

  private tcp(p: Ipv4Packet): string {
    if (p.body.kind !== 'tcp') return '';
    const t = p.body.tcp;
    const length = t.payload.length;
    let seq = t.seq >>> 0;
    let ack = t.ack >>> 0;
    if (!this.opts.absoluteSeq && (t.flags & TcpFlag.Ack)) {
      // print-tcp.c: one entry per conversation, keyed so both directions find it.
      const rev = t.srcPort > t.dstPort || (t.srcPort === t.dstPort && p.ip.src > p.ip.dst);
      const key = rev ? `${p.ip.dst}:${t.dstPort}-${p.ip.src}:${t.srcPort}` : `${p.ip.src}:${t.srcPort}-${p.ip.dst}:${t.dstPort}`;
      const th = this.seqs.get(key);
      if (!th || (t.flags & TcpFlag.Syn)) {
        this.seqs.set(key, rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 });
      } else if (rev) {
        seq = (seq - th.ack) >>> 0;
        ack = (ack - th.seq) >>> 0;
      } else {
        seq = (seq - th.seq) >>> 0;
        ack = (ack - th.ack) >>> 0;
      }
    }
    let s = `Flags [${formatTcpFlags(t.flags)}]`;
    if (length > 0 || (t.flags & (TcpFlag.Syn | TcpFlag.Fin | TcpFlag.Rst))) s += `, seq ${seq}${length > 0 ? `:${(seq + length) >>> 0}` : ''}`;
    if (t.flags & TcpFlag.Ack) s += `, ack ${ack}`;
    s += `, win ${t.window}`;
    if (t.flags & TcpFlag.Urg) s += `, urg ${t.urgentPointer}`;
    if (t.options.length > 0) s += `, options [${formatTcpOptions(t.options)}]`;
    s += `, length ${length}`;
    if (length > 0 && (t.srcPort === 80 || t.dstPort === 80)) s += `: ${httpLine(t.payload)}`;
    return s;
  }

  private icmp(p: Ipv4Packet): string {
    if (p.body.kind !== 'icmp') return '';
    const m = p.body.icmp;
    const len = ipv4BodyLength(p.body);
    switch (m.type) {
      case 'echo-request':
      case 'echo-reply':
        return `ICMP echo ${m.type === 'echo-request' ? 'request' : 'reply'}, id ${m.ident}, seq ${m.seq}, length ${len}`;
      case 'dest-unreachable': {
        const orig = quoted(m.original);
        const dst = orig ? formatIpv4Address(orig.dst) : '?';
        switch (m.code) {
          case 0: return `ICMP net ${dst} unreachable, length ${len}`;
          case 1: return `ICMP host ${dst} unreachable, length ${len}`;
          case 2: return `ICMP ${dst} protocol ${orig?.protocol ?? 0} unreachable, length ${len}`;
          case 3: {
            const proto = orig?.protocol === IpProtocol.Tcp ? 'tcp' : orig?.protocol === IpProtocol.Udp ? 'udp' : undefined;
            if (proto && orig?.dport !== undefined) return `ICMP ${dst} ${proto} port ${this.port(orig.dport)} unreachable, length ${len}`;
            return `ICMP ${dst} protocol ${orig?.protocol ?? 0} port unreachable, length ${len}`;
          }
          case 4: return `ICMP ${dst} unreachable - need to frag (mtu ${m.nextHopMtu}), length ${len}`;
          default: return `ICMP ${dst} unreachable - code ${m.code}, length ${len}`;
        }
      }
      case 'time-exceeded':
        return m.code === 0 ? `ICMP time exceeded in-transit, length ${len}` : `ICMP ip reassembly time exceeded, length ${len}`;
      case 'redirect': {
        const orig = quoted(m.original);
        return `ICMP redirect ${orig ? formatIpv4Address(orig.dst) : '?'} to host ${formatIpv4Address(m.gateway)}, length ${len}`;
      }
      case 'other':
        return `ICMP type-#${m.icmpType}, length ${len}`;
    }
  }
}

/** The IP header (and ports) quoted in an ICMP error. */
function quoted(b: Uint8Array): { dst: number; protocol: number; dport: number | undefined } | undefined {
  if (b.length < 20) return undefined;
  const ihl = (b[0]! & 15) * 4;
  const dst = ((b[16]! << 24) | (b[17]! << 16) | (b[18]! << 8) | b[19]!) >>> 0;
  const protocol = b[9]!;
  const dport = b.length >= ihl + 4 ? (b[ihl + 2]! << 8) | b[ihl + 3]! : undefined;
  return { dst, protocol, dport };
}

/** txtproto_print for HTTP without -v: `HTTP: <first line>` for a request or a response, else `HTTP`. */
function httpLine(payload: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(payload.subarray(0, 256));
  const first = text.split('\r\n')[0]?.split('\n')[0] ?? '';
  const tokens = first.split(' ');
  const isRequest = HTTP_METHODS.includes((tokens[0] ?? '').toUpperCase());
  const isResponse = /^\d{3}$/.test(tokens[1] ?? '');
  return isRequest || isResponse ? `HTTP: ${first}` : 'HTTP';
}
