import { describe, expect, it } from 'vitest';
import { formatIpv4Address } from '../wire/ipv4-address.ts';
import { frameLength, ipv4PacketLength, unpaddedFrameLength } from '../wire/packet.ts';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import { macFor } from '../lab/mac.ts';
import { routingTables } from '../lab/shell/kernel/routes.ts';
import { saveCommand } from '../lab/shell/coreutils/vim-save.ts';
import { labFromScript } from '../lab/shell/testing/fixture.ts';
import { Live } from './testing.ts';
import { SimSession } from './session.ts';

/** The DR topology of seed 000 §4.5 with only the machines' addresses configured. */
const DR_TOPOLOGY = `
node client host
node gw router
node sw switch
node director host
node web1 host
node web2 host
link client:eth0 gw:eth1
link gw:eth0 sw
link director:ens33 sw
link web1:ens33 sw
link web2:ens33 sw
@gw
ip addr add 12.0.0.1/24 dev eth1
ip addr add 192.168.122.1/24 dev eth0
ip link set eth1 up
ip link set eth0 up
@client
ip addr add 12.0.0.12/24 dev eth0
ip link set eth0 up
ip route add default via 12.0.0.1
@director
ip addr add 192.168.122.10/24 dev ens33
ip link set ens33 up
ip route add default via 192.168.122.1
@web1
ip addr add 192.168.122.100/24 dev ens33
ip link set ens33 up
ip route add default via 192.168.122.1
@web2
ip addr add 192.168.122.101/24 dev ens33
ip link set ens33 up
ip route add default via 192.168.122.1
`;

const DIRECTOR = `
systemctl stop firewalld
setenforce 0
cd /etc/sysconfig/network-scripts
cp ifcfg-ens33 ifcfg-ens33:0
echo "DEVICE=ens33:0" > ifcfg-ens33:0
echo "ONBOOT=yes" >> ifcfg-ens33:0
echo "IPADDR=192.168.122.188" >> ifcfg-ens33:0
echo "NETMASK=255.255.255.255" >> ifcfg-ens33:0
ifup ens33:0
echo "net.ipv4.ip_forward = 0" >> /etc/sysctl.conf
echo "net.ipv4.conf.all.send_redirects = 0" >> /etc/sysctl.conf
echo "net.ipv4.conf.default.send_redirects = 0" >> /etc/sysctl.conf
echo "net.ipv4.conf.ens33.send_redirects = 0" >> /etc/sysctl.conf
sysctl -p
ipvsadm-save >/etc/sysconfig/ipvsadm
systemctl start ipvsadm
ipvsadm -C
ipvsadm -A -t 192.168.122.188:80 -s rr
ipvsadm -a -t 192.168.122.188:80 -r 192.168.122.100:80 -g
ipvsadm -a -t 192.168.122.188:80 -r 192.168.122.101:80 -g
`;

const webServer = (page: string, arpIgnore: number) => `
cd /etc/sysconfig/network-scripts
cp ifcfg-lo ifcfg-lo:0
echo "DEVICE=lo:0" > ifcfg-lo:0
echo "ONBOOT=yes" >> ifcfg-lo:0
echo "IPADDR=192.168.122.188" >> ifcfg-lo:0
echo "NETMASK=255.255.255.255" >> ifcfg-lo:0
ifup lo:0
route add -host 192.168.122.188 dev lo:0
echo "net.ipv4.conf.lo.arp_ignore = ${arpIgnore}" >> /etc/sysctl.conf
echo "net.ipv4.conf.lo.arp_announce = 2" >> /etc/sysctl.conf
echo "net.ipv4.conf.all.arp_ignore = ${arpIgnore}" >> /etc/sysctl.conf
echo "net.ipv4.conf.all.arp_announce = 2" >> /etc/sysctl.conf
sysctl -p
systemctl start httpd
echo "${page}" > /var/www/html/index.html
`;

/** The DR lab with seed 000's director and real-server commands pasted in: web1 and web2 serve their pages. */
function deployedDr(web1Page: string, web2Page: string, arpIgnore: number): Live {
  const lab = new Live(labFromScript(DR_TOPOLOGY));
  lab.paste('director', DIRECTOR);
  lab.paste('web1', webServer(web1Page, arpIgnore));
  lab.paste('web2', webServer(web2Page, arpIgnore));
  return lab;
}

describe('seed 000 DR, pasted into the shells', () => {
  it('the real server\'s access log shows the client\'s own address: in DR the request arrives unchanged', () => {
    const lab = deployedDr('web1', 'web2', 1);
    expect(lab.run('web1', 'ls /var/log/httpd; cat /var/log/httpd/access_log').stdout).toBe('access_log\n');
    lab.run('client', 'for i in 1 2 3 4; do curl -s http://192.168.122.188/ > /dev/null; done; curl -sI http://192.168.122.188/ > /dev/null');
    const lines = lab.run('web1', 'cat /etc/httpd/logs/access_log').stdout.split('\n').filter(Boolean);
    // rr: web2 took requests 1 and 3 and 5 (the HEAD), web1 requests 2 and 4; the page "web1\n" is 5 bytes.
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^12\.0\.0\.12 - - \[01\/Jan\/1970:00:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 5 "-" "curl\/7\.29\.0"$/);
    expect(lab.run('web2', 'tail -n 1 /var/log/httpd/access_log').stdout).toMatch(/^12\.0\.0\.12 - - \[.*\] "HEAD \/ HTTP\/1\.1" 200 - "-" "curl\/7\.29\.0"\n$/);
    // The director served nothing itself and runs no httpd: it has no log.
    expect(lab.run('director', 'cat /var/log/httpd/access_log').stderr).toBe('cat: /var/log/httpd/access_log: No such file or directory\n');
  });

  it('the tutorials\' health check takes a real server out when it stops answering and back when it answers again', () => {
    const lab = deployedDr('web1', 'web2', 1);
    // The monitor of the LVS tutorials (one round per call here, where the original loops forever with sleep 5).
    lab.run('director', saveCommand('/root/check.sh', [
      'VIP=192.168.122.188; CPORT=80; RPORT=80; TYPE=g; LOG=/var/log/ipvsmonitor.log',
      'RS=("192.168.122.100" "192.168.122.101"); RW=("1" "1"); declare -a RSSTATUS',
      'checkrs() { local I=1; while [ $I -le 2 ]; do if curl --connect-timeout 1 http://$1 &> /dev/null; then return 0; fi; let I++; done; return 1; }',
      'COUNT=0; for I in ${RS[*]}; do if ipvsadm -L -n | grep -q "$I:$RPORT"; then RSSTATUS[$COUNT]=1; else RSSTATUS[$COUNT]=0; fi; let COUNT++; done',
      'COUNT=0',
      'for I in ${RS[*]}; do',
      '  if checkrs $I; then',
      '    if [ ${RSSTATUS[$COUNT]} -eq 0 ]; then ipvsadm -a -t $VIP:$CPORT -r $I:$RPORT -$TYPE -w ${RW[$COUNT]} && echo "$I is back." >> $LOG; fi',
      '  else',
      '    if [ ${RSSTATUS[$COUNT]} -eq 1 ]; then ipvsadm -d -t $VIP:$CPORT -r $I:$RPORT && echo "$I is gone." >> $LOG; fi',
      '  fi',
      '  let COUNT++',
      'done',
      '',
    ].join('\n')));
    const servers = (): string[] => lab.run('director', 'ipvsadm -Ln | grep -o "192.168.122.10[01]:80"').stdout.split('\n').filter(Boolean);
    expect(lab.run('director', 'bash /root/check.sh').exitCode).toBe(0);
    expect(servers()).toEqual(['192.168.122.100:80', '192.168.122.101:80']);
    // web2's cable is pulled: its connects time out after 1 s each instead of 3 s of ARP solicitations.
    lab.run('web2', 'ip link set ens33 down');
    lab.run('web1', 'systemctl stop httpd');
    expect(lab.run('director', 'bash /root/check.sh').exitCode).toBe(0);
    expect(servers()).toEqual([]);
    lab.run('web1', 'systemctl start httpd');
    lab.run('web2', 'ip link set ens33 up');
    // The link going down took web2's default route with it (fib_sync_down_dev), as on a real machine.
    lab.run('web2', 'ip route add default via 192.168.122.1');
    lab.run('director', 'bash /root/check.sh');
    expect(servers()).toEqual(['192.168.122.100:80', '192.168.122.101:80']);
    expect(lab.run('director', 'cat /var/log/ipvsmonitor.log').stdout).toBe('192.168.122.100 is gone.\n192.168.122.101 is gone.\n192.168.122.100 is back.\n192.168.122.101 is back.\n');
    expect(lab.run('client', 'for i in 1 2; do curl -s http://192.168.122.188/; done').stdout).toBe('web2\nweb1\n');
  });

  it('serves the two pages alternately and ipvsadm -Ln shows the connections in FIN_WAIT as InActConn', () => {
    const lab = deployedDr('This is test1 web', 'This is test2 web', 1);
    const pages = [1, 2, 3, 4].map(() => lab.run('client', 'curl http://192.168.122.188/').stdout);
    expect(pages).toEqual(['This is test2 web\n', 'This is test1 web\n', 'This is test2 web\n', 'This is test1 web\n']);
    expect(lab.run('director', 'ipvsadm -Ln').stdout).toBe([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  192.168.122.188:80 rr',
      '  -> 192.168.122.100:80           Route   1      0          2         ',
      '  -> 192.168.122.101:80           Route   1      0          2         ',
      '',
    ].join('\n'));
    const conns = lab.sim.snapshot('director')!.connections;
    expect(conns.map((c) => c.state)).toEqual(['FIN_WAIT', 'FIN_WAIT', 'FIN_WAIT', 'FIN_WAIT']);
  });

  it('the tutorials\' test loop alternates the pages; sleep lets the FIN_WAIT entries expire after 2 minutes (tcp_timeouts)', () => {
    const lab = deployedDr('This is test1 web', 'This is test2 web', 1);
    expect(lab.run('client', 'for i in {1..4}; do curl -s http://192.168.122.188/; done').stdout)
      .toBe('This is test2 web\nThis is test1 web\nThis is test2 web\nThis is test1 web\n');
    const entries = () => lab.sim.snapshot('director')!.connections.map((c) => c.state);
    expect(entries()).toEqual(['FIN_WAIT', 'FIN_WAIT', 'FIN_WAIT', 'FIN_WAIT']);
    const t0 = lab.sim.network.engine.now;
    expect(lab.run('director', 'sleep 1m 59')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(lab.sim.network.engine.now - t0).toBe(119_000_000);
    expect(entries()).toHaveLength(4);
    lab.run('director', 'sleep 1.5');
    expect(entries()).toEqual([]);
    expect(lab.run('director', 'date').stdout).toBe('Thu Jan  1 00:02:00 UTC 1970\n');
    expect(lab.run('director', 'ipvsadm -Lnc').stdout).toBe('IPVS connection entries\npro expire state       source             virtual            destination\n');
  });

  it('netstat: Apache listens on :::80 (tcp6, IPv4 too); the client that closed first holds TIME_WAIT; the director holds no socket', () => {
    const lab = deployedDr('This is test1 web', 'This is test2 web', 1);
    const pid = lab.run('web1', 'systemctl status httpd').stdout.match(/Main PID: (\d+) \(httpd\)/)![1]!;
    expect(lab.run('web1', 'netstat -ntlp').stdout).toBe([
      'Active Internet connections (only servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
      `tcp6       0      0 :::80                   :::*                    LISTEN      ${`${pid}/httpd`.padEnd(20)}`,
      '',
    ].join('\n'));
    lab.run('client', 'curl -s http://192.168.122.188/');
    const port = lab.sim.network.hosts.get('client')!.tcp.socketList()[0]!.localPort;
    expect(lab.run('client', 'netstat -nt').stdout).toBe([
      'Active Internet connections (w/o servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ',
      `tcp        0      0 ${`12.0.0.12:${port}`.padEnd(23)} 192.168.122.188:80      TIME_WAIT  `,
      '',
    ].join('\n'));
    // ss (iproute2 4.11) on an 80-column terminal: Apache's backlog as the listener's Send-Q;
    // TIME-WAIT only with -a.
    expect(lab.run('web1', 'ss -ntl').stdout).toBe([
      'State      Recv-Q Send-Q Local Address:Port               Peer Address:Port              ',
      'LISTEN     0      511         :::80                      :::*                  ',
      '',
    ].join('\n'));
    expect(lab.run('client', 'ss -ant').stdout.split('\n')[1]).toBe(`TIME-WAIT  0      0      ${`12.0.0.12:${port}`.padEnd(29)}192.168.122.188:80                 `);
    expect(lab.run('client', 'ss -nt').stdout.split('\n')).toHaveLength(2);
    // In DR the director forwards frames; no connection ends on it.
    expect(lab.run('director', 'netstat -ant').stdout).toBe('Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \n');
    // After 60 s (TCP_TIMEWAIT_LEN) the client's socket is gone.
    lab.run('client', 'sleep 61');
    expect(lab.run('client', 'netstat -nt').stdout.split('\n')).toHaveLength(3);
  });

  it('with arp_ignore=0 every host holding the VIP answers the gateway\'s arping, one capture line each', () => {
    const lab = deployedDr('This is test1 web', 'This is test2 web', 0);
    const start = lab.run('gw', 'tcpdump -n -e -i eth0 arp &');
    expect(start.stderr).toBe(`[1] ${start.stderr.match(/^\[1\] (\d+)/)![1]}\ntcpdump: verbose output suppressed, use -v or -vv for full protocol decode\nlistening on eth0, link-type EN10MB (Ethernet), capture size 262144 bytes\n`);
    const arping = lab.run('gw', 'arping -c 1 -I eth0 192.168.122.188');
    const gwMac = macFor('gw', 'eth0');
    const answering = [['director', 'ens33'], ['web1', 'ens33'], ['web2', 'ens33']].map(([n, d]) => macFor(n!, d!));
    const captured = lab.shell.drainBackground().map((l) => l.text.replace(/^\d\d:\d\d:\d\d\.\d{6} /, ''));
    expect(captured[0]).toBe(`${gwMac} > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 192.168.122.188 tell 192.168.122.1, length 28`);
    const replies = captured.filter((l) => l.includes('Reply 192.168.122.188'));
    expect(replies).toHaveLength(3);
    expect(new Set(replies)).toEqual(new Set(answering.map((m) => `${m} > ${gwMac}, ethertype ARP (0x0806), length 60: Reply 192.168.122.188 is-at ${m}, length 46`)));
    const lines = arping.stdout.split('\n');
    expect(lines[0]).toBe('ARPING 192.168.122.188 from 192.168.122.1 eth0');
    expect(lines.filter((l) => /^Unicast reply from 192\.168\.122\.188 \[[0-9A-F:]{17}\] {2}\d+\.\d{3}ms$/.test(l))).toHaveLength(3);
    expect(lines.slice(-3)).toEqual(['Sent 1 probes (1 broadcast(s))', 'Received 3 response(s)', '']);
  });
});

describe('traffic commands on a running lab', () => {
  const lan = () => {
    const lab = new Live(labFromScript(DR_TOPOLOGY));
    lab.run('web1', 'systemctl start httpd');
    lab.run('web1', 'echo hello > /var/www/html/index.html');
    return lab;
  };

  it('ping prints iputils\' lines and statistics', () => {
    const lab = lan();
    const r = lab.run('client', 'ping -c 2 192.168.122.100');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('PING 192.168.122.100 (192.168.122.100) 56(84) bytes of data.');
    expect(lines[1]).toMatch(/^64 bytes from 192\.168\.122\.100: icmp_seq=1 ttl=63 time=\d+\.\d+ ms$/);
    expect(lines[2]).toMatch(/^64 bytes from 192\.168\.122\.100: icmp_seq=2 ttl=63 time=\d+\.\d{3} ms$/);
    expect(lines[4]).toBe('--- 192.168.122.100 ping statistics ---');
    expect(lines[5]).toBe('2 packets transmitted, 2 received, 0% packet loss, time 1000ms');
    expect(lines[6]).toMatch(/^rtt min\/avg\/max\/mdev = \d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3} ms$/);
    expect(r.exitCode).toBe(0);
    expect(lab.run('client', 'ping -c 1 -I eth0 192.168.122.100').stdout.split('\n')[0]).toBe('PING 192.168.122.100 (192.168.122.100) from 12.0.0.12 eth0: 56(84) bytes of data.');
  });

  it('ping to an unroutable address: connect: Network is unreachable', () => {
    const lab = lan();
    expect(lab.run('web1', 'ip route del default').exitCode).toBe(0);
    expect(lab.run('web1', 'ping -c 1 12.0.0.12')).toMatchObject({ stderr: 'connect: Network is unreachable\n', exitCode: 2 });
  });

  it('curl prints the page, and curl 7.29\'s errors', () => {
    const lab = lan();
    expect(lab.run('client', 'curl http://192.168.122.100/').stdout).toBe('hello\n');
    expect(lab.run('client', 'curl -i http://192.168.122.100/').stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    // -I sends HEAD: Apache answers with the head alone, Content-Length still that of the page.
    expect(lab.run('client', 'curl -I http://192.168.122.100/').stdout)
      .toMatch(/^HTTP\/1\.1 200 OK\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\nServer: Apache\/2\.4\.6 \(CentOS\)\r\nContent-Length: 6\r\nContent-Type: text\/html; charset=UTF-8\r\n\r\n$/);
    expect(lab.run('client', 'curl -sI http://192.168.122.100/ | head -n 1').stdout).toBe('HTTP/1.1 200 OK\r\n');
    // -v: curl 7.29's notes, the request sent and the head read, on stderr; the body on stdout.
    const v = lab.run('client', 'curl -v http://192.168.122.100/');
    expect(v.stdout).toBe('hello\n');
    expect(v.stderr.replace(/Date: .*GMT/, 'Date: <date>')).toBe([
      '* About to connect() to 192.168.122.100 port 80 (#0)', '*   Trying 192.168.122.100...',
      '* Connected to 192.168.122.100 (192.168.122.100) port 80 (#0)',
      '> GET / HTTP/1.1', '> User-Agent: curl/7.29.0', '> Host: 192.168.122.100', '> Accept: */*', '> ',
      '< HTTP/1.1 200 OK', '< Date: <date>', '< Server: Apache/2.4.6 (CentOS)', '< Content-Length: 6', '< Content-Type: text/html; charset=UTF-8', '< ',
      '* Connection #0 to host 192.168.122.100 left intact', '',
    ].join('\n'));
    expect(lab.run('client', 'curl -v http://192.168.122.101/')).toMatchObject({
      stderr: [
        '* About to connect() to 192.168.122.101 port 80 (#0)', '*   Trying 192.168.122.101...', '* Connection refused',
        '* Failed connect to 192.168.122.101:80; Connection refused', '* Closing connection 0', 'curl: (7) Failed connect to 192.168.122.101:80; Connection refused', '',
      ].join('\n'),
      exitCode: 7,
    });
    expect(lab.run('client', 'curl http://192.168.122.101/')).toMatchObject({ stderr: 'curl: (7) Failed connect to 192.168.122.101:80; Connection refused\n', exitCode: 7 });
    expect(lab.run('client', 'curl -s http://192.168.122.101/')).toMatchObject({ stderr: '', exitCode: 7 });
    expect(lab.run('client', 'curl http://192.168.122.77/')).toMatchObject({ stderr: 'curl: (7) Failed connect to 192.168.122.77:80; No route to host\n', exitCode: 7 });
  });

  it('curl -o writes the body to a file and -w prints the transfer\'s variables (the tutorials\' status-code loop)', () => {
    const lab = lan();
    const r = lab.run('client', 'for i in {1..2}; do curl -s -o /dev/null -w "%{http_code} %{remote_ip}:%{remote_port} %{size_download}\\n" http://192.168.122.100/; done');
    expect(r).toMatchObject({ stdout: '200 192.168.122.100:80 6\n200 192.168.122.100:80 6\n', stderr: '', exitCode: 0 });
    lab.run('client', 'curl -so /root/page.html http://192.168.122.100/');
    expect(lab.doc.nodes.find((n) => n.id === 'client')!.files['/root/page.html']).toBe('hello\n');
    const timed = lab.run('client', 'curl -s -w "%{time_total}|%{nope}|100%%\\n" -o /dev/null http://192.168.122.100/');
    expect(timed.stdout).toMatch(/^\d+\.\d{3}\|\|100%\n$/);
    expect(timed.stderr).toBe("curl: unknown --write-out variable: 'nope'\n");
    expect(lab.run('client', 'curl -sS -o /nodir/x http://192.168.122.100/')).toMatchObject({ stderr: 'curl: (23) Failed writing body (0 != 6)\n', exitCode: 23 });
    expect(lab.run('client', 'curl -s -o /nodir/x http://192.168.122.100/')).toMatchObject({ stderr: '', exitCode: 23 });
    // A failed transfer writes out too: no response code, nothing downloaded.
    expect(lab.run('client', 'curl -s -w "%{http_code} %{size_download}\\n" http://192.168.122.101/')).toMatchObject({ stdout: '000 0\n', exitCode: 7 });
    expect(lab.run('client', 'curl -o')).toMatchObject({ stderr: "curl: option -o: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
  });

  it('curl -m reports curl\'s timeout', () => {
    const lab = lan();
    expect(lab.run('client', 'curl -m 2 http://192.168.122.77/')).toMatchObject({ stderr: 'curl: (28) Connection timed out after 2000 milliseconds\n', exitCode: 28 });
    // 0 is no limit; 7.29 takes whole seconds only (fractions came with 7.32).
    expect(lab.run('client', 'curl -m 0 http://192.168.122.100/')).toMatchObject({ stdout: 'hello\n', exitCode: 0 });
    expect(lab.run('client', 'curl -m 0.5 http://192.168.122.100/')).toMatchObject({
      stderr: "curl: option -m: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2,
    });
  });

  it('curl --connect-timeout limits only the connection phase, as the health-check scripts use it', () => {
    const lab = lan();
    // Nobody answers ARP for .77: without a limit the connect fails after 3 s of solicitations.
    const t0 = lab.runtimeNowUs();
    expect(lab.run('client', 'curl --connect-timeout 1 http://192.168.122.77/')).toMatchObject({ stderr: 'curl: (28) Connection timed out after 1000 milliseconds\n', exitCode: 28 });
    expect(lab.runtimeNowUs() - t0).toBeLessThan(2_000_000);
    // A server that answers is fetched whole, however long the transfer takes after connecting.
    expect(lab.run('client', 'curl --connect-timeout 1 http://192.168.122.100/')).toMatchObject({ stdout: 'hello\n', exitCode: 0 });
    expect(lab.run('client', 'if curl --connect-timeout 1 http://192.168.122.77 &> /dev/null; then echo up; else echo "down $?"; fi').stdout).toBe('down 28\n');
    expect(lab.run('client', 'curl --connect-timeout')).toMatchObject({ stderr: "curl: option --connect-timeout: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
    expect(lab.run('client', 'curl --connect-timeout 1s http://192.168.122.100/')).toMatchObject({ exitCode: 2 });
  });

  it('ping without an answer: the errors, pipe and statistics', () => {
    const lab = lan();
    expect(lab.run('client', 'ping -c 2 192.168.122.77').stdout).toBe([
      'PING 192.168.122.77 (192.168.122.77) 56(84) bytes of data.',
      'From 12.0.0.1 icmp_seq=1 Destination Host Unreachable',
      'From 12.0.0.1 icmp_seq=2 Destination Host Unreachable',
      '',
      '--- 192.168.122.77 ping statistics ---',
      '2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1000ms',
      'pipe 2',
      '',
    ].join('\n'));
  });

  it('ping -s: a request bigger than the MTU leaves in fragments (IP_PMTUDISC_WANT) and comes back whole', () => {
    const lab = lan();
    const lines = lab.run('client', 'ping -c 1 -s 2000 192.168.122.100').stdout.split('\n');
    expect(lines[0]).toBe('PING 192.168.122.100 (192.168.122.100) 2000(2028) bytes of data.');
    expect(lines[1]).toMatch(/^2008 bytes from 192\.168\.122\.100: icmp_seq=1 ttl=63 time=\d+\.\d+ ms$/);
    // Fewer data bytes than a timeval: ping cannot time its probes.
    const small = lab.run('client', 'ping -c 1 -s 8 192.168.122.100').stdout.split('\n');
    expect(small[1]).toBe('16 bytes from 192.168.122.100: icmp_seq=1 ttl=63');
    expect(small.slice(4)).toEqual(['1 packets transmitted, 1 received, 0% packet loss, time 0ms', '', '']);
  });

  it('ping -M do: too big for the route is a local error; fragmentation needed teaches the route its path MTU', () => {
    const lab = lan();
    const local = lab.run('client', 'ping -c 2 -M do -s 2000 192.168.122.100');
    expect(local.stderr).toBe('ping: local error: Message too long, mtu=1500\n'.repeat(2));
    expect(local.stdout).toBe([
      'PING 192.168.122.100 (192.168.122.100) 2000(2028) bytes of data.',
      '',
      '--- 192.168.122.100 ping statistics ---',
      '2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1000ms',
      '',
      '',
    ].join('\n'));
    expect(local.exitCode).toBe(1);
    expect(lab.run('gw', 'ip link set eth0 mtu 1400').exitCode).toBe(0);
    const probe = lab.run('client', 'ping -c 2 -M do -s 1472 192.168.122.100');
    expect(probe.stdout.split('\n')[1]).toBe('From 12.0.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)');
    expect(probe.stderr).toBe('ping: local error: Message too long, mtu=1400\n');
    expect(lab.run('client', 'ip route get 192.168.122.100').stdout).toMatch(/^192\.168\.122\.100 via 12\.0\.0\.1 dev eth0 src 12\.0\.0\.12 uid 0 \n {4}cache expires 59\dsec mtu 1400 \n$/);
    // 1372 data bytes fit 1400 and get through with DF.
    expect(lab.run('client', 'ping -c 1 -M do -s 1372 192.168.122.100').stdout.split('\n')[1]).toMatch(/^1380 bytes from 192\.168\.122\.100: icmp_seq=1 ttl=63 time=/);
  });

  it('ip route takes the mtu [lock] and advmss metrics, shows them and the kernel uses them', () => {
    const lab = lan();
    expect(lab.run('client', 'ip route replace default via 12.0.0.1 dev eth0 mtu lock 1400 advmss 1300').exitCode).toBe(0);
    expect(lab.run('client', 'ip route show').stdout).toBe('default via 12.0.0.1 dev eth0 mtu lock 1400 advmss 1300 \n12.0.0.0/24 dev eth0 proto kernel scope link src 12.0.0.12 \n');
    // rt_fill_info copies the route's metrics into the cloned route.
    expect(lab.run('client', 'ip route get 192.168.122.100').stdout).toBe('192.168.122.100 via 12.0.0.1 dev eth0 src 12.0.0.12 uid 0 \n    cache mtu lock 1400 advmss 1300 \n');
    // A locked MTU: ping's 1472 data bytes (1500) leave in fragments without DF even with -M want.
    expect(lab.run('client', 'ping -c 1 -s 1472 192.168.122.100').stdout.split('\n')[1]).toMatch(/^1480 bytes from 192\.168\.122\.100: icmp_seq=1 ttl=63 time=/);
    expect(lab.run('client', 'ip route add 10.9.0.0/16 via 12.0.0.1 mtu abc')).toMatchObject({ stderr: 'Error: argument "abc" is wrong: "mtu" value is invalid\n\n', exitCode: 255 });
    expect(lab.run('client', 'ip route add 10.9.0.0/16 via 12.0.0.1 advmss -1')).toMatchObject({ stderr: 'Error: argument "-1" is wrong: "mss" value is invalid\n\n', exitCode: 255 });
  });

  it('ping -s and -M reject what iputils rejects', () => {
    const lab = lan();
    expect(lab.run('client', 'ping -c 1 -M sometimes 192.168.122.100')).toMatchObject({ stderr: 'ping: wrong value for -M: do, dont, want are valid ones.\n', exitCode: 2 });
    expect(lab.run('client', 'ping -c 1 -s -1 192.168.122.100')).toMatchObject({ stderr: 'ping: illegal negative packet size -1.\n', exitCode: 2 });
    expect(lab.run('client', 'ping -c 1 -s 70000 192.168.122.100')).toMatchObject({ stderr: 'Error: packet size 70000 is too large. Maximum is 65507\n', exitCode: 2 });
  });

  it('fills the neighbour tables that ip neigh and arp -n show', () => {
    const lab = lan();
    lab.run('client', 'curl http://192.168.122.100/');
    const gw = formatIpv4Address(0xc0a87a01);
    expect(lab.run('web1', 'ip neigh').stdout).toMatch(new RegExp(`^${gw.replace(/\./g, '\\.')} dev ens33 lladdr ${macFor('gw', 'eth0')} (REACHABLE|STALE|DELAY)\\n$`));
    expect(lab.run('web1', 'arp -n').stdout).toBe(`Address                  HWtype  HWaddress           Flags Mask            Iface\n192.168.122.1            ether   ${macFor('gw', 'eth0')}   C                     ens33\n`);
    lab.run('web1', 'ip neigh flush dev ens33');
    expect(lab.run('web1', 'ip neigh').stdout).toBe('');
    lab.run('web1', 'ip neigh add 192.168.122.9 lladdr 00:11:22:33:44:55 dev ens33');
    expect(lab.run('web1', 'ip neigh show dev ens33').stdout).toBe('192.168.122.9 lladdr 00:11:22:33:44:55 PERMANENT\n');
    expect(lab.run('web1', 'cat /proc/net/arp').stdout).toBe('IP address       HW type     Flags       HW address            Mask     Device\n192.168.122.9    0x1         0x6         00:11:22:33:44:55     *        ens33\n');
  });

  it('ip neigh show and flush take an address or prefix (do_show_or_flush\'s get_prefix)', () => {
    const lab = lan();
    lab.run('client', 'curl http://192.168.122.100/');
    const all = lab.run('gw', 'ip neigh').stdout;
    // The gateway knows hosts on both sides: the client's network and the servers' LAN.
    expect(all).toMatch(/^12\.0\.0\./m);
    expect(all).toMatch(/^192\.168\.122\./m);
    expect(lab.run('gw', 'ip neigh show 192.168.122.100').stdout).toMatch(/^192\.168\.122\.100 dev eth0 lladdr \S+ \w+\n$/);
    expect(lab.run('gw', 'ip neigh show to 192.168.122.0/24').stdout).toBe(all.split('\n').filter((l) => l.startsWith('192.168.122.')).map((l) => `${l}\n`).join(''));
    expect(lab.run('gw', 'ip neigh show 10.9.9.9').stdout).toBe('');
    expect(lab.run('gw', 'ip neigh show 192.168.122.300')).toMatchObject({ stderr: 'Error: argument "192.168.122.300" is wrong: to value is invalid\n', exitCode: 255 });
    lab.run('gw', 'ip neigh flush 192.168.122.0/24');
    expect(lab.run('gw', 'ip neigh').stdout).toBe(all.split('\n').filter((l) => l !== '' && !l.startsWith('192.168.122.')).map((l) => `${l}\n`).join(''));
  });

  it('ifconfig shows the counters the devices keep: every frame in and out, padded as received', () => {
    const lab = lan();
    lab.run('client', 'curl http://192.168.122.100/');
    // The trace's hops on web1's ens33, counted as the NIC counts them.
    const hops = lab.sim.records.filter((r) => r.node === 'web1' && r.iface === 'ens33' && r.frame);
    const rx = hops.filter((r) => r.step === 'ingress');
    const tx = hops.filter((r) => r.step === 'egress');
    const rxBytes = rx.reduce((n, r) => n + frameLength(r.frame!), 0);
    const txBytes = tx.reduce((n, r) => n + unpaddedFrameLength(r.frame!), 0);
    expect(rx.length).toBeGreaterThan(5);
    expect(rxBytes).toBeGreaterThan(rx.length * 60 - 1);
    const out = lab.run('web1', 'ifconfig ens33').stdout;
    expect(out).toContain(`\n        RX packets ${rx.length}  bytes ${rxBytes} (`);
    expect(out).toContain(`\n        TX packets ${tx.length}  bytes ${txBytes} (`);
  });

  it('lo counts what it loops back once as sent and once as received, unpadded (loopback_xmit)', () => {
    const lab = lan();
    lab.run('web1', 'ping -c 1 127.0.0.1');
    // The echo request and its reply: 20 + 8 + 56 bytes of IP, 14 of Ethernet header each.
    const out = lab.run('web1', 'ifconfig lo').stdout;
    expect(out).toContain('\n        RX packets 2  bytes 196 (196.0 B)\n');
    expect(out).toContain('\n        TX packets 2  bytes 196 (196.0 B)\n');
  });

  it('tunl0 counts the packets it decapsulates, by their inner length (ip_tunnel_rcv)', () => {
    const tun = BUILTIN_LABS.find((l) => l.id === 'tun')!.doc;
    const lab = new Live(tun);
    expect(lab.run('client', 'curl http://10.0.1.188/').exitCode).toBe(0);
    const rs = ['rs1', 'rs2'].find((id) => lab.sim.records.some((r) => r.node === id && r.step === 'tunnel'))!;
    const decapsulated = lab.sim.records.filter((r) => r.node === rs && r.step === 'tunnel');
    const inner = decapsulated.map((r) => (r.packet?.body.kind === 'ipip' ? ipv4PacketLength(r.packet.body.inner) : Number.NaN));
    expect(inner.length).toBeGreaterThan(3);
    const out = lab.run(rs, 'ifconfig tunl0').stdout;
    expect(out).toContain(`\n        RX packets ${inner.length}  bytes ${inner.reduce((a, b) => a + b, 0)} (`);
    expect(out).toContain('\n        TX packets 0  bytes 0 (0.0 B)\n');
  });

  it('systemctl status shows the virtual time since the start', () => {
    const lab = lan();
    lab.run('client', 'ping -c 3 192.168.122.100');
    lab.run('web1', 'systemctl restart httpd');
    lab.run('client', 'ping -c 4 192.168.122.100');
    expect(lab.run('web1', 'systemctl status httpd').stdout).toMatch(/\n {3}Active: active \(running\) since Thu 1970-01-01 00:00:0\d UTC; 3s ago\n/);
  });

  it('a capture stops after -c packets and bash reports the job done at the next prompt', () => {
    const lab = lan();
    lab.run('web1', 'tcpdump -nn -i ens33 -c 2 tcp &');
    lab.run('client', 'curl http://192.168.122.100/');
    const lines = lab.shell.drainBackground().map((l) => l.text);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 12\.0\.0\.12\.\d+ > 192\.168\.122\.100\.80: Flags \[S\], seq \d+, win \d+, options \[.*\], length 0$/);
    expect(lines.slice(2)).toEqual(['2 packets captured', '2 packets received by filter', '0 packets dropped by kernel']);
    expect(lab.run('web1', 'jobs').stderr).toBe('[1]+  Done                    tcpdump -nn -i ens33 -c 2 tcp\n');
  });

  it('kill %1 ends a capture with its statistics; jobs lists running captures; PROMISC shows meanwhile', () => {
    const lab = lan();
    lab.run('web1', 'tcpdump -n -i ens33 icmp &');
    expect(lab.run('web1', 'jobs').stdout).toBe('[1]+  Running                 tcpdump -n -i ens33 icmp &\n');
    expect(lab.run('web1', 'ip link show ens33').stdout.split('\n')[0]).toBe('2: ens33: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000');
    lab.run('client', 'ping -c 1 192.168.122.100');
    lab.run('web1', 'kill %1');
    const lines = lab.shell.drainBackground().map((l) => l.text);
    expect(lines.slice(-4)).toEqual(['', '2 packets captured', '2 packets received by filter', '0 packets dropped by kernel']);
    expect(lab.run('web1', 'true').stderr).toBe('[1]+  Done                    tcpdump -n -i ens33 icmp\n');
  });
});

describe('dmesg', () => {
  it('prints the node\'s kernel log with its virtual timestamps', () => {
    const lab = new Live(labFromScript(DR_TOPOLOGY));
    lab.run('director', 'ip addr add 192.168.122.188/32 dev ens33 label ens33:0');
    lab.run('director', 'ipvsadm -A -t 192.168.122.188:80 -s rr');
    expect(lab.run('client', 'curl http://192.168.122.188/').stderr).toBe('curl: (7) Failed connect to 192.168.122.188:80; Connection refused\n');
    expect(lab.run('director', 'dmesg').stdout).toMatch(/^\[ {4}0\.\d{6}\] IPVS: rr: TCP 192\.168\.122\.188:80 - no destination available\n$/);
  });
});

describe('the shell\'s routing tables agree with the simulation', () => {
  for (const l of BUILTIN_LABS) {
    it(l.id, () => {
      const sim = new SimSession(l.doc);
      for (const node of l.doc.nodes) {
        if (node.kind === 'switch') continue;
        const snap = sim.snapshot(node.id)!;
        const fromSim = snap.routes.map((r) => `${r.table} ${r.type} ${r.dst}/${r.prefixLength} ${r.via ?? '-'} ${r.dev ?? '-'} ${r.src ?? '-'} ${r.metric} ${r.scope}`).sort();
        const t = routingTables(node);
        const fromShell = [...t.main, ...t.local].map((r) => `${r.table} ${r.type} ${formatIpv4Address(r.dst)}/${r.prefixLength} ${r.gateway !== undefined ? formatIpv4Address(r.gateway) : '-'} ${r.dev ?? '-'} ${r.prefsrc !== undefined ? formatIpv4Address(r.prefsrc) : '-'} ${r.metric} ${r.scope}`).sort();
        expect(fromShell, node.id).toEqual(fromSim);
      }
    });
  }
});

/** A host whose gateway r1 sends 20.0.0.0/24 back out the same LAN to r2: r1 sends ICMP redirects. */
const ONE_ARMED = `
node h host
node r1 router
node r2 router
node s host
node sw switch
link h:eth0 sw
link r1:eth0 sw
link r2:eth0 sw
link r2:eth1 s:eth0
@h
ip addr add 10.0.0.5/24 dev eth0
ip link set eth0 up
ip route add default via 10.0.0.1
@r1
ip addr add 10.0.0.1/24 dev eth0
ip link set eth0 up
ip route add 20.0.0.0/24 via 10.0.0.2
@r2
ip addr add 10.0.0.2/24 dev eth0
ip addr add 20.0.0.1/24 dev eth1
ip link set eth0 up
ip link set eth1 up
@s
ip addr add 20.0.0.5/24 dev eth0
ip link set eth0 up
ip route add default via 20.0.0.1
`;

describe('ip route get and the route cache ask the running kernel', () => {
  it('DR: the VIP on lo is a local route on a real server; the client goes through its gateway; the gateway forwards', () => {
    const lab = new Live(labFromScript(DR_TOPOLOGY));
    lab.paste('director', DIRECTOR);
    lab.paste('web1', webServer('This is test1 web', 1));
    expect(lab.run('web1', 'ip route get 192.168.122.188').stdout).toBe('local 192.168.122.188 dev lo table local src 192.168.122.188 uid 0 \n    cache <local> \n');
    expect(lab.run('client', 'ip route get 192.168.122.188').stdout).toBe('192.168.122.188 via 12.0.0.1 dev eth0 src 12.0.0.12 uid 0 \n    cache \n');
    expect(lab.run('client', 'ip r g 192.168.122.188 from 12.0.0.12').stdout).toBe('192.168.122.188 from 12.0.0.12 via 12.0.0.1 dev eth0 uid 0 \n    cache \n');
    // An input lookup: what the gateway does with the client's request (no src, no uid; iif after cache).
    expect(lab.run('gw', 'ip route get 192.168.122.188 from 12.0.0.12 iif eth1').stdout).toBe('192.168.122.188 from 12.0.0.12 dev eth0 \n    cache iif eth1 \n');
    expect(lab.run('web1', 'ip route get 192.168.122.255').stdout).toBe('broadcast 192.168.122.255 dev ens33 table local src 192.168.122.100 uid 0 \n    cache <local,brd> \n');
  });

  it('errors as iproute2 and the kernel report them', () => {
    const lab = new Live(labFromScript(DR_TOPOLOGY));
    const err = (node: string, line: string) => {
      const r = lab.run(node, line);
      return [r.stderr, r.exitCode];
    };
    expect(err('gw', 'ip route get 8.8.8.8')).toEqual(['RTNETLINK answers: Network is unreachable\n', 2]);
    // __ip_route_output_key: a source that is not ours.
    expect(err('client', 'ip route get 192.168.122.188 from 12.0.0.99')).toEqual(['RTNETLINK answers: Network is unreachable\n', 2]);
    // ip_route_input_slow: a loopback source from outside is a martian; forwarding off gives EHOSTUNREACH.
    expect(err('gw', 'ip route get 192.168.122.100 from 127.0.0.1 iif eth1')).toEqual(['RTNETLINK answers: Invalid argument\n', 2]);
    expect(err('web1', 'ip route get 192.168.122.101 from 192.168.122.100 iif ens33')).toEqual(['RTNETLINK answers: No route to host\n', 2]);
    expect(err('web1', 'ip route get 10.0.0.0/8')).toEqual(['Error: ipv4: Invalid values in header for route get request.\n', 2]);
    expect(err('web1', 'ip route get')).toEqual(['need at least a destination address\n', 255]);
    expect(err('web1', 'ip route get 1.2.3.4 iif eth9')).toEqual(['Cannot find device "eth9"\n', 1]);
    expect(err('web1', 'ip route flush table main')).toEqual(['lab: only "ip route flush cache" is simulated; ip route del removes routes one by one\n', 1]);
  });

  it('a taken redirect shows as a cloned route until ip route flush cache; the redirecting router marks its input route', () => {
    const lab = new Live(labFromScript(ONE_ARMED), 1);
    expect(lab.run('r1', 'ip route get 20.0.0.5 from 10.0.0.5 iif eth0').stdout).toBe('20.0.0.5 from 10.0.0.5 via 10.0.0.2 dev eth0 \n    cache <redirect> iif eth0 \n');
    expect(lab.run('h', 'ip route show cache').stdout).toBe('');
    expect(lab.run('h', 'ping -c 3 20.0.0.5').exitCode).toBe(0);
    const get = lab.run('h', 'ip route get 20.0.0.5').stdout;
    expect(get).toMatch(/^20\.0\.0\.5 via 10\.0\.0\.2 dev eth0 src 10\.0\.0\.5 uid 0 \n {4}cache <redirected> expires (\d+)sec \n$/);
    // ip_rt_gc_timeout: 300 s from the redirect, which came a few seconds ago.
    const left = Number(/expires (\d+)sec/.exec(get)![1]);
    expect(left).toBeGreaterThan(290);
    expect(left).toBeLessThan(300);
    expect(lab.run('h', 'ip route list cached').stdout).toBe(`20.0.0.5 via 10.0.0.2 dev eth0 \n    cache <redirected> expires ${left}sec \n`);
    expect(lab.run('h', 'ip route show cache dev eth1').stderr).toBe('Cannot find device "eth1"\n');
    expect(lab.run('h', 'ip route flush cache').exitCode).toBe(0);
    expect(lab.run('h', 'ip route show cache').stdout).toBe('');
    expect(lab.run('h', 'ip route get 20.0.0.5').stdout).toBe('20.0.0.5 via 10.0.0.1 dev eth0 src 10.0.0.5 uid 0 \n    cache \n');
  });
});
