import { CATALOG_PARTS, CATALOGS_ON_DEMAND, type CatalogLoader } from '../../i18n/load.ts';
import type { Language } from '../../i18n/translate.ts';
import { LAZY_PANELS } from './panels.ts';

/** What shows that the user has started using the page. */
const INTENT_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Calls `warm` once, at the first sign that the user is using the page (a pointer moves, a key or
 * touch goes down), so the first screen loads nothing it does not show; `warm` should wait for an
 * idle moment itself (`whenIdle`). Returns a function that stops waiting.
 */
export function onFirstIntent(target: EventTarget, warm: () => void): () => void {
  const stop = () => {
    for (const type of INTENT_EVENTS) target.removeEventListener(type, fire, { capture: true });
  };
  function fire() {
    stop();
    warm();
  }
  for (const type of INTENT_EVENTS) target.addEventListener(type, fire, { capture: true, passive: true });
  return stop;
}

/** What the warm-up loads: each loader is tried once; a failure waits for the on-demand load, which reports it. */
export interface WarmUpParts {
  readonly panels: readonly { preload(): Promise<unknown> }[];
  readonly catalogs: CatalogLoader;
}

const APP_PARTS: WarmUpParts = { panels: LAZY_PANELS, catalogs: CATALOGS_ON_DEMAND };

/**
 * Loads what the first screen left out, so that what the user does next answers at once: the
 * panels' code, the rest of `language`'s messages and the other language's messages (switching is
 * then instant). The built-in labs' documents (all but DR's) are not among them: the seed labs'
 * are checked as they load, too long a task to risk while packets are moving, and opening another
 * lab waits a moment for them instead.
 */
export function warmUp(language: Language, parts: WarmUpParts = APP_PARTS): Promise<unknown> {
  const other: Language = language === 'en' ? 'zh' : 'en';
  return Promise.allSettled([
    ...parts.panels.map((p) => p.preload()),
    parts.catalogs.load(language, 'details'),
    ...CATALOG_PARTS.map((part) => parts.catalogs.load(other, part)),
  ]);
}

/** Runs `fn` when the page is idle (soon after at the latest), so loading never competes with a frame. */
export function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 1000 });
  else setTimeout(fn, 1);
}
