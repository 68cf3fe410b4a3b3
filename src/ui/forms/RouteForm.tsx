import { useState, type FormEvent } from 'react';
import { parseIpv4Address, prefixMask } from '../../wire/ipv4-address.ts';
import type { RouteConfig, RouteType } from '../../sim/model/config.ts';
import type { LabNode } from '../../lab/document.ts';
import { updateNode } from '../../lab/document.ts';
import { useT } from '../hooks/use-t.ts';
import { useCheckedEdit } from './checked-edit.ts';
import { checkAddressWithPrefix, checkInt, checkIpv4, type FieldError } from './field-checks.ts';
import { FieldMessage, LabErrors } from './FormErrors.tsx';

const TYPES: readonly RouteType[] = ['unicast', 'blackhole', 'unreachable', 'prohibit'];

interface Errors { dst?: FieldError; via?: FieldError; metric?: FieldError; form?: FieldError }

/** `ip route add DST [via GW] [dev DEV] [metric N]` (or blackhole/unreachable/prohibit) as a form. */
export function RouteForm({ node }: { node: LabNode }) {
  const t = useT();
  const edit = useCheckedEdit();
  const devs = ['', ...node.interfaces.map((i) => i.name), ...node.addresses.flatMap((a) => (a.label && a.label !== a.dev ? [a.label] : []))];
  const [type, setType] = useState<RouteType>('unicast');
  const [dst, setDst] = useState('');
  const [via, setVia] = useState('');
  const [dev, setDev] = useState('');
  const [metric, setMetric] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [labErrors, setLabErrors] = useState<readonly string[]>([]);

  const reset = () => {
    setDst('');
    setVia('');
    setDev('');
    setMetric('');
    setErrors({});
    setLabErrors([]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    let dstText = 'default';
    if (dst.trim() !== 'default') {
      const d = checkAddressWithPrefix(dst);
      if (!d.ok) next.dst = d.error;
      else {
        const addr = parseIpv4Address(d.value.address)!;
        // The kernel refuses a prefix with host bits set ("Invalid prefix for given prefix length").
        if ((addr & ~prefixMask(d.value.prefixLength)) >>> 0 !== 0) next.dst = { key: 'form.err.hostBits', params: { value: dst.trim() } };
        dstText = `${d.value.address}/${d.value.prefixLength}`;
      }
    }
    const unicast = type === 'unicast';
    const v = unicast && via.trim() !== '' ? checkIpv4(via) : undefined;
    if (v && !v.ok) next.via = v.error;
    const m = metric.trim() !== '' ? checkInt(metric, 0, 4294967295) : undefined;
    if (m && !m.ok) next.metric = m.error;
    if (unicast && via.trim() === '' && dev === '') next.form = { key: 'form.err.routeNeedsNextHop', params: {} };
    setErrors(next);
    setLabErrors([]);
    if (Object.keys(next).length > 0) return;
    const route: RouteConfig = {
      dst: dstText,
      ...(v?.ok ? { via: v.value } : {}),
      ...(unicast && dev !== '' ? { dev } : {}),
      ...(m?.ok ? { metric: m.value } : {}),
      ...(unicast ? {} : { type }),
    };
    const out = edit('form.edit.addRoute', (d) => updateNode(d, node.id, (n) => ({ ...n, routes: [...n.routes, route] })));
    if (out.ok) reset();
    else setLabErrors(out.errors);
  };

  return (
    <form className="form-row" onSubmit={submit} onKeyDown={(e) => { if (e.key === 'Escape') reset(); }} aria-label={t('form.route.title')}>
      <label className="form-field">
        <span>{t('form.route.type')}</span>
        <select data-testid="route-new-type" value={type} onChange={(e) => setType(e.target.value as RouteType)}>
          {TYPES.map((x) => <option key={x} value={x}>{x}</option>)}
        </select>
      </label>
      <label className="form-field">
        <span>{t('form.route.dst')}</span>
        <input data-testid="route-new-dst" value={dst} placeholder="10.0.0.0/8 | default" size={16} onChange={(e) => setDst(e.target.value)} aria-invalid={errors.dst !== undefined} aria-describedby="route-new-dst-err" />
        <FieldMessage id="route-new-dst-err" error={errors.dst} />
      </label>
      {type === 'unicast' && (
        <>
          <label className="form-field">
            <span>{t('form.route.via')}</span>
            <input data-testid="route-new-via" value={via} placeholder="192.168.122.1" size={14} onChange={(e) => setVia(e.target.value)} aria-invalid={errors.via !== undefined} aria-describedby="route-new-via-err" />
            <FieldMessage id="route-new-via-err" error={errors.via} />
          </label>
          <label className="form-field">
            <span>{t('form.route.dev')}</span>
            <select data-testid="route-new-dev" value={dev} onChange={(e) => setDev(e.target.value)}>
              {devs.map((d) => <option key={d} value={d}>{d === '' ? t('form.route.anyDev') : d}</option>)}
            </select>
          </label>
        </>
      )}
      <label className="form-field">
        <span>{t('form.route.metric')}</span>
        <input data-testid="route-new-metric" value={metric} placeholder="0" size={5} onChange={(e) => setMetric(e.target.value)} aria-invalid={errors.metric !== undefined} aria-describedby="route-new-metric-err" />
        <FieldMessage id="route-new-metric-err" error={errors.metric} />
      </label>
      <button type="submit" data-testid="route-add">{t('form.route.add')}</button>
      <FieldMessage id="route-new-err" error={errors.form} />
      <LabErrors errors={labErrors} />
    </form>
  );
}
