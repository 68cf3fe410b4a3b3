import { describe, expect, it } from 'vitest';
import { ShellFixture } from './testing/fixture.ts';

/**
 * Malformed invocations of the shell's commands (ipvsadm's own are tested with ipvsadm): each
 * answers with the real tool's message and status, and leaves the lab exactly as it was — the
 * same document object.
 */
const CASES: readonly (readonly [node: string, line: string, stderr: string, status: number])[] = [
  ['web1', 'foo', 'bash: foo: command not found\n', 127],
  ['web1', 'ipvsadmin -L', 'bash: ipvsadmin: command not found\n', 127],
  ['web1', 'setenf orce 0', 'bash: setenf: command not found\n', 127],
  ['web1', 'echo "unterminated', "bash: unexpected EOF while looking for matching `\"'\nbash: syntax error: unexpected end of file\n", 2],
  ['web1', '; ls', "bash: syntax error near unexpected token `;'\n", 2],
  ['web1', 'echo >', "bash: syntax error near unexpected token `newline'\n", 2],
  ['web1', 'ip foo', 'Object "foo" is unknown, try "ip help".\n', 1],
  ['web1', 'ip addr foo', 'Command "foo" is unknown, try "ip address help".\n', 255],
  ['web1', 'ip route foo', 'Command "foo" is unknown, try "ip route help".\n', 255],
  ['web1', 'ip addr add 192.168.122.100/24 dev ens33', 'RTNETLINK answers: File exists\n', 2],
  ['web1', 'ip addr add 10.0.0.1/24', 'Not enough information: "dev" argument is required.\n', 1],
  ['web1', 'ip addr add 300.1.1.1/24 dev ens33', 'Error: any valid prefix is expected rather than "300.1.1.1/24".\n', 1],
  ['web1', 'ip addr add 10.0.0.1/24 dev eth9', 'Cannot find device "eth9"\n', 1],
  ['web1', 'ip addr add 10.0.0.1/24 dev ens33 label eth0:1', '"label" (eth0:1) must match "dev" (ens33) or be prefixed by "dev" with a colon.\n', 1],
  ['web1', 'ip addr add 10.0.0.1/24 dev ens33 scope galaxy', 'Error: argument "galaxy" is wrong: invalid scope value.\n', 255],
  ['web1', 'ip addr del 10.9.9.9/24 dev ens33', 'RTNETLINK answers: Cannot assign requested address\n', 2],
  ['web1', 'ip addr flush', 'Flush requires arguments.\n', 1],
  ['web1', 'ip addr show dev eth9', 'Device "eth9" does not exist.\n', 1],
  ['web1', 'ip link set eth9 up', 'Cannot find device "eth9"\n', 1],
  ['web1', 'ip link set ens33 foo', 'Error: either "dev" is duplicate, or "foo" is a garbage.\n', 255],
  ['web1', 'ip link set ens33 mtu abc', 'Error: argument "abc" is wrong: Invalid "mtu" value\n\n', 255],
  ['web1', 'ip link set ens33 mtu 20', 'Error: mtu less than device minimum.\n', 2],
  ['web1', 'ip link set ens33 address zz', '"zz" is invalid lladdr.\n', 1],
  ['web1', 'ip route add 10.0.0.0/8 via 10.1.1.1', 'Error: Nexthop has invalid gateway.\n', 2],
  ['web1', 'ip route add 10.0.0.1/8 dev ens33', 'Error: Invalid prefix for given prefix length.\n', 2],
  ['web1', 'ip route add 10.0.0.0/8 dev eth9', 'Cannot find device "eth9"\n', 1],
  ['web1', 'ip route add 192.168.122.0/24 via 10.0.0.1 via 10.0.0.2', 'Error: duplicate "via": "10.0.0.2" is the second value.\n', 255],
  ['web1', 'ip route del 10.0.0.0/8', 'RTNETLINK answers: No such process\n', 2],
  ['web1', 'ip route add 10.0.0.0/8 via 192.168.122.1 metric x', 'Error: argument "x" is wrong: "metric" value is invalid\n\n', 255],
  ['web1', 'ip neigh flush', 'Flush requires arguments.\n', 255],
  ['web1', 'ip neigh add 192.168.122.1 dev ens33 lladdr zz', '"zz" is invalid lladdr.\n', 255],
  ['web1', 'ip neigh add 192.168.122.1 lladdr 00:11:22:33:44:55', 'Device and destination are required arguments.\n', 255],
  ['web1', 'ifconfig eth9', 'eth9: error fetching interface information: Device not found\n', 1],
  ['web1', 'ifconfig eth9 up', 'eth9: ERROR while getting interface flags: No such device\n', 1],
  ['web1', 'ifconfig ens33:0 netmask 255.255.255.255', 'SIOCSIFNETMASK: Cannot assign requested address\n', 1],
  ['web1', 'ifconfig ens33 netmask 255.0.255.0', 'SIOCSIFNETMASK: Invalid argument\n', 1],
  ['web1', 'ifconfig ens33 999.1.1.1', "999.1.1.1: Unknown host\nifconfig: `--help' gives usage information.\n", 1],
  ['web1', 'ifconfig ens33:0 down', 'SIOCSIFFLAGS: Cannot assign requested address\n', 1],
  ['web1', 'route add -host 192.168.122.188 dev lo:0', 'SIOCADDRT: No such device\n', 7],
  ['web1', 'route add -net 10.0.0.0 netmask 255.0.0.0 gw 10.1.1.1', 'SIOCADDRT: Network is unreachable\n', 7],
  ['web1', 'route add -net 10.0.0.0 dev ens33', 'SIOCADDRT: Invalid argument\n', 7],
  ['web1', 'route del -host 10.9.9.9', 'SIOCDELRT: No such process\n', 7],
  ['web1', 'route add -host 999.9.9.9 dev ens33', '999.9.9.9: Unknown host\n', 1],
  ['web1', 'route add -host 10.1.1.1 netmask 255.255.255.0 dev ens33', "route: netmask 000000ff doesn't make sense with host route\nUsage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n\n       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n       route {-V|--version}                  Display version/author and exit.\n\n        -v, --verbose            be verbose\n        -n, --numeric            don't resolve names\n        -e, --extend             display other/more information\n        -F, --fib                display Forwarding Information Base (default)\n        -C, --cache              display routing cache instead of FIB\n\n  <AF>=Use '-A <af>' or '--<af>'; default: inet\n  List of possible address families (which support routing):\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n    x25 (CCITT X.25) \n", 4],
  ['web1', 'route add -host 10.1.1.1 dev ens33 extra', 'Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]\n       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]\n                              [netmask N] [mss Mss] [window W] [irtt I]\n                              [mod] [dyn] [reinstate] [[dev] If]\n       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject\n       inet_route [-FC] flush      NOT supported\n', 4],
  ['web1', 'sysctl', "sysctl: no variables specified\nTry `sysctl --help' for more information.\n", 1],
  ['web1', 'sysctl net.ipv4.conf.all.foo', 'sysctl: cannot stat /proc/sys/net/ipv4/conf/all/foo: No such file or directory\n', 255],
  ['web1', 'sysctl -w net.ipv4.ip_forward', 'sysctl: "net.ipv4.ip_forward" must be of the form name=value\n', 255],
  ['web1', 'sysctl -w net.ipv4.ip_forward=yes', 'sysctl: setting key "net.ipv4.ip_forward": Invalid argument\n', 255],
  ['web1', 'sysctl -p /etc/nosuch.conf', 'sysctl: cannot open "/etc/nosuch.conf": No such file or directory\n', 255],
  ['web1', 'echo 1 > /proc/sys/net/ipv4/conf/eth9/arp_ignore', 'bash: /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory\n', 1],
  ['web1', 'echo x > /proc/sys/net/ipv4/conf/all/arp_ignore', 'bash: echo: write error: Invalid argument\n', 1],
  ['web1', 'echo x > /etc', 'bash: /etc: Is a directory\n', 1],
  ['web1', 'cat /etc/nosuch', 'cat: /etc/nosuch: No such file or directory\n', 1],
  ['web1', 'cat /etc', 'cat: /etc: Is a directory\n', 1],
  ['web1', 'cp /etc/nosuch /tmp/x', 'cp: cannot stat ‘/etc/nosuch’: No such file or directory\n', 1],
  ['web1', 'cp /etc/hostname', "cp: missing destination file operand after ‘/etc/hostname’\nTry 'cp --help' for more information.\n", 1],
  ['web1', 'ipvsadm-restore < /etc/sysconfig/ipvsadm', 'bash: /etc/sysconfig/ipvsadm: No such file or directory\n', 1],
  ['web1', 'iptables', "iptables v1.8.7 (legacy): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n", 2],
  ['web1', 'iptables -t foo -L', "iptables v1.8.7 (legacy): can't initialize iptables table `foo': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n", 3],
  ['web1', 'iptables -t nat -A FOO -j ACCEPT', 'iptables: No chain/target/match by that name.\n', 1],
  ['web1', 'iptables -t nat -A PREROUTING -o ens33 -j ACCEPT', "iptables v1.8.7 (legacy): Can't use -o with PREROUTING\n\nTry `iptables -h' or 'iptables --help' for more information.\n", 2],
  ['web1', 'iptables -t nat -A PREROUTING -j SNAT --to-source 1.2.3.4', "iptables: Invalid argument. Run `dmesg' for more information.\n", 1],
  ['web1', 'iptables -t nat -A POSTROUTING -s 999.1.1.1 -j ACCEPT', "iptables v1.8.7 (legacy): host/network `999.1.1.1' not found\nTry `iptables -h' or 'iptables --help' for more information.\n", 2],
  ['web1', 'iptables -t nat -A POSTROUTING --dport 80 -j ACCEPT', 'iptables v1.8.7 (legacy): unknown option "--dport"\nTry `iptables -h\' or \'iptables --help\' for more information.\n', 2],
  ['web1', 'iptables -t nat -A POSTROUTING -j FOO', "iptables v1.8.7 (legacy): Couldn't load target `FOO':No such file or directory\n\nTry `iptables -h' or 'iptables --help' for more information.\n", 2],
  ['web1', 'iptables -t nat -D POSTROUTING -j ACCEPT', 'iptables: Bad rule (does a matching rule exist in that chain?).\n', 1],
  ['web1', 'iptables -t nat -D POSTROUTING 3', 'iptables: Index of deletion too big.\n', 1],
  ['web1', 'modprobe', 'modprobe: ERROR: missing parameters. See -h.\n', 1],
  ['web1', 'modprobe ip_vss', 'modprobe: FATAL: Module ip_vss not found.\n', 1],
  ['web1', 'systemctl frobnicate httpd', "Unknown operation 'frobnicate'.\n", 1],
  ['web1', 'systemctl start nginx', 'Failed to start nginx.service: Unit not found.\n', 5],
  ['web1', 'systemctl stop firewalld', 'Failed to stop firewalld.service: Unit firewalld.service not loaded.\n', 5],
  ['web1', 'setenforce 2', 'usage:  setenforce [ Enforcing | Permissive | 1 | 0 ]\n', 1],
  ['web1', 'ifup', 'Usage: ifup <configuration>\n', 1],
  ['web1', 'ifup ens33:0', '/usr/sbin/ifup: configuration for ens33:0 not found.\nUsage: ifup <configuration>\n', 1],
  ['web1', 'cd /nope', 'bash: cd: /nope: No such file or directory\n', 1],
  ['web1', 'grep', "Usage: grep [OPTION]... PATTERN [FILE]...\nTry 'grep --help' for more information.\n", 2],
  ['web1', 'grep x /etc/nosuch', 'grep: /etc/nosuch: No such file or directory\n', 2],
  ['web1', 'kill %1', 'bash: kill: %1: no such job\n', 1],
  ['web1', 'kill', 'bash: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n', 2],
  ['web1', 'curl', "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2],
  ['web1', 'curl --bogus http://x/', "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2],
  ['web1', 'ping -c 0 192.168.122.1', 'ping: bad number of packets to transmit.\n', 2],
  ['web1', 'ping -c 1 no.such.host', 'ping: no.such.host: Name or service not known\n', 2],
  ['web1', 'ping -c 1 -I eth9 192.168.122.1', 'ping: unknown iface eth9\n', 2],
  ['web1', 'ping -c 1 -I 10.9.9.9 192.168.122.1', 'ping: bind: Cannot assign requested address\n', 2],
  ['web1', 'arping -c 1 -I eth9 192.168.122.1', 'arping: unknown iface eth9\n', 2],
  ['web1', 'tcpdump -i eth9 &', '[1] 1042\ntcpdump: eth9: No such device exists\n(SIOCGIFHWADDR: No such device)\n', 0],
  ['web1', 'tcpdump -i ens33 arp and and &', '[1] 1042\ntcpdump: syntax error\n', 0],
  ['web1', 'tcpdump -i ens33 host nowhere &', "[1] 1042\ntcpdump: unknown host 'nowhere'\n", 0],
  ['web1', 'for i in a b; echo $i; done', "bash: syntax error near unexpected token `echo'\n", 2],
  ['web1', 'for i in a b; do modprobe ip_vs', 'bash: syntax error: unexpected end of file\n', 2],
  ['web1', 'for i in a b; do done', "bash: syntax error near unexpected token `done'\n", 2],
  ['web1', 'modprobe ip_vs; done', "bash: syntax error near unexpected token `done'\n", 2],
  ['web1', 'for i in ip_vs; do modprobe $i; done x', "bash: syntax error near unexpected token `x'\n", 2],
  ['web1', 'select x in a b; do modprobe ip_vs; done', 'lab: this shell runs simple commands, pipelines, lists, functions, subshells and the compound commands for, while, until, if, case, { }, (( )) and [[ ]]; "select" is not supported\n', 2],
  ['web1', 'echo $(modprobe ip_vs', "bash: unexpected EOF while looking for matching `)'\nbash: syntax error: unexpected end of file\n", 2],
  ['web1', 'modprobe $(echo ip_vs |)', 'bash: syntax error: unexpected end of file\n', 2],
  ['web1', 'modprobe ip_vs > $NOWHERE', 'bash: $NOWHERE: ambiguous redirect\n', 1],
  ['web1', 'for 1 in ip_vs; do modprobe ip_vs; done', "bash: `1': not a valid identifier\n", 1],
  ['web1', 'ls /nope', 'ls: cannot access /nope: No such file or directory\n', 2],
  ['web1', 'ls -z', "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", 2],
  ['web1', 'uname -x', "uname: invalid option -- 'x'\nTry 'uname --help' for more information.\n", 1],
  ['web1', 'uname now', "uname: extra operand ‘now’\nTry 'uname --help' for more information.\n", 1],
  ['web1', 'modinfo', 'modinfo: ERROR: missing module or filename.\n', 1],
  ['web1', 'modinfo -F filename', 'modinfo: ERROR: missing module or filename.\n', 1],
  ['web1', 'modinfo -F filename $1', 'modinfo: ERROR: missing module or filename.\n', 1],
  ['web1', 'modinfo ip_vss', 'modinfo: ERROR: Module ip_vss not found.\n', 1],
  ['web1', 'modinfo ip_vs', "lab: modinfo here knows only the IPVS modules' file names (modinfo -F filename MODULE)\n", 1],
  ['web1', 'case a in [z-a]) modprobe ip_vs;; esac; false', '', 1],
  ['web1', 'if; then modprobe ip_vs; fi', "bash: syntax error near unexpected token `;'\n", 2],
  ['web1', 'while do modprobe ip_vs; done', "bash: syntax error near unexpected token `do'\n", 2],
  ['web1', "test '(' a", 'bash: test: (: unary operator expected\n', 2],
  ['web1', 'seq 1 1e999', 'lab: seq: more than 100000 numbers; the lab\'s shell keeps a command\'s output smaller\n', 1],
  ['web1', 'sleep 1e999', 'lab: sleep: the lab lets at most a day (86400 s) of virtual time pass at once\n', 1],
  ['web1', 'bash /etc', 'bash: /etc: Is a directory\n', 126],
  ['web1', 'cat <<', "bash: syntax error near unexpected token `newline'\n", 2],
  ['web1', 'vim /etc', 'lab: vim: /etc is a directory\n', 1],
  ['web1', 'ss -ant state established', "lab: ss: filters (state …, sport = …) are not simulated; the lab's ss takes options only\n", 1],
  ['web1', 'ss -tl', 'lab: ss: add -n: the lab has no /etc/services to turn ports into names\n', 1],
  ['web1', 'ss -ntlp', "lab: ss -p: not simulated; the lab's ss lists TCP sockets (-t, -u, -n, -l, -a, -4, -6); netstat -p names the processes\n", 1],
  ['web1', 'ss -ntq', "ss: invalid option -- 'q'\nUsage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n", 1],
  ['web1', 'netstat -an', "lab: netstat: give -t (TCP) or -u (UDP): the lab's hosts have no UNIX sockets to list\n", 1],
  ['web1', 'netstat -tl', 'lab: netstat: add -n: the lab has no DNS or /etc/services to turn addresses and ports into names\n', 1],
  ['web1', 'yum install -y nfs-utils', 'lab: yum: not part of the lab: nfs-utils (the hosts have ipvsadm, httpd, iproute, net-tools, iptables, iptables-services, tcpdump, curl, iputils, arping, procps, procps-ng, coreutils, vim, vim-enhanced, vim-minimal, kmod)\n', 1],
];

describe('malformed invocations', () => {
  it('a line nested too deeply for the parser gets a message, not a crash', () => {
    const f = new ShellFixture();
    const before = f.doc;
    const r = f.run('web1', `${'if true; then '.repeat(3000)}modprobe ip_vs${'; fi'.repeat(3000)}`);
    expect(r).toMatchObject({ stderr: 'lab: the line nests too deeply for this shell\n', exitCode: 2 });
    expect(r.doc).toBe(before);
  });

  it('has more than thirty cases', () => {
    expect(CASES.length).toBeGreaterThan(30);
  });

  for (const [node, line, stderr, status] of CASES) {
    it(`${line} → ${JSON.stringify(stderr.split('\n')[0])}`, () => {
      const f = new ShellFixture();
      f.run('web1', 'true');
      const before = f.doc;
      const snapshot = JSON.stringify(before);
      const r = f.run(node, line);
      expect(r.stderr).toBe(stderr);
      expect(r.stdout).toBe('');
      // A background job's own status is not the pipeline's: bash reports 0 for `cmd &`.
      expect(r.exitCode).toBe(status);
      expect(r.doc).toBe(before);
      expect(JSON.stringify(r.doc)).toBe(snapshot);
    });
  }
});
