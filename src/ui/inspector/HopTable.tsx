import { memo, type KeyboardEvent } from 'react';
import type { HopRow } from '../../lab/hop-table.ts';
import type { RoleNames } from '../../lab/roles.ts';
import { useT } from '../hooks/use-t.ts';

/** What the hop views need: the rows, role names, where playback is, and what a click does. */
export interface HopViewProps {
  readonly rows: readonly HopRow[];
  readonly roles: RoleNames;
  readonly currentSeq: number | undefined;
  readonly cursor: number;
  readonly onPick: (seq: number) => void;
}

/** The node names a hop reaches (its `to` entries are `node iface`). */
export const hopTargets = (r: HopRow): string => r.to.map((x) => x.split(' ')[0]).join(',');

/** `client eth0 → gw eth1`. */
export const hopLink = (r: HopRow): string => `${r.fromNode} ${r.fromIface} → ${r.to.join(', ')}`;

/** Enter or Space on a focused row picks it, like a click. */
export const pickKeys = (onPick: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    onPick();
  }
};

function Addr({ value, roles, kind }: { value: string | undefined; roles: RoleNames; kind: 'ip' | 'mac' }) {
  if (value === undefined || value === '') return <td className="insp-cell" />;
  const role = roles[kind].get(value);
  return (
    <td className="insp-cell">
      {role !== undefined && <span className="insp-role">{kind === 'mac' ? `${role}mac` : role}</span>}
      <span className="insp-mono insp-cell-value">{value}</span>
    </td>
  );
}

/** One row; memoised, so moving through a long table re-renders only the rows whose state changed. */
const HopTableRow = memo(function HopTableRow({ r, roles, outer, current, future, onPick }: {
  r: HopRow; roles: RoleNames; outer: boolean; current: boolean; future: boolean; onPick: (seq: number) => void;
}) {
  const t = useT();
  return (
    <tr
      data-testid="hop-table-row"
      data-seq={r.seq}
      data-from={r.fromNode}
      data-to={hopTargets(r)}
      className={`insp-hop${current ? ' insp-hop--current' : ''}${future ? ' insp-hop--future' : ''}`}
      aria-selected={current}
      tabIndex={0}
      onClick={() => onPick(r.seq)}
      onKeyDown={pickKeys(() => onPick(r.seq))}
    >
      <td className="insp-cell insp-num">{r.hop}</td>
      <td className="insp-cell insp-link">
        {hopLink(r)}
        {r.via.length > 0 && <span className="insp-dim"> {t('insp.hops.via', { via: r.via.join(', ') })}</span>}
      </td>
      <Addr value={r.srcMac} roles={roles} kind="mac" />
      <Addr value={r.dstMac} roles={roles} kind="mac" />
      {outer && <Addr value={r.outerSrc} roles={roles} kind="ip" />}
      {outer && <Addr value={r.outerDst} roles={roles} kind="ip" />}
      <Addr value={r.srcIp} roles={roles} kind="ip" />
      <Addr value={r.dstIp} roles={roles} kind="ip" />
      <td className="insp-cell insp-mono">{r.srcPort !== undefined ? `${r.srcPort} → ${r.dstPort}` : ''}</td>
      <td className="insp-cell insp-hop-info">{`${r.protocol} ${r.info}`.trim()}</td>
    </tr>
  );
});

/** The textbook hop table: hop, link, MACs, outer IPs (TUN), IPs, ports, info; roles above values. */
export function HopTable({ rows, roles, currentSeq, cursor, onPick }: HopViewProps) {
  const t = useT();
  const hasOuter = rows.some((r) => r.outerSrc !== undefined);
  return (
    <table className="insp-hop-table" data-testid="hop-table">
      <thead>
        <tr>
          <th>{t('insp.hops.col.hop')}</th>
          <th>{t('insp.hops.col.link')}</th>
          <th>{t('insp.hops.col.srcMac')}</th>
          <th>{t('insp.hops.col.dstMac')}</th>
          {hasOuter && <th>{t('insp.hops.col.outerSrc')}</th>}
          {hasOuter && <th>{t('insp.hops.col.outerDst')}</th>}
          <th>{t('insp.hops.col.srcIp')}</th>
          <th>{t('insp.hops.col.dstIp')}</th>
          <th>{t('insp.hops.col.ports')}</th>
          <th>{t('insp.hops.col.info')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => <HopTableRow key={r.seq} r={r} roles={roles} outer={hasOuter} current={r.seq === currentSeq} future={r.seq >= cursor} onPick={onPick} />)}
      </tbody>
    </table>
  );
}
