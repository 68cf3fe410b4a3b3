import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';

/** Expected outputs were checked against GNU sed (messages as 4.2.2 words them). */

const LINES = "printf 'one\\ntwo\\nthree\\nfour\\nfive\\n'";

/** Runs `LINES | sed …` on the director: stdout. */
function filter(f: ShellFixture, script: string): string {
  return f.run('director', `${LINES} | sed ${script}`).stdout;
}

describe('sed: addresses', () => {
  const f = new ShellFixture();

  it('selects lines by number, $, regex, FIRST~STEP and ranges', () => {
    expect(filter(f, "-n '2p'")).toBe('two\n');
    expect(filter(f, "-n '4,$p'")).toBe('four\nfive\n');
    expect(filter(f, "'/two/,/four/d'")).toBe('one\nfive\n');
    expect(filter(f, "-n '\\%^t%p'")).toBe('two\nthree\n');
    expect(filter(f, "-n '0~2p'")).toBe('two\nfour\n');
    expect(filter(f, "'2,+2d'")).toBe('one\nfive\n');
    expect(filter(f, "-n '2,4!p'")).toBe('one\nfive\n');
    expect(filter(f, "'/TWO/Id'")).toBe('one\nthree\nfour\nfive\n');
    // A character made by an escape stands for itself: \x3c is `<`, not the start of a word boundary.
    expect(f.run('director', "echo 'a<b' | sed 's/\\x3c/L/'").stdout).toBe('aLb\n');
  });

  it('starts 0,/RE/ before line 1 and closes a range whose end is already past', () => {
    expect(filter(f, "'0,/o/s/o/0/'")).toBe('0ne\ntwo\nthree\nfour\nfive\n');
    expect(filter(f, "'1,/o/s/o/0/'")).toBe('0ne\ntw0\nthree\nfour\nfive\n');
    expect(filter(f, "-n '3,1p'")).toBe('three\n');
  });

  it('filters ipvsadm output from a pipe', () => {
    const all = f.run('director', 'ipvsadm -Ln').stdout.split('\n');
    expect(f.run('director', "ipvsadm -Ln | sed -n '2,$p'").stdout).toBe(`${all.slice(1).join('\n')}`);
  });
});

describe('sed: commands', () => {
  const f = new ShellFixture();

  it('substitutes with flags g, p, N, I and any delimiter', () => {
    expect(filter(f, "'s/o/0/g'")).toBe('0ne\ntw0\nthree\nf0ur\nfive\n');
    expect(filter(f, "-n 's/e/E/2p'")).toBe('threE\n');
    expect(filter(f, "-n 's|TWO|2|Ip'")).toBe('2\n');
    expect(f.run('director', "echo aaaa | sed 's/a/b/2g'").stdout).toBe('abbb\n');
    expect(f.run('director', "echo abc | sed 's/b*/X/g'").stdout).toBe('XaXcX\n');
  });

  it('expands &, groups, \\n and case conversion in the replacement', () => {
    expect(f.run('director', "echo 'hello world' | sed 's/\\(hello\\) \\(world\\)/\\2 \\1 [&]/'").stdout).toBe('world hello [hello world]\n');
    expect(f.run('director', "echo 'hello world' | sed -r 's/(\\w+) (\\w+)/\\U\\2\\E \\u\\1/'").stdout).toBe('WORLD Hello\n');
    expect(f.run('director', "echo a,b | sed 's/,/\\n/'").stdout).toBe('a\nb\n');
  });

  it('reads extended regular expressions with -r and -E, POSIX classes and back-references', () => {
    expect(f.run('director', "echo 'port 80 and 8080' | sed -E 's/[0-9]{4}/N/'").stdout).toBe('port 80 and N\n');
    expect(f.run('director', "echo '  x = 1' | sed 's/^[[:space:]]*//'").stdout).toBe('x = 1\n');
    expect(f.run('director', "printf ' a\\n\\tb\\n' | sed 's/^[ \\t]*//'").stdout).toBe('a\nb\n');
    expect(f.run('director', "echo aab | sed 's/\\(a\\)\\1/X/'").stdout).toBe('Xb\n');
  });

  it('appends, inserts and changes text in one-line and a\\ forms', () => {
    expect(filter(f, "'2i before'")).toBe('one\nbefore\ntwo\nthree\nfour\nfive\n');
    expect(filter(f, "'$a\\\nthe end'")).toBe('one\ntwo\nthree\nfour\nfive\nthe end\n');
    expect(filter(f, "-e '1a\\' -e '  indented'")).toBe('one\n  indented\ntwo\nthree\nfour\nfive\n');
    expect(filter(f, "'2,4c changed'")).toBe('one\nchanged\nfive\n');
    expect(f.run('director', "printf 'no newline' | sed '$a\\'").stdout).toBe('no newline\n');
  });

  it('keeps a last line without a newline as it was', () => {
    expect(f.run('director', "printf 'a\\nb' | sed 's/b/c/'").stdout).toBe('a\nc');
    expect(f.run('director', "printf 'a' | sed p").stdout).toBe('a\na');
  });

  it('quits with q (printing) and Q (not), with an exit status', () => {
    const q = f.run('director', `${LINES} | sed '2q5'`);
    expect([q.stdout, q.exitCode]).toEqual(['one\ntwo\n', 5]);
    expect(filter(f, "'/three/Q'")).toBe('one\ntwo\n');
  });

  it('uses the hold space, n, N, D, P, =, y, l and blocks', () => {
    expect(filter(f, "'1!G;h;$!d'")).toBe('five\nfour\nthree\ntwo\none\n');
    expect(filter(f, "'$!N;s/\\n/ /'")).toBe('one two\nthree four\nfive\n');
    expect(filter(f, "'$!N;P;D'")).toBe('one\ntwo\nthree\nfour\nfive\n');
    expect(filter(f, "-n '/two/{n;p}'")).toBe('three\n');
    expect(filter(f, "-n '$='")).toBe('5\n');
    expect(filter(f, "'y/otf/OTF/'")).toBe('One\nTwO\nThree\nFOur\nFive\n');
    expect(filter(f, "-n '2{s/t/T/;p}'")).toBe('Two\n');
    expect(f.run('director', "printf 'a\\tb\\\\c\\n' | sed -n l").stdout).toBe('a\\tb\\\\c$\n');
  });

  it('branches to labels with b, t and T', () => {
    expect(filter(f, "':a;N;$!ba;s/\\n/,/g'")).toBe('one,two,three,four,five\n');
    expect(f.run('director', "printf 'a\\nc\\n' | sed 's/a/b/;ta;s/$/ no/;b;:a;s/$/ yes/'").stdout).toBe('b yes\nc no\n');
    expect(f.run('director', "printf 'a\\nc\\n' | sed 's/a/b/;T;s/$/!/'").stdout).toBe('b!\nc\n');
  });

  it('treats #n on the first line as -n, and # as a comment', () => {
    expect(filter(f, "'#n\n2p'")).toBe('two\n');
    expect(filter(f, "'# drop two\n/two/d'")).toBe('one\nthree\nfour\nfive\n');
  });
});

describe('sed: options and files', () => {
  it('takes several -e, --expression=, --quiet and options after operands', () => {
    const f = new ShellFixture();
    expect(filter(f, "-e 's/o/0/' --expression='s/t/T/' -e '2q'")).toBe('0ne\nTw0\n');
    expect(filter(f, "--quiet '3p'")).toBe('three\n');
    expect(f.run('director', "sed -n /etc/hostname -e '$p'").stdout).toBe('director\n');
  });

  it('reads several files as one stream, or separately with -s; a missing file gives status 2', () => {
    const f = new ShellFixture();
    f.run('director', "seq 3 > /tmp/a; seq 4 6 > /tmp/b");
    expect(f.run('director', "sed -n '$p' /tmp/a /tmp/b").stdout).toBe('6\n');
    expect(f.run('director', "sed -s -n '$p' /tmp/a /tmp/b").stdout).toBe('3\n6\n');
    const r = f.run('director', "sed -n '1p' /x /tmp/b");
    expect(r).toMatchObject({ stdout: '4\n', stderr: "sed: can't read /x: No such file or directory\n", exitCode: 2 });
  });

  it('edits in place with -i, so that sysctl -p reads the edited file; without -i nothing changes', () => {
    const f = new ShellFixture();
    f.run('director', "printf 'net.ipv4.ip_forward = 0\\nnet.ipv4.conf.all.arp_ignore = 1\\n' > /etc/sysctl.conf");
    expect(f.run('director', "sed 's/= 0/= 1/' /etc/sysctl.conf").stdout).toContain('ip_forward = 1');
    expect(f.run('director', 'cat /etc/sysctl.conf').stdout).toContain('ip_forward = 0');
    const r = f.run('director', "sed -i 's/^net.ipv4.ip_forward = 0/net.ipv4.ip_forward = 1/' /etc/sysctl.conf");
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(f.run('director', 'sysctl -p').stdout).toBe('net.ipv4.ip_forward = 1\nnet.ipv4.conf.all.arp_ignore = 1\n');
    f.run('director', "sed -i '/^net.ipv4.ip_forward/d' /etc/sysctl.conf");
    expect(f.node('director').files['/etc/sysctl.conf']).toBe('net.ipv4.conf.all.arp_ignore = 1\n');
  });

  it('keeps a backup with -iSUFFIX and --in-place=SUFFIX, and truncates a file at q', () => {
    const f = new ShellFixture();
    f.run('director', "printf 'SELINUX=enforcing\\nSELINUXTYPE=targeted\\n' > /tmp/config");
    f.run('director', "sed -i.bak 's/SELINUX=enforcing/SELINUX=disabled/' /tmp/config");
    expect(f.run('director', 'cat /tmp/config.bak /tmp/config').stdout).toBe('SELINUX=enforcing\nSELINUXTYPE=targeted\nSELINUX=disabled\nSELINUXTYPE=targeted\n');
    f.run('director', "sed --in-place=.orig -e '1q' /tmp/config");
    expect(f.node('director').files['/tmp/config']).toBe('SELINUX=disabled\n');
    expect(f.node('director').files['/tmp/config.orig']).toBe('SELINUX=disabled\nSELINUXTYPE=targeted\n');
  });

  it('refuses -i without files and on what is not a regular file', () => {
    const f = new ShellFixture();
    expect(f.run('director', "sed -i 's/a/b/'")).toMatchObject({ stderr: 'sed: no input files\n', exitCode: 4 });
    expect(f.run('director', 'sed -i p /etc')).toMatchObject({ stderr: "sed: couldn't edit /etc: not a regular file\n", exitCode: 4 });
    expect(f.run('director', 'sed -n p /etc')).toMatchObject({ stderr: 'sed: read error on /etc: Is a directory\n', exitCode: 4 });
  });

  it('prints the usage without a script, and --help and --version', () => {
    const f = new ShellFixture();
    const r = f.run('director', 'sed');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n').slice(0, 4)).toEqual(['Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...', '', '  -n, --quiet, --silent', '                 suppress automatic printing of pattern space']);
    expect(r.stderr).not.toContain('E-mail');
    expect(f.run('director', 'sed --help').stdout).toContain("Be sure to include the word ``sed''");
    expect(f.run('director', 'sed --version').stdout.split('\n')[0]).toBe('sed (GNU sed) 4.2.2');
    expect(f.run('director', 'sed -k p').stderr.split('\n')[0]).toBe("sed: invalid option -- 'k'");
  });
});

describe('sed: script errors', () => {
  const f = new ShellFixture();
  const cases: [string, string][] = [
    ['k', "char 1: unknown command: `k'"],
    ['s/a/b', "char 5: unterminated `s' command"],
    ['s/a/b/z', "char 7: unknown option to `s'"],
    ['s/a/b/gg', "char 8: multiple `g' options to `s' command"],
    ['s/a/b/0', "char 7: number option to `s' command may not be zero"],
    ['s/a/\\1/', "char 7: invalid reference \\1 on `s' command's RHS"],
    ['s/\\(a/b/', 'char 8: Unmatched ( or \\('],
    ['/a', 'char 2: unterminated address regex'],
    ['/a/', 'char 3: missing command'],
    ['y/ab/c/', "char 7: strings for `y' command are different lengths"],
    ['a', "char 1: expected \\ after `a', `c' or `i'"],
    ['p x', 'char 3: extra characters after command'],
    ['0p', 'char 2: invalid usage of line address 0'],
    ['1,2q', 'char 4: command only uses one address'],
    ['+1p', 'char 2: invalid usage of +N or ~N as first address'],
    ['}', "char 1: unexpected `}'"],
    ['{p', "char 0: unmatched `{'"],
    ['!!p', "char 2: multiple `!'s"],
    [':', 'char 1: ":" lacks a label'],
  ];
  it.each(cases)('%s: %s', (script, message) => {
    const r = f.run('director', `echo x | sed '${script}'`);
    expect(r).toMatchObject({ stdout: '', stderr: `sed: -e expression #1, ${message}\n`, exitCode: 1 });
  });

  it('counts expressions and names the missing label and the missing previous regex', () => {
    expect(f.run('director', "echo x | sed -e p -e 'k'").stderr).toBe("sed: -e expression #2, char 1: unknown command: `k'\n");
    expect(f.run('director', "echo x | sed 'bnowhere'")).toMatchObject({ stderr: "sed: can't find label for jump to `nowhere'\n", exitCode: 4 });
    expect(f.run('director', "echo x | sed 's//y/'")).toMatchObject({ stderr: 'sed: -e expression #1, char 0: no previous regular expression\n', exitCode: 1 });
  });

  it('refuses what the lab does not model with a lab: message', () => {
    expect(f.run('director', 'sed -f script.sed /etc/hostname').stderr).toBe('lab: sed: -f (reading the script from a file) is not supported; give the script with -e or as the first operand\n');
    expect(f.run('director', "sed 's/a/b/w out' /etc/hostname").stderr).toMatch(/^lab: sed: -e expression #1, char 7: .* is not supported\n$/);
    expect(f.run('director', "echo x | sed ':a;ba'")).toMatchObject({ exitCode: 4, stderr: expect.stringMatching(/^lab: sed: /) as unknown });
  });
});
