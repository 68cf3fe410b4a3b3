import { describe, expect, it } from 'vitest';
import { macFor } from '../../mac.ts';
import type { DeviceCounters } from '../command.ts';
import { ShellFixture } from '../testing/fixture.ts';

/** A DR real server as LVS tutorials' realserver scripts set it up: the VIP on lo:0 and a host route to it. */
function realServer(opts: ConstructorParameters<typeof ShellFixture>[1] = {}): ShellFixture {
  const f = new ShellFixture(undefined, opts);
  f.run('web1', 'ifconfig lo:0 192.168.122.188 broadcast 192.168.122.188 netmask 255.255.255.255 up');
  f.run('web1', 'route add -host 192.168.122.188 dev lo:0');
  return f;
}

const COUNTERS: Readonly<Record<string, DeviceCounters>> = {
  ens33: { rxPackets: 570291, rxBytes: 81234567, txPackets: 225897, txBytes: 31234567 },
  lo: { rxPackets: 130, rxBytes: 11200, txPackets: 130, txBytes: 11200 },
};
const counters = (node: string, dev: string): DeviceCounters | undefined => (node === 'web1' ? COUNTERS[dev] : undefined);

const USAGE_HEAD = 'usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n';

describe('netstat -r', () => {
  it("prints route -e's table; a route added with dev lo:0 is the kernel's route through lo", () => {
    const f = realServer();
    const table = [
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface',
      '192.168.122.0   0.0.0.0         255.255.255.0   U         0 0          0 ens33',
      '192.168.122.188 0.0.0.0         255.255.255.255 UH        0 0          0 lo',
      '',
    ].join('\n');
    expect(f.run('web1', 'netstat -rn')).toMatchObject({ stdout: table, stderr: '', exitCode: 0 });
    expect(f.run('web1', 'netstat --route --numeric').stdout).toBe(table);
    // /proc/net/route names the device, lo, not the label: the tutorials' `grep "lo:0"` finds
    // nothing (their status check is fooled by a typo, `! "isrothere"`); route -n shows lo too.
    expect(f.run('web1', 'netstat -rn | grep "lo:0"')).toMatchObject({ stdout: '', exitCode: 1 });
    expect(f.run('web1', 'route -n | grep "lo:0"')).toMatchObject({ stdout: '', exitCode: 1 });
    expect(f.run('web1', 'netstat -rn | grep 192.168.122.188').stdout).toBe('192.168.122.188 0.0.0.0         255.255.255.255 UH        0 0          0 lo\n');
    expect(f.run('web1', 'route -n').stdout).toContain('192.168.122.188 0.0.0.0         255.255.255.255 UH    0      0        0 lo\n');
  });

  it('prints numbers without -n, as the lab’s route does (the lab has no DNS)', () => {
    const f = realServer();
    expect(f.run('web1', 'route').stdout).toBe(f.run('web1', 'route -n').stdout);
    expect(f.run('web1', 'netstat -r').stdout).toBe(f.run('web1', 'netstat -rn').stdout);
  });

  it("-e gives route's table, -ee route -ee's; -eee only the title (flag_exp & FLAG_EXT is 0)", () => {
    const f = new ShellFixture();
    f.run('director', 'route add -host 10.9.9.9 reject');
    f.run('director', 'ip route add 10.1.0.0/16 via 192.168.122.1 advmss 1400 metric 5');
    expect(f.run('director', 'netstat -rne').stdout).toBe(f.run('director', 'route -n').stdout);
    expect(f.run('director', 'netstat -rne').stdout).toBe([
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface',
      '0.0.0.0         192.168.122.1   0.0.0.0         UG    0      0        0 ens33',
      '10.1.0.0        192.168.122.1   255.255.0.0     UG    5      0        0 ens33',
      '10.9.9.9        -               255.255.255.255 !H    0      -        0 -',
      '192.168.122.0   0.0.0.0         255.255.255.0   U     0      0        0 ens33',
      '',
    ].join('\n'));
    // The MSS column is what /proc/net/route holds: advmss + 40.
    expect(f.run('director', 'netstat -rn').stdout).toBe([
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface',
      '0.0.0.0         192.168.122.1   0.0.0.0         UG        0 0          0 ens33',
      '10.1.0.0        192.168.122.1   255.255.0.0     UG     1440 0          0 ens33',
      '10.9.9.9        -               255.255.255.255 !H        - -          - -',
      '192.168.122.0   0.0.0.0         255.255.255.0   U         0 0          0 ens33',
      '',
    ].join('\n'));
    expect(f.run('director', 'netstat -rnee').stdout).toBe([
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt',
      '0.0.0.0         192.168.122.1   0.0.0.0         UG    0      0        0 ens33    0     0      0',
      '10.1.0.0        192.168.122.1   255.255.0.0     UG    5      0        0 ens33    1440  0      0',
      '10.9.9.9        -               255.255.255.255 !H    0      -        0 -        -     -      -',
      '192.168.122.0   0.0.0.0         255.255.255.0   U     0      0        0 ens33    0     0      0',
      '',
    ].join('\n'));
    expect(f.run('director', 'netstat -rneee')).toMatchObject({ stdout: 'Kernel IP routing table\n', exitCode: 0 });
    expect(f.run('director', 'netstat -r -e -e -e -e').stdout).toBe(f.run('director', 'netstat -rne').stdout);
  });

  it('-C prints the routing cache, empty on a 3.10 kernel; -F -C both', () => {
    const f = realServer();
    const cache = 'Kernel IP routing cache\nSource          Destination     Gateway         Flags   MSS Window  irtt Iface\n';
    expect(f.run('web1', 'netstat -rnC').stdout).toBe(cache);
    expect(f.run('web1', 'netstat -rnCe').stdout).toBe('Kernel IP routing cache\nSource          Destination     Gateway         Flags Metric Ref    Use Iface\n');
    expect(f.run('web1', 'netstat -rnFC').stdout).toBe(f.run('web1', 'netstat -rn').stdout + cache);
  });

  it('takes precedence over socket options, which it ignores', () => {
    const f = realServer();
    expect(f.run('web1', 'netstat -rntlp').stdout).toBe(f.run('web1', 'netstat -rn').stdout);
  });
});

describe('netstat -i', () => {
  it('lists devices and alias labels, an alias without statistics (/proc/net/dev has none)', () => {
    const f = realServer({ counters });
    expect(f.run('web1', 'netstat -i')).toMatchObject({
      stdout: [
        'Kernel Interface table',
        'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg',
        'ens33            1500   570291      0      0 0        225897      0      0      0 BMRU',
        'lo              65536      130      0      0 0           130      0      0      0 LRU',
        'lo:0            65536      - no statistics available -                        LRU',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(f.run('web1', 'netstat --interfaces -n').stdout).toBe(f.run('web1', 'netstat -i').stdout);
  });

  it('leaves out devices that are down unless -a; shows O for NOARP and P for promiscuous', () => {
    const f = new ShellFixture(undefined, { counters });
    f.run('web1', 'modprobe ipip');
    const all = f.run('web1', 'netstat -ia').stdout;
    expect(all).toContain('\ntunl0            1480      - no statistics available -                        O\n');
    expect(f.run('web1', 'netstat -i').stdout).not.toContain('tunl0');
    f.run('web1', 'ip link set tunl0 up');
    expect(f.run('web1', 'netstat -i').stdout).toContain('\ntunl0            1480      - no statistics available -                        ORU\n');
    f.run('web1', 'ip link set ens33 down');
    expect(f.run('web1', 'netstat -ia').stdout).toContain('\nens33            1500   570291      0      0 0        225897      0      0      0 BM\n');
  });

  it('without a running simulation has no counters, as ifconfig prints none', () => {
    const f = realServer();
    expect(f.run('web1', 'netstat -i').stdout).toBe([
      'Kernel Interface table',
      'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg',
      'ens33            1500      - no statistics available -                        BMRU',
      'lo              65536      - no statistics available -                        LRU',
      'lo:0            65536      - no statistics available -                        LRU',
      '',
    ].join('\n'));
  });

  it("-e prints ifconfig's blocks (ife_print_long)", () => {
    const f = realServer({ counters });
    const out = f.run('web1', 'netstat -ie').stdout;
    expect(out).toBe(`Kernel Interface table\n${f.run('web1', 'ifconfig').stdout}`);
    expect(out).toBe([
      'Kernel Interface table',
      'ens33: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500',
      '        inet 192.168.122.100  netmask 255.255.255.0  broadcast 0.0.0.0',
      `        ether ${macFor('web1', 'ens33')}  txqueuelen 1000  (Ethernet)`,
      '        RX packets 570291  bytes 81234567 (77.4 MiB)',
      '        RX errors 0  dropped 0  overruns 0  frame 0',
      '        TX packets 225897  bytes 31234567 (29.7 MiB)',
      '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
      '',
      'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536',
      '        inet 127.0.0.1  netmask 255.0.0.0',
      '        loop  txqueuelen 1000  (Local Loopback)',
      '        RX packets 130  bytes 11200 (10.9 KiB)',
      '        RX errors 0  dropped 0  overruns 0  frame 0',
      '        TX packets 130  bytes 11200 (10.9 KiB)',
      '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
      '',
      'lo:0: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536',
      '        inet 192.168.122.188  netmask 255.255.255.255',
      '        loop  txqueuelen 1000  (Local Loopback)',
      '', '',
    ].join('\n'));
  });
});

describe('netstat options', () => {
  it('gives the usage, status 4, for more than one of -r, -i, -M, -s (-rr counts twice)', () => {
    const f = realServer();
    for (const line of ['netstat -r -i', 'netstat -ri', 'netstat -rr', 'netstat -is', 'netstat --route -M']) {
      const r = f.run('web1', line);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(USAGE_HEAD)).toBe(true);
      expect(r.stderr.endsWith('  List of possible address families (which support routing):\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n    x25 (CCITT X.25) \n')).toBe(true);
      expect(r.exitCode).toBe(4);
    }
    expect(f.run('web1', 'netstat -ri; echo $?').stdout).toBe('4\n');
  });

  it('reports option errors as glibc getopt_long does, then the usage', () => {
    const f = new ShellFixture();
    const err = (line: string) => f.run('web1', line).stderr.split('\n')[0];
    expect(err('netstat -rz')).toBe("netstat: invalid option -- 'z'");
    expect(f.run('web1', 'netstat -rz').exitCode).toBe(4);
    expect(err('netstat --routes')).toBe("netstat: unrecognized option '--routes'");
    expect(err('netstat --route=x')).toBe("netstat: option '--route' doesn't allow an argument");
    expect(err('netstat --num -r')).toBe("netstat: option '--num' is ambiguous; possibilities: '--numeric' '--numeric-users' '--numeric-ports' '--numeric-hosts'");
    expect(err('netstat -A')).toBe("netstat: option requires an argument -- 'A'");
    // An unambiguous prefix is the option; -h prints the usage before a later bad option is read.
    expect(f.run('web1', 'netstat --rou -n').stdout).toBe(f.run('web1', 'netstat -rn').stdout);
    expect(f.run('web1', 'netstat -hz')).toMatchObject({ stdout: '', exitCode: 4 });
    expect(f.run('web1', 'netstat -hz').stderr.startsWith(USAGE_HEAD)).toBe(true);
  });

  it("refuses what it cannot print with the lab's reason: continuous listings, a delay, address families", () => {
    const f = realServer();
    expect(f.run('web1', 'netstat -rnc')).toMatchObject({ stdout: '', exitCode: 1 });
    expect(f.run('web1', 'netstat -rnc').stderr.startsWith('lab: netstat -c: not simulated;')).toBe(true);
    expect(f.run('web1', 'netstat -i 2').stderr.startsWith('lab: netstat: the delay 2 (a listing every 2 seconds) is not simulated;')).toBe(true);
    expect(f.run('web1', 'netstat -rn -A inet6').stderr.startsWith('lab: netstat -A: not simulated;')).toBe(true);
    // A delay that is no number is a usage error.
    expect(f.run('web1', 'netstat -rn now')).toMatchObject({ stdout: '', exitCode: 4 });
  });
});
