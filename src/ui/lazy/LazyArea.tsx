import { Component, Suspense, type ReactNode } from 'react';
import { useT } from '../hooks/use-t.ts';
import { retryFailedLoads } from './retryable.ts';

interface BoundaryState {
  readonly failed: boolean;
}

/** Catches a lazy panel that failed to load and shows a retry button instead of breaking the page. */
class LoadBoundary extends Component<{ readonly children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <LoadFailed onRetry={() => {
      retryFailedLoads();
      this.setState({ failed: false });
    }} /> : this.props.children;
  }
}

function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <p className="app-load-failed" role="alert" data-testid="load-failed">
      {t('app.loadFailed')}{' '}
      <button type="button" className="app-button" onClick={onRetry}>{t('app.retry')}</button>
    </p>
  );
}

/** Where lazy panels render: `fallback` while they load, a retry button if loading fails. */
export function LazyArea({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  return (
    <LoadBoundary>
      <Suspense fallback={fallback}>{children}</Suspense>
    </LoadBoundary>
  );
}
