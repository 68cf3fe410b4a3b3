import { findNode, type LabNode } from '../../lab/document.ts';
import { listChains } from '../../lab/shell/iptables/list.ts';
import { FILTER_CHAINS } from '../../sim/model/config.ts';
import type { NodeSnapshot } from '../../sim/model/snapshot.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';

const selectRunDoc = (s: AppState) => s.run.runDoc;

const NAT_CHAINS = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] as const;

/**
 * The Firewall tab: `iptables -nvL` of the node (its filter rules with the run's counters) and,
 * when it has any, `iptables -t nat -nL` — the shell's own listings, so they read exactly like the
 * commands in the console. Rules are added there (`iptables -A …`).
 */
export function FirewallTab({ node, snapshot, stale }: { node: LabNode; snapshot: NodeSnapshot | undefined; stale: boolean }) {
  const t = useT();
  const runDoc = useAppState(selectRunDoc);
  // The listing pairs the lab the run was built from with that run's counters.
  const shown = (runDoc ? findNode(runDoc, node.id) : undefined) ?? node;
  const filter = shown.iptables.filter;
  const counters = snapshot?.filterCounters;
  const filterText = listChains(FILTER_CHAINS.map((c) => ({
    name: c, policy: filter?.policy?.[c] ?? 'ACCEPT', rules: filter?.[c] ?? [], ...(counters ? { counters: counters[c] } : {}),
  })), false, { numeric: true }, { exact: false });
  const nat = shown.iptables.nat;
  const hasNat = NAT_CHAINS.some((c) => nat[c].length > 0);
  const natText = hasNat ? listChains(NAT_CHAINS.map((c) => ({ name: c, policy: 'ACCEPT' as const, rules: nat[c] })), false, { numeric: true }) : '';
  return (
    <div className="node-firewall">
      <h4 className="node-subtitle"><code>iptables -nvL</code></h4>
      {!snapshot ? <p className="node-empty">{t('node.noSnapshot')}</p> : <pre className="node-pre" data-testid="iptables-filter">{filterText.replace(/\n$/, '')}</pre>}
      {hasNat && (
        <>
          <h4 className="node-subtitle"><code>iptables -t nat -nL</code></h4>
          <pre className="node-pre" data-testid="iptables-nat">{natText.replace(/\n$/, '')}</pre>
        </>
      )}
      {stale && <p className="node-note">{t('node.stale')}</p>}
      <p className="node-note">{t('node.firewall.hint')}</p>
    </div>
  );
}
