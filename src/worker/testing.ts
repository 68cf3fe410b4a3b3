import { hopTable, type HopRow } from '../lab/hop-table.ts';
import type { LabDocument } from '../lab/document.ts';
import { roleNames } from '../lab/roles.ts';
import type { TraceRecord } from '../sim/model/trace.ts';

/**
 * A hop-table row in a compact textbook form for tests:
 * `client>director CIPmac>VIPmac CIP:54604>VIP:80 S` (MACs and IPs by role, `outer a>b` for TUN).
 */
export function compactRows(doc: LabDocument, records: readonly TraceRecord[], flowId: number): string[] {
  const roles = roleNames(doc);
  const ip = (a: string) => roles.ip.get(a) ?? a;
  const mac = (m: string) => `${roles.mac.get(m) ?? m}mac`;
  return hopTable(records, { flowId, withoutArp: true }).map((r: HopRow) => {
    const to = r.to.map((t) => t.split(' ')[0]).join(',');
    const outer = r.outerSrc ? ` outer ${ip(r.outerSrc)}>${ip(r.outerDst!)}` : '';
    return `${r.fromNode}>${to} ${mac(r.srcMac)}>${mac(r.dstMac)}${outer} ${ip(r.srcIp)}:${r.srcPort}>${ip(r.dstIp)}:${r.dstPort} ${r.info}`;
  });
}
