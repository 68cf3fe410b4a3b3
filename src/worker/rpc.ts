import type { Progress } from './api.ts';

/** The few MessagePort / Worker members the RPC needs (a MessageChannel port in tests). */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
}

type Request = { readonly id: number; readonly method: string; readonly args: readonly unknown[] };
type Response =
  | { readonly id: number; readonly kind: 'result'; readonly value: unknown }
  | { readonly id: number; readonly kind: 'error'; readonly message: string }
  | { readonly id: number; readonly kind: 'progress'; readonly progress: Progress };

const isRequest = (d: unknown): d is Request => typeof d === 'object' && d !== null && 'method' in d && 'id' in d;
const isResponse = (d: unknown): d is Response => typeof d === 'object' && d !== null && 'kind' in d && 'id' in d;

/** Byte buffers in a value, moved instead of copied. */
function transferables(value: unknown): Transferable[] {
  return value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : [];
}

/**
 * Serves `impl` on `endpoint`: each request calls the method with a progress callback as the
 * last argument and posts the result, or the error's message. Errors never escape.
 */
export function expose(endpoint: Endpoint, impl: Record<string, (...args: never[]) => unknown>): void {
  endpoint.addEventListener('message', (ev: MessageEvent) => {
    const req: unknown = ev.data;
    if (!isRequest(req)) return;
    const fn = impl[req.method];
    const reply = (r: Response, transfer: Transferable[] = []): void => endpoint.postMessage(r, transfer);
    if (!fn) {
      reply({ id: req.id, kind: 'error', message: `unknown method ${req.method}` });
      return;
    }
    const progress = (p: Progress): void => reply({ id: req.id, kind: 'progress', progress: p });
    Promise.resolve()
      .then(() => (fn as (...a: unknown[]) => unknown)(...req.args, progress))
      .then((value) => reply({ id: req.id, kind: 'result', value }, transferables(value)))
      .catch((e: unknown) => reply({ id: req.id, kind: 'error', message: e instanceof Error ? e.message : String(e) }));
  });
}

/** A typed proxy for `T` over `endpoint`; `onProgress` hears progress of any call. */
export function wrap<T extends object>(endpoint: Endpoint, onProgress?: (method: string, p: Progress) => void): T {
  let next = 1;
  const pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  endpoint.addEventListener('message', (ev: MessageEvent) => {
    const res: unknown = ev.data;
    if (!isResponse(res)) return;
    const p = pending.get(res.id);
    if (!p) return;
    if (res.kind === 'progress') {
      onProgress?.(p.method, res.progress);
      return;
    }
    pending.delete(res.id);
    if (res.kind === 'result') p.resolve(res.value);
    else p.reject(new Error(res.message));
  });
  return new Proxy({} as T, {
    get(_t, method) {
      if (typeof method !== 'string') return undefined;
      return (...args: unknown[]) => new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { method, resolve, reject });
        endpoint.postMessage({ id, method, args } satisfies Request);
      });
    },
  });
}
