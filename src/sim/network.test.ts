import { describe, expect, it } from 'vitest';
import { Network } from './network.ts';
import { routedLab } from './testing/labs.ts';
import type { CurlResult } from './model/traffic.ts';

describe('a routed network', () => {
  it('fetches a page across a router and a switch', () => {
    const net = new Network(routedLab(), { seed: 1, trace: true });
    expect(net.issues()).toEqual([]);
    const run = net.start({ kind: 'curl', node: 'client', url: 'http://192.168.1.102/' });
    expect(net.settle(run)).toBe(true);
    const r = run.result as CurlResult;
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.body).toBe('This is web2\n');
      expect(r.status).toBe(200);
    }
  });
});
