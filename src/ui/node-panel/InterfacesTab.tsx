import { useMemo, useState } from 'react';
import type { InterfaceConfig } from '../../sim/model/config.ts';
import type { LabNode } from '../../lab/document.ts';
import type { NodeSnapshot } from '../../sim/model/snapshot.ts';
import { roleNames } from '../../lab/roles.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { AddressForm } from '../forms/AddressForm.tsx';
import { useCheckedEdit } from '../forms/checked-edit.ts';
import { checkInt, type FieldError } from '../forms/field-checks.ts';
import { FieldMessage, LabErrors } from '../forms/FormErrors.tsx';
import { removeAddress, setInterfaceMtu, setInterfaceUp } from '../forms/lab-edits.ts';

const selectDoc = (s: AppState) => s.doc;

/** An MTU box: Enter or leaving the box applies it, Escape puts the old value back. */
function MtuInput({ node, itf, onErrors }: { node: LabNode; itf: InterfaceConfig; onErrors: (e: readonly string[]) => void }) {
  const t = useT();
  const edit = useCheckedEdit();
  const [text, setText] = useState(String(itf.mtu));
  const [error, setError] = useState<FieldError | undefined>(undefined);
  const [shownMtu, setShownMtu] = useState(itf.mtu);
  if (shownMtu !== itf.mtu) {
    // The document changed under us (undo, shell): show its value.
    setShownMtu(itf.mtu);
    setText(String(itf.mtu));
  }
  const apply = () => {
    const v = checkInt(text, 68, 65536);
    if (!v.ok) {
      setError(v.error);
      return;
    }
    setError(undefined);
    const out = edit('form.edit.mtu', (d) => setInterfaceMtu(d, node.id, itf.name, v.value));
    onErrors(out.ok ? [] : out.errors);
  };
  const id = `mtu-${itf.name}-err`;
  return (
    <span className="node-mtu">
      <input
        data-testid={`iface-mtu-${itf.name}`}
        aria-label={t('node.iface.mtuOf', { dev: itf.name })}
        value={text}
        size={6}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
          if (e.key === 'Escape') {
            setText(String(itf.mtu));
            setError(undefined);
          }
        }}
        aria-invalid={error !== undefined}
        aria-describedby={id}
      />
      <FieldMessage id={id} error={error} />
    </span>
  );
}

/** The Interfaces tab: devices with MAC, MTU, state and addresses; editable. */
export function InterfacesTab({ node, snapshot }: { node: LabNode; snapshot: NodeSnapshot | undefined }) {
  const t = useT();
  const edit = useCheckedEdit();
  const doc = useAppState(selectDoc);
  const [errors, setErrors] = useState<readonly string[]>([]);
  const roles = useMemo(() => roleNames(doc), [doc]);
  const toggle = (itf: InterfaceConfig) => {
    const out = edit('form.edit.linkState', (d) => setInterfaceUp(d, node.id, itf.name, !itf.up));
    setErrors(out.ok ? [] : out.errors);
  };
  const remove = (index: number) => {
    const out = edit('form.edit.removeAddress', (d) => removeAddress(d, node.id, index));
    setErrors(out.ok ? [] : out.errors);
  };
  return (
    <div className="node-ifaces">
      <table className="node-table" data-testid="iface-table">
        <thead>
          <tr>
            <th>{t('node.iface.dev')}</th>
            <th>{t('node.iface.state')}</th>
            <th>{t('node.iface.mac')}</th>
            <th>{t('node.iface.mtu')}</th>
            <th>{t('node.iface.addresses')}</th>
          </tr>
        </thead>
        <tbody>
          {node.interfaces.map((itf) => {
            const running = snapshot?.interfaces.find((i) => i.name === itf.name);
            const kernelOnly = running?.addresses.filter((a) => !node.addresses.some((c) => c.dev === itf.name && c.address === a.address && c.prefixLength === a.prefixLength)) ?? [];
            return (
              <tr key={itf.name} data-testid="iface-row" data-dev={itf.name}>
                <td><strong>{itf.name}</strong> <span className="insp-dim">{t(`node.iface.kind.${itf.kind}`)}</span></td>
                <td>
                  <button
                    type="button"
                    className={`node-updown node-updown--${itf.up ? 'up' : 'down'}`}
                    data-testid={`iface-up-${itf.name}`}
                    aria-pressed={itf.up}
                    onClick={() => toggle(itf)}
                    title={itf.up ? t('node.iface.setDown', { dev: itf.name }) : t('node.iface.setUp', { dev: itf.name })}
                  >
                    {itf.up ? 'UP' : 'DOWN'}
                  </button>
                </td>
                <td className="insp-mono">{itf.mac ?? running?.mac ?? ''}</td>
                <td><MtuInput node={node} itf={itf} onErrors={setErrors} /></td>
                <td>
                  <ul className="node-addr-list">
                    {node.addresses.map((a, i) => (a.dev !== itf.name ? null : (
                      <li key={`${a.address}/${a.prefixLength} ${i}`} data-testid="iface-address" data-address={`${a.address}/${a.prefixLength}`}>
                        <span className="insp-mono">{a.address}/{a.prefixLength}</span>
                        {roles.ip.get(a.address) !== undefined && <span className="insp-role node-role">{roles.ip.get(a.address)}</span>}
                        {a.label && a.label !== a.dev && <span className="node-tag">{t('node.iface.labelIs', { label: a.label })}</span>}
                        <span className="node-tag">{t('node.iface.scopeIs', { scope: a.scope ?? 'global' })}</span>
                        <button type="button" className="node-small-button" onClick={() => remove(i)} aria-label={t('node.iface.removeAddress', { address: `${a.address}/${a.prefixLength}`, dev: a.dev })}>
                          {t('form.remove')}
                        </button>
                      </li>
                    )))}
                    {kernelOnly.map((a) => (
                      <li key={`k ${a.address}/${a.prefixLength}`} className="insp-dim">
                        <span className="insp-mono">{a.address}/{a.prefixLength}</span>
                        <span className="node-tag">{t('node.iface.scopeIs', { scope: a.scope })}</span>
                        <span className="node-tag">{t('node.iface.kernelAdded')}</span>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <LabErrors errors={errors} />
      <h4 className="node-subtitle">{t('form.address.title')}</h4>
      <AddressForm node={node} />
    </div>
  );
}
