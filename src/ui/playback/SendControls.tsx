import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TrafficAction } from '../../sim/model/config.ts';
import type { AppState } from '../../store/app-store.ts';
import { useSim } from '../app/controllers.tsx';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { curlUrl, defaultSender, defaultTarget, etherDevices, senders, targetIp } from './send-target.ts';

const selectLabKey = (s: AppState) => s.labId ?? `own:${s.doc.title.en}`;
const selectSenders = (s: AppState) => senders(s.doc);
/** Every node's Ethernet devices as `node dev` pairs (a flat list, so a shallow compare keeps renders rare). */
const selectDevices = (s: AppState) => s.doc.nodes.flatMap((n) => etherDevices(s.doc, n.id).map((d) => `${n.id} ${d}`));
const MAX_CURLS = 50;

/** "Send" controls: one curl, N curls, ping and arping from a chosen node toward a target. */
export function SendControls() {
  const labKey = useAppState(selectLabKey);
  // A fresh set of defaults (first client, first VIP) for every lab opened.
  return <SendForm key={labKey} />;
}

function SendForm() {
  const t = useT();
  const sim = useSim();
  const store = useStoreApi();
  const hosts = useAppState(useShallow(selectSenders));
  const allDevices = useAppState(useShallow(selectDevices));
  const [fromChoice, setFrom] = useState(() => defaultSender(store.getState().doc));
  const [target, setTarget] = useState(() => defaultTarget(store.getState().doc));
  const [countText, setCount] = useState('5');
  const [ifaceChoice, setIface] = useState('');
  const from = hosts.includes(fromChoice) ? fromChoice : (hosts[0] ?? '');
  const devices = allDevices.filter((d) => d.startsWith(`${from} `)).map((d) => d.slice(from.length + 1));
  const iface = devices.includes(ifaceChoice) ? ifaceChoice : (devices[0] ?? '');
  const ip = targetIp(target);
  const count = Number(countText);
  const countOk = Number.isInteger(count) && count >= 1 && count <= MAX_CURLS;
  const canSend = from !== '';
  const send = (a: TrafficAction | TrafficAction[]) => void sim.sendTraffic(a);

  return (
    <div className="app-group app-send" role="group" aria-label={t('playback.send.group')}>
      <label className="app-send-field">
        <span>{t('playback.send.from')}</span>
        <select data-testid="send-from" value={from} onChange={(e) => setFrom(e.target.value)} disabled={!canSend}>
          {hosts.map((h) => <option key={h} value={h}>{h}</option>)}
        </select>
      </label>
      <label className="app-send-field">
        <span>{t('playback.send.to')}</span>
        <input
          data-testid="send-url" className="app-send-target" value={target} spellCheck={false}
          placeholder={t('playback.send.targetPlaceholder')} title={t('playback.send.targetTitle')}
          onChange={(e) => setTarget(e.target.value)}
        />
      </label>
      <button type="button" className="app-button" data-testid="send-curl" disabled={!canSend || target.trim() === ''} title={t('playback.send.curlTitle')}
        onClick={() => send({ kind: 'curl', node: from, url: curlUrl(target) })}>
        {t('playback.send.curl')}
      </button>
      <span className="app-send-n">
        <input
          data-testid="send-count" type="number" min={1} max={MAX_CURLS} value={countText} aria-invalid={!countOk}
          aria-label={t('playback.send.count')} title={t('playback.send.countTitle', { max: MAX_CURLS })} onChange={(e) => setCount(e.target.value)}
        />
        <button type="button" className="app-button" data-testid="send-n-curls" disabled={!canSend || !countOk || target.trim() === ''} title={t('playback.send.nCurlsTitle')}
          onClick={() => send(Array.from({ length: count }, () => ({ kind: 'curl' as const, node: from, url: curlUrl(target) })))}>
          {t('playback.send.nCurls', { n: countOk ? count : 'N' })}
        </button>
      </span>
      <button type="button" className="app-button" data-testid="send-ping" disabled={!canSend || !ip} title={ip ? t('playback.send.pingTitle', { ip }) : t('playback.send.needIp')}
        onClick={() => ip && send({ kind: 'ping', node: from, destination: ip, count: 1 })}>
        {t('playback.send.ping')}
      </button>
      <span className="app-send-n">
        <button type="button" className="app-button" data-testid="send-arping" disabled={!canSend || !ip || !iface} title={ip ? t('playback.send.arpingTitle', { ip, iface }) : t('playback.send.needIp')}
          onClick={() => ip && iface && send({ kind: 'arping', node: from, iface, target: ip, count: 1 })}>
          {t('playback.send.arping')}
        </button>
        <select data-testid="send-iface" value={iface} onChange={(e) => setIface(e.target.value)} disabled={devices.length === 0} aria-label={t('playback.send.iface')} title={t('playback.send.iface')}>
          {devices.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </span>
    </div>
  );
}
