import { useMemo } from 'react';
import { roleNames } from '../../lab/roles.ts';
import type { NodeSnapshot } from '../../sim/model/snapshot.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { formatTime } from '../inspector/format.ts';
import { connColumns } from './ipvsadm-lines.ts';

const selectRoleDoc = (s: AppState) => s.run.runDoc ?? s.doc;
const selectEndUs = (s: AppState) => s.run.endUs;

function Endpoint({ value, roles }: { value: string; roles: ReturnType<typeof roleNames> }) {
  const role = roles.ip.get(value.slice(0, value.lastIndexOf(':')));
  return <td><span className="insp-mono">{value}</span>{role !== undefined && <span className="insp-role node-role">{role}</span>}</td>;
}

/** The Connections tab: the IPVS connection table (`ipvsadm -Lnc`) at the end of the run. */
export function ConnsTab({ snapshot, stale }: { snapshot: NodeSnapshot | undefined; stale: boolean }) {
  const t = useT();
  const roleDoc = useAppState(selectRoleDoc);
  const endUs = useAppState(selectEndUs);
  const roles = useMemo(() => roleNames(roleDoc), [roleDoc]);
  if (!snapshot) return <p className="node-empty">{t('node.noSnapshot')}</p>;
  if (!snapshot.ipvsLoaded) return <p className="node-empty">{t('node.ipvs.notLoaded')}</p>;
  return (
    <div className="node-conns">
      <p className="node-note">{t('node.conns.at', { time: formatTime(endUs) })}{stale ? ` ${t('node.stale')}` : ''}</p>
      {snapshot.connections.length === 0 ? <p className="node-empty">{t('node.conns.none')}</p> : (
        <table className="node-table" data-testid="conns-table">
          <thead>
            <tr>
              <th>pro</th>
              <th>expire</th>
              <th>state</th>
              <th>source</th>
              <th>virtual</th>
              <th>destination</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.connections.map((c) => {
              const k = connColumns(c);
              return (
                <tr key={`${k.pro} ${k.source} ${k.virtual} ${k.destination}`} data-testid="conn-row" className={c.template ? 'node-row--template' : undefined}>
                  <td>{k.pro}</td>
                  <td className="insp-mono">{k.expire}</td>
                  <td>{k.state}{c.template ? <span className="node-tag">{t('node.conns.template')}</span> : null}</td>
                  <Endpoint value={k.source} roles={roles} />
                  <Endpoint value={k.virtual} roles={roles} />
                  <Endpoint value={k.destination} roles={roles} />
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
