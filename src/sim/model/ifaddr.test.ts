import { describe, expect, it } from 'vitest';
import { formatIpv4Address, parseIpv4Address } from '../../wire/ipv4-address.ts';
import { ifaddrRoutes, ifaInsertPlace, type IfaOrderKey } from './ifaddr.ts';

const ip = (s: string) => parseIpv4Address(s)!;
const key = (address: string, prefixLength: number, scope = 0, secondary = false): IfaOrderKey => ({ address: ip(address), prefixLength, scope, secondary });

describe('__inet_insert_ifa order', () => {
  it('puts a primary after the last primary of the same or a narrower scope, a secondary at the end', () => {
    const list = [key('127.0.0.1', 8, 254), key('10.0.0.1', 24, 0), key('10.0.0.2', 24, 0, true)];
    // A global primary goes after the global primary, before the secondary (list index 2).
    expect(ifaInsertPlace([list[1]!, list[2]!], key('192.168.1.1', 24))).toEqual({ index: 1, secondary: false });
    // A host-scope address goes after 127.0.0.1 (host) and before the global 10.0.0.1: `ip addr show lo` lists 127.0.0.1 first.
    expect(ifaInsertPlace(list, key('1.1.1.1', 32, 254))).toEqual({ index: 1, secondary: false });
    expect(ifaInsertPlace(list, key('10.0.0.3', 24))).toEqual({ index: 3, secondary: true });
    // Another mask over the same addresses is a primary of its own.
    expect(ifaInsertPlace(list, key('10.0.0.3', 16))).toEqual({ index: 2, secondary: false });
  });

  it('refuses a duplicate (EEXIST) and a same-subnet address of another scope (EINVAL)', () => {
    const list = [key('10.0.0.1', 24)];
    expect(ifaInsertPlace(list, key('10.0.0.1', 24))).toBe('EEXIST');
    expect(ifaInsertPlace(list, key('10.0.0.9', 24, 253))).toBe('EINVAL');
  });
});

describe('fib_add_ifaddr', () => {
  const show = (r: ReturnType<typeof ifaddrRoutes>) =>
    [...r.local, ...r.main].map((x) => `${x.table} ${x.type} ${formatIpv4Address(x.dst)}/${x.prefixLength} ${x.dev} src ${formatIpv4Address(x.prefsrc)} ${x.scope}`);

  it('adds local, broadcast and connected routes; the VIP on lo:0 as /32 adds only its local route', () => {
    const routes = ifaddrRoutes([
      { name: 'lo', up: true, loopback: true, addresses: [{ address: ip('127.0.0.1'), prefixLength: 8, broadcast: 0, secondary: false }, { address: ip('192.168.122.188'), prefixLength: 32, broadcast: ip('192.168.122.188'), secondary: false }] },
      { name: 'ens33', up: true, loopback: false, addresses: [{ address: ip('192.168.122.100'), prefixLength: 24, broadcast: ip('192.168.122.255'), secondary: false }, { address: ip('192.168.122.101'), prefixLength: 24, broadcast: 0, secondary: true }] },
      { name: 'eth9', up: false, loopback: false, addresses: [{ address: ip('10.9.9.9'), prefixLength: 24, broadcast: 0, secondary: false }] },
    ]);
    expect(show(routes)).toEqual([
      'local local 127.0.0.1/32 lo src 127.0.0.1 host',
      'local local 127.0.0.0/8 lo src 127.0.0.1 host',
      'local broadcast 127.255.255.255/32 lo src 127.0.0.1 link',
      'local local 192.168.122.188/32 lo src 192.168.122.188 host',
      'local broadcast 192.168.122.188/32 lo src 192.168.122.188 link',
      'local local 192.168.122.100/32 ens33 src 192.168.122.100 host',
      'local broadcast 192.168.122.255/32 ens33 src 192.168.122.100 link',
      'local broadcast 192.168.122.255/32 ens33 src 192.168.122.100 link',
      // The secondary's local route takes the primary as source; no connected route of its own.
      'local local 192.168.122.101/32 ens33 src 192.168.122.100 host',
      'main unicast 192.168.122.0/24 ens33 src 192.168.122.100 link',
    ]);
  });
});
