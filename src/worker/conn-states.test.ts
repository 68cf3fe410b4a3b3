import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { natLab } from '../lab/builtin/nat.ts';
import type { LabDocument } from '../lab/document.ts';
import { SimSession } from './session.ts';

interface Step {
  readonly state: string;
  readonly active: number;
  readonly inact: number;
  readonly timeoutSec: number;
}

/**
 * Runs one curl event by event and records the director's connection entry and its server's
 * counters every time they change.
 */
function walk(doc: LabDocument, url: string): { steps: Step[]; session: SimSession } {
  const session = new SimSession(doc);
  const net = session.network;
  const director = net.hosts.get('director')!;
  const running = net.start({ kind: 'curl', node: 'client', url });
  const steps: Step[] = [];
  const seen = (): Step | undefined => {
    const conn = director.ipvs!.conns.entries()[0];
    if (!conn) return undefined;
    return { state: conn.stateName, active: conn.dest.activeConns, inact: conn.dest.inactConns, timeoutSec: conn.timeoutUs / 1_000_000 };
  };
  while (running.result === undefined || net.engine.nextEventTime() !== undefined && net.engine.nextEventTime()! - net.engine.now < 250_000) {
    if (!net.engine.step()) break;
    const s = seen();
    const last = steps[steps.length - 1];
    if (s && (!last || s.state !== last.state || s.active !== last.active || s.inact !== last.inact || s.timeoutSec !== last.timeoutSec)) steps.push(s);
  }
  return { steps, session };
}

describe('IPVS connection states, counters and timeouts (facts §3.1, §3.2)', () => {
  it('walks a NAT connection, client closing first: SYN_RECV → ESTABLISHED → CLOSE_WAIT → TIME_WAIT', () => {
    const { steps, session } = walk(natLab, 'http://12.0.0.10/');
    expect(steps).toEqual([
      // SYN (INPUT): active since 4.8; the server's SYN+ACK (OUTPUT) keeps SYN_RECV.
      { state: 'SYN_RECV', active: 1, inact: 0, timeoutSec: 60 },
      { state: 'ESTABLISHED', active: 1, inact: 0, timeoutSec: 900 },
      { state: 'CLOSE_WAIT', active: 0, inact: 1, timeoutSec: 60 },
      { state: 'TIME_WAIT', active: 0, inact: 1, timeoutSec: 120 },
    ]);
    // The entry expires 120 s after the last packet and the counters go back to zero.
    const director = session.network.hosts.get('director')!;
    const conn = director.ipvs!.conns.entries()[0]!;
    session.network.engine.runUntil(conn.expiresAt - 1);
    expect(director.ipvs!.conns.size).toBe(1);
    session.network.engine.runUntil(conn.expiresAt);
    expect(director.ipvs!.conns.size).toBe(0);
    expect([conn.dest.activeConns, conn.dest.inactConns]).toEqual([0, 0]);
  });

  it('walks a DR connection: the director sees only the client side (INPUT_ONLY) and ends in FIN_WAIT', () => {
    const { steps, session } = walk(drLab, 'http://192.168.122.188/');
    expect(steps).toEqual([
      { state: 'SYN_RECV', active: 1, inact: 0, timeoutSec: 60 },
      { state: 'ESTABLISHED', active: 1, inact: 0, timeoutSec: 900 },
      { state: 'FIN_WAIT', active: 0, inact: 1, timeoutSec: 120 },
    ]);
    const snap = session.snapshot('director')!;
    expect(snap.connections).toMatchObject([{ protocol: 'TCP', state: 'FIN_WAIT', destAddress: '192.168.122.101', virtualAddress: '192.168.122.188', virtualPort: 80 }]);
    expect(snap.services[0]!.dests.map((d) => [d.address, d.activeConns, d.inactConns])).toEqual([['192.168.122.101', 0, 1], ['192.168.122.100', 0, 0]]);
    // DR/TUN statistics count no output packets (facts §3.4).
    expect(snap.services[0]!.stats.outPkts).toBe(0);
    expect(snap.services[0]!.stats.inPkts).toBeGreaterThan(0);
  });

  it('keeps a persistent client on its server through a template (facts §3.3)', () => {
    const persistent: LabDocument = {
      ...drLab,
      nodes: drLab.nodes.map((n) => n.role !== 'director' ? n : { ...n, ipvs: { ...n.ipvs, services: n.ipvs.services.map((s) => ({ ...s, persistentTimeout: 360 })) } }),
    };
    const s = new SimSession(persistent);
    const bodies = [0, 1, 2].map(() => {
      const r = s.run({ kind: 'curl', node: 'client', url: 'http://192.168.122.188/' }).result;
      return r && r.kind === 'curl' && r.ok ? r.body : '';
    });
    expect(new Set(bodies).size).toBe(1);
    const conns = s.snapshot('director')!.connections;
    const template = conns.filter((c) => c.template);
    expect(template).toMatchObject([{ protocol: 'TCP', clientAddress: '12.0.0.12', clientPort: 0, virtualPort: 80, state: 'ASSURED' }]);
    expect(template[0]!.expiresInUs).toBeGreaterThan(359_000_000);
    expect(s.snapshot('director')!.services[0]!.dests.find((d) => d.persistConns === 1)).toBeDefined();
  });

  /** The lab with the director's sysctls set as given. */
  const withDirectorSysctls = (doc: LabDocument, sysctls: Readonly<Record<string, number>>): LabDocument => ({
    ...doc, nodes: doc.nodes.map((n) => (n.role !== 'director' ? n : { ...n, sysctls: { ...n.sysctls, ...sysctls } })),
  });

  it('uses tcp_states_dos with secure_tcp=3: a NAT entry waits in SYNACK until the server sends more than its SYN+ACK', () => {
    const { steps } = walk(withDirectorSysctls(natLab, { 'net.ipv4.vs.secure_tcp': 3 }), 'http://12.0.0.10/');
    expect(steps).toEqual([
      { state: 'SYN_RECV', active: 1, inact: 0, timeoutSec: 60 },
      // The server's SYN+ACK (OUTPUT syn from SYN_RECV) → SYNACK; the client's ACK and request keep it there.
      { state: 'SYNACK', active: 1, inact: 0, timeoutSec: 120 },
      // The server's response (OUTPUT ack from SYNACK) establishes it.
      { state: 'ESTABLISHED', active: 1, inact: 0, timeoutSec: 900 },
      { state: 'CLOSE_WAIT', active: 0, inact: 1, timeoutSec: 60 },
      { state: 'TIME_WAIT', active: 0, inact: 1, timeoutSec: 120 },
    ]);
  });

  it('uses tcp_states_dos with secure_tcp=3 for DR too (a SYN seen input-only leads to SYNACK); 2 means "automatic", which without memory pressure is off', () => {
    expect(walk(withDirectorSysctls(drLab, { 'net.ipv4.vs.secure_tcp': 3 }), 'http://192.168.122.188/').steps.map((s) => s.state)).toEqual(['SYNACK', 'ESTABLISHED', 'FIN_WAIT']);
    expect(walk(withDirectorSysctls(drLab, { 'net.ipv4.vs.secure_tcp': 2 }), 'http://192.168.122.188/').steps.map((s) => s.state)).toEqual(['SYN_RECV', 'ESTABLISHED', 'FIN_WAIT']);
  });

  it('drops one new connection in every am_droprate with drop_packet=3 (ip_vs_todrop): the client gets through on its SYN retransmission', () => {
    const s = new SimSession(withDirectorSysctls(drLab, { 'net.ipv4.vs.drop_packet': 3, 'net.ipv4.vs.am_droprate': 2 }));
    const first = s.run({ kind: 'curl', node: 'client', url: 'http://192.168.122.188/' }).result;
    const second = s.run({ kind: 'curl', node: 'client', url: 'http://192.168.122.188/' }).result;
    for (const r of [first, second]) {
      expect(r).toMatchObject({ kind: 'curl', ok: true });
      // The first SYN is dropped; tcp_syn_retries' first retransmission comes 1 s later and passes.
      if (r?.kind === 'curl') expect(r.endUs - r.startUs).toBeGreaterThan(1_000_000);
    }
    const drops = s.records.filter((t) => t.step === 'drop' && t.node === 'director' && t.drop?.reason === 'IPVS');
    expect(drops).toHaveLength(2);
  });
});
