// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
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

  it('offers to stop a long rebuild on the entry the worker reports running, naming it', async () => {
    const store = await storeWithRun('dr');
    const { stops } = renderPanel(store, <RunStatus />);
    const loop = { kind: 'shell' as const, node: 'client', line: 'for i in {1..50000}; do curl -s http://192.168.122.188/; done' };
    const ping = { kind: 'traffic' as const, action: { kind: 'ping' as const, node: 'client', destination: '192.168.122.188', count: 3 } };
    const run = store.getState().run;
    act(() => store.setState({ run: { ...run, status: 'running', timeline: [loop, ping] } }));
    expect(screen.getByTestId('run-status').textContent).toBe('Simulating…');
    expect(screen.queryByTestId('run-stop')).toBeNull();
    act(() => store.getState().setProgress({ done: 0, total: 2, eventsRun: 5_000_000, virtualUs: 20_000_000 }));
    expect(screen.getByTestId('run-status').textContent).toBe('Simulating… 1/2');
    const stop = screen.getByTestId('run-stop');
    expect(stop.textContent).toBe('Stop');
    expect(stop.getAttribute('title')).toBe(`Stop client$ ${loop.line}: the lab runs again without this command`);
    fireEvent.click(stop);
    expect(stops.count).toBe(1);
    act(() => store.getState().setProgress({ done: 1, total: 2, eventsRun: 5_000_000, virtualUs: 20_000_000 }));
    act(() => store.getState().setPreferences({ language: 'zh' }));
    expect(screen.getByTestId('run-stop').getAttribute('title')).toBe('停止 client$ ping -c 3 192.168.122.188：实验不带这条命令重新运行');
    // Once the run is built there is nothing to stop.
    act(() => store.setState({ run: { ...store.getState().run, status: 'ready' } }));
    expect(screen.queryByTestId('run-stop')).toBeNull();
  });
});
