import { useState, type FormEvent } from 'react';
import type { ForwardingMethod, RealServerConfig, VirtualServiceConfig } from '../../sim/model/config.ts';
import type { LabNode } from '../../lab/document.ts';
import { useT } from '../hooks/use-t.ts';
import { useCheckedEdit } from './checked-edit.ts';
import { checkInt, checkIpv4, checkPort, type FieldError } from './field-checks.ts';
import { FieldMessage, LabErrors } from './FormErrors.tsx';
import { addRealServer, editRealServer } from './lab-edits.ts';

const METHODS: readonly ForwardingMethod[] = ['droute', 'masq', 'tunnel'];

interface Errors { address?: FieldError; port?: FieldError; weight?: FieldError; upper?: FieldError; lower?: FieldError; form?: FieldError }

/**
 * `ipvsadm -a` (add) or `ipvsadm -e` (edit, when `index` is given) of a real server of service
 * `service`: address, port, forwarding method, weight and thresholds.
 */
export function RealServerForm({ node, service, index, onDone }: { node: LabNode; service: number; index?: number; onDone: () => void }) {
  const t = useT();
  const edit = useCheckedEdit();
  const svc: VirtualServiceConfig | undefined = node.ipvs.services[service];
  const old = index === undefined ? undefined : svc?.realServers[index];
  const [address, setAddress] = useState(old?.address ?? '');
  const [port, setPort] = useState(String(old?.port ?? svc?.port ?? 80));
  const [method, setMethod] = useState<ForwardingMethod>(old?.forwardingMethod ?? 'droute');
  const [weight, setWeight] = useState(String(old?.weight ?? 1));
  const [upper, setUpper] = useState(String(old?.upperThreshold ?? 0));
  const [lower, setLower] = useState(String(old?.lowerThreshold ?? 0));
  const [errors, setErrors] = useState<Errors>({});
  const [labErrors, setLabErrors] = useState<readonly string[]>([]);
  if (!svc) return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    const a = checkIpv4(address);
    const p = checkPort(port, svc.protocol === 'fwmark' || svc.persistentTimeout !== undefined);
    const w = checkInt(weight, 0, 65535);
    const u = checkInt(upper, 0, 2147483647);
    const l = checkInt(lower, 0, 2147483647);
    if (!a.ok) next.address = a.error;
    if (!p.ok) next.port = p.error;
    if (!w.ok) next.weight = w.error;
    if (!u.ok) next.upper = u.error;
    if (!l.ok) next.lower = l.error;
    // Only masquerading can map ports (ipvsadm refuses a different port with -g or -i).
    if (p.ok && method !== 'masq' && svc.protocol !== 'fwmark' && p.value !== svc.port) next.port = { key: 'form.err.portMapping', params: { port: svc.port ?? 0 } };
    if (u.ok && l.ok && u.value !== 0 && l.value > u.value) next.lower = { key: 'form.err.thresholds', params: {} };
    if (a.ok && p.ok && svc.realServers.some((r, i) => i !== index && r.address === a.value && r.port === p.value)) {
      // ipvsadm: "Destination already exists".
      next.form = { key: 'form.err.destExists', params: { value: `${a.value}:${p.value}` } };
    }
    setErrors(next);
    setLabErrors([]);
    if (Object.keys(next).length > 0 || !a.ok || !p.ok || !w.ok || !u.ok || !l.ok) return;
    const rs: RealServerConfig = { address: a.value, port: p.value, forwardingMethod: method, weight: w.value, upperThreshold: u.value, lowerThreshold: l.value };
    const out = index === undefined
      ? edit('form.edit.addRealServer', (d) => addRealServer(d, node.id, service, rs))
      : edit('form.edit.editRealServer', (d) => editRealServer(d, node.id, service, index, rs));
    if (out.ok) onDone();
    else setLabErrors(out.errors);
  };

  const id = `rs-${service}-${index ?? 'new'}`;
  const field = (name: keyof Errors, label: string, value: string, set: (v: string) => void, size: number, testId: string, placeholder?: string) => (
    <label className="form-field">
      <span>{label}</span>
      <input data-testid={testId} value={value} size={size} placeholder={placeholder} onChange={(e) => set(e.target.value)} aria-invalid={errors[name] !== undefined} aria-describedby={`${id}-${name}-err`} />
      <FieldMessage id={`${id}-${name}-err`} error={errors[name]} />
    </label>
  );
  return (
    <form className="form-row form-box" onSubmit={submit} onKeyDown={(e) => { if (e.key === 'Escape') onDone(); }} aria-label={index === undefined ? t('form.rs.addTitle') : t('form.rs.editTitle')} data-testid="rs-form">
      {field('address', t('form.rs.address'), address, setAddress, 15, 'rs-address', '192.168.122.100')}
      {field('port', t('form.rs.port'), port, setPort, 5, 'rs-port')}
      <label className="form-field">
        <span>{t('form.rs.method')}</span>
        <select data-testid="rs-method" value={method} onChange={(e) => setMethod(e.target.value as ForwardingMethod)}>
          {METHODS.map((m) => <option key={m} value={m}>{t(`form.rs.method.${m}`)}</option>)}
        </select>
      </label>
      {field('weight', t('form.rs.weight'), weight, setWeight, 5, 'rs-weight')}
      {field('upper', t('form.rs.upper'), upper, setUpper, 5, 'rs-upper')}
      {field('lower', t('form.rs.lower'), lower, setLower, 5, 'rs-lower')}
      <button type="submit" data-testid="rs-save">{index === undefined ? t('form.rs.add') : t('form.save')}</button>
      <button type="button" onClick={onDone}>{t('form.cancel')}</button>
      <FieldMessage id={`${id}-err`} error={errors.form} />
      <LabErrors errors={labErrors} />
    </form>
  );
}
