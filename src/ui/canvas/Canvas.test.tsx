// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EditorEvent } from '../../editor/events.ts';
import { builtinLab } from '../../lab/builtin/index.ts';
import { emptyLab } from '../../lab/build.ts';
import { createAppStore } from '../../store/app-store.ts';
import { ControllersProvider, type AppControllers } from '../app/controllers.tsx';
import { StoreProvider } from '../hooks/store-context.tsx';
import { Canvas } from './Canvas.tsx';

afterEach(cleanup);

function mount(doc = builtinLab('dr')!) {
  const store = createAppStore({ doc, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
  const sent: EditorEvent[] = [];
  const controllers = { editor: { send: (e: EditorEvent) => sent.push(e) }, playback: { send: () => {} }, sim: {} } as unknown as AppControllers;
  const view = render(
    <StoreProvider store={store}>
      <ControllersProvider value={controllers}><Canvas /></ControllersProvider>
    </StoreProvider>,
  );
  return { store, sent, view };
}

describe('the canvas', () => {
  it('draws the lab with test ids and sends pointer input to the editor', () => {
    const { sent, view } = mount();
    const node = view.getByTestId('node-director');
    expect(view.getByTestId('canvas').contains(node)).toBe(true);
    expect(view.getByTestId('link-0')).toBeTruthy();
    node.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0, pointerId: 1 }));
    expect(sent[0]).toMatchObject({ type: 'canvas.pointer_down', target: { kind: 'node', id: 'director' } });
  });

  it('highlights the selection and the node of the selected record', () => {
    const { store, view } = mount();
    act(() => store.getState().select({ nodeId: 'gw', link: 2 }));
    expect(view.getByTestId('node-gw').classList.contains('is-selected')).toBe(true);
    expect(view.getByTestId('link-2').classList.contains('is-selected')).toBe(true);
  });

  it('follows edits of the document and translates its accessible names', () => {
    const { store, view } = mount();
    act(() => store.getState().edit('edit.test', (d) => ({ ...d, nodes: d.nodes.filter((n) => n.id !== 'web2'), links: d.links.filter((l) => l.a.node !== 'web2') })));
    expect(view.queryByTestId('node-web2')).toBeNull();
    act(() => store.getState().setPreferences({ language: 'zh' }));
    expect(view.getByTestId('node-director').getAttribute('aria-label')).toBe('调度器 director');
  });

  it('says how to start when the lab is empty', () => {
    const { view } = mount(emptyLab());
    expect(view.getByText(/This lab is empty/)).toBeTruthy();
  });
});
