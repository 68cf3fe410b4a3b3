import type { LabNode } from '../../lab/document.ts';
import { connTabSize, listAllText } from '../../lab/shell/ipvsadm/list.ts';
import { DEFAULT_HOSTS } from '../../lab/shell/ipvsadm/names.ts';
import type { ListFormat } from '../../lab/shell/ipvsadm/types.ts';
import { kernelServices } from '../../lab/shell/ipvsadm/view.ts';
import type { IpvsConnSnapshot, NodeSnapshot } from '../../sim/model/snapshot.ts';

// The panel's `ipvsadm -Ln` is the shell's own listing (lab/shell/ipvsadm), so it reads exactly
// like the command in the console; the connection tab shows the `ipvsadm -Lnc` columns as a table.

/** `ipvsadm -L -n` without options (FMT_NUMERIC). */
const NUMERIC: ListFormat = {
  numeric: true, stats: false, rate: false, thresholds: false, persistentConn: false, noSort: false, exact: false, tunInfo: false, rule: false,
};

/** `ipvsadm -L -n` of a node: its services (from the lab) with the counters of the run's snapshot, one string a line. */
export function ipvsadmList(node: LabNode, snapshot: NodeSnapshot | undefined): string[] {
  return listAllText(kernelServices(node, snapshot), NUMERIC, node.files['/etc/hosts'] ?? DEFAULT_HOSTS, connTabSize(node.ipvs)).replace(/\n$/, '').split('\n');
}

/** `MM:SS` of the time left, as ipvsadm prints `expire`. */
export function expireText(expiresInUs: number): string {
  const seconds = Math.max(0, Math.floor(expiresInUs / 1_000_000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** One row of `ipvsadm -L -n -c`, split into its columns. */
export interface ConnColumns {
  readonly pro: string;
  readonly expire: string;
  readonly state: string;
  readonly source: string;
  readonly virtual: string;
  readonly destination: string;
}

/** The columns of a connection entry. */
export function connColumns(c: IpvsConnSnapshot): ConnColumns {
  return {
    pro: c.protocol, expire: expireText(c.expiresInUs), state: c.state,
    source: `${c.clientAddress}:${c.clientPort}`, virtual: `${c.virtualAddress}:${c.virtualPort}`,
    destination: `${c.destAddress}:${c.destPort}`,
  };
}
