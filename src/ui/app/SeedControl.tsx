import { useState, type FormEvent } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { useSim } from './controllers.tsx';

const selectSeed = (s: AppState) => s.run.seed;
const SEED_RE = /^\d{1,10}$/;

/** The run's seed (it decides races such as which ARP reply arrives first) and a re-run button. */
export function SeedControl() {
  const seed = useAppState(selectSeed);
  // A new seed from elsewhere (a lab opened, a restore) starts the field afresh.
  return <SeedForm key={seed} seed={seed} />;
}

function SeedForm({ seed }: { seed: number }) {
  const t = useT();
  const store = useStoreApi();
  const sim = useSim();
  const [text, setText] = useState(String(seed));
  const valid = SEED_RE.test(text) && Number(text) <= 0xffffffff;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const n = Number(text);
    if (n !== store.getState().run.seed) store.getState().setSeed(n);
    else sim.rerun();
  };

  return (
    <form className="app-group app-seed" onSubmit={onSubmit}>
      <label htmlFor="app-seed-input" title={t('app.seed.title')}>{t('app.seed.label')}</label>
      <input
        id="app-seed-input" data-testid="seed" inputMode="numeric" value={text} size={6}
        aria-invalid={!valid} title={valid ? t('app.seed.title') : t('app.seed.invalid')}
        onChange={(e) => setText(e.target.value.trim())}
      />
      <button type="submit" className="app-button" data-testid="rerun" disabled={!valid} title={t('app.seed.rerunTitle')}>
        {t('app.seed.rerun')}
      </button>
    </form>
  );
}
