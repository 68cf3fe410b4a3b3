import { describe, expect, it } from 'vitest';
import { hopTable } from '../../lab/hop-table.ts';
import { recordsByFlow } from './flow-records.ts';
import { runLab } from './testing/run-lab.ts';

describe('the records of each flow', () => {
  it('give the same hop table as the whole trace', async () => {
    for (const lab of ['nat', 'dr', 'tun', 'dr-arp-ignore']) {
      const { delta } = await runLab(lab);
      const byFlow = recordsByFlow(delta.records);
      expect(byFlow.size).toBe(delta.flows.length);
      for (const f of delta.flows) {
        expect(hopTable(byFlow.get(f.flowId)!, { flowId: f.flowId })).toEqual(hopTable(delta.records, { flowId: f.flowId }));
      }
    }
  });
});
