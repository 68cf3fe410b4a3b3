// The UDP header (RFC 768) with the checksum over the IPv4 pseudo-header.
import { getU16, setU16 } from './bytes.ts';
import { internetChecksum, onesComplementSum, pseudoHeaderSum } from './checksum.ts';
import { IpProtocol } from './ipv4.ts';
import type { Ipv4Address } from './ipv4-address.ts';
import { fail, hex16, parsed, type Parsed } from './result.ts';

/** Byte ranges [start, end) of the header fields. */
const FIELD = {
  SRC_PORT: [0, 2],
  DST_PORT: [2, 4],
  LENGTH: [4, 6],
  CHECKSUM: [6, 8],
} as const;

/** The header: 8 bytes. */
export const UDP_HEADER_LEN = FIELD.CHECKSUM[1];

/** A UDP datagram as plain data; length and checksum are derived on emit. */
export interface UdpRepr {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}

/** A view over the bytes of a UDP datagram. */
export class UdpDatagram {
  private constructor(readonly bytes: Uint8Array) {}

  /** Wraps bytes known to hold at least the header. */
  static newUnchecked(bytes: Uint8Array): UdpDatagram {
    return new UdpDatagram(bytes);
  }

  /** Wraps bytes after checking the header and the length field against the buffer. */
  static newChecked(bytes: Uint8Array): Parsed<UdpDatagram> {
    if (bytes.length < UDP_HEADER_LEN) return fail('udp', 0, `${bytes.length} bytes is shorter than the ${UDP_HEADER_LEN}-byte header`);
    const view = new UdpDatagram(bytes);
    if (view.length < UDP_HEADER_LEN) {
      return fail('udp', FIELD.LENGTH[0], `length ${view.length} is shorter than the ${UDP_HEADER_LEN}-byte header`);
    }
    if (view.length > bytes.length) {
      return fail('udp', FIELD.LENGTH[0], `length ${view.length} is longer than the ${bytes.length} bytes received`);
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
  /** The length field: header plus payload. */
  get length(): number {
    return getU16(this.bytes, FIELD.LENGTH[0]);
  }
  set length(v: number) {
    setU16(this.bytes, FIELD.LENGTH[0], v);
  }
  get checksum(): number {
    return getU16(this.bytes, FIELD.CHECKSUM[0]);
  }
  set checksum(v: number) {
    setU16(this.bytes, FIELD.CHECKSUM[0], v);
  }
  /** The payload up to the length field (bytes past it, if any, are ignored as Linux's udp_rcv trims them). */
  get payload(): Uint8Array {
    return this.bytes.subarray(UDP_HEADER_LEN, this.length);
  }
  /** The checksum the datagram should carry between `src` and `dst` (a computed 0 is sent as 0xffff). */
  expectedChecksum(src: Ipv4Address, dst: Ipv4Address): number {
    let sum = pseudoHeaderSum(src, dst, IpProtocol.Udp, this.length);
    sum = onesComplementSum(this.bytes, 0, FIELD.CHECKSUM[0], sum);
    const checksum = internetChecksum(this.bytes, FIELD.CHECKSUM[1], this.length, sum);
    return checksum === 0 ? 0xffff : checksum;
  }
  /** Whether the checksum is right; a checksum of 0 means the sender computed none (RFC 768) and passes. */
  verifyChecksum(src: Ipv4Address, dst: Ipv4Address): boolean {
    if (this.checksum === 0) return true;
    return onesComplementSum(this.bytes, 0, this.length, pseudoHeaderSum(src, dst, IpProtocol.Udp, this.length)) === 0xffff;
  }
  /** Computes and stores the checksum; a computed 0 is stored as 0xffff (RFC 768). */
  fillChecksum(src: Ipv4Address, dst: Ipv4Address): void {
    this.checksum = 0;
    this.checksum = this.expectedChecksum(src, dst);
  }
}

/** The length of the datagram `emitUdp` writes. */
export function udpDatagramLength(repr: UdpRepr): number {
  return UDP_HEADER_LEN + repr.payload.length;
}

/** Reads a UDP datagram from the IP payload, verifying the checksum unless it is 0 (none). */
export function parseUdp(bytes: Uint8Array, src: Ipv4Address, dst: Ipv4Address): Parsed<UdpRepr> {
  const checked = UdpDatagram.newChecked(bytes);
  if (!checked.ok) return checked;
  const view = checked.value;
  if (!view.verifyChecksum(src, dst)) {
    return fail('udp', 0, `checksum ${hex16(view.checksum)} is wrong (expected ${hex16(view.expectedChecksum(src, dst))})`);
  }
  return parsed({ srcPort: view.srcPort, dstPort: view.dstPort, payload: view.payload.slice() });
}

/** Writes the datagram at `offset` (`udpDatagramLength(repr)` bytes), always with a checksum. */
export function emitUdp(repr: UdpRepr, src: Ipv4Address, dst: Ipv4Address, buf: Uint8Array, offset = 0): void {
  const length = udpDatagramLength(repr);
  const bytes = buf.subarray(offset, offset + length);
  const view = UdpDatagram.newUnchecked(bytes);
  view.srcPort = repr.srcPort;
  view.dstPort = repr.dstPort;
  view.length = length;
  bytes.set(repr.payload, UDP_HEADER_LEN);
  view.fillChecksum(src, dst);
}
