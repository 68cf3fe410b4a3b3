import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routedLab } from '../lab/builtin/routed.ts';
import { tsharkCheck } from '../wire/testing/tshark.ts';
import { main } from './main.ts';

describe('npm run lab -- run <lab.json> on a routed lab (client — router — switch — three hosts)', () => {
  it('fetches the page, prints every ARP exchange and hop, and writes a clean pcap and a trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvslab-'));
    const lab = join(dir, 'routed.json');
    writeFileSync(lab, JSON.stringify(routedLab));
    const out: string[] = [];
    const err: string[] = [];
    const status = main(['run', lab, '--seed', '1', '--pcap', join(dir, 'run.pcap'), '--trace', join(dir, 'trace.json')], (l) => out.push(l), (l) => err.push(l));
    expect(err).toEqual([]);
    expect(status).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('This is web2');
    // Every ARP exchange: the client resolves its gateway, the router resolves web2, web2 resolves the router.
    expect(text).toMatch(/client:eth0\s+r1:eth1\s+\S+\s+ff:ff:ff:ff:ff:ff\s+12\.0\.0\.88\(CIP\)\s+12\.0\.0\.1\(GW1\)\s+-\s+ARP who-has 12\.0\.0\.1 tell 12\.0\.0\.88/);
    expect(text).toMatch(/r1:eth0\s+\S+ via sw\s+\S+\s+ff:ff:ff:ff:ff:ff\s+192\.168\.1\.1\(GW2\)\s+192\.168\.1\.102\s+-\s+ARP who-has 192\.168\.1\.102 tell 192\.168\.1\.1/);
    expect(text).toMatch(/web2:eth0\s+r1:eth0 via sw\s+.*ARP 192\.168\.1\.102 is-at/);
    // The SYN on both hops: same IPs, different MACs.
    const syn = text.split('\n').filter((l) => / TCP S$/.test(l));
    expect(syn).toHaveLength(2);
    expect(syn[0]).toMatch(/client:eth0\s+r1:eth1\s+(\S+)\(CIPmac\)\s+(\S+)\(GW1mac\)\s+12\.0\.0\.88\(CIP\)\s+192\.168\.1\.102/);
    expect(syn[1]).toMatch(/r1:eth0\s+web2:eth0 via sw\s+(\S+)\(GW2mac\)\s+(\S+)\s+12\.0\.0\.88\(CIP\)\s+192\.168\.1\.102/);
    const report = tsharkCheck(readFileSync(join(dir, 'run.pcap')));
    expect(report.problems).toEqual([]);
    expect(report.frames).toBeGreaterThan(20);
    const trace = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')) as { step: string }[];
    expect(trace.some((r) => r.step === 'neigh')).toBe(true);
  });

  it('rejects a bad lab file with the path and the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvslab-'));
    const lab = join(dir, 'bad.json');
    const broken = { ...routedLab, nodes: routedLab.nodes.map((n, i) => (i === 0 ? { ...n, addresses: [{ ...n.addresses[0]!, address: '12.0.0.300' }] } : n)) };
    writeFileSync(lab, JSON.stringify(broken));
    const err: string[] = [];
    expect(main(['run', lab], () => undefined, (l) => err.push(l))).toBe(1);
    expect(err.join('\n')).toContain('nodes[0].addresses[0].address: "12.0.0.300" is not an IPv4 address');
    expect(main(['run', lab, '--seed', 'x'], () => undefined, (l) => err.push(l))).toBe(2);
    expect(err.at(-1)).toContain('--seed needs a whole number');
  });
});
