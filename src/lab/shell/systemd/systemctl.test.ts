import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';

describe('systemctl', () => {
  it('starts and stops httpd (the lab\'s service) and reports its status', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'systemctl start httpd').stdout).toBe('');
    expect(f.node('web1').services.httpd.running).toBe(true);
    const status = f.run('web1', 'systemctl status httpd');
    expect(status.exitCode).toBe(0);
    expect(status.stdout.split('\n').slice(0, 6)).toEqual([
      '● httpd.service - The Apache HTTP Server',
      '   Loaded: loaded (/usr/lib/systemd/system/httpd.service; disabled; vendor preset: disabled)',
      '   Active: active (running)',
      '     Docs: man:httpd(8)',
      '           man:apachectl(8)',
      ` Main PID: ${status.stdout.match(/Main PID: (\d+)/)![1]} (httpd)`,
    ]);
    f.run('web1', 'systemctl stop httpd.service');
    expect(f.node('web1').services.httpd.running).toBe(false);
    expect(f.run('web1', 'systemctl is-active httpd')).toMatchObject({ stdout: 'inactive\n', exitCode: 3 });
  });

  it('enable creates the wants link (a file in the lab), disable removes it', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'systemctl enable httpd').stdout).toBe('Created symlink from /etc/systemd/system/multi-user.target.wants/httpd.service to /usr/lib/systemd/system/httpd.service.\n');
    expect(f.run('web1', 'systemctl is-enabled httpd').stdout).toBe('enabled\n');
    expect(f.run('web1', 'systemctl disable httpd').stdout).toBe('Removed symlink /etc/systemd/system/multi-user.target.wants/httpd.service.\n');
    expect(f.node('web1').files).toEqual({});
  });

  it('answers for firewalld and other units as a host without them', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'systemctl stop firewalld')).toMatchObject({ stderr: 'Failed to stop firewalld.service: Unit firewalld.service not loaded.\n', exitCode: 5 });
    expect(f.run('web1', 'systemctl start rpcbind nfs').stderr).toBe('Failed to start rpcbind.service: Unit not found.\nFailed to start nfs.service: Unit not found.\n');
    expect(f.run('web1', 'systemctl status firewalld')).toMatchObject({ stderr: 'Unit firewalld.service could not be found.\n', exitCode: 4 });
  });

  it('ipvsadm.service fails to start without /etc/sysconfig/ipvsadm', () => {
    const f = new ShellFixture();
    const r = f.run('director', 'systemctl start ipvsadm');
    expect(r).toMatchObject({ exitCode: 1, stderr: 'Job for ipvsadm.service failed because the control process exited with error code. See "systemctl status ipvsadm.service" and "journalctl -xe" for details.\n' });
    const s = f.run('director', 'systemctl status ipvsadm').stdout;
    expect(s).toContain('   Active: failed (Result: exit-code)\n');
    expect(s).toContain('bash[');
    expect(s).toContain(': /bin/bash: /etc/sysconfig/ipvsadm: No such file or directory\n');
  });

  it('ipvsadm.service restores the saved rules on start and saves then clears them on stop', () => {
    const f = new ShellFixture();
    f.run('director', 'echo "-A -t 192.168.122.188:80 -s rr" > /etc/sysconfig/ipvsadm');
    f.run('director', 'echo "-a -t 192.168.122.188:80 -r 192.168.122.100:80 -g -w 1" >> /etc/sysconfig/ipvsadm');
    expect(f.run('director', 'systemctl start ipvsadm').exitCode).toBe(0);
    expect(f.node('director').ipvs.services).toHaveLength(1);
    expect(f.run('director', 'systemctl status ipvsadm').stdout).toContain('   Active: active (exited)\n');
    f.run('director', 'ipvsadm -a -t 192.168.122.188:80 -r 192.168.122.101:80 -g');
    f.run('director', 'systemctl stop ipvsadm');
    expect(f.node('director').ipvs.services).toHaveLength(0);
    expect(f.node('director').files['/etc/sysconfig/ipvsadm']).toBe('-A -t 192.168.122.188:80 -s rr\n-a -t 192.168.122.188:80 -r 192.168.122.100:80 -g -w 1\n-a -t 192.168.122.188:80 -r 192.168.122.101:80 -g -w 1\n');
  });

  it('service redirects to systemctl as CentOS 7 does', () => {
    const f = new ShellFixture();
    const r = f.run('web1', 'service httpd start');
    expect(r.stderr).toBe('Redirecting to /bin/systemctl start  httpd.service\n');
    expect(f.node('web1').services.httpd.running).toBe(true);
  });
});

describe('modprobe', () => {
  it('loads ip_vs and ipip, refuses unknown modules, and unloads when unused', () => {
    const f = new ShellFixture();
    f.run('director', 'modprobe ip_vs');
    expect(f.node('director').ipvs.loaded).toBe(true);
    expect(f.run('director', 'modprobe nosuchmod')).toMatchObject({ stderr: 'modprobe: FATAL: Module nosuchmod not found.\n', exitCode: 1 });
    f.run('director', 'ipvsadm -A -t 192.168.122.188:80 -s rr');
    expect(f.run('director', 'modprobe -r ip_vs').stderr).toBe('modprobe: FATAL: Module ip_vs is in use.\n');
    f.run('director', 'ipvsadm -C');
    f.run('director', 'modprobe -r ip_vs');
    expect(f.node('director').ipvs.loaded).toBe(false);
    f.run('director', 'modprobe ipip');
    expect(f.node('director').interfaces.map((i) => i.name)).toEqual(['lo', 'ens33', 'tunl0']);
    f.run('director', 'modprobe -r ipip');
    expect(f.node('director').interfaces.map((i) => i.name)).toEqual(['lo', 'ens33']);
  });

  it('/proc/net/ip_vs appears with the module', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'cat /proc/net/ip_vs').stderr).toBe('cat: /proc/net/ip_vs: No such file or directory\n');
    f.run('director', 'modprobe ip_vs');
    expect(f.run('director', 'cat /proc/net/ip_vs').stdout.startsWith('IP Virtual Server version 1.2.1 (size=4096)\n')).toBe(true);
  });
});

describe('ifup and ifdown', () => {
  it('bring up lo:0 from the ifcfg file the seed writes, as a labelled address with its broadcast', () => {
    const f = new ShellFixture();
    f.run('web1', 'cd /etc/sysconfig/network-scripts');
    f.run('web1', 'cp ifcfg-lo ifcfg-lo:0');
    f.run('web1', 'echo "DEVICE=lo:0" > ifcfg-lo:0');
    f.run('web1', 'echo "ONBOOT=yes" >> ifcfg-lo:0');
    f.run('web1', 'echo "IPADDR=192.168.122.188" >> ifcfg-lo:0');
    f.run('web1', 'echo "NETMASK=255.255.255.255" >> ifcfg-lo:0');
    expect(f.run('web1', 'ifup lo:0').exitCode).toBe(0);
    expect(f.node('web1').addresses[1]).toEqual({ dev: 'lo', address: '192.168.122.188', prefixLength: 32, label: 'lo:0', broadcast: '192.168.122.188' });
    f.run('web1', 'ifdown lo:0');
    expect(f.node('web1').addresses).toHaveLength(1);
  });

  it('says when there is no configuration', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'ifup lo:0')).toMatchObject({ stderr: '/usr/sbin/ifup: configuration for lo:0 not found.\nUsage: ifup <configuration>\n', exitCode: 1 });
  });

  it('ifdown of a device flushes it and takes it down', () => {
    const f = new ShellFixture();
    f.run('web1', 'ifdown ens33');
    expect(f.node('web1').addresses).toEqual([]);
    expect(f.node('web1').interfaces[1]!.up).toBe(false);
    f.run('web1', 'ifup ens33');
    expect(f.node('web1').interfaces[1]!.up).toBe(true);
  });
});
