import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../store/app-store.ts';
import { linkedLab, type LinkContext } from './lab-link.ts';

/**
 * Opens the lab a URL fragment names, over the current one: an edited lab it replaces can be
 * brought back from the notice, as after opening a lab from the menu or a file. A link that
 * cannot be opened leaves the current lab as it is and says why. Returns whether a lab opened.
 */
export async function openLabLink(store: StoreApi<AppState>, fragment: string, context: LinkContext): Promise<boolean> {
  const [linked] = await Promise.all([linkedLab(fragment, context), context.loadWords(store.getState().prefs.language).catch(() => undefined)]);
  const s = store.getState();
  if (linked.kind === 'none') return false;
  if (linked.kind === 'invalid') {
    s.notify({ level: 'error', key: 'app.link.failed', details: linked.details });
    return false;
  }
  const { doc, labId, seed, timeline } = linked.saved;
  s.openLab(doc, labId, { seed, timeline });
  if (!store.getState().notice) store.getState().notify({ level: 'info', key: 'app.link.opened' });
  return true;
}
