import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { LazyArea } from '../lazy/LazyArea.tsx';
import { LazyNodeDrawerPanel } from '../lazy/panels.ts';

const selectOpen = (s: AppState) => s.drawerNodeId !== undefined;

/** The node drawer: empty until a node is opened (`drawerNodeId`), then its path, tables and console. */
export function NodeDrawer() {
  const t = useT();
  const open = useAppState(selectOpen);
  if (!open) return null;
  // The drawer's tables and forms load the first time a node is opened, not with the page.
  return (
    <LazyArea fallback={<p className="node-loading" role="status">{t('node.loading')}</p>}>
      <LazyNodeDrawerPanel />
    </LazyArea>
  );
}
