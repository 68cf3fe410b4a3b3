import { describe, expect, it } from 'vitest';
import { KERNEL_RELEASE } from './kernel/release.ts';
import { ShellFixture } from './testing/fixture.ts';

/** Seed 000 §3.(2)'s line, with the article's `$1` or the intended `$i`. */
const moduleLoop = (v: string): string =>
  `for i in $(ls /usr/lib/modules/$(uname -r)/kernel/net/netfilter/ipvs | grep -o "^[^.]*");do echo ${v}; /sbin/modinfo -F filename ${v} > /dev/null 2>&1 && /sbin/modprobe ${v};done `;

const MODULES = [
  'ip_vs', 'ip_vs_dh', 'ip_vs_fo', 'ip_vs_ftp', 'ip_vs_lblc', 'ip_vs_lblcr', 'ip_vs_lc', 'ip_vs_mh', 'ip_vs_nq', 'ip_vs_ovf',
  'ip_vs_rr', 'ip_vs_sed', 'ip_vs_sh', 'ip_vs_twos', 'ip_vs_wlc', 'ip_vs_wrr',
];

describe('word expansion', () => {
  it('splits unquoted expansions and drops words that expand to nothing', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'echo a $X b').stdout).toBe('a b\n');
    expect(f.run('web1', 'echo a "$X" b').stdout).toBe('a  b\n');
    expect(f.run('web1', 'echo "$(echo  a   b)"').stdout).toBe('a b\n');
    expect(f.run('web1', 'echo $(echo a   b)').stdout).toBe('a b\n');
    expect(f.run('web1', 'echo "$(echo "a   b")"').stdout).toBe('a   b\n');
    expect(f.run('web1', 'echo $(echo "a   b")').stdout).toBe('a b\n');
    expect(f.run('web1', 'echo x$(echo " a b ")y').stdout).toBe('x a b y\n');
  });

  it('runs nested substitutions and backquotes in the node\'s shell', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'echo $(echo x $(echo y  z) "$(echo "q  r")")').stdout).toBe('x y z q r\n');
    expect(f.run('web1', 'echo "$(echo x $(echo y  z) "$(echo "q  r")")"').stdout).toBe('x y z q  r\n');
    expect(f.run('web1', 'echo `echo a  b` "`echo \\"c  d\\"`"').stdout).toBe('a b c  d\n');
    expect(f.run('web1', 'echo "$(hostname)-$(uname -r)"').stdout).toBe(`web1-${KERNEL_RELEASE}\n`);
    // stdout loses its trailing newlines; stderr goes to the terminal.
    expect(f.run('web1', 'echo "[$(cat /etc/hostname /nope)]"')).toMatchObject({ stdout: '[web1]\n', stderr: 'cat: /nope: No such file or directory\n', exitCode: 0 });
    // A substitution is a subshell: its cd does not last.
    expect(f.run('web1', 'echo $(cd /etc; pwd) $(pwd)').stdout).toBe('/etc /root\n');
  });

  it('expands braces first, as bash does (`for i in {1..6}; do curl …; done`)', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'echo web{1,2} {1..5} {01..10} {5..1..2} {a..e} {-1..1}').stdout)
      .toBe('web1 web2 1 2 3 4 5 01 02 03 04 05 06 07 08 09 10 5 3 1 a b c d e -1 0 1\n');
    expect(f.run('web1', 'echo a{b,c{1,2}}d {a,b}{1,2} x{,y}').stdout).toBe('abd ac1d ac2d a1 a2 b1 b2 x xy\n');
    // Not brace expressions: stay as typed.
    expect(f.run('web1', 'echo {} {a} "{a,b}" \'{1..3}\' {1..a} {a,b').stdout).toBe('{} {a} {a,b} {1..3} {1..a} {a,b\n');
    // Braces come before parameters: a variable's braces stay, a parameter inside braces is kept whole.
    expect(f.run('web1', 'X={a,b}; Y=1; echo $X {$Y,"2 3"}').stdout).toBe('{a,b} 1 2 3\n');
    expect(f.run('web1', 'for i in {1..3}; do echo -n "n$i "; done; echo').stdout).toBe('n1 n2 n3 \n');
  });

  it('keeps $? and plain assignments', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'false; echo $? "$?"').stdout).toBe('1 1\n');
    expect(f.run('web1', 'X="a  b"; echo $X "$X"').stdout).toBe('a b a  b\n');
    expect(f.run('web1', 'X=$(false); echo $?').stdout).toBe('1\n');
    expect(f.run('web1', 'echo x > $NOPE')).toMatchObject({ stderr: 'bash: $NOPE: ambiguous redirect\n', exitCode: 1 });
  });
});

describe('for loops', () => {
  it('sets the variable for each word and keeps the last value', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'for i in a "b c" $(echo d e); do echo "<$i>"; done').stdout).toBe('<a>\n<b c>\n<d>\n<e>\n');
    expect(f.run('web1', 'echo $i').stdout).toBe('e\n');
    expect(f.run('web1', 'true && for i in 1 2; do echo $i && false || echo no; done; echo $?').stdout).toBe('1\nno\n2\nno\n0\n');
    expect(f.run('web1', 'for i in a\ndo\n  echo $i\ndone').stdout).toBe('a\n');
    expect(f.run('web1', 'for i; do echo $i; done; echo end').stdout).toBe('end\n');
    expect(f.run('web1', 'for i in b a; do echo $i; done | grep a').stdout).toBe('a\n');
    expect(f.run('web1', 'for 1 in a; do echo; done')).toMatchObject({ stderr: "bash: `1': not a valid identifier\n", exitCode: 1 });
  });

  it('runs seed 000\'s module loop as written: an empty line per module, nothing loaded', () => {
    const f = new ShellFixture();
    const r = f.run('director', moduleLoop('$1'));
    expect(r).toMatchObject({ stdout: '\n'.repeat(16), stderr: '', exitCode: 1 });
    expect(f.node('director').ipvs.loaded).toBe(false);
  });

  it('runs the corrected loop: each module named and loaded', () => {
    const f = new ShellFixture();
    const r = f.run('director', moduleLoop('$i'));
    expect(r).toMatchObject({ stdout: MODULES.map((m) => `${m}\n`).join(''), stderr: '', exitCode: 0 });
    expect(f.node('director').ipvs.loaded).toBe(true);
  });
});

describe('ls, uname, modinfo', () => {
  it('ls lays names out in columns on the terminal and one a line into a pipe', () => {
    const f = new ShellFixture();
    const dir = `/usr/lib/modules/${KERNEL_RELEASE}/kernel/net/netfilter/ipvs`;
    expect(f.run('director', `ls ${dir}`).stdout).toBe([
      // GNU ls 9.1 (LC_ALL=C COLUMNS=80 ls -C -T 0) over the same 16 names prints exactly this.
      'ip_vs.ko.xz      ip_vs_lblc.ko.xz   ip_vs_nq.ko.xz   ip_vs_sh.ko.xz',
      'ip_vs_dh.ko.xz   ip_vs_lblcr.ko.xz  ip_vs_ovf.ko.xz  ip_vs_twos.ko.xz',
      'ip_vs_fo.ko.xz   ip_vs_lc.ko.xz     ip_vs_rr.ko.xz   ip_vs_wlc.ko.xz',
      'ip_vs_ftp.ko.xz  ip_vs_mh.ko.xz     ip_vs_sed.ko.xz  ip_vs_wrr.ko.xz',
      '',
    ].join('\n'));
    expect(f.run('director', `ls /lib/modules/$(uname -r)/kernel/net/netfilter/ipvs | head -3`).stdout).toBe('ip_vs.ko.xz\nip_vs_dh.ko.xz\nip_vs_fo.ko.xz\n');
    expect(f.run('director', `ls -1 ${dir} > /tmp/l; wc -l < /tmp/l`).stdout).toBe('16\n');
    expect(f.run('director', 'ls /').stdout).toBe('bin  dev  etc  home  lib  mnt  opt  proc  root  sbin  tmp  usr  var\n');
    expect(f.run('director', 'ls -a /etc/sysconfig').stdout).toBe('.  ..  init  network-scripts\n');
    expect(f.run('director', 'ls /etc/sysconfig/network-scripts').stdout).toBe('ifcfg-ens33  ifcfg-lo\n');
    expect(f.run('director', 'ls /proc/sys/net/ipv4/conf').stdout).toBe('all  default  ens33  lo\n');
    f.run('web1', 'echo hi > /var/www/html/index.html');
    expect(f.run('web1', 'cd /var/www; ls html').stdout).toBe('index.html\n');
  });

  it('ls lists files, then directories under headings, and reports missing names', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'ls /var/www /nope /etc/hostname /etc/sysconfig')).toMatchObject({
      stdout: '/etc/hostname\n\n/etc/sysconfig:\ninit  network-scripts\n\n/var/www:\nhtml\n',
      stderr: 'ls: cannot access /nope: No such file or directory\n',
      exitCode: 2,
    });
  });

  it('uname prints its fields in coreutils\' order', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'uname').stdout).toBe('Linux\n');
    expect(f.run('web1', 'uname -r').stdout).toBe(`${KERNEL_RELEASE}\n`);
    expect(f.run('web1', 'uname -m -n -s').stdout).toBe('Linux web1 x86_64\n');
    expect(f.run('web1', 'uname -a').stdout).toBe(`Linux web1 ${KERNEL_RELEASE} #1 SMP PREEMPT_DYNAMIC Fri Aug 29 10:12:31 EDT 2025 x86_64 x86_64 x86_64 GNU/Linux\n`);
  });

  it('modinfo names an IPVS module\'s file', () => {
    const f = new ShellFixture();
    expect(f.run('web1', 'modinfo -F filename ip_vs_rr').stdout).toBe(`/lib/modules/${KERNEL_RELEASE}/kernel/net/netfilter/ipvs/ip_vs_rr.ko.xz\n`);
    expect(f.run('web1', 'modinfo -n ip_vs ip-vs-sh').stdout).toBe(`/lib/modules/${KERNEL_RELEASE}/kernel/net/netfilter/ipvs/ip_vs.ko.xz\n/lib/modules/${KERNEL_RELEASE}/kernel/net/netfilter/ipvs/ip_vs_sh.ko.xz\n`);
  });
});
