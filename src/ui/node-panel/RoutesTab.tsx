import { useState } from 'react';
import type { RouteConfig } from '../../sim/model/config.ts';
import { updateNode, type LabNode } from '../../lab/document.ts';
import type { NodeSnapshot } from '../../sim/model/snapshot.ts';
import { useT } from '../hooks/use-t.ts';
import { useCheckedEdit } from '../forms/checked-edit.ts';
import { LabErrors } from '../forms/FormErrors.tsx';
import { RouteForm } from '../forms/RouteForm.tsx';
import { tableLines } from './route-lines.ts';

/** A configured route as `ip route add` would take it. */
function routeCommand(r: RouteConfig): string {
  return [r.type && r.type !== 'unicast' ? r.type : '', r.dst, r.via ? `via ${r.via}` : '', r.dev ? `dev ${r.dev}` : '',
    r.src ? `src ${r.src}` : '', r.scope ? `scope ${r.scope}` : '', r.metric !== undefined ? `metric ${r.metric}` : '',
    r.mtu !== undefined ? `mtu ${r.mtuLock === true ? 'lock ' : ''}${r.mtu}` : '', r.advmss !== undefined ? `advmss ${r.advmss}` : '']
    .filter((x) => x !== '').join(' ');
}

/** The Routes tab: `ip route` of the main and local tables as the kernel holds them, and the routes the lab adds. */
export function RoutesTab({ node, snapshot, stale }: { node: LabNode; snapshot: NodeSnapshot | undefined; stale: boolean }) {
  const t = useT();
  const edit = useCheckedEdit();
  const [errors, setErrors] = useState<readonly string[]>([]);
  const remove = (index: number) => {
    const out = edit('form.edit.removeRoute', (d) => updateNode(d, node.id, (n) => ({ ...n, routes: n.routes.filter((_, i) => i !== index) })));
    setErrors(out.ok ? [] : out.errors);
  };
  return (
    <div className="node-routes">
      {snapshot ? (
        <div className="node-columns">
          <section>
            <h4 className="node-subtitle">{t('node.routes.main')}</h4>
            <pre className="node-pre" data-testid="routes-main">{tableLines(snapshot.routes, 'main').join('\n') || t('node.routes.emptyTable')}</pre>
          </section>
          <section>
            <h4 className="node-subtitle">{t('node.routes.local')}</h4>
            <pre className="node-pre" data-testid="routes-local">{tableLines(snapshot.routes, 'local').join('\n') || t('node.routes.emptyTable')}</pre>
          </section>
        </div>
      ) : (
        <p className="node-empty">{t('node.noSnapshot')}</p>
      )}
      {stale && <p className="node-note">{t('node.stale')}</p>}
      <h4 className="node-subtitle">{t('node.routes.configured')}</h4>
      {node.routes.length === 0 ? <p className="node-empty">{t('node.routes.none')}</p> : (
        <ul className="node-list" data-testid="routes-configured">
          {node.routes.map((r, i) => (
            <li key={`${i} ${routeCommand(r)}`}>
              <code className="insp-mono">ip route add {routeCommand(r)}</code>
              <button type="button" className="node-small-button" onClick={() => remove(i)} aria-label={t('node.routes.remove', { route: routeCommand(r) })}>{t('form.remove')}</button>
            </li>
          ))}
        </ul>
      )}
      <LabErrors errors={errors} />
      <RouteForm node={node} />
    </div>
  );
}
