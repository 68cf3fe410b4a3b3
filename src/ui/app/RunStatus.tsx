import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';

const selectStatus = (s: AppState) => (s.run.status === 'ready' && s.run.stale ? 'stale' : s.run.status);
const selectError = (s: AppState) => s.run.error;
const selectIssues = (s: AppState) => s.run.issues;
const selectTraceStoppedAt = (s: AppState) => s.run.traceStoppedAt;
const selectProgress = (s: AppState) => (s.run.progress ? `${s.run.progress.done}/${s.run.progress.total}` : '');

/**
 * Where the simulation stands: running, out of date, failed, how many configuration issues the
 * run found, and whether its trace is full.
 */
export function RunStatus() {
  const t = useT();
  const status = useAppState(selectStatus);
  const error = useAppState(selectError);
  const issues = useAppState(selectIssues);
  const progress = useAppState(selectProgress);
  const traceStoppedAt = useAppState(selectTraceStoppedAt);
  let text = '';
  let cls = '';
  let title: string | undefined;
  if (status === 'running' || status === 'stale') text = progress ? t('app.run.runningProgress', { progress }) : t('app.run.running');
  else if (status === 'error') {
    text = t('app.run.failed');
    cls = ' app-run-status--error';
    title = error;
  } else {
    const notes: string[] = [];
    const details: string[] = [];
    if (issues.length > 0) {
      notes.push(t('app.run.issues', { count: issues.length }));
      details.push(...issues);
    }
    if (traceStoppedAt !== undefined) {
      const count = traceStoppedAt.toLocaleString('en-US');
      notes.push(t('app.run.traceFull'));
      details.push(t('app.run.traceFullDetail', { count }));
    }
    if (notes.length > 0) {
      text = notes.join(' · ');
      cls = ' app-run-status--warn';
      title = details.join('\n');
    }
  }
  return (
    <span className={`app-run-status${cls}`} data-testid="run-status" role="status" title={title}>
      {text}
    </span>
  );
}
