// The IPv4 header (RFC 791). Emit writes no options (IHL 5); parse accepts and skips options.
import { getU16, getU32, getU8, setU16, setU32, setU8 } from './bytes.ts';
import { internetChecksum, onesComplementSum } from './checksum.ts';
import type { Ipv4Address } from './ipv4-address.ts';
import { fail, hex16, parsed, type Parsed } from './result.ts';

/** Byte ranges [start, end) of the fixed header fields. */
const FIELD = {
  VER_IHL: [0, 1],
  DSCP_ECN: [1, 2],
  LENGTH: [2, 4],
  IDENT: [4, 6],
  FLG_OFF: [6, 8],
  TTL: [8, 9],
  PROTOCOL: [9, 10],
  CHECKSUM: [10, 12],
  SRC: [12, 16],
  DST: [16, 20],
} as const;

/** The fixed header without options: 20 bytes. */
export const IPV4_HEADER_LEN = FIELD.DST[1];
/** The largest total length the 16-bit field can hold. */
export const IPV4_MAX_TOTAL_LEN = 0xffff;

/** IP protocol numbers the lab understands (IANA "Protocol Numbers"). */
export const IpProtocol = { Icmp: 1, Ipip: 4, Tcp: 6, Udp: 17 } as const;

const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;
const OFFSET_MASK = 0x1fff;

/** The IPv4 header as plain data; total length, IHL and checksum are derived on emit. */
export interface Ipv4Repr {
  readonly src: Ipv4Address;
  readonly dst: Ipv4Address;
  readonly protocol: number;
  readonly ttl: number;
  readonly dscp: number;
  readonly ecn: number;
  readonly ident: number;
  readonly dontFragment: boolean;
  readonly moreFragments: boolean;
  /** In 8-byte units, as on the wire. */
  readonly fragmentOffset: number;
}

/**
 * An IPv4 header with every field in one order. Headers are made here and by `ipv4With` only, so
 * that they all share one object shape and the per-hop code that reads them stays fast.
 */
export function ipv4Header(h: Ipv4Repr): Ipv4Repr {
  return {
    src: h.src, dst: h.dst, protocol: h.protocol, ttl: h.ttl, dscp: h.dscp, ecn: h.ecn, ident: h.ident,
    dontFragment: h.dontFragment, moreFragments: h.moreFragments, fragmentOffset: h.fragmentOffset,
  };
}

/** `ip` with the fields of `change` replaced (a NAT rewrite, a TTL decrement…). */
export function ipv4With(ip: Ipv4Repr, change: Partial<Ipv4Repr>): Ipv4Repr {
  return {
    src: change.src ?? ip.src, dst: change.dst ?? ip.dst, protocol: change.protocol ?? ip.protocol,
    ttl: change.ttl ?? ip.ttl, dscp: change.dscp ?? ip.dscp, ecn: change.ecn ?? ip.ecn, ident: change.ident ?? ip.ident,
    dontFragment: change.dontFragment ?? ip.dontFragment, moreFragments: change.moreFragments ?? ip.moreFragments,
    fragmentOffset: change.fragmentOffset ?? ip.fragmentOffset,
  };
}

/** A view over the bytes of an IPv4 datagram. */
export class Ipv4Datagram {
  private constructor(readonly bytes: Uint8Array) {}

  /** Wraps bytes known to hold at least the fixed header. */
  static newUnchecked(bytes: Uint8Array): Ipv4Datagram {
    return new Ipv4Datagram(bytes);
  }

  /** Wraps bytes after checking version, header length and total length against the buffer. */
  static newChecked(bytes: Uint8Array): Parsed<Ipv4Datagram> {
    if (bytes.length < IPV4_HEADER_LEN) {
      return fail('ipv4', 0, `${bytes.length} bytes is shorter than the ${IPV4_HEADER_LEN}-byte minimum header`);
    }
    const view = new Ipv4Datagram(bytes);
    if (view.version !== 4) return fail('ipv4', FIELD.VER_IHL[0], `version ${view.version} is not 4`);
    const ihl = view.headerLength / 4;
    if (ihl < 5) return fail('ipv4', FIELD.VER_IHL[0], `header length field ${ihl} (${ihl * 4} bytes) is below the minimum 5 (20 bytes)`);
    if (view.headerLength > bytes.length) {
      return fail('ipv4', FIELD.VER_IHL[0], `header length ${view.headerLength} bytes runs past the ${bytes.length} bytes received`);
    }
    if (view.totalLength < view.headerLength) {
      return fail('ipv4', FIELD.LENGTH[0], `total length ${view.totalLength} is shorter than the ${view.headerLength}-byte header`);
    }
    if (view.totalLength > bytes.length) {
      return fail('ipv4', FIELD.LENGTH[0], `total length ${view.totalLength} is longer than the ${bytes.length} bytes received`);
    }
    return parsed(view);
  }

  get version(): number {
    return getU8(this.bytes, FIELD.VER_IHL[0]) >> 4;
  }
  /** The header length in bytes (IHL × 4). */
  get headerLength(): number {
    return (getU8(this.bytes, FIELD.VER_IHL[0]) & 0x0f) * 4;
  }
  /** Sets version 4 and the header length in bytes. */
  setVersionAndHeaderLength(headerLength: number): void {
    setU8(this.bytes, FIELD.VER_IHL[0], 0x40 | ((headerLength / 4) & 0x0f));
  }
  get dscp(): number {
    return getU8(this.bytes, FIELD.DSCP_ECN[0]) >> 2;
  }
  get ecn(): number {
    return getU8(this.bytes, FIELD.DSCP_ECN[0]) & 0x03;
  }
  /** Sets the DSCP (RFC 2474) and ECN (RFC 3168) bits of the old TOS byte. */
  setDscpEcn(dscp: number, ecn: number): void {
    setU8(this.bytes, FIELD.DSCP_ECN[0], ((dscp & 0x3f) << 2) | (ecn & 0x03));
  }
  get totalLength(): number {
    return getU16(this.bytes, FIELD.LENGTH[0]);
  }
  set totalLength(v: number) {
    setU16(this.bytes, FIELD.LENGTH[0], v);
  }
  get ident(): number {
    return getU16(this.bytes, FIELD.IDENT[0]);
  }
  set ident(v: number) {
    setU16(this.bytes, FIELD.IDENT[0], v);
  }
  get dontFragment(): boolean {
    return (getU16(this.bytes, FIELD.FLG_OFF[0]) & FLAG_DF) !== 0;
  }
  get moreFragments(): boolean {
    return (getU16(this.bytes, FIELD.FLG_OFF[0]) & FLAG_MF) !== 0;
  }
  /** In 8-byte units. */
  get fragmentOffset(): number {
    return getU16(this.bytes, FIELD.FLG_OFF[0]) & OFFSET_MASK;
  }
  /** Sets DF, MF and the fragment offset; the reserved bit is written as 0 (RFC 791). */
  setFragment(dontFragment: boolean, moreFragments: boolean, fragmentOffset: number): void {
    setU16(this.bytes, FIELD.FLG_OFF[0], (dontFragment ? FLAG_DF : 0) | (moreFragments ? FLAG_MF : 0) | (fragmentOffset & OFFSET_MASK));
  }
  get ttl(): number {
    return getU8(this.bytes, FIELD.TTL[0]);
  }
  set ttl(v: number) {
    setU8(this.bytes, FIELD.TTL[0], v);
  }
  get protocol(): number {
    return getU8(this.bytes, FIELD.PROTOCOL[0]);
  }
  set protocol(v: number) {
    setU8(this.bytes, FIELD.PROTOCOL[0], v);
  }
  get checksum(): number {
    return getU16(this.bytes, FIELD.CHECKSUM[0]);
  }
  set checksum(v: number) {
    setU16(this.bytes, FIELD.CHECKSUM[0], v);
  }
  get src(): Ipv4Address {
    return getU32(this.bytes, FIELD.SRC[0]);
  }
  set src(a: Ipv4Address) {
    setU32(this.bytes, FIELD.SRC[0], a);
  }
  get dst(): Ipv4Address {
    return getU32(this.bytes, FIELD.DST[0]);
  }
  set dst(a: Ipv4Address) {
    setU32(this.bytes, FIELD.DST[0], a);
  }
  /** The checksum the header should carry: the header summed with the checksum field skipped. */
  expectedChecksum(): number {
    const partial = onesComplementSum(this.bytes, 0, FIELD.CHECKSUM[0]);
    return internetChecksum(this.bytes, FIELD.CHECKSUM[1], this.headerLength, partial);
  }
  /** Whether the header checksum is right (the whole header sums to 0xffff). */
  verifyChecksum(): boolean {
    return onesComplementSum(this.bytes, 0, this.headerLength) === 0xffff;
  }
  /** Computes and stores the header checksum. */
  fillChecksum(): void {
    this.checksum = 0;
    this.checksum = internetChecksum(this.bytes, 0, this.headerLength);
  }
  /** The bytes after the header up to the total length (link-layer padding cut off). */
  get payload(): Uint8Array {
    return this.bytes.subarray(this.headerLength, this.totalLength);
  }
}

/** Reads and validates an IPv4 header; options are skipped, trailing bytes past the total length are ignored. */
export function parseIpv4(bytes: Uint8Array): Parsed<{ repr: Ipv4Repr; payload: Uint8Array; headerLength: number }> {
  const checked = Ipv4Datagram.newChecked(bytes);
  if (!checked.ok) return checked;
  const view = checked.value;
  if (!view.verifyChecksum()) {
    return fail('ipv4', 0, `header checksum ${hex16(view.checksum)} is wrong (expected ${hex16(view.expectedChecksum())})`);
  }
  const repr = ipv4Header({
    src: view.src,
    dst: view.dst,
    protocol: view.protocol,
    ttl: view.ttl,
    dscp: view.dscp,
    ecn: view.ecn,
    ident: view.ident,
    dontFragment: view.dontFragment,
    moreFragments: view.moreFragments,
    fragmentOffset: view.fragmentOffset,
  });
  return parsed({ repr, payload: view.payload, headerLength: view.headerLength });
}

/** Writes a 20-byte header at `offset` for a payload of `payloadLength` bytes, with total length and checksum filled in. */
export function emitIpv4(repr: Ipv4Repr, payloadLength: number, buf: Uint8Array, offset = 0): void {
  const view = Ipv4Datagram.newUnchecked(buf.subarray(offset, offset + IPV4_HEADER_LEN));
  view.setVersionAndHeaderLength(IPV4_HEADER_LEN);
  view.setDscpEcn(repr.dscp, repr.ecn);
  view.totalLength = IPV4_HEADER_LEN + payloadLength;
  view.ident = repr.ident;
  view.setFragment(repr.dontFragment, repr.moreFragments, repr.fragmentOffset);
  view.ttl = repr.ttl;
  view.protocol = repr.protocol;
  view.src = repr.src;
  view.dst = repr.dst;
  view.fillChecksum();
}

/** Whether the datagram is a fragment (MF set or a non-zero offset), whose payload is not a whole L4 segment. */
export function isFragment(repr: Ipv4Repr): boolean {
  return repr.moreFragments || repr.fragmentOffset !== 0;
}
