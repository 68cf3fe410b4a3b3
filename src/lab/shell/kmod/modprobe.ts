import type { LabNode } from '../../document.ts';
import { EMPTY_IPVS } from '../../build.ts';
import { done, type Command } from '../command.ts';
import { addInterface, findInterface, setLinkUp, withNode } from '../kernel/edit.ts';
import { IPVS_MODULES } from '../kernel/modules.ts';
import { CONN_TAB_BITS_DEFAULT } from '../ipvsadm/list.ts';
import { Output } from '../output.ts';

/** kmod's modprobe (CentOS 7): loading ip_vs (and its schedulers) and ipip, which creates tunl0. */

/** Modules that load without a visible effect in the lab (netfilter pieces the kernel loads on use anyway). */
const PASSIVE = ['nf_conntrack', 'nf_conntrack_ipv4', 'nf_nat', 'nf_nat_ipv4', 'iptable_nat', 'iptable_mangle', 'iptable_filter', 'ip_tables', 'x_tables', 'xt_mark', 'xt_MARK', 'ipt_MASQUERADE', 'tunnel4', 'ip_tunnel', 'libcrc32c', 'nf_defrag_ipv4'];

const isIpvsModule = (m: string): boolean => IPVS_MODULES.includes(m);

/**
 * ip_vs_conn_init (6.12 on x86_64): conn_tab_bits is clamped to [8, min(27, max_avail)], where
 * max_avail = log2(RAM) − 2 (~4 entries a bucket) − 1 (at most half the memory) −
 * log2(sizeof(struct ip_vs_conn), 288 B → 9). With the 4 GiB the lab assumes a host has, 20.
 */
const CONN_TAB_BITS_MIN = 8;
const CONN_TAB_BITS_MAX = 20;

/** kstrtoint(s, 0): an optional sign, then decimal, 0-octal or 0x-hex, all of it (a final newline allowed). */
function kstrtoint(text: string): number | 'EINVAL' | 'ERANGE' {
  let t = text.endsWith('\n') ? text.slice(0, -1) : text;
  const negative = t.startsWith('-');
  if (negative || t.startsWith('+')) t = t.slice(1);
  const radix = /^0[xX][0-9a-fA-F]/.test(t) ? 16 : t.startsWith('0') ? 8 : 10;
  const digits = radix === 16 ? t.slice(2) : t;
  if (!(radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/).test(digits)) return 'EINVAL';
  const magnitude = [...digits].reduce((v, d) => v * BigInt(radix) + BigInt(parseInt(d, 16)), 0n);
  const value = negative ? -magnitude : magnitude;
  return value < -(2n ** 31n) || value >= 2n ** 31n ? 'ERANGE' : Number(value);
}

/** strerror of what init_module returns for a bad parameter, as modprobe prints it. */
const PARAM_ERRORS = { EINVAL: 'Invalid argument', ERANGE: 'Numerical result out of range' } as const;

/**
 * ip_vs's module parameters (parse_args with unknown_module_param_cb): conn_tab_bits=N sets the
 * connection table's size; unknown names are ignored (the kernel logs "unknown parameter …
 * ignored"); a value kstrtoint refuses makes the load fail. The connTabBits to keep, or the error.
 */
function ipVsParams(params: readonly string[]): { connTabBits: number | undefined } | { error: keyof typeof PARAM_ERRORS } {
  let bits: number | undefined;
  for (const p of params) {
    const eq = p.indexOf('=');
    // parameq: '-' and '_' are the same in parameter names.
    const name = (eq < 0 ? p : p.slice(0, eq)).replace(/-/g, '_');
    if (name !== 'conn_tab_bits') continue;
    // param_set_int: a parameter without a value is refused.
    const value = eq < 0 ? 'EINVAL' : kstrtoint(p.slice(eq + 1));
    if (typeof value === 'string') return { error: value };
    bits = Math.min(Math.max(value, CONN_TAB_BITS_MIN), CONN_TAB_BITS_MAX);
  }
  return { connTabBits: bits === CONN_TAB_BITS_DEFAULT ? undefined : bits };
}

/**
 * The node after loading a module with its parameters, or undefined when there is no such
 * module, or modprobe's error. A module already loaded keeps the parameters it was loaded with.
 */
export function loadModule(node: LabNode, module: string, params: readonly string[] = []): LabNode | string | undefined {
  const m = module.replace(/-/g, '_');
  if (isIpvsModule(m)) {
    if (node.ipvs.loaded) return node;
    // Another IPVS module loads ip_vs as a dependency, without parameters.
    const p = m === 'ip_vs' ? ipVsParams(params) : { connTabBits: undefined };
    if ('error' in p) return `modprobe: ERROR: could not insert '${m}': ${PARAM_ERRORS[p.error]}`;
    return { ...node, ipvs: { ...node.ipvs, loaded: true, ...(p.connTabBits !== undefined ? { connTabBits: p.connTabBits } : {}) } };
  }
  if (m === 'ipip') {
    // The ipip module registers the fallback device tunl0, down (ipip_init_net).
    return findInterface(node, 'tunl0') ? node : addInterface(node, { name: 'tunl0', kind: 'ipip', mtu: 1480, up: false });
  }
  return PASSIVE.includes(m) ? node : undefined;
}

function withoutSysctls(node: LabNode, drop: (key: string) => boolean): Record<string, number> {
  return Object.fromEntries(Object.entries(node.sysctls).filter(([k]) => !drop(k)));
}

/** The node after unloading a module, or why not. */
function unloadModule(node: LabNode, module: string): LabNode | string {
  const m = module.replace(/-/g, '_');
  if (m === 'ip_vs') {
    if (!node.ipvs.loaded) return node;
    // Services hold references to their scheduler modules, which hold ip_vs.
    if (node.ipvs.services.length > 0) return `modprobe: FATAL: Module ${module} is in use.`;
    // The module's sysctls go with it; a reload starts from the defaults.
    return { ...node, ipvs: EMPTY_IPVS, sysctls: withoutSysctls(node, (k) => k.startsWith('net.ipv4.vs.')) };
  }
  if (isIpvsModule(m)) {
    const sched = m.slice('ip_vs_'.length);
    if (node.ipvs.services.some((s) => s.scheduler === sched)) return `modprobe: FATAL: Module ${module} is in use.`;
    return node;
  }
  if (m === 'ipip') {
    if (!findInterface(node, 'tunl0')) return node;
    // Unregistering tunl0 removes its addresses, routes and per-device sysctls with it.
    const down = setLinkUp(node, 'tunl0', false);
    return {
      ...down,
      interfaces: down.interfaces.filter((i) => i.name !== 'tunl0'),
      addresses: down.addresses.filter((a) => a.dev !== 'tunl0'),
      sysctls: withoutSysctls(down, (k) => k.startsWith('net.ipv4.conf.tunl0.') || k.startsWith('net.ipv4.neigh.tunl0.')),
    };
  }
  return PASSIVE.includes(m) ? node : `modprobe: FATAL: Module ${module} not found.`;
}

/** modprobe [-r] MODULE…. */
export const modprobe: Command = (io) => {
  const out = new Output();
  let remove = false;
  const modules: string[] = [];
  for (const a of io.argv.slice(1)) {
    if (a === '-r' || a === '--remove') remove = true;
    else if (a === '-v' || a === '-q' || a === '--') continue;
    else if (a.startsWith('-')) return done(out.err(`modprobe: unrecognized option '${a}'\n`), 1);
    else modules.push(a);
  }
  if (modules.length === 0) return done(out.err('modprobe: ERROR: missing parameters. See -h.\n'), 1);
  let node = io.node;
  // Without -r, modprobe takes one module name; the rest are its parameters.
  for (const m of remove ? modules : modules.slice(0, 1)) {
    if (remove) {
      const r = unloadModule(node, m);
      if (typeof r === 'string') return done(out.err(`${r}\n`), 1, node === io.node ? undefined : withNode(io.doc, node));
      node = r;
    } else {
      const r = loadModule(node, m, modules.slice(1));
      if (!r) return done(out.err(`modprobe: FATAL: Module ${m} not found.\n`), 1);
      if (typeof r === 'string') return done(out.err(`${r}\n`), 1);
      node = r;
    }
  }
  return done(out, 0, node === io.node ? undefined : withNode(io.doc, node));
};
