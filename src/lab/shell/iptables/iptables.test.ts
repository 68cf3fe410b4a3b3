import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';

const EMPTY_NAT = [
  'Chain PREROUTING (policy ACCEPT)',
  'target     prot opt source               destination         ',
  '',
  'Chain INPUT (policy ACCEPT)',
  'target     prot opt source               destination         ',
  '',
  'Chain OUTPUT (policy ACCEPT)',
  'target     prot opt source               destination         ',
  '',
  'Chain POSTROUTING (policy ACCEPT)',
  'target     prot opt source               destination         ',
];

describe('iptables', () => {
  it('appends the seed\'s SNAT rule and lists it as iptables -L -n does', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'iptables -t nat -A POSTROUTING -s 192.168.122.0/24 -o ens33 -j SNAT --to-source 12.0.0.10').exitCode).toBe(0);
    expect(f.node('director').iptables.nat.POSTROUTING).toEqual([{ source: '192.168.122.0/24', outInterface: 'ens33', target: { kind: 'SNAT', toSource: '12.0.0.10' } }]);
    expect(f.run('director', 'iptables -t nat -L -n').stdout).toBe([
      ...EMPTY_NAT,
      'SNAT       all  --  192.168.122.0/24     0.0.0.0/0            to:12.0.0.10',
      '',
    ].join('\n'));
    expect(f.run('director', 'iptables -t nat -S POSTROUTING').stdout).toBe('-P POSTROUTING ACCEPT\n-A POSTROUTING -s 192.168.122.0/24 -o ens33 -j SNAT --to-source 12.0.0.10\n');
  });

  it('lists with line numbers, inserts, deletes by spec and by number, flushes', () => {
    const f = new ShellFixture();
    f.run('director', 'iptables -t nat -A PREROUTING -d 192.168.122.10/32 -p tcp --dport 8080 -j DNAT --to-destination 192.168.122.100:80');
    f.run('director', 'iptables -t nat -I PREROUTING 1 -s 10.0.0.0/8 -j ACCEPT');
    expect(f.run('director', 'iptables -t nat -L PREROUTING -n --line-numbers').stdout).toBe([
      'Chain PREROUTING (policy ACCEPT)',
      'num  target     prot opt source               destination         ',
      '1    ACCEPT     all  --  10.0.0.0/8           0.0.0.0/0           ',
      '2    DNAT       tcp  --  0.0.0.0/0            192.168.122.10       tcp dpt:8080 to:192.168.122.100:80',
      '',
    ].join('\n'));
    f.run('director', 'iptables -t nat -D PREROUTING -s 10.0.0.0/8 -j ACCEPT');
    expect(f.node('director').iptables.nat.PREROUTING).toHaveLength(1);
    f.run('director', 'iptables -t nat -D PREROUTING 1');
    expect(f.node('director').iptables.nat.PREROUTING).toHaveLength(0);
    f.run('director', 'iptables -t nat -A POSTROUTING -o ens33 -j MASQUERADE');
    f.run('director', 'iptables -t nat -F');
    expect(f.node('director').iptables.nat.POSTROUTING).toHaveLength(0);
  });

  it('marks packets in mangle for fwmark services', () => {
    const f = new ShellFixture();
    f.run('director', 'iptables -t mangle -A PREROUTING -d 192.168.122.188 -p tcp --dport 80 -j MARK --set-mark 1');
    expect(f.node('director').iptables.mangle.PREROUTING).toEqual([{ destination: '192.168.122.188/32', protocol: 'tcp', dport: '80', target: { kind: 'MARK', mark: 1 } }]);
    expect(f.run('director', 'iptables -t mangle -L PREROUTING -n').stdout).toBe([
      'Chain PREROUTING (policy ACCEPT)',
      'target     prot opt source               destination         ',
      'MARK       tcp  --  0.0.0.0/0            192.168.122.188      tcp dpt:80 MARK set 0x1',
      '',
    ].join('\n'));
    expect(f.run('director', 'iptables -t mangle -S PREROUTING').stdout).toBe('-P PREROUTING ACCEPT\n-A PREROUTING -d 192.168.122.188/32 -p tcp -m tcp --dport 80 -j MARK --set-xmark 0x1/0xffffffff\n');
  });

  it('flushes and lists the (empty) filter table, as seed 003\'s iptables -F does', () => {
    const f = new ShellFixture();
    const doc = f.doc;
    expect(f.run('director', 'iptables -F').exitCode).toBe(0);
    expect(f.doc).toBe(doc);
    expect(f.run('director', 'iptables -L -n').stdout).toBe('Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n\nChain FORWARD (policy ACCEPT)\ntarget     prot opt source               destination         \n\nChain OUTPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n');
  });

  it('negates addresses with !', () => {
    const f = new ShellFixture();
    f.run('director', 'iptables -t nat -A POSTROUTING ! -d 192.168.0.0/16 -j MASQUERADE');
    expect(f.run('director', 'iptables -t nat -L POSTROUTING -n').stdout.split('\n')[2]).toBe('MASQUERADE  all  --  0.0.0.0/0           !192.168.0.0/16      ');
  });
});
