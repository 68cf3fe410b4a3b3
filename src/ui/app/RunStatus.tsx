import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';

const selectStatus = (s: AppState) => (s.run.status === 'ready' && s.run.stale ? 'stale' : s.run.status);
const selectError = (s: AppState) => s.run.error;
const selectIssues = (s: AppState) => s.run.issues;
const selectProgress = (s: AppState) => (s.run.progress ? `${s.run.progress.done}/${s.run.progress.total}` : '');

/** Where the simulation stands: running, out of date, failed, or how many configuration issues the run found. */
export function RunStatus() {
  const t = useT();
  const status = useAppState(selectStatus);
  const error = useAppState(selectError);
  const issues = useAppState(selectIssues);
  const progress = useAppState(selectProgress);
  let text = '';
  let cls = '';
  if (status === 'running' || status === 'stale') text = progress ? t('app.run.runningProgress', { progress }) : t('app.run.running');
  else if (status === 'error') {
    text = t('app.run.failed');
    cls = ' app-run-status--error';
  } else if (issues.length > 0) {
    text = t('app.run.issues', { count: issues.length });
    cls = ' app-run-status--warn';
  }
  return (
    <span className={`app-run-status${cls}`} data-testid="run-status" role="status" title={status === 'error' ? error : issues.length > 0 ? issues.join('\n') : undefined}>
      {text}
    </span>
  );
}
