import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../store/app-store.ts';
import type { PlaybackController, SimActions } from '../ui/app/controllers.tsx';
import { EMBED_API_VERSION, parseEmbedMessage, type EmbedCommand } from './messages.ts';
import { PAGE_LINK_CONTEXT } from '../ui/app/link-context.ts';
import { openLabLink } from './open-link.ts';

/** What the bridge drives, and where it answers. */
export interface BridgeDeps {
  readonly store: StoreApi<AppState>;
  readonly playback: PlaybackController;
  readonly sim: SimActions;
  /** The embedded page's window (messages arrive here). */
  readonly window: Window;
  /** The embedding page: only its messages are taken, and answers go to it. */
  readonly parent: Window;
}

/** How often a moving playback reports its position at most (a state change of phase or run reports at once). */
const POSITION_EVERY_MS = 100;

/** The state the embedding page is told about. */
function stateOf(s: AppState) {
  const p = s.playback;
  return {
    lvsLab: 'state' as const, labId: s.labId, seed: s.run.seed, run: s.run.status, phase: p.phase,
    timeUs: p.timeUs, endUs: p.endUs, steps: s.run.records.length, step: p.cursor,
  };
}

/**
 * Connects an embedded lab to the page around it (see `messages.ts`): carries out its commands,
 * answers each, and reports the lab's state as it changes. Returns the function that disconnects.
 */
export function connectBridge({ store, playback, sim, window: win, parent }: BridgeDeps): () => void {
  const post = (message: Record<string, unknown>) => parent.postMessage(message, '*');
  let readySent = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    timer = undefined;
    post(stateOf(store.getState()));
  };
  // Runs on every store change, each animation frame while playing: it compares, and builds the
  // message only to post it.
  const unsubscribe = store.subscribe((s, prev) => {
    if (!readySent && s.run.status === 'ready' && !s.run.stale) {
      readySent = true;
      post({ lvsLab: 'ready', version: EMBED_API_VERSION });
    }
    const p = s.playback;
    const q = prev.playback;
    if (s.labId !== prev.labId || s.run.seed !== prev.run.seed || s.run.status !== prev.run.status || p.phase !== q.phase || s.run.records.length !== prev.run.records.length) {
      if (timer !== undefined) clearTimeout(timer);
      report();
    } else if ((p.cursor !== q.cursor || p.timeUs !== q.timeUs) && timer === undefined) {
      timer = setTimeout(report, POSITION_EVERY_MS);
    }
  });

  const carryOut = async (command: EmbedCommand): Promise<{ output?: unknown } | { error: string }> => {
    switch (command.kind) {
      case 'playback':
        playback.send(command.event);
        return {};
      case 'replay':
        sim.replay();
        return {};
      case 'seekStep': {
        const steps = store.getState().run.records.length;
        if (command.step >= steps) return { error: steps === 0 ? 'step: the run has no steps yet' : `step: ${command.step} is past the run's last step (${steps - 1})` };
        playback.send({ type: 'playback.seek_record', seq: command.step });
        return {};
      }
      case 'openNode':
        if (!hasNode(store.getState(), command.node)) return { error: `node: "${command.node}" is not a node of this lab` };
        store.getState().openDrawer(command.node);
        return {};
      case 'closeNode':
        store.getState().closeDrawer();
        return {};
      case 'open': {
        const opened = await openLabLink(store, command.link, PAGE_LINK_CONTEXT);
        return opened ? {} : { error: (store.getState().notice?.details ?? []).join('\n') || 'the link names no lab' };
      }
      case 'send': {
        const problems = await actionProblems(store.getState(), command.action);
        if (problems.length > 0) return { error: problems.join('\n') };
        await sim.sendTraffic(command.action);
        return {};
      }
      case 'shell': {
        if (!hasNode(store.getState(), command.node)) return { error: `node: "${command.node}" is not a node of this lab` };
        const out = await sim.shell(command.node, command.line);
        if (!out) return { error: 'the line was interrupted' };
        return { output: { stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode } };
      }
    }
  };

  let queue: Promise<void> = Promise.resolve();
  const onMessage = (e: MessageEvent) => {
    if (e.source !== parent) return;
    const parsed = parseEmbedMessage(e.data);
    if (parsed.kind === 'foreign') return;
    const id = parsed.id === undefined ? {} : { id: parsed.id };
    if (parsed.kind === 'refused') {
      post({ lvsLab: 'error', ...id, ...(parsed.name ? { command: parsed.name } : {}), message: parsed.message });
      return;
    }
    // One command at a time, in the order sent: a console line that edits the lab re-runs it, and
    // a command sent meanwhile must meet the edited lab, not race it.
    queue = queue.then(() => carryOut(parsed.command)).then((r) => {
      if ('error' in r) post({ lvsLab: 'error', ...id, command: parsed.name, message: r.error });
      else post({ lvsLab: 'done', ...id, command: parsed.name, ...r });
    }, (err: unknown) => post({ lvsLab: 'error', ...id, command: parsed.name, message: err instanceof Error ? err.message : String(err) }));
  };
  win.addEventListener('message', onMessage);
  return () => {
    win.removeEventListener('message', onMessage);
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}

const hasNode = (s: AppState, id: string) => s.doc.nodes.some((n) => n.id === id);

/** A traffic action checked as the lab file's scenario would check it: located problems, or none. */
async function actionProblems(s: AppState, action: unknown): Promise<string[]> {
  const { validateLab, formatLabError } = await import('../lab/validate.ts');
  const check = validateLab({ ...s.doc, scenario: [{ atUs: 0, action }] });
  return check.ok ? [] : check.errors.map((e) => formatLabError(e).replace(/^scenario\[0\]\.action/, 'action'));
}
