import { useMemo } from 'react';
import { roleNames } from '../../lab/roles.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { explainRecord, formatTime } from '../inspector/format.ts';
import { neighbourTableAt, stepStart } from './neighbour-table.ts';

const selectRecords = (s: AppState) => s.run.records;
const selectCursor = (s: AppState) => s.playback.cursor;
const selectTimeUs = (s: AppState) => s.playback.timeUs;
const selectRoleDoc = (s: AppState) => s.run.runDoc ?? s.doc;

/** How many of the node's latest neighbour events the history under the table lists. */
const HISTORY = 8;

/** The ARP tab: the neighbour table at the playback position, rebuilt from the trace; fresh changes flash. */
export function ArpTab({ nodeId }: { nodeId: string }) {
  const t = useT();
  const records = useAppState(selectRecords);
  const cursor = useAppState(selectCursor);
  const timeUs = useAppState(selectTimeUs);
  const roleDoc = useAppState(selectRoleDoc);
  const roles = useMemo(() => roleNames(roleDoc), [roleDoc]);
  const rows = useMemo(() => neighbourTableAt(records, nodeId, cursor), [records, nodeId, cursor]);
  const history = useMemo(() => {
    const out = [];
    const from = stepStart(records, cursor);
    for (let i = Math.min(cursor, records.length) - 1; i >= 0 && out.length < HISTORY; i--) {
      const r = records[i]!;
      if (r.node === nodeId && (r.step === 'neigh' || r.step === 'arp')) out.push({ r, fresh: i >= from });
    }
    return out;
  }, [records, nodeId, cursor]);

  return (
    <div className="node-arp">
      <p className="node-note">{t('node.arp.at', { time: formatTime(timeUs) })}</p>
      {rows.length === 0 ? (
        <p className="node-empty" data-testid="arp-empty">{t('node.arp.empty')}</p>
      ) : (
        <table className="node-table" data-testid="arp-table">
          <thead>
            <tr>
              <th>{t('node.arp.ip')}</th>
              <th>{t('node.arp.mac')}</th>
              <th>{t('node.arp.dev')}</th>
              <th>{t('node.arp.state')}</th>
              <th>{t('node.arp.changed')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const ipRole = roles.ip.get(r.ip);
              const macRole = r.mac ? roles.mac.get(r.mac) : undefined;
              const owner = r.mac ? roles.macOwner.get(r.mac) : undefined;
              return (
                <tr
                  key={`${r.dev} ${r.ip} ${r.changedSeq}`}
                  className={r.fresh ? 'node-row--fresh' : undefined}
                  data-testid="arp-row"
                  data-ip={r.ip}
                  data-mac={r.mac ?? ''}
                  data-state={r.state}
                  data-fresh={r.fresh ? 'true' : 'false'}
                >
                  <td><span className="insp-mono">{r.ip}</span>{ipRole !== undefined && <span className="insp-role node-role">{ipRole}</span>}</td>
                  <td>
                    <span className="insp-mono">{r.mac ?? t('node.arp.incomplete')}</span>
                    {macRole !== undefined && <span className="insp-role node-role">{`${macRole}mac`}</span>}
                    {owner !== undefined && <span className="node-owner">{t('insp.mac.owner', { owner })}</span>}
                  </td>
                  <td>{r.dev}</td>
                  <td><span className={`node-state node-state--${r.state.toLowerCase()}`}>{r.state}</span></td>
                  <td className="insp-dim">{formatTime(r.changedUs)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {history.length > 0 && (
        <>
          <h4 className="node-subtitle">{t('node.arp.history')}</h4>
          <ol className="node-history" data-testid="arp-history">
            {history.map(({ r, fresh }) => (
              <li key={r.seq} className={fresh ? 'node-row--fresh' : undefined}>
                <span className="insp-dim">{formatTime(r.timeUs)}</span> {explainRecord(t, r)}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
