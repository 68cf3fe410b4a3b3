// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { tunLab } from '../../lab/builtin/tun.ts';
import { roleNames } from '../../lab/roles.ts';
import { createTopologyScene } from './scene.ts';
import type { SceneEvent } from './scene-events.ts';

const NONE = { nodeId: undefined, link: undefined, recordNode: undefined, recordLink: undefined };
const TEXT = { canvas: 'Network topology', node: (id: string, role: string) => `${role} ${id}` };

function mount() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(svg);
  const events: SceneEvent[] = [];
  const hitPacket = vi.fn((): number | undefined => undefined);
  const scene = createTopologyScene(svg, { onEvent: (e) => events.push(e), hitPacket });
  return { svg, scene, events, hitPacket };
}

const press = (el: Element) => el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0, clientX: 30, clientY: 40, pointerId: 1 }));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the topology scene', () => {
  it('draws a group per node and per link with test ids, and follows a change of lab', () => {
    const { svg, scene } = mount();
    scene.update(drLab, roleNames(drLab), NONE, TEXT);
    expect(svg.querySelectorAll('[data-testid^="node-"]')).toHaveLength(drLab.nodes.length);
    expect(svg.querySelector('[data-testid="link-4"]')).not.toBeNull();
    const layout = scene.update(tunLab, roleNames(tunLab), NONE, TEXT);
    expect(svg.querySelectorAll('[data-testid^="node-"]')).toHaveLength(tunLab.nodes.length);
    // Every line sits where the new layout puts it (a d3 selectAll would have kept the old lab's data).
    for (const l of layout.links) {
      for (const line of svg.querySelectorAll(`[data-testid="link-${l.index}"] line`)) {
        expect([line.getAttribute('x1'), line.getAttribute('y2')]).toEqual([String(l.a.edge.x), String(l.b.edge.y)]);
      }
    }
  });

  it('writes each address line with its role name', () => {
    const { svg, scene } = mount();
    scene.update(drLab, roleNames(drLab), NONE, TEXT);
    const lines = [...svg.querySelectorAll('[data-testid="node-director"] text')].map((t) => t.textContent);
    expect(lines).toEqual(expect.arrayContaining(['director', 'ens33192.168.122.10DIP', 'ens33:0192.168.122.188VIP']));
  });

  it('marks the selected node and link and where the selected record happens', () => {
    const { svg, scene } = mount();
    scene.update(drLab, roleNames(drLab), { nodeId: 'gw', link: 1, recordNode: 'director', recordLink: 2 }, TEXT);
    expect(svg.querySelector('[data-testid="node-gw"]')!.classList.contains('is-selected')).toBe(true);
    expect(svg.querySelector('[data-testid="node-director"]')!.classList.contains('is-active')).toBe(true);
    expect(svg.querySelector('[data-testid="link-1"]')!.classList.contains('is-selected')).toBe(true);
    expect(svg.querySelector('[data-testid="link-2"]')!.classList.contains('is-active')).toBe(true);
  });

  it('tells the editor what a press is on: a node, its interface, a link, a packet or the canvas', () => {
    const { svg, scene, events, hitPacket } = mount();
    scene.update(drLab, roleNames(drLab), NONE, TEXT);
    press(svg.querySelector('[data-testid="node-web1"] path')!);
    press(svg.querySelector('text.canvas-iface[data-node-id="gw"][data-iface="eth1"]')!);
    press(svg.querySelector('[data-testid="link-3"] line')!);
    press(svg);
    hitPacket.mockReturnValueOnce(41);
    press(svg);
    expect(events.map((e) => e.type === 'canvas.pointer_down' && e.target)).toEqual([
      { kind: 'node', id: 'web1' },
      { kind: 'node', id: 'gw', iface: 'eth1' },
      { kind: 'link', index: 3 },
      { kind: 'canvas' },
      { kind: 'packet', seq: 41 },
    ]);
  });

  it('finds the node under a double click that the pointer capture retargeted to the svg', () => {
    const { svg, scene, events } = mount();
    scene.update(drLab, roleNames(drLab), NONE, TEXT);
    const node = svg.querySelector('[data-testid="node-director"] path')!;
    const under = vi.spyOn(document, 'elementFromPoint').mockReturnValue(node);
    svg.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, clientX: 5, clientY: 5 }));
    under.mockRestore();
    expect(events[0]).toMatchObject({ type: 'canvas.double_click', target: { kind: 'node', id: 'director' } });
  });

  it('gives world coordinates under pan and zoom', () => {
    const { svg, scene, events } = mount();
    scene.update(drLab, roleNames(drLab), NONE, TEXT);
    scene.setViewport({ x: 10, y: 20, k: 2 });
    press(svg);
    expect(events[0]!.point).toEqual({ x: 10, y: 10 });
  });

  it('opens a node from the keyboard with Enter and selects it with Space', () => {
    const { svg, scene, events } = mount();
    scene.update(drLab, roleNames(drLab), NONE, TEXT);
    const node = svg.querySelector('[data-testid="node-director"]')!;
    node.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    node.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(events.map((e) => e.type)).toEqual(['canvas.double_click', 'canvas.pointer_down', 'canvas.pointer_up']);
    expect(events[0]!.target).toEqual({ kind: 'node', id: 'director' });
  });

  it('draws the connect tool\'s rubber band and removes everything on destroy', () => {
    const { svg, scene } = mount();
    scene.update(drLab, roleNames(drLab), NONE, TEXT);
    scene.setPreview({ kind: 'connect', from: 'gw', point: { x: 500, y: 500 }, over: 'web2' });
    expect(svg.querySelector('.canvas-preview-cable')).not.toBeNull();
    expect(svg.querySelector('[data-testid="node-web2"]')!.classList.contains('is-drop-target')).toBe(true);
    scene.setPreview(undefined);
    expect(svg.querySelector('.canvas-preview-cable')).toBeNull();
    scene.destroy();
    expect(svg.childElementCount).toBe(0);
  });
});
