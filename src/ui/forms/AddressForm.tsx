import { useState, type FormEvent } from 'react';
import type { AddressScope } from '../../sim/model/config.ts';
import type { LabNode } from '../../lab/document.ts';
import { useT } from '../hooks/use-t.ts';
import { useCheckedEdit } from './checked-edit.ts';
import { checkAddressWithPrefix, checkLabel, type FieldError } from './field-checks.ts';
import { FieldMessage, LabErrors } from './FormErrors.tsx';
import { addAddress, hasAddress } from './lab-edits.ts';

const SCOPES: readonly AddressScope[] = ['global', 'link', 'host'];

/** `ip addr add ADDRESS/PREFIX dev DEV [label L] [scope S]` as a form. */
export function AddressForm({ node }: { node: LabNode }) {
  const t = useT();
  const edit = useCheckedEdit();
  const devs = node.interfaces.map((i) => i.name);
  const [dev, setDev] = useState(devs.find((d) => d !== 'lo') ?? devs[0] ?? '');
  const [address, setAddress] = useState('');
  const [label, setLabel] = useState('');
  const [scope, setScope] = useState<AddressScope>('global');
  const [errors, setErrors] = useState<{ address?: FieldError; label?: FieldError }>({});
  const [labErrors, setLabErrors] = useState<readonly string[]>([]);

  const reset = () => {
    setAddress('');
    setLabel('');
    setScope('global');
    setErrors({});
    setLabErrors([]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const a = checkAddressWithPrefix(address);
    const l = checkLabel(label, dev);
    const next: { address?: FieldError; label?: FieldError } = {};
    if (!a.ok) next.address = a.error;
    else if (hasAddress(node, dev, a.value.address, a.value.prefixLength)) next.address = { key: 'form.err.addressExists', params: { value: `${a.value.address}/${a.value.prefixLength}`, dev } };
    if (!l.ok) next.label = l.error;
    setErrors(next);
    setLabErrors([]);
    if (!a.ok || !l.ok || next.address) return;
    const out = edit('form.edit.addAddress', (d) => addAddress(d, node.id, {
      dev, address: a.value.address, prefixLength: a.value.prefixLength,
      ...(l.value ? { label: l.value } : {}), ...(scope !== 'global' ? { scope } : {}),
    }));
    if (out.ok) reset();
    else setLabErrors(out.errors);
  };

  return (
    <form className="form-row" onSubmit={submit} onKeyDown={(e) => { if (e.key === 'Escape') reset(); }} aria-label={t('form.address.title')}>
      <label className="form-field">
        <span>{t('form.address.address')}</span>
        <input
          data-testid="addr-new-address"
          value={address}
          placeholder="192.168.122.10/24"
          onChange={(e) => setAddress(e.target.value)}
          aria-invalid={errors.address !== undefined}
          aria-describedby="addr-new-address-err"
          size={18}
        />
        <FieldMessage id="addr-new-address-err" error={errors.address} />
      </label>
      <label className="form-field">
        <span>{t('form.address.dev')}</span>
        <select data-testid="addr-new-dev" value={dev} onChange={(e) => setDev(e.target.value)}>
          {devs.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </label>
      <label className="form-field">
        <span>{t('form.address.label')}</span>
        <input
          data-testid="addr-new-label"
          value={label}
          placeholder={`${dev}:0`}
          onChange={(e) => setLabel(e.target.value)}
          aria-invalid={errors.label !== undefined}
          aria-describedby="addr-new-label-err"
          size={9}
        />
        <FieldMessage id="addr-new-label-err" error={errors.label} />
      </label>
      <label className="form-field">
        <span>{t('form.address.scope')}</span>
        <select data-testid="addr-new-scope" value={scope} onChange={(e) => setScope(e.target.value as AddressScope)}>
          {SCOPES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <button type="submit" data-testid="addr-add">{t('form.address.add')}</button>
      <LabErrors errors={labErrors} />
    </form>
  );
}
