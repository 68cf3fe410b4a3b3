import { formatIpv4Address } from '../wire/ipv4-address.ts';
import type { Frame, Ipv4Packet } from '../wire/packet.ts';
import { formatTcpFlags } from '../wire/tcp.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import type { RoleNames } from './roles.ts';

/** One row of the textbook hop table: a frame crossing one link (switches are passed through). */
export interface HopRow {
  readonly hop: number;
  /** The trace record of the egress that starts this hop. */
  readonly seq: number;
  readonly timeUs: number;
  readonly fromNode: string;
  readonly fromIface: string;
  /** Where the frame ends up: a host interface, through any switches; several for a flood. */
  readonly to: readonly string[];
  readonly via: readonly string[];
  readonly srcMac: string;
  readonly dstMac: string;
  readonly srcIp: string;
  readonly dstIp: string;
  readonly outerSrc?: string;
  readonly outerDst?: string;
  readonly protocol: 'TCP' | 'UDP' | 'ICMP' | 'ARP' | 'IPIP' | 'other';
  readonly srcPort?: number;
  readonly dstPort?: number;
  /** TCP flags (`S`, `S.`, `P.`…), ICMP type, or the ARP operation. */
  readonly info: string;
  readonly changed: readonly string[];
  readonly packetId: number | undefined;
}

function innermost(p: Ipv4Packet): { inner: Ipv4Packet; outer: Ipv4Packet | undefined } {
  return p.body.kind === 'ipip' ? { inner: p.body.inner, outer: p } : { inner: p, outer: undefined };
}

function describe(frame: Frame): Omit<HopRow, 'hop' | 'seq' | 'timeUs' | 'fromNode' | 'fromIface' | 'to' | 'via' | 'changed' | 'packetId'> {
  const base = { srcMac: frame.eth.src, dstMac: frame.eth.dst };
  const body = frame.body;
  if (body.kind === 'arp') {
    const a = body.arp;
    return {
      ...base, srcIp: formatIpv4Address(a.senderIp), dstIp: formatIpv4Address(a.targetIp), protocol: 'ARP',
      info: a.operation === 'request' ? `who-has ${formatIpv4Address(a.targetIp)} tell ${formatIpv4Address(a.senderIp)}` : `${formatIpv4Address(a.senderIp)} is-at ${a.senderMac}`,
    };
  }
  if (body.kind !== 'ipv4') return { ...base, srcIp: '', dstIp: '', protocol: 'other', info: '' };
  const { inner, outer } = innermost(body.packet);
  const outerPart = outer ? { outerSrc: formatIpv4Address(outer.ip.src), outerDst: formatIpv4Address(outer.ip.dst) } : {};
  const ips = { srcIp: formatIpv4Address(inner.ip.src), dstIp: formatIpv4Address(inner.ip.dst) };
  const b = inner.body;
  if (b.kind === 'tcp') return { ...base, ...outerPart, ...ips, protocol: 'TCP', srcPort: b.tcp.srcPort, dstPort: b.tcp.dstPort, info: formatTcpFlags(b.tcp.flags) + (b.tcp.payload.length ? ` len ${b.tcp.payload.length}` : '') };
  if (b.kind === 'udp') return { ...base, ...outerPart, ...ips, protocol: 'UDP', srcPort: b.udp.srcPort, dstPort: b.udp.dstPort, info: `len ${b.udp.payload.length}` };
  if (b.kind === 'icmp') return { ...base, ...outerPart, ...ips, protocol: 'ICMP', info: b.icmp.type };
  return { ...base, ...outerPart, ...ips, protocol: 'other', info: '' };
}

export interface HopTableOptions {
  /** Only records of this flow (one curl, one ping run). */
  readonly flowId?: number;
  /** Leave out ARP frames. */
  readonly withoutArp?: boolean;
}

/**
 * The hop table of a trace: one row per frame a host or router puts on a link, following the
 * frame through switches to the host that receives it.
 */
export function hopTable(records: readonly TraceRecord[], opts: HopTableOptions = {}): HopRow[] {
  const switchNodes = new Set(records.filter((r) => r.step === 'egress' && r.iface?.startsWith('port')).map((r) => r.node));
  const rows: HopRow[] = [];
  records.forEach((r, i) => {
    if (r.step !== 'egress' || !r.frame || !r.link || switchNodes.has(r.node)) return;
    if (opts.flowId !== undefined && r.flowId !== opts.flowId) return;
    const d = describe(r.frame);
    if (opts.withoutArp && d.protocol === 'ARP') return;
    const to: string[] = [];
    const via: string[] = [];
    const follow = (node: string, iface: string, from: number, depth: number): void => {
      if (!switchNodes.has(node)) {
        to.push(`${node} ${iface}`);
        return;
      }
      if (depth > 8) return;
      if (!via.includes(node)) via.push(node);
      // The switch's egress copies of this same frame after it arrived there.
      for (let j = from + 1; j < records.length; j++) {
        const s = records[j]!;
        if (s.node === node && s.step === 'egress' && s.packetId === r.packetId && s.frame === r.frame && s.link) follow(s.link.toNode, s.link.toIface, j, depth + 1);
        if (s.node === node && s.step === 'egress' && s.timeUs > r.link!.arrivalUs + 1_000_000) break;
      }
    };
    follow(r.link.toNode, r.link.toIface, i, 0);
    rows.push({
      hop: rows.length + 1, seq: r.seq, timeUs: r.timeUs, fromNode: r.node, fromIface: r.iface ?? '',
      to, via, ...d, changed: r.changed ?? [], packetId: r.packetId,
    });
  });
  return rows;
}

const withRole = (value: string, roles: RoleNames | undefined, kind: 'ip' | 'mac'): string => {
  const role = roles?.[kind].get(value);
  return role ? `${value} (${kind === 'mac' ? `${role}mac` : role})` : value;
};

/** The hop table as a Markdown table (the inspector's "copy as Markdown"). */
export function hopTableMarkdown(rows: readonly HopRow[], roles?: RoleNames): string {
  const hasOuter = rows.some((r) => r.outerSrc);
  const head = ['Hop', 'Link', 'Src MAC', 'Dst MAC', ...(hasOuter ? ['Outer src', 'Outer dst'] : []), 'Src IP', 'Dst IP', 'Ports', 'Info'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const link = `${r.fromNode} ${r.fromIface} → ${r.to.join(', ')}${r.via.length ? ` (via ${r.via.join(', ')})` : ''}`;
    const cells = [
      String(r.hop), link, withRole(r.srcMac, roles, 'mac'), withRole(r.dstMac, roles, 'mac'),
      ...(hasOuter ? [r.outerSrc ? withRole(r.outerSrc, roles, 'ip') : '', r.outerDst ? withRole(r.outerDst, roles, 'ip') : ''] : []),
      withRole(r.srcIp, roles, 'ip'), withRole(r.dstIp, roles, 'ip'),
      r.srcPort !== undefined ? `${r.srcPort} → ${r.dstPort}` : '', `${r.protocol} ${r.info}`.trim(),
    ];
    lines.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The hop table as aligned plain text (the CLI). */
export function hopTableText(rows: readonly HopRow[], roles?: RoleNames): string {
  const hasOuter = rows.some((r) => r.outerSrc);
  const table = [['HOP', 'TIME(us)', 'FROM', 'TO', 'SRC MAC', 'DST MAC', ...(hasOuter ? ['OUTER SRC', 'OUTER DST'] : []), 'SRC IP', 'DST IP', 'PORTS', 'INFO']];
  const role = (v: string, kind: 'ip' | 'mac') => {
    const n = roles?.[kind].get(v);
    return n ? `${v}(${kind === 'mac' ? `${n}mac` : n})` : v;
  };
  for (const r of rows) {
    table.push([
      String(r.hop), String(r.timeUs), `${r.fromNode}:${r.fromIface}`, r.to.map((t) => t.replace(' ', ':')).join(',') + (r.via.length ? ` via ${r.via.join(',')}` : ''),
      role(r.srcMac, 'mac'), role(r.dstMac, 'mac'),
      ...(hasOuter ? [r.outerSrc ? role(r.outerSrc, 'ip') : '-', r.outerDst ? role(r.outerDst, 'ip') : '-'] : []),
      role(r.srcIp, 'ip'), role(r.dstIp, 'ip'), r.srcPort !== undefined ? `${r.srcPort}>${r.dstPort}` : '-', `${r.protocol} ${r.info}`.trim(),
    ]);
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  return table.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')).join('\n');
}
