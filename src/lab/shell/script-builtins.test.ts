import { describe, expect, it } from 'vitest';
import { saveCommand } from './coreutils/vim-save.ts';
import { ShellFixture } from './testing/fixture.ts';

// Expectations are bash 4.2's (checked against bash 5.2, which agrees on these).
describe('getopts, trap, eval, command, builtin, BASH_REMATCH, read -a', () => {
  it('reads options with getopts, silent and loud, and runs the EXIT trap when the script ends', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/t.sh', [
      'trap "echo bye \\$?" EXIT',
      'trap -p',
      'while getopts ":ab:c" o; do case $o in a) echo A;; b) echo "B=$OPTARG";; \\?) echo "bad $OPTARG";; :) echo "miss $OPTARG";; esac; done',
      'shift $((OPTIND-1)); echo "rest $*"',
      'exit 3', '',
    ].join('\n')));
    expect(f.run('director', 'bash /root/t.sh -a -bX -cq -a -- z y')).toMatchObject({
      stdout: "trap -- 'echo bye $?' EXIT\nA\nB=X\nbad q\nA\nrest z y\nbye 3\n", exitCode: 3,
    });
    f.run('director', saveCommand('/root/g.sh', 'while getopts "ab:" o; do echo "$o ${OPTARG-unset} $OPTIND"; done\n'));
    expect(f.run('director', 'bash /root/g.sh -ab 1 -z -b')).toMatchObject({
      stdout: 'a unset 1\nb 1 3\n? unset 4\n? unset 5\n', stderr: '/root/g.sh: illegal option -- z\n/root/g.sh: option requires an argument -- b\n', exitCode: 0,
    });
  });

  it('keeps traps per shell: a subshell runs its own EXIT trap, signals are listed and reset', () => {
    const f = new ShellFixture();
    expect(f.run('director', '( trap "echo sub-exit" EXIT; echo in ); echo out').stdout).toBe('in\nsub-exit\nout\n');
    expect(f.run('director', 'trap "echo x" INT TERM; trap; trap - INT; trap -p; trap "echo" FOO')).toMatchObject({
      stdout: "trap -- 'echo x' SIGINT\ntrap -- 'echo x' SIGTERM\ntrap -- 'echo x' SIGTERM\n", stderr: 'bash: trap: FOO: invalid signal specification\n', exitCode: 1,
    });
  });

  it('evals a built command line, and runs commands past functions of the same name', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'x=5; eval "y=\\$((x+1))"; echo $y; eval echo \\$x').stdout).toBe('6\n5\n');
    expect(f.run('director', 'echo() { builtin echo "wrapped $*"; }; echo hi; command echo plain; unset -f echo').stdout).toBe('wrapped hi\nplain\n');
    // Status 0 when any name is found (command_builtin's any_found); a path names a program too.
    expect(f.run('director', 'f() { :; }; command -v echo ipvsadm f if nosuch /bin/cat; echo $?; command -v nosuch; echo $?').stdout).toBe('echo\n/usr/sbin/ipvsadm\nf\nif\n/bin/cat\n0\n1\n');
    expect(f.run('director', 'command -V nosuch; type /bin/cat')).toMatchObject({ stdout: '/bin/cat is /bin/cat\n', stderr: 'bash: command: nosuch: not found\n' });
    expect(f.run('director', 'builtin ipvsadm')).toMatchObject({ stderr: 'bash: builtin: ipvsadm: not a shell builtin\n', exitCode: 1 });
  });

  it('sets BASH_REMATCH from [[ =~ ]] and reads fields into an array with read -a', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'ip=192.168.122.188; [[ $ip =~ ^([0-9]+)\\.([0-9]+)\\.([0-9]+)\\.([0-9]+)$ ]] && echo "${BASH_REMATCH[@]} / ${BASH_REMATCH[4]}"; [[ x =~ y ]]; echo ${#BASH_REMATCH[@]}').stdout)
      .toBe('192.168.122.188 192 168 122 188 / 188\n0\n');
    expect(f.run('director', 'BASH_REMATCH=x').stderr).toBe('bash: BASH_REMATCH: readonly variable\n');
    expect(f.run('director', 'read -a parts <<< "10.0.0.1 10.0.0.2  x"; echo ${#parts[@]} ${parts[2]}').stdout).toBe('3 x\n');
  });
});
