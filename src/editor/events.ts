/**
 * The events the canvas sends to the editor's tool machines, in world coordinates (the
 * topology's own coordinate system, independent of pan and zoom).
 */
export interface WorldPoint {
  readonly x: number;
  readonly y: number;
}

/** What is under the pointer. */
export type CanvasTarget =
  | { readonly kind: 'canvas' }
  | { readonly kind: 'node'; readonly id: string }
  | { readonly kind: 'link'; readonly index: number }
  | { readonly kind: 'packet'; readonly seq: number };

export type CanvasEvent =
  | { readonly type: 'canvas.pointer_down'; readonly target: CanvasTarget; readonly point: WorldPoint; readonly shift: boolean }
  | { readonly type: 'canvas.pointer_move'; readonly target: CanvasTarget; readonly point: WorldPoint }
  | { readonly type: 'canvas.pointer_up'; readonly target: CanvasTarget; readonly point: WorldPoint }
  | { readonly type: 'canvas.double_click'; readonly target: CanvasTarget; readonly point: WorldPoint };
