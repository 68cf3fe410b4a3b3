import { describe, expect, it } from 'vitest';
import type { LabDocument } from '../../document.ts';
import { natLab } from '../../builtin/nat.ts';
import { drLab } from '../../builtin/dr.ts';
import { validateLab } from '../../validate.ts';
import { runIpvsadm } from './index.ts';
import { contextOf, FakeRuntime } from './testing.ts';

const director = (doc: LabDocument) => doc.nodes.find((n) => n.id === 'director')!;

/** Runs each command on the director, expecting success, and checks the lab stays valid. */
function apply(doc: LabDocument, ...commands: string[]): LabDocument {
  for (const c of commands) {
    const r = runIpvsadm(c.split(' '), contextOf(doc, 'director'));
    expect(r.stderr, c).toBe('');
    expect(r.exitCode, c).toBe(0);
    expect(validateLab(r.doc).ok, c).toBe(true);
    doc = r.doc;
  }
  return doc;
}

function fails(doc: LabDocument, command: string, stderr: string): void {
  const r = runIpvsadm(command.split(' '), contextOf(doc, 'director'));
  expect(r.stderr).toBe(stderr);
  expect(r.doc).toBe(doc);
}

describe('configuration commands edit the lab document', () => {
  it('the seed\'s NAT commands rebuild the built-in NAT lab\'s IPVS configuration', () => {
    const doc = apply(natLab, '-C', '-A -t 12.0.0.10:80 -s rr', '-a -t 12.0.0.10:80 -r 192.168.2.100:80 -m -w 1', '-a -t 12.0.0.10:80 -r 192.168.2.101:80 -m -w 1');
    expect(director(doc).ipvs).toEqual(director(natLab).ipvs);
  });

  it('the seed\'s DR commands rebuild the built-in DR lab\'s IPVS configuration', () => {
    const doc = apply(drLab, '-C', '-A -t 192.168.122.188:80 -s rr', '-a -t 192.168.122.188:80 -r 192.168.122.100:80 -g', '-a -t 192.168.122.188:80 -r 192.168.122.101:80 -g');
    expect(director(doc).ipvs).toEqual(director(drLab).ipvs);
  });

  it('loads ip_vs (ipvsadm runs modprobe) and applies ipvsadm\'s defaults: wlc, weight 1, -g', () => {
    const unloaded = { ...natLab, nodes: natLab.nodes.map((n) => (n.id === 'director' ? { ...n, ipvs: { ...n.ipvs, loaded: false, services: [] } } : n)) };
    const doc = apply(unloaded, '-A -t 12.0.0.10:80', '-a -t 12.0.0.10:80 -r 192.168.2.100');
    expect(director(doc).ipvs).toEqual({
      loaded: true, timeouts: { tcp: 900, tcpfin: 120, udp: 300 },
      services: [{ protocol: 'tcp', address: '12.0.0.10', port: 80, scheduler: 'wlc', realServers: [{ address: '192.168.2.100', port: 80, forwardingMethod: 'droute', weight: 1, upperThreshold: 0, lowerThreshold: 0 }] }],
    });
  });

  it('keeps servers in the order they were added; the kernel lists them newest first (--nosort)', () => {
    const doc = apply(natLab, '-a -t 12.0.0.10:80 -r 192.168.2.50 -m');
    expect(director(doc).ipvs.services[0]!.realServers.map((r) => r.address)).toEqual(['192.168.2.100', '192.168.2.101', '192.168.2.50']);
    const listed = runIpvsadm(['-Ln', '--nosort'], contextOf(doc, 'director')).stdout.split('\n').filter((l) => l.startsWith('  -> 1'));
    expect(listed.map((l) => l.slice(5).split(':')[0])).toEqual(['192.168.2.50', '192.168.2.101', '192.168.2.100']);
  });

  it('-g and -i silently take the service port; -m keeps the port given; fwmark services keep it too', () => {
    const doc = apply(natLab, '-a -t 12.0.0.10:80 -r 192.168.2.60:8080 -g', '-a -t 12.0.0.10:80 -r 192.168.2.61:8080 -i', '-a -t 12.0.0.10:80 -r 192.168.2.62:8080 -m',
      '-A -f 3 -s rr', '-a -f 3 -r 192.168.2.63:8080 -g', '-a -f 3 -r 192.168.2.64 -g');
    const ports = (i: number) => director(doc).ipvs.services[i]!.realServers.map((r) => `${r.address}:${r.port}`);
    expect(ports(0).slice(2)).toEqual(['192.168.2.60:80', '192.168.2.61:80', '192.168.2.62:8080']);
    expect(ports(1)).toEqual(['192.168.2.63:8080', '192.168.2.64:0']);
  });

  it('-e resets what it is not told: weight 1, direct routing, thresholds 0', () => {
    const doc = apply(natLab, '-e -t 12.0.0.10:80 -r 192.168.2.100:80 -m -w 5 -x 100 -y 50');
    expect(director(doc).ipvs.services[0]!.realServers[0]).toEqual({ address: '192.168.2.100', port: 80, forwardingMethod: 'masq', weight: 5, upperThreshold: 100, lowerThreshold: 50 });
    const reset = apply(doc, '-e -t 12.0.0.10:80 -r 192.168.2.100');
    expect(director(reset).ipvs.services[0]!.realServers).toEqual([
      { address: '192.168.2.100', port: 80, forwardingMethod: 'droute', weight: 1, upperThreshold: 0, lowerThreshold: 0 },
      director(natLab).ipvs.services[0]!.realServers[1],
    ]);
  });

  it('-e without -m cannot reach a NAT server on another port: -g forces the service port', () => {
    const doc = apply(natLab, '-a -t 12.0.0.10:80 -r 192.168.2.70:8080 -m');
    fails(doc, '-e -t 12.0.0.10:80 -r 192.168.2.70:8080 -w 3', 'No such destination\n');
    expect(director(apply(doc, '-e -t 12.0.0.10:80 -r 192.168.2.70:8080 -m -w 3')).ipvs.services[0]!.realServers[2]!.weight).toBe(3);
  });

  it('-E without -s switches to wlc and without -p ends persistence; the servers stay', () => {
    const persistent = apply(natLab, '-E -t 12.0.0.10:80 -s sh -b sh-port -p 60 -M 255.255.255.0');
    expect(director(persistent).ipvs.services[0]).toEqual({ ...director(natLab).ipvs.services[0], scheduler: 'sh', schedulerFlags: ['sh-port'], persistentTimeout: 60, persistentNetmask: '255.255.255.0' });
    const edited = apply(persistent, '-E -t 12.0.0.10:80');
    expect(director(edited).ipvs.services[0]).toEqual({ ...director(natLab).ipvs.services[0], scheduler: 'wlc' });
  });

  it('stores scheduler flags under the scheduler\'s names for their bits', () => {
    const doc = apply(natLab, '-A -t 12.0.0.10:443 -s sh -b flag-1,flag-3', '-A -u 12.0.0.10:53 -s rr -b flag-2 -o');
    expect(director(doc).ipvs.services.slice(1).map((s) => [s.schedulerFlags, s.onePacket])).toEqual([[['sh-fallback', 'flag-3'], undefined], [['flag-2'], true]]);
  });

  it('-d, -D and -C', () => {
    const d = apply(natLab, '-d -t 12.0.0.10:80 -r 192.168.2.100');
    expect(director(d).ipvs.services[0]!.realServers.map((r) => r.address)).toEqual(['192.168.2.101']);
    expect(director(apply(natLab, '-D -t 12.0.0.10:80')).ipvs.services).toEqual([]);
    const cleared = apply(natLab, '-C');
    expect(director(cleared).ipvs.services).toEqual([]);
    expect(runIpvsadm(['-C'], contextOf(cleared, 'director')).doc).toBe(cleared);
  });

  it('--set changes the timeouts; 0 leaves one as it is', () => {
    const doc = apply(natLab, '--set 600 0 60');
    expect(director(doc).ipvs.timeouts).toEqual({ tcp: 600, tcpfin: 120, udp: 60 });
    expect(runIpvsadm(['-L', '--timeout'], contextOf(doc, 'director')).stdout).toBe('Timeout (tcp tcpfin udp): 600 120 60\n');
    expect(runIpvsadm(['--set', '0', '0', '0'], contextOf(doc, 'director')).doc).toBe(doc);
  });

  it('accepts servers on local addresses and unicast addresses, refuses broadcast ones', () => {
    apply(natLab, '-a -t 12.0.0.10:80 -r 127.0.0.1 -m', '-a -t 12.0.0.10:80 -r 12.0.0.10 -m', '-a -t 12.0.0.10:80 -r 192.168.2.0 -m');
    fails(natLab, '-a -t 12.0.0.10:80 -r 12.0.0.255 -m', 'Invalid operation.  Possibly wrong module version, address not unicast, ...\n');
    fails(natLab, '-a -t 12.0.0.10:80 -r 127.255.255.255 -m', 'Invalid operation.  Possibly wrong module version, address not unicast, ...\n');
    fails(natLab, '-a -t 12.0.0.10:80 -r 0.1.2.3 -m', 'Invalid operation.  Possibly wrong module version, address not unicast, ...\n');
  });

  it('-Z zeroes through the running simulation: one service or all', () => {
    const runtime = new FakeRuntime(() => director(natLab));
    expect(runIpvsadm(['-Z'], contextOf(natLab, 'director', runtime)).exitCode).toBe(0);
    expect(runIpvsadm(['-Z', '-t', '12.0.0.10:http'], contextOf(natLab, 'director', runtime)).exitCode).toBe(0);
    expect(runtime.zeroCalls).toEqual([undefined, { protocol: 'tcp', address: '12.0.0.10', port: 80 }]);
  });
});
