import { describe, expect, it } from 'vitest';
import { frameLength } from '../../../wire/packet.ts';
import { TcpFlag } from '../../../wire/tcp.ts';
import { Network } from '../../network.ts';
import { pairLab } from '../../testing/labs.ts';
import { tcpOf } from '../../testing/records.ts';

describe('TIME_WAIT (tcp_timewait_state_process)', () => {
  it('answers a retransmitted FIN with the ACK it sent before, routed afresh (tcp_v4_timewait_ack)', () => {
    const net = new Network(pairLab(), { seed: 1, trace: true });
    const curl = net.start({ kind: 'curl', node: 'c', url: 'http://10.0.0.2/' });
    net.settle(curl);
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true });
    // The side that closed first holds the connection in TIME_WAIT, as a compact socket.
    const holder = [...net.hosts.values()].find((h) => h.tcp.socketList().some((s) => s.state === 'TIME_WAIT'))!;
    const records = net.tracer.records;
    const finIn = records.filter((r) => r.node === holder.id && r.step === 'ingress' && (tcpOf(r)?.flags ?? 0) & TcpFlag.Fin).at(-1)!;
    const lastAck = records.filter((r) => r.node === holder.id && r.step === 'egress' && tcpOf(r) !== undefined).at(-1)!;
    expect(tcpOf(lastAck)!.flags).toBe(TcpFlag.Ack);
    // The peer's FIN arrives again, as if its retransmission timer had fired.
    const before = records.length;
    const dev = holder.device(finIn.iface!)!;
    holder.netifReceive(dev, { frame: finIn.frame!, packetId: net.ctx.nextPacketId(), flowId: finIn.flowId, bytes: frameLength(finIn.frame!) });
    net.engine.runUntil(net.engine.now + 10_000);
    const answers = records.slice(before).filter((r) => r.node === holder.id && r.step === 'egress' && tcpOf(r) !== undefined);
    expect(answers).toHaveLength(1);
    const ack = tcpOf(answers[0]!)!;
    const last = tcpOf(lastAck)!;
    expect({ flags: ack.flags, seq: ack.seq, ack: ack.ack }).toEqual({ flags: TcpFlag.Ack, seq: last.seq, ack: last.ack });
    expect(answers[0]!.frame!.eth).toEqual(lastAck.frame!.eth);
  });
});
