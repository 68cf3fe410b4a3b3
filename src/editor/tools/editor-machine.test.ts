import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { emptyLab } from '../../lab/build.ts';
import { drLab } from '../../lab/builtin/dr.ts';
import type { LabDocument } from '../../lab/document.ts';
import type { CanvasTarget, EditorEvent } from '../events.ts';
import { FakeEditorHost } from '../testing/fake-host.ts';
import { editorMachine, statePath } from './editor-machine.ts';

const node = (id: string, iface?: string): CanvasTarget => (iface ? { kind: 'node', id, iface } : { kind: 'node', id });
const canvas: CanvasTarget = { kind: 'canvas' };

function start(doc: LabDocument) {
  const host = new FakeEditorHost(doc);
  const actor = createActor(editorMachine, { input: { host } }).start();
  const send = (...events: EditorEvent[]) => events.forEach((e) => actor.send(e));
  const down = (target: CanvasTarget, x: number, y: number): EditorEvent => ({ type: 'canvas.pointer_down', target, point: { x, y }, shift: false });
  const move = (target: CanvasTarget, x: number, y: number): EditorEvent => ({ type: 'canvas.pointer_move', target, point: { x, y } });
  const up = (target: CanvasTarget, x: number, y: number): EditorEvent => ({ type: 'canvas.pointer_up', target, point: { x, y } });
  return { host, actor, send, down, move, up, state: () => statePath(actor.getSnapshot()) };
}

describe('select tool', () => {
  it('selects a node on a click and a link on a press', () => {
    const { host, send, down, up, state } = start(drLab);
    send(down(node('director'), 600, 110));
    expect(state()).toMatch('select.pointing_node');
    send(up(node('director'), 600, 110));
    expect(state()).toMatch('select.idle');
    expect(host.selection.nodeId).toBe('director');
    send(down({ kind: 'link', index: 2 }, 500, 200));
    expect(host.selection).toEqual({ link: 2, recordSeq: undefined });
    send(down(canvas, 10, 10));
    expect(host.selection.link).toBeUndefined();
  });

  it('drags a node as one undo step', () => {
    const { host, send, down, move, up, state } = start(drLab);
    send(down(node('director'), 600, 110), move(node('director'), 602, 111));
    expect(state()).toMatch('select.pointing_node');
    send(move(canvas, 650, 150));
    expect(state()).toMatch('select.translating');
    expect(host.doc.nodes.find((n) => n.id === 'director')!.position).toEqual({ x: 650, y: 150 });
    expect(host.past).toHaveLength(0);
    send(move(canvas, 700, 210), up(canvas, 700, 210));
    expect(state()).toMatch('select.idle');
    expect(host.doc.nodes.find((n) => n.id === 'director')!.position).toEqual({ x: 700, y: 210 });
    expect(host.past.map((p) => p.label)).toEqual(['edit.moveNode']);
    host.undo();
    expect(host.doc).toBe(drLab);
  });

  it('puts the node back on Escape and commits on interrupt', () => {
    const { host, send, down, move, state } = start(drLab);
    send(down(node('gw'), 230, 260), move(canvas, 300, 300));
    expect(state()).toMatch('select.translating');
    send({ type: 'editor.cancel' });
    expect(state()).toMatch('select.idle');
    expect(host.doc).toBe(drLab);
    expect(host.past).toHaveLength(0);
    send(down(node('gw'), 230, 260), move(canvas, 300, 300), { type: 'editor.interrupt' });
    expect(state()).toMatch('select.idle');
    expect(host.past.map((p) => p.label)).toEqual(['edit.moveNode']);
  });

  it('finishes a drag before switching tools', () => {
    const { host, send, down, move, state } = start(drLab);
    send(down(node('gw'), 230, 260), move(canvas, 300, 300), { type: 'tool.connect' });
    expect(state()).toMatch('connect.idle');
    expect(host.past.map((p) => p.label)).toEqual(['edit.moveNode']);
  });

  it('opens the drawer on double click and deletes the selection', () => {
    const { host, send, down, up } = start(drLab);
    send({ type: 'canvas.double_click', target: node('web1'), point: { x: 600, y: 300 } });
    expect(host.opened).toEqual(['web1']);
    send(down(node('web2'), 600, 450), up(node('web2'), 600, 450), { type: 'editor.delete_selection' });
    expect(host.doc.nodes.map((n) => n.id)).not.toContain('web2');
    expect(host.doc.links.some((l) => l.a.node === 'web2' || l.b.node === 'web2')).toBe(false);
    expect(host.past.map((p) => p.label)).toEqual(['edit.deleteNode']);
    expect(host.selection.nodeId).toBeUndefined();
  });
});

describe('add-node tool', () => {
  it('places one node of the chosen role per click, then returns to select', () => {
    const { host, send, down, move, state } = start(emptyLab());
    send({ type: 'tool.add_node', role: 'client' });
    expect(state()).toMatch('add_node.idle');
    send(move(canvas, 100, 100));
    expect(host.preview).toEqual({ kind: 'place', role: 'client', point: { x: 100, y: 100 } });
    send(down(canvas, 100.4, 99.6));
    expect(state()).toMatch('select.idle');
    expect(host.preview).toBeUndefined();
    send({ type: 'tool.add_node', role: 'client' }, down(canvas, 300, 100));
    send({ type: 'tool.add_node', role: 'switch' }, down(canvas, 200, 200));
    send({ type: 'tool.add_node', role: 'realserver' }, { type: 'editor.place_at_free_spot' });
    expect(host.doc.nodes.map((n) => [n.id, n.role, n.interfaces.map((i) => i.name)])).toEqual([
      ['client', 'client', ['lo']], ['client2', 'client', ['lo']], ['switch', 'switch', []], ['web1', 'realserver', ['lo']],
    ]);
    expect(host.doc.nodes[0]!.position).toEqual({ x: 100, y: 100 });
    expect(host.selection.nodeId).toBe('web1');
    expect(host.past.map((p) => p.label)).toEqual(['edit.addNode', 'edit.addNode', 'edit.addNode', 'edit.addNode']);
  });

  it('leaves for select on Escape without placing anything', () => {
    const { host, send, state } = start(emptyLab());
    send({ type: 'tool.add_node', role: 'router' }, { type: 'editor.cancel' });
    expect(state()).toMatch('select.idle');
    expect(host.doc.nodes).toHaveLength(0);
  });
});

describe('connect tool', () => {
  const three = () => {
    const s = start(emptyLab());
    s.send({ type: 'tool.add_node', role: 'client' }, s.down(canvas, 100, 100));
    s.send({ type: 'tool.add_node', role: 'switch' }, s.down(canvas, 300, 100));
    s.send({ type: 'tool.add_node', role: 'realserver' }, s.down(canvas, 500, 100));
    s.send({ type: 'tool.connect' });
    return s;
  };

  it('cables a drag from a host to a switch with a new eth0', () => {
    const { host, send, down, move, up, state } = three();
    send(down(node('client'), 100, 100));
    expect(state()).toMatch('connect.dragging');
    send(move(node('switch'), 300, 100));
    expect(host.preview).toEqual({ kind: 'connect', from: 'client', point: { x: 300, y: 100 }, over: 'switch' });
    send(up(node('switch'), 300, 100));
    expect(state()).toMatch('connect.idle');
    expect(host.preview).toBeUndefined();
    expect(host.doc.links).toEqual([{ a: { node: 'client', iface: 'eth0' }, b: { node: 'switch' }, latencyUs: 100, bandwidthBps: 1_000_000_000 }]);
    expect(host.doc.nodes[0]!.interfaces.map((i) => i.name)).toEqual(['lo', 'eth0']);
    expect(host.selection.link).toBe(0);
  });

  it('cables with a click on each end', () => {
    const { host, send, down, up, state } = three();
    send(down(node('web1'), 500, 100), up(node('web1'), 500, 100));
    expect(state()).toMatch('connect.awaiting_target');
    send(down(node('switch'), 300, 100));
    expect(state()).toMatch('connect.idle');
    expect(host.doc.links.map((l) => [l.a, l.b])).toEqual([[{ node: 'web1', iface: 'eth0' }, { node: 'switch' }]]);
  });

  it('refuses a second cable on an interface and says why', () => {
    const { host, send, down, up } = three();
    send(down(node('client'), 100, 100), up(node('switch'), 300, 100));
    const before = host.doc;
    send(down(node('client', 'eth0'), 100, 100), up(node('web1'), 500, 100));
    expect(host.doc).toBe(before);
    expect(host.refusals).toEqual([{ key: 'edit.refused.interfaceTaken', params: { node: 'client', iface: 'eth0', peer: 'switch' } }]);
  });

  it('cancels on Escape, on release over nothing and on interrupt', () => {
    const { host, send, down, up, state } = three();
    send(down(node('client'), 100, 100), { type: 'editor.cancel' });
    expect(state()).toMatch('connect.idle');
    send(down(node('client'), 100, 100), up(canvas, 200, 200));
    expect(state()).toMatch('connect.idle');
    send(down(node('client'), 100, 100), up(node('client'), 100, 100), { type: 'editor.interrupt' });
    expect(state()).toMatch('connect.idle');
    expect(host.doc.links).toHaveLength(0);
    expect(host.preview).toBeUndefined();
    send({ type: 'editor.cancel' });
    expect(state()).toMatch('select.idle');
  });

  it('refuses a cable from a node to itself', () => {
    const { host, send, down, up } = three();
    send(down(node('client'), 100, 100), up(node('client'), 100, 100), down(node('client'), 100, 100));
    expect(host.doc.links).toHaveLength(0);
    send(down(node('client'), 100, 100), up(node('client', 'lo'), 100, 100), down(node('switch'), 300, 100));
    expect(host.doc.links).toHaveLength(1);
  });
});

describe('delete and edit-properties tools', () => {
  it('deletes a clicked link, then a clicked node with its links', () => {
    const { host, send, down, state } = start(drLab);
    send({ type: 'tool.delete' });
    expect(state()).toMatch('delete.idle');
    send(down({ kind: 'link', index: 0 }, 100, 260));
    expect(host.doc.links).toHaveLength(drLab.links.length - 1);
    send(down(node('director'), 600, 110));
    expect(host.doc.nodes.map((n) => n.id)).toEqual(['client', 'gw', 'sw', 'web1', 'web2']);
    expect(host.doc.links).toHaveLength(drLab.links.length - 2);
    expect(host.past.map((p) => p.label)).toEqual(['edit.deleteLink', 'edit.deleteNode']);
    send({ type: 'editor.cancel' });
    expect(state()).toMatch('select.idle');
  });

  it('opens the drawer of a clicked node', () => {
    const { host, send, down, state } = start(drLab);
    send({ type: 'tool.edit_properties' }, down(node('web1'), 600, 300));
    expect(state()).toMatch('edit_properties.idle');
    expect(host.opened).toEqual(['web1']);
    expect(host.selection.nodeId).toBe('web1');
  });
});
