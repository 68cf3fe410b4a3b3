import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { useSim } from '../app/controllers.tsx';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';

const selectShellLog = (s: AppState) => s.shellLog;

/** The prompt of a root shell on a node, as CentOS prints it. */
export const prompt = (node: string): string => `[root@${node} ~]#`;

/**
 * The Console tab: a terminal on the node. Lines go to the worker's shell through the app's
 * simulation controller; the output comes back in the store's shell log. ↑/↓ walk the history.
 */
export function ConsoleTab({ nodeId }: { nodeId: string }) {
  const t = useT();
  const sim = useSim();
  const log = useAppState(selectShellLog);
  const entries = useMemo(() => log.filter((o) => o.node === nodeId), [log, nodeId]);
  const history = useMemo(() => entries.filter((o) => o.line !== '').map((o) => o.line), [entries]);
  const [line, setLine] = useState('');
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [clearedAt, setClearedAt] = useState(0);
  const [browse, setBrowse] = useState<number | undefined>(undefined);
  const screenRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = screenRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries.length, pending, failure]);

  const run = async () => {
    const text = line.trim();
    if (text === '' || pending !== undefined) return;
    setLine('');
    setBrowse(undefined);
    setFailure(undefined);
    setPending(text);
    try {
      await sim.shell(nodeId, text);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(undefined);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void run();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      if (history.length === 0) return;
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
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      setClearedAt(entries.length);
    } else if (e.key === 'Escape') {
      setLine('');
      setBrowse(undefined);
    }
  };

  return (
    <div className="node-console" data-testid="console" onClick={() => inputRef.current?.focus()}>
      <div className="node-console-screen" ref={screenRef} data-testid="console-output" role="log" aria-label={t('node.console.log', { node: nodeId })}>
        {entries.slice(clearedAt).map((o, i) => (
          <div key={i + clearedAt} className="node-console-entry">
            {o.line !== '' && <div><span className="node-console-prompt">{prompt(nodeId)}</span> {o.line}</div>}
            {o.background.map((b, j) => <div key={`b${j}`} className="node-console-bg">{b.text}</div>)}
            {o.chunks.map((c, j) => (
              <pre key={`c${j}`} className={c.stream === 'stdout' ? 'node-console-out' : 'node-console-err'}>{c.text.replace(/\n$/, '')}</pre>
            ))}
          </div>
        ))}
        {pending !== undefined && <div className="node-console-entry"><span className="node-console-prompt">{prompt(nodeId)}</span> {pending} <span className="insp-dim">{t('node.console.running')}</span></div>}
        {failure !== undefined && <pre className="node-console-err">{t('node.console.failed', { error: failure })}</pre>}
        <div className="node-console-line">
          <label htmlFor={`console-input-${nodeId}`} className="node-console-prompt">{prompt(nodeId)}</label>
          <input
            id={`console-input-${nodeId}`}
            ref={inputRef}
            data-testid="console-input"
            className="node-console-input"
            value={line}
            onChange={(e) => setLine(e.target.value)}
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
