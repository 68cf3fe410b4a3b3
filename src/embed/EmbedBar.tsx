import { useEffect } from 'react';
import type { AppState } from '../store/app-store.ts';
import { useAppState, useStoreApi } from '../ui/hooks/store-context.tsx';
import { usePlayback, useSim } from '../ui/app/controllers.tsx';
import { useT } from '../ui/hooks/use-t.ts';
import { HelpButton, LanguageButton } from '../ui/app/BarButtons.tsx';
import { RunStatus } from '../ui/app/RunStatus.tsx';
import { labToLink } from '../store/app-store.ts';
import { connectBridge } from './bridge.ts';
import { labLinkFragment } from './lab-link.ts';
import type { StartOptions } from './start-options.ts';

const selectTitle = (s: AppState) => s.doc.title[s.prefs.language] || s.doc.title.en;

/**
 * The embedded lab's top bar: the lab's title, the run's status, the language, the shortcuts,
 * and a way out to the full app with the lab as it is now. It also connects the message API to
 * the page around the frame, and starts the playback as the frame's address asks (`start`).
 */
export function EmbedBar({ start }: { readonly start?: StartOptions }) {
  const t = useT();
  const store = useStoreApi();
  const playback = usePlayback();
  const sim = useSim();
  const title = useAppState(selectTitle);

  useEffect(() => {
    if (window.parent === window) return undefined;
    return connectBridge({ store, playback, sim, window, parent: window.parent });
  }, [store, playback, sim]);

  // The frame's start options apply once, when the first run is in the playback (its end known).
  useEffect(() => {
    if (!start || (!start.play && start.speed === undefined)) return undefined;
    const apply = (): boolean => {
      const s = store.getState();
      if (s.run.status !== 'ready' || s.run.stale || s.playback.endUs === 0) return false;
      if (start.speed !== undefined) playback.send({ type: 'playback.set_speed', speed: start.speed });
      if (start.play) playback.send({ type: 'playback.play' });
      return true;
    };
    if (apply()) return undefined;
    const unsubscribe = store.subscribe(() => {
      if (apply()) unsubscribe();
    });
    return unsubscribe;
  }, [store, playback, start]);

  const openFull = async () => {
    const fragment = await labLinkFragment(...labToLink(store.getState()));
    window.open(new URL(`./#${fragment}`, location.href).href, '_blank', 'noopener');
  };

  return (
    <header className="app-topbar embed-bar">
      <h1 className="app-title embed-title" title={title}>{title}</h1>
      <RunStatus />
      <span className="app-spacer" />
      <LanguageButton />
      <button type="button" className="app-button" data-testid="embed-open-full" title={t('embed.openTitle')} onClick={() => void openFull()}>
        {t('embed.open')}
      </button>
      <HelpButton />
    </header>
  );
}
