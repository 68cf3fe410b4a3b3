import { describe, expect, it } from 'vitest';
import { SEED_LABS } from '../lab/builtin/seeds/index.ts';
import { parseLabScript, type LabScript } from '../lab/script/parse.ts';
import { runLabScript } from './script-runner.ts';

const script = (text: string): LabScript => {
  const p = parseLabScript(text);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  return p.script;
};

const seedScript = (id: string): LabScript => script(SEED_LABS.find((l) => l.id === id)!.script);

const PAIR = `
node a host
node b host
link a:eth0 b:eth0
@a
ip addr add 10.0.0.1/24 dev eth0
ip link set eth0 up
@b
ip addr add 10.0.0.2/24 dev eth0
ip link set eth0 up
tcpdump -nn -i eth0 icmp &
@a
ping -c 1 10.0.0.2
`;

describe('runLabScript', () => {
  it('at equal times, prints what a command received after the capture of the packet that brought it', () => {
    // tcpdump on the pinging host sees the reply at the instant ping prints it.
    const t = runLabScript(script(PAIR.replace('tcpdump -nn -i eth0 icmp &\n@a\n', '@a\ntcpdump -nn -i eth0 icmp &\n'))).transcript;
    const reply = t.findIndex((l) => / ICMP echo reply/.test(l));
    const printed = t.findIndex((l) => l.startsWith('64 bytes from'));
    expect(t[reply]).toMatch(/^a: /);
    expect(printed).toBe(reply + 1);
  });

  it('prints each command as node$ command, its output, and capture lines as node: line in time order', () => {
    const t = runLabScript(script(PAIR)).transcript;
    expect(t.slice(0, 5)).toEqual(['a$ ip addr add 10.0.0.1/24 dev eth0', 'a$ ip link set eth0 up', 'b$ ip addr add 10.0.0.2/24 dev eth0', 'b$ ip link set eth0 up', 'b$ tcpdump -nn -i eth0 icmp &']);
    expect(t[5]).toMatch(/^\[1\] \d+$/);
    expect(t.slice(6, 9)).toEqual(['tcpdump: verbose output suppressed, use -v or -vv for full protocol decode', 'listening on eth0, link-type EN10MB (Ethernet), capture size 262144 bytes', 'a$ ping -c 1 10.0.0.2']);
    expect(t[9]).toBe('PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.');
    expect(t[10]).toMatch(/^b: 00:00:00\.\d{6} IP 10\.0\.0\.1 > 10\.0\.0\.2: ICMP echo request, id \d+, seq 1, length 64$/);
    expect(t[11]).toMatch(/^b: 00:00:00\.\d{6} IP 10\.0\.0\.2 > 10\.0\.0\.1: ICMP echo reply, id \d+, seq 1, length 64$/);
    expect(t[12]).toMatch(/^64 bytes from 10\.0\.0\.2: icmp_seq=1 ttl=64 time=\d+\.\d+ ms$/);
    expect(t.slice(13)).toEqual(['', '--- 10.0.0.2 ping statistics ---', '1 packets transmitted, 1 received, 0% packet loss, time 0ms', expect.stringMatching(/^rtt min\/avg\/max\/mdev = /) as unknown as string]);
  });

  it('is deterministic for a seed', () => {
    const a = runLabScript(seedScript('seed000-dr'), { seed: 5 }).transcript;
    const b = runLabScript(seedScript('seed000-dr'), { seed: 5 }).transcript;
    expect(a).toEqual(b);
  });
});

describe('the seeds\' labs', () => {
  const tail = (id: string, n: number) => runLabScript(seedScript(id)).transcript.slice(-n);

  it('seed 000 DR corrected: alternating pages and the connections as InActConn', () => {
    expect(tail('seed000-dr', 15)).toEqual([
      'client$ curl http://192.168.122.188/', 'This is test2 web',
      'client$ curl http://192.168.122.188/', 'This is test1 web',
      'client$ curl http://192.168.122.188/', 'This is test2 web',
      'client$ curl http://192.168.122.188/', 'This is test1 web',
      'director$ ipvsadm -Ln',
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  192.168.122.188:80 rr',
      '  -> 192.168.122.100:80           Route   1      0          2         ',
      '  -> 192.168.122.101:80           Route   1      0          2         ',
    ]);
  });

  it('seed 000 DR as written: the service on 192.168.2.188 never matches, the director refuses', () => {
    const t = tail('seed000-dr-verbatim', 15);
    expect(t.filter((l) => l.startsWith('curl:'))).toEqual(Array(4).fill('curl: (7) Failed connect to 192.168.122.188:80; Connection refused'));
    expect(t.slice(-3)).toEqual(['TCP  192.168.2.188:80 rr', '  -> 192.168.122.100:80           Route   1      0          0         ', '  -> 192.168.122.101:80           Route   1      0          0         ']);
  });

  it('seed 000 NAT corrected serves both pages and SNATs web1\'s own traffic', () => {
    const t = runLabScript(seedScript('seed000-nat')).transcript;
    const i = t.indexOf('client$ curl http://12.0.0.10/');
    expect(t.slice(i, i + 4)).toEqual(['client$ curl http://12.0.0.10/', 'This is test2 web', 'client$ curl http://12.0.0.10/', 'This is test1 web']);
    expect(t.some((l) => /^client: \S+ IP 12\.0\.0\.10 > 12\.0\.0\.88: ICMP echo request/.test(l))).toBe(true);
  });

  it('seed 000 NAT as written: no route back, curl times out', () => {
    const t = runLabScript(seedScript('seed000-nat-verbatim')).transcript;
    expect(t.filter((l) => l === 'Error: Nexthop has invalid gateway.')).toHaveLength(2);
    expect(t.filter((l) => l.startsWith('curl:'))).toEqual(Array(2).fill('curl: (7) Failed connect to 12.0.0.10:80; Connection timed out'));
  });

  it('seed 003 as written: the director as its own real server refuses every other request', () => {
    const t = runLabScript(seedScript('seed003-dr-verbatim')).transcript;
    expect(t).toContain('bash: setenf: command not found');
    expect(t.filter((l) => !l.includes('$') && (l.startsWith('This is') || l.startsWith('curl:')))).toEqual([
      'This is 172.17.253.253', 'curl: (7) Failed connect to 172.17.253.100:80; Connection refused',
      'This is 172.17.253.253', 'curl: (7) Failed connect to 172.17.253.100:80; Connection refused',
    ]);
  });

  it('seed 003 corrected alternates between its two real servers', () => {
    const t = runLabScript(seedScript('seed003-dr')).transcript;
    expect(t.filter((l) => l.startsWith('This is'))).toEqual(['This is 172.17.253.253', 'This is 172.17.251.236', 'This is 172.17.253.253', 'This is 172.17.251.236']);
  });
});

describe('several default routes (fib_select_default)', () => {
  const TWO_DEFAULTS = `
node sw switch
node a host
node b router
link a:eth0 sw
link b:eth0 sw
@b
ip addr add 10.0.0.2/24 dev eth0
ip link set eth0 up
@a
ip addr add 10.0.0.1/24 dev eth0
ip link set eth0 up
route add default gw 10.0.0.2
route add default gw 10.0.0.9
ip route get 1.2.3.4
ping -c 1 1.2.3.4
ip neigh
ip route get 1.2.3.4
ping -c 1 1.2.3.4
`;

  it('keeps to the newest default route until its gateway fails ARP, then the next one serves', () => {
    const t = runLabScript(script(TWO_DEFAULTS)).transcript.join('\n');
    const gets = [...t.matchAll(/^1\.2\.3\.4 via (\S+) dev eth0/gm)].map((m) => m[1]);
    // route add puts 10.0.0.9 first; no neighbour entry yet: it is used (fib_detect_death: alive).
    // Its ARP fails (FAILED): the next lookup takes 10.0.0.2, which answers for the net.
    expect(gets).toEqual(['10.0.0.9', '10.0.0.2']);
    expect(t).toContain('10.0.0.9 dev eth0  FAILED');
    expect(t).toContain('From 10.0.0.2 icmp_seq=1 Destination Net Unreachable');
  });
});
