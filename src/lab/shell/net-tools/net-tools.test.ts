import { describe, expect, it } from 'vitest';
import { endpoint } from './netstat.ts';
import { macFor } from '../../mac.ts';
import { ShellFixture } from '../testing/fixture.ts';

describe('ifconfig', () => {
  it('configures an alias as seed 003 does, with the broadcast it was given', () => {
    const f = new ShellFixture();
    const r = f.run('director', 'ifconfig ens33:0 192.168.122.188 broadcast 192.168.122.188 netmask 255.255.255.255 up');
    expect(r.exitCode).toBe(0);
    expect(f.node('director').addresses[1]).toEqual({ dev: 'ens33', address: '192.168.122.188', prefixLength: 32, label: 'ens33:0', broadcast: '192.168.122.188' });
    expect(f.run('director', 'ifconfig ens33:0').stdout).toBe([
      'ens33:0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500',
      '        inet 192.168.122.188  netmask 255.255.255.255  broadcast 192.168.122.188',
      `        ether ${macFor('director', 'ens33')}  txqueuelen 1000  (Ethernet)`,
      '', '',
    ].join('\n'));
  });

  it('lists devices and aliases sorted by name; lo has no broadcast field', () => {
    const f = new ShellFixture();
    f.run('web1', 'ifconfig lo:0 192.168.122.188 broadcast 192.168.122.188 netmask 255.255.255.255 up');
    expect(f.run('web1', 'ifconfig').stdout).toBe([
      'ens33: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500',
      '        inet 192.168.122.100  netmask 255.255.255.0  broadcast 0.0.0.0',
      `        ether ${macFor('web1', 'ens33')}  txqueuelen 1000  (Ethernet)`,
      '',
      'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536',
      '        inet 127.0.0.1  netmask 255.0.0.0',
      '        loop  txqueuelen 1000  (Local Loopback)',
      '',
      'lo:0: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536',
      '        inet 192.168.122.188  netmask 255.255.255.255',
      '        loop  txqueuelen 1000  (Local Loopback)',
      '', '',
    ].join('\n'));
    // The kernel keeps the broadcast set on lo:0 even though lo has no IFF_BROADCAST.
    expect(f.run('web1', 'ip addr show lo').stdout).toContain('inet 192.168.122.188/32 brd 192.168.122.188 scope global lo:0');
  });

  it('gives a new address its classful mask and broadcast, and brings the device up', () => {
    const f = new ShellFixture(`
node a host
node b host
link a:eth0 b:eth0
`);
    f.run('a', 'ifconfig eth0 172.17.1.5');
    expect(f.node('a').addresses).toEqual([{ dev: 'eth0', address: '172.17.1.5', prefixLength: 16, broadcast: '172.17.255.255' }]);
    expect(f.node('a').interfaces[1]!.up).toBe(true);
    f.run('a', 'ifconfig eth0 netmask 255.255.255.0');
    expect(f.node('a').addresses).toEqual([{ dev: 'eth0', address: '172.17.1.5', prefixLength: 24, broadcast: '172.17.1.255' }]);
  });

  it('down on an alias deletes its address; down on a device brings it down', () => {
    const f = new ShellFixture();
    f.run('director', 'ifconfig ens33:0 192.168.122.188 netmask 255.255.255.255 up');
    f.run('director', 'ifconfig ens33:0 down');
    expect(f.node('director').addresses.map((a) => a.address)).toEqual(['192.168.122.10']);
    f.run('director', 'ifconfig ens33 down');
    expect(f.node('director').interfaces[1]!.up).toBe(false);
    expect(f.run('director', 'ifconfig').stdout.startsWith('lo:')).toBe(true);
    expect(f.run('director', 'ifconfig -a').stdout.startsWith('ens33: flags=4098<BROADCAST,MULTICAST>  mtu 1500\n')).toBe(true);
  });
});

describe('route', () => {
  it('adds a host route through an alias as a route on lo with the alias address as source', () => {
    const f = new ShellFixture();
    f.run('web1', 'ifconfig lo:0 192.168.122.188 broadcast 192.168.122.188 netmask 255.255.255.255 up');
    expect(f.run('web1', 'route add -host 192.168.122.188 dev lo:0').exitCode).toBe(0);
    expect(f.node('web1').routes).toEqual([{ dst: '192.168.122.188/32', dev: 'lo', src: '192.168.122.188' }]);
    // seed 003 leaves out "dev": the last word is the device.
    f.run('web1', 'route del -host 192.168.122.188');
    expect(f.run('web1', 'route add -host 192.168.122.188 lo:0').exitCode).toBe(0);
    expect(f.run('web1', 'ip route').stdout).toContain('192.168.122.188 dev lo scope link src 192.168.122.188 \n');
  });

  it('prints the kernel routing table', () => {
    const f = new ShellFixture();
    f.run('director', 'route add -net 10.0.0.0 netmask 255.0.0.0 gw 192.168.122.1 metric 3');
    f.run('director', 'route add -host 10.9.9.9 reject');
    expect(f.run('director', 'route -n').stdout).toBe([
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface',
      '0.0.0.0         192.168.122.1   0.0.0.0         UG    0      0        0 ens33',
      '10.0.0.0        192.168.122.1   255.0.0.0       UG    3      0        0 ens33',
      '10.9.9.9        -               255.255.255.255 !H    0      -        0 -',
      '192.168.122.0   0.0.0.0         255.255.255.0   U     0      0        0 ens33',
      '',
    ].join('\n'));
  });

  it('adds and deletes a default route', () => {
    const f = new ShellFixture();
    f.run('web1', 'route add default gw 192.168.122.1');
    expect(f.node('web1').routes).toEqual([{ dst: 'default', via: '192.168.122.1' }]);
    f.run('web1', 'route del default');
    expect(f.node('web1').routes).toEqual([]);
  });

  it('puts a second default route with another gateway before the first, as the kernel does (no NLM_F_EXCL); the same one twice is refused', () => {
    const f = new ShellFixture();
    f.run('web1', 'route add default gw 192.168.122.1');
    expect(f.run('web1', 'route add default gw 192.168.122.10')).toMatchObject({ exitCode: 0, stderr: '' });
    expect(f.run('web1', 'route add default gw 192.168.122.1')).toMatchObject({ exitCode: 7, stderr: 'SIOCADDRT: File exists\n' });
    expect(f.node('web1').routes).toEqual([{ dst: 'default', via: '192.168.122.10' }, { dst: 'default', via: '192.168.122.1' }]);
    expect(f.run('web1', 'route -n').stdout.split('\n').slice(2, 4)).toEqual([
      '0.0.0.0         192.168.122.10  0.0.0.0         UG    0      0        0 ens33',
      '0.0.0.0         192.168.122.1   0.0.0.0         UG    0      0        0 ens33',
    ]);
    // fib_table_delete takes the first that matches: the newer.
    f.run('web1', 'route del default');
    expect(f.node('web1').routes).toEqual([{ dst: 'default', via: '192.168.122.1' }]);
  });
});

describe('arp', () => {
  it('prints only the header without a running simulation', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'arp -n').stdout).toBe('Address                  HWtype  HWaddress           Flags Mask            Iface\n');
  });
});

describe('netstat', () => {
  it('cuts an address and port longer than 22 characters as addr_do_one does, unless -W', () => {
    expect(endpoint('192.168.122.188', '80', false)).toBe('192.168.122.188:80');
    expect(endpoint('::ffff:192.168.122.188', '80', false)).toBe('::ffff:192.168.122.1:80');
    expect(endpoint('::ffff:192.168.122.188', '54604', false)).toBe('::ffff:192.168.12:54604');
    expect(endpoint('::ffff:192.168.122.188', '54604', true)).toBe('::ffff:192.168.122.188:54604');
  });
});
