import { lazyPanel } from './lazy-panel.tsx';

// The panels that are not on the first screen: each loads the first time it is shown (and the
// warm-up loads them all once the user starts using the page).

/** The inspector's Packet tab once there is a packet to show. */
export const LazyPacketTab = lazyPanel(() => import('../inspector/PacketTab.tsx').then((m) => m.PacketTab));
/** The inspector's Hops tab. */
export const LazyHopsTab = lazyPanel(() => import('../inspector/HopsTab.tsx').then((m) => m.HopsTab));
/** The inspector's Events tab. */
export const LazyEventList = lazyPanel(() => import('../events/EventList.tsx').then((m) => m.EventList));
/** The node drawer's path, tables, forms and console. */
export const LazyNodeDrawerPanel = lazyPanel(() => import('../node-panel/NodeDrawerPanel.tsx').then((m) => m.default));
/** The keyboard shortcut list, with the panels' words (the warm-up has them before a first `?`, as a rule). */
export const LazyHelpOverlay = lazyPanel(() => import('../help/HelpOverlay.tsx').then((m) => m.HelpOverlay));

/** Every lazy panel, for the warm-up and for tests that render panels synchronously. */
export const LAZY_PANELS = [LazyPacketTab, LazyHopsTab, LazyEventList, LazyNodeDrawerPanel, LazyHelpOverlay] as const;
