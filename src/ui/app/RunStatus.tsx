import type { AppState } from '../../store/app-store.ts';
import type { TimelineEntry } from '../../worker/api.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { useSim } from './controllers.tsx';

const selectStatus = (s: AppState) => (s.run.status === 'ready' && s.run.stale ? 'stale' : s.run.status);
const selectError = (s: AppState) => s.run.error;
const selectIssues = (s: AppState) => s.run.issues;
const selectTraceStoppedAt = (s: AppState) => s.run.traceStoppedAt;
/** Which timeline entry the run is on: the n-th of all (the worker reports `done` before it). */
const selectProgress = (s: AppState) => {
  const p = s.run.progress;
  return p ? `${Math.min(p.done + 1, p.total)}/${p.total}` : '';
};
/** The timeline entry a run being built reports running now (what Stop would drop). */
const selectEntryRunning = (s: AppState) => {
  const p = s.run.progress;
  return s.run.status === 'running' && p && p.done < p.total ? s.run.timeline[p.done] : undefined;
};

/** An entry as the user typed it, or as the command its button stands for. */
function entryText(e: TimelineEntry): string {
  if (e.kind === 'shell') return `${e.node}$ ${e.line}`;
  const a = e.action;
  const command = a.kind === 'curl' ? `curl ${a.url}` : a.kind === 'ping' ? `ping -c ${a.count} ${a.destination}` : `arping -c ${a.count} -I ${a.iface} ${a.target}`;
  return `${a.node}$ ${command}`;
}

/**
 * Where the simulation stands: running, out of date, failed, how many configuration issues the
 * run found, and whether its trace is full. A run that takes long to build (a loop of thousands of
 * curls replayed at load) can be stopped on the entry it is running.
 */
export function RunStatus() {
  const t = useT();
  const sim = useSim();
  const entryRunning = useAppState(selectEntryRunning);
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
    <>
      <span className={`app-run-status${cls}`} data-testid="run-status" role="status" title={title}>
        {text}
      </span>
      {entryRunning && (
        <button type="button" className="app-button app-run-stop" data-testid="run-stop" title={t('app.run.stopTitle', { entry: entryText(entryRunning) })} onClick={() => sim.stopEntry()}>
          {t('app.run.stop')}
        </button>
      )}
    </>
  );
}
