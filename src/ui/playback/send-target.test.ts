import { describe, expect, it } from 'vitest';
import { emptyLab } from '../../lab/build.ts';
import { drLab } from '../../lab/builtin/dr.ts';
import { natLab } from '../../lab/builtin/nat.ts';
import { curlUrl, defaultSender, defaultTarget, etherDevices, senders, targetIp } from './send-target.ts';

describe('send controls', () => {
  it('start from the client toward the first VIP', () => {
    expect(defaultSender(drLab)).toBe('client');
    expect(defaultTarget(drLab)).toBe('http://192.168.122.188/');
    expect(defaultTarget(natLab)).toBe('http://12.0.0.10/');
    expect(defaultTarget(emptyLab())).toBe('');
    expect(senders(drLab)).toEqual(['client', 'gw', 'director', 'web1', 'web2']);
    expect(etherDevices(drLab, 'gw')).toEqual(['eth1', 'eth0']);
  });

  it('read a URL or a bare address', () => {
    expect(curlUrl('10.0.0.1')).toBe('http://10.0.0.1/');
    expect(curlUrl(' http://10.0.0.1:8080/x ')).toBe('http://10.0.0.1:8080/x');
    expect(targetIp('http://10.0.0.1:8080/x')).toBe('10.0.0.1');
    expect(targetIp('10.0.0.1')).toBe('10.0.0.1');
    expect(targetIp('http://web/')).toBeUndefined();
    expect(targetIp('10.0.0.300')).toBeUndefined();
  });
});
