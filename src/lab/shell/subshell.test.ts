import { describe, expect, it } from 'vitest';
import { ShellFixture } from './testing/fixture.ts';

// Expectations are bash's.
describe('( … ) subshells', () => {
  it('keeps cd, variables and functions inside, and lets lab changes out', () => {
    const f = new ShellFixture();
    expect(f.run('director', '(cd /etc; pwd); pwd').stdout).toBe('/etc\n/root\n');
    expect(f.run('director', '(x=1; g() { :; }; echo in $x); echo "out [$x]"; g').stdout).toBe('in 1\nout []\n');
    expect(f.run('director', '(ipvsadm -A -t 192.168.122.188:80); ipvsadm -Ln | tail -1').stdout).toBe('TCP  192.168.122.188:80 wlc\n');
    expect(f.run('director', '(echo a; echo b) | wc -l').stdout).toBe('2\n');
    expect(f.run('director', 'f() (echo sub $1); f z').stdout).toBe('sub z\n');
  });

  it('ends only the subshell on exit, a failed expansion or an error; break has no loop there', () => {
    const f = new ShellFixture();
    expect(f.run('director', '(exit 3); echo $?; echo "$(exit 4)$?"')).toMatchObject({ stdout: '3\n4\n', stderr: '' });
    expect(f.run('director', '(echo $((1/0)); echo no); echo yes').stdout).toBe('yes\n');
    expect(f.run('director', 'for i in 1 2; do (break); echo $i; done')).toMatchObject({
      stdout: '1\n2\n', stderr: "bash: break: only meaningful in a `for', `while', or `until' loop\n".repeat(2),
    });
  });

  it('refuses what bash refuses', () => {
    const f = new ShellFixture();
    expect(f.run('director', '( )')).toMatchObject({ stderr: "bash: syntax error near unexpected token `)'\n", exitCode: 2 });
    expect(f.run('director', 'echo a)')).toMatchObject({ stderr: "bash: syntax error near unexpected token `)'\n", exitCode: 2 });
    expect(f.run('director', '(echo a').exitCode).toBe(2);
  });
});
