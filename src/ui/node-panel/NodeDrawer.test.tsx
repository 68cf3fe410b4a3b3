// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPanel } from '../inspector/testing/render-panel.tsx';
import { storeWithRun } from '../inspector/testing/run-lab.ts';
import { NodeDrawer } from './NodeDrawer.tsx';

afterEach(cleanup);

const macOf = (store: Awaited<ReturnType<typeof storeWithRun>>, node: string, dev: string) =>
  store.getState().doc.nodes.find((n) => n.id === node)!.interfaces.find((i) => i.name === dev)!.mac!;

describe('the node drawer', () => {
  it('opens on the store flag and shows the ARP table at the playback position', async () => {
    const store = await storeWithRun('dr-arp-ignore');
    renderPanel(store, <NodeDrawer />);
    expect(screen.queryByTestId('node-drawer')).toBeNull();
    act(() => store.getState().openDrawer('gw'));
    expect((await screen.findByTestId('node-drawer', {}, { timeout: 10_000 })).getAttribute('data-node')).toBe('gw');
    const vip = screen.getAllByTestId('arp-row').find((r) => r.getAttribute('data-ip') === '192.168.122.188')!;
    expect([macOf(store, 'web1', 'ens33'), macOf(store, 'web2', 'ens33')]).toContain(vip.getAttribute('data-mac'));
    expect(vip.textContent).toMatch(/MAC of web[12] ens33/);
    // Back at the start of the run the table is empty.
    act(() => store.getState().setPlayback({ cursor: 0, timeUs: 0 }));
    expect(screen.queryAllByTestId('arp-row')).toEqual([]);
    expect(screen.getByTestId('arp-empty')).toBeTruthy();
    act(() => store.getState().closeDrawer());
    expect(screen.queryByTestId('node-drawer')).toBeNull();
  });

  it('draws the packet\'s position on the path through the node', async () => {
    const store = await storeWithRun('dr');
    const schedule = store.getState().run.records.find((r) => r.step === 'ipvs' && r.explain.key === 'ipvs.schedule')!;
    renderPanel(store, <NodeDrawer />);
    act(() => {
      store.getState().openDrawer('director');
      store.getState().select({ recordSeq: schedule.seq });
    });
    await screen.findByTestId('node-drawer', {}, { timeout: 10_000 });
    const state = (s: string) => screen.getByTestId(`node-stage-${s}`).getAttribute('data-state');
    expect(['ingress', 'PREROUTING', 'routing', 'INPUT', 'IPVS', 'FORWARD', 'OUTPUT'].map(state)).toEqual(['visited', 'visited', 'visited', 'visited', 'current', 'idle', 'idle']);
    expect(screen.getByTestId('node-path').textContent).toContain(`Packet #${schedule.packetId}`);
  });

  it('edits sysctls as undoable edits and shows the combined value', async () => {
    const store = await storeWithRun('dr-arp-ignore');
    renderPanel(store, <NodeDrawer />);
    act(() => store.getState().openDrawer('web1'));
    await screen.findByTestId('node-drawer', {}, { timeout: 10_000 });
    fireEvent.click(screen.getByTestId('node-tab-sysctls'));
    const all = screen.getByTestId<HTMLSelectElement>('sysctl-net.ipv4.conf.all.arp_ignore');
    expect(all.value).toBe('0');
    expect(screen.getByTestId('sysctl-effective-net.ipv4.conf.ens33.arp_ignore').textContent).toBe('= 0');
    fireEvent.change(all, { target: { value: '1' } });
    const web1 = () => store.getState().doc.nodes.find((n) => n.id === 'web1')!;
    expect(web1().sysctls['net.ipv4.conf.all.arp_ignore']).toBe(1);
    expect(store.getState().past.map((p) => p.label)).toEqual(['form.edit.sysctl']);
    expect(screen.getByTestId('sysctl-effective-net.ipv4.conf.ens33.arp_ignore').textContent).toBe('= 1');
    // Blank removes the explicit value; the device inherits again.
    fireEvent.change(screen.getByTestId('sysctl-net.ipv4.conf.all.arp_ignore'), { target: { value: '' } });
    expect('net.ipv4.conf.all.arp_ignore' in web1().sysctls).toBe(false);
    act(() => store.getState().undo());
    expect(screen.getByTestId<HTMLSelectElement>('sysctl-net.ipv4.conf.all.arp_ignore').value).toBe('1');
  });

  it('validates interface and IPVS forms with messages that say what is wrong', async () => {
    const store = await storeWithRun('dr');
    renderPanel(store, <NodeDrawer />);
    act(() => store.getState().openDrawer('director'));
    await screen.findByTestId('node-drawer', {}, { timeout: 10_000 });
    fireEvent.click(screen.getByTestId('node-tab-interfaces'));
    fireEvent.change(screen.getByTestId('addr-new-address'), { target: { value: '192.168.1.300/24' } });
    fireEvent.click(screen.getByTestId('addr-add'));
    expect(screen.getByTestId('form-error').textContent).toBe('192.168.1.300 is not an IPv4 address.');
    fireEvent.change(screen.getByTestId('addr-new-address'), { target: { value: '10.9.9.9/8' } });
    fireEvent.click(screen.getByTestId('addr-add'));
    expect(screen.queryByTestId('form-error')).toBeNull();
    expect(store.getState().doc.nodes.find((n) => n.id === 'director')!.addresses.at(-1)).toEqual({ dev: 'ens33', address: '10.9.9.9', prefixLength: 8 });
    fireEvent.change(screen.getByTestId('iface-mtu-ens33'), { target: { value: '20' } });
    fireEvent.keyDown(screen.getByTestId('iface-mtu-ens33'), { key: 'Enter' });
    expect(screen.getByTestId('form-error').textContent).toBe('20 is not a whole number from 68 to 65536.');

    fireEvent.click(screen.getByTestId('node-tab-ipvs'));
    expect(screen.getByTestId('ipvsadm-output').textContent).toContain('TCP  192.168.122.188:80 rr');
    fireEvent.click(screen.getByTestId('ipvs-add-rs'));
    const form = screen.getByTestId('rs-form');
    fireEvent.change(within(form).getByTestId('rs-address'), { target: { value: '192.168.122.102' } });
    fireEvent.change(within(form).getByTestId('rs-port'), { target: { value: '8080' } });
    fireEvent.click(within(form).getByTestId('rs-save'));
    expect(within(form).getByTestId('form-error').textContent).toContain('cannot change the port: use 80');
    fireEvent.change(within(form).getByTestId('rs-port'), { target: { value: '80' } });
    fireEvent.click(within(form).getByTestId('rs-save'));
    expect(screen.queryByTestId('rs-form')).toBeNull();
    expect(store.getState().doc.nodes.find((n) => n.id === 'director')!.ipvs.services[0]!.realServers.map((r) => r.address)).toEqual(['192.168.122.100', '192.168.122.101', '192.168.122.102']);
  });

  it('sends console lines to the shell and walks the history', async () => {
    const store = await storeWithRun('dr');
    const view = renderPanel(store, <NodeDrawer />, (node, line) => ({ node, line, stdout: '', stderr: 'the shell is not available', chunks: [{ stream: 'stderr', text: 'the shell is not available' }], exitCode: 127, background: [] }));
    act(() => store.getState().openDrawer('director'));
    await screen.findByTestId('node-drawer', {}, { timeout: 10_000 });
    fireEvent.click(screen.getByTestId('node-tab-console'));
    const input = screen.getByTestId<HTMLInputElement>('console-input');
    fireEvent.change(input, { target: { value: 'ipvsadm -Ln' } });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
      await Promise.resolve();
    });
    expect(view.shell).toEqual([{ node: 'director', line: 'ipvsadm -Ln' }]);
    expect(screen.getByTestId('console-output').textContent).toContain('[root@director ~]# ipvsadm -Ln');
    expect(screen.getByTestId('console-output').textContent).toContain('the shell is not available');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.value).toBe('ipvsadm -Ln');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.value).toBe('');
  });

  it('lists the filter table with the run\'s counters, and the nat table, as iptables does', async () => {
    const store = await storeWithRun('nat-firewall');
    renderPanel(store, <NodeDrawer />);
    act(() => store.getState().openDrawer('director'));
    await screen.findByTestId('node-drawer', {}, { timeout: 10_000 });
    fireEvent.click(screen.getByTestId('node-tab-firewall'));
    const filter = screen.getByTestId('iptables-filter').textContent.split('\n');
    // Two SYNs in curl's 3 seconds (sent at 0 and 1 s), each seen by filter INPUT before IPVS takes it.
    expect(filter[0]).toBe('Chain INPUT (policy ACCEPT 2 packets, 88 bytes)');
    expect(filter.slice(3, 6)).toEqual([
      expect.stringMatching(/^Chain FORWARD \(policy DROP [1-9]\d* packets, [1-9]\d* bytes\)$/),
      ' pkts bytes target     prot opt in     out     source               destination         ',
      '    0     0 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED',
    ]);
    expect(screen.getByTestId('iptables-nat').textContent).toContain('SNAT       all  --  192.168.2.0/24       0.0.0.0/0            to:12.0.0.10');
  });
});

