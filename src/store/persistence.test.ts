import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { LAB_KEY, loadPreferences, loadSavedLab, PREFS_KEY, saveLab, savePreferences, type KeyValueStorage } from './persistence.ts';

class MapStorage implements KeyValueStorage {
  readonly m = new Map<string, string>();
  getItem = (k: string) => this.m.get(k) ?? null;
  setItem = (k: string, v: string) => void this.m.set(k, v);
}

describe('autosave', () => {
  it('restores exactly what it saved', async () => {
    const s = new MapStorage();
    const saved = { doc: drLab, labId: 'dr', seed: 7, timeline: [{ kind: 'traffic' as const, action: { kind: 'curl' as const, node: 'client', url: 'http://192.168.122.188/' } }, { kind: 'shell' as const, node: 'web1', line: 'ip neigh' }] };
    expect(saveLab(s, saved)).toBe(true);
    const r = await loadSavedLab(s);
    expect(r).toEqual({ kind: 'ok', saved: JSON.parse(JSON.stringify(saved)) as unknown });
  });

  it('ignores corrupt, foreign and invalid saves with located reasons', async () => {
    const s = new MapStorage();
    expect(await loadSavedLab(s)).toEqual({ kind: 'none' });
    s.setItem(LAB_KEY, '{"version":1,');
    expect(await loadSavedLab(s)).toMatchObject({ kind: 'ignored', details: [expect.stringMatching(/^not valid JSON/)] });
    s.setItem(LAB_KEY, JSON.stringify({ version: 99 }));
    expect((await loadSavedLab(s)).kind).toBe('ignored');
    const bad = { ...drLab, nodes: drLab.nodes.map((n, i) => (i === 0 ? { ...n, addresses: [{ dev: 'eth0', address: '12.0.0.300', prefixLength: 24 }] } : n)) };
    s.setItem(LAB_KEY, JSON.stringify({ version: 1, doc: bad, labId: 'dr', seed: 1, timeline: [] }));
    expect(await loadSavedLab(s)).toEqual({ kind: 'ignored', details: ['doc.nodes[0].addresses[0].address: "12.0.0.300" is not an IPv4 address'] });
    s.setItem(LAB_KEY, JSON.stringify({ version: 1, doc: drLab, labId: 'dr', seed: 1, timeline: [{ kind: 'traffic', action: { kind: 'ping', node: 'nobody', destination: '1.2.3.4', count: 1 } }, 5] }));
    expect(await loadSavedLab(s)).toEqual({ kind: 'ignored', details: ['timeline[1]: is neither traffic nor a shell line', 'timeline: scenario[0].action.node: "nobody" is not a host or router of this lab'] });
  });

  it('keeps the language apart and survives a full storage', () => {
    const s = new MapStorage();
    savePreferences(s, { language: 'zh', showSwitchHops: true });
    expect(loadPreferences(s)).toEqual({ language: 'zh', showSwitchHops: true });
    s.setItem(PREFS_KEY, '{"language":"fr"}');
    expect(loadPreferences(s)).toEqual({});
    const full: KeyValueStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(saveLab(full, { doc: drLab, labId: null, seed: 1, timeline: [] })).toBe(false);
    expect(() => savePreferences(full, { language: 'en', showSwitchHops: false })).not.toThrow();
  });
});
