import type { Catalog } from '../translate.ts';

/** English messages of the panels' frames on the first screen: the inspector's title, tabs and empty state, the node drawer while it opens. */
export const panelFramesEn: Catalog = {
  'insp.title': 'Inspector',
  'insp.tab.packet': 'Packet',
  'insp.tab.hops': 'Hops',
  'insp.tab.events': 'Events',
  'insp.packet.none': 'No packet yet. Press play or step forward, or click a packet or an event.',
  'insp.intro.hint': 'Press ▶ (Space) to play, → to step one hop, or click a packet. Every header shows what changed at that hop and why.',
  'node.loading': 'Opening the node…',
  'app.loading': 'Loading…',
  'app.loadFailed': 'This part of the app could not be loaded.',
  'app.retry': 'Try again',
  'app.language.failed': 'The other language could not be loaded. Check the connection and try again.',
};
