import type { LabDocument, NodeRole } from '../../lab/document.ts';
import type { RoleNames } from '../../lab/roles.ts';
import { inflate, unionBoxes, type Box, type Point } from '../geometry.ts';
import { iconFor, type NodeIcon } from './icons.ts';
import { placeLabels, type LabelRequest } from './placement.ts';
import { lineHeight, type MeasureText, type TextStyle } from './text.ts';

/** One piece of text with its anchor point (world units, vertically centred on y). */
export interface TextCell {
  readonly text: string;
  readonly style: TextStyle;
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
  /** The network device the text names, for pointing at an interface. */
  readonly iface?: string;
}

/** A node's label block: its name and one line per address (`ens33  192.168.122.10  DIP`). */
export interface LabelBlock {
  readonly box: Box;
  /** Each line's cells; the name line first or last (nearest the icon). */
  readonly lines: readonly (readonly TextCell[])[];
}

export interface NodeLayout {
  readonly id: string;
  readonly role: NodeRole;
  readonly center: Point;
  readonly icon: NodeIcon;
  readonly iconBox: Box;
  readonly block: LabelBlock;
}

export interface LinkEndLayout {
  readonly node: string;
  readonly iface: string | undefined;
  /** Where the line meets the node's icon (packets start and end here). */
  readonly edge: Point;
  /** The interface name beside the line near this end, if the end is an interface. */
  readonly label: { readonly cell: TextCell; readonly box: Box } | undefined;
}

export interface LinkLayout {
  /** Index into doc.links. */
  readonly index: number;
  readonly a: LinkEndLayout;
  readonly b: LinkEndLayout;
}

/** Everything the scene draws and the animator needs, in world coordinates. */
export interface TopologyLayout {
  readonly nodes: readonly NodeLayout[];
  readonly links: readonly LinkLayout[];
  readonly nodeById: ReadonlyMap<string, NodeLayout>;
  /** The box holding every icon and label (undefined for an empty lab). */
  readonly bounds: Box | undefined;
}

const COLUMN_GAP = 10;
const BLOCK_PAD = 2;
/** Spacing of parallel links between the same two nodes. */
const PARALLEL_GAP = 16;

interface BlockContent {
  readonly name: string;
  readonly rows: readonly { readonly dev: string; readonly iface: string; readonly address: string; readonly role: string | undefined }[];
}

function blockContent(node: LabDocument['nodes'][number], roles: RoleNames): BlockContent {
  return {
    name: node.id,
    rows: node.addresses.map((a) => ({ dev: a.dev, iface: a.label ?? a.dev, address: a.address, role: roles.ip.get(a.address) })),
  };
}

interface BlockMetrics {
  readonly w: number;
  readonly h: number;
  readonly nameW: number;
  readonly cols: readonly [number, number, number];
}

function measureBlock(c: BlockContent, measure: MeasureText): BlockMetrics {
  const nameW = measure(c.name, 'name');
  let w0 = 0, w1 = 0, w2 = 0;
  for (const r of c.rows) {
    w0 = Math.max(w0, measure(r.iface, 'addr'));
    w1 = Math.max(w1, measure(r.address, 'addr'));
    if (r.role) w2 = Math.max(w2, measure(r.role, 'role'));
  }
  const table = c.rows.length === 0 ? 0 : w0 + COLUMN_GAP + w1 + (w2 > 0 ? COLUMN_GAP + w2 : 0);
  return {
    w: Math.max(nameW, table) + 2 * BLOCK_PAD,
    h: lineHeight('name') + c.rows.length * lineHeight('addr') + 2 * BLOCK_PAD,
    nameW,
    cols: [w0, w1, w2],
  };
}

/** Lays the block's lines out inside its box: the table aligned like the block, the name nearest the icon. */
function blockLines(c: BlockContent, m: BlockMetrics, box: Box, align: 'start' | 'middle' | 'end', nameLast: boolean): TextCell[][] {
  const [w0, w1, w2] = m.cols;
  const tableW = w0 + COLUMN_GAP + w1 + (w2 > 0 ? COLUMN_GAP + w2 : 0);
  const inner = { x: box.x + BLOCK_PAD, w: box.w - 2 * BLOCK_PAD };
  const tableX = align === 'start' ? inner.x : align === 'end' ? inner.x + inner.w - tableW : inner.x + (inner.w - tableW) / 2;
  const nameX = align === 'start' ? inner.x : align === 'end' ? inner.x + inner.w : inner.x + inner.w / 2;
  let y = box.y + BLOCK_PAD;
  const nameLine = (): TextCell[] => {
    const cell: TextCell = { text: c.name, style: 'name', x: nameX, y: y + lineHeight('name') / 2, anchor: align };
    y += lineHeight('name');
    return [cell];
  };
  const lines: TextCell[][] = [];
  if (!nameLast) lines.push(nameLine());
  for (const r of c.rows) {
    const cy = y + lineHeight('addr') / 2;
    const row: TextCell[] = [
      { text: r.iface, style: 'addr', x: tableX, y: cy, anchor: 'start', iface: r.dev },
      { text: r.address, style: 'addr', x: tableX + w0 + COLUMN_GAP, y: cy, anchor: 'start' },
    ];
    if (r.role) row.push({ text: r.role, style: 'role', x: tableX + w0 + COLUMN_GAP + w1 + COLUMN_GAP, y: cy, anchor: 'start' });
    lines.push(row);
    y += lineHeight('addr');
  }
  if (nameLast) lines.push(nameLine());
  return lines;
}

interface LinkGeometry {
  readonly index: number;
  readonly a: { readonly node: string; readonly iface: string | undefined; readonly center: Point; readonly edge: Point };
  readonly b: { readonly node: string; readonly iface: string | undefined; readonly center: Point; readonly edge: Point };
}

/** Distance from an icon's centre to its outline along the unit direction u (box approximation). */
function iconReach(icon: NodeIcon, u: Point): number {
  const tx = Math.abs(u.x) > 1e-9 ? icon.halfWidth / Math.abs(u.x) : Infinity;
  const ty = Math.abs(u.y) > 1e-9 ? icon.halfHeight / Math.abs(u.y) : Infinity;
  return Math.min(tx, ty);
}

function linkGeometry(doc: LabDocument, nodes: ReadonlyMap<string, NodeLayout>): LinkGeometry[] {
  const pairCount = new Map<string, number>();
  const pairKey = (i: number) => {
    const l = doc.links[i]!;
    return [l.a.node, l.b.node].sort().join('\u0000');
  };
  doc.links.forEach((_, i) => pairCount.set(pairKey(i), (pairCount.get(pairKey(i)) ?? 0) + 1));
  const seen = new Map<string, number>();
  const out: LinkGeometry[] = [];
  doc.links.forEach((l, index) => {
    const na = nodes.get(l.a.node), nb = nodes.get(l.b.node);
    if (!na || !nb) return;
    const dx = nb.center.x - na.center.x, dy = nb.center.y - na.center.y;
    const len = Math.hypot(dx, dy) || 1;
    const u = { x: dx / len, y: dy / len };
    // Parallel links between one pair are spread sideways (normal taken from the sorted pair, so both agree).
    const key = pairKey(index);
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const n = pairCount.get(key)!;
    const sign = l.a.node <= l.b.node ? 1 : -1;
    const off = (k - (n - 1) / 2) * PARALLEL_GAP * sign;
    const ca = { x: na.center.x - u.y * off, y: na.center.y + u.x * off };
    const cb = { x: nb.center.x - u.y * off, y: nb.center.y + u.x * off };
    const ra = iconReach(na.icon, u), rb = iconReach(nb.icon, u);
    out.push({
      index,
      a: { node: l.a.node, iface: l.a.iface, center: ca, edge: { x: ca.x + u.x * ra, y: ca.y + u.y * ra } },
      b: { node: l.b.node, iface: l.b.iface, center: cb, edge: { x: cb.x - u.x * rb, y: cb.y - u.y * rb } },
    });
  });
  return out;
}

type Align = 'start' | 'middle' | 'end';

/** Where a node's block may go, best first: position of the box's top-left and the text alignment. */
function blockCandidates(c: Point, icon: NodeIcon, w: number, h: number): { box: Box; align: Align; nameLast: boolean }[] {
  // Clear of the selection halo drawn 6 units around the icon.
  const g = 10;
  const hw = icon.halfWidth, hh = icon.halfHeight;
  const below = c.y + hh + g, above = c.y - hh - g - h;
  const right = c.x + hw + g, left = c.x - hw - g - w;
  const mid = c.y - h / 2;
  const mk = (x: number, y: number, align: Align, nameLast = false) => ({ box: { x, y, w, h }, align, nameLast });
  return [
    mk(c.x - w / 2, below, 'middle'),
    mk(right, mid, 'start'),
    mk(left, mid, 'end'),
    mk(c.x - w / 2, above, 'middle', true),
    mk(c.x - hw, below, 'start'),
    mk(c.x + hw - w, below, 'end'),
    mk(c.x - hw, above, 'start', true),
    mk(c.x + hw - w, above, 'end', true),
    mk(right, c.y - hh, 'start'),
    mk(right, c.y + hh - h, 'start'),
    mk(left, c.y - hh, 'end'),
    mk(left, c.y + hh - h, 'end'),
    mk(right, below - g, 'start'),
    mk(left, below - g, 'end'),
    mk(right, above + g, 'start', true),
    mk(left, above + g, 'end', true),
  ];
}

/** Where an interface label may go: beside the line near the node, either side, a little further out each time. */
function ifaceCandidates(center: Point, icon: NodeIcon, toward: Point, w: number, h: number): Box[] {
  const dx = toward.x - center.x, dy = toward.y - center.y;
  const len = Math.hypot(dx, dy) || 1;
  const u = { x: dx / len, y: dy / len };
  const n = { x: -u.y, y: u.x };
  const alongSupport = (Math.abs(u.x) * w) / 2 + (Math.abs(u.y) * h) / 2;
  const sideSupport = (Math.abs(n.x) * w) / 2 + (Math.abs(n.y) * h) / 2;
  // Clear of the selection halo drawn 6 units around the icon.
  const base = iconReach(icon, u) + 9 + alongSupport;
  const out: Box[] = [];
  for (const extra of [0, 14, 30, 50]) {
    // Never past the middle of the link: the label must read as this end's.
    const d = Math.min(base + extra, Math.max(base, len / 2 - alongSupport));
    for (const s of [1, -1]) {
      const px = center.x + u.x * d + s * n.x * (sideSupport + 3);
      const py = center.y + u.y * d + s * n.y * (sideSupport + 3);
      out.push({ x: px - w / 2, y: py - h / 2, w, h });
    }
  }
  return out;
}

/**
 * Lays a lab out for drawing: icons at the nodes' positions, links between them, and every text
 * label placed so that labels neither overlap each other nor the icons, and cross as few links as
 * possible (see placement.ts). Pure: the same document, roles and measurer give the same layout.
 */
export function layoutTopology(doc: LabDocument, roles: RoleNames, measure: MeasureText): TopologyLayout {
  const contents = new Map<string, { c: BlockContent; m: BlockMetrics }>();
  const preliminary = new Map<string, NodeLayout>();
  for (const n of doc.nodes) {
    const icon = iconFor(n.role);
    const center = { x: n.position.x, y: n.position.y };
    const c = blockContent(n, roles);
    const m = measureBlock(c, measure);
    contents.set(n.id, { c, m });
    const iconBox = { x: center.x - icon.halfWidth, y: center.y - icon.halfHeight, w: 2 * icon.halfWidth, h: 2 * icon.halfHeight };
    preliminary.set(n.id, { id: n.id, role: n.role, center, icon, iconBox, block: { box: { x: center.x, y: center.y, w: 0, h: 0 }, lines: [] } });
  }
  const geo = linkGeometry(doc, preliminary);
  const icons = [...preliminary.values()].map((n) => n.iconBox);
  const segments = geo.map((g) => ({ a: g.a.center, b: g.b.center, link: g.index }));

  // Blocks first: they are big and have few good places; interface names then fit around them.
  const requests: LabelRequest[] = [];
  const blockCands = new Map<string, ReturnType<typeof blockCandidates>>();
  for (const n of doc.nodes) {
    const { m } = contents.get(n.id)!;
    const cands = blockCandidates(preliminary.get(n.id)!.center, preliminary.get(n.id)!.icon, m.w, m.h);
    blockCands.set(n.id, cands);
    requests.push({ key: `node:${n.id}`, candidates: cands.map((c) => c.box), ownLink: undefined });
  }
  const ifaceH = lineHeight('iface');
  for (const g of geo) {
    for (const [end, other] of [[g.a, g.b], [g.b, g.a]] as const) {
      const node = preliminary.get(end.node)!;
      if (end.iface === undefined || node.role === 'switch') continue;
      const w = measure(end.iface, 'iface') + 4;
      requests.push({ key: `if:${g.index}:${end === g.a ? 'a' : 'b'}`, candidates: ifaceCandidates(end.center, node.icon, other.center, w, ifaceH), ownLink: g.index });
    }
  }
  const iconBounds = unionBoxes(icons);
  const chosen = placeLabels(requests, { icons, segments, preferredArea: iconBounds ? inflate(iconBounds, 40) : undefined });

  const nodes: NodeLayout[] = doc.nodes.map((n) => {
    const pre = preliminary.get(n.id)!;
    const { c, m } = contents.get(n.id)!;
    const cand = blockCands.get(n.id)![chosen.get(`node:${n.id}`) ?? 0]!;
    return { ...pre, block: { box: cand.box, lines: blockLines(c, m, cand.box, cand.align, cand.nameLast) } };
  });
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const requestByKey = new Map(requests.map((r) => [r.key, r]));
  const endLayout = (g: LinkGeometry, which: 'a' | 'b'): LinkEndLayout => {
    const end = g[which];
    const key = `if:${g.index}:${which}`;
    const req = requestByKey.get(key);
    const box = req ? req.candidates[chosen.get(key) ?? 0] : undefined;
    return {
      node: end.node, iface: end.iface, edge: end.edge,
      label: box && end.iface !== undefined
        ? { box, cell: { text: end.iface, style: 'iface', x: box.x + box.w / 2, y: box.y + box.h / 2, anchor: 'middle', iface: end.iface } }
        : undefined,
    };
  };
  const links = geo.map((g) => ({ index: g.index, a: endLayout(g, 'a'), b: endLayout(g, 'b') }));
  const bounds = unionBoxes([
    ...nodes.flatMap((n) => [n.iconBox, n.block.box]),
    ...links.flatMap((l) => [l.a.label?.box, l.b.label?.box].filter((b): b is Box => b !== undefined)),
  ]);
  return { nodes, links, nodeById, bounds };
}
