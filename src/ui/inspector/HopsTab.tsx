import { useEffect, useMemo, useRef, useState } from 'react';
import { hopTable, hopTableMarkdown } from '../../lab/hop-table.ts';
import { roleNames } from '../../lab/roles.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { copyText } from './copy-text.ts';
import { recordsByFlow } from './flow-records.ts';
import { flowAction, flowResult } from './format.ts';
import { HopCards } from './HopCards.tsx';
import { HopTableDialog } from './HopTableDialog.tsx';
import { currentRecord, recordAt, useSeekRecord } from './trace-position.ts';

const selectRecords = (s: AppState) => s.run.records;
const selectFlows = (s: AppState) => s.run.flows;
const selectRoleDoc = (s: AppState) => s.run.runDoc ?? s.doc;
const selectCursor = (s: AppState) => s.playback.cursor;
const selectSelectedSeq = (s: AppState) => s.selection.recordSeq;
/** The flow shown: the selected record's, else the one picked, else the one playing, else the first. */
const selectShownFlow = (s: AppState): number | undefined =>
  recordAt(s.run.records, s.selection.recordSeq)?.flowId
  ?? s.selection.flowId
  ?? currentRecord(s.run.records, undefined, s.playback.cursor)?.flowId
  ?? s.run.flows[0]?.flowId;

/** The Hops tab: the textbook hop table of one flow, copyable as Markdown. */
export function HopsTab() {
  const t = useT();
  const store = useStoreApi();
  const seek = useSeekRecord();
  const records = useAppState(selectRecords);
  const flows = useAppState(selectFlows);
  const roleDoc = useAppState(selectRoleDoc);
  const cursor = useAppState(selectCursor);
  const selectedSeq = useAppState(selectSelectedSeq);
  const flowId = useAppState(selectShownFlow);
  const [hideArp, setHideArp] = useState(false);
  const [tableOpen, setTableOpen] = useState(false);
  const [copied, setCopied] = useState<{ ok: boolean; text: string; of: string } | undefined>(undefined);
  const roles = useMemo(() => roleNames(roleDoc), [roleDoc]);
  // Each flow's records, indexed once per run: hopTable over one flow instead of the whole trace.
  const byFlow = useMemo(() => recordsByFlow(records), [records]);
  const rows = useMemo(() => (flowId === undefined ? [] : hopTable(byFlow.get(flowId) ?? [], { flowId, withoutArp: hideArp })), [byFlow, flowId, hideArp]);
  const currentSeq = useMemo(() => {
    if (selectedSeq !== undefined && rows.some((r) => r.seq === selectedSeq)) return selectedSeq;
    let last: number | undefined;
    for (const r of rows) if (r.seq < cursor) last = r.seq;
    return last;
  }, [rows, selectedSeq, cursor]);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('.insp-hop--current')?.scrollIntoView?.({ block: 'nearest' });
  }, [currentSeq]);
  // The confirmation belongs to the table that was copied.
  const tableKey = `${flowId ?? ''} ${hideArp}`;
  const copy = copied?.of === tableKey ? copied : undefined;

  if (flows.length === 0) return <p className="insp-empty">{t('insp.hops.none')}</p>;

  const pickFlow = (id: number) => {
    const first = hopTable(byFlow.get(id) ?? [], { flowId: id, withoutArp: hideArp })[0];
    store.getState().select({ flowId: id, recordSeq: undefined });
    if (first) seek(first.seq);
  };
  const doCopy = async () => {
    const text = hopTableMarkdown(rows, roles);
    setCopied({ ok: await copyText(text), text, of: tableKey });
  };

  return (
    <div className="insp-hops">
      <div className="insp-toolbar">
        <label className="insp-flow-pick">
          <span>{t('insp.hops.flow')}</span>
          <select data-testid="hop-flow" value={flowId ?? ''} onChange={(e) => pickFlow(Number(e.target.value))}>
            {flows.map((f) => (
              <option key={f.flowId} value={f.flowId}>
                {t('insp.flow.option', { id: f.flowId, action: flowAction(t, f), result: flowResult(t, f) })}
              </option>
            ))}
          </select>
        </label>
        <label className="insp-check">
          <input type="checkbox" data-testid="hop-hide-arp" checked={hideArp} onChange={(e) => setHideArp(e.target.checked)} />
          {t('insp.hops.hideArp')}
        </label>
        <button type="button" data-testid="hop-open-table" onClick={() => setTableOpen(true)} disabled={rows.length === 0}>
          {t('insp.hops.openTable')}
        </button>
        <button type="button" data-testid="hop-copy-md" onClick={() => void doCopy()} disabled={rows.length === 0}>
          {t('insp.hops.copy')}
        </button>
      </div>
      {copy && (
        <div role="status" data-testid="hop-copy-status" className={copy.ok ? 'insp-status' : 'insp-status insp-status--error'}>
          {copy.ok ? t('insp.hops.copied', { rows: rows.length }) : t('insp.hops.copyFailed')}
          {!copy.ok && <textarea className="insp-copy-fallback" readOnly value={copy.text} aria-label={t('insp.hops.copy')} onFocus={(e) => e.target.select()} />}
        </div>
      )}
      {rows.length === 0 ? (
        <p className="insp-empty">{t('insp.hops.empty')}</p>
      ) : (
        <div ref={listRef}>
          <HopCards rows={rows} roles={roles} currentSeq={currentSeq} cursor={cursor} onPick={seek} />
        </div>
      )}
      {tableOpen && (
        <HopTableDialog
          title={t('insp.hops.tableTitle', { flow: flowId ?? '' })}
          onClose={() => setTableOpen(false)}
          rows={rows}
          roles={roles}
          currentSeq={currentSeq}
          cursor={cursor}
          onPick={seek}
        />
      )}
    </div>
  );
}
