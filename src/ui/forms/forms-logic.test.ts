import { describe, expect, it } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { createAppStore } from '../../store/app-store.ts';
import { checkedEdit } from './checked-edit.ts';
import { checkAddressWithPrefix, checkInt, checkIpv4, checkLabel } from './field-checks.ts';
import { addAddress, addRealServer, deleteService, setSysctl } from './lab-edits.ts';
import { effectiveConf, rawConf } from './sysctl-values.ts';

describe('form checks', () => {
  it('say what is wrong with a value', () => {
    expect(checkIpv4('192.168.1.300')).toEqual({ ok: false, error: { key: 'form.err.ipv4', params: { value: '192.168.1.300' } } });
    expect(checkIpv4(' 10.0.0.1 ')).toEqual({ ok: true, value: '10.0.0.1' });
    expect(checkInt('70000', 0, 65535)).toMatchObject({ ok: false, error: { key: 'form.err.range', params: { min: 0, max: 65535 } } });
    expect(checkAddressWithPrefix('10.1.2.3/33')).toMatchObject({ ok: false, error: { key: 'form.err.prefix' } });
    expect(checkAddressWithPrefix('10.1.2.3')).toEqual({ ok: true, value: { address: '10.1.2.3', prefixLength: 32 } });
    expect(checkLabel('eth1:0', 'ens33')).toMatchObject({ ok: false, error: { key: 'form.err.label' } });
    expect(checkLabel('ens33:0', 'ens33')).toEqual({ ok: true, value: 'ens33:0' });
    expect(checkLabel('', 'ens33')).toEqual({ ok: true, value: undefined });
  });
});

describe('sysctl values', () => {
  it('combine all and the device as the kernel does', () => {
    const s = { 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.default.arp_announce': 2, 'net.ipv4.conf.ens33.send_redirects': 0 };
    expect(rawConf(s, 'ens33', 'arp_ignore')).toEqual({ value: 0, source: 'kernel' });
    expect(effectiveConf(s, 'ens33', 'arp_ignore')).toBe(1);
    expect(rawConf(s, 'ens33', 'arp_announce')).toEqual({ value: 2, source: 'default-conf' });
    // send_redirects is or-combined: the device's 0 is not enough while all is 1.
    expect(effectiveConf(s, 'ens33', 'send_redirects')).toBe(1);
    expect(effectiveConf({ ...s, 'net.ipv4.conf.all.send_redirects': 0 }, 'ens33', 'send_redirects')).toBe(0);
    expect(rawConf({ 'net.ipv4.ip_forward': 1 }, 'eth0', 'forwarding')).toEqual({ value: 1, source: 'ip_forward' });
  });
});

describe('checked edits', () => {
  it('store a valid edit as one undo step and refuse an invalid one, saying why', () => {
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    const s = () => store.getState();
    expect(checkedEdit(store, 'form.edit.sysctl', (d) => setSysctl(d, 'web1', 'net.ipv4.conf.all.arp_ignore', 0))).toEqual({ ok: true });
    expect(s().doc.nodes.find((n) => n.id === 'web1')!.sysctls['net.ipv4.conf.all.arp_ignore']).toBe(0);
    expect(s().past.map((p) => p.label)).toEqual(['form.edit.sysctl']);
    const bad = checkedEdit(store, 'form.edit.addAddress', (d) => addAddress(d, 'web1', { dev: 'eth9', address: '10.0.0.1', prefixLength: 8 }));
    expect(bad).toEqual({ ok: false, errors: ['nodes[4].addresses[2].dev: "eth9" is not an interface of this node'] });
    expect(s().past).toHaveLength(1);
    const dup = checkedEdit(store, 'form.edit.addRealServer', (d) => addRealServer(d, 'director', 0, { address: '192.168.122.100', port: 80, forwardingMethod: 'droute', weight: 1, upperThreshold: 0, lowerThreshold: 0 }));
    expect(dup.ok).toBe(false);
    checkedEdit(store, 'form.edit.deleteService', (d) => deleteService(d, 'director', 0));
    expect(s().doc.nodes.find((n) => n.id === 'director')!.ipvs.services).toEqual([]);
    s().undo();
    expect(s().doc.nodes.find((n) => n.id === 'director')!.ipvs.services).toHaveLength(1);
    // Removing an explicit value goes back to the inherited one.
    checkedEdit(store, 'form.edit.sysctl', (d) => setSysctl(d, 'web1', 'net.ipv4.conf.all.arp_ignore', undefined));
    expect('net.ipv4.conf.all.arp_ignore' in s().doc.nodes.find((n) => n.id === 'web1')!.sysctls).toBe(false);
  });
});
