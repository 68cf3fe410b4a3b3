import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { explainRecord, formatTime } from '../inspector/format.ts';
import { useSeekRecord } from '../inspector/trace-position.ts';
import { EVENT_PROTOCOLS, filterEvents, mainProtocol, type EventProtocol } from './event-kinds.ts';
import './events.css';

/** Row height in lines of text: the row's heading and the sentence under it. */
const ROW_EMS = 3.2;
const OVERSCAN = 8;

const selectRecords = (s: AppState) => s.run.records;
const selectDoc = (s: AppState) => s.run.runDoc ?? s.doc;
const selectCursor = (s: AppState) => s.playback.cursor;
const selectSelectedSeq = (s: AppState) => s.selection.recordSeq;
const selectShowSwitches = (s: AppState) => s.prefs.showSwitchHops;

/** The Events tab: every trace record as a list like Packet Tracer's simulation panel; click one to go there. */
export function EventList() {
  const t = useT();
  const store = useStoreApi();
  const seek = useSeekRecord();
  const records = useAppState(selectRecords);
  const doc = useAppState(selectDoc);
  const cursor = useAppState(selectCursor);
  const selectedSeq = useAppState(selectSelectedSeq);
  const showSwitches = useAppState(selectShowSwitches);
  const [node, setNode] = useState<string | undefined>(undefined);
  const [protocols, setProtocols] = useState<ReadonlySet<EventProtocol>>(new Set(EVENT_PROTOCOLS));
  const [internal, setInternal] = useState(false);
  const switchNodes = useMemo(() => new Set(doc.nodes.filter((n) => n.kind === 'switch').map((n) => n.id)), [doc]);
  const seqs = useMemo(
    () => filterEvents(records, switchNodes, { node, protocols, switches: showSwitches, internal }),
    [records, switchNodes, node, protocols, showSwitches, internal],
  );
  // The event playback has reached: the last shown one before the cursor.
  const currentIndex = useMemo(() => {
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seqs[mid]! < cursor) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }, [seqs, cursor]);
  const activeIndex = selectedSeq !== undefined && seqs.includes(selectedSeq) ? seqs.indexOf(selectedSeq) : currentIndex;

  const listRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(400);
  // Rows have one fixed height (so only the visible ones are rendered), in proportion to the font.
  const [rowHeight, setRowHeight] = useState(48);
  const hasRows = seqs.length > 0;
  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => {
      setViewHeight(el.clientHeight || 400);
      setRowHeight(Math.round((parseFloat(getComputedStyle(el).fontSize) || 15) * ROW_EMS));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [hasRows]);
  // Keep the event playback is at in view.
  useEffect(() => {
    const el = listRef.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  }, [activeIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(seqs.length, Math.ceil((scrollTop + viewHeight) / rowHeight) + OVERSCAN);
  const nodes = doc.nodes.filter((n) => showSwitches || n.kind !== 'switch').map((n) => n.id);

  const toggle = (p: EventProtocol) => {
    const next = new Set(protocols);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    setProtocols(next);
  };
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'PageDown' ? 10 : e.key === 'PageUp' ? -10 : 0;
    if (step === 0 || seqs.length === 0) return;
    e.preventDefault();
    const to = Math.max(0, Math.min(seqs.length - 1, activeIndex + step));
    seek(seqs[to]!);
  };

  return (
    <div className="events">
      <div className="events-filters">
        <label className="events-node">
          <span>{t('events.node')}</span>
          <select data-testid="events-node" value={node ?? ''} onChange={(e) => setNode(e.target.value === '' ? undefined : e.target.value)}>
            <option value="">{t('events.allNodes')}</option>
            {nodes.map((id) => <option key={id} value={id}>{id}</option>)}
          </select>
        </label>
        <div className="events-protocols" role="group" aria-label={t('events.protocols')}>
          {EVENT_PROTOCOLS.map((p) => (
            <button
              key={p}
              type="button"
              className={`events-proto events-proto--${p}`}
              aria-pressed={protocols.has(p)}
              data-testid={`events-proto-${p}`}
              onClick={() => toggle(p)}
            >
              {t(`events.proto.${p}`)}
            </button>
          ))}
        </div>
        <label className="events-check">
          <input type="checkbox" data-testid="events-internal" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
          {t('events.internal')}
        </label>
        <label className="events-check">
          <input type="checkbox" data-testid="events-switches" checked={showSwitches} onChange={(e) => store.getState().setPreferences({ showSwitchHops: e.target.checked })} />
          {t('events.switches')}
        </label>
      </div>
      <div className="events-head" aria-hidden="true">
        <span>{t('events.col.time')}</span>
        <span>{t('events.col.node')}</span>
        <span>{t('events.col.type')}</span>
        <span>{t('events.col.protocol')}</span>
      </div>
      {seqs.length === 0 ? (
        <p className="insp-empty">{records.length === 0 ? t('events.none') : t('events.filteredOut')}</p>
      ) : (
        <div
          ref={listRef}
          className="events-list"
          data-testid="events-list"
          role="listbox"
          tabIndex={0}
          aria-label={t('events.title', { shown: seqs.length, total: records.length })}
          aria-activedescendant={activeIndex >= 0 ? `event-${seqs[activeIndex]}` : undefined}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          onKeyDown={onKey}
        >
          <div style={{ height: seqs.length * rowHeight, position: 'relative' }}>
            {seqs.slice(first, last).map((seq, k) => {
              const i = first + k;
              const r = records[seq]!;
              const text = explainRecord(t, r);
              return (
                <div
                  key={seq}
                  id={`event-${seq}`}
                  role="option"
                  aria-selected={i === activeIndex}
                  data-testid="event-row"
                  data-seq={seq}
                  className={`events-row events-row--${r.step}${i === activeIndex ? ' events-row--active' : ''}${seq >= cursor ? ' events-row--future' : ''}`}
                  style={{ top: i * rowHeight, height: rowHeight }}
                  onClick={() => seek(seq)}
                  title={text}
                >
                  <span className="events-time">{formatTime(r.timeUs)}</span>
                  <span className="events-node-cell">{r.iface ? `${r.node} ${r.iface}` : r.node}</span>
                  <span>{t(`insp.step.${r.step}`)}{r.hook ? ` ${r.hook}` : ''}</span>
                  <span>{mainProtocol(r)}</span>
                  <span className="events-summary">{text}</span>
                </div>
              );
            })}
          </div>
        </div>
      )}
      <p className="events-count insp-dim" aria-live="polite">{t('events.title', { shown: seqs.length, total: records.length })}</p>
    </div>
  );
}
