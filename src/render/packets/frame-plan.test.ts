import { describe, expect, it } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { macFor } from '../../lab/mac.ts';
import { roleNames } from '../../lab/roles.ts';
import { boxesOverlap } from '../geometry.ts';
import { ipv4Frame, records, tcpPacket } from '../testing/trace.ts';
import { layoutTopology } from '../topology/layout.ts';
import { estimateText } from '../topology/text.ts';
import { dropsAt, flyingAt, MAX_CHIP_STACKS, placeStacks, type Flying } from './frame-plan.ts';
import { buildTraceIndex } from './trace-index.ts';

const layout = layoutTopology(drLab, roleNames(drLab), estimateText);
const identity = { x: 0, y: 0, k: 1 };

describe('where frames are drawn', () => {
  const syn = tcpPacket('12.0.0.12', '192.168.122.188');
  const ack = tcpPacket('192.168.122.188', '12.0.0.12');
  const trace = records([
    { timeUs: 0, node: 'client', iface: 'eth0', step: 'egress', frame: ipv4Frame(macFor('client', 'eth0'), macFor('gw', 'eth1'), syn), link: { toNode: 'gw', toIface: 'eth1', arrivalUs: 100 } },
    { timeUs: 0, node: 'gw', iface: 'eth1', step: 'egress', frame: ipv4Frame(macFor('gw', 'eth1'), macFor('client', 'eth0'), ack), link: { toNode: 'client', toIface: 'eth0', arrivalUs: 100 } },
    { timeUs: 60, node: 'gw', step: 'drop', drop: { reason: 'NO_SOCKET' } },
  ]);
  const ix = buildTraceIndex(trace, drLab);
  const link = layout.links[0]!;

  it('moves a frame linearly from one icon edge to the other, each direction in its own lane', () => {
    const [there, back] = flyingAt(ix, layout, 50, identity, () => 'request');
    const mid = { x: (link.a.edge.x + link.b.edge.x) / 2, y: (link.a.edge.y + link.b.edge.y) / 2 };
    expect(there!.x).toBeCloseTo(mid.x);
    expect(back!.x).toBeCloseTo(mid.x);
    // The link is horizontal: the two directions are 5 px either side of it.
    expect(there!.y - mid.y).toBeCloseTo(5);
    expect(back!.y - mid.y).toBeCloseTo(-5);
    expect(flyingAt(ix, layout, 0, identity, () => 'request')[0]!.x).toBeCloseTo(link.a.edge.x);
  });

  it('applies the view', () => {
    const [p] = flyingAt(ix, layout, 0, { x: 100, y: 10, k: 2 }, () => 'request');
    expect(p!.x).toBeCloseTo(link.a.edge.x * 2 + 100);
  });

  it('marks a drop at its node for a while', () => {
    expect(dropsAt(ix, layout, trace, 59, identity)).toEqual([]);
    expect(dropsAt(ix, layout, trace, 100, identity).map((d) => d.seq)).toEqual([2]);
    expect(dropsAt(ix, layout, trace, 300, identity)).toEqual([]);
  });
});

describe('chip stacks', () => {
  const crowd = (n: number): Flying[] => Array.from({ length: n }, (_, i) => ({ flight: i, seq: i, kind: 'request', x: 100 + ((i * 37) % 600), y: 80 + ((i * 53) % 400) }));
  const plan = (order: Flying[], selected?: number) => placeStacks({
    order, sizeOf: () => ({ w: 150, h: 44 }), avoid: [], width: 816, height: 577, selected,
  });

  it('never overlap one another, even with 500 frames in flight, and stay few', () => {
    const placed = [...plan(crowd(500)).values()];
    expect(placed.length).toBeGreaterThan(3);
    expect(placed.length).toBeLessThanOrEqual(MAX_CHIP_STACKS);
    placed.forEach((a, i) => placed.slice(i + 1).forEach((b) => expect(boxesOverlap(a, b)).toBe(false)));
    for (const b of placed) expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= 816 && b.y + b.h <= 577).toBe(true);
  });

  it('give every frame its chips when few fly apart', () => {
    expect(plan(crowd(3)).size).toBe(3);
  });

  it('always give the selected frame its chips, first', () => {
    const frames = crowd(500);
    const selected = frames[250]!;
    const placed = plan([selected, ...frames.filter((f) => f !== selected)], selected.seq);
    expect(placed.has(selected.seq)).toBe(true);
  });

  it('keep off the topology\'s labels when there is room', () => {
    const [p] = crowd(1);
    const above = { x: p!.x - 75, y: p!.y - 100, w: 150, h: 100 };
    const box = placeStacks({ order: [p!], sizeOf: () => ({ w: 150, h: 44 }), avoid: [above], width: 816, height: 577, selected: undefined }).get(0)!;
    expect(boxesOverlap(box, above)).toBe(false);
  });
});
