// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { createAppStore } from '../../store/app-store.ts';
import { StoreProvider } from '../hooks/store-context.tsx';
import { LazyArea } from './LazyArea.tsx';
import { lazyPanel } from './lazy-panel.tsx';

afterEach(cleanup);

function Hello({ name }: { name: string }) {
  return <p data-testid="hello">Hello {name}</p>;
}

describe('a lazy panel', () => {
  it('shows a retry when loading fails, and the panel once a retry loads it', async () => {
    // React reports the caught error on the console.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let attempts = 0;
    const Panel = lazyPanel(() => (++attempts === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(Hello)));
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    // Suspending components need an awaited act in tests.
    await act(() => Promise.resolve(void render(<StoreProvider store={store}><LazyArea fallback={<p data-testid="wait">…</p>}><Panel name="lab" /></LazyArea></StoreProvider>)));
    const failed = await screen.findByTestId('load-failed');
    expect(failed.textContent).toContain('could not be loaded');
    await act(() => Promise.resolve(void fireEvent.click(screen.getByRole('button', { name: 'Try again' }))));
    expect((await screen.findByTestId('hello')).textContent).toBe('Hello lab');
    expect(attempts).toBe(2);
    quiet.mockRestore();
  });

  it('loads its code once, ahead of time when preloaded', async () => {
    let attempts = 0;
    const Panel = lazyPanel(() => {
      attempts++;
      return Promise.resolve(Hello);
    });
    await Promise.all([Panel.preload(), Panel.preload()]);
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    render(<StoreProvider store={store}><LazyArea fallback={null}><Panel name="now" /></LazyArea></StoreProvider>);
    // Already loaded: no placeholder, the panel at once.
    expect(screen.getByTestId('hello').textContent).toBe('Hello now');
    expect(attempts).toBe(1);
  });
});
