import { describe, expect, it } from 'vitest';
import {
  emitIcmp,
  icmpMessageLength,
  IcmpMessage,
  icmpQuote,
  IcmpUnreachableCode,
  parseIcmp,
  type IcmpRepr,
} from './icmp.ts';
import { ICMP_ECHO_REQUEST_PACKET, ICMP_PORT_UNREACHABLE_FRAME } from './testing/fixtures.ts';
import { errorOf, valueOf } from './testing/parsed.ts';
import { be16, referenceChecksum } from './testing/reference.ts';

const ECHO = ICMP_ECHO_REQUEST_PACKET.subarray(20);
const UNREACHABLE = ICMP_PORT_UNREACHABLE_FRAME.subarray(34);

function emitted(repr: IcmpRepr): Uint8Array {
  const buf = new Uint8Array(icmpMessageLength(repr));
  emitIcmp(repr, buf);
  return buf;
}

function withChecksumZeroed(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy.set([0, 0], 2);
  return copy;
}

describe('icmp', () => {
  it('has fixtures whose checksums are right by an independent computation', () => {
    expect(referenceChecksum(withChecksumZeroed(ECHO))).toBe(be16(ECHO, 2));
    expect(be16(ECHO, 2)).toBe(0x82c4);
    expect(referenceChecksum(withChecksumZeroed(UNREACHABLE))).toBe(be16(UNREACHABLE, 2));
    expect(be16(UNREACHABLE, 2)).toBe(0x3665);
  });

  it('deconstructs a captured echo request', () => {
    const icmp = valueOf(IcmpMessage.newChecked(ECHO));
    expect(icmp.msgType).toBe(8);
    expect(icmp.code).toBe(0);
    expect(icmp.checksum).toBe(0x82c4);
    expect(icmp.echoIdent).toBe(4724);
    expect(icmp.echoSeq).toBe(1);
    expect(icmp.data.length).toBe(56);
    expect(icmp.verifyChecksum()).toBe(true);
  });

  it('parses and reconstructs the echo request byte for byte', () => {
    const repr = valueOf(parseIcmp(ECHO));
    expect(repr).toEqual({ type: 'echo-request', ident: 4724, seq: 1, data: ECHO.slice(8) });
    expect(emitted(repr)).toEqual(ECHO);
  });

  it('parses and reconstructs a captured port unreachable quoting a UDP datagram', () => {
    const repr = valueOf(parseIcmp(UNREACHABLE));
    expect(repr).toEqual({ type: 'dest-unreachable', code: IcmpUnreachableCode.Port, nextHopMtu: 0, original: UNREACHABLE.slice(8) });
    if (repr.type !== 'dest-unreachable') throw new Error('not dest-unreachable');
    expect(repr.original.length).toBe(28); // the quoted IP header and 8 bytes of UDP header
    expect(repr.original[9]).toBe(17);
    expect(emitted(repr)).toEqual(UNREACHABLE);
  });

  it.each<IcmpRepr>([
    { type: 'echo-reply', ident: 1, seq: 65535, data: Uint8Array.from([1, 2, 3]) },
    { type: 'dest-unreachable', code: IcmpUnreachableCode.FragNeeded, nextHopMtu: 1480, original: ICMP_ECHO_REQUEST_PACKET.slice(0, 28) },
    { type: 'time-exceeded', code: 0, original: ICMP_ECHO_REQUEST_PACKET.slice(0, 28) },
    { type: 'redirect', code: 1, gateway: 0x0a000001, original: ICMP_ECHO_REQUEST_PACKET.slice(0, 28) },
    { type: 'other', icmpType: 13, code: 0, rest: Uint8Array.from({ length: 16 }, (_, i) => i) },
  ])('round-trips a $type message', (repr) => {
    expect(valueOf(parseIcmp(emitted(repr)))).toEqual(repr);
  });

  it('puts the RFC 1191 next-hop MTU in bytes 6-7 of fragmentation needed', () => {
    const bytes = emitted({ type: 'dest-unreachable', code: IcmpUnreachableCode.FragNeeded, nextHopMtu: 1480, original: new Uint8Array(28) });
    expect(Array.from(bytes.subarray(0, 8))).toEqual([3, 4, bytes[2], bytes[3], 0, 0, 0x05, 0xc8]);
  });

  it('quotes at most 548 bytes of the offending datagram, as icmp_send() does', () => {
    const big = Uint8Array.from({ length: 1500 }, (_, i) => i & 0xff);
    expect(icmpQuote(big)).toEqual(big.subarray(0, 548));
    expect(icmpQuote(big, 1280)).toEqual(big.subarray(0, 548));
    expect(icmpQuote(big, 100).length).toBe(72);
    const small = big.slice(0, 60);
    const quoted = icmpQuote(small);
    expect(quoted).toEqual(small);
    quoted[0] = 99;
    expect(small[0]).toBe(0); // a copy, not a view
  });

  it('rejects a message shorter than the 8-byte header', () => {
    expect(errorOf(parseIcmp(ECHO.subarray(0, 7)))).toBe('icmp at byte 0: 7 bytes is shorter than the 8-byte header');
  });

  it('rejects a wrong checksum, naming the expected one', () => {
    const bad = ECHO.slice();
    bad[40] = (bad[40] ?? 0) ^ 0xff;
    expect(errorOf(parseIcmp(bad))).toMatch(/^icmp at byte 0: checksum 0x82c4 is wrong \(expected 0x[0-9a-f]{4}\)$/);
  });
});
