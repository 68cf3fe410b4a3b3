import { ether, newNode } from '../lab/build.ts';
import type { LabDocument, LabNode, NodeRole } from '../lab/document.ts';
import type { LinkConfig, LinkEnd } from '../sim/model/config.ts';
import type { WorldPoint } from './events.ts';

/** Document edits the editor's tools make. Pure functions: document in, document out. */

/** A refused edit: an i18n key saying why, with its parameters. */
export interface Refusal {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export type EditResult<T = Record<never, never>> =
  | ({ readonly ok: true; readonly doc: LabDocument } & T)
  | ({ readonly ok: false } & Refusal);

/** The id stem of a new node of each role (real servers are numbered like the labs' web1, web2). */
const STEM: Readonly<Record<NodeRole, string>> = {
  client: 'client', router: 'router', switch: 'switch', director: 'director', realserver: 'web', nfs: 'nfs', host: 'host',
};

/** The next free id for a role: `client`, then `client2`, `client3`…; real servers `web1`, `web2`… */
export function nextNodeId(doc: LabDocument, role: NodeRole): string {
  const stem = STEM[role];
  const ids = new Set(doc.nodes.map((n) => n.id));
  const numbered = role === 'realserver';
  if (!numbered && !ids.has(stem)) return stem;
  let n = numbered ? 1 : 2;
  for (const id of ids) {
    const m = new RegExp(`^${stem}(\\d+)$`).exec(id);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  while (ids.has(`${stem}${n}`)) n++;
  return `${stem}${n}`;
}

const roundPoint = (p: WorldPoint) => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** Adds a node of `role` at `point` (hosts get `lo`, switches nothing); returns the document and the new id. */
export function addNode(doc: LabDocument, role: NodeRole, point: WorldPoint): { doc: LabDocument; id: string } {
  const id = nextNodeId(doc, role);
  return { doc: { ...doc, nodes: [...doc.nodes, newNode(id, role, roundPoint(point))] }, id };
}

/** Moves a node; the same document when it is already there. */
export function moveNode(doc: LabDocument, id: string, point: WorldPoint): LabDocument {
  const p = roundPoint(point);
  const node = doc.nodes.find((n) => n.id === id);
  if (!node || (node.position.x === p.x && node.position.y === p.y)) return doc;
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? { ...n, position: p } : n)) };
}

const endsOf = (l: LinkConfig): readonly LinkEnd[] => [l.a, l.b];

/** The link index cabled to `node`'s `iface`, or -1. */
export function linkOnInterface(doc: LabDocument, node: string, iface: string): number {
  return doc.links.findIndex((l) => endsOf(l).some((e) => e.node === node && e.iface === iface));
}

/** The first `ethN` name not used on the node. */
function nextEthName(node: LabNode): string {
  const names = new Set(node.interfaces.map((i) => i.name));
  let n = 0;
  while (names.has(`eth${n}`)) n++;
  return `eth${n}`;
}

/**
 * The link end for a node: a switch gets a port; a host uses the interface the user pointed at,
 * or its first Ethernet device without a cable, or a new `ethN`. Refuses a device that already has a link.
 */
function endFor(doc: LabDocument, node: LabNode, iface: string | undefined): { ok: true; end: LinkEnd; node: LabNode } | ({ ok: false } & Refusal) {
  if (node.kind === 'switch') return { ok: true, end: { node: node.id }, node };
  if (iface !== undefined) {
    const itf = node.interfaces.find((i) => i.name === iface);
    if (!itf) return { ok: false, key: 'edit.refused.noInterface', params: { node: node.id, iface } };
    if (itf.kind !== 'ether') return { ok: false, key: 'edit.refused.notCable', params: { node: node.id, iface } };
    const taken = linkOnInterface(doc, node.id, iface);
    if (taken >= 0) return { ok: false, key: 'edit.refused.interfaceTaken', params: { node: node.id, iface, peer: peerOf(doc.links[taken]!, node.id) } };
    return { ok: true, end: { node: node.id, iface }, node };
  }
  const free = node.interfaces.find((i) => i.kind === 'ether' && linkOnInterface(doc, node.id, i.name) < 0);
  if (free) return { ok: true, end: { node: node.id, iface: free.name }, node };
  const name = nextEthName(node);
  return { ok: true, end: { node: node.id, iface: name }, node: { ...node, interfaces: [...node.interfaces, ether(node.id, name)] } };
}

function peerOf(link: LinkConfig, node: string): string {
  const other = link.a.node === node ? link.b : link.a;
  return other.iface ? `${other.node} ${other.iface}` : other.node;
}

/** A link end as the user reads it: `web1 eth0` or `sw`. */
export function endLabel(end: LinkEnd): string {
  return end.iface ? `${end.node} ${end.iface}` : end.node;
}

/**
 * Cables two nodes with the lab's default link (100 µs, 1 Gbit/s). Host ends use the interface
 * pointed at, a free Ethernet device, or a new `ethN`. Refuses a node to itself and a device that
 * already has a cable, and says why.
 */
export function connectNodes(
  doc: LabDocument,
  from: { id: string; iface?: string | undefined },
  to: { id: string; iface?: string | undefined },
): EditResult<{ readonly link: number }> {
  if (from.id === to.id) return { ok: false, key: 'edit.refused.sameNode', params: { node: from.id } };
  const a = doc.nodes.find((n) => n.id === from.id);
  const b = doc.nodes.find((n) => n.id === to.id);
  if (!a || !b) return { ok: false, key: 'edit.refused.noNode', params: { node: a ? to.id : from.id } };
  const ea = endFor(doc, a, from.iface);
  if (!ea.ok) return ea;
  const eb = endFor(doc, b, to.iface);
  if (!eb.ok) return eb;
  const link: LinkConfig = { a: ea.end, b: eb.end, latencyUs: 100, bandwidthBps: 1_000_000_000 };
  const nodes = doc.nodes.map((n) => (n.id === a.id ? ea.node : n.id === b.id ? eb.node : n));
  return { ok: true, doc: { ...doc, nodes, links: [...doc.links, link] }, link: doc.links.length };
}

/** Removes a node with its links and the scenario traffic it starts. */
export function deleteNode(doc: LabDocument, id: string): LabDocument {
  if (!doc.nodes.some((n) => n.id === id)) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => n.id !== id),
    links: doc.links.filter((l) => l.a.node !== id && l.b.node !== id),
    scenario: doc.scenario.filter((s) => s.action.node !== id),
  };
}

/** Removes a link; the interfaces stay, with their addresses. */
export function deleteLink(doc: LabDocument, index: number): LabDocument {
  if (index < 0 || index >= doc.links.length) return doc;
  return { ...doc, links: doc.links.filter((_, i) => i !== index) };
}

/** Where a node placed from the keyboard goes: the first grid spot clear of every node. */
export function freeSpot(doc: LabDocument): WorldPoint {
  const clear = (x: number, y: number) => doc.nodes.every((n) => Math.hypot(n.position.x - x, n.position.y - y) >= 110);
  for (let row = 0; row < 50; row++) {
    for (let col = 0; col < 8; col++) {
      const x = 80 + col * 170;
      const y = 80 + row * 150;
      if (clear(x, y)) return { x, y };
    }
  }
  return { x: 80, y: 80 + 150 * 50 };
}
