import { describe, expect, it } from 'vitest';
import {
  internMac,
  BROADCAST_MAC,
  isBroadcastMac,
  isMulticastMac,
  macFromBytes,
  macToBytes,
  parseMacAddress,
  ZERO_MAC,
} from './mac-address.ts';

describe('mac-address', () => {
  it('parses upper or lower case and canonicalises to lower case', () => {
    expect(parseMacAddress('02:00:00:00:00:01')).toBe('02:00:00:00:00:01');
    expect(parseMacAddress('F6:16:36:BC:F9:C6')).toBe('f6:16:36:bc:f9:c6');
  });

  it.each(['02-00-00-00-00-01', '2:0:0:0:0:1', '02:00:00:00:00', '02:00:00:00:00:01:02', '02:00:00:00:00:0g', ' 02:00:00:00:00:01', ''])(
    'rejects %j',
    (s) => {
      expect(parseMacAddress(s)).toBeNull();
    },
  );

  it('knows broadcast and multicast (I/G bit) addresses', () => {
    expect(isBroadcastMac(BROADCAST_MAC)).toBe(true);
    expect(isBroadcastMac('ff:ff:ff:ff:ff:fe')).toBe(false);
    expect(isMulticastMac(BROADCAST_MAC)).toBe(true);
    expect(isMulticastMac('01:00:5e:00:00:01')).toBe(true);
    expect(isMulticastMac('02:00:00:00:00:01')).toBe(false);
    expect(isMulticastMac(ZERO_MAC)).toBe(false);
  });

  it('converts to and from bytes', () => {
    expect(Array.from(macToBytes('98:5a:eb:dd:1c:64'))).toEqual([0x98, 0x5a, 0xeb, 0xdd, 0x1c, 0x64]);
    const frame = new Uint8Array([0, 0, 0x98, 0x5a, 0xeb, 0xdd, 0x1c, 0x64, 0]);
    expect(macFromBytes(frame, 2)).toBe('98:5a:eb:dd:1c:64');
    expect(macFromBytes(macToBytes(BROADCAST_MAC), 0)).toBe(BROADCAST_MAC);
  });

  it('interns an address as an equal string, whatever copy it is given', () => {
    const built = ['98', '5a', 'eb', 'dd', '1c', '64'].join(':');
    expect(internMac(built)).toBe('98:5a:eb:dd:1c:64');
    expect(internMac(BROADCAST_MAC)).toBe(BROADCAST_MAC);
    expect(internMac(macFromBytes(macToBytes(built), 0))).toBe(internMac(built));
  });
});
