import { describe, expect, it } from 'vitest';
import { saveCommand } from './coreutils/vim-save.ts';
import { ShellFixture } from './testing/fixture.ts';

// Expectations are bash 4.2's (checked against bash 5.2 where the two agree).
describe('set', () => {
  it('ends a script at a failing command under -e, except in conditions, before && or ||, and in command substitutions', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/e.sh', `set -e
f() { false; echo "in f"; }
f && echo ok
x=$(false; echo sub)
echo "[$x]"
false || echo "or"
! true
if false; then :; fi
while false; do :; done
echo before
false
echo never
`));
    expect(f.run('director', 'bash /root/e.sh')).toMatchObject({ stdout: 'in f\nok\n[sub]\nor\nbefore\n', stderr: '', exitCode: 1 });
    // bash -e FILE sets it for the script alone; the console keeps its own options.
    f.run('director', saveCommand('/root/e2.sh', 'false\necho "still here"\n'));
    expect(f.run('director', 'bash -e /root/e2.sh')).toMatchObject({ stdout: '', exitCode: 1 });
    expect(f.run('director', 'bash /root/e2.sh')).toMatchObject({ stdout: 'still here\n', exitCode: 0 });
  });

  it('keeps the console open under -e and says what bash would do', () => {
    const f = new ShellFixture();
    const r = f.run('director', 'set -e; false; echo never');
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lab: set -e: a command failed; bash would exit here/);
    expect(f.run('director', 'set +e; false; echo goes on').stdout).toBe('goes on\n');
  });

  it('sets the positional parameters and stops at an unset variable under -u', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/u.sh', 'echo $1\nset -- a "b c"\necho $# "$2"\nset -u\necho ${U:-d}\necho $U\necho never\n'));
    expect(f.run('director', 'bash /root/u.sh x')).toMatchObject({ stdout: 'x\n2 b c\nd\n', stderr: '/root/u.sh: line 6: U: unbound variable\n', exitCode: 1 });
    expect(f.run('director', 'set -- p q; echo $# $2; set --; echo $#').stdout).toBe('2 q\n0\n');
    // bash 4.2 (not 4.4) counts an empty array as unbound.
    expect(f.run('director', 'set -u; e=(); echo ${e[@]}').stderr).toBe('bash: e[@]: unbound variable\n');
  });

  it('traces commands and assignments under -x as bash prints them', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/x.sh', 'i=2\nz[$i]=q\nY=(1 "2 3")\necho "a b" $(echo in) ""\n'));
    expect(f.run('director', 'bash -x /root/x.sh')).toMatchObject({
      stdout: 'a b in \n', stderr: "+ i=2\n+ z[$i]=q\n+ Y=(1 \"2 3\")\n++ echo in\n+ echo 'a b' in ''\n",
    });
  });

  it('traces with PS4 expanded ($LINENO), loop and case heads as typed, and an assignment under the prompt from before it', () => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/l.sh', 'set -x\nPS4="+ $LINENO: "\necho a\n\necho b\nPS4=\'+$LINENO> \'\nfor i in 1 "a b"; do :; done\ncase x in x) :;; esac\nE=\nPS4=">> "\ny=$(echo z)\n'));
    expect(f.run('director', 'bash /root/l.sh')).toMatchObject({
      stdout: 'a\nb\n',
      stderr: [
        "+ PS4='+ 2: '", '+ 2: echo a', '+ 2: echo b', "+ 2: PS4='+$LINENO> '", '+7> for i in 1 "a b"', '+7> :', '+7> for i in 1 "a b"', '+7> :',
        '+8> case x in', '+8> :', '+9> E=', "+10> PS4='>> '", '>>> echo z', '>> y=z', '',
      ].join('\n'),
    });
  });

  it('traces [[ ]] term by term and (( )) and for (( )) as bash prints them', () => {
    const r = new ShellFixture().run('director', 'set -x; x=1; [[ $x == 1 && -n "a b" ]] && echo c; (( x++ )); for ((i=0; i<1; i++)); do :; done; (( $x + 1 )); [[ ! -z x ]]; set +x');
    expect(r.stderr).toBe([
      '+ x=1', '+ [[ 1 == 1 ]]', '+ [[ -n a b ]]', '+ echo c', '+ ((  x++  ))', '+ (( i=0 ))', '+ (( i<1 ))', '+ :', '+ (( i++ ))', '+ (( i<1 ))',
      '+ ((  2 + 1  ))', '+ [[ ! -z x ]]', '+ set +x', '',
    ].join('\n'));
  });

  it('gives a pipeline the status of its last failing command under pipefail', () => {
    expect(new ShellFixture().run('director', 'set -o pipefail; false | true; echo $?; true | false | true; echo $?; set +o pipefail; false | true; echo $?').stdout)
      .toBe('1\n1\n0\n');
  });

  it('lists the options and refuses the ones the lab does not simulate', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'set -o | head -4').stdout).toBe('allexport      \toff\nbraceexpand    \ton\nemacs          \ton\nerrexit        \toff\n');
    expect(f.run('director', 'set -e; set +o | grep errexit; set +e').stdout).toBe('set -o errexit\n');
    expect(f.run('director', 'set -q')).toMatchObject({ stderr: 'bash: set: -q: invalid option\nset: usage: set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]\n', exitCode: 2 });
    expect(f.run('director', 'set -o nosuch')).toMatchObject({ stderr: 'bash: set: nosuch: invalid option name\n', exitCode: 1 });
    expect(f.run('director', 'set -C').stderr).toMatch(/^lab: set -o noclobber: not simulated/);
  });

  it('lists variables, arrays included, quoted to be read back', () => {
    const f = new ShellFixture();
    expect(f.run('web1', "VIP=192.168.122.188; MSG='a b'; RS=(x y); set | grep -E '^(VIP|MSG|RS|HOME)='").stdout)
      .toBe('HOME=/root\nMSG=\'a b\'\nRS=([0]="x" [1]="y")\nVIP=192.168.122.188\n');
  });
});
