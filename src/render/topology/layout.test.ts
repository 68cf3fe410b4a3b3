import { describe, expect, it } from 'vitest';
import { labLink, newNode } from '../../lab/build.ts';
import { BUILTIN_LABS } from '../../lab/builtin/index.ts';
import { emptyLab } from '../../lab/build.ts';
import { roleNames } from '../../lab/roles.ts';
import { boxesOverlap, type Box } from '../geometry.ts';
import { layoutTopology, type TopologyLayout } from './layout.ts';
import { estimateText, TEXT } from './text.ts';

function labelBoxes(l: TopologyLayout): { name: string; box: Box }[] {
  return [
    ...l.nodes.map((n) => ({ name: `block ${n.id}`, box: n.block.box })),
    ...l.links.flatMap((k) => [k.a, k.b].flatMap((e) => (e.label ? [{ name: `iface ${e.node}:${e.iface}`, box: e.label.box }] : []))),
  ];
}

/** The canvas at 1280×720 (the app's layout leaves about 816 × 577 pixels) and its fit margin. */
const CANVAS = { w: 816, h: 577, margin: 24 };

describe('the topology layout', () => {
  for (const { id, doc } of BUILTIN_LABS) {
    it(`places every label of ${id} clear of the other labels and of every icon`, () => {
      const layout = layoutTopology(doc, roleNames(doc), estimateText);
      const labels = labelBoxes(layout);
      const icons = layout.nodes.map((n) => ({ name: `icon ${n.id}`, box: n.iconBox }));
      const clashes: string[] = [];
      labels.forEach((a, i) => {
        for (const b of [...labels.slice(i + 1), ...icons]) if (boxesOverlap(a.box, b.box)) clashes.push(`${a.name} × ${b.name}`);
      });
      expect(clashes).toEqual([]);
    });

    it(`keeps the text of ${id} at 13 px or more when fitted to a 1280×720 screen`, () => {
      const b = layoutTopology(doc, roleNames(doc), estimateText).bounds!;
      const k = Math.min((CANVAS.w - 2 * CANVAS.margin) / b.w, (CANVAS.h - 2 * CANVAS.margin) / b.h);
      expect(Math.min(...Object.values(TEXT).map((t) => t.size)) * k).toBeGreaterThanOrEqual(13);
    });
  }

  it('names each address line by its label or device, its address and its role', () => {
    const dr = BUILTIN_LABS.find((l) => l.id === 'dr')!.doc;
    const director = layoutTopology(dr, roleNames(dr), estimateText).nodeById.get('director')!;
    const lines = director.block.lines.map((cells) => cells.map((c) => c.text).join(' '));
    expect(lines).toContain('ens33 192.168.122.10 DIP');
    expect(lines).toContain('ens33:0 192.168.122.188 VIP');
    expect(lines).toContain('director');
  });

  it('starts links at the icons\' edges and spreads parallel links apart', () => {
    const doc = {
      ...emptyLab(),
      nodes: [newNode('a', 'router', { x: 0, y: 0 }), newNode('b', 'router', { x: 300, y: 0 })],
      links: [labLink('a:eth0', 'b:eth0'), labLink('a:eth1', 'b:eth1')],
    };
    const l = layoutTopology(doc, roleNames(doc), estimateText);
    const [one, two] = l.links;
    expect(one!.a.edge.x).toBeCloseTo(25);
    expect(one!.b.edge.x).toBeCloseTo(275);
    expect(Math.abs(one!.a.edge.y - two!.a.edge.y)).toBeGreaterThan(10);
  });

  it('lays out an empty lab without bounds', () => {
    const l = layoutTopology(emptyLab(), roleNames(emptyLab()), estimateText);
    expect(l.nodes).toEqual([]);
    expect(l.bounds).toBeUndefined();
  });
});
