import type { AppState } from '../../store/app-store.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { labToLink } from '../../store/app-store.ts';
import { transfer } from './transfer.ts';

const selectNotice = (s: AppState) => s.notice;

/** The latest notice over the canvas: refusals, import errors with their locations, autosave problems, and the button some offer. */
export function NoticePanel() {
  const t = useT();
  const store = useStoreApi();
  const notice = useAppState(selectNotice);
  if (!notice) return null;
  return (
    <div className={`app-notice app-notice--${notice.level}`} data-testid="notice" role={notice.level === 'error' ? 'alert' : 'status'}>
      <div className="app-notice-head">
        <p className="app-notice-text">{t(notice.key, notice.params)}</p>
        {notice.action === 'restoreLab' && (
          <button type="button" className="app-button" data-testid="notice-restore" onClick={() => store.getState().restoreReplacedLab()}>
            {t('app.lab.restore')}
          </button>
        )}
        {notice.action === 'copyEmbed' && (
          <button
            type="button" className="app-button" data-testid="notice-copy-embed" title={t('app.link.embedTitle')}
            onClick={() => transfer(store, (m) => m.copyEmbedCode(store, ...labToLink(store.getState())))}
          >
            {t('app.link.embed')}
          </button>
        )}
        <button type="button" className="app-button app-icon-button" data-testid="notice-dismiss" title={t('app.notice.dismiss')} aria-label={t('app.notice.dismiss')} onClick={() => store.getState().dismissNotice()}>
          ×
        </button>
      </div>
      {notice.details.length > 0 && (
        <ul className="app-notice-details" data-testid="notice-details">
          {notice.details.map((d, i) => <li key={i}>{d}</li>)}
        </ul>
      )}
    </div>
  );
}
