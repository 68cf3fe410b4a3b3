import { describe, expect, it } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { SimSession } from '../../worker/session.ts';
import { decisiveSteps } from './why.ts';

describe('why a frame changed at a hop', () => {
  it('names the director\'s IPVS decision and DR transmit for its egress toward the real server', () => {
    const s = new SimSession(drLab);
    s.runScenario();
    const egress = s.records.find((r) => r.node === 'director' && r.step === 'egress' && r.frame?.body.kind === 'ipv4')!;
    expect(decisiveSteps(s.records, egress).map((r) => r.explain.key)).toEqual(['route.input.local', 'ipvs.schedule', 'ipvs.xmit.dr']);
    const gw = s.records.find((r) => r.node === 'gw' && r.step === 'egress' && r.frame?.body.kind === 'ipv4')!;
    expect(decisiveSteps(s.records, gw).map((r) => r.explain.key)).toEqual(['route.input.forward', 'ip.forward']);
    const first = s.records.find((r) => r.node === 'client' && r.step === 'egress')!;
    expect(decisiveSteps(s.records, first)).toEqual([]);
  });
});
