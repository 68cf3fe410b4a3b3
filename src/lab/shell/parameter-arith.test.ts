import { describe, expect, it } from 'vitest';
import { saveCommand } from './coreutils/vim-save.ts';
import { ShellFixture } from './testing/fixture.ts';

// Expectations are bash 4.2's (CentOS 7): output, status, and which commands of a line run.
const run = (line: string, f = new ShellFixture()) => f.run('director', line);

describe('arithmetic expansion and commands', () => {
  it('counts in the loops the tutorials write', () => {
    expect(run('i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done').stdout).toBe('1\n2\n3\n');
    expect(run('for ((i=1; i<=3; i++)); do echo web$i; done').stdout).toBe('web1\nweb2\nweb3\n');
    expect(run('for ((i=0; i<2; i++))\ndo\n  echo x$i\ndone').stdout).toBe('x0\nx1\n');
    expect(run('n=0; until (( n >= 2 )); do ((n++)); done; echo $n').stdout).toBe('2\n');
    expect(run('let i=2+3 j=i*2; echo $i $j').stdout).toBe('5 10\n');
    expect(run('echo $(( 10 / 3 )) $((2**10)) "$((0x10))"').stdout).toBe('3 1024 16\n');
  });

  it('gives (( )) and let the status of their value', () => {
    expect(run('(( 2 > 1 )); echo $?; (( 0 )); echo $?; let 0; echo $?').stdout).toBe('0\n1\n1\n');
    expect(run('(( ))').exitCode).toBe(1);
    expect(run('let')).toMatchObject({ stderr: 'bash: let: expression expected\n', exitCode: 1 });
  });

  it('reports an error in $(( )) and discards the rest of the command, as bash jumps to the top level', () => {
    expect(run('echo $((1/0)); echo after')).toMatchObject({ stdout: '', stderr: 'bash: 1/0: division by 0 (error token is "0")\n', exitCode: 1 });
    expect(run('for i in 1 2; do echo $i; echo $((i/0)); done; echo after')).toMatchObject({ stdout: '1\n', exitCode: 1 });
    // A command substitution is a subshell: only it ends.
    expect(run('echo "[$(echo $((1/0)); echo in)]"; echo out').stdout).toBe('[]\nout\n');
    // (( )) and let fail their own command only.
    expect(run('(( 1/0 )); echo $?')).toMatchObject({ stdout: '1\n', stderr: 'bash: ((: 1/0 : division by 0 (error token is "0 ")\n' });
    expect(run('let x=1/0; echo $?')).toMatchObject({ stdout: '1\n', stderr: 'bash: let: x=1/0: division by 0 (error token is "0")\n' });
    expect(run('for ((i=0; i<1/0; i++)); do echo no; done; echo $?').stdout).toBe('1\n');
  });

  it('refuses a for (( )) without three expressions as bash does', () => {
    expect(run('for ((i=0; i<2)); do echo; done')).toMatchObject({ stderr: 'bash: syntax error: arithmetic expression required\n', exitCode: 2 });
    expect(run('echo $((1')).toMatchObject({ exitCode: 2 });
  });
});

describe('parameter expansion operators', () => {
  it('trims, replaces, cuts and changes case', () => {
    const f = new ShellFixture();
    run('f=ifcfg-ens33.bak', f);
    expect(run('echo ${f%.*} ${f%%-*} ${f#*-} ${f##*.} ${#f}', f).stdout).toBe('ifcfg-ens33 ifcfg ens33.bak bak 15\n');
    expect(run('echo ${f/ens33/ens36} ${f//s/S} ${f/#ifcfg/X} ${f/%bak/orig} ${f/nomatch/x}', f).stdout)
      .toBe('ifcfg-ens36.bak ifcfg-enS33.bak X-ens33.bak ifcfg-ens33.orig ifcfg-ens33.bak\n');
    expect(run('echo ${f:6:5} ${f: -3} ${f:0:-4} ${f^^} ${f^}', f).stdout).toBe('ens33 bak ifcfg-ens33 IFCFG-ENS33.BAK Ifcfg-ens33.bak\n');
    expect(run('echo ${f%"*"}', f).stdout).toBe('ifcfg-ens33.bak\n');
  });

  it('uses, assigns and tests defaults', () => {
    const f = new ShellFixture();
    expect(run('echo ${VIP:-192.168.122.188} [${VIP}]', f).stdout).toBe('192.168.122.188 []\n');
    expect(run('echo ${VIP:=192.168.122.188}; echo $VIP', f).stdout).toBe('192.168.122.188\n192.168.122.188\n');
    expect(run('E=; echo [${E-unset}] [${E:-null}] [${E:+set}] [${VIP:+set}]', f).stdout).toBe('[] [null] [] [set]\n');
    expect(run('for w in ${U:-a b}; do echo "<$w>"; done; for w in ${U:-"a b"}; do echo "<$w>"; done', f).stdout).toBe('<a>\n<b>\n<a b>\n');
    expect(run('echo ${U:?give the VIP}; echo after', f)).toMatchObject({ stdout: '', stderr: 'bash: U: give the VIP\n', exitCode: 1 });
    expect(run('echo ${E:?}', f).stderr).toBe('bash: E: parameter null or not set\n');
    expect(run('echo ${1:=x}', f).stderr).toBe('bash: $1: cannot assign in this way\n');
    expect(run('v=VIP; echo ${!v}', f).stdout).toBe('192.168.122.188\n');
  });

  it('says bad substitution when the command runs, as bash does', () => {
    expect(run('echo start; echo ${x!}; echo after')).toMatchObject({ stdout: 'start\n', stderr: 'bash: ${x!}: bad substitution\n', exitCode: 1 });
    expect(run('echo ${x')).toMatchObject({ exitCode: 2 });
  });
});

describe('positional parameters in scripts', () => {
  it('"$@" is one word per parameter, none without parameters; ${N:?} ends the script', () => {
    const f = new ShellFixture();
    f.run('web1', saveCommand('/root/rs.sh', 'for a in "$@"; do echo "[$a]"; done\necho $# "${#}" ${#@}\necho $((2/0))\necho next\nVIP=${1:?usage: rs.sh VIP}\necho "vip $VIP"\n'));
    expect(f.run('web1', 'bash /root/rs.sh "a b" c')).toMatchObject({
      stdout: '[a b]\n[c]\n2 2 2\nnext\nvip a b\n', stderr: '/root/rs.sh: line 3: 2/0: division by 0 (error token is "0")\n', exitCode: 0,
    });
    expect(f.run('web1', 'bash /root/rs.sh')).toMatchObject({
      stdout: '0 0 0\nnext\n',
      stderr: '/root/rs.sh: line 3: 2/0: division by 0 (error token is "0")\n/root/rs.sh: line 5: 1: usage: rs.sh VIP\n',
      exitCode: 1,
    });
  });

  it('slices the positional parameters with ${@:OFFSET:LENGTH} ($0 is number 0; a negative length is an error there)', () => {
    const f = new ShellFixture();
    f.run('web1', saveCommand('/root/s.sh', 'for a in "${@:2}"; do echo "[$a]"; done\necho "${@:0:1}" / ${@: -1} / ${*:1:2}\necho ${@:1:-1}\n'));
    expect(f.run('web1', 'bash /root/s.sh "a b" c d')).toMatchObject({
      stdout: '[c]\n[d]\n/root/s.sh / d / a b c\n', stderr: '/root/s.sh: line 3: -1: substring expression < 0\n',
    });
  });
});
