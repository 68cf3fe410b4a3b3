import { describe, expect, it } from 'vitest';
import { parseIpv4Address } from '../../wire/ipv4-address.ts';
import { IpProtocol } from '../../wire/ipv4.ts';
import type { Ipv4Packet } from '../../wire/packet.ts';
import { TcpFlag } from '../../wire/tcp.ts';
import type { NetworkConfig, NodeConfig, VirtualServiceConfig } from '../model/config.ts';
import type { IpvsConnSnapshot } from '../model/snapshot.ts';
import { Network } from '../network.ts';
import { drLab } from '../testing/labs.ts';
import { sendFromHost } from '../testing/send.ts';

const VIP = '192.168.122.188';

/** The DR lab with the director's one service edited (its real servers listening on port `rsPort`). */
function withService(patch: Partial<VirtualServiceConfig>, rsPort: number): NetworkConfig {
  const lab = drLab();
  const edit = (n: NodeConfig): NodeConfig => (n.id !== 'director' ? n : {
    ...n,
    ipvs: { ...n.ipvs, services: n.ipvs.services.map((s) => ({ ...s, ...patch, realServers: s.realServers.map((r) => ({ ...r, port: rsPort })) })) },
  });
  return { ...lab, nodes: lab.nodes.map(edit) };
}

function curl(net: Network, url: string): void {
  net.settle(net.start({ kind: 'curl', node: 'client', url, maxTimeSec: 2 }));
}

const conns = (net: Network): IpvsConnSnapshot[] => net.hosts.get('director')!.ipvs!.connectionsSnapshot();

/** A SYN from the client's port `sport` to VIP:80, sent out of the client's stack (ip_local_out). */
function synFrom(net: Network, sport: number): void {
  const packet: Ipv4Packet = {
    ip: { src: parseIpv4Address('12.0.0.12')!, dst: parseIpv4Address(VIP)!, protocol: IpProtocol.Tcp, ttl: 64, dscp: 0, ecn: 0, ident: 1, dontFragment: true, moreFragments: false, fragmentOffset: 0 },
    body: { kind: 'tcp', tcp: { srcPort: sport, dstPort: 80, seq: 1, ack: 0, flags: TcpFlag.Syn, window: 502, urgentPointer: 0, options: [], payload: new Uint8Array(0) } },
  };
  sendFromHost(net, 'client', packet);
}

describe('a persistent FTP service (facts §1.0 service lookup, §3.3 templates)', () => {
  it('keys its template <proto, client net, 0, VIP, 0> → <RIP, 0> (ip_vs_sched_persist)', () => {
    const net = new Network(withService({ port: 21, persistentTimeout: 360 }, 21), { seed: 1, trace: false });
    curl(net, `http://${VIP}:21/`);
    const template = conns(net).find((c) => c.template)!;
    expect(template).toMatchObject({ protocol: 'TCP', clientAddress: '12.0.0.12', clientPort: 0, virtualAddress: VIP, virtualPort: 0, destPort: 0 });
  });

  it('catches a data connection to an unprivileged VIP port and sends it to the control connection\'s server (ip_vs_service_find)', () => {
    const net = new Network(withService({ port: 21, persistentTimeout: 360 }, 21), { seed: 1, trace: false });
    curl(net, `http://${VIP}:21/`);
    const control = conns(net).find((c) => !c.template && c.virtualPort === 21)!;
    curl(net, `http://${VIP}:30000/`);
    const data = conns(net).find((c) => !c.template && c.virtualPort === 30000);
    expect(data).toMatchObject({ destAddress: control.destAddress, destPort: 30000 });
    // One template serves both: the data connection found it rather than scheduling again.
    expect(conns(net).filter((c) => c.template)).toHaveLength(1);
  });

  it('does not catch a privileged port other than 20', () => {
    const net = new Network(withService({ port: 21, persistentTimeout: 360 }, 21), { seed: 1, trace: false });
    curl(net, `http://${VIP}:22/`);
    expect(conns(net)).toEqual([]);
  });

  it('lets a data connection to a non-persistent FTP service pass to the director\'s own stack (ip_vs_schedule, ip_vs_leave)', () => {
    const net = new Network(withService({ port: 21 }, 21), { seed: 1, trace: true });
    curl(net, `http://${VIP}:30000/`);
    expect(conns(net)).toEqual([]);
    // No "port unreachable": ip_vs_leave accepts packets for other ports of an FTP service.
    expect(net.tracer.records.some((r) => r.node === 'director' && r.explain.key === 'ipvs.no_dest')).toBe(false);
    expect(net.tracer.records.some((r) => r.node === 'director' && r.explain.key === 'tcp.rst.sent')).toBe(true);
  });
});

describe('a non-FTP persistent service', () => {
  it('keeps the port in its template <proto, client net, 0, VIP, vport> → <RIP, rport>', () => {
    const net = new Network(withService({ persistentTimeout: 360 }, 80), { seed: 1, trace: false });
    curl(net, `http://${VIP}/`);
    expect(conns(net).find((c) => c.template)).toMatchObject({ virtualPort: 80, destPort: 80 });
  });
});

describe('ip_vs_schedule and FTP data', () => {
  it('never schedules a packet from client port 20 (active FTP data from a real server): it goes to the local stack', () => {
    const net = new Network(drLab(), { seed: 1, trace: true });
    synFrom(net, 20);
    expect(conns(net)).toEqual([]);
    expect(net.tracer.records.some((r) => r.node === 'director' && r.explain.key === 'tcp.rst.sent')).toBe(true);
    synFrom(net, 21);
    expect(conns(net)).toHaveLength(1);
  });
});
