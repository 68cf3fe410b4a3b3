import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../hooks/use-t.ts';

/** vim's file message: `"/etc/sysctl.conf" 11L, 449C`, or `[New File]`. */
function fileMessage(path: string, content: string, exists: boolean): string {
  if (!exists) return `"${path}" [New File]`;
  const lines = content === '' ? 0 : content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
  return `"${path}" ${lines}L, ${new TextEncoder().encode(content).length}C`;
}

/** The ex commands typed on a line of their own: write, write and quit, quit. */
const EX_COMMAND = /^:(wq!?|x!?|w!?|q!?)$/;

interface ConsoleEditorProps {
  readonly nodeId: string;
  readonly path: string;
  /** The file's content when it was opened (what :q compares with until the first :w). */
  readonly content: string;
  /** The text to start from: the content, or what was typed before the drawer closed. */
  readonly initialText: string;
  readonly exists: boolean;
  /** Reports each change of the text (kept while the drawer is closed). */
  readonly onText: (text: string) => void;
  /** Writes the text; resolves when the write has run. */
  readonly onWrite: (text: string) => Promise<void>;
  readonly onClose: () => void;
}

/**
 * The console's editor for vim FILE: the file's text in a text area, vim's status line, and its
 * ways out (Ctrl+S or :wq, :w, :q!, :q refused while there are unsaved changes, as vim does).
 */
export function ConsoleEditor({ nodeId, path, content, initialText, exists, onText, onWrite, onClose }: ConsoleEditorProps) {
  const t = useT();
  const [text, setTextState] = useState(initialText);
  const setText = (next: string) => {
    setTextState(next);
    onText(next);
  };
  const [saved, setSaved] = useState(content);
  const [status, setStatus] = useState(() => fileMessage(path, content, exists));
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);

  const write = async (body: string, close: boolean) => {
    setBusy(true);
    try {
      await onWrite(body);
      setSaved(body);
      const written = body === '' || body.endsWith('\n') ? body : `${body}\n`;
      setStatus(`${fileMessage(path, written, true)} written`);
      if (close) onClose();
    } finally {
      setBusy(false);
    }
  };

  /** Runs an ex command; `body` is the text without the command's line. */
  const ex = (command: string, body: string) => {
    setText(body);
    if (command.startsWith('w') || command.startsWith('x')) void write(body, command !== 'w' && command !== 'w!');
    else if (command === 'q' && body !== saved) setStatus('E37: No write since last change (add ! to override)');
    else onClose();
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // vim's Esc leaves insert mode; here it keeps the editor and its focus, so a reflexive Esc
    // before :wq neither closes the drawer nor lets the keys that follow reach the shortcuts.
    if (e.key === 'Escape') {
      e.preventDefault();
      return;
    }
    if (busy) return;
    if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void write(text, true);
      return;
    }
    if (e.key !== 'Enter') return;
    // A line of its own such as :wq, where the caret is, is vim's command line.
    const el = e.currentTarget;
    const start = text.lastIndexOf('\n', el.selectionStart - 1) + 1;
    const endAt = text.indexOf('\n', el.selectionStart);
    const end = endAt < 0 ? text.length : endAt;
    const m = EX_COMMAND.exec(text.slice(start, end));
    if (!m) return;
    e.preventDefault();
    const body = text.slice(0, start) + text.slice(end < text.length ? end + 1 : end);
    ex(m[1]!, body);
  };

  return (
    <div className="node-console-editor" data-testid="console-editor">
      <textarea
        ref={ref}
        className="node-console-editor-text"
        data-testid="console-editor-text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        spellCheck={false}
        wrap="off"
        aria-label={t('node.console.editor.label', { path, node: nodeId })}
      />
      <div className="node-console-editor-status" data-testid="console-editor-status">{status}</div>
      <div className="node-console-editor-bar">
        <button type="button" disabled={busy} onClick={() => void write(text, true)} data-testid="console-editor-save">{t('node.console.editor.save')}</button>
        <button type="button" disabled={busy} onClick={onClose} data-testid="console-editor-quit">{t('node.console.editor.quit')}</button>
        <span className="node-note">{t('node.console.editor.hint')}</span>
      </div>
    </div>
  );
}
