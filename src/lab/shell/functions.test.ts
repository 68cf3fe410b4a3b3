import { describe, expect, it } from 'vitest';
import { saveCommand } from './coreutils/vim-save.ts';
import { ShellFixture } from './testing/fixture.ts';

/** The director script of the LVS-DR tutorials, with start/stop functions. */
const LVS_DR = `#!/bin/bash
VIP=192.168.122.188
RIP1=192.168.122.100
start() {
  echo "start LVS of DirectorServer"
  ipvsadm -C
  ipvsadm -A -t $VIP:80 -s rr
  ipvsadm -a -t $VIP:80 -r $RIP1:80 -g
  nosuch
}
stop() {
  ipvsadm -C
  echo "stopped"
  return 3
}
case "$1" in
start) start ;;
stop) stop; echo "rc $?" ;;
*) echo "Usage: $0 {start|stop}"; exit 1 ;;
esac
`;

// Expectations are bash 4.2's.
describe('shell functions', () => {
  it('runs a script built of functions, naming the line of the definition in its messages', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/lvs.sh', LVS_DR));
    expect(f.run('director', 'bash /root/lvs.sh start')).toMatchObject({
      stdout: 'start LVS of DirectorServer\n', stderr: '/root/lvs.sh: line 9: nosuch: command not found\n', exitCode: 127,
    });
    expect(f.run('director', 'ipvsadm -Ln | tail -1').stdout).toBe('  -> 192.168.122.100:80           Route   1      0          0         \n');
    expect(f.run('director', 'bash /root/lvs.sh stop')).toMatchObject({ stdout: 'stopped\nrc 3\n', exitCode: 0 });
    // A child shell's functions do not outlive it.
    expect(f.run('director', 'start').stderr).toBe('bash: start: command not found\n');
  });

  it('gives a function its arguments, local variables and return status', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'f() { local x=2; echo in $x $# $1; }; x=1; f a b; echo out $x $#').stdout).toBe('in 2 2 a\nout 1 0\n');
    expect(f.run('director', 'function g { echo g$1; return 7; echo no; }; g 1; echo $?').stdout).toBe('g1\n7\n');
    expect(f.run('director', 'function h() { for i in 1 2 3; do [ $i = 2 ] && return 300; echo $i; done; }; h; echo $?').stdout).toBe('1\n44\n');
    expect(f.run('director', 'u() { local v; echo [${v-unset}]; }; v=set; u; echo $v').stdout).toBe('[unset]\nset\n');
    // Definitions last in the console's shell; a redirection applies to the whole call.
    expect(f.run('director', 'g 2 > /root/g.out; cat /root/g.out').stdout).toBe('g2\n');
  });

  it('runs { } groups in this shell with their redirections', () => {
    const f = new ShellFixture();
    expect(f.run('director', '{ echo a; cd /etc; } > /root/ab; cat /root/ab; pwd').stdout).toBe('a\n/etc\n');
    expect(f.run('director', '{ echo a; }; { echo b\n}').stdout).toBe('a\nb\n');
  });

  it('refuses what bash refuses', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'return 1')).toMatchObject({ stderr: "bash: return: can only `return' from a function or sourced script\n", exitCode: 1 });
    expect(f.run('director', 'local x')).toMatchObject({ stderr: 'bash: local: can only be used in a function\n', exitCode: 1 });
    expect(f.run('director', 'f() echo hi')).toMatchObject({ stderr: "bash: syntax error near unexpected token `echo'\n", exitCode: 2 });
    expect(f.run('director', '}')).toMatchObject({ stderr: "bash: syntax error near unexpected token `}'\n", exitCode: 2 });
    // bash 4.2's get_exitstat gives 255 for what is not a number (bash 4.4 and later give 2).
    expect(f.run('director', 'r() { return x; }; r; echo $?')).toMatchObject({ stdout: '255\n', stderr: 'bash: return: x: numeric argument required\n' });
    expect(f.run('director', 'r() { return 99999999999999999999; }; r; echo $?; r() { return -1; }; r; echo $?').stdout).toBe('255\n255\n');
    expect(f.run('director', 'b() { break; }; for i in 1 2; do b; echo $i; done').stdout).toBe('1\n2\n');
    expect(f.run('director', 'r() { r; }; r; echo after')).toMatchObject({ stdout: '', exitCode: 1 });
  });
});

describe("the login shell's variables", () => {
  it('has root’s HOME, USER, PATH, HOSTNAME, PWD, $$ and a seeded $RANDOM', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'echo $HOME $USER $UID $HOSTNAME $PWD $SHELL; cd /etc; echo $PWD').stdout).toBe('/root root 0 web1 /root /bin/bash\n/etc\n');
    expect(f.run('web1', 'echo $PATH').stdout).toBe('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin\n');
    expect(f.run('web1', 'echo $toString ${constructor:-none}').stdout).toBe('none\n');
    expect(f.run('web1', 'echo $$').stdout).toMatch(/^\d+\n$/);
    // bash 4.2's brand() (Park–Miller): RANDOM=1 gives 16807 & 32767, then the next values of the sequence.
    expect(f.run('web1', 'RANDOM=1; echo $RANDOM $RANDOM').stdout).toBe(`${16807 & 32767} ${(16807 * 16807) % 0x7fffffff & 32767}\n`);
    const r = f.run('web1', 'echo $((RANDOM % 6 + 1))').stdout.trim();
    expect(Number(r)).toBeGreaterThanOrEqual(1);
    expect(Number(r)).toBeLessThanOrEqual(6);
  });
});
