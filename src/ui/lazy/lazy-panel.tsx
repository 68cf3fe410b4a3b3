import { use, type ComponentType, type ReactNode } from 'react';
import { CATALOGS_ON_DEMAND } from '../../i18n/load.ts';
import type { Language } from '../../i18n/translate.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { Retryable, settled } from './retryable.ts';

/** A component whose code (and messages) load the first time it renders. */
export interface LazyPanel<P> {
  (props: P): ReactNode;
  /** Starts loading the code now (the warm-up calls this); resolves when it has arrived. */
  preload(): Promise<unknown>;
}

const selectLanguage = (s: AppState) => s.prefs.language;

/** What a panel waits for when its messages are already there. */
const NO_WAIT = settled(undefined);

/** The `details` messages of each language, as the panels wait for them. */
const DETAILS: Readonly<Record<Language, Retryable<void>>> = {
  en: new Retryable(() => CATALOGS_ON_DEMAND.load('en', 'details')),
  zh: new Retryable(() => CATALOGS_ON_DEMAND.load('zh', 'details')),
};

/**
 * A panel that is not on the first screen: its code loads the first time it renders, together with
 * the `details` part of the current language's messages (unless `messages` is false), which it
 * suspends for. Render it inside a `LazyArea`, whose Suspense shows a placeholder meanwhile and
 * whose boundary offers a retry when loading fails.
 */
export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>, messages = true): LazyPanel<P> {
  const code = new Retryable(load);
  function Panel(props: P): ReactNode {
    const lang = useAppState(selectLanguage);
    // Both loads start before either suspends, so they run side by side. use() is called on every
    // render (the promises are cached, so once settled it no longer suspends), as React requires.
    const words = messages && !CATALOGS_ON_DEMAND.isLoaded(lang, 'details') ? DETAILS[lang].get() : NO_WAIT;
    const Code = use(code.get());
    use(words);
    return <Code {...props} />;
  }
  Panel.preload = () => code.get().catch((e: unknown) => {
    code.forget();
    throw e;
  });
  return Panel;
}
