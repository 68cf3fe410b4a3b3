import { createStore, type StoreApi } from 'zustand/vanilla';
import { builtinLabAtHand } from '../lab/builtin/menu.ts';
import type { LabDocument } from '../lab/document.ts';
import type { SavedLab } from './persistence.ts';
import type { TimelineEntry } from '../worker/api.ts';
import { createDocumentSlice, type DocumentSlice } from './document-slice.ts';
import { createEditorSlice, INITIAL_EDITOR_VIEW, type EditorSlice } from './editor-slice.ts';
import { createPreferencesSlice, type Preferences, type PreferencesSlice } from './preferences-slice.ts';
import { createRunSlice, emptyRun, type RunSlice } from './run-slice.ts';
import { createViewSlice, INITIAL_PLAYBACK, NO_SELECTION, type ViewSlice } from './view-slices.ts';

/** Opening a lab: replaces the document and resets everything that belonged to the old one. */
export interface LabSlice {
  /** The user's edited lab that the last `openLab` replaced, so it can be brought back. */
  readonly replacedLab: SavedLab | undefined;
  /**
   * Opens `doc` (a built-in when `labId` is set): empty history, its seed and no traffic (or the
   * seed and timeline a lab link carries), nothing selected. An edited lab it replaces is kept in
   * `replacedLab` and a notice offers it back.
   */
  openLab(doc: LabDocument, labId: string | null, run?: { readonly seed: number; readonly timeline: readonly TimelineEntry[] }): void;
  /** Brings back the lab the last `openLab` replaced. */
  restoreReplacedLab(): void;
}

/** What an app instance offers. */
export interface AppChrome {
  /** The editing tools (bar and shortcuts); the embedded lab has none. */
  readonly tools: boolean;
}

/** Everything the UI shows. The simulation itself lives in the worker, never here. */
export type AppState = DocumentSlice & RunSlice & ViewSlice & PreferencesSlice & EditorSlice & LabSlice & AppChrome;

export interface AppStoreInit {
  readonly doc: LabDocument;
  readonly labId: string | null;
  readonly prefs: Preferences;
  /** The seed to run with (default: the document's). */
  readonly seed?: number;
  /** Traffic and shell lines the user started (restored from an autosave). */
  readonly timeline?: readonly TimelineEntry[];
  /** Whether the editing tools are offered (default: yes). */
  readonly tools?: boolean;
}

/**
 * Whether a document is a built-in lab as shipped (or empty): nothing of the user's to keep. A
 * built-in whose document is not at hand counts as edited (the page loads a seed lab's document
 * before it opens or restores one).
 */
export function isPristine(doc: LabDocument, labId: string | null): boolean {
  if (labId === null) return doc.nodes.length === 0;
  const builtin = builtinLabAtHand(labId);
  return builtin !== undefined && (builtin === doc || JSON.stringify(builtin) === JSON.stringify(doc));
}

/** The part of the state a reload, a lab link or the embedded lab's way out keeps. */
export function savedLabOf(s: AppState): SavedLab {
  return { doc: s.doc, labId: s.labId, seed: s.run.seed, timeline: s.run.timeline };
}

/** What a link to the lab as it is now is made of: the saved lab, and whether it is a built-in as shipped (its id will do). */
export function labToLink(s: AppState): [saved: SavedLab, pristineBuiltin: boolean] {
  return [savedLabOf(s), isPristine(s.doc, s.labId)];
}

/** A store per app instance, so two embedded labs on one page do not share state. */
export function createAppStore(init: AppStoreInit): StoreApi<AppState> {
  return createStore<AppState>()((...a) => {
    const [set, get] = a;
    const reset = (doc: LabDocument, labId: string | null, seed: number, timeline: readonly TimelineEntry[]) => set({
      doc, labId, past: [], future: [],
      run: { ...emptyRun(seed), timeline },
      shellLog: [],
      playback: INITIAL_PLAYBACK,
      selection: NO_SELECTION,
      editor: INITIAL_EDITOR_VIEW,
      drawerNodeId: undefined,
    });
    const run = createRunSlice(init.seed ?? init.doc.seed)(...a);
    return {
      ...createDocumentSlice(init.doc, init.labId)(...a),
      ...run,
      run: { ...run.run, timeline: init.timeline ?? [] },
      ...createViewSlice(...a),
      ...createPreferencesSlice(init.prefs)(...a),
      ...createEditorSlice(...a),
      tools: init.tools ?? true,
      replacedLab: undefined,
      openLab: (doc, labId, run) => {
        const s = get();
        const edited = s.run.timeline.length > 0 || !isPristine(s.doc, s.labId);
        const replacedLab = edited ? savedLabOf(s) : undefined;
        reset(doc, labId, run?.seed ?? doc.seed, run?.timeline ?? []);
        set({ replacedLab, notice: replacedLab ? { level: 'info', key: 'app.lab.replaced', params: {}, details: [], action: 'restoreLab' } : undefined });
      },
      restoreReplacedLab: () => {
        const r = get().replacedLab;
        if (!r) return;
        reset(r.doc, r.labId, r.seed, r.timeline);
        set({ replacedLab: undefined, notice: undefined });
      },
    };
  });
}
