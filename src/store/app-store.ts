import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LabDocument } from '../lab/document.ts';
import { createDocumentSlice, type DocumentSlice } from './document-slice.ts';
import { createPreferencesSlice, type Preferences, type PreferencesSlice } from './preferences-slice.ts';
import { createRunSlice, type RunSlice } from './run-slice.ts';
import { createViewSlice, type ViewSlice } from './view-slices.ts';

/** Everything the UI shows. The simulation itself lives in the worker, never here. */
export type AppState = DocumentSlice & RunSlice & ViewSlice & PreferencesSlice;

export interface AppStoreInit {
  readonly doc: LabDocument;
  readonly labId: string | null;
  readonly prefs: Preferences;
}

/** A store per app instance, so two embedded labs on one page do not share state. */
export function createAppStore(init: AppStoreInit): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createDocumentSlice(init.doc, init.labId)(...a),
    ...createRunSlice(init.doc.seed)(...a),
    ...createViewSlice(...a),
    ...createPreferencesSlice(init.prefs)(...a),
  }));
}
