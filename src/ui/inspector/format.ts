import type { FlowSummary } from '../../worker/api.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';

type T = (key: string, params?: Readonly<Record<string, string | number>>) => string;

/** Virtual time for people: `909 µs`, `12.345 ms`, `1.002278 s`. */
export function formatTime(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(3)} ms`;
  return `${(us / 1_000_000).toFixed(6)} s`;
}

/** The lab's own failure words, translated; errno names (ECONNREFUSED, ETIMEDOUT…) stay as the kernel names them. */
const FAILURE_KEYS: Readonly<Record<string, string>> = {
  timeout: 'insp.flow.error.timeout', resolve: 'insp.flow.error.resolve', parse: 'insp.flow.error.parse', url: 'insp.flow.error.url',
  'no-device': 'insp.flow.error.noDevice', 'no-source': 'insp.flow.error.noSource',
};

/**
 * The sentence explaining a record, in the user's language. Drops get the reason's text, and
 * neighbour changes say why they happened.
 */
export function explainRecord(t: T, r: TraceRecord): string {
  const params: Record<string, string | number> = { ...r.explain.params };
  if (r.drop) params.reasonText = t(`dropReason.${r.drop.reason}`);
  // curl's own failure words in the user's language (errno names stay).
  const failure = r.explain.key === 'app.curl.error' && typeof params.error === 'string' ? FAILURE_KEYS[params.error] : undefined;
  if (failure !== undefined) params.error = t(failure);
  const sentence = t(`explain.${r.explain.key}`, params);
  const why = r.explain.params.why;
  if (r.step === 'neigh' && typeof why === 'string') return `${sentence} (${t(`neighWhy.${why}`)})`;
  return sentence;
}

/** A header field's value with its byte counts in the user's language (`5 (20 bytes)` → `5 (20 字节)`). */
export function localizeFieldValue(t: T, value: string): string {
  return value.replace(/\b(\d+) bytes\b/g, (_m, n: string) => t('insp.byteCount', { n }));
}

/** What a flow was: `curl http://192.168.122.188/ from client`. */
export function flowAction(t: T, f: FlowSummary): string {
  const a = f.action;
  switch (a.kind) {
    case 'curl':
      return t('insp.flow.curl', { node: a.node, url: a.url });
    case 'ping':
      return t('insp.flow.ping', { node: a.node, dst: a.destination, count: a.count });
    case 'arping':
      return t('insp.flow.arping', { node: a.node, dst: a.target, iface: a.iface, count: a.count });
  }
}

function failed(t: T, error: string): string {
  const key = FAILURE_KEYS[error];
  return t('insp.flow.failed', { error: key !== undefined ? t(key) : error });
}

/** How a flow ended: `HTTP 200`, `3/3 replies`, `failed: ECONNREFUSED`. */
export function flowResult(t: T, f: FlowSummary): string {
  const r = f.result;
  if (!r) return t('insp.flow.running');
  switch (r.kind) {
    case 'curl':
      return r.ok ? t('insp.flow.http', { status: r.status }) : failed(t, r.error);
    case 'ping': {
      if (r.error) return failed(t, r.error);
      const replies = r.events.filter((e) => e.kind === 'reply').length;
      return t('insp.flow.replies', { replies, sent: r.transmitted });
    }
    case 'arping':
      if (r.error) return failed(t, r.error);
      return t('insp.flow.replies', { replies: r.replies.length, sent: r.sent });
  }
}
