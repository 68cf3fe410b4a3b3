import type { Command } from './types.ts';

/**
 * Escape: closes or cancels the innermost thing — the help overlay, a drag or connection in
 * progress, a playback step, the notice, a tool other than select, the node drawer, the selection.
 */
export const escape: Command = {
  id: 'cmd.escape', label: 'cmd.escape', group: 'view', keys: [{ key: 'Escape' }], recordsUndo: false,
  enabled: () => true,
  perform: ({ store, editor, playback }) => {
    const s = store.getState();
    if (s.overlay) s.setOverlay(undefined);
    else if (!s.editor.toolState.endsWith('.idle')) editor.send({ type: 'editor.cancel' });
    else if (s.playback.phase === 'stepping') playback.send({ type: 'playback.cancel' });
    else if (s.notice) s.dismissNotice();
    else if (s.editor.tool !== 'select') editor.send({ type: 'editor.cancel' });
    else if (s.drawerNodeId !== undefined) s.closeDrawer();
    else s.select({ nodeId: undefined, link: undefined });
  },
};
