import { describe, expect, it } from 'vitest';
import { IpProtocol } from './ipv4.ts';
import { emitTcp, formatTcpFlags, parseTcp, tcpFlagNames, TcpFlag, tcpHeaderLength, TcpSegment, tcpSegmentLength, type TcpRepr } from './tcp.ts';
import { formatTcpOptions } from './tcp-options.ts';
import { HTTP_GET_TEXT, TCP_HTTP_GET_FRAME, TCP_SYN_ACK_FRAME, TCP_SYN_FRAME } from './testing/fixtures.ts';
import { errorOf, valueOf } from './testing/parsed.ts';
import { be16, referenceChecksum, referencePseudoHeader } from './testing/reference.ts';

const CLIENT = 0xc0a84103; // 192.168.65.3
const SERVER = 0xbcb8156c; // 188.184.21.108
const SYN = TCP_SYN_FRAME.subarray(34);
const SYN_ACK = TCP_SYN_ACK_FRAME.subarray(34);
const HTTP_GET = TCP_HTTP_GET_FRAME.subarray(34);

const SYN_REPR: TcpRepr = {
  srcPort: 58286,
  dstPort: 80,
  seq: 3356944636,
  ack: 0,
  flags: TcpFlag.Syn,
  window: 64240,
  urgentPointer: 0,
  options: [
    { kind: 'mss', value: 1460 },
    { kind: 'sack-permitted' },
    { kind: 'timestamps', tsval: 3099954794, tsecr: 0 },
    { kind: 'nop' },
    { kind: 'window-scale', shift: 7 },
  ],
  payload: new Uint8Array(),
};

function emitted(repr: TcpRepr, src: number, dst: number): Uint8Array {
  const buf = new Uint8Array(tcpSegmentLength(repr));
  emitTcp(repr, src, dst, buf);
  return buf;
}

function mutated(bytes: Uint8Array, offset: number, ...values: number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(values, offset);
  return copy;
}

/** A SYN with its options area replaced (header grown to fit) and a correct checksum. */
function withOptions(options: number[]): Uint8Array {
  const header = new Uint8Array(20 + options.length);
  header.set(SYN.subarray(0, 20));
  header.set(options, 20);
  header[12] = ((header.length / 4) << 4) & 0xf0;
  TcpSegment.newUnchecked(header).fillChecksum(CLIENT, SERVER);
  return header;
}

describe('tcp', () => {
  it('has fixtures whose checksums are right by an independent computation', () => {
    for (const [segment, src, dst, stored] of [
      [SYN, CLIENT, SERVER, 0x9cfc],
      [SYN_ACK, SERVER, CLIENT, 0xc396],
      [HTTP_GET, CLIENT, SERVER, 0xa0e8],
    ] as const) {
      const zeroed = mutated(segment, 16, 0, 0);
      expect(referenceChecksum(referencePseudoHeader(src, dst, IpProtocol.Tcp, segment.length), zeroed)).toBe(stored);
      expect(be16(segment, 16)).toBe(stored);
    }
  });

  it('deconstructs a captured SYN', () => {
    const tcp = valueOf(TcpSegment.newChecked(SYN));
    expect(tcp.srcPort).toBe(58286);
    expect(tcp.dstPort).toBe(80);
    expect(tcp.seq).toBe(3356944636);
    expect(tcp.ack).toBe(0);
    expect(tcp.headerLength).toBe(40);
    expect(tcp.flags).toBe(TcpFlag.Syn);
    expect(tcp.window).toBe(64240);
    expect(tcp.checksum).toBe(0x9cfc);
    expect(tcp.urgentPointer).toBe(0);
    expect(tcp.verifyChecksum(CLIENT, SERVER)).toBe(true);
    expect(tcp.verifyChecksum(SERVER, CLIENT + 1)).toBe(false);
  });

  it('parses the SYN options as tcpdump printed them', () => {
    const repr = valueOf(parseTcp(SYN, CLIENT, SERVER));
    expect(repr).toEqual(SYN_REPR);
    expect(formatTcpOptions(repr.options)).toBe('mss 1460,sackOK,TS val 3099954794 ecr 0,nop,wscale 7');
    expect(formatTcpFlags(repr.flags)).toBe('S');
  });

  it('constructs the SYN byte for byte', () => {
    expect(tcpHeaderLength(SYN_REPR)).toBe(40);
    expect(emitted(SYN_REPR, CLIENT, SERVER)).toEqual(SYN);
  });

  it('reads a SYN-ACK padded with end-of-list and pads it back the same way', () => {
    const repr = valueOf(parseTcp(SYN_ACK, SERVER, CLIENT));
    expect(repr.options).toEqual([
      { kind: 'mss', value: 1460 },
      { kind: 'window-scale', shift: 2 },
    ]);
    expect(formatTcpFlags(repr.flags)).toBe('S.');
    expect(repr.ack).toBe(3356944637);
    expect(tcpHeaderLength(repr)).toBe(28);
    expect(emitted(repr, SERVER, CLIENT)).toEqual(SYN_ACK);
  });

  it('round-trips a segment with a payload', () => {
    const repr = valueOf(parseTcp(HTTP_GET, CLIENT, SERVER));
    expect(new TextDecoder().decode(repr.payload)).toBe(HTTP_GET_TEXT);
    expect(formatTcpFlags(repr.flags)).toBe('P.');
    expect(emitted(repr, CLIENT, SERVER)).toEqual(HTTP_GET);
    expect(valueOf(parseTcp(emitted(repr, CLIENT, SERVER), CLIENT, SERVER))).toEqual(repr);
  });

  it('round-trips unknown options and keeps the given order', () => {
    const repr: TcpRepr = {
      ...SYN_REPR,
      options: [{ kind: 'nop' }, { kind: 'unknown', type: 30, data: Uint8Array.from([1, 2, 3]) }, { kind: 'sack-permitted' }],
    };
    expect(tcpHeaderLength(repr)).toBe(28);
    expect(valueOf(parseTcp(emitted(repr, CLIENT, SERVER), CLIENT, SERVER))).toEqual(repr);
  });

  it('formats flags as tcpdump and by name', () => {
    const { Fin, Syn, Rst, Psh, Ack, Urg, Ece, Cwr } = TcpFlag;
    expect(formatTcpFlags(Syn)).toBe('S');
    expect(formatTcpFlags(Syn | Ack)).toBe('S.');
    expect(formatTcpFlags(Ack)).toBe('.');
    expect(formatTcpFlags(Psh | Ack)).toBe('P.');
    expect(formatTcpFlags(Fin | Ack)).toBe('F.');
    expect(formatTcpFlags(Rst)).toBe('R');
    expect(formatTcpFlags(Rst | Ack)).toBe('R.');
    expect(formatTcpFlags(Syn | Ece | Cwr)).toBe('SEW');
    expect(formatTcpFlags(Urg | Ack)).toBe('.U');
    expect(formatTcpFlags(0)).toBe('none');
    expect(tcpFlagNames(Syn | Ack)).toBe('SYN,ACK');
    expect(tcpFlagNames(Fin | Psh | Ack)).toBe('FIN,PSH,ACK');
    expect(tcpFlagNames(0)).toBe('none');
  });

  it('rejects a segment shorter than the minimum header', () => {
    expect(errorOf(parseTcp(SYN.subarray(0, 19), CLIENT, SERVER))).toBe('tcp at byte 0: 19 bytes is shorter than the 20-byte minimum header');
  });

  it('rejects a data offset below 5', () => {
    expect(errorOf(parseTcp(mutated(SYN, 12, 0x40), CLIENT, SERVER))).toBe('tcp at byte 12: data offset 4 (16 bytes) is below the minimum 5 (20 bytes)');
  });

  it('rejects a data offset running past the segment', () => {
    expect(errorOf(parseTcp(mutated(SYN, 12, 0xf0), CLIENT, SERVER))).toBe('tcp at byte 12: data offset 15 (60 bytes) runs past the 40-byte segment');
  });

  it('rejects a wrong checksum, naming the expected one', () => {
    expect(errorOf(parseTcp(mutated(SYN, 16, 0xde, 0xad), CLIENT, SERVER))).toBe('tcp at byte 0: checksum 0xdead is wrong (expected 0x9cfc)');
  });

  it('rejects an option whose length runs past the header', () => {
    expect(errorOf(parseTcp(withOptions([1, 1, 2, 8]), CLIENT, SERVER))).toBe('tcp at byte 23: option kind 2 with length 8 runs past the end of the header at byte 24');
  });

  it('rejects an option length below 2', () => {
    expect(errorOf(parseTcp(withOptions([30, 1, 0, 0]), CLIENT, SERVER))).toBe('tcp at byte 21: option kind 30 has length 1, below the minimum 2');
  });

  it('rejects an option with no room for its length byte', () => {
    expect(errorOf(parseTcp(withOptions([1, 1, 1, 3]), CLIENT, SERVER))).toBe('tcp at byte 23: option kind 3 has no room for its length byte before the header ends at byte 24');
  });

  it('rejects a known option with the wrong length', () => {
    expect(errorOf(parseTcp(withOptions([2, 3, 5, 0]), CLIENT, SERVER))).toBe('tcp at byte 21: option kind 2 has length 3, expected 4');
  });
});
