import type { Point } from '../geometry.ts';

/**
 * What the scene reports to the editor. Structurally the editor's `CanvasEvent`
 * (src/editor/events.ts), which render/ may not import; the React host assigns one to the other,
 * so the compiler keeps them in step.
 */
export type SceneTarget =
  | { readonly kind: 'canvas' }
  /** A node; `iface` when the pointer is on one of its interface names. */
  | { readonly kind: 'node'; readonly id: string; readonly iface?: string }
  | { readonly kind: 'link'; readonly index: number }
  | { readonly kind: 'packet'; readonly seq: number };

export type SceneEvent =
  | { readonly type: 'canvas.pointer_down'; readonly target: SceneTarget; readonly point: Point; readonly shift: boolean }
  | { readonly type: 'canvas.pointer_move'; readonly target: SceneTarget; readonly point: Point }
  | { readonly type: 'canvas.pointer_up'; readonly target: SceneTarget; readonly point: Point }
  | { readonly type: 'canvas.double_click'; readonly target: SceneTarget; readonly point: Point };

/**
 * The node (and interface) or link an element belongs to, by the data attributes the scene sets
 * (`data-node-id`, `data-iface`, `data-link-index`), else the canvas.
 */
export function targetOfElement(el: Element | null): SceneTarget {
  const owner = el?.closest('[data-node-id], [data-link-index]');
  if (owner instanceof Element) {
    const id = owner.getAttribute('data-node-id');
    const iface = el?.closest('[data-iface]')?.getAttribute('data-iface');
    if (id !== null) return iface ? { kind: 'node', id, iface } : { kind: 'node', id };
    const index = Number(owner.getAttribute('data-link-index'));
    if (Number.isInteger(index)) return { kind: 'link', index };
  }
  return { kind: 'canvas' };
}
