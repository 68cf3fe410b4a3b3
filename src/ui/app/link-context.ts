import type { LinkContext } from '../../embed/lab-link.ts';
import { CATALOGS_ON_DEMAND } from '../../i18n/load.ts';
import { BUILTIN_LAB_MENU, loadBuiltinLab } from '../../lab/builtin/menu.ts';
import { checkSavedLab } from '../../store/persistence.ts';

/** What the lab-link reader (loaded on demand) needs from the page. */
export const PAGE_LINK_CONTEXT: LinkContext = {
  builtinIds: BUILTIN_LAB_MENU.map((l) => l.id),
  checkSavedLab,
  loadBuiltinLab,
  loadWords: (language) => CATALOGS_ON_DEMAND.load(language, 'details'),
};
