/**
 * The ipvsadm commands that rebuild a node's IPVS configuration exactly — for exporting a lab
 * as a shell script. Unlike `ipvsadm -S` (sorted, thresholds dropped), the services and real
 * servers come in the order they were added, so the kernel ends up with the same newest-first
 * lists, and thresholds and non-default timeouts are kept.
 */
import type { LabNode } from '../../document.ts';
import type { RealServerConfig, VirtualServiceConfig } from '../../../sim/model/config.ts';

/** ipvsadm's default timeouts (tcp tcpfin udp): no `--set` line is needed for them. */
const DEFAULT_TIMEOUTS = { tcp: 900, tcpfin: 120, udp: 300 };

function selector(s: VirtualServiceConfig): string {
  if (s.protocol === 'fwmark') return `-f ${s.fwmark ?? 0}`;
  return `${s.protocol === 'udp' ? '-u' : '-t'} ${s.address ?? ''}:${s.port ?? 0}`;
}

function serverLine(sel: string, r: RealServerConfig): string {
  const method = r.forwardingMethod === 'masq' ? '-m' : r.forwardingMethod === 'tunnel' ? '-i' : '-g';
  const thresholds = `${r.upperThreshold ? ` -x ${r.upperThreshold}` : ''}${r.lowerThreshold ? ` -y ${r.lowerThreshold}` : ''}`;
  return `ipvsadm -a ${sel} -r ${r.address}:${r.port} ${method} -w ${r.weight}${thresholds}`;
}

/** The command lines, in order (no `ipvsadm -C`: the caller decides whether to clear first). */
export function ipvsadmScript(node: LabNode): string[] {
  const lines: string[] = [];
  const t = node.ipvs.timeouts;
  if (t.tcp !== DEFAULT_TIMEOUTS.tcp || t.tcpfin !== DEFAULT_TIMEOUTS.tcpfin || t.udp !== DEFAULT_TIMEOUTS.udp) {
    lines.push(`ipvsadm --set ${t.tcp} ${t.tcpfin} ${t.udp}`);
  }
  for (const s of node.ipvs.services) {
    const sel = selector(s);
    let line = `ipvsadm -A ${sel} -s ${s.scheduler}`;
    if (s.persistentTimeout !== undefined) line += ` -p ${s.persistentTimeout}${s.persistentNetmask ? ` -M ${s.persistentNetmask}` : ''}`;
    if (s.onePacket) line += ' -o';
    if (s.schedulerFlags && s.schedulerFlags.length > 0) line += ` -b ${s.schedulerFlags.join(',')}`;
    lines.push(line, ...s.realServers.map((r) => serverLine(sel, r)));
  }
  return lines;
}
