import { describe, expect, it } from 'vitest';
import {
  formatIpv4Address,
  inSubnet,
  isLimitedBroadcast,
  isLoopbackIpv4,
  isMulticastIpv4,
  isZeronet,
  netmaskToPrefix,
  parseCidr,
  parseIpv4Address,
  prefixMask,
} from './ipv4-address.ts';

describe('ipv4-address', () => {
  it('parses strict dotted quads into unsigned host-order integers', () => {
    expect(parseIpv4Address('192.168.0.1')).toBe(0xc0a80001);
    expect(parseIpv4Address('255.255.255.255')).toBe(0xffffffff);
    expect(parseIpv4Address('0.0.0.0')).toBe(0);
    expect(parseIpv4Address('10.0.0.100')).toBe(0x0a000064);
  });

  it.each(['01.2.3.4', '1.2.3', '1.2.3.4.5', '256.0.0.1', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.-4', '1..3.4', '0x1.2.3.4', '', '1.2.3.4/24'])(
    'rejects %j',
    (s) => {
      expect(parseIpv4Address(s)).toBeNull();
    },
  );

  it('formats addresses, including ones with the top bit set', () => {
    expect(formatIpv4Address(0xc0a80001)).toBe('192.168.0.1');
    expect(formatIpv4Address(0xffffffff)).toBe('255.255.255.255');
    expect(formatIpv4Address(0)).toBe('0.0.0.0');
  });

  it('builds unsigned prefix masks, with /0 as 0', () => {
    expect(prefixMask(0)).toBe(0);
    expect(prefixMask(1)).toBe(0x80000000);
    expect(prefixMask(24)).toBe(0xffffff00);
    expect(prefixMask(32)).toBe(0xffffffff);
  });

  it('tests subnet membership', () => {
    const net = 0xc0a80100; // 192.168.1.0
    expect(inSubnet(0xc0a801fe, net, 24)).toBe(true);
    expect(inSubnet(0xc0a802fe, net, 24)).toBe(false);
    expect(inSubnet(0x08080808, net, 0)).toBe(true);
    expect(inSubnet(0xc0a80101, 0xc0a80101, 32)).toBe(true);
    expect(inSubnet(0xc0a80102, 0xc0a80101, 32)).toBe(false);
  });

  it('parses CIDR notation and plain addresses as /32, keeping host bits', () => {
    expect(parseCidr('10.0.0.5/24')).toEqual({ address: 0x0a000005, prefixLength: 24 });
    expect(parseCidr('10.0.0.5')).toEqual({ address: 0x0a000005, prefixLength: 32 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ address: 0, prefixLength: 0 });
    for (const bad of ['10.0.0.5/33', '10.0.0.5/', '10.0.0.5/024', '10.0.0/8', '10.0.0.5/8/8', '10.0.0.5/ 8']) {
      expect(parseCidr(bad)).toBeNull();
    }
  });

  it('turns contiguous netmasks into prefix lengths and refuses the others', () => {
    expect(netmaskToPrefix(0xffffff00)).toBe(24);
    expect(netmaskToPrefix(0xffffffff)).toBe(32);
    expect(netmaskToPrefix(0)).toBe(0);
    expect(netmaskToPrefix(0xfffffffc)).toBe(30);
    expect(netmaskToPrefix(0xff00ff00)).toBeNull();
    expect(netmaskToPrefix(0x00ffffff)).toBeNull();
    for (let len = 0; len <= 32; len++) expect(netmaskToPrefix(prefixMask(len))).toBe(len);
  });

  it('classifies special addresses', () => {
    expect(isMulticastIpv4(0xe0000001)).toBe(true);
    expect(isMulticastIpv4(0xefffffff)).toBe(true);
    expect(isMulticastIpv4(0xf0000000)).toBe(false);
    expect(isLimitedBroadcast(0xffffffff)).toBe(true);
    expect(isLimitedBroadcast(0xc0a801ff)).toBe(false);
    expect(isZeronet(0x00000001)).toBe(true);
    expect(isZeronet(0x01000000)).toBe(false);
    expect(isLoopbackIpv4(0x7f000001)).toBe(true);
    expect(isLoopbackIpv4(0x80000001)).toBe(false);
  });
});
