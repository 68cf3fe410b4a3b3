// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPanel } from '../inspector/testing/render-panel.tsx';
import { storeWithRun } from '../inspector/testing/run-lab.ts';
import { SeekSlider } from './SeekSlider.tsx';
import { TimeDisplay } from './TimeDisplay.tsx';

afterEach(cleanup);

describe('the timeline and the time', () => {
  it('follow playback through the DOM without re-rendering, and seek on input', async () => {
    const store = await storeWithRun('dr');
    const records = store.getState().run.records;
    const egress = records.find((r) => r.step === 'egress' && r.timeUs > 0)!;
    const endUs = store.getState().run.endUs;
    act(() => store.getState().setPlayback({ timeUs: 0, cursor: 0, endUs }));
    let commits = 0;
    const { playback } = renderPanel(store, <Profiler id="bar" onRender={() => commits++}><SeekSlider /><TimeDisplay /></Profiler>);
    const seek = screen.getByTestId<HTMLInputElement>('seek');
    expect([seek.max, seek.value]).toEqual([String(endUs), '0']);
    expect(screen.getByTestId('playback-step').textContent).toBe('Not started');
    const before = commits;
    // Frames of playback: the thumb, the time and the step move; React does not render.
    for (let i = 1; i <= 5; i++) act(() => store.getState().setPlayback({ timeUs: egress.timeUs * i / 5, cursor: i === 5 ? egress.seq + 1 : 0 }));
    expect(commits).toBe(before);
    expect(seek.value).toBe(String(egress.timeUs));
    expect(screen.getByTestId('playback-time').getAttribute('data-time-us')).toBe(egress.timeUs.toFixed(3));
    expect(screen.getByTestId('playback-time').textContent).toContain(`${(egress.timeUs / 1000).toFixed(3)} ms`);
    expect(screen.getByTestId('playback-step').textContent).toBe(`frame sent · ${egress.node} ${egress.iface}`);
    // Dragging or arrow keys change the input: playback seeks there.
    fireEvent.change(seek, { target: { value: '250' } });
    expect(playback).toEqual([{ type: 'playback.seek', timeUs: 250 }]);
    // A new language rewrites the texts.
    act(() => store.getState().setPreferences({ language: 'zh' }));
    expect(screen.getByTestId('playback-time').textContent).toContain('毫秒');
  });

  it('puts the thumb back where playback is when a run changes the range', async () => {
    const store = await storeWithRun('dr');
    const endUs = store.getState().run.endUs;
    act(() => store.getState().setPlayback({ timeUs: 0, cursor: 0, endUs: 0 }));
    renderPanel(store, <SeekSlider />);
    const seek = screen.getByTestId<HTMLInputElement>('seek');
    expect(seek.disabled).toBe(true);
    // Time and range arrive together, time beyond the old range: the thumb must not stay clamped.
    act(() => store.getState().setPlayback({ timeUs: endUs, endUs }));
    expect([seek.disabled, seek.max, seek.value]).toEqual([false, String(endUs), String(endUs)]);
  });
});
