import { useCallback } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { LabDocument } from '../../lab/document.ts';
import { formatLabError, validateLab } from '../../lab/validate.ts';
import type { AppState } from '../../store/app-store.ts';
import { useStoreApi } from '../hooks/store-context.tsx';

/** What an edit did: stored as one undo step, or refused with the lab's located errors. */
export type EditOutcome = { readonly ok: true } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Applies `fn` to the document as one undoable step labelled `label` (an i18n key), unless the
 * result would not be a valid lab: then nothing changes and the errors say where and why.
 */
export function checkedEdit(store: StoreApi<AppState>, label: string, fn: (doc: LabDocument) => LabDocument): EditOutcome {
  const s = store.getState();
  const next = fn(s.doc);
  if (next === s.doc) return { ok: true };
  const check = validateLab(next);
  if (!check.ok) return { ok: false, errors: check.errors.map(formatLabError) };
  s.edit(label, () => next);
  return { ok: true };
}

/** `checkedEdit` bound to this app instance's store. */
export function useCheckedEdit(): (label: string, fn: (doc: LabDocument) => LabDocument) => EditOutcome {
  const store = useStoreApi();
  return useCallback((label, fn) => checkedEdit(store, label, fn), [store]);
}
