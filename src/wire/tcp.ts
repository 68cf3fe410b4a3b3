// The TCP header (RFC 9293 §3.1) with the checksum over the IPv4 pseudo-header.
import { getU16, getU32, getU8, setU16, setU32, setU8 } from './bytes.ts';
import { internetChecksum, onesComplementSum, pseudoHeaderSum } from './checksum.ts';
import { IpProtocol } from './ipv4.ts';
import type { Ipv4Address } from './ipv4-address.ts';
import { fail, hex16, parsed, type Parsed } from './result.ts';
import { emitTcpOptions, parseTcpOptions, tcpOptionsLength, type TcpOption } from './tcp-options.ts';

export type { TcpOption } from './tcp-options.ts';

/** Byte ranges [start, end) of the fixed header fields. */
const FIELD = {
  SRC_PORT: [0, 2],
  DST_PORT: [2, 4],
  SEQ_NUM: [4, 8],
  ACK_NUM: [8, 12],
  DATA_OFFSET: [12, 13],
  FLAGS: [13, 14],
  WINDOW: [14, 16],
  CHECKSUM: [16, 18],
  URGENT: [18, 20],
} as const;

/** The fixed header without options: 20 bytes. */
export const TCP_HEADER_LEN = FIELD.URGENT[1];
/** The longest header the 4-bit data offset can describe: 60 bytes, so 40 bytes of options. */
export const TCP_MAX_HEADER_LEN = 60;

/** The control bits of byte 13 as a bitmask. */
export const TcpFlag = { Fin: 1, Syn: 2, Rst: 4, Psh: 8, Ack: 16, Urg: 32, Ece: 64, Cwr: 128 } as const;

// tcpdump's print-tcp.c tcp_flag_values, in its order.
const TCPDUMP_FLAGS: readonly (readonly [number, string])[] = [
  [TcpFlag.Fin, 'F'],
  [TcpFlag.Syn, 'S'],
  [TcpFlag.Rst, 'R'],
  [TcpFlag.Psh, 'P'],
  [TcpFlag.Ack, '.'],
  [TcpFlag.Urg, 'U'],
  [TcpFlag.Ece, 'E'],
  [TcpFlag.Cwr, 'W'],
];
const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [TcpFlag.Fin, 'FIN'],
  [TcpFlag.Syn, 'SYN'],
  [TcpFlag.Rst, 'RST'],
  [TcpFlag.Psh, 'PSH'],
  [TcpFlag.Ack, 'ACK'],
  [TcpFlag.Urg, 'URG'],
  [TcpFlag.Ece, 'ECE'],
  [TcpFlag.Cwr, 'CWR'],
];

/** The flags as tcpdump prints them inside "Flags [...]": "S", "S.", ".", "P.", "F.", "R.", or "none". */
export function formatTcpFlags(flags: number): string {
  const s = TCPDUMP_FLAGS.filter(([bit]) => (flags & bit) !== 0)
    .map(([, letter]) => letter)
    .join('');
  return s === '' ? 'none' : s;
}

/** The flags by name, as Wireshark lists them: "SYN,ACK", or "none". */
export function tcpFlagNames(flags: number): string {
  const names = FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
  return names.length === 0 ? 'none' : names.join(',');
}

/** A TCP segment as plain data; data offset and checksum are derived on emit. */
export interface TcpRepr {
  readonly srcPort: number;
  readonly dstPort: number;
  /** Unsigned 32-bit. */
  readonly seq: number;
  /** Unsigned 32-bit; meaningful when the ACK flag is set. */
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  readonly urgentPointer: number;
  readonly options: readonly TcpOption[];
  readonly payload: Uint8Array;
}

/** A view over the bytes of a TCP segment. */
export class TcpSegment {
  private constructor(readonly bytes: Uint8Array) {}

  /** Wraps bytes known to hold at least the fixed header. */
  static newUnchecked(bytes: Uint8Array): TcpSegment {
    return new TcpSegment(bytes);
  }

  /** Wraps bytes after checking the fixed header and the data offset against the segment length. */
  static newChecked(bytes: Uint8Array): Parsed<TcpSegment> {
    if (bytes.length < TCP_HEADER_LEN) {
      return fail('tcp', 0, `${bytes.length} bytes is shorter than the ${TCP_HEADER_LEN}-byte minimum header`);
    }
    const view = new TcpSegment(bytes);
    const words = view.headerLength / 4;
    if (words < 5) {
      return fail('tcp', FIELD.DATA_OFFSET[0], `data offset ${words} (${words * 4} bytes) is below the minimum 5 (20 bytes)`);
    }
    if (view.headerLength > bytes.length) {
      return fail('tcp', FIELD.DATA_OFFSET[0], `data offset ${words} (${view.headerLength} bytes) runs past the ${bytes.length}-byte segment`);
    }
    return parsed(view);
  }

  get srcPort(): number {
    return getU16(this.bytes, FIELD.SRC_PORT[0]);
  }
  set srcPort(v: number) {
    setU16(this.bytes, FIELD.SRC_PORT[0], v);
  }
  get dstPort(): number {
    return getU16(this.bytes, FIELD.DST_PORT[0]);
  }
  set dstPort(v: number) {
    setU16(this.bytes, FIELD.DST_PORT[0], v);
  }
  get seq(): number {
    return getU32(this.bytes, FIELD.SEQ_NUM[0]);
  }
  set seq(v: number) {
    setU32(this.bytes, FIELD.SEQ_NUM[0], v);
  }
  get ack(): number {
    return getU32(this.bytes, FIELD.ACK_NUM[0]);
  }
  set ack(v: number) {
    setU32(this.bytes, FIELD.ACK_NUM[0], v);
  }
  /** The header length in bytes (data offset × 4). */
  get headerLength(): number {
    return (getU8(this.bytes, FIELD.DATA_OFFSET[0]) >> 4) * 4;
  }
  /** Sets the data offset from a header length in bytes; the reserved bits are written as 0. */
  set headerLength(bytes: number) {
    setU8(this.bytes, FIELD.DATA_OFFSET[0], ((bytes / 4) & 0x0f) << 4);
  }
  get flags(): number {
    return getU8(this.bytes, FIELD.FLAGS[0]);
  }
  set flags(v: number) {
    setU8(this.bytes, FIELD.FLAGS[0], v);
  }
  get window(): number {
    return getU16(this.bytes, FIELD.WINDOW[0]);
  }
  set window(v: number) {
    setU16(this.bytes, FIELD.WINDOW[0], v);
  }
  get checksum(): number {
    return getU16(this.bytes, FIELD.CHECKSUM[0]);
  }
  set checksum(v: number) {
    setU16(this.bytes, FIELD.CHECKSUM[0], v);
  }
  get urgentPointer(): number {
    return getU16(this.bytes, FIELD.URGENT[0]);
  }
  set urgentPointer(v: number) {
    setU16(this.bytes, FIELD.URGENT[0], v);
  }
  /** The bytes after the header. */
  get payload(): Uint8Array {
    return this.bytes.subarray(this.headerLength);
  }
  /** The checksum the segment should carry between `src` and `dst`. */
  expectedChecksum(src: Ipv4Address, dst: Ipv4Address): number {
    let sum = pseudoHeaderSum(src, dst, IpProtocol.Tcp, this.bytes.length);
    sum = onesComplementSum(this.bytes, 0, FIELD.CHECKSUM[0], sum);
    return internetChecksum(this.bytes, FIELD.CHECKSUM[1], this.bytes.length, sum);
  }
  /** Whether the checksum over pseudo-header and segment is right. */
  verifyChecksum(src: Ipv4Address, dst: Ipv4Address): boolean {
    return onesComplementSum(this.bytes, 0, this.bytes.length, pseudoHeaderSum(src, dst, IpProtocol.Tcp, this.bytes.length)) === 0xffff;
  }
  /** Computes and stores the checksum over pseudo-header and segment. */
  fillChecksum(src: Ipv4Address, dst: Ipv4Address): void {
    this.checksum = 0;
    this.checksum = internetChecksum(this.bytes, 0, this.bytes.length, pseudoHeaderSum(src, dst, IpProtocol.Tcp, this.bytes.length));
  }
}

/** The header length `emitTcp` writes: 20 bytes plus the options padded to a multiple of 4. */
export function tcpHeaderLength(repr: TcpRepr): number {
  return TCP_HEADER_LEN + ((tcpOptionsLength(repr.options) + 3) & ~3);
}

/** The length of the segment `emitTcp` writes. */
export function tcpSegmentLength(repr: TcpRepr): number {
  return tcpHeaderLength(repr) + repr.payload.length;
}

/** Reads a TCP segment (the whole IP payload), verifying the checksum over the pseudo-header of `src` → `dst`. */
export function parseTcp(bytes: Uint8Array, src: Ipv4Address, dst: Ipv4Address): Parsed<TcpRepr> {
  const checked = TcpSegment.newChecked(bytes);
  if (!checked.ok) return checked;
  const view = checked.value;
  if (!view.verifyChecksum(src, dst)) {
    return fail('tcp', 0, `checksum ${hex16(view.checksum)} is wrong (expected ${hex16(view.expectedChecksum(src, dst))})`);
  }
  const options = parseTcpOptions(bytes, TCP_HEADER_LEN, view.headerLength);
  if (!options.ok) return options;
  return parsed({
    srcPort: view.srcPort,
    dstPort: view.dstPort,
    seq: view.seq,
    ack: view.ack,
    flags: view.flags,
    window: view.window,
    urgentPointer: view.urgentPointer,
    options: options.value,
    payload: view.payload.slice(),
  });
}

/**
 * Writes the segment at `offset` (`tcpSegmentLength(repr)` bytes): options in the given order, then
 * zero (EOL) bytes up to a multiple of 4 (RFC 9293 §3.1 "padding"), then the payload and checksum.
 * Linux aligns its own option blocks with NOPs (tcp_options_write: NOP,NOP,TS…), which a repr
 * spells out as 'nop' options.
 */
export function emitTcp(repr: TcpRepr, src: Ipv4Address, dst: Ipv4Address, buf: Uint8Array, offset = 0): void {
  const headerLength = tcpHeaderLength(repr);
  const bytes = buf.subarray(offset, offset + headerLength + repr.payload.length);
  const view = TcpSegment.newUnchecked(bytes);
  view.srcPort = repr.srcPort;
  view.dstPort = repr.dstPort;
  view.seq = repr.seq;
  view.ack = repr.ack;
  view.headerLength = headerLength;
  view.flags = repr.flags;
  view.window = repr.window;
  view.urgentPointer = repr.urgentPointer;
  const end = emitTcpOptions(repr.options, bytes, TCP_HEADER_LEN);
  bytes.fill(0, end, headerLength);
  bytes.set(repr.payload, headerLength);
  view.fillChecksum(src, dst);
}
