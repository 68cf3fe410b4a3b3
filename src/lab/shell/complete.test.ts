import { describe, expect, it } from 'vitest';
import { complete, type CompletionSource } from './complete.ts';
import { ShellFixture } from './testing/fixture.ts';

const source: CompletionSource = {
  commands: ['ipvsadm', 'ipvsadm-save', 'ipvsadm-restore', 'ip', 'ifconfig', 'sysctl', 'if', 'then'],
  cwd: '/root',
  list: (dir) => ({
    '/': [{ name: 'etc', directory: true }, { name: 'root', directory: true }],
    '/etc': [{ name: 'sysctl.conf', directory: false }, { name: 'sysctl.d', directory: true }, { name: 'hostname', directory: false }],
    '/root': [{ name: '.bashrc', directory: false }, { name: 'rs.sh', directory: false }],
  } as Record<string, { name: string; directory: boolean }[]>)[dir],
};

describe('Tab completion (bash\'s defaults)', () => {
  it('completes a command name where a command starts, with a space after one match', () => {
    expect(complete('sys', source)).toEqual({ text: 'sysctl ', candidates: [] });
    expect(complete('echo a; ifc', source)).toEqual({ text: 'echo a; ifconfig ', candidates: [] });
    expect(complete('if true; then ipvsadm-s', source)).toEqual({ text: 'if true; then ipvsadm-save ', candidates: [] });
  });

  it('extends several matches to their common beginning and lists them', () => {
    expect(complete('ipvs', source)).toEqual({ text: 'ipvsadm', candidates: ['ipvsadm', 'ipvsadm-restore', 'ipvsadm-save'] });
    expect(complete('i', source)).toEqual({ text: 'i', candidates: ['if', 'ifconfig', 'ip', 'ipvsadm', 'ipvsadm-restore', 'ipvsadm-save'] });
  });

  it('completes paths after a command, a slash after a directory, hidden files only when asked', () => {
    expect(complete('cat /etc/ho', source)).toEqual({ text: 'cat /etc/hostname ', candidates: [] });
    expect(complete('cd /e', source)).toEqual({ text: 'cd /etc/', candidates: [] });
    expect(complete('cat /etc/sys', source)).toEqual({ text: 'cat /etc/sysctl.', candidates: ['sysctl.conf', 'sysctl.d/'] });
    expect(complete('bash r', source)).toEqual({ text: 'bash rs.sh ', candidates: [] });
    expect(complete('cat ~/.b', source)).toEqual({ text: 'cat ~/.bashrc ', candidates: [] });
    expect(complete('ls ', source)).toEqual({ text: 'ls rs.sh ', candidates: [] });
    expect(complete('./r', source)).toEqual({ text: './rs.sh ', candidates: [] });
  });

  it('leaves quoted words, expansions and unknown directories alone', () => {
    expect(complete('echo "sys', source)).toEqual({ text: 'echo "sys', candidates: [] });
    expect(complete('echo $HO', source)).toEqual({ text: 'echo $HO', candidates: [] });
    expect(complete('cat /nope/x', source)).toEqual({ text: 'cat /nope/x', candidates: [] });
    expect(complete('cat /etc/zz', source)).toEqual({ text: 'cat /etc/zz', candidates: [] });
  });

  it('asks the node\'s shell: its commands, its files and its working directory', () => {
    const f = new ShellFixture();
    expect(f.shell.complete(f.doc, 'web1', 'ipvsadm-r').text).toBe('ipvsadm-restore ');
    expect(f.shell.complete(f.doc, 'web1', 'cat /etc/sysconfig/network-scr').text).toBe('cat /etc/sysconfig/network-scripts/');
    f.run('web1', 'cd /etc/sysconfig/network-scripts');
    expect(f.shell.complete(f.doc, 'web1', 'vim ifcfg-l').text).toBe('vim ifcfg-lo ');
    expect(f.shell.complete(f.doc, 'sw', 'ip').text).toBe('ip');
  });
});
