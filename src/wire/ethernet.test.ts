import { describe, expect, it } from 'vitest';
import { emitEthernet, ETHERNET_HEADER_LEN, EthernetFrame, EtherType, parseEthernet, type EthernetRepr } from './ethernet.ts';
import { TCP_SYN_FRAME } from './testing/fixtures.ts';
import { errorOf, valueOf } from './testing/parsed.ts';

const SYN_ETH: EthernetRepr = { dst: 'f6:16:36:bc:f9:c6', src: '02:50:00:00:00:01', ethertype: EtherType.Ipv4 };

describe('ethernet', () => {
  it('deconstructs the header of a captured frame', () => {
    const frame = valueOf(EthernetFrame.newChecked(TCP_SYN_FRAME));
    expect(frame.dst).toBe('f6:16:36:bc:f9:c6');
    expect(frame.src).toBe('02:50:00:00:00:01');
    expect(frame.ethertype).toBe(0x0800);
    expect(frame.payload).toEqual(TCP_SYN_FRAME.subarray(14));
  });

  it('constructs the same 14 bytes', () => {
    const buf = new Uint8Array(ETHERNET_HEADER_LEN);
    emitEthernet(SYN_ETH, buf);
    expect(buf).toEqual(TCP_SYN_FRAME.subarray(0, ETHERNET_HEADER_LEN));
  });

  it('writes through its setters', () => {
    const frame = EthernetFrame.newUnchecked(new Uint8Array(ETHERNET_HEADER_LEN));
    frame.dst = 'FF:FF:FF:FF:FF:FF';
    frame.src = '02:00:00:00:00:01';
    frame.ethertype = EtherType.Arp;
    expect(Array.from(frame.bytes)).toEqual([255, 255, 255, 255, 255, 255, 2, 0, 0, 0, 0, 1, 8, 6]);
  });

  it('parses what it emits, at an offset too', () => {
    const buf = new Uint8Array(4 + ETHERNET_HEADER_LEN);
    emitEthernet(SYN_ETH, buf, 4);
    expect(valueOf(parseEthernet(buf.subarray(4))).repr).toEqual(SYN_ETH);
  });

  it('rejects a frame shorter than the header', () => {
    expect(errorOf(parseEthernet(TCP_SYN_FRAME.subarray(0, 13)))).toBe('ethernet at byte 0: 13 bytes is shorter than the 14-byte header');
  });
});
