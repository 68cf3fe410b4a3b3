import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import type { LabDocument, LabNode } from '../lab/document.ts';
import { validateLab } from '../lab/validate.ts';
import { SCHEDULERS } from '../sim/ipvs/schedulers/registry.ts';
import type { FilterRule, ForwardingMethod, TrafficAction } from '../sim/model/config.ts';
import { checkFrame, emitFrame, parseFrame } from '../wire/packet.ts';
import { SimSession } from './session.ts';

/**
 * Built-in labs misconfigured at random — ARP and routing sysctls on `all` or one device, IPVS
 * schedulers, forwarding methods, weights, persistence, interfaces down, smaller MTUs — then
 * curls, pings of every size and arpings. Whatever the misconfiguration, the simulation must not
 * throw, every action must end, every frame it sends must be a consistent frame that emits to
 * bytes and parses back to the same frame, and the same lab and seed must give the same trace.
 */

const SYSCTL_CHOICES: readonly (readonly [string, readonly number[]])[] = [
  ['arp_ignore', [0, 1, 2, 3, 4, 8]],
  ['arp_announce', [0, 1, 2]],
  ['rp_filter', [0, 1, 2]],
  ['accept_local', [0, 1]],
  ['send_redirects', [0, 1]],
  ['arp_filter', [0, 1]],
];

const GLOBAL_CHOICES: readonly (readonly [string, readonly number[]])[] = [
  ['net.ipv4.ip_forward', [0, 1]],
  ['net.ipv4.vs.conntrack', [0, 1]],
  ['net.ipv4.vs.conn_reuse_mode', [0, 1, 2]],
  ['net.ipv4.vs.expire_nodest_conn', [0, 1]],
  ['net.ipv4.ip_no_pmtu_disc', [0, 1]],
];

interface Mutation {
  readonly node: number;
  readonly what: number;
  readonly value: number;
  readonly pick: number;
}

const arbMutation = fc.record({ node: fc.nat(50), what: fc.nat(12), value: fc.nat(20), pick: fc.nat(20) });

function choose<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

/** Applies one mutation to one node (`all` holds every address of the lab); kinds of change by `m.what`. */
function mutateNode(n: LabNode, m: Mutation, all: readonly string[]): LabNode {
  const devs = n.interfaces.map((i) => i.name);
  switch (m.what) {
    case 0:
    case 1: {
      const [key, values] = choose(SYSCTL_CHOICES, m.pick);
      const dev = m.what === 0 ? 'all' : choose(devs, m.value);
      return { ...n, sysctls: { ...n.sysctls, [`net.ipv4.conf.${dev}.${key}`]: choose(values, m.value) } };
    }
    case 2: {
      const [key, values] = choose(GLOBAL_CHOICES, m.pick);
      return { ...n, sysctls: { ...n.sysctls, [key]: choose(values, m.value) } };
    }
    case 3: {
      if (n.ipvs.services.length === 0) return n;
      const scheduler = choose([...SCHEDULERS.keys()], m.pick);
      return { ...n, ipvs: { ...n.ipvs, services: n.ipvs.services.map((s) => ({ ...s, scheduler })) } };
    }
    case 4: {
      if (n.ipvs.services.length === 0) return n;
      const methods: readonly ForwardingMethod[] = ['masq', 'droute', 'tunnel'];
      return {
        ...n,
        ipvs: {
          ...n.ipvs,
          services: n.ipvs.services.map((s) => ({
            ...s,
            realServers: s.realServers.map((rs, i) => (i === m.pick % Math.max(1, s.realServers.length)
              ? { ...rs, forwardingMethod: choose(methods, m.value), weight: m.value % 4 }
              : rs)),
          })),
        },
      };
    }
    case 5: {
      if (n.ipvs.services.length === 0) return n;
      return { ...n, ipvs: { ...n.ipvs, services: n.ipvs.services.map((s) => ({ ...s, persistentTimeout: 1 + m.value * 30 })) } };
    }
    case 6: {
      const dev = choose(n.interfaces, m.pick);
      if (dev.kind === 'loopback') return n;
      return { ...n, interfaces: n.interfaces.map((i) => (i === dev ? { ...i, up: !i.up } : i)) };
    }
    case 7: {
      const dev = choose(n.interfaces, m.pick);
      if (dev.kind !== 'ether') return n;
      return { ...n, interfaces: n.interfaces.map((i) => (i === dev ? { ...i, mtu: 576 + m.value * 46 } : i)) };
    }
    case 8:
      return { ...n, routes: n.routes.filter((_r, i) => i !== m.pick % Math.max(1, n.routes.length)) };
    case 9: {
      const via = choose(all, m.pick);
      return { ...n, routes: [...n.routes.filter((r) => r.dst !== '0.0.0.0/0'), { dst: '0.0.0.0/0', via }] };
    }
    case 10:
      return { ...n, addresses: n.addresses.filter((_a, i) => i !== m.pick % Math.max(1, n.addresses.length)) };
    case 11: {
      const dev = choose(n.interfaces, m.value);
      return { ...n, addresses: [...n.addresses, { dev: dev.name, address: choose(all, m.pick), prefixLength: dev.kind === 'ether' ? 24 : 32 }] };
    }
    case 12: {
      // A firewall rule (or a DROP policy) somewhere on the path.
      const chain = choose(['INPUT', 'FORWARD', 'OUTPUT'] as const, m.pick);
      const targets: readonly FilterRule['target'][] = [
        { kind: 'DROP' }, { kind: 'ACCEPT' }, { kind: 'REJECT', rejectWith: 'icmp-port-unreachable' }, { kind: 'LOG', prefix: 'fw: ', level: 4 },
        { kind: 'REJECT', rejectWith: 'tcp-reset' },
      ];
      const target = choose(targets, m.value);
      const rule: FilterRule = {
        ...(m.value % 3 === 0 ? { destination: `${choose(all, m.pick)}/32` } : {}),
        ...((target.kind === 'REJECT' && target.rejectWith === 'tcp-reset') || m.value % 2 === 0 ? { protocol: 'tcp' as const, dport: '80' } : {}),
        ...(m.pick % 4 === 0 ? { ctstate: { module: 'state' as const, states: choose([['NEW'], ['INVALID'], ['RELATED', 'ESTABLISHED']] as const, m.value) } } : {}),
        target,
      };
      const filter = n.iptables.filter ?? { INPUT: [], FORWARD: [], OUTPUT: [] };
      const policy = m.pick % 5 === 0 ? { policy: { ...filter.policy, [chain]: 'DROP' as const } } : {};
      return { ...n, iptables: { ...n.iptables, filter: { ...filter, ...policy, [chain]: [...filter[chain], rule] } } };
    }
    default:
      return n;
  }
}

function mutate(doc: LabDocument, mutations: readonly Mutation[]): LabDocument {
  const hosts = doc.nodes.map((n, i) => [n, i] as const).filter(([n]) => n.kind !== 'switch').map(([, i]) => i);
  const all = addressesOf(doc);
  let nodes = doc.nodes;
  for (const m of mutations) {
    const at = choose(hosts, m.node);
    nodes = nodes.map((n, i) => (i === at ? mutateNode(n, m, all) : n));
  }
  return { ...doc, nodes };
}

/** Every unicast address of the lab, as ping targets. */
function addressesOf(doc: LabDocument): string[] {
  return doc.nodes.flatMap((n) => n.addresses.filter((a) => !a.address.startsWith('127.')).map((a) => a.address));
}

function trafficFor(doc: LabDocument, picks: readonly number[]): TrafficAction[] {
  const client = doc.nodes.find((n) => n.role === 'client') ?? doc.nodes[0]!;
  const targets = addressesOf(doc);
  const vip = doc.nodes.flatMap((n) => n.ipvs.services).find((s) => s.address !== undefined)?.address ?? choose(targets, 0);
  const dev = client.interfaces.find((i) => i.kind === 'ether')?.name ?? 'eth0';
  return picks.map((p, i): TrafficAction => {
    switch (p % 4) {
      case 0:
        return { kind: 'curl', node: client.id, url: `http://${vip}/`, maxTimeSec: 5 };
      case 1:
        return { kind: 'curl', node: client.id, url: `http://${choose(targets, p)}/`, maxTimeSec: 5 };
      case 2:
        return { kind: 'ping', node: client.id, destination: choose(targets, p + i), count: 1, payloadBytes: (p * 397) % 3000 };
      default:
        return { kind: 'arping', node: client.id, iface: dev, target: choose(targets, p + i), count: 1 };
    }
  });
}

function traceJson(s: SimSession): string {
  return JSON.stringify(s.records, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
}

function runLab(doc: LabDocument, traffic: readonly TrafficAction[], seed: number): SimSession {
  const s = new SimSession(doc, { seed });
  s.runScenario();
  for (const action of traffic) {
    const running = s.run(action);
    expect(running.result, `${action.kind} on ${action.node} never ended`).toBeDefined();
  }
  return s;
}

/** Runs and seed: 60 in CI; set FUZZ_RUNS and FUZZ_SEED to search longer. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

describe('misconfigured labs', () => {
  it('never throw, end every action, send only well-formed frames and repeat exactly', () => {
    fc.assert(
      fc.property(
        fc.nat(BUILTIN_LABS.length - 1),
        fc.array(arbMutation, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }),
        fc.nat(1000),
        (labIndex, mutations, picks, seed) => {
          const doc = mutate(BUILTIN_LABS[labIndex]!.doc, mutations);
          const valid = validateLab(doc);
          expect(valid.ok ? [] : valid.errors).toEqual([]);
          const traffic = trafficFor(doc, picks);
          const s = runLab(doc, traffic, seed);
          for (const r of s.records) {
            if (!r.frame) continue;
            expect(checkFrame(r.frame), `frame of record at ${r.timeUs} µs on ${r.node}`).toBeNull();
            expect(parseFrame(emitFrame(r.frame))).toEqual({ ok: true, value: r.frame });
          }
          if (seed % 4 === 0) expect(traceJson(runLab(doc, traffic, seed))).toBe(traceJson(s));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  }, 20_000 + RUNS * 500);
});
