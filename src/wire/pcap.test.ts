import { describe, expect, it } from 'vitest';
import { bytesFromHex } from './hex.ts';
import { parsePcap, PcapWriter } from './pcap.ts';
import { ARP_REQUEST_FRAME, TCP_SYN_FRAME } from './testing/fixtures.ts';
import { errorOf, valueOf } from './testing/parsed.ts';

describe('pcap', () => {
  it('writes the classic little-endian global header: magic a1b2c3d4, version 2.4, Ethernet', () => {
    expect(new PcapWriter().bytes()).toEqual(bytesFromHex('d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000'));
    expect(new PcapWriter(96).bytes().subarray(16, 20)).toEqual(bytesFromHex('60000000'));
  });

  it('writes each record with its virtual time as seconds and microseconds since the epoch', () => {
    const writer = new PcapWriter();
    writer.add(3_000_250, ARP_REQUEST_FRAME);
    const bytes = writer.bytes();
    expect(bytes.length).toBe(24 + 16 + 60);
    expect(bytes.subarray(24, 40)).toEqual(bytesFromHex('03000000 fa000000 3c000000 3c000000'));
    expect(bytes.subarray(40)).toEqual(ARP_REQUEST_FRAME);
  });

  it('cuts frames to the snap length but records their original length', () => {
    const writer = new PcapWriter(20);
    writer.add(0, TCP_SYN_FRAME);
    const bytes = writer.bytes();
    expect(bytes.subarray(32, 40)).toEqual(bytesFromHex('14000000 4a000000'));
    expect(bytes.length).toBe(24 + 16 + 20);
  });

  it('copies frames when they are added', () => {
    const frame = ARP_REQUEST_FRAME.slice();
    const writer = new PcapWriter();
    writer.add(0, frame);
    frame.fill(0);
    expect(valueOf(parsePcap(writer.bytes()))[0]?.bytes).toEqual(ARP_REQUEST_FRAME);
  });

  it('round-trips frames and times through parsePcap', () => {
    const writer = new PcapWriter();
    writer.add(0, ARP_REQUEST_FRAME);
    writer.add(1_000_001, TCP_SYN_FRAME);
    writer.add(86_400_000_000, new Uint8Array(60));
    expect(valueOf(parsePcap(writer.bytes()))).toEqual([
      { timeUs: 0, bytes: ARP_REQUEST_FRAME },
      { timeUs: 1_000_001, bytes: TCP_SYN_FRAME },
      { timeUs: 86_400_000_000, bytes: new Uint8Array(60) },
    ]);
  });

  it('reads big-endian and nanosecond files too', () => {
    const bigEndianNanos = bytesFromHex('a1b23c4d 0002 0004 00000000 00000000 0000ffff 00000001  00000002 1dcd6500 00000002 00000002 abcd');
    expect(valueOf(parsePcap(bigEndianNanos))).toEqual([{ timeUs: 2_500_000, bytes: Uint8Array.from([0xab, 0xcd]) }]);
  });

  it('rejects a file shorter than the global header', () => {
    expect(errorOf(parsePcap(new Uint8Array(10)))).toBe('pcap at byte 0: 10 bytes is shorter than the 24-byte global header');
  });

  it('rejects a file that is not classic pcap', () => {
    const pcapng = bytesFromHex('0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000');
    expect(errorOf(parsePcap(pcapng))).toBe('pcap at byte 0: magic number 0x0a0d0d0a is not a classic pcap file');
  });

  it('rejects a link type other than Ethernet', () => {
    const bytes = new PcapWriter().bytes();
    bytes[20] = 113; // LINKTYPE_LINUX_SLL
    expect(errorOf(parsePcap(bytes))).toBe('pcap at byte 20: link type 113 is not Ethernet (1)');
  });

  it('rejects a truncated record', () => {
    const writer = new PcapWriter();
    writer.add(0, TCP_SYN_FRAME);
    const bytes = writer.bytes();
    expect(errorOf(parsePcap(bytes.subarray(0, 30)))).toBe('pcap at byte 24: record header needs 16 bytes but only 6 remain');
    expect(errorOf(parsePcap(bytes.subarray(0, bytes.length - 1)))).toBe('pcap at byte 32: captured length 74 runs past the end of the file');
  });
});
