import { parseCidr, parseIpv4Address } from '../wire/ipv4-address.ts';
import { parseMacAddress } from '../wire/mac-address.ts';
import type { LabDocument } from './document.ts';
import { LAB_VERSION, NODE_ROLES } from './document.ts';
import { DEFENSE_SYSCTLS, isKnownSysctl } from '../sim/model/sysctl-keys.ts';
import { CT_STATES, FILTER_CHAINS, MAX_CURL_LIMIT_SEC, REJECT_WITH, type CtState } from '../sim/model/config.ts';

/** A problem in a lab document: where (a JSON path) and why. */
export interface LabError {
  readonly path: string;
  readonly message: string;
}

export type LabParse = { readonly ok: true; readonly doc: LabDocument } | { readonly ok: false; readonly errors: readonly LabError[] };

/** `nodes[2].interfaces[0].address: "192.168.1.300" is not an IPv4 address`. */
export function formatLabError(e: LabError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}

const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'sed', 'nq', 'sh', 'dh', 'lblc', 'lblcr', 'mh', 'fo', 'ovf', 'twos'];
const ID_RE = /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/;
const DEV_RE = /^[A-Za-z][A-Za-z0-9_.-]{0,14}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v) ?? typeof v);

/** Collects errors while walking a document. */
class Checker {
  readonly errors: LabError[] = [];
  fail(path: string, message: string): void {
    if (this.errors.length < 200) this.errors.push({ path, message });
  }
  obj(v: unknown, path: string): Obj | undefined {
    if (isObj(v)) return v;
    this.fail(path, `${show(v)} is not an object`);
    return undefined;
  }
  arr(v: unknown, path: string): unknown[] {
    if (Array.isArray(v)) return v;
    this.fail(path, `${show(v)} is not a list`);
    return [];
  }
  str(v: unknown, path: string): string | undefined {
    if (typeof v === 'string') return v;
    this.fail(path, `${show(v)} is not a string`);
    return undefined;
  }
  int(v: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    this.fail(path, `${show(v)} is not a whole number from ${min} to ${max}`);
    return undefined;
  }
  bool(v: unknown, path: string): boolean | undefined {
    if (typeof v === 'boolean') return v;
    this.fail(path, `${show(v)} is not true or false`);
    return undefined;
  }
  ipv4(v: unknown, path: string): string | undefined {
    const s = this.str(v, path);
    if (s === undefined) return undefined;
    if (parseIpv4Address(s) === null) {
      this.fail(path, `${show(s)} is not an IPv4 address`);
      return undefined;
    }
    return s;
  }
  cidr(v: unknown, path: string, allowDefault: boolean, allowNegation = false): void {
    const s = this.str(v, path);
    if (s === undefined) return;
    if (allowDefault && s === 'default') return;
    const body = allowNegation && s.startsWith('!') ? s.slice(1).trim() : s;
    if (!parseCidr(body)) this.fail(path, `${show(s)} is not an address or CIDR prefix${allowDefault ? ' (or "default")' : ''}`);
  }
  oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.fail(path, `${show(v)} is not one of ${allowed.join(', ')}`);
    return undefined;
  }
  noExtra(o: Obj, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(`${path}.${k}`, 'is not a known field');
  }
}

function checkText(c: Checker, v: unknown, path: string): void {
  const o = c.obj(v, path);
  if (!o) return;
  c.str(o.en, `${path}.en`);
  c.str(o.zh, `${path}.zh`);
}

function checkMatch(c: Checker, r: Obj, path: string): void {
  if (r.tcpFlags !== undefined) {
    const f = c.obj(r.tcpFlags, `${path}.tcpFlags`);
    if (f) {
      c.noExtra(f, `${path}.tcpFlags`, ['mask', 'comp', 'invert']);
      c.int(f.mask, `${path}.tcpFlags.mask`, 0, 0x3f);
      c.int(f.comp, `${path}.tcpFlags.comp`, 0, 0x3f);
      if (f.invert !== undefined && f.invert !== true) c.fail(`${path}.tcpFlags.invert`, 'is true or absent');
    }
    if (r.protocol !== 'tcp') c.fail(`${path}.tcpFlags`, 'needs protocol tcp');
  }
  if (r.multiport !== undefined) {
    const m = c.obj(r.multiport, `${path}.multiport`);
    if (m) {
      c.noExtra(m, `${path}.multiport`, ['dir', 'ports']);
      c.oneOf(m.dir, `${path}.multiport.dir`, ['sports', 'dports', 'ports']);
      const ports = c.arr(m.ports, `${path}.multiport.ports`);
      if (ports.length === 0) c.fail(`${path}.multiport.ports`, 'lists at least one port');
      ports.forEach((p, i) => {
        const text = c.str(p, `${path}.multiport.ports[${i}]`);
        if (text !== undefined && !/^\d{1,5}(:\d{1,5})?$/.test(text)) c.fail(`${path}.multiport.ports[${i}]`, `${show(text)} is not a port or port range`);
      });
    }
    if (r.protocol !== 'tcp' && r.protocol !== 'udp') c.fail(`${path}.multiport`, 'needs protocol tcp or udp');
  }
  if (r.icmpType !== undefined) {
    const t = c.obj(r.icmpType, `${path}.icmpType`);
    if (t) {
      c.noExtra(t, `${path}.icmpType`, ['type', 'codeMin', 'codeMax']);
      for (const k of ['type', 'codeMin', 'codeMax'] as const) c.int(t[k], `${path}.icmpType.${k}`, 0, 255);
      if (typeof t.codeMin === 'number' && typeof t.codeMax === 'number' && t.codeMin > t.codeMax) c.fail(`${path}.icmpType.codeMax`, 'is below codeMin');
    }
    if (r.protocol !== 'icmp') c.fail(`${path}.icmpType`, 'needs protocol icmp');
  }
  if (r.source !== undefined) c.cidr(r.source, `${path}.source`, false, true);
  if (r.destination !== undefined) c.cidr(r.destination, `${path}.destination`, false, true);
  if (r.inInterface !== undefined) c.str(r.inInterface, `${path}.inInterface`);
  if (r.outInterface !== undefined) c.str(r.outInterface, `${path}.outInterface`);
  if (r.protocol !== undefined) c.oneOf(r.protocol, `${path}.protocol`, ['tcp', 'udp', 'icmp', 'all']);
  for (const k of ['sport', 'dport'] as const) {
    if (r[k] === undefined) continue;
    const s = c.str(r[k], `${path}.${k}`);
    if (s !== undefined && !/^\d{1,5}(:\d{1,5})?$/.test(s)) c.fail(`${path}.${k}`, `${show(s)} is not a port or port range`);
    if (r.protocol !== 'tcp' && r.protocol !== 'udp') c.fail(`${path}.${k}`, 'needs protocol tcp or udp');
  }
}

/** A state match: its module and a non-empty list of states in CT_STATES order. */
function checkCtstate(c: Checker, v: unknown, path: string): void {
  const m = c.obj(v, path);
  if (!m) return;
  c.noExtra(m, path, ['module', 'states', 'beforePorts']);
  c.oneOf(m.module, `${path}.module`, ['state', 'conntrack']);
  if (m.beforePorts !== undefined && m.beforePorts !== true) c.fail(`${path}.beforePorts`, 'is true or absent');
  const states = c.arr(m.states, `${path}.states`);
  states.forEach((s, i) => c.oneOf(s, `${path}.states[${i}]`, CT_STATES));
  const order = states.map((s) => CT_STATES.indexOf(s as CtState));
  if (states.length === 0) c.fail(`${path}.states`, 'names at least one state');
  else if (order.some((x, i) => i > 0 && x <= order[i - 1]!)) c.fail(`${path}.states`, `lists each state once, in the order ${CT_STATES.join(', ')}`);
}

/** The filter table: rules of INPUT, FORWARD and OUTPUT with their targets, and the chains' policies. */
function checkFilter(c: Checker, v: unknown, path: string): void {
  const f = c.obj(v, path);
  if (!f) return;
  c.noExtra(f, path, ['INPUT', 'FORWARD', 'OUTPUT', 'policy']);
  for (const chain of FILTER_CHAINS) {
    c.arr(f[chain], `${path}.${chain}`).forEach((rv, i) => {
      const p = `${path}.${chain}[${i}]`;
      const r = c.obj(rv, p);
      if (!r) return;
      checkMatch(c, r, p);
      if (r.inInterface !== undefined && chain === 'OUTPUT') c.fail(`${p}.inInterface`, '-i is not valid in OUTPUT');
      if (r.outInterface !== undefined && chain === 'INPUT') c.fail(`${p}.outInterface`, '-o is not valid in INPUT');
      if (r.ctstate !== undefined) checkCtstate(c, r.ctstate, `${p}.ctstate`);
      const t = c.obj(r.target, `${p}.target`);
      const kind = t ? c.oneOf(t.kind, `${p}.target.kind`, ['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'LOG']) : undefined;
      if (t && kind === 'LOG') {
        c.noExtra(t, `${p}.target`, ['kind', 'prefix', 'level', 'tcpSequence']);
        const prefix = c.str(t.prefix, `${p}.target.prefix`);
        if (prefix !== undefined && (prefix.length > 29 || prefix.includes('\n'))) c.fail(`${p}.target.prefix`, 'is at most 29 characters, without newlines');
        c.int(t.level, `${p}.target.level`, 0, 7);
        if (t.tcpSequence !== undefined && t.tcpSequence !== true) c.fail(`${p}.target.tcpSequence`, 'is true or absent');
      }
      if (!t || kind !== 'REJECT') return;
      const with_ = c.oneOf(t.rejectWith, `${p}.target.rejectWith`, REJECT_WITH);
      if (with_ === 'tcp-reset' && r.protocol !== 'tcp') c.fail(`${p}.target.rejectWith`, 'tcp-reset needs protocol tcp');
    });
  }
  if (f.policy === undefined) return;
  const policy = c.obj(f.policy, `${path}.policy`);
  if (!policy) return;
  c.noExtra(policy, `${path}.policy`, FILTER_CHAINS);
  for (const [chain, value] of Object.entries(policy)) c.oneOf(value, `${path}.policy.${chain}`, ['ACCEPT', 'DROP']);
}

function checkNode(c: Checker, v: unknown, path: string, ids: Set<string>): void {
  const n = c.obj(v, path);
  if (!n) return;
  c.noExtra(n, path, ['id', 'kind', 'role', 'position', 'interfaces', 'addresses', 'routes', 'sysctls', 'iptables', 'ipvs', 'services', 'files']);
  const id = c.str(n.id, `${path}.id`);
  if (id !== undefined) {
    if (!ID_RE.test(id)) c.fail(`${path}.id`, `${show(id)} is not a valid host name (a letter, then letters, digits, "-", "_" or "."; at most 63)`);
    if (ids.has(id)) c.fail(`${path}.id`, `${show(id)} is used by another node`);
    ids.add(id);
  }
  const kind = c.oneOf(n.kind, `${path}.kind`, ['host', 'router', 'switch']);
  c.oneOf(n.role, `${path}.role`, NODE_ROLES);
  const pos = c.obj(n.position, `${path}.position`);
  if (pos) {
    for (const k of ['x', 'y'] as const) if (typeof pos[k] !== 'number' || !Number.isFinite(pos[k])) c.fail(`${path}.position.${k}`, `${show(pos[k])} is not a number`);
  }
  const devs = new Set<string>();
  c.arr(n.interfaces, `${path}.interfaces`).forEach((iv, i) => {
    const p = `${path}.interfaces[${i}]`;
    const itf = c.obj(iv, p);
    if (!itf) return;
    c.noExtra(itf, p, ['name', 'kind', 'mac', 'mtu', 'up']);
    const name = c.str(itf.name, `${p}.name`);
    if (name !== undefined) {
      if (!DEV_RE.test(name) || name.includes(':')) c.fail(`${p}.name`, `${show(name)} is not a device name (aliases like "ens33:0" are address labels)`);
      if (devs.has(name)) c.fail(`${p}.name`, `${show(name)} appears twice`);
      devs.add(name);
    }
    const ik = c.oneOf(itf.kind, `${p}.kind`, ['ether', 'loopback', 'ipip']);
    if (ik === 'ether') {
      const mac = c.str(itf.mac, `${p}.mac`);
      if (mac !== undefined && parseMacAddress(mac) !== mac) c.fail(`${p}.mac`, `${show(mac)} is not a lowercase MAC address like 00:0c:29:59:be:be`);
    }
    if (ik === 'loopback' && name !== 'lo') c.fail(`${p}.name`, 'the loopback device is called lo');
    c.int(itf.mtu, `${p}.mtu`, 68, 65536);
    c.bool(itf.up, `${p}.up`);
  });
  if (kind === 'switch' && devs.size > 0) c.fail(`${path}.interfaces`, 'a switch has ports, not interfaces');
  c.arr(n.addresses, `${path}.addresses`).forEach((av, i) => {
    const p = `${path}.addresses[${i}]`;
    const a = c.obj(av, p);
    if (!a) return;
    c.noExtra(a, p, ['dev', 'address', 'prefixLength', 'label', 'scope', 'broadcast']);
    const dev = c.str(a.dev, `${p}.dev`);
    if (dev !== undefined && !devs.has(dev)) c.fail(`${p}.dev`, `${show(dev)} is not an interface of this node`);
    c.ipv4(a.address, `${p}.address`);
    c.int(a.prefixLength, `${p}.prefixLength`, 0, 32);
    if (a.label !== undefined) {
      const l = c.str(a.label, `${p}.label`);
      if (l !== undefined && dev !== undefined && l !== dev && !l.startsWith(`${dev}:`)) c.fail(`${p}.label`, `${show(l)} must be the device name or start with "${dev}:"`);
    }
    if (a.scope !== undefined) c.oneOf(a.scope, `${p}.scope`, ['global', 'link', 'host']);
    if (a.broadcast !== undefined) c.ipv4(a.broadcast, `${p}.broadcast`);
  });
  c.arr(n.routes, `${path}.routes`).forEach((rv, i) => {
    const p = `${path}.routes[${i}]`;
    const r = c.obj(rv, p);
    if (!r) return;
    c.noExtra(r, p, ['dst', 'via', 'dev', 'src', 'metric', 'scope', 'type', 'mtu', 'mtuLock', 'advmss']);
    c.cidr(r.dst, `${p}.dst`, true);
    if (r.via !== undefined) c.ipv4(r.via, `${p}.via`);
    if (r.dev !== undefined) {
      const d = c.str(r.dev, `${p}.dev`);
      if (d !== undefined && !devs.has(d.split(':')[0]!)) c.fail(`${p}.dev`, `${show(d)} is not an interface of this node`);
    }
    if (r.src !== undefined) c.ipv4(r.src, `${p}.src`);
    if (r.metric !== undefined) c.int(r.metric, `${p}.metric`, 0, 4294967295);
    if (r.mtu !== undefined) c.int(r.mtu, `${p}.mtu`, 0, 4294967295);
    if (r.mtuLock !== undefined) c.bool(r.mtuLock, `${p}.mtuLock`);
    if (r.advmss !== undefined) c.int(r.advmss, `${p}.advmss`, 0, 4294967295);
    if (r.scope !== undefined) c.oneOf(r.scope, `${p}.scope`, ['global', 'link', 'host']);
    if (r.type !== undefined) c.oneOf(r.type, `${p}.type`, ['unicast', 'blackhole', 'unreachable', 'prohibit']);
    if ((r.type ?? 'unicast') === 'unicast' && r.via === undefined && r.dev === undefined) c.fail(p, 'a route needs a gateway (via) or a device (dev)');
  });
  const sys = c.obj(n.sysctls, `${path}.sysctls`);
  if (sys) {
    for (const [k, val] of Object.entries(sys)) {
      if (!isKnownSysctl(k, [...devs])) c.fail(`${path}.sysctls.${k}`, 'is not a sysctl this lab knows');
      // The kernel refuses other values of the defense strategies (proc_do_defense_mode).
      if (DEFENSE_SYSCTLS.has(k)) c.int(val, `${path}.sysctls.${k}`, 0, 3);
      else c.int(val, `${path}.sysctls.${k}`, -2147483648, 2147483647);
    }
  }
  const ipt = c.obj(n.iptables, `${path}.iptables`);
  if (ipt) {
    const nat = c.obj(ipt.nat, `${path}.iptables.nat`);
    if (nat) {
      for (const chain of ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] as const) {
        c.arr(nat[chain], `${path}.iptables.nat.${chain}`).forEach((rv, i) => {
          const p = `${path}.iptables.nat.${chain}[${i}]`;
          const r = c.obj(rv, p);
          if (!r) return;
          checkMatch(c, r, p);
          const t = c.obj(r.target, `${p}.target`);
          if (!t) return;
          const tk = c.oneOf(t.kind, `${p}.target.kind`, ['SNAT', 'DNAT', 'MASQUERADE', 'ACCEPT', 'RETURN']);
          if (tk === 'SNAT' && (chain === 'PREROUTING' || chain === 'OUTPUT')) c.fail(`${p}.target.kind`, 'SNAT is only valid in POSTROUTING and INPUT');
          if (tk === 'MASQUERADE' && chain !== 'POSTROUTING') c.fail(`${p}.target.kind`, 'MASQUERADE is only valid in POSTROUTING');
          if (tk === 'DNAT' && (chain === 'POSTROUTING' || chain === 'INPUT')) c.fail(`${p}.target.kind`, 'DNAT is only valid in PREROUTING and OUTPUT');
          if (tk === 'SNAT') hostPort(c, t.toSource, `${p}.target.toSource`);
          if (tk === 'DNAT') hostPort(c, t.toDestination, `${p}.target.toDestination`);
          if (r.inInterface !== undefined && (chain === 'POSTROUTING' || chain === 'OUTPUT')) c.fail(`${p}.inInterface`, `-i is not valid in ${chain}`);
          if (r.outInterface !== undefined && (chain === 'PREROUTING' || chain === 'INPUT')) c.fail(`${p}.outInterface`, `-o is not valid in ${chain}`);
        });
      }
    }
    if (ipt.filter !== undefined) checkFilter(c, ipt.filter, `${path}.iptables.filter`);
    const mangle = c.obj(ipt.mangle, `${path}.iptables.mangle`);
    if (mangle) {
      for (const chain of ['PREROUTING', 'OUTPUT'] as const) {
        c.arr(mangle[chain], `${path}.iptables.mangle.${chain}`).forEach((rv, i) => {
          const p = `${path}.iptables.mangle.${chain}[${i}]`;
          const r = c.obj(rv, p);
          if (!r) return;
          checkMatch(c, r, p);
          const t = c.obj(r.target, `${p}.target`);
          if (t && c.oneOf(t.kind, `${p}.target.kind`, ['MARK', 'ACCEPT']) === 'MARK') c.int(t.mark, `${p}.target.mark`, 0, 4294967295);
        });
      }
    }
  }
  const ipvs = c.obj(n.ipvs, `${path}.ipvs`);
  if (ipvs) {
    c.bool(ipvs.loaded, `${path}.ipvs.loaded`);
    const t = c.obj(ipvs.timeouts, `${path}.ipvs.timeouts`);
    if (t) for (const k of ['tcp', 'tcpfin', 'udp'] as const) c.int(t[k], `${path}.ipvs.timeouts.${k}`, 1, 2147483);
    // The table size the module was loaded with (ip_vs_conn_init clamps conn_tab_bits to 8–20 here).
    if (ipvs.connTabBits !== undefined) {
      c.int(ipvs.connTabBits, `${path}.ipvs.connTabBits`, 8, 20);
      if (ipvs.loaded !== true) c.fail(`${path}.ipvs.connTabBits`, 'only a loaded ip_vs module has a connection table');
    }
    const keys = new Set<string>();
    c.arr(ipvs.services, `${path}.ipvs.services`).forEach((sv, i) => {
      const p = `${path}.ipvs.services[${i}]`;
      const s = c.obj(sv, p);
      if (!s) return;
      const proto = c.oneOf(s.protocol, `${p}.protocol`, ['tcp', 'udp', 'fwmark']);
      if (proto === 'fwmark') c.int(s.fwmark, `${p}.fwmark`, 1, 4294967295);
      else if (proto) {
        c.ipv4(s.address, `${p}.address`);
        c.int(s.port, `${p}.port`, 0, 65535);
      }
      const key = proto === 'fwmark' ? `fwmark ${String(s.fwmark)}` : `${String(proto)} ${String(s.address)} ${String(s.port)}`;
      if (keys.has(key)) c.fail(p, 'the same virtual service appears twice');
      keys.add(key);
      c.oneOf(s.scheduler, `${p}.scheduler`, SCHEDULERS);
      if (s.persistentTimeout !== undefined) c.int(s.persistentTimeout, `${p}.persistentTimeout`, 1, 2678400);
      if (s.persistentNetmask !== undefined) c.ipv4(s.persistentNetmask, `${p}.persistentNetmask`);
      if (proto !== 'fwmark' && s.port === 0 && s.persistentTimeout === undefined) c.fail(`${p}.port`, 'port 0 is only allowed for persistent services');
      if (s.schedulerFlags !== undefined) c.arr(s.schedulerFlags, `${p}.schedulerFlags`).forEach((f, j) => c.oneOf(f, `${p}.schedulerFlags[${j}]`, ['sh-fallback', 'sh-port', 'mh-fallback', 'mh-port', 'flag-1', 'flag-2', 'flag-3']));
      if (s.onePacket !== undefined) c.bool(s.onePacket, `${p}.onePacket`);
      const rs = new Set<string>();
      c.arr(s.realServers, `${p}.realServers`).forEach((rv, j) => {
        const rp = `${p}.realServers[${j}]`;
        const r = c.obj(rv, rp);
        if (!r) return;
        c.ipv4(r.address, `${rp}.address`);
        const port = c.int(r.port, `${rp}.port`, 0, 65535);
        const k = `${String(r.address)}:${String(r.port)}`;
        if (rs.has(k)) c.fail(rp, `${k} appears twice`);
        rs.add(k);
        const m = c.oneOf(r.forwardingMethod, `${rp}.forwardingMethod`, ['masq', 'droute', 'tunnel']);
        if ((m === 'droute' || m === 'tunnel') && proto !== 'fwmark' && port !== undefined && port !== s.port) c.fail(`${rp}.port`, `direct routing and tunnelling cannot change the port: it must be ${String(s.port)}`);
        c.int(r.weight, `${rp}.weight`, 0, 65535);
        const u = c.int(r.upperThreshold, `${rp}.upperThreshold`, 0, 2147483647);
        const l = c.int(r.lowerThreshold, `${rp}.lowerThreshold`, 0, 2147483647);
        if (u !== undefined && l !== undefined && u !== 0 && l > u) c.fail(`${rp}.lowerThreshold`, 'is above the upper threshold');
      });
    });
  }
  const svcs = c.obj(n.services, `${path}.services`);
  if (svcs) {
    const h = c.obj(svcs.httpd, `${path}.services.httpd`);
    if (h) {
      c.bool(h.running, `${path}.services.httpd.running`);
      c.int(h.port, `${path}.services.httpd.port`, 1, 65535);
    }
  }
  const files = c.obj(n.files, `${path}.files`);
  if (files) for (const [k, val] of Object.entries(files)) {
    if (!k.startsWith('/')) c.fail(`${path}.files.${k}`, 'is not an absolute path');
    c.str(val, `${path}.files.${k}`);
  }
}

function hostPort(c: Checker, v: unknown, path: string): void {
  const s = c.str(v, path);
  if (s === undefined) return;
  const m = /^(\d+\.\d+\.\d+\.\d+)(?::(\d{1,5})(?:-(\d{1,5}))?)?$/.exec(s);
  if (!m || parseIpv4Address(m[1]!) === null || Number(m[2] ?? 1) > 65535 || Number(m[3] ?? 1) > 65535) c.fail(path, `${show(s)} is not an address[:port[-port]]`);
}

/**
 * Checks that `input` (parsed JSON) is a valid lab document, and returns it typed, or every
 * problem found with its path. Never throws.
 */
export function validateLab(input: unknown): LabParse {
  const c = new Checker();
  const d = c.obj(input, '');
  if (!d) return { ok: false, errors: c.errors };
  if (d.version !== LAB_VERSION) {
    c.fail('version', `${show(d.version)} is not a lab version this app reads (it reads ${LAB_VERSION})`);
    return { ok: false, errors: c.errors };
  }
  c.noExtra(d, '', ['version', 'title', 'description', 'seed', 'nodes', 'links', 'scenario']);
  checkText(c, d.title, 'title');
  checkText(c, d.description, 'description');
  c.int(d.seed, 'seed', 0, 4294967295);
  const ids = new Set<string>();
  const nodes = c.arr(d.nodes, 'nodes');
  nodes.forEach((n, i) => checkNode(c, n, `nodes[${i}]`, ids));
  const nodeById = new Map(nodes.filter(isObj).map((n) => [n.id, n]));
  const used = new Set<string>();
  c.arr(d.links, 'links').forEach((lv, i) => {
    const p = `links[${i}]`;
    const l = c.obj(lv, p);
    if (!l) return;
    for (const side of ['a', 'b'] as const) {
      const e = c.obj(l[side], `${p}.${side}`);
      if (!e) continue;
      const node = nodeById.get(e.node);
      if (!node) {
        c.fail(`${p}.${side}.node`, `${show(e.node)} is not a node of this lab`);
        continue;
      }
      if (node.kind === 'switch') {
        if (e.iface !== undefined) c.fail(`${p}.${side}.iface`, 'a link to a switch names no interface');
        continue;
      }
      const iface = c.str(e.iface, `${p}.${side}.iface`);
      if (iface === undefined) continue;
      const itfs: unknown[] = Array.isArray(node.interfaces) ? node.interfaces : [];
      const itf = itfs.find((x) => isObj(x) && x.name === iface);
      if (!isObj(itf)) c.fail(`${p}.${side}.iface`, `${show(iface)} is not an interface of ${String(e.node)}`);
      else if (itf.kind !== 'ether') c.fail(`${p}.${side}.iface`, `${show(iface)} cannot be cabled`);
      const k = `${String(e.node)}:${iface}`;
      if (used.has(k)) c.fail(`${p}.${side}`, `${k} already has a link`);
      used.add(k);
    }
    c.int(l.latencyUs, `${p}.latencyUs`, 0, 10_000_000);
    c.int(l.bandwidthBps, `${p}.bandwidthBps`, 1000, 1_000_000_000_000);
  });
  c.arr(d.scenario, 'scenario').forEach((sv, i) => {
    const p = `scenario[${i}]`;
    const s = c.obj(sv, p);
    if (!s) return;
    c.int(s.atUs, `${p}.atUs`, 0, Number.MAX_SAFE_INTEGER);
    const a = c.obj(s.action, `${p}.action`);
    if (!a) return;
    const kind = c.oneOf(a.kind, `${p}.action.kind`, ['curl', 'ping', 'arping']);
    const node = c.str(a.node, `${p}.action.node`);
    const target = node !== undefined ? nodeById.get(node) : undefined;
    if (node !== undefined && (!target || target.kind === 'switch')) c.fail(`${p}.action.node`, `${show(node)} is not a host or router of this lab`);
    if (kind === 'curl') {
      c.str(a.url, `${p}.action.url`);
      if (a.maxTimeSec !== undefined) c.int(a.maxTimeSec, `${p}.action.maxTimeSec`, 0, MAX_CURL_LIMIT_SEC);
      if (a.connectTimeoutSec !== undefined) c.int(a.connectTimeoutSec, `${p}.action.connectTimeoutSec`, 0, MAX_CURL_LIMIT_SEC);
      if (a.head !== undefined) c.bool(a.head, `${p}.action.head`);
    }
    if (kind === 'ping') {
      c.ipv4(a.destination, `${p}.action.destination`);
      c.int(a.count, `${p}.action.count`, 1, 10000);
      if (a.payloadBytes !== undefined) c.int(a.payloadBytes, `${p}.action.payloadBytes`, 0, 65507);
      if (a.pmtuDisc !== undefined) c.oneOf(a.pmtuDisc, `${p}.action.pmtuDisc`, ['do', 'dont', 'want', 'probe']);
    }
    if (kind === 'arping') {
      c.str(a.iface, `${p}.action.iface`);
      c.ipv4(a.target, `${p}.action.target`);
      c.int(a.count, `${p}.action.count`, 1, 10000);
    }
  });
  return c.errors.length > 0 ? { ok: false, errors: c.errors } : { ok: true, doc: input as LabDocument };
}

/** Parses JSON text and validates it; a JSON syntax error is reported like any other problem. */
export function parseLabJson(text: string): LabParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return validateLab(value);
}
