import { describe, expect, it } from 'vitest';
import type { LabDocument } from '../../document.ts';
import { drLab } from '../../builtin/dr.ts';
import { natLab } from '../../builtin/nat.ts';
import { runIpvsadm } from './index.ts';
import { contextOf, FakeRuntime } from './testing.ts';

/** Output lines, each ending with a newline (trailing spaces are part of the lines). */
const lines = (...ls: string[]): string => ls.map((l) => `${l}\n`).join('');

/** Runs `ipvsadm ARGS` on the director, with counters from a fake running simulation unless `idle`. */
function ipvsadm(doc: LabDocument, args: string, opts: { idle?: boolean; scale?: number } = {}) {
  const node = () => doc.nodes.find((n) => n.id === 'director')!;
  const runtime = opts.idle ? undefined : new FakeRuntime(node, [], opts.scale ?? 1);
  return runIpvsadm(args.split(' ').filter((w) => w !== ''), contextOf(doc, 'director', runtime));
}

function build(doc: LabDocument, commands: readonly string[]): LabDocument {
  for (const c of commands) {
    const r = ipvsadm(doc, c, { idle: true });
    expect(r.stderr).toBe('');
    doc = r.doc;
  }
  return doc;
}

/** Several services and servers on both sides of 2³¹ (10.x against 172.16.x and 192.168.x). */
const CLUSTER = [
  '-C', '-A -t 192.168.1.1:80 -s wrr', '-a -t 192.168.1.1:80 -r 10.0.0.11:80 -m -w 4', '-a -t 192.168.1.1:80 -r 172.16.0.12:8080 -m -w 3',
  '-a -t 192.168.1.1:80 -r 192.168.1.21:80 -m -w 2', '-A -t 10.0.0.1:80 -s rr', '-a -t 10.0.0.1:80 -r 10.0.0.21:80 -g',
  '-A -t 172.16.0.1:443 -s wlc -p 600 -M 255.255.255.0', '-a -t 172.16.0.1:443 -r 172.16.0.31:443 -g -w 1', '-a -t 172.16.0.1:443 -r 10.0.0.32:443 -i -w 0',
  '-A -u 10.0.0.1:53 -s rr', '-a -u 10.0.0.1:53 -r 10.0.0.41:53 -g', '-A -f 1 -s rr', '-a -f 1 -r 10.0.0.51 -g',
];

describe('ipvsadm -L on the seeds\' clusters', () => {
  it('lists the NAT lab (seed 000 §3.2) with the snapshot\'s counters', () => {
    const r = ipvsadm(natLab, '-Ln');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  12.0.0.10:80 rr',
      '  -> 192.168.2.100:80             Masq    1      0          1         ',
      '  -> 192.168.2.101:80             Masq    1      2          4         ',
    ));
    expect(r.doc).toBe(natLab);
  });

  it('shows zero counters when no simulation runs (`ipvsadm -ln`)', () => {
    expect(ipvsadm(natLab, '-ln', { idle: true }).stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  12.0.0.10:80 rr',
      '  -> 192.168.2.100:80             Masq    1      0          0         ',
      '  -> 192.168.2.101:80             Masq    1      0          0         ',
    ));
  });

  it('lists without -n when called with no arguments: port names from /etc/services', () => {
    expect(ipvsadm(natLab, '', { idle: true }).stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  12.0.0.10:http rr',
      '  -> 192.168.2.100:http           Masq    1      0          0         ',
      '  -> 192.168.2.101:http           Masq    1      0          0         ',
    ));
  });

  it('lists the DR lab (seed 000 §4.5)', () => {
    expect(ipvsadm(drLab, '-Ln').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  192.168.122.188:80 rr',
      '  -> 192.168.122.100:80           Route   1      0          1         ',
      '  -> 192.168.122.101:80           Route   1      2          4         ',
    ));
  });

  it('--nosort shows the kernel\'s newest-first server order', () => {
    expect(ipvsadm(drLab, '-Ln --nosort').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  192.168.122.188:80 rr',
      '  -> 192.168.122.101:80           Route   1      2          4         ',
      '  -> 192.168.122.100:80           Route   1      0          1         ',
    ));
  });
});

describe('ipvsadm -L sorting and formats', () => {
  const cluster = build(natLab, CLUSTER);

  it('sorts with libipvs\'s int-overflowing comparator: 10.x after 172.16.x and 192.168.x', () => {
    expect(ipvsadm(cluster, '-Ln').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  172.16.0.1:443 wlc persistent 600 mask 255.255.255.0',
      '  -> 172.16.0.31:443              Route   1      2          15        ',
      '  -> 10.0.0.32:443                Tunnel  0      4          18        ',
      'TCP  192.168.1.1:80 wrr',
      '  -> 172.16.0.12:8080             Masq    3      2          4         ',
      '  -> 192.168.1.21:80              Masq    2      4          7         ',
      '  -> 10.0.0.11:80                 Masq    4      0          1         ',
      'TCP  10.0.0.1:80 rr',
      '  -> 10.0.0.21:80                 Route   1      1          8         ',
      'UDP  10.0.0.1:53 rr',
      '  -> 10.0.0.41:53                 Route   1      3          22        ',
      'FWM  1 rr',
      '  -> 10.0.0.51:0                  Route   1      4          29        ',
    ));
  });

  it('--nosort: services in hash-bucket order, servers newest first', () => {
    expect(ipvsadm(cluster, '-Ln --nosort').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'UDP  10.0.0.1:53 rr',
      '  -> 10.0.0.41:53                 Route   1      3          22        ',
      'TCP  10.0.0.1:80 rr',
      '  -> 10.0.0.21:80                 Route   1      1          8         ',
      'TCP  192.168.1.1:80 wrr',
      '  -> 192.168.1.21:80              Masq    2      4          7         ',
      '  -> 172.16.0.12:8080             Masq    3      2          4         ',
      '  -> 10.0.0.11:80                 Masq    4      0          1         ',
      'TCP  172.16.0.1:443 wlc persistent 600 mask 255.255.255.0',
      '  -> 10.0.0.32:443                Tunnel  0      4          18        ',
      '  -> 172.16.0.31:443              Route   1      2          15        ',
      'FWM  1 rr',
      '  -> 10.0.0.51:0                  Route   1      4          29        ',
    ));
  });

  it('without -n: port names, numeric addresses (no resolver in the lab)', () => {
    expect(ipvsadm(cluster, '-L').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  172.16.0.1:https wlc persistent 600 mask 255.255.255.0',
      '  -> 172.16.0.31:https            Route   1      2          15        ',
      '  -> 10.0.0.32:https              Tunnel  0      4          18        ',
      'TCP  192.168.1.1:http wrr',
      '  -> 172.16.0.12:webcache         Masq    3      2          4         ',
      '  -> 192.168.1.21:http            Masq    2      4          7         ',
      '  -> 10.0.0.11:http               Masq    4      0          1         ',
      'TCP  10.0.0.1:http rr',
      '  -> 10.0.0.21:http               Route   1      1          8         ',
      'UDP  10.0.0.1:domain rr',
      '  -> 10.0.0.41:domain             Route   1      3          22        ',
      'FWM  1 rr',
      '  -> 10.0.0.51:0                  Route   1      4          29        ',
    ));
  });

  it('--stats', () => {
    expect(ipvsadm(cluster, '-Ln --stats').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
      '  -> RemoteAddress:Port',
      'TCP  172.16.0.1:443                    416     2912     2080   174720  1872000',
      '  -> 172.16.0.31:443                   203     1421     1015    85260   913500',
      '  -> 10.0.0.32:443                     213     1491     1065    89460   958500',
      'TCP  192.168.1.1:80                     39      273      195    16380   175500',
      '  -> 172.16.0.12:8080                   13       91       65     5460    58500',
      '  -> 192.168.1.21:80                    23      161      115     9660   103500',
      '  -> 10.0.0.11:80                        3       21       15     1260    13500',
      'TCP  10.0.0.1:80                       103      721      515    43260   463500',
      '  -> 10.0.0.21:80                      103      721      515    43260   463500',
      'UDP  10.0.0.1:53                       303     2121     1515   127260  1363500',
      '  -> 10.0.0.41:53                      303     2121     1515   127260  1363500',
      'FWM  1                                 403     2821     2015   169260  1813500',
      '  -> 10.0.0.51:0                       403     2821     2015   169260  1813500',
    ));
  });

  it('--stats abbreviates large numbers with K/M/G, --exact does not', () => {
    expect(ipvsadm(cluster, '-Ln --stats', { scale: 1_000_000 }).stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
      '  -> RemoteAddress:Port',
      'TCP  172.16.0.1:443                416000K    2912M    2080M     174G    1872G',
      '  -> 172.16.0.31:443               203000K    1421M    1015M   85260M     913G',
      '  -> 10.0.0.32:443                 213000K    1491M    1065M   89460M     958G',
      'TCP  192.168.1.1:80               39000000  273000K  195000K   16380M     175G',
      '  -> 172.16.0.12:8080             13000000 91000000 65000000    5460M   58500M',
      '  -> 192.168.1.21:80              23000000  161000K  115000K    9660M     103G',
      '  -> 10.0.0.11:80                  3000000 21000000 15000000    1260M   13500M',
      'TCP  10.0.0.1:80                   103000K  721000K  515000K   43260M     463G',
      '  -> 10.0.0.21:80                  103000K  721000K  515000K   43260M     463G',
      'UDP  10.0.0.1:53                   303000K    2121M    1515M     127G    1363G',
      '  -> 10.0.0.41:53                  303000K    2121M    1515M     127G    1363G',
      'FWM  1                             403000K    2821M    2015M     169G    1813G',
      '  -> 10.0.0.51:0                   403000K    2821M    2015M     169G    1813G',
    ));
    expect(ipvsadm(cluster, '-Ln --stats --exact', { scale: 1_000_000 }).stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
      '  -> RemoteAddress:Port',
      'TCP  172.16.0.1:443               416000000 2912000000 2080000000 174720000000 1872000000000',
      '  -> 172.16.0.31:443              203000000 1421000000 1015000000 85260000000 913500000000',
      '  -> 10.0.0.32:443                213000000 1491000000 1065000000 89460000000 958500000000',
      'TCP  192.168.1.1:80               39000000 273000000 195000000 16380000000 175500000000',
      '  -> 172.16.0.12:8080             13000000 91000000 65000000 5460000000 58500000000',
      '  -> 192.168.1.21:80              23000000 161000000 115000000 9660000000 103500000000',
      '  -> 10.0.0.11:80                  3000000 21000000 15000000 1260000000 13500000000',
      'TCP  10.0.0.1:80                  103000000 721000000 515000000 43260000000 463500000000',
      '  -> 10.0.0.21:80                 103000000 721000000 515000000 43260000000 463500000000',
      'UDP  10.0.0.1:53                  303000000 2121000000 1515000000 127260000000 1363500000000',
      '  -> 10.0.0.41:53                 303000000 2121000000 1515000000 127260000000 1363500000000',
      'FWM  1                            403000000 2821000000 2015000000 169260000000 1813500000000',
      '  -> 10.0.0.51:0                  403000000 2821000000 2015000000 169260000000 1813500000000',
    ));
  });

  it('--rate', () => {
    expect(ipvsadm(cluster, '-Ln --rate').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS',
      '  -> RemoteAddress:Port',
      'TCP  172.16.0.1:443                      5      918       98   174720  1872000',
      '  -> 172.16.0.31:443                     2      424       24    85260   913500',
      '  -> 10.0.0.32:443                       3      494       74    89460   958500',
      'TCP  192.168.1.1:80                      3      273      195    16380   175500',
      '  -> 172.16.0.12:8080                    1       91       65     5460    58500',
      '  -> 192.168.1.21:80                     2      161      115     9660   103500',
      '  -> 10.0.0.11:80                        0       21       15     1260    13500',
      'TCP  10.0.0.1:80                         1      721      515    43260   463500',
      '  -> 10.0.0.21:80                        1      721      515    43260   463500',
      'UDP  10.0.0.1:53                         3      127      524    27257   363497',
      '  -> 10.0.0.41:53                        3      127      524    27257   363497',
      'FWM  1                                   4      827       33    69257   813497',
      '  -> 10.0.0.51:0                         4      827       33    69257   813497',
    ));
    expect(ipvsadm(cluster, '-Ln --rate --exact', { scale: 1_000_000 }).stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS',
      '  -> RemoteAddress:Port',
      'TCP  172.16.0.1:443                      5     1283     1001    58559   384018',
      '  -> 172.16.0.31:443                     2      825      953    42278   259509',
      '  -> 10.0.0.32:443                       3      458       48    16281   124509',
      'TCP  192.168.1.1:80                      3     1460      930   108618  2473509',
      '  -> 172.16.0.12:8080                    1      819      310    36206   824503',
      '  -> 192.168.1.21:80                     2      452      396    10209   689503',
      '  -> 10.0.0.11:80                        0      189      224    62203   959503',
      'TCP  10.0.0.1:80                         1      507       93     2239   609506',
      '  -> 10.0.0.21:80                        1      507       93     2239   609506',
      'UDP  10.0.0.1:53                         3      146      822    82317   909515',
      '  -> 10.0.0.41:53                        3      146      822    82317   909515',
      'FWM  1                                   4      464      691    22353   559518',
      '  -> 10.0.0.51:0                         4      464      691    22353   559518',
    ));
  });

  it('--thresholds', () => {
    expect(ipvsadm(cluster, '-Ln --thresholds').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn ',
      '  -> RemoteAddress:Port',
      'TCP  172.16.0.1:443 wlc persistent 600 mask 255.255.255.0',
      '  -> 172.16.0.31:443              0          0          2          15        ',
      '  -> 10.0.0.32:443                0          0          4          18        ',
      'TCP  192.168.1.1:80 wrr',
      '  -> 172.16.0.12:8080             0          0          2          4         ',
      '  -> 192.168.1.21:80              0          0          4          7         ',
      '  -> 10.0.0.11:80                 0          0          0          1         ',
      'TCP  10.0.0.1:80 rr',
      '  -> 10.0.0.21:80                 0          0          1          8         ',
      'UDP  10.0.0.1:53 rr',
      '  -> 10.0.0.41:53                 0          0          3          22        ',
      'FWM  1 rr',
      '  -> 10.0.0.51:0                  0          0          4          29        ',
    ));
  });

  it('--persistent-conn', () => {
    expect(ipvsadm(cluster, '-Ln --persistent-conn').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn ',
      '  -> RemoteAddress:Port',
      'TCP  172.16.0.1:443 wlc persistent 600 mask 255.255.255.0',
      '  -> 172.16.0.31:443              1         0           2          15        ',
      '  -> 10.0.0.32:443                0         1           4          18        ',
      'TCP  192.168.1.1:80 wrr',
      '  -> 172.16.0.12:8080             3         1           2          4         ',
      '  -> 192.168.1.21:80              2         0           4          7         ',
      '  -> 10.0.0.11:80                 4         0           0          1         ',
      'TCP  10.0.0.1:80 rr',
      '  -> 10.0.0.21:80                 1         0           1          8         ',
      'UDP  10.0.0.1:53 rr',
      '  -> 10.0.0.41:53                 1         0           3          22        ',
      'FWM  1 rr',
      '  -> 10.0.0.51:0                  1         0           4          29        ',
    ));
  });

  it('--tun-info', () => {
    expect(ipvsadm(cluster, '-Ln --tun-info').stdout).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn',
      'TCP  172.16.0.1:443 wlc persistent 600 mask 255.255.255.0',
      '  -> 172.16.0.31:443              Route   n/a           1      2          15        ',
      '  -> 10.0.0.32:443                Tunnel  ipip          0      4          18        ',
      'TCP  192.168.1.1:80 wrr',
      '  -> 172.16.0.12:8080             Masq    n/a           3      2          4         ',
      '  -> 192.168.1.21:80              Masq    n/a           2      4          7         ',
      '  -> 10.0.0.11:80                 Masq    n/a           4      0          1         ',
      'TCP  10.0.0.1:80 rr',
      '  -> 10.0.0.21:80                 Route   n/a           1      1          8         ',
      'UDP  10.0.0.1:53 rr',
      '  -> 10.0.0.41:53                 Route   n/a           1      3          22        ',
      'FWM  1 rr',
      '  -> 10.0.0.51:0                  Route   n/a           1      4          29        ',
    ));
  });

  it('-L -t service: no version header', () => {
    expect(ipvsadm(cluster, '-L -n -t 172.16.0.1:443').stdout).toBe(lines(
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  172.16.0.1:443 wlc persistent 600 mask 255.255.255.0',
      '  -> 172.16.0.31:443              Route   1      2          15        ',
      '  -> 10.0.0.32:443                Tunnel  0      4          18        ',
    ));
  });

  it('-S with and without -n', () => {
    expect(ipvsadm(cluster, '-S').stdout).toBe(lines(
      '-A -t 172.16.0.1:https -s wlc -p 600 -M 255.255.255.0',
      '-a -t 172.16.0.1:https -r 172.16.0.31:https -g -w 1',
      '-a -t 172.16.0.1:https -r 10.0.0.32:https -i -w 0 --tun-type ipip',
      '-A -t 192.168.1.1:http -s wrr',
      '-a -t 192.168.1.1:http -r 172.16.0.12:webcache -m -w 3',
      '-a -t 192.168.1.1:http -r 192.168.1.21:http -m -w 2',
      '-a -t 192.168.1.1:http -r 10.0.0.11:http -m -w 4',
      '-A -t 10.0.0.1:http -s rr',
      '-a -t 10.0.0.1:http -r 10.0.0.21:http -g -w 1',
      '-A -u 10.0.0.1:domain -s rr',
      '-a -u 10.0.0.1:domain -r 10.0.0.41:domain -g -w 1',
      '-A -f 1 -s rr',
      '-a -f 1 -r 10.0.0.51:0 -g -w 1',
    ));
    expect(ipvsadm(cluster, '-S -n').stdout).toBe(lines(
      '-A -t 172.16.0.1:443 -s wlc -p 600 -M 255.255.255.0',
      '-a -t 172.16.0.1:443 -r 172.16.0.31:443 -g -w 1',
      '-a -t 172.16.0.1:443 -r 10.0.0.32:443 -i -w 0 --tun-type ipip',
      '-A -t 192.168.1.1:80 -s wrr',
      '-a -t 192.168.1.1:80 -r 172.16.0.12:8080 -m -w 3',
      '-a -t 192.168.1.1:80 -r 192.168.1.21:80 -m -w 2',
      '-a -t 192.168.1.1:80 -r 10.0.0.11:80 -m -w 4',
      '-A -t 10.0.0.1:80 -s rr',
      '-a -t 10.0.0.1:80 -r 10.0.0.21:80 -g -w 1',
      '-A -u 10.0.0.1:53 -s rr',
      '-a -u 10.0.0.1:53 -r 10.0.0.41:53 -g -w 1',
      '-A -f 1 -s rr',
      '-a -f 1 -r 10.0.0.51:0 -g -w 1',
    ));
  });

  it('--timeout and --daemon', () => {
    expect(ipvsadm(cluster, '-L --timeout').stdout).toBe('Timeout (tcp tcpfin udp): 900 120 300\n');
    expect(ipvsadm(cluster, '-L --daemon').stdout).toBe('');
  });
});
