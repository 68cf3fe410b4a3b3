import { useState } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { LazyArea } from '../lazy/LazyArea.tsx';
import { LazyEventList, LazyHopsTab, LazyPacketTab } from '../lazy/panels.ts';
import { TabStrip } from './TabStrip.tsx';
import { currentRecord } from './trace-position.ts';
import './inspector.css';

type InspectorTab = 'packet' | 'hops' | 'events';

const selectHasPacket = (s: AppState) => currentRecord(s.run.records, s.selection.recordSeq, s.playback.cursor) !== undefined;
/** Nothing played, stepped, sought or selected yet: the lab has not started for the user. */
const selectUntouched = (s: AppState) => s.playback.phase === 'idle' && s.playback.timeUs === 0 && s.selection.recordSeq === undefined;
const selectTitle = (s: AppState) => s.doc.title[s.prefs.language];
const selectDescription = (s: AppState) => s.doc.description[s.prefs.language];

/** Before the lab starts: what this lab shows and how to begin. */
function LabIntro() {
  const t = useT();
  const title = useAppState(selectTitle);
  const description = useAppState(selectDescription);
  return (
    <div className="insp-intro" data-testid="insp-intro">
      <h2 className="insp-intro-title">{title}</h2>
      {description !== '' && <p className="insp-intro-text">{description}</p>}
      <p className="insp-intro-hint">{t('insp.intro.hint')}</p>
    </div>
  );
}

/** The Packet tab: the lab's introduction until the user starts, then the selected packet. */
function PacketPane() {
  const t = useT();
  const untouched = useAppState(selectUntouched);
  const hasPacket = useAppState(selectHasPacket);
  if (untouched) return <LabIntro />;
  return hasPacket ? <LazyPacketTab /> : <p className="insp-empty">{t('insp.packet.none')}</p>;
}

/** The right panel: the selected packet's headers and bytes, the flow's hop table, and the event list. */
export function Inspector() {
  const t = useT();
  const [tab, setTab] = useState<InspectorTab>('packet');
  return (
    <section className="insp" data-testid="inspector" aria-label={t('insp.title')}>
      <TabStrip
        className="insp-tabs"
        idPrefix="insp"
        label={t('insp.title')}
        active={tab}
        onChange={setTab}
        tabs={[
          { id: 'packet', label: t('insp.tab.packet'), testId: 'insp-tab-packet' },
          { id: 'hops', label: t('insp.tab.hops'), testId: 'insp-tab-hops' },
          { id: 'events', label: t('insp.tab.events'), testId: 'insp-tab-events' },
        ]}
      />
      <div className="insp-body" role="tabpanel" id="insp-panel" aria-labelledby={`insp-tab-${tab}`}>
        <LazyArea key={tab} fallback={<p className="insp-empty" role="status">{t('app.loading')}</p>}>
          {tab === 'packet' ? <PacketPane /> : tab === 'hops' ? <LazyHopsTab /> : <LazyEventList />}
        </LazyArea>
      </div>
    </section>
  );
}
