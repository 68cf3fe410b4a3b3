import { describe, expect, it } from 'vitest';
import { NOT_SIMULATED } from './not-simulated.ts';
import { ShellFixture } from './testing/fixture.ts';

describe('programs of CentOS 7 the lab does not model', () => {
  it('say so and where to look instead, rather than that the machine lacks them', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'ps aux')).toMatchObject({ stdout: '', stderr: 'lab: ps is not simulated: the lab models the network stack, not processes (systemctl status and netstat -p show the services)\n', exitCode: 1 });
    // In a pipeline the message goes to the console and the pipeline's status is grep's.
    const r = f.run('director', 'lsmod | grep ip_vs');
    expect(r.stderr).toBe('lab: lsmod is not simulated: module sizes and users are not modelled; cat /proc/net/ip_vs answers whether ip_vs is loaded\n');
    expect(r.exitCode).toBe(1);
    expect(f.run('director', 'watch -n 1 ipvsadm -Ln').stderr).toMatch(/^lab: watch is not simulated: .*for i in 1 2 3; do ipvsadm -Ln; sleep 2; done\n$/);
  });

  it('are found where their packages install them', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'which ps lsmod firewall-cmd').stdout).toBe('/usr/bin/ps\n/usr/sbin/lsmod\n/usr/bin/firewall-cmd\n');
    expect(f.run('director', 'type ethtool').stdout).toBe('ethtool is /usr/sbin/ethtool\n');
    expect(f.run('director', 'command -v top').stdout).toBe('/usr/bin/top\n');
    expect(f.run('director', 'nosuchprogram').stderr).toBe('bash: nosuchprogram: command not found\n');
  });

  it('each name a reason that ends its sentence without a full stop, as the lab\'s other messages', () => {
    for (const [name, what] of Object.entries(NOT_SIMULATED)) {
      expect(what.reason, name).not.toMatch(/\.$/);
      expect(what.dir, name).toMatch(/^\/usr\/s?bin$/);
    }
  });
});
