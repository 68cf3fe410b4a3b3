import { describe, expect, it } from 'vitest';
import { saveCommand } from './coreutils/vim-save.ts';
import { ShellFixture } from './testing/fixture.ts';

/** The tutorials' real-server script, as saved with vim. */
const REALSERVER = `#!/bin/bash
VIP=192.168.122.188
case "$1" in
start)
    ifconfig lo:0 $VIP netmask 255.255.255.255 broadcast $VIP
    route add -host $VIP dev lo:0
    echo "1" >/proc/sys/net/ipv4/conf/all/arp_ignore
    echo "2" >/proc/sys/net/ipv4/conf/all/arp_announce
    echo "RealServer Start OK"
    ;;
stop)
    ifconfig lo:0 down
    echo "0" >/proc/sys/net/ipv4/conf/all/arp_ignore
    echo "RealServer Stoped"
    ;;
*)
    echo "Usage: $0 {start|stop}"
    exit 1
esac
`;

/** A fixture with `files` written on web1. */
function withFiles(files: Record<string, string>): ShellFixture {
  const f = new ShellFixture();
  for (const [path, text] of Object.entries(files)) f.run('web1', saveCommand(path, text));
  return f;
}

describe('scripts', () => {
  it('runs the real-server script with its argument: bash FILE, sh FILE and ./FILE', () => {
    const f = withFiles({ '/etc/init.d/realserver': REALSERVER });
    expect(f.run('web1', 'bash /etc/init.d/realserver start')).toMatchObject({ stdout: 'RealServer Start OK\n', stderr: '', exitCode: 0 });
    expect(f.node('web1').addresses).toContainEqual(expect.objectContaining({ label: 'lo:0', address: '192.168.122.188' }));
    expect(f.node('web1').sysctls).toMatchObject({ 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2 });
    expect(f.run('web1', 'cd /etc/init.d; ./realserver stop').stdout).toBe('RealServer Stoped\n');
    // exit 1 ends the script with its status; the console is not involved.
    expect(f.run('web1', 'sh realserver')).toMatchObject({ stdout: 'Usage: realserver {start|stop}\n', stderr: '', exitCode: 1 });
  });

  it('has positional parameters, shift, and a child shell whose cd and variables do not last; source keeps them', () => {
    const f = withFiles({ '/root/args.sh': 'echo $0 $# $1 $2\nshift\necho $1 "$*"\ncd /tmp\nX=set\n' });
    expect(f.run('web1', 'bash args.sh a b').stdout).toBe('args.sh 2 a b\nb b\n');
    expect(f.run('web1', 'pwd; echo "[$X]"').stdout).toBe('/root\n[]\n');
    expect(f.run('web1', 'source args.sh p q').stdout).toBe('args.sh 2 p q\nq q\n');
    expect(f.run('web1', 'pwd; echo "[$X]"').stdout).toBe('/tmp\n[set]\n');
    expect(f.run('web1', "bash -c 'echo $0 $1' name one").stdout).toBe('name one\n');
    // `for NAME` without `in` walks the positional parameters.
    expect(f.run('web1', "bash -c 'for a; do echo [$a]; done' x p q").stdout).toBe('[p]\n[q]\n');
  });

  it('names the script and the line in its messages, as bash does', () => {
    const f = withFiles({ '/root/x.sh': 'echo a\nnosuch\n\ncd /nope\nfor i in 1 2; do\n  [ $i -gt q ]\ndone\n' });
    expect(f.run('web1', 'bash x.sh')).toMatchObject({
      stdout: 'a\n',
      stderr: 'x.sh: line 2: nosuch: command not found\nx.sh: line 4: cd: /nope: No such file or directory\nx.sh: line 6: [: q: integer expression expected\nx.sh: line 6: [: q: integer expression expected\n',
      exitCode: 2,
    });
  });

  it('ends at a syntax error with status 2, and at an unfinished command at the end', () => {
    const f = withFiles({ '/root/bad.sh': 'echo a\nfi\necho b\n', '/root/open.sh': 'echo a\nif true; then\n  echo b\n' });
    expect(f.run('web1', 'bash bad.sh')).toMatchObject({
      stdout: 'a\n', stderr: "bad.sh: line 2: syntax error near unexpected token `fi'\nbad.sh: line 2: `fi'\n", exitCode: 2,
    });
    expect(f.run('web1', 'bash open.sh')).toMatchObject({ stdout: 'a\n', stderr: 'open.sh: line 4: syntax error: unexpected end of file\n', exitCode: 2 });
  });

  it('exit leaves the script from inside loops; the status is its argument', () => {
    const f = withFiles({ '/root/e.sh': 'for i in 1 2 3; do\n  if [ $i = 2 ]; then exit 5; fi\n  echo $i\ndone\necho never\n' });
    expect(f.run('web1', 'bash e.sh; echo status $?').stdout).toBe('1\nstatus 5\n');
    expect(f.run('web1', 'source e.sh')).toMatchObject({ stdout: '1\n', stderr: 'lab: exit: this console stays open (bash would log out)\n', exitCode: 5 });
  });

  it('refuses what it cannot run, with bash\'s words or the lab\'s reason', () => {
    const f = withFiles({ '/root/self.sh': 'bash self.sh\n' });
    expect(f.run('web1', 'bash nofile')).toMatchObject({ stderr: 'bash: nofile: No such file or directory\n', exitCode: 127 });
    expect(f.run('web1', './nofile.sh')).toMatchObject({ stderr: 'bash: ./nofile.sh: No such file or directory\n', exitCode: 127 });
    expect(f.run('web1', '/etc')).toMatchObject({ stderr: 'bash: /etc: Is a directory\n', exitCode: 126 });
    expect(f.run('web1', 'source')).toMatchObject({ stderr: 'bash: source: filename argument required\nsource: usage: source filename [arguments]\n', exitCode: 2 });
    expect(f.run('web1', 'bash').stderr).toBe('lab: bash: an interactive shell inside the console is not simulated; give a script: bash FILE [ARGUMENTS]\n');
    expect(f.run('web1', 'bash self.sh').stderr).toBe('lab: self.sh: scripts nested 64 deep; the lab stops here\n');
  });
});

describe("a session builtin's redirections", () => {
  it("sends the output of a script run with bash, and let's errors, where the redirections say", () => {
    const f = withFiles({ '/root/s.sh': 'echo hi\nnosuch\n' });
    expect(f.run('web1', 'bash /root/s.sh > /root/out.txt 2> /root/err.txt; cat /root/out.txt')).toMatchObject({ stdout: 'hi\n', stderr: '' });
    expect(f.run('web1', 'cat /root/err.txt').stdout).toBe('/root/s.sh: line 2: nosuch: command not found\n');
    expect(f.run('web1', 'let 1/0 2>/dev/null; echo $?')).toMatchObject({ stdout: '1\n', stderr: '' });
  });
});
