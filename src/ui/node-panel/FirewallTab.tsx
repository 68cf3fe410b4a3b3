import { findNode, type LabNode } from '../../lab/document.ts';
import { listedChains } from '../../lab/shell/iptables/iptables.ts';
import { listChains } from '../../lab/shell/iptables/list.ts';
import { CHAINS } from '../../lab/shell/iptables/parse.ts';
import type { NodeSnapshot } from '../../sim/model/snapshot.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';

const selectRunDoc = (s: AppState) => s.run.runDoc;

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
  const filterText = listChains(listedChains(shown, 'filter', CHAINS.filter, snapshot?.filterCounters), false, { numeric: true }, { exact: false });
  const nat = listedChains(shown, 'nat', CHAINS.nat);
  const hasNat = nat.some((c) => c.rules.length > 0);
  const natText = hasNat ? listChains(nat, false, { numeric: true }) : '';
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
