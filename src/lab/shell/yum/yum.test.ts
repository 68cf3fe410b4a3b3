import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';

describe('yum', () => {
  it('says what the lab already has, so the articles\' first step goes on', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'yum install -y ipvsadm && ipvsadm -v')).toMatchObject({
      stdout: 'lab: yum: already installed on director: ipvsadm; nothing to do\nipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n',
      exitCode: 0,
    });
    expect(f.run('web1', 'yum -y install httpd').exitCode).toBe(0);
  });

  it('refuses what the lab does not have, and what needs a repository', () => {
    const f = new ShellFixture();
    const r = f.run('web1', 'yum install -y nfs-utils rpcbind httpd');
    expect(r.stdout).toBe('lab: yum: already installed on web1: httpd; nothing to do\n');
    expect(r.stderr).toMatch(/^lab: yum: not part of the lab: nfs-utils rpcbind \(the hosts have ipvsadm, httpd, /);
    expect(r.exitCode).toBe(1);
    expect(f.run('web1', 'yum makecache').stderr).toMatch(/^lab: yum makecache: the lab's hosts reach no repository; their software is installed already \(ipvsadm, /);
    expect(f.run('web1', 'yum install').stderr).toBe('lab: yum: name the packages to install\n');
  });
});
