import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';
import { saveCommand } from './vim-save.ts';

describe('echo, redirections and cat', () => {
  it('writes the index page and appends to files', () => {
    const f = new ShellFixture();
    f.run('web1', 'echo "This is test1 web" > /var/www/html/index.html');
    expect(f.node('web1').files['/var/www/html/index.html']).toBe('This is test1 web\n');
    f.run('web1', 'echo -n more >> /var/www/html/index.html');
    expect(f.run('web1', 'cat /var/www/html/index.html').stdout).toBe('This is test1 web\nmore');
    expect(f.run('web1', 'echo -e "a\\tb\\nc"').stdout).toBe('a\tb\nc\n');
    expect(f.run('web1', 'cat -n /var/www/html/index.html').stdout).toBe('     1\tThis is test1 web\n     2\tmore');
  });

  it('sends stderr where 2> and 2>&1 say, left to right', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'cat /nope 2>/dev/null')).toMatchObject({ stdout: '', stderr: '', exitCode: 1 });
    f.run('web1', 'cat /nope > /tmp/out 2>&1');
    expect(f.node('web1').files['/tmp/out']).toBe('cat: /nope: No such file or directory\n');
    // 2>&1 first: the message goes where stdout went (the terminal, or the pipe: the idiom that pipes only errors).
    expect(f.run('web1', 'cat /nope 2>&1 > /tmp/out2')).toMatchObject({ stdout: 'cat: /nope: No such file or directory\n', stderr: '' });
    expect(f.run('web1', 'cat /nope /etc/hostname 2>&1 > /tmp/out2 | wc -l').stdout).toBe('1\n');
    // >&2 (1>&2): stdout goes where stderr goes; a pipe or a command substitution does not get it.
    expect(f.run('web1', 'echo oops >&2 | wc -l')).toMatchObject({ stdout: '0\n', stderr: 'oops\n' });
    expect(f.run('web1', 'x=$(echo oops 1>&2); echo "[$x]"')).toMatchObject({ stdout: '[]\n', stderr: 'oops\n' });
    expect(f.run('web1', 'echo f 2>&1 >&2 | wc -l').stdout).toBe('1\n');
    f.run('web1', 'echo one 1>/tmp/o; echo two 1>>/tmp/o');
    expect(f.node('web1').files['/tmp/o']).toBe('one\ntwo\n');
  });

  it('reads the base system files', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'cat /etc/hostname').stdout).toBe('web1\n');
    expect(f.run('web1', 'cat /etc/sysconfig/network-scripts/ifcfg-ens33').stdout).toBe('TYPE=Ethernet\nBOOTPROTO=none\nNAME=ens33\nDEVICE=ens33\nONBOOT=yes\n');
    expect(f.run('web1', 'cat /etc/sysconfig/network-scripts/ifcfg-lo').stdout).toContain('NAME=loopback\n');
  });

  it('runs lists with ; && and ||', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'false && echo no; echo yes || echo never').stdout).toBe('yes\n');
    expect(f.run('web1', 'cat /nope || echo fallback').stdout).toBe('fallback\n');
    expect(f.run('web1', 'false; echo $?').stdout).toBe('1\n');
  });
});

describe('cd, cp, mkdir, chmod, pwd', () => {
  it('works relative to the working directory', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'pwd').stdout).toBe('/root\n');
    f.run('web1', 'cd /etc/sysconfig/network-scripts');
    expect(f.run('web1', 'pwd').stdout).toBe('/etc/sysconfig/network-scripts\n');
    f.run('web1', 'cp ifcfg-lo ifcfg-lo:0');
    expect(f.node('web1').files['/etc/sysconfig/network-scripts/ifcfg-lo:0']).toContain('DEVICE=lo\n');
    f.run('web1', 'cd ..');
    expect(f.run('web1', 'pwd').stdout).toBe('/etc/sysconfig\n');
    expect(f.run('web1', 'cd /nope').stderr).toBe('bash: cd: /nope: No such file or directory\n');
    expect(f.run('web1', 'cd /etc/hostname').stderr).toBe('bash: cd: /etc/hostname: Not a directory\n');
  });

  it('mkdir makes directories files can then go into', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'echo x > /opt/test1/index.html').stderr).toBe('bash: /opt/test1/index.html: No such file or directory\n');
    f.run('web1', 'mkdir /opt/test1 /opt/test2');
    f.run('web1', 'echo "This is test1 web" > /opt/test1/index.html');
    expect(f.node('web1').files['/opt/test1/index.html']).toBe('This is test1 web\n');
    expect(f.run('web1', 'mkdir /opt/test1').stderr).toBe('mkdir: cannot create directory ‘/opt/test1’: File exists\n');
    expect(f.run('web1', 'chmod +x /etc/rc.d/rc.local').exitCode).toBe(0);
  });
});

describe('grep, head, tail, wc', () => {
  it('filters stdin and files', () => {
    const f = new ShellFixture();
    f.run('web1', 'echo -e "alpha\\nbeta\\ngamma\\nAlphabet" > /tmp/t');
    expect(f.run('web1', 'grep -i alpha /tmp/t').stdout).toBe('alpha\nAlphabet\n');
    expect(f.run('web1', 'grep -v a /tmp/t').stdout).toBe('');
    expect(f.run('web1', 'grep -c a /tmp/t').stdout).toBe('4\n');
    expect(f.run('web1', 'grep -n "^g" /tmp/t').stdout).toBe('3:gamma\n');
    expect(f.run('web1', 'grep -C 1 gamma /tmp/t').stdout).toBe('beta\ngamma\nAlphabet\n');
    expect(f.run('web1', 'grep zzz /tmp/t').exitCode).toBe(1);
    expect(f.run('web1', 'cat /tmp/t | head -n 2').stdout).toBe('alpha\nbeta\n');
    expect(f.run('web1', 'cat /tmp/t | tail -1').stdout).toBe('Alphabet\n');
    expect(f.run('web1', 'cat /tmp/t | head -c 8').stdout).toBe('alpha\nbe');
    expect(f.run('web1', 'head -c3 /tmp/t; tail --bytes=4 /tmp/t').stdout).toBe('alpbet\n');
    expect(f.run('web1', 'head -c x /tmp/t').stderr).toBe('head: invalid number of bytes: ‘x’\n');
    expect(f.run('web1', 'cat /tmp/t | wc -l').stdout).toBe('4\n');
    expect(f.run('web1', 'grep -E "^(a|b)" /tmp/t').stdout).toBe('alpha\nbeta\n');
    expect(f.run('web1', 'grep "^\\(a\\|b\\)" /tmp/t').stdout).toBe('alpha\nbeta\n');
  });
});

describe('hostname, setenforce, getenforce, jobs', () => {
  it('answers as the host would', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'hostname').stdout).toBe('web1\n');
    expect(f.run('web1', 'hostname -I').stdout).toBe('192.168.122.100 \n');
    expect(f.run('web1', 'getenforce').stdout).toBe('Enforcing\n');
    expect(f.run('web1', 'setenforce 0')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(f.run('web1', 'getenforce').stdout).toBe('Permissive\n');
    expect(f.run('web1', 'jobs').stdout).toBe('');
  });
});

describe('commands given with their path', () => {
  it('runs /sbin/route as route and refuses unknown paths', () => {
    const f = new ShellFixture();
    expect(f.run('web1', '/sbin/route -n').stdout.startsWith('Kernel IP routing table\n')).toBe(true);
    expect(f.run('web1', '/opt/tool')).toMatchObject({ stderr: 'bash: /opt/tool: No such file or directory\n', exitCode: 127 });
  });
});

describe('seq and sleep', () => {
  it('seq counts as coreutils 8.22 does', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'seq 3').stdout).toBe('1\n2\n3\n');
    expect(f.run('web1', 'seq 10 -3 1').stdout).toBe('10\n7\n4\n1\n');
    expect(f.run('web1', 'seq -w 8 10').stdout).toBe('08\n09\n10\n');
    expect(f.run('web1', 'seq -w -1 1').stdout).toBe('-1\n00\n01\n');
    expect(f.run('web1', 'seq -s, 3').stdout).toBe('1,2,3\n');
    expect(f.run('web1', "seq -s ' ' 1 0.5 2").stdout).toBe('1.0 1.5 2.0\n');
    expect(f.run('web1', 'seq 0.5 2').stdout).toBe('0.5\n1.5\n');
    expect(f.run('web1', 'seq -2 0').stdout).toBe('-2\n-1\n0\n');
    expect(f.run('web1', 'seq 5 1')).toMatchObject({ stdout: '', exitCode: 0 });
    expect(f.run('web1', 'for i in $(seq 2); do echo n$i; done').stdout).toBe('n1\nn2\n');
  });

  it('seq and sleep reject what coreutils rejects', () => {
    const f = new ShellFixture();
    const tryHelp = (cmd: string) => `Try '${cmd} --help' for more information.\n`;
    expect(f.run('web1', 'seq')).toMatchObject({ stderr: `seq: missing operand\n${tryHelp('seq')}`, exitCode: 1 });
    expect(f.run('web1', 'seq x').stderr).toBe(`seq: invalid floating point argument: ‘x’\n${tryHelp('seq')}`);
    expect(f.run('web1', 'seq 1 0 3').stderr).toBe(`seq: invalid Zero increment value: ‘0’\n${tryHelp('seq')}`);
    expect(f.run('web1', 'seq 1 2 3 4').stderr).toBe(`seq: extra operand ‘4’\n${tryHelp('seq')}`);
    expect(f.run('web1', 'sleep')).toMatchObject({ stderr: `sleep: missing operand\n${tryHelp('sleep')}`, exitCode: 1 });
    expect(f.run('web1', 'sleep 1x').stderr).toBe(`sleep: invalid time interval ‘1x’\n${tryHelp('sleep')}`);
    expect(f.run('web1', 'sleep 2d').stderr).toBe('lab: sleep: the lab lets at most a day (86400 s) of virtual time pass at once\n');
    // Without a running simulation there is no time to let pass.
    expect(f.run('web1', 'sleep 0.5')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
  });
});

describe('vim (the console opens its editor)', () => {
  it('asks the console to open the file, new or existing', () => {
    const f = new ShellFixture();
    const sysctlConf = f.run('web1', 'cat /etc/sysctl.conf').stdout;
    expect(f.run('web1', 'vim /etc/sysctl.conf')).toMatchObject({ exitCode: 0, stdout: '', edit: { path: '/etc/sysctl.conf', content: sysctlConf, exists: true } });
    expect(f.run('web1', 'cd /etc/sysconfig/network-scripts; vi ifcfg-lo:0').edit).toEqual({ path: '/etc/sysconfig/network-scripts/ifcfg-lo:0', content: '', exists: false });
    // The first vim of a line opens; a command that does not run vim opens nothing.
    expect(f.run('web1', 'vim /tmp/a; vim /tmp/b').edit?.path).toBe('/tmp/a');
    expect(f.run('web1', 'cat /etc/hostname').edit).toBeUndefined();
  });

  it('refuses what the console cannot edit, with the reason', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'vim /etc')).toMatchObject({ stderr: 'lab: vim: /etc is a directory\n', exitCode: 1 });
    expect(f.run('web1', 'vim a b').stderr).toBe('lab: vim: the console edits one file at a time: vim FILE\n');
    expect(f.run('web1', 'vim').stderr).toBe('lab: vim: the console edits one file at a time: vim FILE\n');
    expect(f.run('web1', 'vim /nodir/file').stderr).toBe('lab: vim: /nodir/file: No such file or directory\n');
    const piped = f.run('web1', 'echo $(vim /tmp/x)');
    expect(piped.stderr).toBe('Vim: Warning: Output is not to a terminal\nlab: vim: the editor opens only on the console\n');
    expect(piped.edit).toBeUndefined();
  });

  it('saving runs a here-document that writes exactly the text, with vim\'s final newline', () => {
    const f = new ShellFixture();
    expect(saveCommand('/etc/sysctl.conf', 'a = 1\nb = 2\n')).toBe("cat > /etc/sysctl.conf <<'EOF'\na = 1\nb = 2\nEOF");
    f.run('web1', saveCommand('/tmp/t', 'x $HOME `y`\nEOF\nlast'));
    expect(f.node('web1').files['/tmp/t']).toBe('x $HOME `y`\nEOF\nlast\n');
    f.run('web1', saveCommand("/tmp/it's here", ''));
    expect(f.node('web1').files["/tmp/it's here"]).toBe('');
    f.run('web1', saveCommand('/proc/sys/net/ipv4/ip_forward', '1\n'));
    expect(f.node('web1').sysctls['net.ipv4.ip_forward']).toBe(1);
  });
});

describe('wc', () => {
  it('counts files as coreutils 8.22 does: one line each, a total, the width of the total size', () => {
    const f = new ShellFixture();
    f.run('web1', 'echo "This is test1 web" > /tmp/a; echo -e "x\ny\nz" > /tmp/b');
    expect(f.run('web1', 'wc -l /tmp/a').stdout).toBe('1 /tmp/a\n');
    expect(f.run('web1', 'wc /tmp/a').stdout).toBe(' 1  4 18 /tmp/a\n');
    expect(f.run('web1', 'wc -l /tmp/a /tmp/b').stdout).toBe(' 1 /tmp/a\n 3 /tmp/b\n 4 total\n');
    expect(f.run('web1', 'echo a | wc -l').stdout).toBe('1\n');
    expect(f.run('web1', 'echo a b | wc').stdout).toBe('      1       2       4\n');
    expect(f.run('web1', 'echo a | wc -l - /tmp/a').stdout).toBe('      1 -\n      1 /tmp/a\n      2 total\n');
    expect(f.run('web1', 'wc -l /nope /tmp/a')).toMatchObject({ stdout: '1 /tmp/a\n1 total\n', stderr: 'wc: /nope: No such file or directory\n', exitCode: 1 });
  });
});

describe('clear, whoami, export and unset', () => {
  it('answer as on the lab\'s CentOS 7 hosts', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'clear').stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
    expect(f.run('web1', 'whoami').stdout).toBe('root\n');
    // The lab's clock starts at the epoch, as its systemd and tcpdump timestamps do.
    expect(f.run('web1', 'date').stdout).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
    expect(f.run('web1', 'export VIP=192.168.122.188 A; echo $VIP; unset VIP; echo "[$VIP]"').stdout).toBe('192.168.122.188\n[]\n');
    expect(f.run('web1', 'export 1x=2')).toMatchObject({ stderr: "bash: export: `1x=2': not a valid identifier\n", exitCode: 1 });
  });

  it("reads `-` as standard input in grep, head and tail, and empty input as no lines", () => {
    const f = new ShellFixture();
    expect(f.run('director', 'echo hi | grep h -; echo hi | grep -H h -; echo x | tail -').stdout).toBe('hi\n(standard input):hi\nx\n');
    expect(f.run('director', "printf '' | head | wc -c; printf '' | grep -c ''").stdout).toBe('0\n0\n');
  });
});
