import { describe, expect, it } from 'vitest';
import { Network } from '../../network.ts';
import type { TraceRecord } from '../../model/trace.ts';
import { pairLab } from '../../testing/labs.ts';
import { tcpOf } from '../../testing/records.ts';

const isRequestEgress = (r: TraceRecord): boolean => r.node === 'c' && r.step === 'egress' && (tcpOf(r)?.payload.length ?? 0) > 0;

describe('TCP timers cleared as inet_csk_clear_xmit_timer clears them', () => {
  it('the RTO of the SYN, cleared by the SYN-ACK, is armed afresh for the request: retransmissions follow the request, not the SYN', () => {
    const net = new Network(pairLab(), { seed: 1, trace: true });
    const records = net.tracer.records;
    const curl = net.start({ kind: 'curl', node: 'c', url: 'http://10.0.0.2/', maxTimeSec: 3 });
    expect(net.engine.runWhile(() => records.some(isRequestEgress), 1_000_000)).toBe(true);
    const requestUs = records.find(isRequestEgress)!.timeUs;
    // The server's interface goes down with the request on its way: nothing is acknowledged.
    net.reconfigure(pairLab(false));
    net.settle(curl);
    const retransmits = records.filter((r) => r.node === 'c' && r.explain.key === 'tcp.retransmit').map((r) => r.timeUs - requestUs);
    // The SYN's timer would have fired 1 s after the SYN. The request's fires one RTO after it
    // (__tcp_set_rto: srtt + rttvar, rttvar at least TCP_RTO_MIN: the SYN's 808 µs round trip +
    // 200 ms), then backs off twice as long each time until curl's 3 s are up.
    const rto = 200_808;
    expect(retransmits).toEqual([rto, rto + 2 * rto, rto + 2 * rto + 4 * rto]);
    expect(curl.result).toMatchObject({ kind: 'curl', ok: false });
  });

  it('a request answered in time leaves no timer behind: the exchange ends with its last frame', () => {
    const net = new Network(pairLab(), { seed: 1, trace: true });
    const curl = net.start({ kind: 'curl', node: 'c', url: 'http://10.0.0.2/' });
    net.settle(curl);
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true });
    // Every event was a frame arriving somewhere but one (the server's reply, sent a moment after
    // the request as httpd answers): no cleared delayed-ACK or retransmission timer fired for
    // nothing. A socket that goes stops its timers (tcp_done → tcp_clear_xmit_timers); settling
    // would otherwise run on to the delayed-ACK timeout (40 ms) of a socket already in TIME_WAIT.
    const arrivals = net.tracer.records.filter((r) => r.step === 'ingress').length;
    expect(net.engine.eventsRun).toBe(arrivals + 1);
    expect(net.engine.now).toBeLessThan(40_000);
  });
});
