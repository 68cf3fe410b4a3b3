import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';
import { saveCommand } from './vim-save.ts';

// Expectations are coreutils' (checked with the machine's head and tail; 8.22 quotes names ‘so’).
describe('head and tail', () => {
  const files = (): ShellFixture => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/a', '1\n2\n3\n4\n5\n'));
    f.run('director', saveCommand('/root/b', 'x\ny\n'));
    return f;
  };
  const run = (f: ShellFixture, line: string) => {
    const r = f.run('director', `cd /root; ${line}`);
    return { stdout: r.stdout, stderr: r.stderr, status: r.exitCode };
  };

  it('count lines from either end: head -n -K leaves the last K out, tail -n +K starts at the K-th', () => {
    const f = files();
    expect(run(f, 'head -n 2 a').stdout).toBe('1\n2\n');
    expect(run(f, 'head -n -2 a').stdout).toBe('1\n2\n3\n');
    expect(run(f, 'head -3 a').stdout).toBe('1\n2\n3\n');
    expect(run(f, 'head --lines=2 a').stdout).toBe('1\n2\n');
    expect(run(f, 'tail -n 2 a').stdout).toBe('4\n5\n');
    expect(run(f, 'tail -n -2 a').stdout).toBe('4\n5\n');
    expect(run(f, 'tail -n +4 a').stdout).toBe('4\n5\n');
    expect(run(f, 'tail -n +0 a | head -2').stdout).toBe('1\n2\n');
    expect(run(f, 'tail --lines=+5 a').stdout).toBe('5\n');
    expect(run(f, 'tail -3 a').stdout).toBe('3\n4\n5\n');
    expect(run(f, 'head -n 0 a').stdout).toBe('');
    expect(run(f, 'head -n 1K a').stdout).toBe('1\n2\n3\n4\n5\n');
    // ipvsadm -Ln without its three heading lines, as the tutorials' scripts cut it.
    expect(run(f, 'printf "h1\\nh2\\nh3\\nTCP\\n" | tail -n +4').stdout).toBe('TCP\n');
  });

  it('keep a last line without its newline as it is, and count bytes too', () => {
    const f = files();
    expect(run(f, 'printf "1\\n2" | tail -n 1').stdout).toBe('2');
    expect(run(f, 'printf "1\\n2" | head -n 1').stdout).toBe('1\n');
    expect(run(f, 'head -c 3 a').stdout).toBe('1\n2');
    expect(run(f, 'head -c -9 a').stdout).toBe('1');
    expect(run(f, 'tail -c 4 a').stdout).toBe('4\n5\n');
    expect(run(f, 'tail -c +9 a').stdout).toBe('5\n');
  });

  it('put a header before each of several files, skip one that cannot be opened, and take -q and -v', () => {
    const f = files();
    expect(run(f, 'head -n 2 a nope b')).toEqual({
      stdout: '==> a <==\n1\n2\n\n==> b <==\nx\ny\n', stderr: 'head: cannot open ‘nope’ for reading: No such file or directory\n', status: 1,
    });
    expect(run(f, 'tail -n 1 a b').stdout).toBe('==> a <==\n5\n\n==> b <==\ny\n');
    expect(run(f, 'head -q -n1 a b').stdout).toBe('1\nx\n');
    expect(run(f, 'cat a | tail -v -n1').stdout).toBe('==> standard input <==\n5\n');
    expect(run(f, 'cat a | head -n1 - b').stdout).toBe('==> standard input <==\n1\n\n==> b <==\nx\n');
  });

  it('say what is wrong with a count or an option, and that tail -f cannot wait', () => {
    const f = files();
    expect(run(f, 'head -n x a')).toEqual({ stdout: '', stderr: 'head: invalid number of lines: ‘x’\n', status: 1 });
    expect(run(f, 'tail -c 1Q a')).toEqual({ stdout: '', stderr: 'tail: invalid number of bytes: ‘1Q’\n', status: 1 });
    expect(run(f, 'head -k a').stderr).toBe("head: invalid option -- 'k'\nTry 'head --help' for more information.\n");
    expect(run(f, 'tail -n').stderr).toBe("tail: option requires an argument -- 'n'\nTry 'tail --help' for more information.\n");
    const followed = run(f, 'tail -f a');
    expect(followed.stdout).toBe('1\n2\n3\n4\n5\n');
    expect(followed.stderr).toMatch(/^lab: tail -f ends here/);
  });
});
