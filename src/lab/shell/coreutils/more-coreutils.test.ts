import { describe, expect, it } from 'vitest';
import { commandPath, isProgramPath, PROGRAM_NAMES } from '../fs/command-paths.ts';
import { BUILTINS, COMMAND_NAMES } from '../registry.ts';
import { ShellFixture } from '../testing/fixture.ts';

const run = (line: string) => new ShellFixture().run('director', line);
const SYNTAX = { stdout: '', stderr: 'expr: syntax error\n', exitCode: 2 };

describe('expr', () => {
  it('does integer arithmetic with expr.c precedence, truncating toward zero', () => {
    expect(run('expr 1 + 2')).toMatchObject({ stdout: '3\n', stderr: '', exitCode: 0 });
    expect(run("expr 2 + 3 '*' 4").stdout).toBe('14\n');
    expect(run("expr '(' 2 + 3 ')' '*' 4").stdout).toBe('20\n');
    expect(run('expr 10 - 2 - 3').stdout).toBe('5\n');
    expect(run('expr -7 / 2').stdout).toBe('-3\n');
    expect(run('expr -7 % 2').stdout).toBe('-1\n');
    expect(run('expr 99999999999999999999 + 1').stdout).toBe('100000000000000000000\n');
  });

  it('counts a loop as LVS tutorials do, with backquotes', () => {
    const f = new ShellFixture();
    f.run('director', 'i=1');
    f.run('director', 'i=`expr $i + 1`');
    expect(f.run('director', 'echo $i').stdout).toBe('2\n');
  });

  it('exits 1 when the result is null or 0', () => {
    expect(run('expr 2 - 2')).toMatchObject({ stdout: '0\n', exitCode: 1 });
    expect(run("expr ''")).toMatchObject({ stdout: '\n', exitCode: 1 });
    expect(run('expr -00')).toMatchObject({ stdout: '-00\n', exitCode: 1 });
    expect(run('expr -')).toMatchObject({ stdout: '-\n', exitCode: 0 });
  });

  it('compares numerically when both sides are integers, else as strings', () => {
    expect(run("expr 10 '>' 9")).toMatchObject({ stdout: '1\n', exitCode: 0 });
    expect(run("expr 10 '>' 9a")).toMatchObject({ stdout: '0\n', exitCode: 1 });
    expect(run('expr abc = abc').stdout).toBe('1\n');
    expect(run('expr abc == abd').stdout).toBe('0\n');
    expect(run('expr 007 = 7').stdout).toBe('1\n');
    expect(run("expr a '<=' b").stdout).toBe('1\n');
    expect(run('expr 3 != 4').stdout).toBe('1\n');
    expect(run("expr 5 '>=' 6").stdout).toBe('0\n');
    expect(run("expr 1 '<' 2").stdout).toBe('1\n');
  });

  it('evaluates | and & with short-circuits', () => {
    expect(run("expr 0 '|' b").stdout).toBe('b\n');
    expect(run("expr a '|' b").stdout).toBe('a\n');
    expect(run("expr '' '|' 0")).toMatchObject({ stdout: '0\n', exitCode: 1 });
    expect(run("expr a '&' b").stdout).toBe('a\n');
    expect(run("expr a '&' 0")).toMatchObject({ stdout: '0\n', exitCode: 1 });
    // The side not evaluated cannot divide by zero.
    expect(run("expr 1 '|' 1 / 0")).toMatchObject({ stdout: '1\n', exitCode: 0 });
    expect(run("expr 0 '&' 1 / 0")).toMatchObject({ stdout: '0\n', exitCode: 1 });
  });

  it('matches anchored basic regular expressions with : and match', () => {
    expect(run('expr abcdef : abc').stdout).toBe('3\n');
    expect(run('expr abcdef : bcd')).toMatchObject({ stdout: '0\n', exitCode: 1 });
    expect(run("expr abcdef : '.*'").stdout).toBe('6\n');
    expect(run("expr ens33:0 : '\\(.*\\):'").stdout).toBe('ens33\n');
    expect(run("expr abc : 'x\\(.*\\)'")).toMatchObject({ stdout: '\n', exitCode: 1 });
    expect(run("expr 192.168.1.10 : '[0-9]*\\.[0-9]*'").stdout).toBe('7\n');
    expect(run("expr aaa : 'a\\{2\\}'").stdout).toBe('2\n');
    expect(run("expr match hello 'h\\(e.\\)'").stdout).toBe('el\n');
    expect(run("expr é : '.*'").stdout).toBe('2\n');
  });

  it('has substr, index, length and the + quote', () => {
    expect(run('expr substr hello 2 3').stdout).toBe('ell\n');
    expect(run('expr substr hello 4 10').stdout).toBe('lo\n');
    expect(run('expr substr hello 0 2')).toMatchObject({ stdout: '\n', exitCode: 1 });
    expect(run('expr substr hello 9 2').stdout).toBe('\n');
    expect(run('expr substr hello x 2').stdout).toBe('\n');
    expect(run('expr index hello lo').stdout).toBe('3\n');
    expect(run('expr index hello z')).toMatchObject({ stdout: '0\n', exitCode: 1 });
    expect(run('expr length hello').stdout).toBe('5\n');
    expect(run('expr length + length').stdout).toBe('6\n');
    expect(run("expr + '*'").stdout).toBe('*\n');
    expect(run('expr -- 5 + 1').stdout).toBe('6\n');
  });

  it('rejects invalid expressions with status 2 and expr 8.22 messages', () => {
    expect(run('expr')).toMatchObject({ stdout: '', stderr: "expr: missing operand\nTry 'expr --help' for more information.\n", exitCode: 2 });
    expect(run('expr --')).toMatchObject({ stderr: "expr: missing operand\nTry 'expr --help' for more information.\n", exitCode: 2 });
    expect(run('expr 1 +')).toMatchObject(SYNTAX);
    expect(run('expr 1 2')).toMatchObject(SYNTAX);
    expect(run("expr '(' 1")).toMatchObject(SYNTAX);
    expect(run("expr ')'")).toMatchObject(SYNTAX);
    expect(run('expr length')).toMatchObject(SYNTAX);
    expect(run('expr substr abc 1')).toMatchObject(SYNTAX);
    expect(run('expr a + 1')).toMatchObject({ stdout: '', stderr: 'expr: non-integer argument\n', exitCode: 2 });
    expect(run('expr +5 + 1')).toMatchObject({ stderr: 'expr: non-integer argument\n', exitCode: 2 });
    expect(run('expr 1 / 0')).toMatchObject({ stdout: '', stderr: 'expr: division by zero\n', exitCode: 2 });
    expect(run('expr 1 % 0')).toMatchObject({ stderr: 'expr: division by zero\n', exitCode: 2 });
    expect(run("expr a : '\\(a'")).toMatchObject({ stderr: 'expr: Unmatched ( or \\(\n', exitCode: 2 });
    expect(run("expr a : 'a\\)'")).toMatchObject({ stderr: 'expr: Unmatched ) or \\)\n', exitCode: 2 });
    expect(run("expr a : '[a'")).toMatchObject({ stderr: 'expr: Unmatched [ or [^\n', exitCode: 2 });
    expect(run("expr a : 'a\\'")).toMatchObject({ stderr: 'expr: Trailing backslash\n', exitCode: 2 });
    expect(run('expr --help')).toMatchObject({ exitCode: 2 });
  });
});

describe('printf (the bash builtin)', () => {
  it('formats strings and integers with widths, precision and the - flag', () => {
    expect(run("printf '%s-%d\\n' web 1")).toMatchObject({ stdout: 'web-1\n', stderr: '', exitCode: 0 });
    expect(run("printf '[%5s][%-5s][%.2s]\\n' ab ab abcd").stdout).toBe('[   ab][ab   ][ab]\n');
    expect(run("printf '[%5d][%-5d][%05d][%.3d][%+d][% d]\\n' 42 42 42 7 5 5").stdout).toBe('[   42][42   ][00042][007][+5][ 5]\n');
    expect(run("printf '%x %X %o %#x %#o %u\\n' 255 255 8 255 8 42").stdout).toBe('ff FF 10 0xff 010 42\n');
    expect(run("printf '%i %d %d %d\\n' 0x1f 010 -3 \"'A\"").stdout).toBe('31 8 -3 65\n');
    expect(run("printf '%x\\n' -1").stdout).toBe('ffffffffffffffff\n');
    expect(run("printf '%c%c|%5c\\n' hello w x").stdout).toBe('hw|    x\n');
    expect(run("printf '%*d|%-*s|%.*s\\n' 4 7 3 a 2 abcdef").stdout).toBe('   7|a  |ab\n');
    expect(run("printf '%.0d|%ld|100%%\\n' 0 9").stdout).toBe('|9|100%\n');
  });

  it('expands the escapes of its format and, with %b, of an argument', () => {
    expect(run("printf 'a\\tb\\\\c\\n'").stdout).toBe('a\tb\\c\n');
    expect(run("printf '\\a\\r\\v\\101\\x41\\0101\\n'").stdout).toBe('\x07\r\vAA\x081\n');
    expect(run("printf '%b|%s\\n' 'x\\ty' 'x\\ty'").stdout).toBe('x\ty|x\\ty\n');
    expect(run("printf '%b\\n' '\\0101\\101'").stdout).toBe('AA\n');
    expect(run("printf '%b' 'one\\ctwo'; printf 'X\\n'").stdout).toBe('oneX\n');
    expect(run("printf '\\q\\n'").stdout).toBe('\\q\n');
    expect(run("printf '\\xZ\\n'")).toMatchObject({ stdout: '\\xZ\n', stderr: 'bash: printf: missing hex digit for \\x\n', exitCode: 0 });
  });

  it('reuses the format while arguments remain, and reads missing ones as empty or 0', () => {
    expect(run("printf '%s=%s\\n' a 1 b 2 c").stdout).toBe('a=1\nb=2\nc=\n');
    expect(run("printf '%d:%s.' 1").stdout).toBe('1:.');
    expect(run("printf 'no conversions\\n' a b").stdout).toBe('no conversions\n');
    expect(run("printf '%d\\n'").stdout).toBe('0\n');
    expect(run("printf '%s\\n' 192.168.1.{1,2,3}").stdout).toBe('192.168.1.1\n192.168.1.2\n192.168.1.3\n');
  });

  it('reports a non-numeric argument, prints what strtoimax read and exits 1', () => {
    expect(run("printf '%d\\n' abc")).toMatchObject({ stdout: '0\n', stderr: 'bash: printf: abc: invalid number\n', exitCode: 1 });
    expect(run("printf '%d %d\\n' 12abc 3")).toMatchObject({ stdout: '12 3\n', stderr: 'bash: printf: 12abc: invalid number\n', exitCode: 1 });
    expect(run("printf '%d\\n' 09")).toMatchObject({ stdout: '0\n', stderr: 'bash: printf: 09: invalid number\n', exitCode: 1 });
    expect(run("printf '%d\\n' ''")).toMatchObject({ stdout: '0\n', stderr: '', exitCode: 0 });
    expect(run("printf '%d\\n' 99999999999999999999")).toMatchObject({
      stdout: '9223372036854775807\n', stderr: 'bash: printf: warning: 99999999999999999999: Numerical result out of range\n', exitCode: 0,
    });
  });

  it('rejects bad formats and usage with bash messages', () => {
    expect(run('printf')).toMatchObject({ stderr: 'printf: usage: printf [-v var] format [arguments]\n', exitCode: 2 });
    expect(run("printf 'ab%y' 1")).toMatchObject({ stdout: 'ab', stderr: "bash: printf: `y': invalid format character\n", exitCode: 1 });
    expect(run("printf 'ab%5'")).toMatchObject({ stdout: 'ab', stderr: "bash: printf: `%5': missing format character\n", exitCode: 1 });
    expect(run("printf -x '%s'")).toMatchObject({ stderr: 'bash: printf: -x: invalid option\nprintf: usage: printf [-v var] format [arguments]\n', exitCode: 2 });
    expect(run("printf -- '-%s-\\n' a").stdout).toBe('-a-\n');
    expect(run("printf '%.2f\\n' 1.5")).toMatchObject({ stdout: '', exitCode: 1 });
    expect(run("printf '%.2f\\n' 1.5").stderr).toMatch(/^lab: printf: %f is not simulated/);
  });

  it('assigns to a variable with -v', () => {
    const f = new ShellFixture();
    expect(f.run('director', "printf -v vip '%s.%d' 192.168.122 100")).toMatchObject({ stdout: '', exitCode: 0 });
    expect(f.run('director', 'echo $vip').stdout).toBe('192.168.122.100\n');
    expect(f.run('director', "printf -v 1x '%s' a")).toMatchObject({ stderr: "bash: printf: `1x': not a valid identifier\n", exitCode: 2 });
    expect(f.run('director', 'printf -v')).toMatchObject({ stderr: 'bash: printf: -v: option requires an argument\nprintf: usage: printf [-v var] format [arguments]\n', exitCode: 2 });
  });

  it('is a builtin', () => {
    expect(BUILTINS.has('printf')).toBe(true);
  });
});

describe('touch', () => {
  it('creates a missing file empty and leaves an existing one alone', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'touch /var/www/html/index.html')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(f.node('web1').files['/var/www/html/index.html']).toBe('');
    f.run('web1', 'echo hello > /tmp/a');
    f.run('web1', 'cd /tmp');
    expect(f.run('web1', 'touch a b').exitCode).toBe(0);
    expect(f.node('web1').files['/tmp/a']).toBe('hello\n');
    expect(f.node('web1').files['/tmp/b']).toBe('');
    expect(f.run('web1', 'touch /etc/sysctl.conf /tmp').exitCode).toBe(0);
    expect(f.node('web1').files['/etc/sysctl.conf']).toBeUndefined();
  });

  it('creates nothing with -c, and files in directories made with mkdir', () => {
    const f = new ShellFixture();
    f.run('web1', 'touch -c /tmp/none');
    expect(f.node('web1').files['/tmp/none']).toBeUndefined();
    f.run('web1', 'mkdir /opt/site');
    f.run('web1', 'touch -am /opt/site/index.html');
    expect(f.node('web1').files['/opt/site/index.html']).toBe('');
  });

  it('reports a missing directory and a missing operand as coreutils 8.22 does', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'touch /x/y /tmp/ok')).toMatchObject({ stderr: 'touch: cannot touch ‘/x/y’: No such file or directory\n', exitCode: 1 });
    expect(f.node('web1').files['/tmp/ok']).toBe('');
    expect(f.run('web1', 'touch')).toMatchObject({ stderr: "touch: missing file operand\nTry 'touch --help' for more information.\n", exitCode: 1 });
    expect(f.run('web1', 'touch -z f')).toMatchObject({ stderr: "touch: invalid option -- 'z'\nTry 'touch --help' for more information.\n", exitCode: 1 });
    expect(f.run('web1', 'touch --bogus f')).toMatchObject({ stderr: "touch: unrecognized option '--bogus'\nTry 'touch --help' for more information.\n", exitCode: 1 });
    expect(f.run('web1', 'touch -d yesterday f').stderr).toMatch(/^lab: touch: file times are not simulated/);
    expect(f.node('web1').files['/root/f']).toBeUndefined();
  });
});

describe('which', () => {
  const NOT_FOUND = (name: string) => `/usr/bin/which: no ${name} in (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin)\n`;

  it('prints where CentOS 7 installs each command', () => {
    expect(run('which ipvsadm')).toMatchObject({ stdout: '/usr/sbin/ipvsadm\n', stderr: '', exitCode: 0 });
    expect(run('which ip ifconfig route arp sysctl iptables modprobe ifup ifdown tcpdump arping').stdout).toBe(
      ['ip', 'ifconfig', 'route', 'arp', 'sysctl', 'iptables', 'modprobe', 'ifup', 'ifdown', 'tcpdump', 'arping'].map((c) => `/usr/sbin/${c}\n`).join(''),
    );
    expect(run('which curl ping grep cat ls vim netstat systemctl echo test true false kill pwd printf expr which').stdout).toBe(
      ['curl', 'ping', 'grep', 'cat', 'ls', 'vim', 'netstat', 'systemctl', 'echo', 'test', 'true', 'false', 'kill', 'pwd', 'printf', 'expr', 'which'].map((c) => `/usr/bin/${c}\n`).join(''),
    );
    // bash's el7 package ships POSIX wrapper scripts for cd and jobs; `:` has no file.
    expect(run('which cd bash').stdout).toBe('/usr/bin/cd\n/usr/bin/bash\n');
    expect(run("which ':'")).toMatchObject({ stdout: '', stderr: NOT_FOUND(':'), exitCode: 1 });
  });

  it('reports unknown names on stderr, its status counting them', () => {
    expect(run('which nginx')).toMatchObject({ stdout: '', stderr: NOT_FOUND('nginx'), exitCode: 1 });
    expect(run('which nginx ls keepalived')).toMatchObject({ stdout: '/usr/bin/ls\n', stderr: NOT_FOUND('nginx') + NOT_FOUND('keepalived'), exitCode: 2 });
  });

  it('looks a name with a slash up in its own directory, through the /bin and /sbin links', () => {
    expect(run('which /sbin/ipvsadm').stdout).toBe('/sbin/ipvsadm\n');
    expect(run('which /usr/bin/ipvsadm')).toMatchObject({ stderr: '/usr/bin/which: no ipvsadm in (/usr/bin)\n', exitCode: 1 });
    expect(run('which bin/x')).toMatchObject({ stderr: '/usr/bin/which: no x in (./bin)\n', exitCode: 1 });
  });

  it('takes the alias options, reports bad ones as getopt does, and prints its usage without names', () => {
    expect(run('which --tty-only --read-alias --show-dot --show-tilde -a ip').stdout).toBe('/usr/sbin/ip\n');
    expect(run('which -z ip')).toMatchObject({ stdout: '/usr/sbin/ip\n', stderr: "/usr/bin/which: invalid option -- 'z'\n", exitCode: 0 });
    expect(run('which')).toMatchObject({ stderr: 'Usage: /usr/bin/which [options] [--] COMMAND [...]\n', exitCode: 255 });
  });

  it('knows a path for every command of the shell except :', () => {
    expect(COMMAND_NAMES.filter((n) => commandPath(n) === undefined)).toEqual([':']);
    // The session runs bash and sh itself (scripts).
    expect(PROGRAM_NAMES.filter((n) => !COMMAND_NAMES.includes(n))).toEqual(['bash', 'sh']);
    expect(isProgramPath('/bin/ls')).toBe(true);
    expect(isProgramPath('/usr/sbin/ls')).toBe(false);
  });
});
