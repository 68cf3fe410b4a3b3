import { useState, type FormEvent } from 'react';
import type { VirtualServiceConfig } from '../../sim/model/config.ts';
import type { LabNode } from '../../lab/document.ts';
import { useT } from '../hooks/use-t.ts';
import { useCheckedEdit } from './checked-edit.ts';
import { checkInt, checkIpv4, checkPort, type FieldError } from './field-checks.ts';
import { FieldMessage, LabErrors } from './FormErrors.tsx';
import { addService, editService } from './lab-edits.ts';

/** The schedulers of ipvsadm 1.31 / Linux IPVS. */
export const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'sed', 'nq', 'sh', 'dh', 'lblc', 'lblcr', 'mh', 'fo', 'ovf', 'twos'] as const;

type Protocol = VirtualServiceConfig['protocol'];
interface Errors { address?: FieldError; port?: FieldError; fwmark?: FieldError; timeout?: FieldError; netmask?: FieldError; form?: FieldError }

const sameService = (a: VirtualServiceConfig, protocol: Protocol, address: string, port: number, fwmark: number): boolean =>
  a.protocol === protocol && (protocol === 'fwmark' ? a.fwmark === fwmark : a.address === address && a.port === port);

/**
 * `ipvsadm -A` (add) or `ipvsadm -E` (edit, when `index` is given) as a form: protocol, address
 * and port or firewall mark, scheduler and persistence. `onDone` closes it.
 */
export function ServiceForm({ node, index, onDone }: { node: LabNode; index?: number; onDone: () => void }) {
  const t = useT();
  const edit = useCheckedEdit();
  const old = index === undefined ? undefined : node.ipvs.services[index];
  const [protocol, setProtocol] = useState<Protocol>(old?.protocol ?? 'tcp');
  const [address, setAddress] = useState(old?.address ?? '');
  const [port, setPort] = useState(old?.port !== undefined ? String(old.port) : '80');
  const [fwmark, setFwmark] = useState(old?.fwmark !== undefined ? String(old.fwmark) : '1');
  const [scheduler, setScheduler] = useState(old?.scheduler ?? 'wlc');
  const [persistent, setPersistent] = useState(old?.persistentTimeout !== undefined);
  const [timeout, setTimeoutText] = useState(String(old?.persistentTimeout ?? 300));
  const [netmask, setNetmask] = useState(old?.persistentNetmask ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [labErrors, setLabErrors] = useState<readonly string[]>([]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    const isMark = protocol === 'fwmark';
    const a = isMark ? undefined : checkIpv4(address);
    const p = isMark ? undefined : checkPort(port, true);
    const f = isMark ? checkInt(fwmark, 1, 4294967295) : undefined;
    const to = persistent ? checkInt(timeout, 1, 2678400) : undefined;
    const nm = persistent && netmask.trim() !== '' ? checkIpv4(netmask) : undefined;
    if (a && !a.ok) next.address = a.error;
    if (p && !p.ok) next.port = p.error;
    if (f && !f.ok) next.fwmark = f.error;
    if (to && !to.ok) next.timeout = to.error;
    if (nm && !nm.ok) next.netmask = nm.error;
    // ipvsadm: "Zero port specified for non-persistent service".
    if (p?.ok && p.value === 0 && !persistent) next.port = { key: 'form.err.zeroPort', params: {} };
    const addr = a?.ok ? a.value : '';
    const portValue = p?.ok ? p.value : 0;
    const markValue = f?.ok ? f.value : 0;
    if (Object.keys(next).length === 0 && node.ipvs.services.some((s, i) => i !== index && sameService(s, protocol, addr, portValue, markValue))) {
      // ipvsadm: "Service already exists".
      next.form = { key: 'form.err.serviceExists', params: {} };
    }
    setErrors(next);
    setLabErrors([]);
    if (Object.keys(next).length > 0) return;
    const service: Omit<VirtualServiceConfig, 'realServers'> = {
      protocol,
      ...(isMark ? { fwmark: markValue } : { address: addr, port: portValue }),
      scheduler,
      ...(to?.ok ? { persistentTimeout: to.value } : {}),
      ...(nm?.ok ? { persistentNetmask: nm.value } : {}),
      ...(old?.schedulerFlags ? { schedulerFlags: old.schedulerFlags } : {}),
      ...(old?.onePacket !== undefined ? { onePacket: old.onePacket } : {}),
    };
    const out = index === undefined
      ? edit('form.edit.addService', (d) => addService(d, node.id, { ...service, realServers: [] }))
      : edit('form.edit.editService', (d) => editService(d, node.id, index, service));
    if (out.ok) onDone();
    else setLabErrors(out.errors);
  };

  const id = `svc-${index ?? 'new'}`;
  return (
    <form className="form-row form-box" onSubmit={submit} onKeyDown={(e) => { if (e.key === 'Escape') onDone(); }} aria-label={index === undefined ? t('form.service.addTitle') : t('form.service.editTitle')} data-testid="service-form">
      <label className="form-field">
        <span>{t('form.service.protocol')}</span>
        <select data-testid="svc-protocol" value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)}>
          <option value="tcp">{t('form.service.tcp')}</option>
          <option value="udp">{t('form.service.udp')}</option>
          <option value="fwmark">{t('form.service.fwmark')}</option>
        </select>
      </label>
      {protocol === 'fwmark' ? (
        <label className="form-field">
          <span>{t('form.service.mark')}</span>
          <input data-testid="svc-fwmark" value={fwmark} size={6} onChange={(e) => setFwmark(e.target.value)} aria-invalid={errors.fwmark !== undefined} aria-describedby={`${id}-fwmark-err`} />
          <FieldMessage id={`${id}-fwmark-err`} error={errors.fwmark} />
        </label>
      ) : (
        <>
          <label className="form-field">
            <span>{t('form.service.address')}</span>
            <input data-testid="svc-address" value={address} placeholder="192.168.122.188" size={15} onChange={(e) => setAddress(e.target.value)} aria-invalid={errors.address !== undefined} aria-describedby={`${id}-address-err`} autoFocus />
            <FieldMessage id={`${id}-address-err`} error={errors.address} />
          </label>
          <label className="form-field">
            <span>{t('form.service.port')}</span>
            <input data-testid="svc-port" value={port} size={5} onChange={(e) => setPort(e.target.value)} aria-invalid={errors.port !== undefined} aria-describedby={`${id}-port-err`} />
            <FieldMessage id={`${id}-port-err`} error={errors.port} />
          </label>
        </>
      )}
      <label className="form-field">
        <span>{t('form.service.scheduler')}</span>
        <select data-testid="svc-scheduler" value={scheduler} onChange={(e) => setScheduler(e.target.value)}>
          {SCHEDULERS.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label className="form-check">
        <input type="checkbox" data-testid="svc-persistent" checked={persistent} onChange={(e) => setPersistent(e.target.checked)} />
        {t('form.service.persistent')}
      </label>
      {persistent && (
        <>
          <label className="form-field">
            <span>{t('form.service.timeout')}</span>
            <input data-testid="svc-timeout" value={timeout} size={6} onChange={(e) => setTimeoutText(e.target.value)} aria-invalid={errors.timeout !== undefined} aria-describedby={`${id}-timeout-err`} />
            <FieldMessage id={`${id}-timeout-err`} error={errors.timeout} />
          </label>
          <label className="form-field">
            <span>{t('form.service.netmask')}</span>
            <input data-testid="svc-netmask" value={netmask} placeholder="255.255.255.255" size={15} onChange={(e) => setNetmask(e.target.value)} aria-invalid={errors.netmask !== undefined} aria-describedby={`${id}-netmask-err`} />
            <FieldMessage id={`${id}-netmask-err`} error={errors.netmask} />
          </label>
        </>
      )}
      <button type="submit" data-testid="svc-save">{index === undefined ? t('form.service.add') : t('form.save')}</button>
      <button type="button" onClick={onDone}>{t('form.cancel')}</button>
      <FieldMessage id={`${id}-err`} error={errors.form} />
      <LabErrors errors={labErrors} />
    </form>
  );
}
