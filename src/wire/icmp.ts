// ICMP for IPv4 (RFC 792), with the next-hop MTU of RFC 1191 in "fragmentation needed".
import { getU16, getU32, getU8, setU16, setU32, setU8 } from './bytes.ts';
import { internetChecksum, onesComplementSum } from './checksum.ts';
import type { Ipv4Address } from './ipv4-address.ts';
import { fail, hex16, parsed, type Parsed } from './result.ts';

/** Byte ranges [start, end) of the header fields; bytes 4-7 depend on the type. */
const FIELD = {
  TYPE: [0, 1],
  CODE: [1, 2],
  CHECKSUM: [2, 4],
  ECHO_IDENT: [4, 6],
  ECHO_SEQ: [6, 8],
  UNREACH_MTU: [6, 8],
  REDIRECT_GATEWAY: [4, 8],
  REST: [4, 8],
} as const;

/** Type, code, checksum and the 4 type-specific bytes: 8 bytes. */
export const ICMP_HEADER_LEN = FIELD.REST[1];

/** ICMP message types (RFC 792). */
export const IcmpType = { EchoReply: 0, DestUnreachable: 3, Redirect: 5, EchoRequest: 8, TimeExceeded: 11 } as const;

/** Destination-unreachable codes (RFC 792, RFC 1122, RFC 1812). */
export const IcmpUnreachableCode = {
  Net: 0,
  Host: 1,
  Protocol: 2,
  Port: 3,
  FragNeeded: 4,
  SourceRouteFailed: 5,
  NetProhibited: 9,
  HostProhibited: 10,
  AdminProhibited: 13,
} as const;

/** Time-exceeded codes (RFC 792). */
export const IcmpTimeExceededCode = { TtlExceeded: 0, FragmentReassembly: 1 } as const;

/** Redirect codes (RFC 792). */
export const IcmpRedirectCode = { Net: 0, Host: 1, TosNet: 2, TosHost: 3 } as const;

/** An ICMP message as plain data. */
export type IcmpRepr =
  | { readonly type: 'echo-request' | 'echo-reply'; readonly ident: number; readonly seq: number; readonly data: Uint8Array }
  | {
      readonly type: 'dest-unreachable';
      readonly code: number;
      /** RFC 1191 next-hop MTU for code 4 (fragmentation needed); 0 otherwise. */
      readonly nextHopMtu: number;
      readonly original: Uint8Array;
    }
  | { readonly type: 'time-exceeded'; readonly code: number; readonly original: Uint8Array }
  | { readonly type: 'redirect'; readonly code: number; readonly gateway: Ipv4Address; readonly original: Uint8Array }
  | { readonly type: 'other'; readonly icmpType: number; readonly code: number; readonly rest: Uint8Array };

// icmp.c icmp_send(): the error message is at most 576 bytes (RFC 1812 §4.3.2.3), so at most
// 576 - 20 (IP header) - 8 (ICMP header) bytes of the offending datagram are quoted.
const ICMP_ERROR_MAX_LEN = 576;
const ICMP_ERROR_OVERHEAD = 20 + ICMP_HEADER_LEN;

/**
 * The part of an offending datagram that an ICMP error quotes, as Linux's icmp_send() cuts it:
 * min(path MTU, 576) - 28 bytes, so 548 bytes on an Ethernet path. Returns a copy.
 */
export function icmpQuote(originalPacketBytes: Uint8Array, pathMtu = ICMP_ERROR_MAX_LEN): Uint8Array {
  const room = Math.max(0, Math.min(pathMtu, ICMP_ERROR_MAX_LEN) - ICMP_ERROR_OVERHEAD);
  return originalPacketBytes.slice(0, room);
}

/** The IPv4 header of a datagram an ICMP error quotes. */
export interface QuotedIpv4Header {
  /** Where the header starts in the quote, and its length in bytes. */
  readonly at: number;
  readonly ihl: number;
  readonly protocol: number;
  readonly src: Ipv4Address;
  readonly dst: Ipv4Address;
  readonly dontFragment: boolean;
  /** A later fragment (offset ≠ 0): its transport header is not in it. */
  readonly laterFragment: boolean;
  /** How many bytes of the datagram's payload follow the header in the quote. */
  readonly payloadLength: number;
}

/** Reads the IPv4 header quoted at `at` (an IPIP quote has a second one after the first); null when its 20 bytes are not all there. */
export function readQuotedIpv4(q: Uint8Array, at = 0): QuotedIpv4Header | null {
  if (q.length < at + 20) return null;
  const ihl = (q[at]! & 0x0f) * 4;
  const frag = getU16(q, at + 6);
  return {
    at, ihl, protocol: q[at + 9]!, src: getU32(q, at + 12), dst: getU32(q, at + 16),
    dontFragment: (frag & 0x4000) !== 0, laterFragment: (frag & 0x1fff) !== 0, payloadLength: q.length - at - ihl,
  };
}

/** A view over the bytes of an ICMP message. */
export class IcmpMessage {
  private constructor(readonly bytes: Uint8Array) {}

  /** Wraps bytes known to hold at least the 8-byte header. */
  static newUnchecked(bytes: Uint8Array): IcmpMessage {
    return new IcmpMessage(bytes);
  }

  /** Wraps bytes after checking they hold the 8-byte header. */
  static newChecked(bytes: Uint8Array): Parsed<IcmpMessage> {
    if (bytes.length < ICMP_HEADER_LEN) {
      return fail('icmp', 0, `${bytes.length} bytes is shorter than the ${ICMP_HEADER_LEN}-byte header`);
    }
    return parsed(new IcmpMessage(bytes));
  }

  get msgType(): number {
    return getU8(this.bytes, FIELD.TYPE[0]);
  }
  set msgType(v: number) {
    setU8(this.bytes, FIELD.TYPE[0], v);
  }
  get code(): number {
    return getU8(this.bytes, FIELD.CODE[0]);
  }
  set code(v: number) {
    setU8(this.bytes, FIELD.CODE[0], v);
  }
  get checksum(): number {
    return getU16(this.bytes, FIELD.CHECKSUM[0]);
  }
  set checksum(v: number) {
    setU16(this.bytes, FIELD.CHECKSUM[0], v);
  }
  get echoIdent(): number {
    return getU16(this.bytes, FIELD.ECHO_IDENT[0]);
  }
  set echoIdent(v: number) {
    setU16(this.bytes, FIELD.ECHO_IDENT[0], v);
  }
  get echoSeq(): number {
    return getU16(this.bytes, FIELD.ECHO_SEQ[0]);
  }
  set echoSeq(v: number) {
    setU16(this.bytes, FIELD.ECHO_SEQ[0], v);
  }
  get nextHopMtu(): number {
    return getU16(this.bytes, FIELD.UNREACH_MTU[0]);
  }
  set nextHopMtu(v: number) {
    setU16(this.bytes, FIELD.UNREACH_MTU[0], v);
  }
  get gateway(): Ipv4Address {
    return getU32(this.bytes, FIELD.REDIRECT_GATEWAY[0]);
  }
  set gateway(a: Ipv4Address) {
    setU32(this.bytes, FIELD.REDIRECT_GATEWAY[0], a);
  }
  /** The data after the 8-byte header: echo data or the quoted datagram. */
  get data(): Uint8Array {
    return this.bytes.subarray(ICMP_HEADER_LEN);
  }
  /** The checksum the message should carry. */
  expectedChecksum(): number {
    const partial = onesComplementSum(this.bytes, 0, FIELD.CHECKSUM[0]);
    return internetChecksum(this.bytes, FIELD.CHECKSUM[1], this.bytes.length, partial);
  }
  /** Whether the checksum over the whole message is right. */
  verifyChecksum(): boolean {
    return onesComplementSum(this.bytes) === 0xffff;
  }
  /** Computes and stores the checksum over the whole message. */
  fillChecksum(): void {
    this.checksum = 0;
    this.checksum = internetChecksum(this.bytes);
  }
}

/** The length of the message `emitIcmp` writes. */
export function icmpMessageLength(repr: IcmpRepr): number {
  switch (repr.type) {
    case 'echo-request':
    case 'echo-reply':
      return ICMP_HEADER_LEN + repr.data.length;
    case 'dest-unreachable':
    case 'time-exceeded':
    case 'redirect':
      return ICMP_HEADER_LEN + repr.original.length;
    case 'other':
      return FIELD.REST[0] + repr.rest.length;
  }
}

/** The numeric ICMP type of a repr. */
export function icmpTypeNumber(repr: IcmpRepr): number {
  switch (repr.type) {
    case 'echo-request':
      return IcmpType.EchoRequest;
    case 'echo-reply':
      return IcmpType.EchoReply;
    case 'dest-unreachable':
      return IcmpType.DestUnreachable;
    case 'time-exceeded':
      return IcmpType.TimeExceeded;
    case 'redirect':
      return IcmpType.Redirect;
    case 'other':
      return repr.icmpType;
  }
}

/** Reads an ICMP message (the whole IP payload) and verifies its checksum; unknown types become 'other'. */
export function parseIcmp(bytes: Uint8Array): Parsed<IcmpRepr> {
  const checked = IcmpMessage.newChecked(bytes);
  if (!checked.ok) return checked;
  const view = checked.value;
  if (!view.verifyChecksum()) {
    return fail('icmp', 0, `checksum ${hex16(view.checksum)} is wrong (expected ${hex16(view.expectedChecksum())})`);
  }
  const code = view.code;
  switch (view.msgType) {
    case IcmpType.EchoRequest:
    case IcmpType.EchoReply:
      return parsed({
        type: view.msgType === IcmpType.EchoRequest ? 'echo-request' : 'echo-reply',
        ident: view.echoIdent,
        seq: view.echoSeq,
        data: view.data.slice(),
      });
    case IcmpType.DestUnreachable:
      return parsed({ type: 'dest-unreachable', code, nextHopMtu: view.nextHopMtu, original: view.data.slice() });
    case IcmpType.TimeExceeded:
      return parsed({ type: 'time-exceeded', code, original: view.data.slice() });
    case IcmpType.Redirect:
      return parsed({ type: 'redirect', code, gateway: view.gateway, original: view.data.slice() });
    default:
      return parsed({ type: 'other', icmpType: view.msgType, code, rest: bytes.slice(FIELD.REST[0]) });
  }
}

/** Writes the message at `offset` (`icmpMessageLength(repr)` bytes) with its checksum. */
export function emitIcmp(repr: IcmpRepr, buf: Uint8Array, offset = 0): void {
  const bytes = buf.subarray(offset, offset + icmpMessageLength(repr));
  const view = IcmpMessage.newUnchecked(bytes);
  view.msgType = icmpTypeNumber(repr);
  switch (repr.type) {
    case 'echo-request':
    case 'echo-reply':
      view.code = 0;
      view.echoIdent = repr.ident;
      view.echoSeq = repr.seq;
      bytes.set(repr.data, ICMP_HEADER_LEN);
      break;
    case 'dest-unreachable':
      view.code = repr.code;
      setU16(bytes, FIELD.REST[0], 0); // unused (RFC 1191)
      view.nextHopMtu = repr.nextHopMtu;
      bytes.set(repr.original, ICMP_HEADER_LEN);
      break;
    case 'time-exceeded':
      view.code = repr.code;
      setU32(bytes, FIELD.REST[0], 0); // unused (RFC 792)
      bytes.set(repr.original, ICMP_HEADER_LEN);
      break;
    case 'redirect':
      view.code = repr.code;
      view.gateway = repr.gateway;
      bytes.set(repr.original, ICMP_HEADER_LEN);
      break;
    case 'other':
      view.code = repr.code;
      bytes.set(repr.rest, FIELD.REST[0]);
      break;
  }
  view.fillChecksum();
}
