import { select, type Selection } from 'd3-selection';
import type { LabDocument, NodeRole } from '../../lab/document.ts';
import type { RoleNames } from '../../lab/roles.ts';
import { toWorld, type Point, type ViewTransform } from '../geometry.ts';
import { iconFor } from './icons.ts';
import { layoutTopology, type LinkEndLayout, type LinkLayout, type NodeLayout, type TextCell, type TopologyLayout } from './layout.ts';
import { targetOfElement, type SceneEvent, type SceneTarget } from './scene-events.ts';
import { canvasTextMeasurer, TEXT, type MeasureText, type TextStyle } from './text.ts';

/** What the scene highlights. */
export interface SceneSelection {
  readonly nodeId: string | undefined;
  readonly link: number | undefined;
  /** The node where the selected trace record happens. */
  readonly recordNode: string | undefined;
  /** The link the selected record's frame travels on. */
  readonly recordLink: number | undefined;
}

/** A tool in progress, drawn over the topology (structurally the editor's `EditorPreview`). */
export type ScenePreview =
  | { readonly kind: 'connect'; readonly from: string; readonly point: Point; readonly over: string | undefined }
  | { readonly kind: 'place'; readonly role: NodeRole; readonly point: Point };

/** Accessible names, translated by the host. */
export interface SceneText {
  readonly canvas: string;
  node(id: string, role: NodeRole): string;
}

export interface SceneCallbacks {
  /** Pointer input, in world coordinates, for the editor's tools. */
  onEvent(e: SceneEvent): void;
  /** The packet (trace record seq) drawn at this point of the element, if any; packets lie above the topology. */
  hitPacket?(screen: Point): number | undefined;
}

export interface TopologyScene {
  /** Redraws for a document, its role names, what is selected and the accessible names; returns the layout. */
  update(doc: LabDocument, roles: RoleNames, selection: SceneSelection, text: SceneText): TopologyLayout;
  /** Applies a pan and zoom. */
  setViewport(v: ViewTransform): void;
  /** Draws (or clears) the rubber band of the connect tool or the ghost of the add-node tool. */
  setPreview(p: ScenePreview | undefined): void;
  /** The layout last drawn. */
  layout(): TopologyLayout | undefined;
  destroy(): void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const STYLE_CLASS: Readonly<Record<TextStyle, string>> = { name: 'canvas-t-name', addr: 'canvas-t-addr', role: 'canvas-t-role', iface: 'canvas-t-iface' };

function fontMeasurer(svg: SVGSVGElement): MeasureText {
  return canvasTextMeasurer((style) => {
    const probe = document.createElementNS(SVG_NS, 'text');
    probe.setAttribute('class', STYLE_CLASS[style]);
    probe.setAttribute('font-size', String(TEXT[style].size));
    probe.setAttribute('font-weight', String(TEXT[style].weight));
    svg.appendChild(probe);
    const cs = getComputedStyle(probe);
    const family = cs.fontFamily || (TEXT[style].mono ? 'monospace' : 'sans-serif');
    probe.remove();
    return `${TEXT[style].weight} ${TEXT[style].size}px ${family}`;
  });
}

type G = Selection<SVGGElement, unknown, null, undefined>;

function drawCells(text: Selection<SVGTextElement, readonly TextCell[], SVGGElement, unknown>, dx: number, dy: number): void {
  text
    .attr('y', (cells) => (cells[0]?.y ?? 0) - dy)
    .selectAll<SVGTSpanElement, TextCell>('tspan')
    .data((cells) => cells)
    .join('tspan')
    .attr('class', (c) => STYLE_CLASS[c.style])
    .attr('data-iface', (c) => c.iface ?? null)
    .attr('x', (c) => c.x - dx)
    .attr('text-anchor', (c) => c.anchor)
    .attr('font-size', (c) => TEXT[c.style].size)
    .attr('font-weight', (c) => TEXT[c.style].weight)
    .text((c) => c.text);
}

/**
 * The topology drawn with D3 on SVG: links, interface names at their ends, node icons and label
 * blocks. Pointer input becomes editor events in world coordinates; nothing here changes the
 * document (dragging a node is the editor's move tool answering those events).
 */
export function createTopologyScene(svg: SVGSVGElement, callbacks: SceneCallbacks): TopologyScene {
  const root = select(svg);
  root.attr('role', 'group');
  const viewport: G = root.append('g').attr('class', 'canvas-viewport');
  const linkLayer: G = viewport.append('g').attr('class', 'canvas-links');
  const ifaceLayer: G = viewport.append('g').attr('class', 'canvas-ifaces');
  const nodeLayer: G = viewport.append('g').attr('class', 'canvas-nodes');
  const previewLayer: G = viewport.append('g').attr('class', 'canvas-preview').attr('pointer-events', 'none');
  const measure = fontMeasurer(svg);
  let view: ViewTransform = { x: 0, y: 0, k: 1 };
  let last: { doc: LabDocument; roles: RoleNames; layout: TopologyLayout } | undefined;

  const screenPoint = (e: MouseEvent): Point => {
    const r = svg.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const targetAt = (e: MouseEvent, under: Element | null): SceneTarget => {
    const seq = callbacks.hitPacket?.(screenPoint(e));
    return seq !== undefined ? { kind: 'packet', seq } : targetOfElement(under);
  };
  const elementUnder = (e: MouseEvent): Element | null => svg.ownerDocument.elementFromPoint?.(e.clientX, e.clientY) ?? null;
  const world = (e: MouseEvent) => toWorld(screenPoint(e), view);

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    const target = targetAt(e, e.target as Element);
    if (target.kind === 'node' && e.pointerId !== undefined) svg.setPointerCapture?.(e.pointerId);
    callbacks.onEvent({ type: 'canvas.pointer_down', target, point: world(e), shift: e.shiftKey });
  };
  const onPointerMove = (e: PointerEvent) => {
    callbacks.onEvent({ type: 'canvas.pointer_move', target: targetAt(e, elementUnder(e)), point: world(e) });
  };
  const onPointerUp = (e: PointerEvent) => {
    if (e.button !== 0) return;
    if (svg.hasPointerCapture?.(e.pointerId)) svg.releasePointerCapture(e.pointerId);
    callbacks.onEvent({ type: 'canvas.pointer_up', target: targetAt(e, elementUnder(e)), point: world(e) });
  };
  // After a press on a node the svg holds the pointer capture, which retargets the click and
  // double click to the svg itself: ask what is under the pointer instead.
  const onDoubleClick = (e: MouseEvent) => {
    callbacks.onEvent({ type: 'canvas.double_click', target: targetAt(e, elementUnder(e) ?? (e.target as Element)), point: world(e) });
  };
  // Keyboard users reach nodes with Tab: Space selects (a click at the node), Enter opens (a double click).
  const onKeyDown = (e: KeyboardEvent) => {
    const target = targetOfElement(e.target as Element);
    if (target.kind !== 'node' || (e.key !== 'Enter' && e.key !== ' ')) return;
    const node = last?.layout.nodeById.get(target.id);
    if (!node) return;
    e.preventDefault();
    const point = node.center;
    if (e.key === ' ') {
      callbacks.onEvent({ type: 'canvas.pointer_down', target, point, shift: e.shiftKey });
      callbacks.onEvent({ type: 'canvas.pointer_up', target, point });
    } else {
      callbacks.onEvent({ type: 'canvas.double_click', target, point });
    }
  };
  // One signal ends every listener on destroy.
  const listening = new AbortController();
  const { signal } = listening;
  svg.addEventListener('pointerdown', onPointerDown, { signal });
  svg.addEventListener('pointermove', onPointerMove, { signal });
  svg.addEventListener('pointerup', onPointerUp, { signal });
  svg.addEventListener('dblclick', onDoubleClick, { signal });
  svg.addEventListener('keydown', onKeyDown, { signal });

  const drawLinks = (layout: TopologyLayout, sel: SceneSelection) => {
    const groups = linkLayer.selectAll<SVGGElement, LinkLayout>('g.canvas-link')
      .data(layout.links, (l) => String(l.index))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'canvas-link');
        g.append('line').attr('class', 'canvas-link-hit');
        g.append('line').attr('class', 'canvas-link-line');
        return g;
      })
      .attr('data-testid', (l) => `link-${l.index}`)
      .attr('data-link-index', (l) => l.index)
      .classed('is-selected', (l) => l.index === sel.link)
      .classed('is-active', (l) => l.index === sel.recordLink);
    // `select` (not `selectAll`) hands each group's new datum down to its lines.
    for (const cls of ['line.canvas-link-hit', 'line.canvas-link-line']) {
      groups.select<SVGLineElement>(cls)
        .attr('x1', (l) => l.a.edge.x).attr('y1', (l) => l.a.edge.y)
        .attr('x2', (l) => l.b.edge.x).attr('y2', (l) => l.b.edge.y);
    }
    const ends = layout.links.flatMap((l) => [l.a, l.b].filter((e) => e.label).map((e) => ({ link: l.index, end: e })));
    ifaceLayer.selectAll<SVGTextElement, { link: number; end: LinkEndLayout }>('text')
      .data(ends, (d) => `${d.link}:${d.end.node}:${d.end.iface ?? ''}`)
      .join('text')
      .attr('class', 'canvas-iface canvas-t-iface')
      .attr('data-node-id', (d) => d.end.node)
      .attr('data-iface', (d) => d.end.iface ?? null)
      .classed('is-selected', (d) => d.link === sel.link)
      .attr('x', (d) => d.end.label!.cell.x)
      .attr('y', (d) => d.end.label!.cell.y)
      .attr('text-anchor', 'middle')
      .attr('font-size', TEXT.iface.size)
      .attr('font-weight', TEXT.iface.weight)
      .text((d) => d.end.label!.cell.text);
  };

  const drawNodes = (layout: TopologyLayout, sel: SceneSelection, text: SceneText) => {
    const groups = nodeLayer.selectAll<SVGGElement, NodeLayout>('g.canvas-node')
      .data(layout.nodes, (n) => n.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'canvas-node').attr('tabindex', 0).attr('role', 'button');
        g.append('rect').attr('class', 'canvas-node-halo');
        g.append('path').attr('class', 'canvas-node-shape');
        g.append('path').attr('class', 'canvas-node-glyph');
        g.append('path').attr('class', 'canvas-node-dots');
        g.append('g').attr('class', 'canvas-node-label');
        return g;
      })
      .attr('class', (n) => `canvas-node canvas-role-${n.role}`)
      .classed('is-selected', (n) => n.id === sel.nodeId)
      .classed('is-active', (n) => n.id === sel.recordNode)
      .attr('data-testid', (n) => `node-${n.id}`)
      .attr('data-node-id', (n) => n.id)
      .attr('aria-label', (n) => text.node(n.id, n.role))
      .attr('aria-pressed', (n) => String(n.id === sel.nodeId))
      .attr('transform', (n) => `translate(${n.center.x},${n.center.y})`);
    groups.select('rect.canvas-node-halo')
      .attr('x', (n) => -n.icon.halfWidth - 6).attr('y', (n) => -n.icon.halfHeight - 6)
      .attr('width', (n) => 2 * n.icon.halfWidth + 12).attr('height', (n) => 2 * n.icon.halfHeight + 12)
      .attr('rx', 10);
    groups.select('path.canvas-node-shape').attr('d', (n) => n.icon.shape);
    groups.select('path.canvas-node-glyph').attr('d', (n) => n.icon.glyph);
    groups.select('path.canvas-node-dots').attr('d', (n) => n.icon.dots || null);
    groups.select<SVGGElement>('g.canvas-node-label').each(function (n) {
      const lines = select(this).selectAll<SVGTextElement, readonly TextCell[]>('text')
        .data(n.block.lines)
        .join('text')
        .attr('class', 'canvas-label-line');
      drawCells(lines, n.center.x, n.center.y);
    });
  };

  return {
    update(doc, roles, selection, text) {
      // The layout depends only on the document's nodes and links and the role names; a change of
      // selection alone restyles what is drawn.
      const layout = last && last.doc.nodes === doc.nodes && last.doc.links === doc.links && last.roles === roles
        ? last.layout
        : layoutTopology(doc, roles, measure);
      last = { doc, roles, layout };
      root.attr('aria-label', text.canvas);
      drawLinks(layout, selection);
      drawNodes(layout, selection, text);
      return layout;
    },
    setViewport(v) {
      view = v;
      viewport.attr('transform', `translate(${v.x},${v.y}) scale(${v.k})`);
    },
    setPreview(p) {
      const layout = last?.layout;
      const from = p?.kind === 'connect' ? layout?.nodeById.get(p.from) : undefined;
      previewLayer.selectAll('line')
        .data(p?.kind === 'connect' && from ? [{ a: from.center, b: p.point }] : [])
        .join('line')
        .attr('class', 'canvas-preview-cable')
        .attr('x1', (d) => d.a.x).attr('y1', (d) => d.a.y)
        .attr('x2', (d) => d.b.x).attr('y2', (d) => d.b.y);
      const ghost = p?.kind === 'place' ? { icon: iconFor(p.role), point: p.point, role: p.role } : undefined;
      previewLayer.selectAll('path')
        .data(ghost ? [ghost] : [])
        .join('path')
        .attr('class', (g) => `canvas-preview-ghost canvas-role-${g.role}`)
        .attr('transform', (g) => `translate(${g.point.x},${g.point.y})`)
        .attr('d', (g) => g.icon.shape);
      nodeLayer.selectAll<SVGGElement, NodeLayout>('g.canvas-node')
        .classed('is-drop-target', (n) => p?.kind === 'connect' && n.id === p.over);
    },
    layout: () => last?.layout,
    destroy() {
      listening.abort();
      viewport.remove();
    },
  };
}
