import { builtinLab } from '../../../lab/builtin/index.ts';
import type { LabDocument } from '../../../lab/document.ts';
import { createAppStore } from '../../../store/app-store.ts';
import type { RunDelta } from '../../../worker/api.ts';
import { SimService } from '../../../worker/sim-service.ts';

/** Runs a lab (built-in id or document) in this thread, as the worker would, for tests. */
export async function runLab(lab: string | LabDocument, seed?: number): Promise<{ doc: LabDocument; delta: RunDelta }> {
  const doc = typeof lab === 'string' ? builtinLab(lab) : lab;
  if (!doc) throw new Error(`no built-in lab ${lab as string}`);
  const delta = await new SimService(undefined).run({ doc, seed: seed ?? doc.seed, scenario: true, timeline: [] });
  return { doc, delta };
}

/** A store holding a lab and its run, with playback at the end of the run. */
export async function storeWithRun(lab: string | LabDocument) {
  const { doc, delta } = await runLab(lab);
  const store = createAppStore({ doc, labId: typeof lab === 'string' ? lab : null, prefs: { language: 'en', showSwitchHops: false } });
  store.getState().applyRunDelta(delta, doc);
  store.getState().setPlayback({ cursor: delta.records.length, timeUs: delta.endUs });
  return store;
}
