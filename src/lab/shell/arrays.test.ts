import { describe, expect, it } from 'vitest';
import { saveCommand } from './coreutils/vim-save.ts';
import { ShellFixture } from './testing/fixture.ts';

// Expectations are bash 4.2's; where bash 5 differs (negative subscripts, declare -p's quotes) it is said.
describe('indexed arrays', () => {
  const out = (line: string): string => new ShellFixture().run('director', line).stdout;

  it('assigns, lists and counts elements as bash does', () => {
    expect(out('RS=("192.168.122.100" "192.168.122.101"); echo ${RS[0]} ${RS[1]} ${#RS[@]} ${!RS[@]} $RS'))
      .toBe('192.168.122.100 192.168.122.101 2 0 1 192.168.122.100\n');
    expect(out('a=(x "y z" w); for i in "${a[@]}"; do echo "[$i]"; done; for i in ${a[*]}; do echo "<$i>"; done; echo "${a[*]}"'))
      .toBe('[x]\n[y z]\n[w]\n<x>\n<y>\n<z>\n<w>\nx y z w\n');
    // Sparse: indices need not follow each other; += numbers from one past the largest.
    expect(out('b[3]=c; b[1]=a; echo ${b[@]} ${!b[@]} ${#b[*]}; b+=(d e); echo ${!b[@]}; unset b[1]; echo ${b[@]}'))
      .toBe('a c 1 3 2\n1 3 4 5\nc d e\n');
    expect(out('i=1; d=([0]=z [$i]=y [5]=x); echo ${d[$i]} ${d[i+4]} ${!d[@]}')).toBe('y x 0 1 5\n');
    // A string is element 0; NAME+=… appends to it.
    expect(out('arr=(one two); arr+=three; echo ${arr[@]}; s=plain; s[2]=two; echo ${s[@]} ${!s[@]}')).toBe('onethree two\nplain two 0 2\n');
  });

  it('applies the parameter operators to each element, and slices by index', () => {
    expect(out('c=(1 2 3 4 5); echo ${c[@]:1:2} ${c[@]: -2} ${c[@]#1} ${#c[2]}')).toBe('2 3 4 5 2 3 4 5 1\n');
    expect(out('arr=(one two); echo ${arr[@]^^} ${arr[@]/o/0} ${arr[1]:-def} ${nope[1]:-def}')).toBe('ONE TWO 0ne tw0 two def\n');
    expect(out('e=(); echo "${#e[@]}" x"${e[@]}"y; for w in "${e[@]}"; do echo w; done; echo done')).toBe('0 xy\ndone\n');
  });

  it('reads and assigns elements in arithmetic', () => {
    expect(out('c=(1 2 3 4 5); c[2]+=9; echo ${c[2]}; echo $((c[1]+c[2])); ((c[0]++)); echo ${c[0]}; let "c[4]=c[4]*10"; echo ${c[4]}'))
      .toBe('39\n41\n2\n50\n');
  });

  it('refuses a compound value where bash takes no assignment; reads a negative subscript from the end but assigns none', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'echo a=(1 2)')).toMatchObject({ stderr: "bash: syntax error near unexpected token `('\n", exitCode: 2 });
    // bash 4.2 reads a[-1] as the last element (array_value_internal); assigning or unsetting one came in 4.3.
    expect(f.run('director', 'q=(1 2 3); q[7]=8; echo ${q[-1]} ${q[-6]}').stdout).toBe('8 3\n');
    expect(f.run('director', 'echo ${q[-9]}; echo not-run')).toMatchObject({ stdout: '', stderr: 'bash: q: bad array subscript\n', exitCode: 1 });
    expect(f.run('director', 'q[-1]=x; echo not-run')).toMatchObject({ stdout: '', stderr: 'bash: q[-1]: bad array subscript\n', exitCode: 1 });
    expect(f.run('director', 'unset q[-1]')).toMatchObject({ stderr: 'bash: unset: [-1]: bad array subscript\n', exitCode: 1 });
  });

  it('runs the health-check script of the LVS tutorials (arrays, declare -a, functions, let)', () => {
    const f = new ShellFixture();
    f.run('director', 'ipvsadm -A -t 192.168.122.188:80 -s rr; ipvsadm -a -t 192.168.122.188:80 -r 192.168.122.100 -g');
    f.run('director', saveCommand('/root/check.sh', `#!/bin/bash
VIP=192.168.122.188
CPORT=80
RS=("192.168.122.100" "192.168.122.101")
declare -a RSSTATUS
RW=("2" "1")
RPORT=80
initstatus() {
  local I
  local COUNT=0;
  for I in \${RS[*]}; do
    if ipvsadm -L -n | grep "$I:$RPORT" > /dev/null ; then
      RSSTATUS[$COUNT]=1
    else
      RSSTATUS[$COUNT]=0
    fi
  let COUNT++
  done
}
initstatus
echo "\${RSSTATUS[@]} / \${#RS[@]} servers / weight of the second: \${RW[1]}"
declare -p RSSTATUS
`));
    expect(f.run('director', 'bash /root/check.sh')).toMatchObject({
      stdout: "1 0 / 2 servers / weight of the second: 1\ndeclare -a RSSTATUS='([0]=\"1\" [1]=\"0\")'\n", stderr: '', exitCode: 0,
    });
  });
});

describe('declare, local, readonly, export, unset', () => {
  it('prints declarations as bash 4.2 does (an array in single quotes)', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'declare -a A=(1 "a b"); declare -p A; declare -- S="q\\"\\$"; declare -p S').stdout)
      .toBe("declare -a A='([0]=\"1\" [1]=\"a b\")'\ndeclare -- S=\"q\\\"\\$\"\n");
    expect(f.run('director', 'declare -a E; declare -p E').stdout).toBe("declare -a E='()'\n");
    expect(f.run('director', 'declare -p HOME UID').stdout).toBe('declare -x HOME="/root"\ndeclare -r UID="0"\n');
    expect(f.run('director', 'declare -p NOPE')).toMatchObject({ stderr: 'bash: declare: NOPE: not found\n', exitCode: 1 });
    expect(f.run('director', 'declare -q')).toMatchObject({ stderr: 'bash: declare: -q: invalid option\ndeclare: usage: declare [-aAfFgilrtux] [-p] [name[=value] ...]\n', exitCode: 2 });
    expect(f.run('director', 'declare -A M').stderr).toMatch(/^lab: declare -A \(associative arrays\): not simulated/);
  });

  it('keeps local arrays and values to the function, without splitting an assignment argument', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'f() { local -a arr=(p q); local v=$(printf "a  b"); echo "${arr[1]} $v"; }; f; declare -p arr')).toMatchObject({
      stdout: 'q a  b\n', stderr: 'bash: declare: arr: not found\n', exitCode: 1,
    });
  });

  it('keeps read-only variables and says so', () => {
    const f = new ShellFixture();
    // A failed assignment drops the rest of the command being run (the line, in the console).
    expect(f.run('director', 'readonly R=1; R=2; echo not-run')).toMatchObject({ stdout: '', stderr: 'bash: R: readonly variable\n', exitCode: 1 });
    expect(f.run('director', 'echo $R; unset R; declare -p R')).toMatchObject({
      stdout: '1\ndeclare -r R="1"\n', stderr: 'bash: unset: R: cannot unset: readonly variable\n',
    });
    expect(f.run('director', 'UID=5').stderr).toBe('bash: UID: readonly variable\n');
    // A script goes on with its next command.
    f.run('director', saveCommand('/root/ro.sh', 'readonly X=1\nX=2\necho "after $?"\n'));
    expect(f.run('director', 'bash /root/ro.sh')).toMatchObject({ stdout: 'after 1\n', stderr: '/root/ro.sh: line 2: X: readonly variable\n', exitCode: 0 });
  });

  it('unsets elements, arrays and functions', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'a=(1 2 3); unset a[0]; echo ${a[@]}; unset a[@]; echo ${#a[@]}; g() { :; }; unset g; type g')).toMatchObject({
      stdout: '2 3\n0\n', stderr: 'bash: type: g: not found\n', exitCode: 1,
    });
    expect(f.run('director', 'h() { :; }; h=1; unset h; type -t h; unset -f h; type -t h; echo $?').stdout).toBe('function\n1\n');
  });

  it('gives a child shell the exported variables only', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/env.sh', 'echo "[$A] [$B] [$HOME]"; f 2>/dev/null || echo "no f"\n'));
    expect(f.run('director', 'A=1; export B=2; f() { :; }; bash /root/env.sh').stdout).toBe('[] [2] [/root]\nno f\n');
    expect(f.run('director', 'export -n B; bash /root/env.sh').stdout).toBe('[] [] [/root]\nno f\n');
  });
});

describe('env, printenv, type', () => {
  it('lists the environment in bash 4.2\'s hash-table order (CentOS 7\'s familiar one), _ last', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'export VIP=192.168.122.188; env').stdout).toBe([
      'HOSTNAME=web1', 'TERM=xterm', 'SHELL=/bin/bash', 'HISTSIZE=1000', 'USER=root', 'MAIL=/var/spool/mail/root',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin', 'VIP=192.168.122.188', 'PWD=/root', 'LANG=en_US.UTF-8', 'HISTCONTROL=ignoredups',
      'SHLVL=1', 'HOME=/root', 'LOGNAME=root', 'LESSOPEN=||/usr/bin/lesspipe.sh %s', '_=/usr/bin/env', '',
    ].join('\n'));
    expect(f.run('web1', 'printenv VIP HOME; printenv NOPE; echo $?').stdout).toBe('192.168.122.188\n/root\n1\n');
    expect(f.run('web1', 'env -i A=1')).toMatchObject({ stdout: 'A=1\n', exitCode: 0 });
    expect(f.run('web1', 'env A=1 curl http://x/').exitCode).toBe(125);
  });

  it('tells keywords, functions, builtins and files apart', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'type cd ipvsadm if nosuch; echo $?; type -t echo; type -p ifconfig; type -a echo')).toMatchObject({
      stdout: 'cd is a shell builtin\nipvsadm is /usr/sbin/ipvsadm\nif is a shell keyword\n1\nbuiltin\n/usr/sbin/ifconfig\necho is a shell builtin\necho is /usr/bin/echo\n',
      stderr: 'bash: type: nosuch: not found\n',
    });
  });
});
