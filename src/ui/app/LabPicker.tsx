import type { ChangeEvent } from 'react';
import { emptyLab } from '../../lab/build.ts';
import { BUILTIN_LAB_MENU, builtinLabAtHand, loadBuiltinLab } from '../../lab/builtin/menu.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';

const selectLabId = (s: AppState) => s.labId;
const selectLanguage = (s: AppState) => s.prefs.language;
const selectOwnTitle = (s: AppState) => (s.labId === null ? s.doc.title[s.prefs.language] : '');

/** The lab menu: the built-in labs by title in the current language, and a new empty lab. */
export function LabPicker() {
  const t = useT();
  const store = useStoreApi();
  const labId = useAppState(selectLabId);
  const lang = useAppState(selectLanguage);
  const ownTitle = useAppState(selectOwnTitle);

  const onChange = (e: ChangeEvent<HTMLSelectElement>) => {
    const v = e.target.value;
    const s = store.getState();
    const atHand = builtinLabAtHand(v);
    if (v === '__new') s.openLab(emptyLab({ en: 'New lab', zh: '新实验' }), null);
    else if (atHand) s.openLab(atHand, v);
    else {
      // Any lab but DR: the built-in documents load first (a moment, once).
      loadBuiltinLab(v).then((doc) => {
        if (doc) store.getState().openLab(doc, v);
      }, (err: unknown) => store.getState().notify({ level: 'error', key: 'app.loadFailed', details: [err instanceof Error ? err.message : String(err)] }));
    }
  };

  return (
    <label className="app-lab-picker">
      <span className="app-visually-hidden">{t('app.lab.label')}</span>
      <select data-testid="lab-picker" value={labId ?? '__own'} onChange={onChange} title={t('app.lab.label')}>
        {labId === null && <option value="__own">{ownTitle || t('app.lab.untitled')}</option>}
        <optgroup label={t('app.lab.builtins')}>
          {BUILTIN_LAB_MENU.map((l) => <option key={l.id} value={l.id}>{l.title[lang]}</option>)}
        </optgroup>
        <option value="__new">{t('app.lab.new')}</option>
      </select>
    </label>
  );
}
