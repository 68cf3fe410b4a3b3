// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPanel } from '../inspector/testing/render-panel.tsx';
import { storeWithRun } from '../inspector/testing/run-lab.ts';
import { RunStatus } from './RunStatus.tsx';

afterEach(cleanup);

describe('the run status', () => {
  it('says when the trace is full, with what it kept and what it did not, in both languages', async () => {
    const store = await storeWithRun('dr');
    renderPanel(store, <RunStatus />);
    const status = screen.getByTestId('run-status');
    expect(status.textContent).toBe('');
    act(() => store.setState({ run: { ...store.getState().run, traceStoppedAt: 250_000 } }));
    expect(status.textContent).toBe('Trace full');
    expect(status.getAttribute('title')).toBe('Playback, hops and events hold the first 250,000 steps; later traffic ran unrecorded (the console, node tables and counters include it).');
    act(() => store.setState({ run: { ...store.getState().run, issues: ['web1: duplicate address'] } }));
    expect(status.textContent).toBe('1 configuration issue(s) · Trace full');
    expect(status.getAttribute('title')).toMatch(/^web1: duplicate address\nPlayback/);
    act(() => store.getState().setPreferences({ language: 'zh' }));
    expect(status.textContent).toBe('1 处配置问题 · 轨迹已满');
  });
});
