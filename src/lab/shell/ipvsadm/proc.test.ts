import { describe, expect, it } from 'vitest';
import type { LabDocument } from '../../document.ts';
import { natLab } from '../../builtin/nat.ts';
import type { IpvsConnSnapshot } from '../../../sim/model/snapshot.ts';
import { formatProcNetIpVs, formatProcNetIpVsConn, runIpvsadm } from './index.ts';
import { contextOf, fakeSnapshot, FakeRuntime } from './testing.ts';

const lines = (...ls: string[]): string => ls.map((l) => `${l}\n`).join('');

const conn = (protocol: IpvsConnSnapshot['protocol'], c: string, cp: number, v: string, vp: number, d: string, dp: number, state: string, expiresInUs: number, template = false): IpvsConnSnapshot =>
  ({ protocol, clientAddress: c, clientPort: cp, virtualAddress: v, virtualPort: vp, destAddress: d, destPort: dp, state, expiresInUs, template, forwardingMethod: 'masq' });

/** A connection, a persistence template, a fwmark template (protocol IP, virtual 0.0.0.<mark>), UDP. */
const CONNS: readonly IpvsConnSnapshot[] = [
  conn('TCP', '12.0.0.88', 51234, '12.0.0.10', 80, '192.168.2.100', 80, 'ESTABLISHED', 897_400_000),
  conn('TCP', '12.0.0.0', 0, '12.0.0.10', 80, '192.168.2.100', 80, 'ASSURED', 299_999_999, true),
  conn('TCP', '12.0.0.88', 51236, '12.0.0.10', 80, '192.168.2.100', 80, 'TIME_WAIT', 119_000_000),
  conn('IP', '12.0.0.88', 0, '0.0.0.7', 0, '192.168.2.100', 0, 'NONE', 59_999_999, true),
  conn('TCP', '12.0.0.88', 40000, '12.0.0.10', 8080, '192.168.2.100', 8080, 'SYN_RECV', 59_000_000),
  conn('UDP', '12.0.0.88', 5353, '12.0.0.10', 53, '192.168.2.101', 53, 'UDP', 4_000_000_000),
];

function persistentLab(): LabDocument {
  let doc: LabDocument = natLab;
  for (const c of ['-E -t 12.0.0.10:80 -s rr -p 300 -M 255.255.255.0', '-A -f 7 -s wlc -p 60', '-a -f 7 -r 192.168.2.100 -g', '-A -u 12.0.0.10:53 -s rr', '-a -u 12.0.0.10:53 -r 192.168.2.101 -m']) {
    const r = runIpvsadm(c.split(' '), contextOf(doc, 'director'));
    expect(r.stderr).toBe('');
    doc = r.doc;
  }
  return doc;
}

describe('ipvsadm -L -c', () => {
  const doc = persistentLab();
  const run = (args: string) => runIpvsadm(args.split(' '), contextOf(doc, 'director', new FakeRuntime(() => doc.nodes.find((n) => n.id === 'director')!, CONNS)));

  it('-Lnc: remaining time as MM:SS (minutes may pass 59), templates and fwmark templates', () => {
    expect(run('-Lnc').stdout).toBe(lines(
      'IPVS connection entries',
      'pro expire state       source             virtual            destination',
      'TCP 14:57  ESTABLISHED 12.0.0.88:51234    12.0.0.10:80       192.168.2.100:80',
      'TCP 04:59  ASSURED     12.0.0.0:0         12.0.0.10:80       192.168.2.100:80',
      'TCP 01:59  TIME_WAIT   12.0.0.88:51236    12.0.0.10:80       192.168.2.100:80',
      'IP  00:59  NONE        12.0.0.88:0        0.0.0.7:0          192.168.2.100:0',
      'TCP 00:59  SYN_RECV    12.0.0.88:40000    12.0.0.10:8080     192.168.2.100:8080',
      'UDP 66:40  UDP         12.0.0.88:5353     12.0.0.10:53       192.168.2.101:53',
    ));
  });

  it('-Lc: port names, but none for the IP protocol of fwmark templates', () => {
    expect(run('-Lc').stdout).toBe(lines(
      'IPVS connection entries',
      'pro expire state       source             virtual            destination',
      'TCP 14:57  ESTABLISHED 12.0.0.88:51234    12.0.0.10:http     192.168.2.100:http',
      'TCP 04:59  ASSURED     12.0.0.0:0         12.0.0.10:http     192.168.2.100:http',
      'TCP 01:59  TIME_WAIT   12.0.0.88:51236    12.0.0.10:http     192.168.2.100:http',
      'IP  00:59  NONE        12.0.0.88:0        0.0.0.7:0          192.168.2.100:0',
      'TCP 00:59  SYN_RECV    12.0.0.88:40000    12.0.0.10:webcache 192.168.2.100:webcache',
      'UDP 66:40  UDP         12.0.0.88:5353     12.0.0.10:domain   192.168.2.101:domain',
    ));
  });

  it('--persistent-conn widens the title only', () => {
    expect(run('-L -n -c --persistent-conn').stdout.split('\n').slice(1, 3)).toEqual([
      'pro expire state       source             virtual            destination        pe name          pe_data',
      'TCP 14:57  ESTABLISHED 12.0.0.88:51234    12.0.0.10:80       192.168.2.100:80',
    ]);
  });

  it('lists no entries when no simulation runs', () => {
    expect(runIpvsadm(['-Lnc'], contextOf(doc, 'director')).stdout).toBe(lines(
      'IPVS connection entries',
      'pro expire state       source             virtual            destination',
    ));
  });
});

describe('/proc/net/ip_vs and /proc/net/ip_vs_conn', () => {
  const doc = persistentLab();
  const node = doc.nodes.find((n) => n.id === 'director')!;

  it('ip_vs_info_seq_show: hex, hash-bucket order, servers newest first, timeout in jiffies (HZ=1000)', () => {
    // Buckets: UDP 12.0.0.10:53 → 46, TCP 12.0.0.10:80 → 92, then the fwmark table.
    expect(formatProcNetIpVs(node, fakeSnapshot(node))).toBe(lines(
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port Forward Weight ActiveConn InActConn',
      'UDP  0C00000A:0035 rr  ',
      '  -> C0A80265:0035      Masq    1      2          15        ',
      'TCP  0C00000A:0050 rr  persistent 300000 FFFFFF00',
      '  -> C0A80265:0050      Masq    1      2          4         ',
      '  -> C0A80264:0050      Masq    1      0          1         ',
      'FWM  00000007 wlc persistent 60000 FFFFFFFF',
      '  -> C0A80264:0000      Route   1      1          8         ',
    ));
  });

  it('ip_vs_conn_seq_show: hex addresses and ports, seconds left', () => {
    expect(formatProcNetIpVsConn({ ...fakeSnapshot(node), connections: CONNS })).toBe(lines(
      'Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData',
      'TCP 0C000058 C822 0C00000A 0050 C0A80264 0050 ESTABLISHED     897',
      'TCP 0C000000 0000 0C00000A 0050 C0A80264 0050 ASSURED         299',
      'TCP 0C000058 C824 0C00000A 0050 C0A80264 0050 TIME_WAIT       119',
      'IP  0C000058 0000 00000007 0000 C0A80264 0000 NONE             59',
      'TCP 0C000058 9C40 0C00000A 1F90 C0A80264 1F90 SYN_RECV         59',
      'UDP 0C000058 14E9 0C00000A 0035 C0A80265 0035 UDP            4000',
    ));
    expect(formatProcNetIpVsConn(undefined)).toBe('Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n');
  });
});
