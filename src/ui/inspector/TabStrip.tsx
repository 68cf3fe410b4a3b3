import { useRef, type KeyboardEvent } from 'react';

/** One tab of a strip. */
export interface TabItem<T extends string> {
  readonly id: T;
  readonly label: string;
  readonly testId: string;
}

/**
 * A row of tabs (WAI-ARIA tabs pattern): click or arrow keys to switch, Home/End for the ends.
 * `idPrefix` names the tab panel each tab controls (`<idPrefix>-panel`).
 */
export function TabStrip<T extends string>({ tabs, active, onChange, idPrefix, label, className }: {
  tabs: readonly TabItem<T>[];
  active: T;
  onChange: (id: T) => void;
  idPrefix: string;
  label: string;
  className: string;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const move = (e: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const to = e.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : e.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
        : e.key === 'Home' ? 0 : e.key === 'End' ? last : -1;
    if (to < 0) return;
    e.preventDefault();
    const id = tabs[to]!.id;
    onChange(id);
    refs.current.get(id)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={className}>
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          ref={(el) => { if (el) refs.current.set(tab.id, el); else refs.current.delete(tab.id); }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${tab.id}`}
          aria-selected={tab.id === active}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={tab.id === active ? 0 : -1}
          data-testid={tab.testId}
          onClick={() => onChange(tab.id)}
          onKeyDown={(e) => move(e, i)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
