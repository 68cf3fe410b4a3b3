import { describe, expect, it } from 'vitest';
import { ShellFixture } from './testing/fixture.ts';

// Expectations are bash's (checked with the machine's bash 5.2 where 4.2 does the same).
describe('[[ … ]] conditional expressions', () => {
  const out = (line: string): string => new ShellFixture().run('director', line).stdout;

  it('matches patterns on the right of == and != (quoted parts literally), without word splitting', () => {
    expect(out('x=web1; [[ $x == web* ]] && echo glob; [[ $x == "web*" ]] || echo literal; [[ $x != w?b2 ]] && echo ne')).toBe('glob\nliteral\nne\n');
    expect(out('v="a b"; [[ $v == "a b" ]] && echo nosplit; [[ -n $v && -z $u ]] && echo andor')).toBe('nosplit\nandor\n');
  });

  it('compares numbers arithmetically with -eq…, strings in the locale order with < >', () => {
    expect(out('[[ 10 -gt 9 ]] && echo num; [[ 10 > 9 ]] || echo str; [[ 1+1 -eq 2 ]] && echo arith; a=5; [[ $a -eq 5 && $a < 6 ]] && echo both')).toBe('num\nstr\narith\nboth\n');
    expect(new ShellFixture().run('director', '[[ 1/0 -eq 1 ]]; echo $?')).toMatchObject({ stdout: '1\n', stderr: 'bash: [[: 1/0: division by 0 (error token is "0")\n' });
  });

  it('searches with =~ (quoted parts literally), tests files, variables, and groups with ( ) ! && ||', () => {
    expect(out('[[ abc =~ ^a(b|x)c$ ]] && echo re; [[ abc =~ "a.c" ]] || echo quoted')).toBe('re\nquoted\n');
    // POSIX classes and bounds as regcomp reads them; an invalid expression gives status 2.
    expect(out('[[ 5 =~ ^[[:digit:]]$ ]]; echo $?; [[ a =~ a{2,1} ]]; echo $?; [[ ab =~ "a|b" ]]; echo $?')).toBe('0\n2\n1\n');
    expect(out('[[ -f /etc/sysctl.conf ]] && echo file; [[ -d /etc ]] && echo dir; [[ ! -e /nope ]] && echo none')).toBe('file\ndir\nnone\n');
    expect(out('[[ -v HOME ]] && echo set; [[ -v NOPE ]] || echo unset; [[ ( a == a ) && ! ( b == c ) ]] && echo groups')).toBe('set\nunset\ngroups\n');
    expect(out('if [[ $EUID -ne 0 ]]; then echo "run as root"; else echo root; fi')).toBe('root\n');
  });

  it('is a reserved word only where a command starts, and reports bash\'s syntax errors', () => {
    expect(out('echo [[ a ]]')).toBe('[[ a ]]\n');
    const f = new ShellFixture();
    expect(f.run('director', '[[ a b ]]')).toMatchObject({ stderr: 'bash: conditional binary operator expected\n', exitCode: 2 });
    expect(f.run('director', '[[ a == ]]')).toMatchObject({ stderr: "bash: unexpected argument `]]' to conditional binary operator\n", exitCode: 2 });
    expect(f.run('director', '[[ a == a ) ]]')).toMatchObject({ stderr: "bash: syntax error in conditional expression: unexpected token `)'\n", exitCode: 2 });
    expect(f.run('director', '[[ a').exitCode).toBe(2);
  });
});
