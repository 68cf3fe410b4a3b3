import { describe, expect, it } from 'vitest';
import { macFor } from '../../mac.ts';
import { ShellFixture } from '../testing/fixture.ts';

const dirMac = macFor('director', 'ens33');

describe('ip address', () => {
  it('lists devices and addresses as iproute2 6.1 does', () => {
    const f = new ShellFixture();
    f.run('director', 'ip addr add 192.168.122.188/32 dev ens33 label ens33:0');
    expect(f.run('director', 'ip addr').stdout).toBe([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '2: ens33: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000',
      `    link/ether ${dirMac} brd ff:ff:ff:ff:ff:ff`,
      '    inet 192.168.122.10/24 scope global ens33',
      '       valid_lft forever preferred_lft forever',
      '    inet 192.168.122.188/32 scope global ens33:0',
      '       valid_lft forever preferred_lft forever',
      '',
    ].join('\n'));
    expect(f.run('director', 'ip -4 a show dev lo').stdout).toBe('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n');
  });

  it('marks same-subnet addresses secondary, computes brd +, and gives 127/8 host scope', () => {
    const f = new ShellFixture();
    f.run('web1', 'ip addr add 192.168.122.200/24 brd + dev ens33');
    f.run('web1', 'ip addr add 127.0.0.2/8 dev lo');
    const out = f.run('web1', 'ip addr show ens33').stdout;
    expect(out).toContain('    inet 192.168.122.200/24 brd 192.168.122.255 scope global secondary ens33\n');
    expect(f.node('web1').addresses.find((a) => a.address === '127.0.0.2')).toEqual({ dev: 'lo', address: '127.0.0.2', prefixLength: 8, scope: 'host' });
  });

  it('deleting a primary takes its secondaries and the routes using them', () => {
    const f = new ShellFixture();
    f.run('web1', 'ip addr add 192.168.122.200/24 dev ens33');
    f.run('web1', 'ip route add 10.0.0.0/8 via 192.168.122.1 src 192.168.122.200');
    expect(f.run('web1', 'ip addr del 192.168.122.100/24 dev ens33').exitCode).toBe(0);
    expect(f.node('web1').addresses).toEqual([]);
    expect(f.node('web1').routes).toEqual([]);
  });

  it('warns about a wildcard deletion without a prefix length', () => {
    const f = new ShellFixture();
    const r = f.run('web1', 'ip addr del 192.168.122.100 dev ens33');
    expect(r.stderr).toBe('Warning: Executing wildcard deletion to stay compatible with old scripts.\n         Explicitly specify the prefix length (192.168.122.100/32) to avoid this warning.\n         This special behaviour is likely to disappear in further releases,\n         fix your scripts!\n');
    expect(r.exitCode).toBe(0);
    expect(f.node('web1').addresses).toEqual([]);
  });

  it('flushes a device', () => {
    const f = new ShellFixture();
    f.run('web1', 'ip addr add 10.1.1.1/24 dev ens33');
    f.run('web1', 'ip addr flush dev ens33');
    expect(f.node('web1').addresses).toEqual([]);
  });
});

describe('ip link', () => {
  it('shows carrier, state and the qdisc of down devices', () => {
    const f = new ShellFixture(`
node a host
node b host
link a:eth0 b:eth0
`);
    expect(f.run('a', 'ip link show eth0').stdout).toBe(`2: eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000\n    link/ether ${macFor('a', 'eth0')} brd ff:ff:ff:ff:ff:ff\n`);
    f.run('a', 'ip link set eth0 up');
    expect(f.run('a', 'ip link show eth0').stdout.split('\n')[0]).toBe('2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000');
  });

  it('down removes the routes through the device for good; up does not bring them back', () => {
    const f = new ShellFixture();
    f.run('director', 'ip route add 10.0.0.0/8 dev ens33');
    f.run('director', 'ip link set ens33 down');
    expect(f.node('director').routes).toEqual([]);
    f.run('director', 'ip link set ens33 up');
    expect(f.run('director', 'ip route').stdout).toBe('192.168.122.0/24 dev ens33 proto kernel scope link src 192.168.122.10 \n');
  });

  it('sets mtu and address', () => {
    const f = new ShellFixture();
    f.run('web1', 'ip link set dev ens33 mtu 1400');
    f.run('web1', 'ip link set ens33 address 00:0C:29:AA:BB:CC');
    expect(f.node('web1').interfaces[1]).toEqual({ name: 'ens33', kind: 'ether', mac: '00:0c:29:aa:bb:cc', mtu: 1400, up: true });
  });

  it('shows tunl0 after modprobe ipip', () => {
    const f = new ShellFixture();
    f.run('web1', 'modprobe ipip');
    expect(f.run('web1', 'ip link show tunl0').stdout).toBe('3: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN group default qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n');
    f.run('web1', 'ip link set tunl0 up');
    expect(f.run('web1', 'ip link show tunl0').stdout.split('\n')[0]).toBe('3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000');
  });
});

describe('ip route', () => {
  it('lists the main table with a space after every field', () => {
    const f = new ShellFixture();
    f.run('director', 'ip route add 10.0.0.0/8 via 192.168.122.1 metric 5');
    f.run('director', 'ip route add blackhole 172.16.0.0/12');
    expect(f.run('director', 'ip route show').stdout).toBe([
      'default via 192.168.122.1 dev ens33 ',
      '10.0.0.0/8 via 192.168.122.1 dev ens33 metric 5 ',
      'blackhole 172.16.0.0/12 ',
      '192.168.122.0/24 dev ens33 proto kernel scope link src 192.168.122.10 ',
      '',
    ].join('\n'));
  });

  it('adds (refusing a taken destination and metric), prepends, appends and replaces as its netlink flags say', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'ip route add default via 192.168.122.2')).toMatchObject({ exitCode: 2, stderr: 'RTNETLINK answers: File exists\n' });
    expect(f.run('director', 'ip r a default via 192.168.122.2').stderr).toBe('RTNETLINK answers: File exists\n');
    expect(f.run('director', 'ip route prepend default via 192.168.122.2').exitCode).toBe(0);
    expect(f.run('director', 'ip route append default via 192.168.122.3').exitCode).toBe(0);
    expect(f.run('director', 'ip route append default via 192.168.122.3').stderr).toBe('RTNETLINK answers: File exists\n');
    expect(f.run('director', 'ip route show').stdout.split('\n').slice(0, 3)).toEqual([
      'default via 192.168.122.2 dev ens33 ', 'default via 192.168.122.1 dev ens33 ', 'default via 192.168.122.3 dev ens33 ',
    ]);
    f.run('director', 'ip route replace default via 192.168.122.4');
    expect(f.node('director').routes.map((r) => r.via)).toEqual(['192.168.122.4', '192.168.122.1', '192.168.122.3']);
  });

  it('lists the local table, and all tables with the table named', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'ip route show table local').stdout).toBe([
      'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 ',
      'local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 ',
      'broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1 ',
      'local 192.168.122.100 dev ens33 proto kernel scope host src 192.168.122.100 ',
      'broadcast 192.168.122.255 dev ens33 proto kernel scope link src 192.168.122.100 ',
      '',
    ].join('\n'));
    expect(f.run('web1', 'ip route show table all').stdout).toContain('local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 \n');
  });

  it('flags routes through a device without carrier as linkdown', () => {
    const f = new ShellFixture(`
node a host
node b host
link a:eth0 b:eth0
@a
ip addr add 10.0.0.1/24 dev eth0
`);
    f.doc = { ...f.doc, links: [] };
    f.run('a', 'ip link set eth0 up');
    expect(f.run('a', 'ip route').stdout).toBe('10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 linkdown \n');
  });

  it('replaces and deletes', () => {
    const f = new ShellFixture();
    f.run('director', 'ip route replace default via 192.168.122.1 dev ens33');
    expect(f.node('director').routes).toEqual([{ dst: 'default', via: '192.168.122.1', dev: 'ens33' }]);
    f.run('director', 'ip route del default');
    expect(f.node('director').routes).toEqual([]);
  });
});

describe('ip neigh (no simulation running)', () => {
  it('lists nothing and accepts a flush by device', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'ip neigh').stdout).toBe('');
    expect(f.run('director', 'ip neigh flush dev ens33').exitCode).toBe(0);
  });
});
