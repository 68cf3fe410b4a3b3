import { useEffect, useRef } from 'react';
import { useT } from '../hooks/use-t.ts';
import { HopTable, type HopViewProps } from './HopTable.tsx';

/**
 * The hop table at full width, over the app (the side panel is too narrow for a textbook table).
 * Escape or the close button closes it and gives the focus back.
 */
export function HopTableDialog({ title, onClose, ...table }: HopViewProps & { title: string; onClose: () => void }) {
  const t = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="insp-dialog-backdrop" onClick={onClose}>
      <div
        className="insp-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid="hop-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            // Handled here: the app's Escape command must not also act on it.
            e.preventDefault();
            onClose();
          }
        }}
      >
        <header className="insp-dialog-head">
          <h2>{title}</h2>
          <button ref={closeRef} type="button" className="insp-dialog-close" data-testid="hop-dialog-close" onClick={onClose} aria-label={t('insp.hops.closeTable')}>×</button>
        </header>
        <div className="insp-dialog-body insp-table-wrap">
          <HopTable {...table} />
        </div>
      </div>
    </div>
  );
}
