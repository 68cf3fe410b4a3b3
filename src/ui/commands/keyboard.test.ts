// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { createAppStore } from '../../store/app-store.ts';
import type { EditorEvent } from '../../editor/events.ts';
import type { PlaybackCommandEvent } from '../../editor/playback/events.ts';
import { installKeyboard } from './keyboard.ts';

function setup(tools = true) {
  const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false }, tools });
  const editor: EditorEvent[] = [];
  const playback: PlaybackCommandEvent[] = [];
  const sim = { sendTraffic: () => Promise.resolve(), shell: () => Promise.resolve(undefined), complete: () => Promise.resolve(undefined), replay: () => undefined, rerun: () => undefined, interrupt: () => false, stopEntry: () => false };
  const stop = installKeyboard(window, { store, editor: { send: (e) => editor.push(e) }, playback: { send: (e) => playback.push(e) }, sim });
  const press = (target: EventTarget, key: string, mods: KeyboardEventInit = {}) => {
    const ev = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...mods });
    target.dispatchEvent(ev);
    return ev.defaultPrevented;
  };
  return { store, editor, playback, stop, press };
}

describe('keyboard shortcuts', () => {
  afterEach(() => void (document.body.innerHTML = ''));

  it('run the registry command for a key', () => {
    const { editor, playback, store, press, stop } = setup();
    expect(press(document.body, 'v')).toBe(true);
    press(document.body, 'n');
    press(document.body, 'R', { shiftKey: true });
    press(document.body, ' ');
    press(document.body, 'ArrowRight');
    press(document.body, '?', { shiftKey: true });
    expect(editor).toEqual([{ type: 'tool.select' }, { type: 'tool.add_node', role: 'client' }]);
    expect(playback).toEqual([]);
    expect(store.getState().overlay).toBe('help');
    stop();
  });

  it('offer no tool where the app has no tools (the embedded lab), and the rest as before', () => {
    const { editor, store, press, stop } = setup(false);
    expect(press(document.body, 'v')).toBe(false);
    expect(press(document.body, 'n')).toBe(false);
    expect(press(document.body, 'c')).toBe(false);
    expect(editor).toEqual([]);
    press(document.body, '?', { shiftKey: true });
    expect(store.getState().overlay).toBe('help');
    stop();
  });

  it('skip commands that cannot run (undo with no history, playback with no trace)', () => {
    const { store, press, stop } = setup();
    expect(press(document.body, 'z', { ctrlKey: true })).toBe(false);
    store.getState().edit('edit.moveNode', (d) => ({ ...d, seed: 3 }));
    expect(press(document.body, 'z', { ctrlKey: true })).toBe(true);
    expect(store.getState().doc).toBe(drLab);
    expect(press(document.body, ' ')).toBe(false);
    stop();
  });

  it('leave keys typed into fields and Space on buttons alone', () => {
    const { editor, press, stop } = setup();
    const input = document.createElement('input');
    const button = document.createElement('button');
    document.body.append(input, button);
    expect(press(input, 'v')).toBe(false);
    expect(press(input, 'Delete')).toBe(false);
    expect(press(button, ' ')).toBe(false);
    expect(press(button, 'c')).toBe(true);
    expect(editor).toEqual([{ type: 'tool.connect' }]);
    stop();
  });

  it('let Escape close the overlay first, then cancel, then clear the selection', () => {
    const { store, editor, press, stop } = setup();
    store.getState().setOverlay('help');
    store.getState().setEditorView({ tool: 'connect', toolState: 'connect.dragging' });
    press(document.body, 'Escape');
    expect(store.getState().overlay).toBeUndefined();
    press(document.body, 'Escape');
    expect(editor).toEqual([{ type: 'editor.cancel' }]);
    store.getState().setEditorView({ tool: 'select', toolState: 'select.idle' });
    store.getState().openDrawer('web1');
    store.getState().select({ nodeId: 'web1' });
    press(document.body, 'Escape');
    expect(store.getState().drawerNodeId).toBeUndefined();
    press(document.body, 'Escape');
    expect(store.getState().selection.nodeId).toBeUndefined();
    stop();
  });
});

describe('nudging', () => {
  it('moves the selected node with Shift+arrows, one undo step each, and leaves plain arrows to playback', () => {
    const { store, press, stop } = setup();
    store.getState().select({ nodeId: 'director' });
    const at = () => store.getState().doc.nodes.find((n) => n.id === 'director')!.position;
    const start = at();
    press(document.body, 'ArrowRight', { shiftKey: true });
    press(document.body, 'ArrowUp', { shiftKey: true });
    expect(at()).toEqual({ x: start.x + 20, y: start.y - 20 });
    expect(store.getState().past.map((p) => p.label)).toEqual(['edit.moveNode', 'edit.moveNode']);
    press(document.body, 'ArrowRight');
    expect(at()).toEqual({ x: start.x + 20, y: start.y - 20 });
    stop();
  });
});
