import { describe, expect, it } from 'vitest';
import { ShellFixture } from './testing/fixture.ts';

/** The real-server script of the LVS-DR tutorials, pasted without its #! line (bash 4.2's answers). */
const RS_SCRIPT = (action: string) => `VIP=192.168.122.188
case "${action}" in
start)
    ifconfig lo:0 $VIP netmask 255.255.255.255 broadcast $VIP
    route add -host $VIP dev lo:0
    echo "1" >/proc/sys/net/ipv4/conf/lo/arp_ignore
    echo "2" >/proc/sys/net/ipv4/conf/lo/arp_announce
    echo "1" >/proc/sys/net/ipv4/conf/all/arp_ignore
    echo "2" >/proc/sys/net/ipv4/conf/all/arp_announce
    echo "RealServer Start OK"
    ;;
stop)
    ifconfig lo:0 down
    route del $VIP >/dev/null 2>&1
    echo "0" >/proc/sys/net/ipv4/conf/lo/arp_ignore
    echo "0" >/proc/sys/net/ipv4/conf/all/arp_ignore
    echo "RealServer Stoped"
    ;;
*)
    echo "Usage: $0 {start|stop}"
    exit 1
esac`;

describe('case', () => {
  it('runs the tutorials\' real-server script: the VIP on lo:0 and the ARP sysctls', () => {
    const f = new ShellFixture();
    expect(f.run('web1', RS_SCRIPT('start'))).toMatchObject({ stdout: 'RealServer Start OK\n', stderr: '', exitCode: 0 });
    const web1 = f.node('web1');
    expect(web1.addresses).toContainEqual(expect.objectContaining({ dev: 'lo', label: 'lo:0', address: '192.168.122.188', prefixLength: 32 }));
    expect(web1.sysctls).toMatchObject({ 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2, 'net.ipv4.conf.lo.arp_ignore': 1 });
    expect(f.run('web1', RS_SCRIPT('stop')).stdout).toBe('RealServer Stoped\n');
    expect(f.node('web1').sysctls).toMatchObject({ 'net.ipv4.conf.all.arp_ignore': 0 });
    // Pasted into an interactive shell, "$1" is empty: the usage branch, and exit does not close the console.
    expect(f.run('web1', RS_SCRIPT('$1'))).toMatchObject({
      stdout: 'Usage: -bash {start|stop}\n', stderr: 'lab: exit: this console stays open (bash would log out)\n', exitCode: 1,
    });
  });

  it('matches globs, alternatives and bracket expressions; quoted text literally; the first match wins', () => {
    const f = new ShellFixture();
    const which = (word: string, items: string) => f.run('web1', `case ${word} in ${items} esac`).stdout;
    expect(which('web1', 'web[0-9]) echo numbered;; *) echo other;;')).toBe('numbered\n');
    expect(which('abc', 'x|a?c) echo alt;;')).toBe('alt\n');
    expect(which('abc', '(abc) echo paren;;')).toBe('paren\n');
    expect(which('"*"', '"*") echo star;; *) echo any;;')).toBe('star\n');
    expect(which('x', '"*") echo star;; *) echo any;;')).toBe('any\n');
    expect(which('b', '[!a]) echo not-a;;')).toBe('not-a\n');
    expect(which('7', '[[:digit:]]) echo digit;;')).toBe('digit\n');
    expect(which('a.c', 'a?c) echo one;; a.c) echo two;;')).toBe('one\n');
    expect(which('abc', 'a.c) echo dot;; *) echo none;;')).toBe('none\n');
    // The last item may leave out ;;, and no match is status 0.
    expect(f.run('web1', 'case x in y) echo y; esac; echo $?').stdout).toBe('0\n');
    expect(f.run('web1', 'P="w*"; case web2 in $P) echo unquoted;; esac; case web2 in "$P") echo quoted;; esac').stdout).toBe('unquoted\n');
  });
});

describe('if, test and [', () => {
  it('takes the first branch whose condition succeeds', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'if true; then echo yes; else echo no; fi').stdout).toBe('yes\n');
    expect(f.run('web1', 'if false; then echo a; elif true; then echo b; else echo c; fi').stdout).toBe('b\n');
    expect(f.run('web1', 'if false; then echo a; fi; echo $?').stdout).toBe('0\n');
    expect(f.run('web1', 'if false; then :; else false; fi; echo $?').stdout).toBe('1\n');
    expect(f.run('web1', 'if [ -d /etc ]\nthen\n  echo dir\nfi').stdout).toBe('dir\n');
    expect(f.run('web1', 'if true; then echo a; fi > /tmp/o; cat /tmp/o').stdout).toBe('a\n');
    expect(f.run('web1', '! false; echo $?; ! true; echo $?').stdout).toBe('0\n1\n');
  });

  it('test and [ answer as bash 4.2\'s builtins', () => {
    const f = new ShellFixture();
    const status = (expr: string) => f.run('web1', `${expr}; echo $?`).stdout.trim();
    expect(status('[ -f /etc/hostname ]')).toBe('0');
    expect(status('[ -d /etc/hostname ]')).toBe('1');
    expect(status('[ -e /nope ]')).toBe('1');
    expect(status('[ ! -e /nope ]')).toBe('0');
    expect(status('[ -f /proc/sys/net/ipv4/ip_forward ]')).toBe('0');
    expect(status('[ -z "$UNSET" ]')).toBe('0');
    expect(status('[ -n abc ]')).toBe('0');
    expect(status('[ "$(cat /proc/sys/net/ipv4/ip_forward)" = 0 ]')).toBe('0');
    expect(status('[ 10 -gt 9 ]')).toBe('0');
    expect(status('[ 10 \\> 9 ]')).toBe('1');
    expect(status('test 1 -eq 1 -a 2 -eq 3')).toBe('1');
    expect(status('test 1 -eq 1 -o 2 -eq 3')).toBe('0');
    expect(status('[ \\( a = b \\) -o c ]')).toBe('0');
    expect(status('[ ]')).toBe('1');
    expect(status('[ x ]')).toBe('0');
    expect(f.run('web1', '[ a -gt 1 ]')).toMatchObject({ stderr: 'bash: [: a: integer expression expected\n', exitCode: 2 });
    expect(f.run('web1', '[ 1 = 1')).toMatchObject({ stderr: "bash: [: missing `]'\n", exitCode: 2 });
    expect(f.run('web1', '[ a b ]')).toMatchObject({ stderr: 'bash: [: a: unary operator expected\n', exitCode: 2 });
    expect(f.run('web1', 'test a b c')).toMatchObject({ stderr: 'bash: test: b: binary operator expected\n', exitCode: 2 });
    expect(f.run('web1', '[ a = b c d e ]')).toMatchObject({ stderr: 'bash: [: too many arguments\n', exitCode: 2 });
    // Programs and directories are 755; what does not exist has no mode; other files' modes are not kept.
    expect(f.run('web1', '[ -x /usr/sbin/ip ] && [ -x /root ] && [ ! -x /bin/plymouth ]')).toMatchObject({ stderr: '', exitCode: 0 });
    expect(f.run('web1', '[ -x /etc/hostname ]')).toMatchObject({ stderr: 'lab: [: -x: file modes, devices and links are not simulated\n', exitCode: 2 });
  });
});

describe('while, until, break and continue', () => {
  it('loops while (until) the condition succeeds (fails)', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'while [ ! -e /tmp/flag ]; do echo waiting; echo x > /tmp/flag; done').stdout).toBe('waiting\n');
    expect(f.run('web1', 'until [ -e /tmp/f ]; do echo once > /tmp/f; done; cat /tmp/f').stdout).toBe('once\n');
    expect(f.run('web1', 'while false; do echo never; done; echo $?').stdout).toBe('0\n');
  });

  it('break and continue leave or go on with the Nth loop out', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi; echo $i; done').stdout).toBe('1\n3\n');
    expect(f.run('web1', 'for i in a b; do for j in 1 2; do if [ $j = 2 ]; then continue 2; fi; echo $i$j; done; echo never; done').stdout).toBe('a1\nb1\n');
    expect(f.run('web1', 'for i in a b; do while true; do echo $i; break 2; done; done').stdout).toBe('a\n');
    expect(f.run('web1', 'while true; do case x in x) break;; esac; done; echo out').stdout).toBe('out\n');
    expect(f.run('web1', 'break')).toMatchObject({ stderr: "bash: break: only meaningful in a `for', `while', or `until' loop\n", exitCode: 0 });
    expect(f.run('web1', 'for i in 1; do continue 0; done')).toMatchObject({ stderr: 'bash: continue: 0: loop count out of range\n' });
  });

  it('stops a loop that would run until Ctrl+C, and says so', () => {
    const f = new ShellFixture();
    const r = f.run('web1', 'while true; do echo x; done');
    expect(r.stdout).toBe('x\n'.repeat(1000));
    expect(r).toMatchObject({ stderr: 'lab: the loop stopped after 1000 rounds (bash would go on until Ctrl+C)\n', exitCode: 130 });
  });
});

describe('syntax errors of the compound commands, as bash reports them', () => {
  it('names the unexpected token', () => {
    const f = new ShellFixture();
    const err = (line: string) => f.run('web1', line).stderr;
    expect(err('if true; then fi')).toBe("bash: syntax error near unexpected token `fi'\n");
    expect(err('if true; fi')).toBe("bash: syntax error near unexpected token `fi'\n");
    expect(err('while true; done')).toBe("bash: syntax error near unexpected token `done'\n");
    expect(err('fi')).toBe("bash: syntax error near unexpected token `fi'\n");
    expect(err('echo a ;;')).toBe("bash: syntax error near unexpected token `;;'\n");
    expect(err('case x a) echo; esac')).toBe("bash: syntax error near unexpected token `a'\n");
    expect(err('if true; then echo')).toBe('bash: syntax error: unexpected end of file\n');
    expect(err('f() { echo; }')).toBe('');
    expect(err('{ echo; }')).toBe('');
    expect(err('(cd /tmp; ls)')).toBe('');
  });
});

describe('here-documents', () => {
  it('feed the lines up to the delimiter to stdin, expanded unless the delimiter is quoted', () => {
    const f = new ShellFixture();
    f.run('web1', 'cat > /var/www/html/index.html <<EOF\nThis is $(hostname) web\nEOF');
    expect(f.node('web1').files['/var/www/html/index.html']).toBe('This is web1 web\n');
    expect(f.run('web1', 'X=1; cat <<EOF\n$X \\$X "$X" \'$X\'\nEOF').stdout).toBe('1 $X "1" \'1\'\n');
    expect(f.run('web1', "X=1; cat <<'EOF'\n$X $(hostname)\nEOF").stdout).toBe('$X $(hostname)\n');
    expect(f.run('web1', 'cat <<\\EOF\n$X\nEOF').stdout).toBe('$X\n');
    expect(f.run('web1', 'cat <<-EOF\n\tindented\n\tEOF').stdout).toBe('indented\n');
    expect(f.run('web1', 'grep b <<EOF | wc -l\na\nb\nbb\nEOF').stdout).toBe('2\n');
  });

  it('write the sysctls of seed 000 §4.5 for sysctl -p', () => {
    const f = new ShellFixture();
    f.run('web1', 'cat >> /etc/sysctl.conf <<EOF\nnet.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2\nEOF');
    expect(f.run('web1', 'sysctl -p').stdout).toBe('net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2\n');
    expect(f.node('web1').sysctls).toMatchObject({ 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2 });
  });

  it('end at the end of the input with bash\'s warning; a missing delimiter word is a syntax error', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'echo a\ncat <<END\nabc')).toMatchObject({
      stdout: 'a\nabc\n', stderr: "bash: warning: here-document at line 2 delimited by end-of-file (wanted `END')\n",
    });
    expect(f.run('web1', 'cat <<').stderr).toBe("bash: syntax error near unexpected token `newline'\n");
  });
});
