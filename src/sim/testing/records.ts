import type { TcpRepr } from '../../wire/tcp.ts';
import type { TraceRecord } from '../model/trace.ts';

/** The TCP segment a trace record's frame carries, if it carries one. */
export function tcpOf(r: TraceRecord): TcpRepr | undefined {
  const body = r.frame?.body;
  return body?.kind === 'ipv4' && body.packet.body.kind === 'tcp' ? body.packet.body.tcp : undefined;
}
