import { useMemo } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { currentRecord } from '../inspector/trace-position.ts';
import { lastPacketAt, pathPosition, type PathStage } from './path-stages.ts';

// Box positions of the diagram (SVG user units), top to bottom as netfilter diagrams draw them:
// the forward path on the left, local delivery and local output on the right.
const W = 124;
const H = 26;
const PITCH = 32;
const COL_B = 152;
const at = (col: 0 | 1, row: number) => ({ x: col === 0 ? 0 : COL_B, y: 2 + row * PITCH });
const BOX: Record<PathStage, { x: number; y: number }> = {
  ingress: at(0, 0),
  PREROUTING: at(0, 1),
  routing: at(0, 2),
  FORWARD: at(0, 3),
  POSTROUTING: at(0, 5),
  neigh: at(0, 6),
  egress: at(0, 7),
  INPUT: at(1, 2),
  IPVS: at(1, 3),
  local: at(1, 4),
  OUTPUT: at(1, 5),
};
const VIEW_W = COL_B + W + 18;
const VIEW_H = 2 + 8 * PITCH;
const right = (s: PathStage) => ({ x: BOX[s].x + W, y: BOX[s].y + H / 2 });
const left = (s: PathStage) => ({ x: BOX[s].x, y: BOX[s].y + H / 2 });
const bottom = (s: PathStage) => ({ x: BOX[s].x + W / 2, y: BOX[s].y + H });
const top = (s: PathStage) => ({ x: BOX[s].x + W / 2, y: BOX[s].y });
const line = (a: { x: number; y: number }, b: { x: number; y: number }) => `M${a.x},${a.y} L${b.x},${b.y}`;
const ARROWS: readonly string[] = [
  line(bottom('ingress'), top('PREROUTING')),
  line(bottom('PREROUTING'), top('routing')),
  line(bottom('routing'), top('FORWARD')),
  line(bottom('FORWARD'), top('POSTROUTING')),
  line(bottom('POSTROUTING'), top('neigh')),
  line(bottom('neigh'), top('egress')),
  line(right('routing'), left('INPUT')),
  line(bottom('INPUT'), top('IPVS')),
  line(bottom('IPVS'), top('local')),
  line(bottom('local'), top('OUTPUT')),
  // IPVS transmits straight to LOCAL_OUT, past the local sockets.
  `M${right('IPVS').x},${right('IPVS').y} C${right('IPVS').x + 16},${right('IPVS').y} ${right('OUTPUT').x + 16},${right('OUTPUT').y} ${right('OUTPUT').x},${right('OUTPUT').y}`,
  line(left('OUTPUT'), right('POSTROUTING')),
];

const selectRecords = (s: AppState) => s.run.records;
const selectCursor = (s: AppState) => s.playback.cursor;
const selectSelectedSeq = (s: AppState) => s.selection.recordSeq;

/** Whether the current packet is at this node (else the last packet seen here is shown). */
function usePathAtNode(nodeId: string) {
  const records = useAppState(selectRecords);
  const cursor = useAppState(selectCursor);
  const selectedSeq = useAppState(selectSelectedSeq);
  return useMemo(() => {
    const current = currentRecord(records, selectedSeq, cursor);
    const limit = current ? Math.max(cursor, current.seq + 1) : cursor;
    const own = current?.packetId !== undefined ? pathPosition(records, nodeId, current.packetId, current.seq + 1) : undefined;
    if (own) return { position: own, isCurrent: true };
    const last = lastPacketAt(records, nodeId, limit);
    return { position: last === undefined ? undefined : pathPosition(records, nodeId, last, limit), isCurrent: false };
  }, [records, cursor, selectedSeq, nodeId]);
}

/** The path through a Linux host (netfilter hooks, routing, IPVS) with the packet's way and position. */
export function NodePath({ nodeId }: { nodeId: string }) {
  const t = useT();
  const { position, isCurrent } = usePathAtNode(nodeId);
  const visited = new Set(position?.visited ?? []);
  const label = (s: PathStage): string => {
    if (s === 'ingress') return position?.inIface ? t('node.stage.ingressOn', { iface: position.inIface }) : t('node.stage.ingress');
    if (s === 'egress') return position?.outIface ? t('node.stage.egressOn', { iface: position.outIface }) : t('node.stage.egress');
    return t(`node.stage.${s}`);
  };
  const caption = !position ? t('node.path.none')
    : isCurrent ? t('node.path.current', { id: position.packetId })
      : t('node.path.last', { id: position.packetId });
  return (
    <figure className="node-path" data-testid="node-path">
      <svg viewBox={`-1 0 ${VIEW_W + 2} ${VIEW_H}`} role="img" aria-label={t('node.path.title')}>
        <defs>
          <marker id="node-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="node-path-arrowhead" />
          </marker>
        </defs>
        {ARROWS.map((d) => <path key={d} d={d} className="node-path-arrow" markerEnd="url(#node-arrow)" />)}
        {(Object.keys(BOX) as PathStage[]).map((s) => {
          const state = position?.current === s ? (position.dropped ? 'dropped' : 'current') : visited.has(s) ? 'visited' : 'idle';
          return (
            <g key={s} className={`node-stage node-stage--${state}`} data-testid={`node-stage-${s}`} data-state={state}>
              <rect x={BOX[s].x} y={BOX[s].y} width={W} height={H} rx={5} />
              <text x={BOX[s].x + W / 2} y={BOX[s].y + H / 2} dominantBaseline="central" textAnchor="middle">{label(s)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="node-path-caption">
        {caption}
        {position?.dropped && <strong className="node-path-drop"> {t('node.path.dropped')}</strong>}
      </figcaption>
    </figure>
  );
}
