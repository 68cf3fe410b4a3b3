import { getU16, getU32 } from '../../wire/bytes.ts';
import { hexByteUpper } from '../../wire/hex.ts';
import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import { emitIpv4Packet } from '../../wire/packet.ts';
import type { NetDev } from './netdev.ts';
import type { SkBuff } from './skb.ts';

/** What a LOG rule asks to be logged besides the defaults (xt_log_info.logflags). */
export interface LogOptions {
  readonly prefix: string;
  /** XT_LOG_TCPSEQ: SEQ= and ACK= of TCP segments. */
  readonly tcpSequence: boolean;
}

/** The TCP flags in the order nf_log_dump_tcp_header prints them (CWR … FIN, bits 7 … 0). */
const TCP_FLAG_NAMES = ['CWR', 'ECE', 'URG', 'ACK', 'PSH', 'RST', 'SYN', 'FIN'];

/**
 * The kernel log line of iptables' LOG target (nf_log_syslog.c, nf_log_ip_packet): the prefix,
 * `IN=` and `OUT=`, the link-layer header a received packet came with (`MAC=`), then
 * dump_ipv4_packet over the packet's bytes. Every field is followed by a space, the last one too,
 * as printk gets it.
 */
export function nfLogLine(skb: SkBuff, inDev: NetDev | undefined, outDev: NetDev | undefined, options: LogOptions): string {
  let line = `${options.prefix}IN=${inDev?.name ?? ''} OUT=${outDev?.name ?? ''} `;
  if (inDev) line += macHeader(skb, inDev);
  const bytes = emitIpv4Packet(skb.packet);
  line += dumpIpv4(bytes, 0, options);
  if (skb.mark !== 0) line += `MARK=0x${skb.mark.toString(16)} `;
  return line;
}

/**
 * dump_mac_header's fallback: the link-layer header's bytes, `:`-separated; nothing for a device
 * without one (tunl0's hard_header_len is 0); loopback's header is zeros but for the type.
 */
function macHeader(skb: SkBuff, dev: NetDev): string {
  if (dev.kind === 'ipip') return 'MAC= ';
  const eth = skb.mac ?? { dst: '00:00:00:00:00:00', src: '00:00:00:00:00:00', ethertype: 0x0800 };
  const type = eth.ethertype.toString(16).padStart(4, '0');
  return `MAC=${eth.dst}:${eth.src}:${type.slice(0, 2)}:${type.slice(2)} `;
}

/** dump_ipv4_packet for the header at `at`: its fields, then the transport's; an ICMP error's quoted packet in brackets (at the outer level only). */
function dumpIpv4(b: Uint8Array, at: number, options: LogOptions): string {
  if (b.length < at + 20) return 'TRUNCATED';
  const tos = b[at + 1]!;
  const frag = getU16(b, at + 6);
  const protocol = b[at + 9]!;
  let s = `SRC=${formatIpv4Address(getU32(b, at + 12))} DST=${formatIpv4Address(getU32(b, at + 16))} `;
  s += `LEN=${getU16(b, at + 2)} TOS=0x${hexByteUpper(tos & 0x1e)} PREC=0x${hexByteUpper(tos & 0xe0)} TTL=${b[at + 8]} ID=${getU16(b, at + 4)} `;
  if (frag & 0x8000) s += 'CE ';
  if (frag & 0x4000) s += 'DF ';
  if (frag & 0x2000) s += 'MF ';
  const offset = frag & 0x1fff;
  if (offset !== 0) s += `FRAG:${offset} `;
  const l4 = at + (b[at]! & 0x0f) * 4;
  const incomplete = (need: number): string | undefined => (b.length - l4 < need ? `INCOMPLETE [${b.length - l4} bytes] ` : undefined);
  switch (protocol) {
    case 6: {
      s += 'PROTO=TCP ';
      if (offset !== 0) break;
      const short = incomplete(20);
      if (short) return s + short;
      s += `SPT=${getU16(b, l4)} DPT=${getU16(b, l4 + 2)} `;
      if (options.tcpSequence) s += `SEQ=${getU32(b, l4 + 4)} ACK=${getU32(b, l4 + 8)} `;
      s += `WINDOW=${getU16(b, l4 + 14)} RES=0x${hexByteUpper((b[l4 + 12]! & 0x0f) << 2).toLowerCase()} `;
      const flags = b[l4 + 13]!;
      TCP_FLAG_NAMES.forEach((name, i) => {
        if (flags & (0x80 >> i)) s += `${name} `;
      });
      s += `URGP=${getU16(b, l4 + 18)} `;
      break;
    }
    case 17: {
      s += 'PROTO=UDP ';
      if (offset !== 0) break;
      const short = incomplete(8);
      if (short) return s + short;
      s += `SPT=${getU16(b, l4)} DPT=${getU16(b, l4 + 2)} LEN=${getU16(b, l4 + 4)} `;
      break;
    }
    case 1: {
      s += 'PROTO=ICMP ';
      if (offset !== 0) break;
      const short = incomplete(8);
      if (short) return s + short;
      const type = b[l4]!;
      const code = b[l4 + 1]!;
      s += `TYPE=${type} CODE=${code} `;
      if (type === 0 || type === 8) s += `ID=${getU16(b, l4 + 4)} SEQ=${getU16(b, l4 + 6)} `;
      if (type === 12) s += `PARAMETER=${b[l4 + 4]} `;
      if (type === 5) s += `GATEWAY=${formatIpv4Address(getU32(b, l4 + 4))} `;
      if (type === 3 || type === 4 || type === 5 || type === 11) {
        // Only recurse once: the quoted packet is opened at the outer level only.
        if (at === 0) s += `[${dumpIpv4(b, l4 + 8, options)}] `;
        if (type === 3 && code === 4) s += `MTU=${getU16(b, l4 + 6)} `;
      }
      break;
    }
    default:
      s += `PROTO=${protocol} `;
  }
  return s;
}
