import { memo, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { saveCommand } from '../../lab/shell/coreutils/vim-save.ts';
import { splitCommands } from '../../lab/shell/syntax/command-line.ts';
import type { AppState } from '../../store/app-store.ts';
import { useSim } from '../app/controllers.tsx';
import type { EditRequest, ShellOutput } from '../../worker/api.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { ConsoleEditor } from './ConsoleEditor.tsx';
import { hasTerminalControls, isPlainStyle, terminalLines, xterm256, type TermColor, type TermStyle } from './terminal-text.ts';

const selectShellLog = (s: AppState) => s.shellLog;

/** The prompt of a root shell on a node, as CentOS prints it. */
export const prompt = (node: string): string => `[root@${node} ~]#`;

/** A file open in the console's editor, with the text as edited so far. */
type EditorDraft = EditRequest & { text: string };

/**
 * Editors open per node, kept while the drawer is closed: reopening the node's console brings the
 * editor back with the unsaved text (closing the drawer is not vim's :q!).
 */
const openEditors = new Map<string, EditorDraft>();

/** What `clear` writes: from it on the screen starts empty. */
const CLEARS_SCREEN = '\x1b[2J';

/** A colour as a class of node-panel.css (the 16 of the palette) or an inline colour (256, RGB). */
function colorProps(color: TermColor | 'inverse' | undefined, layer: 'fg' | 'bg'): { cls?: string; css?: string } {
  if (color === undefined) return {};
  if (color === 'inverse' || (typeof color === 'number' && color < 16)) return { cls: `term-${layer}-${color}` };
  return { css: typeof color === 'number' ? xterm256(color) : color };
}

/** The classes and inline colours of a styled run; inverse swaps the colours, defaults included. */
function segmentProps(style: TermStyle): { className?: string; style?: CSSProperties } {
  const fg = colorProps(style.inverse ? (style.bg ?? 'inverse') : style.fg, 'fg');
  const bg = colorProps(style.inverse ? (style.fg ?? 'inverse') : style.bg, 'bg');
  const flags = (['bold', 'dim', 'italic', 'underline', 'strike', 'hidden'] as const).filter((f) => style[f]).map((f) => `term-${f}`);
  const className = [fg.cls, bg.cls, ...flags].filter((c) => c !== undefined).join(' ');
  const css: CSSProperties = { ...(fg.css ? { color: fg.css } : {}), ...(bg.css ? { background: bg.css } : {}) };
  return { ...(className !== '' ? { className } : {}), ...(Object.keys(css).length > 0 ? { style: css } : {}) };
}

/**
 * A chunk as the terminal shows it. Text without ESC, CR or BS is shown as is (its final newline
 * aside); the rest goes through the terminal's rendering: colours become spans, `\r` and
 * `ESC [ 60 G` overwrite and pad. The text shown is returned too, to leave out empty chunks.
 */
function screenText(raw: string): { text: string; content: ReactNode } {
  if (!hasTerminalControls(raw)) {
    const text = raw.replace(/\n$/, '');
    return { text, content: text };
  }
  const lines = terminalLines(raw);
  const text = lines.map((l) => l.map((s) => s.text).join('')).join('\n');
  if (lines.every((l) => l.every((s) => isPlainStyle(s.style)))) return { text, content: text };
  const content = lines.flatMap((l, k) => [
    ...(k > 0 ? ['\n'] : []),
    ...l.map((s, j) => (isPlainStyle(s.style) ? s.text : <span key={`${k}-${j}`} {...segmentProps(s.style)}>{s.text}</span>)),
  ]);
  return { text, content };
}

/** One chunk of a stream; memoised, so typing in the console does not lay its text out again. */
const OutputChunk = memo(function OutputChunk({ stream, text, hideEmpty }: { stream: 'stdout' | 'stderr'; text: string; hideEmpty: boolean }) {
  const shown = useMemo(() => screenText(text), [text]);
  if (shown.text === '' && hideEmpty) return null;
  return <pre className={stream === 'stdout' ? 'node-console-out' : 'node-console-err'}>{shown.content}</pre>;
});

/**
 * Where the screen starts: the entry and its first chunk shown. After the last `clear` (the rest of
 * that command line's output stays, `clear; ipvsadm -Ln` shows the table alone), or after Ctrl+L.
 */
function screenStart(entries: readonly { readonly chunks: readonly { readonly text: string }[] }[], clearedAt: number): { entry: number; chunk: number } {
  for (let i = entries.length - 1; i >= clearedAt; i--) {
    const chunks = entries[i]!.chunks;
    for (let j = chunks.length - 1; j >= 0; j--) {
      const text = chunks[j]!.text;
      if (text.includes(CLEARS_SCREEN)) return { entry: i, chunk: j };
    }
  }
  return { entry: clearedAt, chunk: -1 };
}

/** bash's PS2: the prompt of a continuation line. */
const CONTINUATION = '>';

/**
 * The console's record of a line stopped with Ctrl+C: the `^C` the terminal echoes, status 130
 * (128 + SIGINT), and what the lab did about it.
 */
function interruptedLine(node: string, line: string): ShellOutput {
  const echo = '^C\n';
  const note = 'lab: interrupted; the lab runs again without this command (nothing it did remains)\n';
  return { node, line, stdout: echo, stderr: note, chunks: [{ stream: 'stdout', text: echo }, { stream: 'stderr', text: note }], exitCode: 130, background: [] };
}

/** A command as the terminal shows it: the prompt, then `> ` before each line it continues on. */
function CommandLines({ nodeId, text }: { nodeId: string; text: string }) {
  return (
    <>
      {text.split('\n').map((l, k) => (
        <div key={k} className="node-console-cmd"><span className="node-console-prompt">{k === 0 ? prompt(nodeId) : CONTINUATION}</span> {l}</div>
      ))}
    </>
  );
}

/**
 * The Console tab: a terminal on the node. Lines go to the worker's shell through the app's
 * simulation controller; the output comes back in the store's shell log. ↑/↓ walk the history.
 * Input is read as bash reads a terminal: a paste of several lines runs command by command, and
 * Enter on an unfinished command (open quote, loop without `done`, trailing `\`) asks for more.
 */
export function ConsoleTab({ nodeId }: { nodeId: string }) {
  const t = useT();
  const sim = useSim();
  const store = useStoreApi();
  const log = useAppState(selectShellLog);
  const entries = useMemo(() => log.filter((o) => o.node === nodeId), [log, nodeId]);
  const history = useMemo(() => entries.filter((o) => o.line !== '').map((o) => o.line), [entries]);
  const [line, setLine] = useState('');
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [clearedAt, setClearedAt] = useState(0);
  // Where the screen starts: recomputed when the log or a clear changes, not on every keystroke.
  const start = useMemo(() => screenStart(entries, clearedAt), [entries, clearedAt]);
  const [browse, setBrowse] = useState<number | undefined>(undefined);
  /** Tab's matches, listed on the second Tab as bash lists them. */
  const [candidates, setCandidates] = useState<readonly string[] | undefined>(undefined);
  const lastTab = useRef<string | undefined>(undefined);
  const [editing, setEditing] = useState<EditorDraft | undefined>(() => {
    const open = openEditors.get(nodeId);
    return open ? { ...open } : undefined;
  });
  /** Ctrl+C was pressed on the running line: what was pasted after it is dropped, as the terminal flushes its input. */
  const interruptedRef = useRef(false);
  /** A line runs: what Enter sends now is typed ahead, read once the line ends (as bash reads its terminal). */
  const busyRef = useRef(false);
  const [typedAhead, setTypedAhead] = useState<readonly string[]>([]);
  const typedAheadRef = useRef<readonly string[]>([]);
  const setAhead = (lines: readonly string[]) => {
    typedAheadRef.current = lines;
    setTypedAhead(lines);
  };
  const screenRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = screenRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries.length, pending, failure]);

  const run = () => {
    setBrowse(undefined);
    if (busyRef.current) {
      // Typed ahead while a line runs: the terminal echoes it and the shell reads it afterwards.
      setAhead([...typedAheadRef.current, line]);
      setLine('');
      return;
    }
    setLine('');
    void runInput(line);
  };

  /**
   * Runs what was entered: its complete commands one by one; an unfinished rest goes back to the
   * command line, before anything typed there meanwhile.
   */
  const runInput = async (input: string): Promise<void> => {
    const { commands, rest } = splitCommands(input.replace(/\s+$/, ''));
    if (commands.length === 0 && rest === '') return;
    setFailure(undefined);
    if (commands.length === 0) {
      // bash prompts `> ` for the rest of an unfinished command.
      setLine((now) => `${rest}\n${now}`);
      return;
    }
    setLine((now) => (rest === '' ? now : `${rest}\n${now}`));
    busyRef.current = true;
    let next: string | undefined;
    try {
      next = await runCommands(commands, rest);
    } finally {
      busyRef.current = false;
    }
    if (next !== undefined) await runInput(next);
  };

  /**
   * Runs commands one after another; returns the lines typed ahead meanwhile, to run next, unless
   * the run stopped (Ctrl+C flushes them as a terminal does; vim and a failure leave them in the
   * command line).
   */
  const runCommands = async (commands: readonly string[], rest: string): Promise<string | undefined> => {
    for (const [k, command] of commands.entries()) {
      const text = command.trim();
      setPending(text);
      interruptedRef.current = false;
      try {
        const out = await sim.shell(nodeId, text);
        if (interruptedRef.current) {
          store.getState().appendShellLog([interruptedLine(nodeId, text)]);
          setLine('');
          setAhead([]);
          return undefined;
        }
        if (out?.edit) {
          // vim takes the terminal: what was pasted or typed after it waits in the command line.
          openEditors.set(nodeId, { ...out.edit, text: out.edit.content });
          setEditing({ ...out.edit, text: out.edit.content });
          keepInLine([...commands.slice(k + 1), ...(rest === '' ? [] : [rest])]);
          return undefined;
        }
      } catch (e) {
        setFailure(e instanceof Error ? e.message : String(e));
        keepInLine(rest === '' ? [] : [rest]);
        return undefined;
      } finally {
        setPending(undefined);
      }
    }
    const ahead = typedAheadRef.current;
    setAhead([]);
    return ahead.length > 0 ? ahead.join('\n') : undefined;
  };

  /** Leaves `before` and the lines typed ahead in the command line, unrun. */
  const keepInLine = (before: readonly string[]) => {
    const lines = [...before, ...typedAheadRef.current];
    setAhead([]);
    setLine((now) => (lines.length > 0 ? `${lines.join('\n')}\n${now}` : now));
  };

  const closeEditor = () => {
    openEditors.delete(nodeId);
    setEditing(undefined);
    setTimeout(() => inputRef.current?.focus(), 0);
  };
  const writeFile = async (path: string, text: string) => {
    await sim.shell(nodeId, saveCommand(path, text));
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      setCandidates(undefined);
      run();
    } else if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
      // Tab completes, as in bash, and keeps the focus in the console.
      e.preventDefault();
      if (el.selectionStart !== el.value.length || pending !== undefined) return;
      const asked = el.value;
      void sim.complete(nodeId, asked).then((c) => {
        if (!c) return;
        if (c.text !== asked) {
          // As readline: a Tab right after one that completed lists what is still ambiguous.
          lastTab.current = c.candidates.length > 1 ? c.text : undefined;
          setLine((now) => (now === asked ? c.text : now));
        } else if (c.candidates.length > 1) {
          if (lastTab.current === asked) setCandidates(c.candidates);
          lastTab.current = asked;
        }
      });
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      if (history.length === 0) return;
      // Within a command of several lines the arrows move between its lines.
      if (e.key === 'ArrowUp' ? el.value.lastIndexOf('\n', el.selectionStart - 1) >= 0 : el.value.indexOf('\n', el.selectionEnd) >= 0) return;
      e.preventDefault();
      const at = browse ?? history.length;
      const next = e.key === 'ArrowUp' ? Math.max(0, at - 1) : at + 1;
      if (next >= history.length) {
        setBrowse(undefined);
        setLine('');
      } else {
        setBrowse(next);
        setLine(history[next]!);
      }
    } else if (e.key === 'c' && e.ctrlKey && !e.shiftKey && !e.altKey && el.selectionStart === el.selectionEnd && (window.getSelection()?.isCollapsed ?? true)) {
      // Ctrl+C as in a terminal (with text selected it copies, as usual): stops the running
      // line, or drops the one being typed.
      e.preventDefault();
      if (pending !== undefined) {
        interruptedRef.current = sim.interrupt();
      } else {
        setLine('');
        setBrowse(undefined);
        setCandidates(undefined);
      }
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      setClearedAt(entries.length);
    } else if (e.key === 'Escape') {
      setLine('');
      setBrowse(undefined);
    }
  };

  if (editing) {
    return (
      <div className="node-console" data-testid="console">
        <ConsoleEditor
          key={editing.path}
          nodeId={nodeId}
          path={editing.path}
          content={editing.content}
          initialText={editing.text}
          exists={editing.exists}
          onText={(text) => {
            const open = openEditors.get(nodeId);
            if (open) open.text = text;
          }}
          onWrite={(text) => writeFile(editing.path, text)}
          onClose={closeEditor}
        />
      </div>
    );
  }

  const inputLines = line.split('\n');
  return (
    <div className="node-console" data-testid="console" onClick={() => inputRef.current?.focus()}>
      <div className="node-console-screen" ref={screenRef} data-testid="console-output" role="log" aria-label={t('node.console.log', { node: nodeId })}>
        {entries.slice(start.entry).map((o, i) => {
          // The entry that cleared the screen shows only what came after the clear.
          const cleared = i === 0 && start.chunk >= 0;
          const chunks = cleared ? o.chunks.slice(start.chunk).map((c, j) => (j === 0 ? { ...c, text: c.text.slice(c.text.lastIndexOf(CLEARS_SCREEN) + CLEARS_SCREEN.length) } : c)) : o.chunks;
          return (
            <div key={i + start.entry} className="node-console-entry">
              {o.line !== '' && !cleared && <CommandLines nodeId={nodeId} text={o.line} />}
              {!cleared && o.background.map((b, j) => <div key={`b${j}`} className="node-console-bg">{b.text}</div>)}
              {/* Adjacent pieces of one stream come joined (one chunk per run): `\r` and `ESC [ 60 G` act across a command's echos. */}
              {chunks.map((c, j) => <OutputChunk key={`c${j}`} stream={c.stream} text={c.text} hideEmpty={cleared} />)}
            </div>
          );
        })}
        {pending !== undefined && <div className="node-console-entry"><CommandLines nodeId={nodeId} text={pending} /><span className="insp-dim">{t('node.console.running')}</span></div>}
        {typedAhead.length > 0 && <pre className="node-console-ahead" data-testid="console-typed-ahead">{typedAhead.join('\n')}</pre>}
        {failure !== undefined && <pre className="node-console-err">{t('node.console.failed', { error: failure })}</pre>}
        {candidates !== undefined && <pre className="node-console-out" data-testid="console-candidates">{candidates.join('  ')}</pre>}
        <div className="node-console-line">
          {/* The prompts sit over the text field's margin: PS1 before the first line, `>` before the others, as bash prints them. */}
          <label htmlFor={`console-input-${nodeId}`} className="node-console-prompt node-console-prompts">
            {/* While a line runs there is no prompt: what is typed is echoed as the terminal echoes type-ahead. */}
            {pending === undefined && inputLines.map((_, k) => <span key={k} className="node-console-ps">{k === 0 ? prompt(nodeId) : CONTINUATION}</span>)}
          </label>
          <textarea
            id={`console-input-${nodeId}`}
            ref={inputRef}
            data-testid="console-input"
            className="node-console-input"
            rows={inputLines.length}
            wrap="off"
            // Monospace: the first line starts after the prompt and a space, the others after `> `.
            style={pending === undefined ? { textIndent: `${prompt(nodeId).length - 1}ch` } : { textIndent: 0, paddingLeft: 0 }}
            value={line}
            onChange={(e) => {
              setLine(e.target.value);
              setCandidates(undefined);
            }}
            onKeyDown={onKey}
            autoComplete="off"
            spellCheck={false}
            aria-label={t('node.console.input', { node: nodeId })}
          />
        </div>
      </div>
      <p className="node-note">{t('node.console.hint')}</p>
    </div>
  );
}
