import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';

const EMPTY_NAT = [
  'Chain PREROUTING (policy ACCEPT)',
  'target     prot opt source               destination         ',
  '',
  'Chain INPUT (policy ACCEPT)',
  'target     prot opt source               destination         ',
  '',
  'Chain OUTPUT (policy ACCEPT)',
  'target     prot opt source               destination         ',
  '',
  'Chain POSTROUTING (policy ACCEPT)',
  'target     prot opt source               destination         ',
];

describe('iptables', () => {
  it('appends the seed\'s SNAT rule and lists it as iptables -L -n does', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'iptables -t nat -A POSTROUTING -s 192.168.122.0/24 -o ens33 -j SNAT --to-source 12.0.0.10').exitCode).toBe(0);
    expect(f.node('director').iptables.nat.POSTROUTING).toEqual([{ source: '192.168.122.0/24', outInterface: 'ens33', target: { kind: 'SNAT', toSource: '12.0.0.10' } }]);
    expect(f.run('director', 'iptables -t nat -L -n').stdout).toBe([
      ...EMPTY_NAT,
      'SNAT       all  --  192.168.122.0/24     0.0.0.0/0            to:12.0.0.10',
      '',
    ].join('\n'));
    expect(f.run('director', 'iptables -t nat -S POSTROUTING').stdout).toBe('-P POSTROUTING ACCEPT\n-A POSTROUTING -s 192.168.122.0/24 -o ens33 -j SNAT --to-source 12.0.0.10\n');
  });

  it('lists with line numbers, inserts, deletes by spec and by number, flushes', () => {
    const f = new ShellFixture();
    f.run('director', 'iptables -t nat -A PREROUTING -d 192.168.122.10/32 -p tcp --dport 8080 -j DNAT --to-destination 192.168.122.100:80');
    f.run('director', 'iptables -t nat -I PREROUTING 1 -s 10.0.0.0/8 -j ACCEPT');
    expect(f.run('director', 'iptables -t nat -L PREROUTING -n --line-numbers').stdout).toBe([
      'Chain PREROUTING (policy ACCEPT)',
      'num  target     prot opt source               destination         ',
      '1    ACCEPT     all  --  10.0.0.0/8           0.0.0.0/0           ',
      '2    DNAT       tcp  --  0.0.0.0/0            192.168.122.10       tcp dpt:8080 to:192.168.122.100:80',
      '',
    ].join('\n'));
    f.run('director', 'iptables -t nat -D PREROUTING -s 10.0.0.0/8 -j ACCEPT');
    expect(f.node('director').iptables.nat.PREROUTING).toHaveLength(1);
    f.run('director', 'iptables -t nat -D PREROUTING 1');
    expect(f.node('director').iptables.nat.PREROUTING).toHaveLength(0);
    f.run('director', 'iptables -t nat -A POSTROUTING -o ens33 -j MASQUERADE');
    f.run('director', 'iptables -t nat -F');
    expect(f.node('director').iptables.nat.POSTROUTING).toHaveLength(0);
  });

  it('marks packets in mangle for fwmark services', () => {
    const f = new ShellFixture();
    f.run('director', 'iptables -t mangle -A PREROUTING -d 192.168.122.188 -p tcp --dport 80 -j MARK --set-mark 1');
    expect(f.node('director').iptables.mangle.PREROUTING).toEqual([{ destination: '192.168.122.188/32', protocol: 'tcp', dport: '80', target: { kind: 'MARK', mark: 1 } }]);
    expect(f.run('director', 'iptables -t mangle -L PREROUTING -n').stdout).toBe([
      'Chain PREROUTING (policy ACCEPT)',
      'target     prot opt source               destination         ',
      'MARK       tcp  --  0.0.0.0/0            192.168.122.188      tcp dpt:80 MARK set 0x1',
      '',
    ].join('\n'));
    expect(f.run('director', 'iptables -t mangle -S PREROUTING').stdout).toBe('-P PREROUTING ACCEPT\n-A PREROUTING -d 192.168.122.188/32 -p tcp -m tcp --dport 80 -j MARK --set-xmark 0x1/0xffffffff\n');
  });

  it('flushes and lists the (empty) filter table, as seed 003\'s iptables -F does', () => {
    const f = new ShellFixture();
    const doc = f.doc;
    expect(f.run('director', 'iptables -F').exitCode).toBe(0);
    expect(f.doc).toBe(doc);
    expect(f.run('director', 'iptables -L -n').stdout).toBe('Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n\nChain FORWARD (policy ACCEPT)\ntarget     prot opt source               destination         \n\nChain OUTPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n');
  });

  it('negates addresses with !', () => {
    const f = new ShellFixture();
    f.run('director', 'iptables -t nat -A POSTROUTING ! -d 192.168.0.0/16 -j MASQUERADE');
    expect(f.run('director', 'iptables -t nat -L POSTROUTING -n').stdout.split('\n')[2]).toBe('MASQUERADE  all  --  0.0.0.0/0           !192.168.0.0/16      ');
  });

  it('holds filter rules and policies: lists them with names (without -n) and numbers, saves, deletes by spec, flushes rules but not policies', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'iptables -A INPUT -s 127.0.0.1 -p tcp --dport 80 -j ACCEPT').exitCode).toBe(0);
    expect(f.run('director', 'iptables -A INPUT -p tcp --dport 8080:8090 -j REJECT --reject-with tcp-rst').exitCode).toBe(0);
    expect(f.run('director', 'iptables -A FORWARD -d 10.0.0.0/8 -j REJECT').exitCode).toBe(0);
    expect(f.run('director', 'iptables -P FORWARD DROP').exitCode).toBe(0);
    expect(f.node('director').iptables.filter).toEqual({
      INPUT: [
        { source: '127.0.0.1/32', protocol: 'tcp', dport: '80', target: { kind: 'ACCEPT' } },
        { protocol: 'tcp', dport: '8080:8090', target: { kind: 'REJECT', rejectWith: 'tcp-reset' } },
      ],
      FORWARD: [{ destination: '10.0.0.0/8', target: { kind: 'REJECT', rejectWith: 'icmp-port-unreachable' } }],
      OUTPUT: [],
      policy: { FORWARD: 'DROP' },
    });
    expect(f.run('director', 'iptables -L').stdout).toBe([
      'Chain INPUT (policy ACCEPT)',
      'target     prot opt source               destination         ',
      'ACCEPT     tcp  --  localhost            anywhere             tcp dpt:http',
      'REJECT     tcp  --  anywhere             anywhere             tcp dpts:webcache:8090 reject-with tcp-reset',
      '',
      'Chain FORWARD (policy DROP)',
      'target     prot opt source               destination         ',
      'REJECT     all  --  anywhere             10.0.0.0/8           reject-with icmp-port-unreachable',
      '',
      'Chain OUTPUT (policy ACCEPT)',
      'target     prot opt source               destination         ',
      '',
    ].join('\n'));
    expect(f.run('director', 'iptables -L INPUT -n').stdout.split('\n')[3]).toBe('REJECT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpts:8080:8090 reject-with tcp-reset');
    expect(f.run('director', 'iptables -S').stdout).toBe([
      '-P INPUT ACCEPT',
      '-P FORWARD DROP',
      '-P OUTPUT ACCEPT',
      '-A INPUT -s 127.0.0.1/32 -p tcp -m tcp --dport 80 -j ACCEPT',
      '-A INPUT -p tcp -m tcp --dport 8080:8090 -j REJECT --reject-with tcp-reset',
      '-A FORWARD -d 10.0.0.0/8 -j REJECT --reject-with icmp-port-unreachable',
      '',
    ].join('\n'));
    expect(f.run('director', 'iptables -D INPUT -p tcp --dport 8080:8090 -j REJECT').stderr).toBe('iptables: Bad rule (does a matching rule exist in that chain?).\n');
    expect(f.run('director', 'iptables -D INPUT -p tcp --dport 8080:8090 -j REJECT --reject-with tcp-reset').exitCode).toBe(0);
    expect(f.run('director', 'iptables -F').exitCode).toBe(0);
    expect(f.node('director').iptables.filter).toEqual({ INPUT: [], FORWARD: [], OUTPUT: [], policy: { FORWARD: 'DROP' } });
    // Back to policy ACCEPT everywhere and no rules: the table leaves the lab document.
    expect(f.run('director', 'iptables -P FORWARD ACCEPT').exitCode).toBe(0);
    expect(f.node('director').iptables.filter).toBeUndefined();
  });

  it('refuses what iptables and the kernel refuse', () => {
    const f = new ShellFixture();
    const einval = "iptables: Invalid argument. Run `dmesg' for more information.\n";
    // ipt_REJECT: a TCP reset only for TCP rules, and only in the filter table.
    expect(f.run('director', 'iptables -A INPUT -j REJECT --reject-with tcp-reset')).toMatchObject({ stderr: einval, exitCode: 1 });
    expect(f.run('director', 'iptables -t nat -A PREROUTING -j REJECT')).toMatchObject({ stderr: einval, exitCode: 1 });
    expect(f.run('director', 'iptables -A INPUT -j SNAT --to-source 1.2.3.4')).toMatchObject({ stderr: einval, exitCode: 1 });
    expect(f.run('director', 'iptables -A INPUT -j REJECT --reject-with icmp-bogus').stderr).toBe("iptables v1.8.7 (legacy): unknown reject type \"icmp-bogus\"\nTry `iptables -h' or 'iptables --help' for more information.\n");
    expect(f.run('director', 'iptables -A INPUT -j DROP --reject-with tcp-reset').stderr).toBe("iptables v1.8.7 (legacy): unknown option \"--reject-with\"\nTry `iptables -h' or 'iptables --help' for more information.\n");
    expect(f.run('director', 'iptables -A OUTPUT -i eth0 -j DROP').stderr).toBe("iptables v1.8.7 (legacy): Can't use -i with OUTPUT\n\nTry `iptables -h' or 'iptables --help' for more information.\n");
    expect(f.run('director', 'iptables -P INPUT REJECT').stderr).toBe("iptables: Bad policy name. Run `dmesg' for more information.\n");
    expect(f.run('director', 'iptables -t nat -P PREROUTING DROP').stderr).toBe('lab: DROP policies in the nat table are not simulated\n');
    expect(f.node('director').iptables.filter).toBeUndefined();
  });

  it('takes -m state --state and -m conntrack --ctstate, printing the states in xt_conntrack\'s order and the matches in the order given', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'iptables -A INPUT -m state --state established,RELATED -j ACCEPT').exitCode).toBe(0);
    expect(f.run('director', 'iptables -A INPUT -p tcp --dport 80 -m state --state NEW -j ACCEPT').exitCode).toBe(0);
    expect(f.run('director', 'iptables -A INPUT -m conntrack --ctstate NEW,INVALID -p tcp --dport 22 -j DROP').exitCode).toBe(0);
    expect(f.node('director').iptables.filter!.INPUT.map((r) => r.ctstate)).toEqual([
      { module: 'state', states: ['RELATED', 'ESTABLISHED'] },
      { module: 'state', states: ['NEW'] },
      { module: 'conntrack', states: ['INVALID', 'NEW'], beforePorts: true },
    ]);
    expect(f.run('director', 'iptables -L INPUT -n').stdout).toBe([
      'Chain INPUT (policy ACCEPT)',
      'target     prot opt source               destination         ',
      'ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            state RELATED,ESTABLISHED',
      'ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:80 state NEW',
      'DROP       tcp  --  0.0.0.0/0            0.0.0.0/0            ctstate INVALID,NEW tcp dpt:22',
      '',
    ].join('\n'));
    expect(f.run('director', 'iptables -S INPUT').stdout).toBe([
      '-P INPUT ACCEPT',
      '-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp -m tcp --dport 80 -m state --state NEW -j ACCEPT',
      '-A INPUT -p tcp -m conntrack --ctstate INVALID,NEW -m tcp --dport 22 -j DROP',
      '',
    ].join('\n'));
    // -D compares the states too.
    expect(f.run('director', 'iptables -D INPUT -m state --state ESTABLISHED -j ACCEPT').exitCode).toBe(1);
    expect(f.run('director', 'iptables -D INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT').exitCode).toBe(0);
    const bad = (line: string) => f.run('director', line).stderr;
    expect(bad('iptables -A INPUT --state NEW -j ACCEPT')).toBe("iptables v1.8.7 (legacy): unknown option \"--state\"\nTry `iptables -h' or 'iptables --help' for more information.\n");
    expect(bad('iptables -A INPUT -m state --state NEW,OLD -j ACCEPT')).toBe("iptables v1.8.7 (legacy): Bad state \"OLD\"\nTry `iptables -h' or 'iptables --help' for more information.\n");
    expect(bad('iptables -A INPUT -m conntrack --ctstate DNAT -j ACCEPT')).toBe('lab: the DNAT ctstate is not simulated\n');
    expect(bad('iptables -t nat -A POSTROUTING -m state --state NEW -j MASQUERADE')).toBe('lab: the state match is simulated in the filter table only\n');
  });

  it('reads bundled short options as getopt does: -nL, -tnat, --line-numbers after them; -Ln asks for a chain named n', () => {
    const f = new ShellFixture();
    f.run('director', 'iptables -A INPUT -p tcp --dport 22 -j ACCEPT');
    expect(f.run('director', 'iptables -nL INPUT').stdout).toBe(f.run('director', 'iptables -L INPUT -n').stdout);
    expect(f.run('director', 'iptables -tnat -nL POSTROUTING').stdout).toBe('Chain POSTROUTING (policy ACCEPT)\ntarget     prot opt source               destination         \n');
    expect(f.run('director', 'iptables -nL INPUT --line-numbers').stdout.split('\n')[2]).toBe('1    ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:22');
    expect(f.run('director', 'iptables -Ln')).toMatchObject({ stderr: 'iptables: No chain/target/match by that name.\n', exitCode: 1 });
  });

  it('matches ICMP types by name, number or type/code, and replaces rules with -R', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'iptables -A INPUT -p icmp --icmp-type echo-request -j DROP').exitCode).toBe(0);
    expect(f.run('director', 'iptables -A INPUT -p icmp --icmp-type 3/4 -j ACCEPT').exitCode).toBe(0);
    expect(f.run('director', 'iptables -A INPUT -p icmp -m icmp --icmp-type any -j ACCEPT').exitCode).toBe(0);
    expect(f.node('director').iptables.filter!.INPUT.map((r) => r.icmpType)).toEqual([
      { type: 8, codeMin: 0, codeMax: 255 }, { type: 3, codeMin: 4, codeMax: 4 }, { type: 255, codeMin: 0, codeMax: 255 },
    ]);
    expect(f.run('director', 'iptables -L INPUT').stdout.split('\n').slice(2, 5)).toEqual([
      'DROP       icmp --  anywhere             anywhere             icmp echo-request',
      'ACCEPT     icmp --  anywhere             anywhere             icmp fragmentation-needed',
      'ACCEPT     icmp --  anywhere             anywhere             icmp any',
    ]);
    expect(f.run('director', 'iptables -L INPUT -n').stdout.split('\n').slice(2, 5)).toEqual([
      'DROP       icmp --  0.0.0.0/0            0.0.0.0/0            icmptype 8',
      'ACCEPT     icmp --  0.0.0.0/0            0.0.0.0/0            icmptype 3 code 4',
      'ACCEPT     icmp --  0.0.0.0/0            0.0.0.0/0            icmptype 255',
    ]);
    expect(f.run('director', 'iptables -S INPUT').stdout.split('\n').slice(1, 4)).toEqual([
      '-A INPUT -p icmp -m icmp --icmp-type 8 -j DROP',
      '-A INPUT -p icmp -m icmp --icmp-type 3/4 -j ACCEPT',
      '-A INPUT -p icmp -m icmp --icmp-type any -j ACCEPT',
    ]);
    expect(f.run('director', 'iptables -A INPUT -p tcp --icmp-type 8 -j DROP').stderr).toBe("iptables v1.8.7 (legacy): unknown option \"--icmp-type\"\nTry `iptables -h' or 'iptables --help' for more information.\n");
    expect(f.run('director', 'iptables -A INPUT -p icmp --icmp-type 300 -j DROP').stderr).toBe("iptables v1.8.7 (legacy): Invalid ICMP type `300'\nTry `iptables -h' or 'iptables --help' for more information.\n");
    expect(f.run('director', 'iptables -R INPUT 1 -p icmp --icmp-type ping -j ACCEPT').exitCode).toBe(0);
    expect(f.node('director').iptables.filter!.INPUT[0]).toEqual({ protocol: 'icmp', icmpType: { type: 8, codeMin: 0, codeMax: 255 }, target: { kind: 'ACCEPT' } });
    expect(f.run('director', 'iptables -R INPUT 4 -j ACCEPT')).toMatchObject({ stderr: 'iptables: Index of replacement too big.\n', exitCode: 1 });
    expect(f.run('director', 'iptables -R INPUT -j ACCEPT').stderr).toBe("iptables v1.8.7 (legacy): -R requires a rule number\nTry `iptables -h' or 'iptables --help' for more information.\n");
  });

  it('takes -m multiport with port lists, ranges and service names', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'iptables -A INPUT -p tcp -m multiport --dports http,443,8000:8010 -j ACCEPT').exitCode).toBe(0);
    expect(f.node('director').iptables.filter!.INPUT[0]!.multiport).toEqual({ dir: 'dports', ports: ['80', '443', '8000:8010'] });
    expect(f.run('director', 'iptables -L INPUT').stdout.split('\n')[2]).toBe('ACCEPT     tcp  --  anywhere             anywhere             multiport dports http,https,irdmi:8010');
    expect(f.run('director', 'iptables -L INPUT -n').stdout.split('\n')[2]).toBe('ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            multiport dports 80,443,8000:8010');
    expect(f.run('director', 'iptables -S INPUT').stdout.split('\n')[1]).toBe('-A INPUT -p tcp -m multiport --dports 80,443,8000:8010 -j ACCEPT');
    const problem = (line: string) => f.run('director', line).stderr.split('\n')[0];
    expect(problem('iptables -A INPUT -m multiport --dports 80 -j ACCEPT')).toBe("iptables v1.8.7 (legacy): multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
    expect(problem('iptables -A INPUT -p tcp --dports 80 -j ACCEPT')).toBe('iptables v1.8.7 (legacy): unknown option "--dports"');
    expect(problem('iptables -A INPUT -p tcp -m multiport --dports 80,nosuch -j ACCEPT')).toBe("iptables v1.8.7 (legacy): invalid port/service `nosuch' specified");
    expect(problem('iptables -A INPUT -p tcp -m multiport --ports 1,2,3,4,5,6,7,8,9,10,11,12,13,14:15,16 -j ACCEPT')).toBe('iptables v1.8.7 (legacy): too many ports specified');
  });

  it('takes the LOG target with its prefix, level and TCP sequence numbers, listed and saved as iptables does', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'iptables -A INPUT -p tcp --dport 80 -j LOG --log-prefix "IN: " --log-level info --log-tcp-sequence').exitCode).toBe(0);
    expect(f.run('director', 'iptables -A INPUT -j LOG --log-prefix web_1').exitCode).toBe(0);
    expect(f.node('director').iptables.filter!.INPUT.map((r) => r.target)).toEqual([
      { kind: 'LOG', prefix: 'IN: ', level: 6, tcpSequence: true }, { kind: 'LOG', prefix: 'web_1', level: 4 },
    ]);
    expect(f.run('director', 'iptables -L INPUT').stdout.split('\n').slice(2, 4)).toEqual([
      'LOG        tcp  --  anywhere             anywhere             tcp dpt:http LOG level info tcp-sequence prefix "IN: "',
      'LOG        all  --  anywhere             anywhere             LOG level warning prefix "web_1"',
    ]);
    expect(f.run('director', 'iptables -nL INPUT').stdout.split('\n')[2]).toBe('LOG        tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:80 LOG flags 1 level 6 prefix "IN: "');
    expect(f.run('director', 'iptables -S INPUT').stdout.split('\n').slice(1, 3)).toEqual([
      '-A INPUT -p tcp -m tcp --dport 80 -j LOG --log-prefix "IN: " --log-level 6 --log-tcp-sequence',
      '-A INPUT -j LOG --log-prefix web_1',
    ]);
    const problem = (line: string) => f.run('director', line).stderr.split('\n')[0];
    expect(problem('iptables -A INPUT -j LOG --log-prefix 123456789012345678901234567890')).toBe('iptables v1.8.7 (legacy): Maximum prefix length 29 for --log-prefix');
    expect(problem('iptables -A INPUT -j LOG --log-level loud')).toBe("iptables v1.8.7 (legacy): log-level `loud' unknown");
    expect(problem('iptables -A INPUT -j DROP --log-prefix x')).toBe('iptables v1.8.7 (legacy): unknown option "--log-prefix"');
    expect(problem('iptables -A INPUT -j LOG --log-uid')).toBe('lab: --log-uid is not simulated');
  });

  it('takes --syn, ! --syn and --tcp-flags MASK COMP', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'iptables -A INPUT -p tcp --dport 80 --syn -j ACCEPT').exitCode).toBe(0);
    expect(f.run('director', 'iptables -A INPUT -p tcp ! --syn -j ACCEPT').exitCode).toBe(0);
    expect(f.run('director', 'iptables -A INPUT -p tcp --tcp-flags all none -j DROP').exitCode).toBe(0);
    expect(f.node('director').iptables.filter!.INPUT.map((r) => r.tcpFlags)).toEqual([{ mask: 0x17, comp: 0x02 }, { mask: 0x17, comp: 0x02, invert: true }, { mask: 0x3f, comp: 0 }]);
    expect(f.run('director', 'iptables -L INPUT').stdout.split('\n').slice(2, 5)).toEqual([
      'ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:http flags:FIN,SYN,RST,ACK/SYN',
      'ACCEPT     tcp  --  anywhere             anywhere             tcp flags:!FIN,SYN,RST,ACK/SYN',
      'DROP       tcp  --  anywhere             anywhere             tcp flags:FIN,SYN,RST,PSH,ACK,URG/NONE',
    ]);
    expect(f.run('director', 'iptables -nL INPUT').stdout.split('\n')[2]).toBe('ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:80 flags:0x17/0x02');
    expect(f.run('director', 'iptables -S INPUT').stdout.split('\n').slice(1, 4)).toEqual([
      '-A INPUT -p tcp -m tcp --dport 80 --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT',
      '-A INPUT -p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT',
      '-A INPUT -p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE -j DROP',
    ]);
    expect(f.run('director', 'iptables -A INPUT -p udp --syn -j DROP').stderr.split('\n')[0]).toBe('iptables v1.8.7 (legacy): unknown option "--syn"');
    expect(f.run('director', 'iptables -A INPUT -p tcp --tcp-flags SYN,BOGUS SYN -j DROP').stderr.split('\n')[0]).toBe("iptables v1.8.7 (legacy): Unknown TCP flag `BOGUS'");
  });
});
