import type { NodeRole } from '../../lab/document.ts';
import type { AppState } from '../../store/app-store.ts';
import type { ToolId } from '../../store/editor-slice.ts';
import { useEditor, usePlayback, useSim } from '../app/controllers.tsx';
import { formatKey } from '../commands/keys.ts';
import { commandById } from '../commands/registry.ts';
import { useShallow } from 'zustand/react/shallow';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { ToolIcon, type PlainTool } from './ToolIcon.tsx';
import './toolbar.css';

/** A toolbar button: the command it runs, what it shows, and when it is the active tool. */
interface ToolButton {
  readonly command: string;
  readonly testId: string;
  /** i18n key of the short label under the icon. */
  readonly short: string;
  readonly tool: ToolId;
  readonly role?: Exclude<NodeRole, 'host'>;
  readonly icon?: PlainTool;
}

const TOOLS: readonly (ToolButton | 'separator')[] = [
  { command: 'tool.select', testId: 'tool-select', short: 'tool.short.select', tool: 'select', icon: 'select' },
  'separator',
  { command: 'tool.addClient', testId: 'tool-add-client', short: 'tool.short.client', tool: 'add_node', role: 'client' },
  { command: 'tool.addRouter', testId: 'tool-add-router', short: 'tool.short.router', tool: 'add_node', role: 'router' },
  { command: 'tool.addSwitch', testId: 'tool-add-switch', short: 'tool.short.switch', tool: 'add_node', role: 'switch' },
  { command: 'tool.addDirector', testId: 'tool-add-director', short: 'tool.short.director', tool: 'add_node', role: 'director' },
  { command: 'tool.addRealServer', testId: 'tool-add-realserver', short: 'tool.short.realserver', tool: 'add_node', role: 'realserver' },
  { command: 'tool.addNfs', testId: 'tool-add-nfs', short: 'tool.short.nfs', tool: 'add_node', role: 'nfs' },
  'separator',
  { command: 'tool.connect', testId: 'tool-connect', short: 'tool.short.connect', tool: 'connect', icon: 'connect' },
  { command: 'tool.delete', testId: 'tool-delete', short: 'tool.short.delete', tool: 'delete', icon: 'delete' },
  { command: 'tool.properties', testId: 'tool-properties', short: 'tool.short.properties', tool: 'edit_properties', icon: 'properties' },
];

const selectActive = (s: AppState) => ({ tool: s.editor.tool, role: s.editor.addRole });

/** The vertical tool bar: each tool with its icon, a short name and its shortcut key. */
export function Toolbar() {
  const t = useT();
  const store = useStoreApi();
  const editor = useEditor();
  const playback = usePlayback();
  const sim = useSim();
  const active = useAppState(useShallow(selectActive));

  return (
    <nav className="app-toolbar" aria-label={t('tool.bar')} data-testid="toolbar">
      {TOOLS.map((b, i) => {
        if (b === 'separator') return <hr key={`sep${i}`} className="app-toolbar-sep" />;
        const cmd = commandById(b.command);
        const key = cmd.keys?.[0] ? formatKey(cmd.keys[0]) : '';
        const on = active.tool === b.tool && (b.role === undefined || b.role === active.role);
        return (
          <button
            key={b.command} type="button" data-testid={b.testId} aria-pressed={on}
            className={`app-tool${on ? ' app-tool--active' : ''}`}
            title={`${t(cmd.label)} (${key})`}
            onClick={() => cmd.perform({ store, editor, playback, sim })}
          >
            <ToolIcon {...(b.role ? { role: b.role } : { tool: b.icon! })} />
            <span className="app-tool-label">{t(b.short)}</span>
            <kbd className="app-tool-key">{key}</kbd>
          </button>
        );
      })}
    </nav>
  );
}
