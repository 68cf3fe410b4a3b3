import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4Address, prefixMask } from '../../wire/ipv4-address.ts';
import { CT_STATES, REJECT_WITH } from '../../sim/model/config.ts';
import type {
  AddressConfig, ChainPolicy, FilterChain, FilterRule, FilterTable, InterfaceConfig, LinkConfig, MangleRule, NatRule, RealServerConfig, RouteConfig, ScheduledAction, VirtualServiceConfig,
} from '../../sim/model/config.ts';
import { EMPTY_IPTABLES, EMPTY_IPVS, LOOPBACK } from '../build.ts';
import { BUILTIN_LABS } from '../builtin/index.ts';
import { LAB_VERSION, NODE_ROLES, type LabDocument, type LabNode } from '../document.ts';
import { macFor } from '../mac.ts';
import { routeDevice } from '../shell/kernel/routes.ts';
import { UNITS, wantsPath } from '../shell/systemd/units.ts';
import { formatLabError, validateLab } from '../validate.ts';
import { exportLabScript } from './export.ts';
import { formatScriptError, parseLabScript } from './parse.ts';
import { replayLabScript } from './replay.ts';

/**
 * Scripts express the network configuration: equality is taken over the document with what
 * scripts cannot say normalised away — the order of a node's interfaces (links create them in
 * link order) and alias labels in route devices (`dev lo:0` routes through lo).
 */
function normalise(doc: LabDocument): LabDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ({
      ...n,
      interfaces: [...n.interfaces].sort((a, b) => a.name.localeCompare(b.name)),
      routes: n.routes.map((r) => (r.dev !== undefined ? { ...r, dev: routeDevice(r.dev) } : r)),
    })),
  };
}

/** Replays an exported script; fails on any script error or failing command. */
function roundTrip(doc: LabDocument): LabDocument {
  const text = exportLabScript(doc);
  const parsed = parseLabScript(text);
  if (!parsed.ok) throw new Error(`${parsed.errors.map(formatScriptError).join('\n')}\n${text}`);
  const { doc: replayed, failures } = replayLabScript(parsed.script);
  if (failures.length > 0) throw new Error(`${failures.map((f) => `line ${f.line}: ${f.node}$ ${f.command}\n${f.stderr}`).join('\n')}\n---\n${text}`);
  return replayed;
}

const ip = (a: number, b: number, c: number, d: number): string => `${a}.${b}.${c}.${d}`;
const text = fc.string({ unit: fc.constantFrom(...'abc xyz-_.:/\'"\\\n\t中文$!#'.split('')), maxLength: 30 });
const title = fc.string({ unit: fc.constantFrom(...'Lab DR NAT 实验 -:#\\'.split('')), minLength: 1, maxLength: 20 }).map((s) => s.trim() || 'T');

/** One host or router whose configuration the kernel would accept in the exported order. */
function nodeArb(id: string, kind: 'host' | 'router', ethers: number, index: number) {
  return fc.record({
    role: fc.constantFrom(...NODE_ROLES.filter((r) => r !== 'switch')),
    x: fc.integer({ min: -500, max: 2000 }),
    y: fc.integer({ min: -500, max: 2000 }),
    macs: fc.array(fc.boolean(), { minLength: ethers, maxLength: ethers }),
    mtus: fc.array(fc.constantFrom(1500, 1400, 9000), { minLength: ethers, maxLength: ethers }),
    ups: fc.array(fc.boolean(), { minLength: ethers, maxLength: ethers }),
    loUp: fc.boolean(),
    tunnel: fc.option(fc.boolean(), { nil: undefined }),
    addrs: fc.array(fc.record({ dev: fc.nat(ethers + 1), k: fc.integer({ min: 0, max: 3 }), host: fc.integer({ min: 1, max: 254 }), len: fc.constantFrom(16, 24, 32), label: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), brd: fc.constantFrom('none', 'subnet', 'self'), linkScope: fc.boolean() }), { maxLength: 5 }),
    routes: fc.array(fc.record({ kind: fc.constantFrom('dev', 'via', 'blackhole', 'unreachable', 'prohibit', 'default'), n: fc.integer({ min: 1, max: 200 }), metric: fc.constantFrom(0, 0, 5, 100), scope: fc.boolean(), src: fc.boolean(), pick: fc.nat(), mtu: fc.constantFrom(undefined, undefined, 1400, 576), mtuLock: fc.boolean(), advmss: fc.constantFrom(undefined, undefined, 1300) }), { maxLength: 4 }),
    sysctls: fc.dictionary(
      fc.constantFrom('net.ipv4.conf.all.arp_ignore', 'net.ipv4.conf.all.arp_announce', 'net.ipv4.conf.default.rp_filter', 'net.ipv4.conf.lo.arp_ignore', 'net.ipv4.conf.eth0.send_redirects', 'net.ipv4.neigh.eth0.locktime', 'net.ipv4.neigh.default.ucast_solicit'),
      fc.integer({ min: 0, max: 2 }),
      { maxKeys: 4 },
    ),
    forward: fc.constantFrom(0, 1),
    hostForward: fc.option(fc.constantFrom(0, 1), { nil: undefined }),
    nat: fc.array(fc.record({ chain: fc.constantFrom('PREROUTING', 'POSTROUTING', 'OUTPUT', 'INPUT'), target: fc.constantFrom('SNAT', 'DNAT', 'MASQUERADE', 'ACCEPT', 'RETURN'), src: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), neg: fc.boolean(), port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), iface: fc.boolean() }), { maxLength: 3 }),
    mangle: fc.array(fc.record({ chain: fc.constantFrom('PREROUTING', 'OUTPUT'), mark: fc.integer({ min: 1, max: 9 }), port: fc.integer({ min: 1, max: 65535 }) }), { maxLength: 2 }),
    filter: fc.array(fc.record({
      chain: fc.constantFrom('INPUT', 'FORWARD', 'OUTPUT'), target: fc.constantFrom('ACCEPT', 'DROP', 'RETURN', 'REJECT', 'LOG'),
      log: fc.record({ prefix: fc.constantFrom('', 'IN: ', 'web_1', 'say "hi" \\ it\'s'), level: fc.integer({ min: 0, max: 7 }), seq: fc.boolean() }),
      rejectWith: fc.constantFrom(...REJECT_WITH), src: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      ctstate: fc.option(fc.record({ module: fc.constantFrom('state' as const, 'conntrack' as const), states: fc.subarray([...CT_STATES], { minLength: 1 }), first: fc.boolean() }), { nil: undefined }),
      icmp: fc.option(fc.constantFrom({ type: 8, codeMin: 0, codeMax: 255 }, { type: 3, codeMin: 4, codeMax: 4 }, { type: 255, codeMin: 0, codeMax: 255 }), { nil: undefined }),
      tcpFlags: fc.option(fc.constantFrom({ mask: 0x17, comp: 0x02 }, { mask: 0x17, comp: 0x02, invert: true as const }, { mask: 0x3f, comp: 0 }), { nil: undefined }),
      multiport: fc.option(fc.constantFrom({ dir: 'dports' as const, ports: ['80', '443'] }, { dir: 'ports' as const, ports: ['1024:2048'] }, { dir: 'sports' as const, ports: ['53'] }), { nil: undefined }),
    }), { maxLength: 3 }),
    policies: fc.record({ INPUT: fc.constantFrom('ACCEPT', 'DROP'), FORWARD: fc.constantFrom('ACCEPT', 'DROP'), OUTPUT: fc.constantFrom('ACCEPT', 'DROP') }),
    ipvsLoaded: fc.boolean(),
    timeouts: fc.option(fc.record({ tcp: fc.integer({ min: 1, max: 2000 }), tcpfin: fc.integer({ min: 1, max: 300 }), udp: fc.integer({ min: 1, max: 600 }) }), { nil: undefined }),
    services: fc.array(fc.record({
      proto: fc.constantFrom('tcp', 'udp', 'fwmark'), port: fc.integer({ min: 1, max: 9000 }), vip: fc.integer({ min: 1, max: 250 }),
      scheduler: fc.constantFrom('rr', 'wrr', 'lc', 'wlc', 'sh', 'dh', 'sed', 'nq'), persistent: fc.option(fc.integer({ min: 1, max: 3600 }), { nil: undefined }),
      mask: fc.boolean(), servers: fc.uniqueArray(fc.integer({ min: 1, max: 250 }), { maxLength: 3 }), method: fc.constantFrom('masq', 'droute', 'tunnel'),
      weight: fc.integer({ min: 0, max: 5 }), thresholds: fc.boolean(),
    }), { maxLength: 2 }),
    httpd: fc.boolean(),
    httpdPort: fc.constantFrom(80, 80, 8080),
    files: fc.dictionary(fc.constantFrom('/var/www/html/index.html', '/etc/sysconfig/ipvsadm', '/opt/site/page.txt', '/tmp/notes', wantsPath(UNITS.httpd!)), text, { maxKeys: 3 }),
  }).map((g): LabNode => {
    const interfaces: InterfaceConfig[] = [{ ...LOOPBACK, up: g.loUp }];
    for (let i = 0; i < ethers; i++) {
      interfaces.push({ name: `eth${i}`, kind: 'ether', mac: g.macs[i] ? macFor(id, `eth${i}`) : `02:00:00:${index.toString(16).padStart(2, '0')}:00:${i.toString(16).padStart(2, '0')}`, mtu: g.mtus[i]!, up: g.ups[i]! });
    }
    if (g.tunnel !== undefined) interfaces.push({ name: 'tunl0', kind: 'ipip', mtu: 1480, up: g.tunnel });
    const devs = interfaces.map((i) => i.name);
    // Addresses: distinct per device, one scope per subnet (the kernel's EEXIST/EINVAL rules).
    const addresses: AddressConfig[] = [];
    for (const a of g.addrs) {
      const dev = devs[a.dev % devs.length]!;
      const address = ip(10, index, a.k, a.host);
      if (addresses.some((x) => x.dev === dev && x.address === address)) continue;
      const len = a.len;
      const scope = a.linkScope && len === 32 ? 'link' as const : undefined;
      if (addresses.some((x) => x.dev === dev && x.prefixLength === len && subnetOf(x.address, len) === subnetOf(address, len) && (x.scope ?? 'global') !== (scope ?? 'global'))) continue;
      const brd = a.brd === 'subnet' && len < 31 ? formatIpv4Address(((0x0a000000 | (index << 16) | (a.k << 8)) | (~prefixMask(len) >>> 0)) >>> 0) : a.brd === 'self' ? address : undefined;
      addresses.push({ dev, address, prefixLength: len, ...(a.label !== undefined && dev !== 'lo' ? { label: `${dev}:${a.label}` } : {}), ...(scope ? { scope } : {}), ...(brd !== undefined ? { broadcast: brd } : {}) });
    }
    const upDevs = interfaces.filter((i) => i.up).map((i) => i.name);
    const connected = addresses.filter((a) => upDevs.includes(a.dev) && a.prefixLength < 31 && a.dev !== 'lo');
    const routes: RouteConfig[] = [];
    for (const r of g.routes) {
      const dst = r.kind === 'default' ? 'default' : `${ip(172, 16 + (r.n % 16), r.n, 0)}/24`;
      const metric = r.metric ? { metric: r.metric } : {};
      let rc: RouteConfig | undefined;
      if (r.kind === 'blackhole' || r.kind === 'unreachable' || r.kind === 'prohibit') rc = { dst, type: r.kind, ...metric };
      else if (r.kind === 'dev' && upDevs.length > 0) rc = { dst, dev: upDevs[r.pick % upDevs.length]!, ...metric, ...(r.scope ? { scope: 'link' as const } : {}) };
      else if ((r.kind === 'via' || r.kind === 'default') && connected.length > 0) {
        const c = connected[r.pick % connected.length]!;
        const gw = formatIpv4Address(((subnetNumber(c.address, c.prefixLength) + 1 + (r.n % 200)) >>> 0));
        rc = { dst, via: gw, ...metric };
      }
      if (rc && r.src && addresses.length > 0) rc = { ...rc, src: addresses[r.pick % addresses.length]!.address };
      if (rc && r.mtu !== undefined) rc = { ...rc, mtu: r.mtu, ...(r.mtuLock ? { mtuLock: true } : {}) };
      if (rc && r.advmss !== undefined) rc = { ...rc, advmss: r.advmss };
      // Several routes may share a destination and metric (the first is used); an identical one the kernel refuses.
      if (rc && !routes.some((x) => JSON.stringify(x) === JSON.stringify(rc))) routes.push(rc);
    }
    const sysctls: Record<string, number> = {};
    for (const [k, v] of Object.entries(g.sysctls)) if (!k.includes('.eth0.') || ethers > 0) sysctls[k] = v;
    if (kind === 'router') sysctls['net.ipv4.ip_forward'] = g.forward;
    else if (g.hostForward !== undefined) sysctls['net.ipv4.ip_forward'] = g.hostForward;
    const nat: Record<'PREROUTING' | 'INPUT' | 'OUTPUT' | 'POSTROUTING', NatRule[]> = { PREROUTING: [], INPUT: [], OUTPUT: [], POSTROUTING: [] };
    for (const r of g.nat) {
      const ok = (r.target === 'SNAT' && (r.chain === 'POSTROUTING' || r.chain === 'INPUT')) || (r.target === 'DNAT' && (r.chain === 'PREROUTING' || r.chain === 'OUTPUT'))
        || (r.target === 'MASQUERADE' && r.chain === 'POSTROUTING') || r.target === 'ACCEPT' || r.target === 'RETURN';
      if (!ok) continue;
      const target: NatRule['target'] = r.target === 'SNAT' ? { kind: 'SNAT', toSource: ip(10, index, 9, 9) }
        : r.target === 'DNAT' ? { kind: 'DNAT', toDestination: `${ip(10, index, 9, 8)}:80` } : { kind: r.target };
      const iface = r.iface && ethers > 0 ? (r.chain === 'PREROUTING' || r.chain === 'INPUT' ? { inInterface: 'eth0' } : { outInterface: 'eth0' }) : {};
      nat[r.chain].push({
        ...(r.src !== undefined ? { source: `${r.neg ? '!' : ''}${ip(10, r.src, 0, 0)}/16` } : {}),
        ...iface,
        ...(r.port !== undefined ? { protocol: 'tcp' as const, dport: String(r.port) } : {}),
        target,
      });
    }
    const mangle: Record<'PREROUTING' | 'OUTPUT', MangleRule[]> = { PREROUTING: [], OUTPUT: [] };
    for (const m of g.mangle) mangle[m.chain].push({ destination: `${ip(10, index, 7, m.mark)}/32`, protocol: 'tcp', dport: String(m.port), target: { kind: 'MARK', mark: m.mark } });
    const filterRules: Record<FilterChain, FilterRule[]> = { INPUT: [], FORWARD: [], OUTPUT: [] };
    for (const r of g.filter) {
      const tcp = r.port !== undefined || (r.target === 'REJECT' && r.rejectWith === 'tcp-reset');
      const icmp = !tcp && r.icmp !== undefined;
      filterRules[r.chain].push({
        ...(r.src !== undefined ? { source: `${ip(10, r.src, 0, 0)}/16` } : {}),
        ...(tcp ? { protocol: 'tcp' as const } : icmp ? { protocol: 'icmp' as const, icmpType: r.icmp! } : {}),
        ...(r.port !== undefined ? { dport: String(r.port) } : {}),
        ...(tcp && r.multiport !== undefined ? { multiport: r.multiport } : {}),
        ...(tcp && r.tcpFlags !== undefined ? { tcpFlags: r.tcpFlags } : {}),
        ...(r.ctstate ? { ctstate: { module: r.ctstate.module, states: r.ctstate.states, ...(r.ctstate.first && (r.port !== undefined || icmp) ? { beforePorts: true as const } : {}) } } : {}),
        target: r.target === 'REJECT' ? { kind: 'REJECT', rejectWith: r.rejectWith }
          : r.target === 'LOG' ? { kind: 'LOG', prefix: r.log.prefix, level: r.log.level, ...(r.log.seq ? { tcpSequence: true as const } : {}) } : { kind: r.target },
      });
    }
    const policy = Object.fromEntries(Object.entries(g.policies).filter(([, p]) => p === 'DROP')) as Partial<Record<FilterChain, ChainPolicy>>;
    const filter: FilterTable | undefined = g.filter.length > 0 || Object.keys(policy).length > 0
      ? { ...filterRules, ...(Object.keys(policy).length > 0 ? { policy } : {}) } : undefined;
    const services: VirtualServiceConfig[] = [];
    for (const s of g.services) {
      const key = s.proto === 'fwmark' ? `f${s.vip}` : `${s.proto}${s.vip}:${s.port}`;
      if (services.some((x) => (x.protocol === 'fwmark' ? `f${x.fwmark}` : `${x.protocol}${x.address!.split('.')[3]}:${x.port}`) === key)) continue;
      const port = s.proto === 'fwmark' ? 0 : s.port;
      const realServers: RealServerConfig[] = s.servers.map((h) => ({
        address: ip(10, 200, index, h), port: s.method === 'masq' ? 8000 + h : port, forwardingMethod: s.method,
        weight: s.weight, upperThreshold: s.thresholds ? 10 : 0, lowerThreshold: s.thresholds ? 5 : 0,
      }));
      services.push({
        protocol: s.proto,
        ...(s.proto === 'fwmark' ? { fwmark: s.vip } : { address: ip(10, 100, index, s.vip), port }),
        scheduler: s.scheduler,
        ...(s.persistent !== undefined ? { persistentTimeout: s.persistent, ...(s.mask ? { persistentNetmask: '255.255.255.0' } : {}) } : {}),
        realServers,
      });
    }
    const loaded = g.ipvsLoaded || services.length > 0;
    const files: Record<string, string> = {};
    for (const [p, c] of Object.entries(g.files)) files[p] = p === wantsPath(UNITS.httpd!) ? UNITS.httpd!.text : c;
    return {
      id, kind, role: g.role, position: { x: g.x, y: g.y }, interfaces, addresses, routes, sysctls,
      iptables: { ...(filter ? { filter } : {}), nat, mangle },
      ipvs: loaded ? { loaded, services, timeouts: g.timeouts ?? EMPTY_IPVS.timeouts } : EMPTY_IPVS,
      services: { httpd: { running: g.httpd, port: g.httpdPort } },
      files,
    };
  });
}

const subnetOf = (a: string, len: number): number => (ipNumber(a) & prefixMask(len)) >>> 0;
const subnetNumber = (a: string, len: number): number => subnetOf(a, len);
function ipNumber(a: string): number {
  return a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0) >>> 0;
}

/** A valid lab of 1–4 hosts/routers on one switch, every interface cabled. */
const labArb = fc.record({
  kinds: fc.array(fc.constantFrom('host' as const, 'router' as const), { minLength: 1, maxLength: 4 }),
  ethers: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 4, maxLength: 4 }),
  latency: fc.constantFrom(100, 100, 250),
  bandwidth: fc.constantFrom(1_000_000_000, 100_000_000),
  title: fc.record({ en: title, zh: title }),
  description: fc.record({ en: fc.constantFrom('', 'A lab.', 'Two\nlines'), zh: fc.constantFrom('', '实验。') }),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
}).chain((top) => fc.tuple(
  fc.constant(top),
  fc.tuple(...top.kinds.map((k, i) => nodeArb(`h${i}`, k, top.ethers[i]!, i + 1))),
  fc.array(fc.record({
    at: fc.integer({ min: 0, max: 5_000_000 }), node: fc.nat(top.kinds.length - 1), kind: fc.constantFrom('curl', 'ping', 'arping'), count: fc.integer({ min: 1, max: 3 }),
    size: fc.option(fc.integer({ min: 0, max: 65507 }), { nil: undefined }), pmtu: fc.option(fc.constantFrom('do' as const, 'dont' as const, 'want' as const, 'probe' as const), { nil: undefined }),
    maxTime: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), connectTimeout: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), head: fc.boolean(),
  }), { maxLength: 2 }),
)).map(([top, nodes, scen]): LabDocument => {
  const sw: LabNode = { id: 'sw', kind: 'switch', role: 'switch', position: { x: 0, y: 0 }, interfaces: [], addresses: [], routes: [], sysctls: {}, iptables: EMPTY_IPTABLES, ipvs: EMPTY_IPVS, services: { httpd: { running: false, port: 80 } }, files: {} };
  const links: LinkConfig[] = nodes.flatMap((n) => n.interfaces.filter((i) => i.kind === 'ether').map((i) => ({ a: { node: n.id, iface: i.name }, b: { node: 'sw' }, latencyUs: top.latency, bandwidthBps: top.bandwidth })));
  const scenario: ScheduledAction[] = scen.map((s) => {
    const node = nodes[s.node]!.id;
    if (s.kind === 'curl') {
      return {
        atUs: s.at,
        action: {
          kind: 'curl', node, url: 'http://10.100.1.1/', ...(s.maxTime !== undefined ? { maxTimeSec: s.maxTime } : {}),
          ...(s.connectTimeout !== undefined ? { connectTimeoutSec: s.connectTimeout } : {}), ...(s.head ? { head: true } : {}),
        },
      };
    }
    if (s.kind === 'ping') {
      return { atUs: s.at, action: { kind: 'ping', node, destination: '10.100.1.1', count: s.count, ...(s.size !== undefined ? { payloadBytes: s.size } : {}), ...(s.pmtu !== undefined ? { pmtuDisc: s.pmtu } : {}) } };
    }
    return { atUs: s.at, action: { kind: 'arping', node, iface: 'eth0', target: '10.100.1.1', count: s.count } };
  });
  return { version: LAB_VERSION, title: top.title, description: top.description, seed: top.seed, nodes: [...nodes, sw], links, scenario };
});

describe('export → replay', () => {
  it('rebuilds every built-in lab', () => {
    for (const l of BUILTIN_LABS) expect(normalise(roundTrip(l.doc)), l.id).toEqual(normalise(l.doc));
  });

  it('rebuilds random valid labs (network configuration, metadata and scenario)', () => {
    fc.assert(fc.property(labArb, (doc) => {
      const v = validateLab(doc);
      if (!v.ok) throw new Error(`generator made an invalid lab: ${v.errors.map(formatLabError).join('; ')}`);
      expect(normalise(roundTrip(doc))).toEqual(normalise(doc));
    }), { numRuns: 200 });
  });
});
