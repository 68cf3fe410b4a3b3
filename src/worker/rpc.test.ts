import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import type { Progress, SimApi } from './api.ts';
import { expose, wrap } from './rpc.ts';
import { SimService } from './sim-service.ts';

describe('the worker contract over a MessageChannel', () => {
  it('runs a lab, appends traffic and reports progress', async () => {
    const { port1, port2 } = new MessageChannel();
    // A wall clock that moves a second each read: every chance to report progress is taken.
    let wallMs = 0;
    const service = new SimService(undefined, () => (wallMs += 1000));
    expose(port2, {
      run: service.run.bind(service),
      append: service.append.bind(service),
      pcap: service.pcap.bind(service),
    });
    const progress: Progress[] = [];
    const api = wrap<SimApi>(port1, (_m, p) => progress.push(p));
    port1.start();
    port2.start();
    const first = await api.run({ doc: drLab, seed: 1, scenario: true, timeline: [] });
    expect(first.fromSeq).toBe(0);
    expect(first.flows).toHaveLength(1);
    expect(first.flows[0]!.result).toMatchObject({ kind: 'curl', ok: true, body: 'This is test2 web\n' });
    expect(first.snapshots['director']!.services[0]!.dests.map((d) => d.inactConns)).toEqual([1, 0]);
    const more = await api.append([{ kind: 'traffic', action: { kind: 'curl', node: 'client', url: 'http://192.168.122.188/' } }]);
    expect(more.fromSeq).toBe(first.records.length);
    expect(more.records[0]!.seq).toBe(first.records.length);
    expect(more.flows.map((f) => f.result)).toMatchObject([{ ok: true, body: 'This is test1 web\n' }]);
    expect(progress.at(-1)).toEqual({ done: 1, total: 1, eventsRun: expect.any(Number) as number, virtualUs: more.endUs });
    const pcap = await api.pcap();
    expect(pcap).toBeInstanceOf(Uint8Array);
    await expect(wrap<{ nope(): Promise<void> }>(port1).nope()).rejects.toThrow('unknown method nope');
    port1.close();
    port2.close();
  });
});
