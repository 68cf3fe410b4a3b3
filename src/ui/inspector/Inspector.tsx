import { useState } from 'react';
import { EventList } from '../events/EventList.tsx';
import { useT } from '../hooks/use-t.ts';
import { HopsTab } from './HopsTab.tsx';
import { PacketTab } from './PacketTab.tsx';
import { TabStrip } from './TabStrip.tsx';
import './inspector.css';

type InspectorTab = 'packet' | 'hops' | 'events';

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
        {tab === 'packet' ? <PacketTab /> : tab === 'hops' ? <HopsTab /> : <EventList />}
      </div>
    </section>
  );
}
