import { describe, expect, it } from 'vitest';
import { natLab } from '../lab/builtin/nat.ts';
import { drLab } from '../lab/builtin/dr.ts';
import { createAppStore } from './app-store.ts';

describe('the app store', () => {
  it('records edits for undo and redo, and skips edits that change nothing', () => {
    const store = createAppStore({ doc: natLab, labId: 'nat', prefs: { language: 'en', showSwitchHops: false } });
    const s = () => store.getState();
    s().edit('edit.rename', (d) => ({ ...d, seed: 7 }));
    s().edit('edit.none', (d) => d);
    expect(s().past).toHaveLength(1);
    expect(s().doc.seed).toBe(7);
    s().undo();
    expect(s().doc).toBe(natLab);
    s().redo();
    expect(s().doc.seed).toBe(7);
    s().loadDocument(drLab, 'dr');
    expect([s().past.length, s().future.length]).toEqual([0, 0]);
  });

  it('keeps separate state per instance', () => {
    const a = createAppStore({ doc: natLab, labId: 'nat', prefs: { language: 'en', showSwitchHops: false } });
    const b = createAppStore({ doc: natLab, labId: 'nat', prefs: { language: 'zh', showSwitchHops: false } });
    a.getState().select({ nodeId: 'director' });
    expect(b.getState().selection.nodeId).toBeUndefined();
  });
});

describe('opening a lab', () => {
  it('resets the run and history, and keeps an edited lab to bring back', () => {
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    const s = () => store.getState();
    s().openLab(natLab, 'nat');
    expect(s().replacedLab).toBeUndefined();
    expect(s().notice).toBeUndefined();
    s().edit('edit.rename', (d) => ({ ...d, seed: 9 }));
    s().setTimeline([{ kind: 'shell', node: 'client', line: 'ip addr' }]);
    s().select({ nodeId: 'client' });
    s().openLab(drLab, 'dr');
    expect([s().doc, s().labId, s().past.length, s().run.timeline, s().selection.nodeId]).toEqual([drLab, 'dr', 0, [], undefined]);
    expect(s().notice).toMatchObject({ key: 'app.lab.replaced', action: 'restoreLab' });
    s().restoreReplacedLab();
    expect([s().doc.seed, s().labId, s().run.timeline.length, s().replacedLab]).toEqual([9, 'nat', 1, undefined]);
  });
});
