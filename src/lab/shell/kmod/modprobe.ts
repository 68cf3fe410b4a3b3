import type { LabNode } from '../../document.ts';
import { EMPTY_IPVS } from '../../build.ts';
import { done, type Command } from '../command.ts';
import { addInterface, findInterface, setLinkUp, withNode } from '../kernel/edit.ts';
import { IPVS_MODULES } from '../kernel/modules.ts';
import { Output } from '../output.ts';

/** kmod's modprobe (CentOS 7): loading ip_vs (and its schedulers) and ipip, which creates tunl0. */

/** Modules that load without a visible effect in the lab (netfilter pieces the kernel loads on use anyway). */
const PASSIVE = ['nf_conntrack', 'nf_conntrack_ipv4', 'nf_nat', 'nf_nat_ipv4', 'iptable_nat', 'iptable_mangle', 'iptable_filter', 'ip_tables', 'x_tables', 'xt_mark', 'xt_MARK', 'ipt_MASQUERADE', 'tunnel4', 'ip_tunnel', 'libcrc32c', 'nf_defrag_ipv4'];

const isIpvsModule = (m: string): boolean => IPVS_MODULES.includes(m);

/** The node after loading a module, or undefined when there is no such module. */
export function loadModule(node: LabNode, module: string): LabNode | undefined {
  const m = module.replace(/-/g, '_');
  if (isIpvsModule(m)) return node.ipvs.loaded ? node : { ...node, ipvs: { ...node.ipvs, loaded: true } };
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
      const r = loadModule(node, m);
      if (!r) return done(out.err(`modprobe: FATAL: Module ${m} not found.\n`), 1);
      node = r;
    }
  }
  return done(out, 0, node === io.node ? undefined : withNode(io.doc, node));
};
