import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { createShellExecutor } from './shell-executor.ts';
import type { Progress } from './api.ts';
import { SimService, type ShellSource } from './sim-service.ts';

const curl = { kind: 'curl' as const, node: 'client', url: 'http://192.168.122.188/' };

/** A loader as the worker passes one, counting its calls; `failures` first calls fail. */
function countingLoader(failures = 0): { load: ShellSource; calls: () => number } {
  let calls = 0;
  const load = () => {
    calls++;
    return calls <= failures ? Promise.reject(new Error('network down')) : Promise.resolve(createShellExecutor());
  };
  return { load, calls: () => calls };
}

describe('the simulation service with a shell loaded on demand', () => {
  it('runs traffic without loading the shell and loads it once, at the first shell line', async () => {
    const { load, calls } = countingLoader();
    const service = new SimService(load);
    const first = await service.run({ doc: drLab, seed: 1, scenario: true, timeline: [{ kind: 'traffic', action: curl }] });
    expect(first.flows).toHaveLength(2);
    expect(calls()).toBe(0);
    const [a, b] = await Promise.all([
      service.append([{ kind: 'shell', node: 'web1', line: 'sysctl net.ipv4.conf.all.arp_ignore' }]),
      service.append([{ kind: 'shell', node: 'web2', line: 'sysctl net.ipv4.conf.all.arp_ignore' }]),
    ]);
    expect([a.shell[0]!.stdout, b.shell[0]!.stdout]).toEqual(['net.ipv4.conf.all.arp_ignore = 1\n', 'net.ipv4.conf.all.arp_ignore = 1\n']);
    await service.run({ doc: drLab, seed: 1, scenario: false, timeline: [{ kind: 'shell', node: 'web1', line: 'hostname' }] });
    expect(calls()).toBe(1);
  });

  it('reports a failed load as the call\'s error and tries again with the next shell line', async () => {
    const { load, calls } = countingLoader(1);
    const service = new SimService(load);
    await service.run({ doc: drLab, seed: 1, scenario: false, timeline: [] });
    await expect(service.append([{ kind: 'shell', node: 'web1', line: 'hostname' }])).rejects.toThrow('network down');
    const retried = await service.append([{ kind: 'shell', node: 'web1', line: 'hostname' }]);
    expect(retried.shell[0]).toMatchObject({ node: 'web1', exitCode: 0 });
    expect(calls()).toBe(2);
  });
});

describe('progress of a long request', () => {
  /** A wall clock that moves 100 ms each time it is read. */
  function slowClock(): () => number {
    let ms = 0;
    return () => (ms += 100);
  }

  it('is reported from inside a long entry (the entry running is `done`), paced by the wall clock', async () => {
    const service = new SimService(createShellExecutor(), slowClock());
    const reports: Progress[] = [];
    const timeline = [
      { kind: 'shell' as const, node: 'client', line: 'hostname' },
      { kind: 'shell' as const, node: 'client', line: 'for i in {1..20}; do curl -s http://192.168.122.188/ > /dev/null; done' },
      { kind: 'traffic' as const, action: curl },
    ];
    const delta = await service.run({ doc: drLab, seed: 1, scenario: false, timeline }, (p) => reports.push(p));
    // The clock moves 100 ms a read: the first report comes once 300 ms have passed, then every 250 ms.
    expect(reports.length).toBeGreaterThan(5);
    expect(reports.every((p) => p.total === 3)).toBe(true);
    // The loop reports with its own index (1) many times: each curl ends a batch of events.
    expect(reports.filter((p) => p.done === 1).length).toBeGreaterThan(5);
    expect(reports.map((p) => p.done)).toEqual([...reports.map((p) => p.done)].sort((a, b) => a - b));
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]!.virtualUs).toBeGreaterThanOrEqual(reports[i - 1]!.virtualUs);
      expect(reports[i]!.eventsRun).toBeGreaterThanOrEqual(reports[i - 1]!.eventsRun);
    }
    expect(reports.at(-1)).toMatchObject({ done: 3, virtualUs: delta.endUs });
  });

  it('is not reported by a request that ends within the first moment', async () => {
    const service = new SimService(createShellExecutor(), () => 0);
    const reports: Progress[] = [];
    await service.run({ doc: drLab, seed: 1, scenario: true, timeline: [{ kind: 'traffic', action: curl }] }, (p) => reports.push(p));
    expect(reports).toEqual([]);
  });
});
