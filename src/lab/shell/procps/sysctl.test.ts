import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';

describe('sysctl', () => {
  it('reads and writes, with and without -w', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'sysctl net.ipv4.conf.all.arp_ignore').stdout).toBe('net.ipv4.conf.all.arp_ignore = 0\n');
    expect(f.run('web1', 'sysctl -w net.ipv4.conf.all.arp_ignore=1').stdout).toBe('net.ipv4.conf.all.arp_ignore = 1\n');
    expect(f.run('web1', 'sysctl net.ipv4.conf.all.arp_announce=2').stdout).toBe('net.ipv4.conf.all.arp_announce = 2\n');
    expect(f.run('web1', 'sysctl -n net.ipv4.conf.all.arp_ignore').stdout).toBe('1\n');
    expect(f.run('web1', 'sysctl net/ipv4/conf/all/arp_announce').stdout).toBe('net.ipv4.conf.all.arp_announce = 2\n');
    expect(f.node('web1').sysctls).toEqual({ 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2 });
  });

  it('writing ip_forward sets forwarding on every device', () => {
    const f = new ShellFixture();
    f.run('web1', 'sysctl -w net.ipv4.conf.ens33.forwarding=1');
    f.run('web1', 'sysctl -w net.ipv4.ip_forward=0');
    expect(f.node('web1').sysctls).toEqual({ 'net.ipv4.ip_forward': 0 });
    expect(f.run('web1', 'sysctl net.ipv4.conf.ens33.forwarding net.ipv4.conf.all.forwarding').stdout).toBe('net.ipv4.conf.ens33.forwarding = 0\nnet.ipv4.conf.all.forwarding = 0\n');
    f.run('web1', 'echo 1 > /proc/sys/net/ipv4/conf/all/forwarding');
    expect(f.node('web1').sysctls).toEqual({ 'net.ipv4.ip_forward': 1 });
  });

  it('per-device values inherit conf.default unless set', () => {
    const f = new ShellFixture();
    f.run('web1', 'sysctl -w net.ipv4.conf.default.rp_filter=1');
    expect(f.run('web1', 'sysctl -n net.ipv4.conf.ens33.rp_filter net.ipv4.conf.all.rp_filter').stdout).toBe('1\n0\n');
  });

  it('loads /etc/sysctl.conf as the seed appends to it', () => {
    const f = new ShellFixture();
    f.run('web1', 'echo "net.ipv4.conf.lo.arp_ignore = 1" >> /etc/sysctl.conf');
    f.run('web1', 'echo "#arp_ignore = 1" >> /etc/sysctl.conf');
    f.run('web1', 'echo "net.ipv4.conf.all.arp_announce=2" >> /etc/sysctl.conf');
    f.run('web1', "echo 'net.ipv4.no_such_key = 1' >> /etc/sysctl.conf");
    f.run('web1', "echo 'this line has no equals sign' >> /etc/sysctl.conf");
    const r = f.run('web1', 'sysctl -p');
    expect(r.stdout).toBe('net.ipv4.conf.lo.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2\n');
    expect(r.stderr).toBe('sysctl: cannot stat /proc/sys/net/ipv4/no_such_key: No such file or directory\nsysctl: /etc/sysctl.conf(15): invalid syntax, continuing...\n');
    expect(r.exitCode).toBe(255);
    expect(f.node('web1').sysctls).toEqual({ 'net.ipv4.conf.lo.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2 });
    expect(f.node('web1').files['/etc/sysctl.conf']!.startsWith('# sysctl settings are defined through files in\n')).toBe(true);
  });

  it('lists everything with -a, which grep can filter', () => {
    const f = new ShellFixture();
    f.run('web1', 'sysctl -w net.ipv4.conf.all.arp_ignore=1');
    const r = f.run('web1', 'sysctl -a | grep arp_ignore');
    expect(r.stdout).toBe([
      'net.ipv4.conf.all.arp_ignore = 1',
      'net.ipv4.conf.default.arp_ignore = 0',
      'net.ipv4.conf.ens33.arp_ignore = 0',
      'net.ipv4.conf.lo.arp_ignore = 0',
      '',
    ].join('\n'));
  });

  it('knows the IPVS sysctls only once ip_vs is loaded', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'sysctl net.ipv4.vs.conntrack').stderr).toBe('sysctl: cannot stat /proc/sys/net/ipv4/vs/conntrack: No such file or directory\n');
    f.run('director', 'modprobe ip_vs');
    expect(f.run('director', 'sysctl net.ipv4.vs.conntrack').stdout).toBe('net.ipv4.vs.conntrack = 0\n');
  });
});

describe('/proc/sys through the shell', () => {
  it('echo N > /proc/sys/… writes the sysctl and cat reads it back', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'echo "1" > /proc/sys/net/ipv4/conf/all/arp_ignore').exitCode).toBe(0);
    expect(f.run('web1', 'cat /proc/sys/net/ipv4/conf/all/arp_ignore').stdout).toBe('1\n');
    expect(f.node('web1').sysctls).toEqual({ 'net.ipv4.conf.all.arp_ignore': 1 });
  });

  it('refuses a value the kernel cannot parse and a name that does not exist', () => {
    const f = new ShellFixture();
    const doc = f.doc;
    expect(f.run('web1', 'echo abc > /proc/sys/net/ipv4/ip_forward').stderr).toBe('bash: echo: write error: Invalid argument\n');
    expect(f.run('web1', 'echo 1 > /proc/sys/net/ipv4/conf/all/no_such_key').stderr).toBe('bash: /proc/sys/net/ipv4/conf/all/no_such_key: No such file or directory\n');
    expect(f.doc).toBe(doc);
  });

  it("takes IPVS's defense strategies as proc_do_defense_mode does: 0..3, and 2 (on, automatic) goes back to 1 without memory pressure", () => {
    const f = new ShellFixture();
    f.run('director', 'modprobe ip_vs');
    expect(f.run('director', 'sysctl -w net.ipv4.vs.secure_tcp=2').stdout).toBe('net.ipv4.vs.secure_tcp = 2\n');
    expect(f.run('director', 'sysctl net.ipv4.vs.secure_tcp').stdout).toBe('net.ipv4.vs.secure_tcp = 1\n');
    expect(f.run('director', 'sysctl -w net.ipv4.vs.secure_tcp=3; cat /proc/sys/net/ipv4/vs/secure_tcp').stdout).toBe('net.ipv4.vs.secure_tcp = 3\n3\n');
    expect(f.run('director', 'sysctl -w net.ipv4.vs.drop_packet=4')).toMatchObject({ stderr: 'sysctl: setting key "net.ipv4.vs.drop_packet": Invalid argument\n', exitCode: 255 });
    expect(f.run('director', 'echo -1 > /proc/sys/net/ipv4/vs/drop_entry').stderr).toBe('bash: echo: write error: Invalid argument\n');
    expect(f.run('director', 'sysctl -n net.ipv4.vs.drop_packet net.ipv4.vs.drop_entry').stdout).toBe('0\n0\n');
  });
});
