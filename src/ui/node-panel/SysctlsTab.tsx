import { useState } from 'react';
import { CONF_COMBINE, CONF_DEFAULTS, type ConfKey } from '../../sim/model/sysctl-keys.ts';
import type { LabNode } from '../../lab/document.ts';
import { useT } from '../hooks/use-t.ts';
import { SysctlSelect } from '../forms/SysctlSelect.tsx';
import { confName, effectiveConf, globalValue, rawConf } from '../forms/sysctl-values.ts';

/** The settings the ARP and LVS lessons turn on and off, first; the rest behind "all settings". */
const MAIN_KEYS: readonly ConfKey[] = ['arp_ignore', 'arp_announce', 'arp_filter', 'rp_filter', 'accept_local', 'send_redirects', 'forwarding'];
const ALL_KEYS = Object.keys(CONF_DEFAULTS) as ConfKey[];
/** The sysctls without one name: what that name would read if it were not set. */
function without(sysctls: Readonly<Record<string, number>>, name: string): Readonly<Record<string, number>> {
  if (!(name in sysctls)) return sysctls;
  const { [name]: _removed, ...rest } = sysctls;
  return rest;
}

/** Keys whose values have their own sentences (`node.sysctl.val.<key>.<n>`). */
const EXPLAINED: Readonly<Record<string, readonly number[]>> = {
  arp_ignore: [0, 1, 2, 3, 8],
  arp_announce: [0, 1, 2],
  rp_filter: [0, 1, 2],
  arp_filter: [0, 1],
  accept_local: [0, 1],
  send_redirects: [0, 1],
  forwarding: [0, 1],
  ip_forward: [0, 1],
};

function Help({ keyName }: { keyName: string }) {
  const t = useT();
  const values = EXPLAINED[keyName];
  const combine = keyName in CONF_COMBINE ? CONF_COMBINE[keyName as ConfKey] : undefined;
  return (
    <aside className="node-sysctl-help" data-testid="sysctl-help" aria-live="polite">
      <strong>{keyName}</strong>
      {combine !== undefined && <span className="node-tag">{t(`node.sysctl.combine.${combine}`)}</span>}
      {values ? (
        <ul>{values.map((v) => <li key={v}><code>{v}</code> {t(`node.sysctl.val.${keyName}.${v}`)}</li>)}</ul>
      ) : (
        <p>{t('node.sysctl.noHelp')}</p>
      )}
    </aside>
  );
}

/**
 * The Sysctls tab: each setting for `all`, `default` and every device, explicit values marked,
 * and the value the kernel uses on each device after combining it with `all`.
 */
export function SysctlsTab({ node }: { node: LabNode }) {
  const t = useT();
  const [showAll, setShowAll] = useState(false);
  const [helpKey, setHelpKey] = useState<string>('arp_ignore');
  const devs = node.interfaces.map((i) => i.name);
  const keys = showAll ? ALL_KEYS : MAIN_KEYS;
  const ipForward = 'net.ipv4.ip_forward';
  return (
    <div className="node-sysctls">
      <div className="node-sysctl-main">
        <div className="node-sysctl-global">
          <label className="node-inline">
            <code>{ipForward}</code>
            <SysctlSelect node={node} name={ipForward} inherited={globalValue(without(node.sysctls, ipForward), ipForward)} onFocusKey={() => setHelpKey('ip_forward')} />
          </label>
          <label className="insp-check">
            <input type="checkbox" data-testid="sysctl-show-all" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
            {t('node.sysctl.showAll')}
          </label>
        </div>
        <div className="insp-table-wrap">
          <table className="node-table node-sysctl-table" data-testid="sysctl-table">
            <thead>
              <tr>
                <th>{t('node.sysctl.key')}</th>
                <th>all</th>
                <th>default</th>
                {devs.map((d) => <th key={d}>{d}</th>)}
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key}>
                  <th scope="row" className="node-sysctl-key">
                    <code>{key}</code>
                    <span className="insp-dim node-sysctl-rule">{t(`node.sysctl.combine.${CONF_COMBINE[key]}`)}</span>
                  </th>
                  {['all', 'default'].map((dev) => (
                    <td key={dev}>
                      <SysctlSelect node={node} name={confName(dev, key)} inherited={rawConf(without(node.sysctls, confName(dev, key)), dev, key)} onFocusKey={() => setHelpKey(key)} />
                    </td>
                  ))}
                  {devs.map((dev) => {
                    const eff = effectiveConf(node.sysctls, dev, key);
                    return (
                      <td key={dev}>
                        <SysctlSelect node={node} name={confName(dev, key)} inherited={rawConf(without(node.sysctls, confName(dev, key)), dev, key)} onFocusKey={() => setHelpKey(key)} />
                        <span
                          className="node-effective"
                          data-testid={`sysctl-effective-${confName(dev, key)}`}
                          title={t('node.sysctl.effectiveTitle', { dev, key, value: eff })}
                        >
                          {t('node.sysctl.effective', { value: eff })}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="node-note">{t('node.sysctl.note')}</p>
      </div>
      <Help keyName={helpKey} />
    </div>
  );
}
