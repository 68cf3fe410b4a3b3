import { memo } from 'react';
import type { HopRow } from '../../lab/hop-table.ts';
import type { RoleNames } from '../../lab/roles.ts';
import { useT } from '../hooks/use-t.ts';
import { hopLink, hopTargets, pickKeys, type HopViewProps } from './HopTable.tsx';

/** A pair of addresses by their role names where the lab has them, else by value; values in the tooltip. */
function Pair({ label, a, b, roles, kind, ports }: { label: string; a: string; b: string; roles: RoleNames; kind: 'ip' | 'mac'; ports?: [number, number] }) {
  const name = (v: string) => {
    const role = roles[kind].get(v);
    return role === undefined ? v : kind === 'mac' ? `${role}mac` : role;
  };
  const [pa, pb] = ports ?? [];
  return (
    <div className="insp-hopcard-pair" title={`${a}${pa !== undefined ? `:${pa}` : ''} → ${b}${pb !== undefined ? `:${pb}` : ''}`}>
      <span className="insp-hopcard-label">{label}</span>
      <span className="insp-mono">{name(a)}{pa !== undefined ? `:${pa}` : ''} → {name(b)}{pb !== undefined ? `:${pb}` : ''}</span>
    </div>
  );
}

/** One hop; memoised, so moving through the flow re-renders only the cards whose state changed. */
const Card = memo(function Card({ r, roles, current, future, onPick }: { r: HopRow; roles: RoleNames; current: boolean; future: boolean; onPick: (seq: number) => void }) {
  const t = useT();
  const ports: [number, number] | undefined = r.srcPort !== undefined && r.dstPort !== undefined ? [r.srcPort, r.dstPort] : undefined;
  return (
    <li
      data-testid="hop-row"
      data-seq={r.seq}
      data-from={r.fromNode}
      data-to={hopTargets(r)}
      className={`insp-hopcard${current ? ' insp-hop--current' : ''}${future ? ' insp-hop--future' : ''}`}
      aria-current={current ? 'step' : undefined}
      tabIndex={0}
      onClick={() => onPick(r.seq)}
      onKeyDown={pickKeys(() => onPick(r.seq))}
    >
      <div className="insp-hopcard-head">
        <span className="insp-hopcard-num">{r.hop}</span>
        <span className="insp-hopcard-link">
          {hopLink(r)}
          {r.via.length > 0 && <span className="insp-dim"> {t('insp.hops.via', { via: r.via.join(', ') })}</span>}
        </span>
        <span className={`insp-hopcard-info insp-proto--${r.protocol.toLowerCase()}`}>{`${r.protocol} ${r.info}`.trim()}</span>
      </div>
      <Pair label={t('insp.hops.mac')} a={r.srcMac} b={r.dstMac} roles={roles} kind="mac" />
      {r.outerSrc !== undefined && r.outerDst !== undefined && <Pair label={t('insp.hops.outer')} a={r.outerSrc} b={r.outerDst} roles={roles} kind="ip" />}
      {r.srcIp !== '' && <Pair label={t('insp.hops.ip')} a={r.srcIp} b={r.dstIp} roles={roles} kind="ip" ports={ports} />}
    </li>
  );
});

/** At most this many cards are rendered (a long ping run has thousands of hops): a window around the current one. */
export const MAX_CARDS = 300;

/** The rows to render: all of them, or a window of MAX_CARDS around the current hop. */
export function cardWindow(rows: readonly HopRow[], currentSeq: number | undefined): { from: number; to: number } {
  if (rows.length <= MAX_CARDS) return { from: 0, to: rows.length };
  const at = Math.max(0, rows.findIndex((r) => r.seq === currentSeq));
  const from = Math.max(0, Math.min(at - MAX_CARDS / 2, rows.length - MAX_CARDS));
  return { from, to: from + MAX_CARDS };
}

/** The hop table in the narrow side panel: one compact card per hop, role names first. */
export function HopCards({ rows, roles, currentSeq, cursor, onPick }: HopViewProps) {
  const t = useT();
  const { from, to } = cardWindow(rows, currentSeq);
  return (
    <>
      {from > 0 && <p className="insp-dim" data-testid="hop-more-before">{t('insp.hops.moreBefore', { count: from })}</p>}
      <ol className="insp-hopcards" data-testid="hop-cards" start={from + 1}>
        {rows.slice(from, to).map((r) => (
          <Card key={r.seq} r={r} roles={roles} current={r.seq === currentSeq} future={r.seq >= cursor} onPick={onPick} />
        ))}
      </ol>
      {to < rows.length && <p className="insp-dim" data-testid="hop-more-after">{t('insp.hops.moreAfter', { count: rows.length - to })}</p>}
    </>
  );
}
