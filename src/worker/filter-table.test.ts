import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { natLab } from '../lab/builtin/nat.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import { formatIpv4Address } from '../wire/ipv4-address.ts';
import { TcpFlag } from '../wire/tcp.ts';
import { Live } from './testing.ts';

const VIP = '192.168.122.188';
const CIP = '12.0.0.12';

/** The records of the trace after `from`, for one node. */
const recordsAt = (lab: Live, node: string, from: number): TraceRecord[] => lab.sim.records.slice(from).filter((r) => r.node === node);
const addresses = (r: TraceRecord) => r.packet && `${formatIpv4Address(r.packet.ip.src)}>${formatIpv4Address(r.packet.ip.dst)}`;

describe('iptables filter table (iptable_filter at NF_IP_PRI_FILTER)', () => {
  it('filter INPUT on a DR director sees the request to the VIP before IPVS (priority 0 < 99): a DROP there keeps it from being scheduled', () => {
    const lab = new Live(drLab);
    lab.run('director', `iptables -A INPUT -d ${VIP} -p tcp --dport 80 -j DROP`);
    const from = lab.sim.records.length;
    expect(lab.run('client', `curl -s -m 2 http://${VIP}/; echo "status $?"`).stdout).toBe('status 28\n');
    const director = recordsAt(lab, 'director', from);
    const decided = director.filter((r) => r.step === 'filter');
    expect(decided.length).toBeGreaterThan(0);
    expect(decided[0]).toMatchObject({ hook: 'INPUT', explain: { key: 'filter.rule', params: { chain: 'INPUT', num: 1, target: 'DROP' } } });
    expect(addresses(decided[0]!)).toBe(`${CIP}>${VIP}`);
    expect(director.filter((r) => r.step === 'drop').map((r) => r.drop?.reason)).toEqual(decided.map(() => 'NETFILTER_DROP'));
    expect(director.some((r) => r.step === 'ipvs')).toBe(false);
    expect(lab.run('director', 'ipvsadm -Ln --stats').stdout).toMatch(/TCP {2}192\.168\.122\.188:80 +0 +0 +0/);
  });

  it('REJECT answers with ICMP port unreachable from the VIP (icmp_send takes the local destination as source): curl is refused', () => {
    const lab = new Live(drLab);
    lab.run('director', `iptables -A INPUT -d ${VIP} -p tcp --dport 80 -j REJECT`);
    expect(lab.run('director', 'iptables -L INPUT -n').stdout.split('\n')[2]).toBe(`REJECT     tcp  --  0.0.0.0/0            ${VIP}      tcp dpt:80 reject-with icmp-port-unreachable`);
    const from = lab.sim.records.length;
    expect(lab.run('client', `curl -m 2 http://${VIP}/`).stderr).toBe(`curl: (7) Failed connect to ${VIP}:80; Connection refused\n`);
    const sent = recordsAt(lab, 'director', from).find((r) => r.explain.key === 'icmp.error.sent')!;
    expect(addresses(sent)).toBe(`${VIP}>${CIP}`);
    expect(sent.packet!.body).toMatchObject({ kind: 'icmp', icmp: { type: 'dest-unreachable', code: 3 } });
  });

  it('REJECT --reject-with tcp-reset sends the RST nf_send_reset builds: RST+ACK of the SYN, ID 0, DF, TTL 64', () => {
    const lab = new Live(drLab);
    expect(lab.run('director', `iptables -A INPUT -p udp -j REJECT --reject-with tcp-reset`).stderr).toBe("iptables: Invalid argument. Run `dmesg' for more information.\n");
    lab.run('director', `iptables -A INPUT -p tcp --dport 80 -j REJECT --reject-with tcp-rst`);
    const from = lab.sim.records.length;
    expect(lab.run('client', `curl -m 2 http://${VIP}/`).stderr).toBe(`curl: (7) Failed connect to ${VIP}:80; Connection refused\n`);
    const director = recordsAt(lab, 'director', from);
    const syn = director.find((r) => r.step === 'filter')!.packet!;
    const rst = director.find((r) => r.explain.key === 'filter.reset.sent')!.packet!;
    expect(addresses(director.find((r) => r.explain.key === 'filter.reset.sent')!)).toBe(`${VIP}>${CIP}`);
    expect(rst.ip).toMatchObject({ ident: 0, dontFragment: true, ttl: 64, dscp: 0 });
    if (syn.body.kind !== 'tcp' || rst.body.kind !== 'tcp') throw new Error('not TCP');
    expect(rst.body.tcp).toMatchObject({ srcPort: 80, dstPort: syn.body.tcp.srcPort, seq: 0, ack: (syn.body.tcp.seq + 1) >>> 0, flags: TcpFlag.Rst | TcpFlag.Ack, window: 0 });
  });

  it('filter FORWARD on a NAT director sees the reply from the RIP (ip_vs_out_hook rewrites it later, at 100); OUTPUT sees the request to the RIP', () => {
    const lab = new Live(natLab);
    lab.run('director', 'iptables -A FORWARD -s 192.168.2.100 -j DROP');
    const from = lab.sim.records.length;
    const pages = [1, 2].map(() => lab.run('client', 'curl -s -m 2 http://12.0.0.10/; echo "status $?"').stdout);
    expect(pages.sort()).toEqual(['This is test2 web\nstatus 0\n', 'status 28\n']);
    const dropped = recordsAt(lab, 'director', from).find((r) => r.step === 'filter')!;
    expect(dropped).toMatchObject({ hook: 'FORWARD', explain: { params: { chain: 'FORWARD', target: 'DROP' } } });
    expect(addresses(dropped)).toBe('192.168.2.100>12.0.0.88');

    lab.run('director', 'iptables -F');
    lab.run('director', 'iptables -A OUTPUT -d 192.168.2.101 -j DROP');
    const next = lab.sim.records.length;
    const again = [1, 2].map(() => lab.run('client', 'curl -s -m 2 http://12.0.0.10/; echo "status $?"').stdout);
    expect(again.sort()).toEqual(['This is test1 web\nstatus 0\n', 'status 28\n']);
    const out = recordsAt(lab, 'director', next).find((r) => r.step === 'filter')!;
    expect(out).toMatchObject({ hook: 'OUTPUT' });
    expect(addresses(out)).toBe('12.0.0.88>192.168.2.101');
  });

  it('a DROP policy drops what no rule accepts; -F keeps the policy; ACCEPT rules open holes in it', () => {
    const lab = new Live(drLab);
    lab.run('web1', 'iptables -P INPUT DROP');
    lab.run('web2', 'iptables -P INPUT DROP');
    lab.run('web2', 'iptables -A INPUT -p tcp --dport 80 -j ACCEPT');
    lab.run('web2', 'iptables -A INPUT -p tcp --sport 80 -j ACCEPT');
    const from = lab.sim.records.length;
    const pages = [1, 2].map(() => lab.run('client', `curl -s -m 2 http://${VIP}/; echo "status $?"`).stdout);
    expect(pages.sort()).toEqual(['This is test2 web\nstatus 0\n', 'status 28\n']);
    expect(recordsAt(lab, 'web1', from).find((r) => r.step === 'filter')).toMatchObject({ explain: { key: 'filter.policy', params: { chain: 'INPUT', policy: 'DROP' } } });
    lab.run('web2', 'iptables -F');
    expect(lab.run('web2', 'iptables -S INPUT').stdout).toBe('-P INPUT DROP\n');
    expect(lab.run('client', `curl -s -m 2 http://${VIP}/; echo "status $?"`).stdout).toBe('status 28\n');
    lab.run('web1', 'iptables -P INPUT ACCEPT');
    lab.run('web2', 'iptables -P INPUT ACCEPT');
    expect(lab.doc.nodes.find((n) => n.id === 'web1')!.iptables.filter).toBeUndefined();
    const fixed = [1, 2].map(() => lab.run('client', `curl -s -m 2 http://${VIP}/`).stdout);
    expect(fixed.sort()).toEqual(['This is test1 web\n', 'This is test2 web\n']);
  });

  it('a stateful real-server firewall (DROP policy, ESTABLISHED,RELATED and NEW to port 80 accepted) lets DR traffic through', () => {
    const lab = new Live(drLab);
    for (const web of ['web1', 'web2']) {
      lab.paste(web, `
        iptables -P INPUT DROP
        iptables -A INPUT -i lo -j ACCEPT
        iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
        iptables -A INPUT -p tcp --dport 80 -m state --state NEW -j ACCEPT
      `);
    }
    expect(lab.run('web1', 'iptables -S INPUT').stdout).toBe([
      '-P INPUT DROP',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp -m tcp --dport 80 -m state --state NEW -j ACCEPT',
      '',
    ].join('\n'));
    const from = lab.sim.records.length;
    const pages = [1, 2].map(() => lab.run('client', `curl -s -m 2 http://${VIP}/`).stdout);
    expect(pages.sort()).toEqual(['This is test1 web\n', 'This is test2 web\n']);
    // The SYN matched rule 3 as NEW; the rest of the request as ESTABLISHED (rule 2).
    const rules = recordsAt(lab, 'web1', from).filter((r) => r.step === 'filter').map((r) => r.explain.params['num']);
    expect(rules[0]).toBe(3);
    expect(rules.slice(1).every((n) => n === 2)).toBe(true);
    // ping is neither: the policy drops it.
    expect(lab.run('client', 'ping -c 1 192.168.122.100').exitCode).toBe(1);
  });

  it('a NAT director whose FORWARD chain keeps only ESTABLISHED,RELATED drops the real servers\' replies (IPVS untracks the requests) until net.ipv4.vs.conntrack=1', () => {
    const lab = new Live(natLab);
    lab.paste('director', `
      iptables -P FORWARD DROP
      iptables -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
    `);
    const from = lab.sim.records.length;
    expect(lab.run('client', 'curl -s -m 2 http://12.0.0.10/; echo "status $?"').stdout).toBe('status 28\n');
    // The first reply is a SYN/ACK conntrack never saw a SYN for: INVALID, so no rule accepts it.
    const dropped = recordsAt(lab, 'director', from).find((r) => r.step === 'filter')!;
    expect(dropped).toMatchObject({ hook: 'FORWARD', explain: { key: 'filter.policy', params: { chain: 'FORWARD', policy: 'DROP' } } });
    expect(dropped.packet!.body).toMatchObject({ kind: 'tcp', tcp: { flags: TcpFlag.Syn | TcpFlag.Ack } });
    lab.run('director', 'sysctl -w net.ipv4.vs.conntrack=1');
    const pages = [1, 2].map(() => lab.run('client', 'curl -s -m 2 http://12.0.0.10/').stdout);
    expect(pages.sort()).toEqual(['This is test1 web\n', 'This is test2 web\n']);
  });

  it('ICMP errors about a tracked connection are RELATED: fragmentation needed passes a RELATED-only firewall', () => {
    const lab = new Live(drLab);
    lab.paste('client', `
      iptables -P INPUT DROP
      iptables -A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT
    `);
    // A smaller MTU on the gateway's LAN side: a full-sized ping (DF) gets "fragmentation needed".
    lab.run('gw', 'ip link set eth0 mtu 1000');
    expect(lab.run('client', 'ping -c 1 -M do -s 1400 192.168.122.100').stdout).not.toMatch(/Frag needed/);
    lab.run('client', 'iptables -A INPUT -m conntrack --ctstate RELATED -j ACCEPT');
    expect(lab.run('client', 'ping -c 1 -M do -s 1400 192.168.122.100').stdout).toMatch(/Frag needed and DF set \(mtu = 1000\)/);
  });

  it('counts packets and bytes per rule and per policy for iptables -L -v, from boot and with no rules at all; -Z zeroes them', () => {
    const lab = new Live(drLab);
    // Without any rule every packet to web1 counts on INPUT's policy.
    lab.run('client', `curl -s http://${VIP}/ > /dev/null; curl -s http://${VIP}/ > /dev/null`);
    expect(lab.run('web1', 'iptables -nvL INPUT').stdout.split('\n')[0]).toMatch(/^Chain INPUT \(policy ACCEPT [1-9]\d* packets, [1-9]\d* bytes\)$/);
    lab.run('web1', 'iptables -Z');
    lab.paste('web1', `
      iptables -A INPUT -p tcp --dport 80 -m state --state NEW -j ACCEPT
      iptables -A INPUT -p icmp -j DROP
    `);
    lab.run('client', 'ping -c 2 192.168.122.100');
    const pages = [1, 2, 3, 4].map(() => lab.run('client', `curl -s http://${VIP}/`).stdout);
    expect(pages.filter((p) => p === 'This is test1 web\n')).toHaveLength(2);
    // Two connections to web1: a 44-byte SYN each; two 84-byte echo requests dropped; the rest of
    // each connection (the handshake's ACK, the request, the ACK of the page, the FIN) on the policy.
    expect(lab.run('web1', 'iptables -nvxL INPUT').stdout).toBe([
      'Chain INPUT (policy ACCEPT 8 packets, 478 bytes)',
      '    pkts      bytes target     prot opt in     out     source               destination         ',
      '       2       88 ACCEPT     tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80 state NEW',
      '       2      168 DROP       icmp --  *      *       0.0.0.0/0            0.0.0.0/0           ',
      '',
    ].join('\n'));
    expect(lab.run('web1', 'iptables -L -v -Z INPUT').stdout.split('\n')[1]).toBe(' pkts bytes target     prot opt in     out     source               destination         ');
    expect(lab.run('web1', 'iptables -nvL INPUT').stdout.split('\n').slice(0, 4)).toEqual([
      'Chain INPUT (policy ACCEPT 0 packets, 0 bytes)',
      ' pkts bytes target     prot opt in     out     source               destination         ',
      '    0     0 ACCEPT     tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80 state NEW',
      '    0     0 DROP       icmp --  *      *       0.0.0.0/0            0.0.0.0/0           ',
    ]);
  });

  it('an ICMP type rule drops pings (echo requests) and leaves the other ICMP messages alone', () => {
    const lab = new Live(drLab);
    lab.run('web1', 'iptables -A INPUT -p icmp --icmp-type echo-request -j DROP');
    expect(lab.run('client', 'ping -c 1 192.168.122.100').stdout).toMatch(/1 packets transmitted, 0 received/);
    expect(lab.run('client', 'ping -c 1 192.168.122.101').stdout).toMatch(/1 packets transmitted, 1 received/);
    // Echo replies are another type: web1's own pings still get theirs.
    expect(lab.run('web1', 'ping -c 1 192.168.122.101').stdout).toMatch(/1 packets transmitted, 1 received/);
    expect(lab.run('web1', 'iptables -nvL INPUT').stdout.split('\n')[2]).toMatch(/^ +1 +84 DROP +icmp -- +\* +\* +0\.0\.0\.0\/0 +0\.0\.0\.0\/0 +icmptype 8$/);
  });

  it('a multiport rule matches any listed port, by either end with --ports', () => {
    const lab = new Live(drLab);
    lab.run('director', 'iptables -A INPUT -p tcp -m multiport --dports 443,8080 -j DROP');
    expect(lab.run('client', `curl -s -m 2 http://${VIP}/`).stdout).toBe('This is test2 web\n');
    lab.run('director', 'iptables -A INPUT -p tcp -m multiport --ports 22,80 -j DROP');
    expect(lab.run('client', `curl -s -m 2 http://${VIP}/; echo "status $?"`).stdout).toBe('status 28\n');
    expect(lab.run('director', 'iptables -nvL INPUT').stdout.split('\n')[3]).toMatch(/^ +\d+ +\d+ DROP +tcp +-- +\* +\* +0\.0\.0\.0\/0 +0\.0\.0\.0\/0 +multiport ports 22,80$/);
  });

  it('LOG writes the kernel\'s log line (dmesg) and lets the next rule decide', () => {
    const lab = new Live(drLab);
    lab.run('director', 'iptables -A INPUT -p tcp --dport 80 -j LOG --log-prefix "LVS-IN: "');
    expect(lab.run('client', `curl -s http://${VIP}/`).stdout).toBe('This is test2 web\n');
    const macOf = (node: string, dev: string) => lab.doc.nodes.find((n) => n.id === node)!.interfaces.find((i) => i.name === dev)!.mac!;
    const syn = lab.run('director', 'dmesg').stdout.split('\n').find((l) => l.includes('LVS-IN: ') && l.includes(' SYN '))!;
    expect(syn).toMatch(new RegExp(`^\\[ +\\d+\\.\\d{6}\\] LVS-IN: IN=ens33 OUT= MAC=${macOf('director', 'ens33')}:${macOf('gw', 'eth0')}:08:00 `
      + `SRC=12\\.0\\.0\\.12 DST=192\\.168\\.122\\.188 LEN=44 TOS=0x00 PREC=0x00 TTL=63 ID=\\d+ DF PROTO=TCP SPT=\\d+ DPT=80 WINDOW=64240 RES=0x00 SYN URGP=0 $`));
    // An ICMP error carries the packet it quotes in brackets, and the MTU of fragmentation needed.
    lab.run('client', 'iptables -A INPUT -p icmp -j LOG');
    lab.run('gw', 'ip link set eth0 mtu 1000');
    lab.run('client', 'ping -c 1 -M do -s 1400 192.168.122.100');
    const error = lab.run('client', 'dmesg').stdout.split('\n').find((l) => l.includes('TYPE=3'))!;
    expect(error).toMatch(/ IN=eth0 OUT= MAC=\S+ SRC=12\.0\.0\.1 DST=12\.0\.0\.12 LEN=576 TOS=0x00 PREC=0xC0 TTL=64 ID=\d+ PROTO=ICMP TYPE=3 CODE=4 \[SRC=12\.0\.0\.12 DST=192\.168\.122\.100 LEN=1428 TOS=0x00 PREC=0x00 TTL=64 ID=\d+ DF PROTO=ICMP TYPE=8 CODE=0 ID=\d+ SEQ=1 \] MTU=1000 $/);
  });

  it('--syn matches only a connection\'s first segment: rejecting it refuses new connections', () => {
    const lab = new Live(drLab);
    for (const web of ['web1', 'web2']) lab.run(web, 'iptables -A INPUT -p tcp --dport 80 --syn -j REJECT --reject-with tcp-reset');
    expect(lab.run('client', `curl -m 2 http://${VIP}/`).stderr).toBe(`curl: (7) Failed connect to ${VIP}:80; Connection refused\n`);
    expect(lab.run('web2', 'iptables -nvL INPUT').stdout.split('\n')[2]).toMatch(/^ +1 +44 REJECT +tcp/);
  });
});
