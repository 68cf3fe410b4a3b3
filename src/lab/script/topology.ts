import type { LinkConfig } from '../../sim/model/config.ts';
import { ether, LOOPBACK, newNode } from '../build.ts';
import { LAB_VERSION, type LabDocument, type LabNode, type NodeRole } from '../document.ts';
import { linkKey } from './metadata.ts';
import type { LabScript } from './parse.ts';

/** The role a node of this kind plays when the script does not say. */
const defaultRole = (kind: LabNode['kind']): NodeRole => (kind === 'switch' ? 'switch' : kind === 'router' ? 'router' : 'host');

/** Where a node without `@position` is drawn: a grid, five nodes a row. */
const gridPosition = (i: number): { x: number; y: number } => ({ x: 100 + 180 * (i % 5), y: 100 + 160 * Math.floor(i / 5) });

/**
 * The lab a script starts from, before any command runs: its nodes (routers forward, as
 * `node … router` promises), and for every interface named in a link an Ethernet device that is
 * down, unaddressed and has a generated MAC; the links with the lab defaults unless metadata
 * says otherwise.
 */
export function scriptTopology(script: LabScript, fallbackTitle = 'Lab script'): LabDocument {
  const nodes: LabNode[] = script.nodes.map((n, i) => {
    const role = script.meta.roles.get(n.name) ?? defaultRole(n.kind);
    const base = newNode(n.name, role, script.meta.positions.get(n.name) ?? gridPosition(i));
    const ifaces = script.links.flatMap((l) => [l.a, l.b]).filter((e) => e.node === n.name && e.iface !== undefined).map((e) => ether(n.name, e.iface!, false));
    const port = script.meta.httpdPorts.get(n.name);
    const sysctls: Record<string, number> = n.kind === 'router' ? { 'net.ipv4.ip_forward': 1 } : {};
    return {
      ...base,
      kind: n.kind,
      interfaces: n.kind === 'switch' ? [] : [LOOPBACK, ...ifaces],
      sysctls,
      ...(port !== undefined ? { services: { httpd: { running: false, port } } } : {}),
    };
  });
  const links: LinkConfig[] = script.links.map((l) => {
    const props = script.meta.links.get(linkKey(l.a.text, l.b.text));
    return {
      a: l.a.iface !== undefined ? { node: l.a.node, iface: l.a.iface } : { node: l.a.node },
      b: l.b.iface !== undefined ? { node: l.b.node, iface: l.b.iface } : { node: l.b.node },
      latencyUs: props?.latencyUs ?? 100,
      bandwidthBps: props?.bandwidthBps ?? 1_000_000_000,
    };
  });
  const m = script.meta;
  return {
    version: LAB_VERSION,
    title: { en: m.title.en ?? fallbackTitle, zh: m.title.zh ?? m.title.en ?? fallbackTitle },
    description: { en: m.description.en ?? '', zh: m.description.zh ?? m.description.en ?? '' },
    seed: m.seed ?? 1,
    nodes,
    links,
    scenario: [...m.scenario],
  };
}
