import { useEffect, useRef } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { formatKey } from '../commands/keys.ts';
import { COMMANDS } from '../commands/registry.ts';
import type { CommandGroup } from '../commands/types.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import './help.css';

const selectOpen = (s: AppState) => s.overlay === 'help';
const selectTools = (s: AppState) => s.tools;

const GROUPS: readonly { group: CommandGroup; title: string }[] = [
  { group: 'tools', title: 'help.group.tools' },
  { group: 'edit', title: 'help.group.edit' },
  { group: 'playback', title: 'help.group.playback' },
  { group: 'view', title: 'help.group.view' },
];

/** What the mouse does on the canvas (not commands: gestures). */
const MOUSE: readonly string[] = ['wheel', 'pan', 'node', 'open', 'drawer'];

/** The shortcut list, read from the command registry, and the mouse gestures. Escape, the close button or a click outside closes it. */
export function HelpOverlay() {
  const t = useT();
  const store = useStoreApi();
  const open = useAppState(selectOpen);
  const tools = useAppState(selectTools);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  const close = () => store.getState().setOverlay(undefined);
  return (
    <div className="app-help-backdrop" onClick={close}>
      <div className="app-help" role="dialog" aria-modal="true" aria-labelledby="app-help-title" data-testid="help-overlay" onClick={(e) => e.stopPropagation()}>
        <header className="app-help-head">
          <h2 id="app-help-title">{t('help.title')}</h2>
          <button ref={closeRef} type="button" className="app-button app-icon-button" data-testid="help-close" onClick={close} aria-label={t('help.close')} title={t('help.close')}>×</button>
        </header>
        <div className="app-help-groups">
          {GROUPS.filter(({ group }) => tools || group !== 'tools').map(({ group, title }) => (
            <div key={group} className="app-help-column">
              <section className="app-help-group">
                <h3>{t(title)}</h3>
                <dl>
                  {COMMANDS.filter((c) => c.group === group && c.keys?.length).map((c) => (
                    <div key={c.id} className="app-help-row" data-testid={`help-${c.id}`}>
                      <dt>{c.keys!.map((k) => <kbd key={formatKey(k)}>{formatKey(k)}</kbd>)}</dt>
                      <dd>{t(c.label)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
              {/* The view column is the shortest: the mouse gestures go under it. */}
              {group === 'view' && (
                <section className="app-help-group" data-testid="help-mouse">
                  <h3>{t('help.group.mouse')}</h3>
                  <dl>
                    {MOUSE.map((m) => (
                      <div key={m} className="app-help-row app-help-row--mouse">
                        <dt>{t(`help.mouse.${m}`)}</dt>
                        <dd>{t(`help.mouse.${m}.what`)}</dd>
                      </div>
                    ))}
                  </dl>
                </section>
              )}
            </div>
          ))}
        </div>
        <p className="app-help-note">{t('help.note')}</p>
      </div>
    </div>
  );
}
