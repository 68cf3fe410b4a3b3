import type { StoreApi } from 'zustand/vanilla';
import type { Clock } from '../../editor/playback/clock.ts';
import type { AppState } from '../../store/app-store.ts';
import type { KeyValueStorage } from '../../store/persistence.ts';
import type { Progress } from '../../worker/api.ts';
import type { SimClient } from '../../worker/client.ts';
import { installKeyboard } from '../commands/keyboard.ts';
import { startAutosave } from './autosave.ts';
import type { EarlySim } from './early-sim.ts';
import type { AppControllers, EditorController, PlaybackController, SimActions } from './controllers.tsx';
import { createEditorController } from './editor-controller.ts';
import { createPlaybackController } from './playback-controller.ts';
import { RUN_DEBOUNCE_MS, SimController } from './sim-controller.ts';

/** What an app instance needs from outside. */
export interface RuntimeDeps {
  readonly store: StoreApi<AppState>;
  readonly storage: KeyValueStorage;
  readonly startWorker: (onProgress: (method: string, p: Progress) => void) => SimClient;
  readonly clock: Clock;
  readonly window: Window;
  /** A worker and first run the page started before mounting, for the first start to take over. */
  readonly early?: EarlySim;
}

interface Running {
  readonly editor: ReturnType<typeof createEditorController>;
  readonly playback: ReturnType<typeof createPlaybackController>;
  readonly sim: SimController;
}

/**
 * The controllers of one app instance, stable for React's context, over machines and a worker
 * that exist only while mounted: `start()` creates them (the worker, the editor and playback
 * machines, the sim controller, autosave, shortcuts) and returns the function that stops them.
 * StrictMode's mount–unmount–mount gets a fresh set each time.
 */
export class AppRuntime implements AppControllers {
  private running: Running | undefined;
  private early: EarlySim | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.early = deps.early;
  }

  readonly editor: EditorController = { send: (ev) => this.running?.editor.send(ev) };
  readonly playback: PlaybackController = { send: (ev) => this.running?.playback.send(ev) };
  readonly sim: SimActions = {
    sendTraffic: (a) => this.running?.sim.sendTraffic(a) ?? Promise.resolve(),
    shell: (node, line) => this.running?.sim.shell(node, line) ?? Promise.resolve(undefined),
    interrupt: () => this.running?.sim.interrupt() ?? false,
    stopEntry: () => this.running?.sim.stopEntry() ?? false,
    complete: (node, text) => this.running?.sim.complete(node, text) ?? Promise.resolve(undefined),
    replay: () => this.running?.sim.replay(),
    rerun: () => this.running?.sim.rerun(),
  };

  /** Starts everything; the returned function stops it all and terminates the worker. */
  start(): () => void {
    const { store, storage, startWorker, clock, window: win } = this.deps;
    let sim: SimController | undefined = undefined;
    // Only the first start takes over the early worker: StrictMode's second start has had it terminated.
    const early = this.early;
    this.early = undefined;
    let client = early?.client ?? startWorker((_method, p) => sim?.progress(p));
    early?.onProgress((_method, p) => sim?.progress(p));
    const playback = createPlaybackController(store, clock);
    const editor = createEditorController(store);
    const restartWorker = () => {
      client.terminate();
      client = startWorker((_method, p) => sim?.progress(p));
      return client.api;
    };
    sim = new SimController(store, client.api, playback, RUN_DEBOUNCE_MS, restartWorker);
    const running: Running = { editor, playback, sim };
    this.running = running;
    const stopAutosave = startAutosave(store, storage, win);
    const stopKeys = installKeyboard(win, { editor: this.editor, playback: this.playback, sim: this.sim, store });
    const onBlur = () => editor.send({ type: 'editor.interrupt' });
    win.addEventListener('blur', onBlur);
    sim.start(early?.firstRun);
    return () => {
      win.removeEventListener('blur', onBlur);
      stopKeys();
      stopAutosave();
      running.sim.dispose();
      editor.dispose();
      playback.dispose();
      client.terminate();
      if (this.running === running) this.running = undefined;
    };
  }
}
