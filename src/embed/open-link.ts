import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../store/app-store.ts';
import { readLabLink, type LinkContext } from './lab-link.ts';

/**
 * Opens the lab a URL fragment names, over the current one: an edited lab it replaces can be
 * brought back from the notice, as after opening a lab from the menu or a file. A link that
 * cannot be opened leaves the current lab as it is and says why. Returns whether a lab opened.
 */
export async function openLabLink(store: StoreApi<AppState>, fragment: string, context: LinkContext): Promise<boolean> {
  const [link] = await Promise.all([readLabLink(fragment, context), context.loadWords(store.getState().prefs.language).catch(() => undefined)]);
  const s = store.getState();
  switch (link.kind) {
    case 'none':
      return false;
    case 'invalid':
      s.notify({ level: 'error', key: 'app.link.failed', details: link.details });
      return false;
    case 'builtin': {
      const doc = await context.loadBuiltinLab(link.id).catch(() => undefined);
      if (!doc) {
        s.notify({ level: 'error', key: 'app.link.failed', details: [`lab: the built-in lab "${link.id}" could not be loaded; check the connection and reload`] });
        return false;
      }
      s.openLab(doc, link.id, { seed: link.seed ?? doc.seed, timeline: [] });
      break;
    }
    case 'packed':
      s.openLab(link.saved.doc, link.saved.labId, { seed: link.saved.seed, timeline: link.saved.timeline });
      break;
  }
  if (!store.getState().notice) store.getState().notify({ level: 'info', key: 'app.link.opened' });
  return true;
}
