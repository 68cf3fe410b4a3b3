import type { StateCreator } from 'zustand';
import type { Language } from '../i18n/translate.ts';
import type { AppState } from './app-store.ts';

/** What a user chooses once and keeps across reloads. */
export interface Preferences {
  readonly language: Language;
  /** Show switch hops in the hop table and event list. */
  readonly showSwitchHops: boolean;
  /** The node drawer's height in CSS pixels, once the user has resized it (absent: the default). */
  readonly drawerHeight?: number | undefined;
}

export interface PreferencesSlice {
  readonly prefs: Preferences;
  setPreferences(p: Partial<Preferences>): void;
}

export const createPreferencesSlice = (initial: Preferences): StateCreator<AppState, [], [], PreferencesSlice> => (set, get) => ({
  prefs: initial,
  setPreferences: (p) => set({ prefs: { ...get().prefs, ...p } }),
});
