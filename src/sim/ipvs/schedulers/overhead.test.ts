import { describe, expect, it } from 'vitest';
import { ipVsDestConnOverhead, ipVsDestInactConns } from './overhead.ts';
import { server } from './test-harness.ts';

describe('ip_vs_dest_conn_overhead (current kernels)', () => {
  it('is (activeconns << 8) + totalconns = 257·active + inactive', () => {
    const dest = server('A', '10.0.0.1', 1, { activeConns: 3, totalConns: 10 });
    expect(ipVsDestConnOverhead(dest)).toBe(3 * 256 + 10);
    expect(ipVsDestConnOverhead(dest)).toBe(257 * 3 + ipVsDestInactConns(dest));
  });

  it('does not wrap where a 32-bit shift would', () => {
    const dest = server('A', '10.0.0.1', 1, { activeConns: 1 << 24, totalConns: 1 << 24 });
    expect(ipVsDestConnOverhead(dest)).toBe(2 ** 32 + 2 ** 24);
  });
});

describe('ip_vs_dest_inactconns', () => {
  it('is max(totalconns - activeconns, 0)', () => {
    expect(ipVsDestInactConns(server('A', '10.0.0.1', 1, { activeConns: 2, totalConns: 7 }))).toBe(5);
    expect(ipVsDestInactConns(server('A', '10.0.0.1', 1, { activeConns: 4, totalConns: 3 }))).toBe(0);
  });
});
