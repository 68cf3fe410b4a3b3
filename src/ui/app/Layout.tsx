import { useEffect, type CSSProperties, type ReactNode } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { useAppState } from '../hooks/store-context.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { LazyArea } from '../lazy/LazyArea.tsx';
import { LazyHelpOverlay } from '../lazy/panels.ts';
import { NodeDrawer } from '../node-panel/NodeDrawer.tsx';
import { PlaybackBar } from '../playback/PlaybackBar.tsx';
import { Toolbar } from '../toolbar/Toolbar.tsx';
import { NoticePanel } from './NoticePanel.tsx';
import { TopBar } from './TopBar.tsx';
import './app.css';

const selectRunAttr = (s: AppState) => (s.run.status === 'ready' && s.run.stale ? 'stale' : s.run.status);
const selectPhase = (s: AppState) => s.playback.phase;
const selectLabId = (s: AppState) => s.labId ?? 'custom';
const selectLanguage = (s: AppState) => s.prefs.language;
const selectDrawerOpen = (s: AppState) => s.drawerNodeId !== undefined;
const selectHelpOpen = (s: AppState) => s.overlay === 'help';
const selectDrawerHeight = (s: AppState) => s.prefs.drawerHeight;
const selectTools = (s: AppState) => s.tools;

export interface LayoutProps {
  /** The top row (default: the full top bar). */
  readonly topBar?: ReactNode;
}

/**
 * The screen: top bar; tools, canvas and inspector; playback bar; node drawer. The root's data
 * attributes tell end-to-end tests where the run and playback stand.
 */
export function Layout({ topBar }: LayoutProps) {
  const run = useAppState(selectRunAttr);
  const phase = useAppState(selectPhase);
  const labId = useAppState(selectLabId);
  const language = useAppState(selectLanguage);
  const drawerOpen = useAppState(selectDrawerOpen);
  const helpOpen = useAppState(selectHelpOpen);
  const drawerHeight = useAppState(selectDrawerHeight);
  const tools = useAppState(selectTools);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);

  return (
    <div className={`app${drawerOpen ? ' app--drawer' : ''}${tools ? '' : ' app--no-tools'}`} data-testid="app" data-run={run} data-phase={phase} data-lab={labId}
      style={drawerHeight !== undefined ? ({ '--drawer-h': `${drawerHeight}px` } as CSSProperties) : undefined}
    >
      {topBar ?? <TopBar />}
      {tools && <Toolbar />}
      <main className="app-canvas">
        <Canvas />
        <NoticePanel />
      </main>
      <aside className="app-inspector">
        <Inspector />
      </aside>
      <PlaybackBar />
      <div className="app-drawer">
        <NodeDrawer />
      </div>
      {helpOpen && <LazyArea fallback={null}><LazyHelpOverlay /></LazyArea>}
    </div>
  );
}
