import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { natLab } from '../lab/builtin/nat.ts';
import type { LabDocument } from '../lab/document.ts';
import type { RealServerConfig } from '../sim/model/config.ts';
import { SimSession } from './session.ts';

/** The lab with the director's service rebuilt: scheduler and weights (servers added in this order). */
function withService(doc: LabDocument, scheduler: string, weights: readonly number[]): LabDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => n.role !== 'director' ? n : {
      ...n,
      ipvs: {
        ...n.ipvs,
        services: n.ipvs.services.map((s) => ({
          ...s, scheduler,
          realServers: s.realServers.map((r, i): RealServerConfig => ({ ...r, weight: weights[i] ?? r.weight })),
        })),
      },
    }),
  };
}

/** Pages served to `count` sequential curls from the client (each settled before the next). */
function pages(doc: LabDocument, url: string, count: number): string[] {
  const s = new SimSession(doc);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = s.run({ kind: 'curl', node: 'client', url }).result;
    out.push(r && r.kind === 'curl' && r.ok ? r.body.trim().replace('This is ', '').replace(' web', '') : 'error');
  }
  return out;
}

const DR = 'http://192.168.122.188/';

describe('schedulers seen through repeated curls', () => {
  it('rr alternates, starting with the server added last (facts §1.1: newest first)', () => {
    expect(pages(drLab, DR, 4)).toEqual(['test2', 'test1', 'test2', 'test1']);
    expect(pages(natLab, 'http://12.0.0.10/', 4)).toEqual(['test2', 'test1', 'test2', 'test1']);
  });

  it('wrr with the seeds\' weights 1/1 behaves as rr, newest first (facts §1.2)', () => {
    expect(pages(withService(drLab, 'wrr', [1, 1]), DR, 4)).toEqual(['test2', 'test1', 'test2', 'test1']);
  });

  it('wrr 3/1 (web1 -w 3 added first, web2 -w 1) follows dest_changed and the cw countdown (facts §1.2)', () => {
    // cw stays 1 after the adds, so the first pass takes every server (web2, web1); then
    // cw = mw = 3, 2 take web1 only; cw = 1 takes both again.
    expect(pages(withService(drLab, 'wrr', [3, 1]), DR, 8)).toEqual(['test2', 'test1', 'test1', 'test1', 'test2', 'test1', 'test1', 'test1']);
  });

  it('sh sends one client to one bucket (facts §1.7)', () => {
    // hash_32(ntohl(12.0.0.12), 8) = (0x0c00000c · 0x61C88647 mod 2^32) >> 24; the 256 buckets
    // alternate web2, web1 (list order newest first, weight 1 each).
    const bucket = Number((0x0c00000cn * 0x61c88647n) % (1n << 32n)) >>> 24;
    const expected = bucket % 2 === 0 ? 'test2' : 'test1';
    expect(pages(withService(drLab, 'sh', [1, 1]), DR, 4)).toEqual([expected, expected, expected, expected]);
  });

  it('lc and wlc alternate for sequential requests: finished DR connections wait in FIN_WAIT as inactive (facts §1.3, §1.4, §3.1)', () => {
    // After web2 (0 active, 1 inactive) the empty web1 wins; then a tie goes to the newest.
    expect(pages(withService(drLab, 'lc', [1, 1]), DR, 4)).toEqual(['test2', 'test1', 'test2', 'test1']);
    expect(pages(withService(drLab, 'wlc', [1, 1]), DR, 4)).toEqual(['test2', 'test1', 'test2', 'test1']);
  });

  it('wlc weighs inactive connections: web1 -w 3 takes three of every four (overhead 257·active + inactive)', () => {
    // Overheads compared as loh·w(dest) > doh·w(least): web2 (w1) first (empty, newest), then
    // web1 until 1·3 > 3·1 no longer holds strictly, and so on.
    expect(pages(withService(drLab, 'wlc', [3, 1]), DR, 8)).toEqual(['test2', 'test1', 'test1', 'test1', 'test2', 'test1', 'test1', 'test1']);
  });

  it('answers with ICMP port unreachable, not RST, when every server is quiesced (facts §1.0, §8.3)', () => {
    const s = new SimSession(withService(drLab, 'rr', [0, 0]));
    const r = s.run({ kind: 'curl', node: 'client', url: DR }).result;
    expect(r).toMatchObject({ kind: 'curl', ok: false, error: 'ECONNREFUSED' });
    const icmp = s.records.find((x) => x.node === 'director' && x.explain.key === 'icmp.error.sent')!;
    expect(icmp.explain.params).toMatchObject({ type: 'dest-unreachable', code: 3 });
    expect(icmp.packet?.ip.src).toBe(0xc0a87abc);
    expect(s.records.some((x) => x.node === 'director' && x.explain.key === 'tcp.rst.sent')).toBe(false);
    expect(s.network.kernelLog.map((l) => l.message)).toContain('IPVS: rr: TCP 192.168.122.188:80 - no destination available');
  });
});
