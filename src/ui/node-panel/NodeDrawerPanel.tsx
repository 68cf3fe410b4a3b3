import { useState } from 'react';
import { findNode } from '../../lab/document.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { DrawerResizer } from '../app/DrawerResizer.tsx';
import { TabStrip } from '../inspector/TabStrip.tsx';
import { ArpTab } from './ArpTab.tsx';
import { ConnsTab } from './ConnsTab.tsx';
import { ConsoleTab } from './ConsoleTab.tsx';
import { InterfacesTab } from './InterfacesTab.tsx';
import { FirewallTab } from './FirewallTab.tsx';
import { IpvsTab } from './IpvsTab.tsx';
import { NodePath } from './NodePath.tsx';
import { RoutesTab } from './RoutesTab.tsx';
import { SysctlsTab } from './SysctlsTab.tsx';
import '../inspector/inspector.css';
import './node-panel.css';

type NodeTab = 'arp' | 'routes' | 'interfaces' | 'sysctls' | 'ipvs' | 'conns' | 'firewall' | 'console';

const selectDrawerNode = (s: AppState) => (s.drawerNodeId === undefined ? undefined : findNode(s.doc, s.drawerNodeId));

const selectSnapshots = (s: AppState) => s.run.snapshots;
const selectStale = (s: AppState) => s.run.stale;

/**
 * The bottom drawer of an opened node (Escape closes it: the app's escape command): the path through it with the current packet's position,
 * and its tables (ARP, routes, interfaces, sysctls, IPVS, connections) and console.
 */
/** The open drawer: its top edge (to share the height with the canvas) and the node's panel. */
export default function NodeDrawerArea() {
  return (
    <>
      <DrawerResizer />
      <NodeDrawerPanel />
    </>
  );
}

function NodeDrawerPanel() {
  const t = useT();
  const store = useStoreApi();
  const node = useAppState(selectDrawerNode);
  const snapshots = useAppState(selectSnapshots);
  const stale = useAppState(selectStale);
  const [tab, setTab] = useState<NodeTab>('arp');
  if (!node) return null;
  const snapshot = snapshots[node.id];
  const close = () => store.getState().closeDrawer();
  const title = t('node.title', { node: node.id, role: t(`node.role.${node.role}`) });

  if (node.kind === 'switch') {
    return (
      <section className="node-drawer" data-testid="node-drawer" data-node={node.id} aria-label={title}>
        <header className="node-head">
          <h2 className="node-title">{title}</h2>
          <button type="button" className="node-close" data-testid="node-close" onClick={close} aria-label={t('node.close')}>×</button>
        </header>
        <p className="node-empty">{t('node.switch')}</p>
      </section>
    );
  }

  const tabs = [
    { id: 'arp' as const, label: t('node.tab.arp'), testId: 'node-tab-arp' },
    { id: 'routes' as const, label: t('node.tab.routes'), testId: 'node-tab-routes' },
    { id: 'interfaces' as const, label: t('node.tab.interfaces'), testId: 'node-tab-interfaces' },
    { id: 'sysctls' as const, label: t('node.tab.sysctls'), testId: 'node-tab-sysctls' },
    { id: 'ipvs' as const, label: t('node.tab.ipvs'), testId: 'node-tab-ipvs' },
    { id: 'conns' as const, label: t('node.tab.conns'), testId: 'node-tab-conns' },
    { id: 'firewall' as const, label: t('node.tab.firewall'), testId: 'node-tab-firewall' },
    { id: 'console' as const, label: t('node.tab.console'), testId: 'node-tab-console' },
  ];
  return (
    <section className="node-drawer" data-testid="node-drawer" data-node={node.id} aria-label={title}>
      <header className="node-head">
        <h2 className="node-title">{title}</h2>
        <TabStrip className="node-tabs" idPrefix="node" label={title} active={tab} onChange={setTab} tabs={tabs} />
        <button type="button" className="node-close" data-testid="node-close" onClick={close} aria-label={t('node.close')}>×</button>
      </header>
      <div className="node-body">
        <NodePath nodeId={node.id} />
        <div className="node-panel" role="tabpanel" id="node-panel" aria-labelledby={`node-tab-${tab}`}>
          {tab === 'arp' && <ArpTab nodeId={node.id} />}
          {tab === 'routes' && <RoutesTab node={node} snapshot={snapshot} stale={stale} />}
          {tab === 'interfaces' && <InterfacesTab node={node} snapshot={snapshot} />}
          {tab === 'sysctls' && <SysctlsTab node={node} />}
          {tab === 'ipvs' && <IpvsTab node={node} snapshot={snapshot} stale={stale} />}
          {tab === 'conns' && <ConnsTab snapshot={snapshot} stale={stale} />}
          {tab === 'firewall' && <FirewallTab node={node} snapshot={snapshot} stale={stale} />}
          {tab === 'console' && <ConsoleTab nodeId={node.id} />}
        </div>
      </div>
    </section>
  );
}
