import { describe, expect, it } from 'vitest';
import { saveCommand } from './coreutils/vim-save.ts';
import { ShellFixture } from './testing/fixture.ts';

// Differences from bash 4.2 an audit found in the console's shell, each pinned to bash's behaviour.
describe('bash 4.2 details scripts depend on', () => {
  it('matches a pattern operand inside double quotes as a pattern (only its own quotes quote it)', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'x=/a/b.sh; echo "${x##*/}" "${x%.*}"; a=(foo boo); echo "${a[@]#*o}"; p="*"; echo "${x#"$p"}" "${x#$p}" "${x/b/[*]}"').stdout)
      .toBe('b.sh /a/b\no o\n/a/b.sh /a/b.sh /a/[*].sh\n');
  });

  it("sends the shell's own messages about a command where its stderr goes, named after the script", () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/t.sh', 'nosuchcmd 2>/dev/null\ncd /nonexistent 2>&1 | cat\nnosuch2 2>/tmp/err\ncat /tmp/err\necho out\n'));
    expect(f.run('director', 'bash /root/t.sh')).toMatchObject({
      stdout: '/root/t.sh: line 2: cd: /nonexistent: No such file or directory\n/root/t.sh: line 3: nosuch2: command not found\nout\n', stderr: '',
    });
    // A script run by its path follows its redirections.
    expect(f.run('director', '/root/t.sh > /tmp/log; wc -l < /tmp/log').stdout).toBe('3\n');
  });

  it('leaves a compound command\'s own status alone under set -e', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/e.sh', 'set -e\nfor rs in 10 11; do [ "$rs" = 10 ] && echo "up $rs"; done\nif true; then false && true; fi\n{ false && true; }\necho continues\n(false)\necho never\n'));
    expect(f.run('director', 'bash /root/e.sh')).toMatchObject({ stdout: 'up 10\ncontinues\n', exitCode: 1 });
  });

  it('gives a child shell the variables bash sets itself, and SHLVL one higher', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/v.sh', 'echo "[$UID][$EUID][$BASH_VERSION][$SHLVL]"\n'));
    expect(f.run('director', 'bash /root/v.sh; echo $SHLVL').stdout).toBe('[0][0][4.2.46(2)-release][2]\n1\n');
  });

  it('lists the exported variables for export alone, and keeps declare in a function local', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'export | head -3').stdout).toBe('declare -x HISTCONTROL="ignoredups"\ndeclare -x HISTSIZE="1000"\ndeclare -x HOME="/root"\n');
    expect(f.run('director', 'f() { declare x=1; declare -a y=(1 2); local -r z=2; declare -g G=3; }; f; echo "[$x][${y[@]}][$G]"; z=3; echo $z').stdout)
      .toBe('[][][3]\n3\n');
  });

  it('counts an unset variable in arithmetic as unbound under set -u, and names a positional parameter with its $', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/u.sh', 'set -u\necho $((n+1))\necho never\n'));
    expect(f.run('director', 'bash /root/u.sh')).toMatchObject({ stdout: '', stderr: '/root/u.sh: line 2: n: unbound variable\n', exitCode: 1 });
    f.run('director', saveCommand('/root/p.sh', 'set -u\necho $1\n'));
    expect(f.run('director', 'bash /root/p.sh').stderr).toBe('/root/p.sh: line 2: $1: unbound variable\n');
  });
});

describe('IFS and the temporary environment', () => {
  it('splits and joins by IFS as bash does, and reads fields by it', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'a=(1 2); IFS=,; echo "${a[*]}"; x="p,,q,"; set -- $x; echo $#; for w in $x; do echo "<$w>"; done; unset IFS; echo "${a[*]}"').stdout)
      .toBe('1,2\n3\n<p>\n<>\n<q>\n1 2\n');
    expect(f.run('director', [
      'IFS=, read a b <<< "1,2,3,"; echo "[$a][$b]"', 'IFS=, read a b <<< "1,2,"; echo "[$a][$b]"', 'IFS=", " read a b c <<< " x , y  z ,"; echo "[$a][$b][$c]"',
      'IFS=, read -ra p <<< "a,b,,c,"; echo ${#p[@]} "[${p[2]}]"', 'IFS=, read a <<< ",x,"; echo "[$a]"', 'IFS=: read a b <<< "1\\:2:3"; echo "[$a][$b]"; echo "[${IFS-unset}]"',
    ].join('; ')).stdout).toBe('[1][2,3,]\n[1][2]\n[x][y][z]\n4 []\n[,x,]\n[1:2][3]\n[unset]\n');
    expect(f.run('director', 'b=("" x "" y); set -- ${b[@]}; echo $#; IFS=; set -- ${b[@]}; echo $#; s="a  b"; set -- $s; echo $#; unset IFS').stdout).toBe('2\n2\n1\n');
    expect(f.run('director', 'IFS=$\'\\n\' arr=($(printf "a b\\nc\\n")); echo ${#arr[@]}; unset IFS').stdout).toBe('2\n');
  });

  it('gives assignments before a command to that command alone, exported (a child shell, env, a function see them)', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'Z=local bash -c \'echo "[$Z]"\'; echo "[$Z]"; x=1 env | grep ^x=; g() { echo "in g: $V"; }; V=v g; echo "[$V]"').stdout)
      .toBe('[local]\n[]\nx=1\nin g: v\n[]\n');
  });
});

describe('smaller bash 4.2 details', () => {
  it('expands $-, indirection to an element, and words its errors as bash does', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'echo $-; set -e; echo $-; set +e').stdout).toBe('himBH\nehimBH\n');
    expect(f.run('director', 'a=(x y); c="a[1]"; echo ${!c}; s=str; unset s[1]; echo $?; readonly r=1; readonly r=2; echo $?; x=$\'a\\0b\'; echo ${#x}')).toMatchObject({
      stdout: 'y\n1\n1\n1\n', stderr: 'bash: unset: s: not an array variable\nbash: r: readonly variable\n',
    });
  });
});

describe('a second audit: what bash sets at startup, getopts\'s OPTIND, $* unsplit, bash -c, eval, command, trap', () => {
  it('starts with IFS, PS4, OPTIND and OPTERR set, so the save-and-restore idiom keeps splitting', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/i.sh', 'old=$IFS; IFS=,; v=a,b; for i in $v; do echo "i=$i"; done; IFS=$old\ns="x y z"; for i in $s; do echo "s=$i"; done\necho "${#IFS} ${IFS+set} [$OPTIND] [$OPTERR]"\n'));
    expect(f.run('director', 'bash /root/i.sh').stdout).toBe('i=a\ni=b\ns=x\ns=y\ns=z\n3 set [1] [1]\n');
    expect(f.run('director', "set | grep -E '^(IFS|PS4)='").stdout).toBe("IFS=$' \\t\\n'\nPS4='+ '\n");
  });

  it('leaves OPTIND one past the options at their end, resets on OPTIND=1, and is quiet under OPTERR=0', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/o.sh', 'while getopts "vn:h" opt; do :; done; shift $((OPTIND - 1)); echo "rest=$*"\n'));
    expect(f.run('director', 'bash /root/o.sh')).toMatchObject({ stdout: 'rest=\n', stderr: '' });
    expect(f.run('director', 'bash /root/o.sh -v -n 3 a b').stdout).toBe('rest=a b\n');
    expect(f.run('director', 'p(){ while getopts "a:v" o; do :; done; echo "I=$OPTIND"; }; p -a -v; p -v').stdout).toBe('I=3\nI=2\n');
    expect(f.run('director', 'set -- -ab; OPTIND=1; getopts ab o; OPTIND=1; getopts ab o; echo $o; OPTERR=0; getopts x o -q; echo "$o"; OPTERR=1').stdout).toBe('a\n?\n');
  });

  it('joins an unquoted $* or $@ where no words are split', () => {
    const f = new ShellFixture();
    expect(f.run('director', "set -- a b 'c d'; x=$*; y=$@; a=(1 2 3); z=${a[@]}; echo \"[$x][$y][$z]\"; case $* in \"a b c d\") echo ok;; esac; [[ $* == \"a b c d\" ]] && echo ok2; set --").stdout)
      .toBe('[a b c d][a b c d][1 2 3]\nok\nok2\n');
  });

  it('names messages in bash -c and eval as bash 4.2 does', () => {
    const f = new ShellFixture();
    expect(f.run('director', "bash -c 'nosuch'").stderr).toBe('bash: nosuch: command not found\n');
    f.run('director', saveCommand('/root/v.sh', 'echo a\neval \'fi\'\necho "st=$?"\n'));
    expect(f.run('director', 'bash /root/v.sh')).toMatchObject({
      stdout: 'a\nst=1\n', stderr: "/root/v.sh: eval: line 2: syntax error near unexpected token `fi'\n/root/v.sh: eval: line 2: `fi'\n",
    });
    expect(f.run('director', "eval 'fi'; echo $?")).toMatchObject({ stdout: '1\n', stderr: "bash: syntax error near unexpected token `fi'\n" });
  });

  it('lists traps by signal number, refuses an unknown one, and passes exported functions to a child shell', () => {
    const f = new ShellFixture();
    expect(f.run('director', "trap 'echo a' TERM HUP; trap \"echo it's\" INT; trap; trap -p FOO")).toMatchObject({
      stdout: "trap -- 'echo a' SIGHUP\ntrap -- 'echo it'\\''s' SIGINT\ntrap -- 'echo a' SIGTERM\n", stderr: 'bash: trap: FOO: invalid signal specification\n',
    });
    expect(f.run('director', "f(){ echo fn; }; export -f f; bash -c f; echo ${-}").stdout).toBe('fn\nhimBH\n');
  });

  it('keeps set -x off while PS4 expands', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/p4.sh', "set -x\nPS4='+$(echo sub) '\necho two\n"));
    expect(f.run('director', 'bash /root/p4.sh')).toMatchObject({ stdout: 'two\n', stderr: "+ PS4='+$(echo sub) '\n+sub echo two\n" });
  });
});

describe('the call stack arrays', () => {
  it('keeps FUNCNAME, BASH_SOURCE and BASH_LINENO as bash does, for the usual debugging PS4', () => {
    const f = new ShellFixture();
    f.run('director', 'cd /tmp');
    f.run('director', saveCommand('/tmp/fs.sh', [
      'echo "[${BASH_SOURCE[0]}] [${FUNCNAME[@]}]"', 'f(){', ' echo "[${FUNCNAME[@]}] [${BASH_SOURCE[@]}] [${BASH_LINENO[@]}]"', ' g', '}',
      'g(){ echo "[${FUNCNAME[@]}] [${BASH_LINENO[@]}]"; }', 'f', "PS4='$BASH_SOURCE:$LINENO:${FUNCNAME[0]}: '", 'set -x', 'f', '',
    ].join('\n')));
    expect(f.run('director', 'bash fs.sh 2>&1').stdout).toBe([
      '[fs.sh] []', '[f main] [fs.sh fs.sh] [7 0]', '[g f main] [4 7 0]', 'fs.sh:10:: f',
      "fs.sh:3:f: echo '[f' 'main] [fs.sh' 'fs.sh] [10' '0]'", '[f main] [fs.sh fs.sh] [10 0]', 'fs.sh:4:f: g',
      "fs.sh:6:g: echo '[g' f 'main] [4' 10 '0]'", '[g f main] [4 10 0]', '',
    ].join('\n'));
  });
});

describe('indirection', () => {
  it('lists variables by prefix and applies an operator through ${!NAME…}', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'RS1=a RS2=b; RS_X=c; echo ${!RS*}; for n in "${!RS@}"; do echo "$n=${!n}"; done; v=RS1; echo ${!v+set} ${!v:-d} ${!v/a/z}; w=nope; echo "[${!w-unset}]"; a=(p q); r="a[1]"; echo ${!r^^}').stdout)
      .toBe('RS1 RS2 RS_X\nRS1=a\nRS2=b\nRS_X=c\nset a z\n[unset]\nQ\n');
  });
});

describe('more of bash 4.2', () => {
  it('reports an unclosed quote at the end of a script where the command began, then the end of file', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/u.sh', 'echo start\necho "unterminated\necho more\n'));
    expect(f.run('director', 'bash /root/u.sh')).toMatchObject({
      stdout: 'start\n', stderr: "/root/u.sh: line 2: unexpected EOF while looking for matching `\"'\n/root/u.sh: line 4: syntax error: unexpected end of file\n", exitCode: 2,
    });
  });

  it('keeps OLDPWD for cd -, puts a command\'s own assignments first in its environment, and runs a pipeline part\'s EXIT trap', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'cd /tmp; cd -; echo $OLDPWD; env | grep OLDPWD; cd; pwd').stdout).toBe('/root\n/tmp\nOLDPWD=/tmp\n/root\n');
    expect(f.run('director', 'x=1 printenv | head -1').stdout).toBe('x=1\n');
    expect(f.run('director', 'echo x | { trap "echo pipe-exit" EXIT; cat; }').stdout).toBe('x\npipe-exit\n');
  });
});

describe('what a review of the shell found', () => {
  it('keeps subshells from changing their parent: locals, getopts\'s place, exported functions', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'z=G; f(){ (local z=1); z=new; }; f; echo $z').stdout).toBe('new\n');
    expect(f.run('director', 'set -- -ab; getopts ab o; echo $o; (getopts ab o); getopts ab o; echo $o; set --').stdout).toBe('a\nb\n');
    expect(f.run('director', "g(){ echo G; }; (export -f g); bash -c g").stderr).toBe('bash: g: command not found\n');
    expect(f.run('director', 'h(){ echo 1; }; export -f h; unset -f h; h(){ echo 2; }; bash -c h').stderr).toBe('bash: h: command not found\n');
  });

  it('gives a child shell its standard input, and source the caller\'s own parameters', () => {
    const f = new ShellFixture();
    expect(f.run('director', "echo hi | bash -c 'read x; echo got=$x'").stdout).toBe('got=hi\n');
    f.run('director', saveCommand('/root/s.sh', 'shift\n'));
    expect(f.run('director', 'set -- a b; . /root/s.sh; echo $*; set --').stdout).toBe('b\n');
  });

  it('handles getopts after set --, let under set -u, a read-only loop variable and builtin of a non-builtin as bash does', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'set -- -abc; getopts abc o; set -- -x; getopts abc o; set --').stderr).toBe('bash: illegal option -- x\n');
    expect(f.run('director', 'set -u; let "x=y+1"; echo after; set +u')).toMatchObject({ stdout: '', stderr: 'bash: y: unbound variable\n' });
    expect(f.run('director', 'readonly R; for R in a b; do echo in; done; echo st=$?')).toMatchObject({ stdout: 'st=1\n', stderr: 'bash: R: readonly variable\n' });
    expect(f.run('director', "builtin bash -c 'echo hi'")).toMatchObject({ stdout: '', stderr: 'bash: builtin: bash: not a shell builtin\n' });
  });
});

describe('assignments before a command, and exit statuses', () => {
  it('runs the command despite a read-only assignment before it, and expands its redirections first', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'readonly RO=1; RO=2 echo hi')).toMatchObject({ stdout: 'hi\n', stderr: 'bash: RO: readonly variable\n' });
    f.run('director', 'X=a; X=b true > /tmp/r_$X');
    expect(f.run('director', 'ls /tmp').stdout).toContain('r_a');
  });

  it('gives 255 for an exit or return status that is no number (get_exitstat)', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/x.sh', 'exit abc\n'));
    expect(f.run('director', 'bash /root/x.sh; echo $?')).toMatchObject({ stdout: '255\n', stderr: '/root/x.sh: line 1: exit: abc: numeric argument required\n' });
  });
});

describe('arithmetic and read details', () => {
  it('fails (( )) on a read-only variable without dropping the line, checks subscripts under set -u, and reads options as bash builtins do', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'readonly RR=1; (( RR=2 )); echo st=$? RR=$RR')).toMatchObject({ stdout: 'st=1 RR=1\n', stderr: 'bash: RR: readonly variable\n' });
    expect(f.run('director', 'set -u; A=(1 2); echo ${A[i]}; echo after')).toMatchObject({ stdout: '', stderr: 'bash: i: unbound variable\n' });
    expect(f.run('director', 'set +u; read -r -- x <<< hi; echo $x; read x -r <<< hi; echo $?')).toMatchObject({
      stdout: 'hi\n1\n', stderr: "bash: read: `-r': not a valid identifier\n",
    });
  });
});

describe('failed expansions inside compound commands', () => {
  it('keep what ran before and name the line the failure is on', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'set -u; for ((i=0;i<3;i++)); do echo $i; [ $i = 1 ] && unset i; done')).toMatchObject({ stdout: '0\n1\n', stderr: 'bash: i: unbound variable\n' });
    f.run('director', 'set +u');
    f.run('director', saveCommand('/root/c.sh', 'A=(1)\nwhile true; do\n  for x in ${A[-9]}; do :; done\n  break\ndone\necho end\n'));
    expect(f.run('director', 'bash /root/c.sh')).toMatchObject({ stdout: 'end\n', stderr: '/root/c.sh: line 3: A: bad array subscript\n' });
  });
});

describe("a script's messages", () => {
  it('name the script only on the shell\'s own messages, never on what a command wrote', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/b.sh', 'x=$(echo "bash: sub" >&2)\nf() { echo "bash: hi" >&2; nosuch; }\nf\neval \'echo "bash: ev" >&2\'\n'));
    expect(f.run('director', 'bash /root/b.sh').stderr).toBe('bash: sub\nbash: hi\n/root/b.sh: line 2: nosuch: command not found\nbash: ev\n');
  });
});

describe('a non-interactive shell', () => {
  it('has no prompts', () => {
    expect(new ShellFixture().run('director', "bash -c 'echo \"[${PS1-unset}] [${PS2-unset}] [$PS4]\"'").stdout).toBe('[unset] [unset] [+ ]\n');
  });
});

describe('PIPESTATUS', () => {
  it('holds each command\'s status of the last pipeline, before ! inverts it', () => {
    expect(new ShellFixture().run('director', 'false | true | (exit 3); echo "${PIPESTATUS[@]}"; ! false; echo "${PIPESTATUS[@]}" $?; true; echo ${PIPESTATUS[0]}').stdout)
      .toBe('1 0 3\n1 0\n0\n');
  });
});
