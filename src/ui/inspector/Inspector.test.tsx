// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOGS } from '../../i18n/catalogs.ts';
import { builtinLab } from '../../lab/builtin/index.ts';
import { Inspector } from './Inspector.tsx';
import { renderPanel } from './testing/render-panel.tsx';
import { storeWithRun } from './testing/run-lab.ts';

afterEach(cleanup);

describe('the inspector', () => {
  it('shows the director\'s DR rewrite: MACs and TTL changed, IP addresses not, with the reason', async () => {
    const store = await storeWithRun('dr');
    const records = store.getState().run.records;
    const schedule = records.find((r) => r.step === 'ipvs' && r.explain.key === 'ipvs.schedule')!;
    const egress = records.find((r) => r.step === 'egress' && r.node === 'director' && r.packetId === schedule.packetId)!;
    renderPanel(store, <Inspector />);
    act(() => store.getState().select({ recordSeq: egress.seq }));
    const changed = (path: string) => screen.getByTestId(`field-${path}`).getAttribute('data-changed');
    expect(['eth.dst', 'eth.src', 'ip.ttl', 'ip.src', 'ip.dst'].map(changed)).toEqual(['true', 'true', 'true', 'false', 'false']);
    expect(screen.getByTestId('field-eth.src').textContent).toContain('DIPmac');
    expect(screen.getByTestId('field-eth.src').textContent).toContain('MAC of director ens33');
    expect(screen.getByTestId('insp-explain').textContent).toBe('director puts the frame on the wire from ens33, toward sw.');
    // Hovering a field highlights its bytes; hovering a byte highlights its field.
    fireEvent.mouseEnter(screen.getByTestId('field-ip.ttl'));
    const hex = screen.getByTestId('insp-hex');
    expect([...hex.querySelectorAll('.insp-hex-bytes .insp-byte--hi')].map((b) => b.getAttribute('data-offset'))).toEqual(['22']);
    fireEvent.mouseLeave(screen.getByTestId('field-ip.ttl'));
    fireEvent.mouseOver(hex.querySelector('.insp-hex-bytes [data-offset="30"]')!);
    expect(screen.getByTestId('field-ip.dst').className).toContain('insp-field--hover');
    // Switching language translates the panel.
    act(() => store.getState().setPreferences({ language: 'zh' }));
    expect(screen.getByTestId('field-ip.ttl').textContent).toContain('已改变');
  });

  it('shows layer-3 steps without Ethernet, and explains a drop with its reason', async () => {
    const store = await storeWithRun('dr');
    const records = store.getState().run.records;
    const hook = records.find((r) => r.step === 'hook' && r.node === 'director')!;
    renderPanel(store, <Inspector />);
    act(() => store.getState().select({ recordSeq: hook.seq }));
    expect(screen.queryByTestId('field-eth.dst')).toBeNull();
    expect(screen.getByTestId('field-ip.dst').getAttribute('data-changed')).toBe('false');
    expect(screen.getByTestId('insp-explain').textContent).toMatch(/^PREROUTING: raw PREROUTING/);
    cleanup();
    // Strict reverse-path filtering on the TUN real servers drops the decapsulated packets (tunl0 ≠ route back).
    const tun = builtinLab('tun')!;
    const strict = { ...tun, nodes: tun.nodes.map((n) => (n.role === 'realserver' ? { ...n, sysctls: { ...n.sysctls, 'net.ipv4.conf.all.rp_filter': 1 } } : n)) };
    const dropped = await storeWithRun(strict);
    const drop = dropped.getState().run.records.find((r) => r.step === 'drop')!;
    renderPanel(dropped, <Inspector />);
    act(() => dropped.getState().select({ recordSeq: drop.seq }));
    expect(screen.getByTestId('insp-explain').textContent).toBe(`Dropped: ${CATALOGS.en[`dropReason.${drop.drop!.reason}`]}`);
    expect(screen.getByTestId('insp-explain').className).toContain('insp-explain--drop');
  });

  it('says which header a step took off (IPIP decapsulation on a TUN real server)', async () => {
    const store = await storeWithRun('tun');
    const records = store.getState().run.records;
    const decap = records.find((r) => r.step === 'tunnel' && r.explain.key === 'tunnel.decap')!;
    const after = records.find((r) => r.seq > decap.seq && r.packetId === decap.packetId && r.step === 'hook')!;
    renderPanel(store, <Inspector />);
    act(() => store.getState().select({ recordSeq: after.seq }));
    expect(screen.getByTestId('insp-removed').textContent).toBe('Taken off at this step: Outer IPv4 (IP-in-IP tunnel).');
    expect(screen.queryByTestId('field-outer.src')).toBeNull();
    expect(screen.getByTestId('field-ip.dst').textContent).toContain('VIP');
  });

  it('lists the hops of a flow, copies them, and seeks to a clicked hop', async () => {
    const store = await storeWithRun('dr-arp-ignore');
    const view = renderPanel(store, <Inspector />);
    fireEvent.click(screen.getByTestId('insp-tab-hops'));
    const flowPick = screen.getByTestId<HTMLSelectElement>('hop-flow');
    expect(within(flowPick).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '#1 curl http://192.168.122.188/ from client — HTTP 200',
      '#2 curl http://192.168.122.188/ from client — HTTP 200',
    ]);
    fireEvent.change(flowPick, { target: { value: '2' } });
    const rows = screen.getAllByTestId('hop-row');
    expect(rows.length).toBeGreaterThan(4);
    expect(rows.some((r) => r.getAttribute('data-from') === 'director' || r.getAttribute('data-to')!.split(',').includes('director'))).toBe(false);
    const seekCount = view.playback.length;
    fireEvent.click(rows[2]!);
    expect(view.playback.slice(seekCount)).toEqual([{ type: 'playback.seek_record', seq: Number(rows[2]!.getAttribute('data-seq')) }]);
    fireEvent.click(screen.getByTestId('hop-open-table'));
    const dialog = screen.getByTestId('hop-dialog');
    expect(within(dialog).getAllByTestId('hop-table-row').map((r) => r.getAttribute('data-seq'))).toEqual(screen.getAllByTestId('hop-row').map((r) => r.getAttribute('data-seq')));
    expect(within(dialog).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Hop', 'Link', 'Src MAC', 'Dst MAC', 'Src IP', 'Dst IP', 'Ports', 'Info']);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('hop-dialog')).toBeNull();
    fireEvent.click(screen.getByTestId('hop-hide-arp'));
    expect(screen.getAllByTestId('hop-row').every((r) => !r.textContent.includes('ARP'))).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByTestId('hop-copy-md'));
      await Promise.resolve();
    });
    expect(screen.getByTestId('hop-copy-status').textContent).toMatch(/Copied \d+ rows|did not allow/);
  });

  it('lists events, filters them, and seeks to a clicked one', async () => {
    const store = await storeWithRun('dr');
    const view = renderPanel(store, <Inspector />);
    fireEvent.click(screen.getByTestId('insp-tab-events'));
    const count = () => screen.getByText(/of \d+ events/).textContent;
    const all = count();
    fireEvent.change(screen.getByTestId('events-node'), { target: { value: 'director' } });
    fireEvent.click(screen.getByTestId('events-proto-arp'));
    expect(count()).not.toBe(all);
    const rows = screen.getAllByTestId('event-row');
    expect(rows.every((r) => r.textContent.includes('director'))).toBe(true);
    expect(rows.some((r) => r.textContent.includes('ARP'))).toBe(false);
    fireEvent.click(rows[0]!);
    expect(view.playback.at(-1)).toEqual({ type: 'playback.seek_record', seq: Number(rows[0]!.getAttribute('data-seq')) });
    fireEvent.keyDown(screen.getByTestId('events-list'), { key: 'ArrowDown' });
    expect(view.playback.at(-1)).toEqual({ type: 'playback.seek_record', seq: Number(rows[1]!.getAttribute('data-seq')) });
  });
});
