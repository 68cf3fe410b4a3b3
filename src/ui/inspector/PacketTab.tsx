import { useCallback, useMemo, useState } from 'react';
import { roleNames } from '../../lab/roles.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { explainRecord, formatTime, localizeFieldValue } from './format.ts';
import { decisiveSteps } from './why.ts';
import { fieldAtByte, headerStack, type HeaderGroup, type HeaderKind, type ShownField } from './header-stack.ts';
import { HexView } from './HexView.tsx';
import { currentRecord, hasHeaders } from './trace-position.ts';

const selectCurrent = (s: AppState) => currentRecord(s.run.records, s.selection.recordSeq, s.playback.cursor);
const selectRoleDoc = (s: AppState) => s.run.runDoc ?? s.doc;
const selectSelected = (s: AppState) => s.selection.recordSeq !== undefined;
const selectRecords = (s: AppState) => s.run.records;

/** Whether no earlier record shows this packet's headers: it is created at this step. */
function firstOfPacket(records: readonly TraceRecord[], record: TraceRecord): boolean {
  if (record.packetId === undefined) return false;
  for (let i = Math.min(record.seq, records.length) - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.packetId === record.packetId && hasHeaders(r)) return false;
  }
  return true;
}

/** i18n key of a field's name: outer headers share the IPv4 names. */
const fieldKey = (f: ShownField): string => `insp.field.${f.layer === 'outer' ? 'ip' : f.layer}.${f.name}`;

/** The header a field path belongs to (`outer.ttl` → outer, `tcp.flags` → tcp). */
function removedHeader(path: string): HeaderKind {
  const prefix = path.split('.')[0]!;
  if (prefix.startsWith('outer')) return 'outer';
  return (['eth', 'arp', 'ip', 'tcp', 'udp', 'icmp'] as const).find((k) => k === prefix) ?? 'payload';
}

function groupTitle(t: ReturnType<typeof useT>, g: Pick<HeaderGroup, 'kind' | 'inner'>): string {
  switch (g.kind) {
    case 'eth':
      return t('insp.layer.eth');
    case 'arp':
      return t('insp.layer.arp');
    case 'outer':
      return t('insp.layer.outer');
    case 'ip':
      return g.inner ? t('insp.layer.inner') : t('insp.layer.ip');
    case 'tcp':
      return t('insp.layer.tcp');
    case 'udp':
      return t('insp.layer.udp');
    case 'icmp':
      return t('insp.layer.icmp');
    case 'payload':
      return t('insp.layer.payload');
  }
}

function FieldRow({ f, hovered, onHover }: { f: ShownField; hovered: boolean; onHover: (path: string | undefined) => void }) {
  const t = useT();
  const note = f.special === 'broadcast' ? t('insp.mac.broadcast') : f.special === 'unknown' ? t('insp.mac.unknown')
    : f.owner !== undefined ? t('insp.mac.owner', { owner: f.owner }) : undefined;
  return (
    <div
      className={`insp-field${f.changed ? ' insp-field--changed' : ''}${hovered ? ' insp-field--hover' : ''}`}
      data-testid={`field-${f.path}`}
      data-changed={f.changed ? 'true' : 'false'}
      tabIndex={0}
      onMouseEnter={() => onHover(f.path)}
      onMouseLeave={() => onHover(undefined)}
      onFocus={() => onHover(f.path)}
      onBlur={() => onHover(undefined)}
    >
      <span className="insp-field-name" title={f.path}>{t(fieldKey(f))}</span>
      <span className="insp-field-value">
        <span className="insp-mono">{localizeFieldValue(t, f.value)}</span>
        {f.role !== undefined && <span className="insp-role">{f.role}</span>}
        {note !== undefined && <span className="insp-field-note">{note}</span>}
      </span>
      {f.changed && <span className="insp-changed-badge">{t('insp.changed')}</span>}
    </div>
  );
}

/** The Packet tab: the header stack of the selected record, why this step happened, and its bytes. */
export function PacketTab() {
  const t = useT();
  const record = useAppState(selectCurrent);
  const roleDoc = useAppState(selectRoleDoc);
  const pinned = useAppState(selectSelected);
  const records = useAppState(selectRecords);
  const created = useMemo(() => (record ? firstOfPacket(records, record) : false), [records, record]);
  const reasons = useMemo(() => (record ? decisiveSteps(records, record) : []), [records, record]);
  const roles = useMemo(() => roleNames(roleDoc), [roleDoc]);
  const stack = useMemo(() => (record ? headerStack(record, roles) : undefined), [record, roles]);
  const [hoverPath, setHoverPath] = useState<string | undefined>(undefined);
  const hoverField = useMemo(() => stack?.groups.flatMap((g) => g.fields).find((f) => f.path === hoverPath), [stack, hoverPath]);
  const onHoverByte = useCallback((offset: number | undefined) => {
    setHoverPath(offset === undefined || !stack ? undefined : fieldAtByte(stack.groups, offset)?.path);
  }, [stack]);

  if (!record) return <p className="insp-empty">{t('insp.packet.none')}</p>;
  // Changed paths with no field here were removed at this step (a header taken off): name their headers.
  const shown = new Set(stack?.groups.flatMap((g) => g.fields.map((f) => f.path)) ?? []);
  const changedCount = (record.changed ?? []).filter((p) => shown.has(p)).length;
  const removed = stack ? [...new Set((record.changed ?? []).filter((p) => !shown.has(p)).map(removedHeader))] : [];
  return (
    <div className="insp-packet">
      <div className="insp-where" data-testid="insp-where" data-seq={record.seq} data-node={record.node} data-step={record.step}>
        <span className="insp-where-node">{record.iface ? `${record.node} ${record.iface}` : record.node}</span>
        <span className="insp-step">{t(`insp.step.${record.step}`)}{record.hook ? ` ${record.hook}` : ''}</span>
        <span className="insp-dim">{formatTime(record.timeUs)}</span>
        <span className="insp-dim">#{record.seq}{pinned ? '' : ` · ${t('insp.packet.atCursor')}`}</span>
      </div>
      <p className={`insp-explain${record.step === 'drop' ? ' insp-explain--drop' : ''}`} data-testid="insp-explain">
        {explainRecord(t, record)}
      </p>
      {reasons.length > 0 && (
        <div className="insp-why" data-testid="insp-why">
          <p className="insp-why-title">{t('insp.why.title', { node: record.node })}</p>
          <ul>{reasons.map((r) => <li key={r.seq}>{explainRecord(t, r)}</li>)}</ul>
        </div>
      )}
      {record.neigh && (
        <p className="insp-neigh">
          {t('insp.neigh.change', {
            ip: record.neigh.ip,
            before: record.neigh.macBefore ?? '—', after: record.neigh.macAfter ?? '—',
            stateBefore: record.neigh.stateBefore ?? '—', stateAfter: record.neigh.stateAfter ?? '—',
          })}
        </p>
      )}
      {stack === undefined ? (
        <p className="insp-empty">{t('insp.packet.noHeaders')}</p>
      ) : (
        <>
          <p className="insp-summary">
            {stack.kind === 'frame' ? t('insp.packet.frame', { bytes: stack.bytes.length })
              : stack.kind === 'packet' ? t('insp.packet.l3', { bytes: stack.bytes.length })
                : t('insp.packet.arp')}
            {' · '}
            {created ? t('insp.packet.created') : changedCount > 0 ? t('insp.packet.changed', { count: changedCount }) : t('insp.packet.unchanged')}
          </p>
          {removed.length > 0 && <p className="insp-summary" data-testid="insp-removed">{t('insp.packet.removed', { headers: removed.map((k) => groupTitle(t, { kind: k, inner: false })).join(', ') })}</p>}
          <div className="insp-stack">
            {stack.groups.map((g) => (
              <section key={g.prefix} className={`insp-layer insp-layer--${g.kind}`} aria-label={groupTitle(t, g)}>
                <h3 className="insp-layer-title">{groupTitle(t, g)}</h3>
                {g.fields.map((f) => (
                  <FieldRow key={f.path} f={f} hovered={f.path === hoverPath} onHover={setHoverPath} />
                ))}
              </section>
            ))}
          </div>
          <h3 className="insp-layer-title">{t('insp.bytes', { count: stack.bytes.length })}</h3>
          <HexView
            bytes={stack.bytes}
            hiFrom={hoverField?.offset ?? -1}
            hiTo={hoverField ? hoverField.offset + hoverField.length : -1}
            paddingFrom={stack.paddingFrom}
            onHoverByte={onHoverByte}
            label={t('insp.bytes', { count: stack.bytes.length })}
          />
          {stack.paddingFrom < stack.bytes.length && <p className="insp-dim">{t('insp.padding', { from: stack.paddingFrom, count: stack.bytes.length - stack.paddingFrom })}</p>}
        </>
      )}
    </div>
  );
}
