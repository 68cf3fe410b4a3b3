import { describe, expect, it } from 'vitest';
import { ShellFixture } from './testing/fixture.ts';

// Expectations are bash 4.2's with CentOS 7's /etc/profile (HISTSIZE=1000, HISTCONTROL=ignoredups).
describe('history', () => {
  it('lists the lines typed at this node\'s prompt, itself last, a repeated line once', () => {
    const f = new ShellFixture();
    f.run('director', 'ipvsadm -Ln');
    f.run('director', 'ipvsadm -Ln');
    f.run('director', '   ');
    f.run('director', 'echo hi');
    f.run('web1', 'hostname');
    expect(f.run('director', 'history').stdout).toBe('    1  ipvsadm -Ln\n    2  echo hi\n    3  history\n');
    expect(f.run('director', 'history 2').stdout).toBe('    3  history\n    4  history 2\n');
    expect(f.run('web1', 'history').stdout).toBe('    1  hostname\n    2  history\n');
  });

  it('deletes one entry with -d and clears with -c; scripts add nothing', () => {
    const f = new ShellFixture();
    f.run('director', 'echo a');
    f.run('director', 'echo b');
    f.run('director', 'history -d 1');
    expect(f.run('director', 'history').stdout).toBe('    1  echo b\n    2  history -d 1\n    3  history\n');
    expect(f.run('director', 'history -d 9')).toMatchObject({ stderr: 'bash: history: 9: history position out of range\n', exitCode: 1 });
    expect(f.run('director', 'history -d x')).toMatchObject({ stderr: 'bash: history: x: history position out of range\n', exitCode: 1 });
    expect(f.run('director', 'history x')).toMatchObject({ stderr: 'bash: history: x: numeric argument required\n', exitCode: 1 });
    expect(f.run('director', 'history -k').exitCode).toBe(2);
    f.run('director', 'history -c');
    f.run('director', 'bash -c "echo in a child"');
    expect(f.run('director', 'history').stdout).toBe('    1  bash -c "echo in a child"\n    2  history\n');
    expect(f.run('director', 'type history').stdout).toBe('history is a shell builtin\n');
  });
});
