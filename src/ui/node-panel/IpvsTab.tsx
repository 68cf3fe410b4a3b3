import { useState } from 'react';
import type { VirtualServiceConfig } from '../../sim/model/config.ts';
import { findNode, type LabNode } from '../../lab/document.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import type { NodeSnapshot } from '../../sim/model/snapshot.ts';
import { useT } from '../hooks/use-t.ts';
import { useCheckedEdit } from '../forms/checked-edit.ts';
import { LabErrors } from '../forms/FormErrors.tsx';
import { deleteRealServer, deleteService } from '../forms/lab-edits.ts';
import { RealServerForm } from '../forms/RealServerForm.tsx';
import { ServiceForm } from '../forms/ServiceForm.tsx';
import { ipvsadmList } from './ipvsadm-lines.ts';

/** What is open for editing: a new service, a service, a new real server of a service, a real server. */
type Editing =
  | { kind: 'service'; index?: number }
  | { kind: 'rs'; service: number; index?: number }
  | undefined;

/** `-t 192.168.122.188:80` as ipvsadm names a service on its command line. */
function serviceArg(s: VirtualServiceConfig): string {
  return s.protocol === 'fwmark' ? `-f ${s.fwmark ?? 0}` : `${s.protocol === 'tcp' ? '-t' : '-u'} ${s.address ?? ''}:${s.port ?? 0}`;
}

const selectRunDoc = (s: AppState) => s.run.runDoc;

const METHOD_FLAG = { masq: '-m', droute: '-g', tunnel: '-i' } as const;

/** The IPVS tab: `ipvsadm -Ln` of the running director, and the services and real servers of the lab, editable. */
export function IpvsTab({ node, snapshot, stale }: { node: LabNode; snapshot: NodeSnapshot | undefined; stale: boolean }) {
  const t = useT();
  const edit = useCheckedEdit();
  const runDoc = useAppState(selectRunDoc);
  // The listing pairs the lab the run was built from with that run's counters.
  const runNode = runDoc ? findNode(runDoc, node.id) : undefined;
  const [editing, setEditing] = useState<Editing>(undefined);
  const [errors, setErrors] = useState<readonly string[]>([]);
  const close = () => setEditing(undefined);
  const removeService = (i: number) => {
    const out = edit('form.edit.deleteService', (d) => deleteService(d, node.id, i));
    setErrors(out.ok ? [] : out.errors);
  };
  const removeRs = (s: number, i: number) => {
    const out = edit('form.edit.deleteRealServer', (d) => deleteRealServer(d, node.id, s, i));
    setErrors(out.ok ? [] : out.errors);
  };
  return (
    <div className="node-ipvs">
      <div className="node-columns">
        <section>
          <h4 className="node-subtitle"><code>ipvsadm -Ln</code></h4>
          {!snapshot ? <p className="node-empty">{t('node.noSnapshot')}</p>
            : !snapshot.ipvsLoaded ? <p className="node-empty">{t('node.ipvs.notLoaded')}</p>
              : <pre className="node-pre" data-testid="ipvsadm-output">{ipvsadmList(runNode ?? node, snapshot).join('\n')}</pre>}
          {stale && <p className="node-note">{t('node.stale')}</p>}
        </section>
        <section>
          <h4 className="node-subtitle">{t('node.ipvs.config')}</h4>
          {node.ipvs.services.length === 0 && <p className="node-empty">{t('node.ipvs.noServices')}</p>}
          {node.ipvs.services.map((s, si) => (
            <div key={`${si} ${serviceArg(s)}`} className="node-service" data-testid="ipvs-service">
              <div className="node-service-head">
                <code className="insp-mono">ipvsadm -A {serviceArg(s)} -s {s.scheduler}{s.persistentTimeout !== undefined ? ` -p ${s.persistentTimeout}` : ''}</code>
                <button type="button" className="node-small-button" onClick={() => setEditing({ kind: 'service', index: si })}>{t('form.edit')}</button>
                <button type="button" className="node-small-button" onClick={() => removeService(si)} aria-label={t('node.ipvs.deleteService', { service: serviceArg(s) })}>{t('form.remove')}</button>
              </div>
              {editing?.kind === 'service' && editing.index === si && <ServiceForm node={node} index={si} onDone={close} />}
              <ul className="node-list">
                {s.realServers.map((r, ri) => (
                  <li key={`${r.address}:${r.port}`} data-testid="ipvs-rs">
                    <code className="insp-mono">-a {serviceArg(s)} -r {r.address}:{r.port} {METHOD_FLAG[r.forwardingMethod]} -w {r.weight}</code>
                    <span className="node-tag">{t(`form.rs.method.${r.forwardingMethod}`)}</span>
                    <button type="button" className="node-small-button" onClick={() => setEditing({ kind: 'rs', service: si, index: ri })}>{t('form.edit')}</button>
                    <button type="button" className="node-small-button" onClick={() => removeRs(si, ri)} aria-label={t('node.ipvs.deleteRs', { rs: `${r.address}:${r.port}` })}>{t('form.remove')}</button>
                    {editing?.kind === 'rs' && editing.service === si && editing.index === ri && <RealServerForm node={node} service={si} index={ri} onDone={close} />}
                  </li>
                ))}
              </ul>
              {editing?.kind === 'rs' && editing.service === si && editing.index === undefined
                ? <RealServerForm node={node} service={si} onDone={close} />
                : <button type="button" data-testid="ipvs-add-rs" onClick={() => setEditing({ kind: 'rs', service: si })}>{t('node.ipvs.addRs')}</button>}
            </div>
          ))}
          <LabErrors errors={errors} />
          {editing?.kind === 'service' && editing.index === undefined
            ? <ServiceForm node={node} onDone={close} />
            : <button type="button" data-testid="ipvs-add-service" onClick={() => setEditing({ kind: 'service' })}>{t('node.ipvs.addService')}</button>}
        </section>
      </div>
    </div>
  );
}
