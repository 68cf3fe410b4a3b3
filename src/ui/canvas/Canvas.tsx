import { memo, useEffect, useMemo, useRef } from 'react';
import type { CanvasEvent } from '../../editor/events.ts';
import { roleNames, type RoleNames } from '../../lab/roles.ts';
import type { ViewTransform } from '../../render/geometry.ts';
import { createPanZoom, type PanZoom } from '../../render/pan-zoom.ts';
import { createPacketAnimator, type PacketAnimator } from '../../render/packets/animator.ts';
import type { ChipText } from '../../render/packets/chips.ts';
import { linkMatcher, recordAt } from '../../render/packets/trace-index.ts';
import type { TopologyLayout } from '../../render/topology/layout.ts';
import { createTopologyScene, type SceneSelection, type TopologyScene } from '../../render/topology/scene.ts';
import { targetOfElement, type SceneEvent } from '../../render/topology/scene-events.ts';
import type { AppState } from '../../store/app-store.ts';
import { useEditor } from '../app/controllers.tsx';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { chipText, sceneText } from './canvas-text.ts';
import { Legend } from './Legend.tsx';
import './canvas.css';

const selectDoc = (s: AppState) => s.doc;
const selectSelection = (s: AppState) => s.selection;
const selectRecords = (s: AppState) => s.run.records;
const selectFitRequest = (s: AppState) => s.fitRequest;
const selectPreview = (s: AppState) => s.editor.preview;

// The editor's CanvasEvent and the scene's SceneEvent are the same shape; this fails to compile if they drift.
const asCanvasEvent = (e: SceneEvent): CanvasEvent => e;

/** Whether a state change opened a lab (a fresh history), which deserves a fit to screen. */
const openedLab = (s: AppState, prev: AppState) =>
  s.doc !== prev.doc && s.past !== prev.past && s.past.length === 0 && s.future.length === 0;

/**
 * The canvas: the topology (SVG, drawn by the render/ scene), the frames in flight (a canvas
 * layered over it, drawn every animation frame by the packet animator without React renders), and
 * pan and zoom. Pointer input goes to the editor machine; the view is fitted to the screen on
 * mount, when a lab is opened and when the fit command bumps `fitRequest`.
 */
export const Canvas = memo(function Canvas() {
  const store = useStoreApi();
  const editor = useEditor();
  const t = useT();
  const doc = useAppState(selectDoc);
  const selection = useAppState(selectSelection);
  const records = useAppState(selectRecords);
  const fitRequest = useAppState(selectFitRequest);
  const preview = useAppState(selectPreview);

  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef<TopologyScene | null>(null);
  const panZoomRef = useRef<PanZoom | null>(null);
  const animatorRef = useRef<PacketAnimator | null>(null);
  const layoutRef = useRef<TopologyLayout | undefined>(undefined);
  const lastFitRef = useRef<ViewTransform | undefined>(undefined);
  /** A fit waiting for the next layout (on mount, and when a lab is opened). */
  const fitPendingRef = useRef(true);

  const roles = useMemo(() => roleNames(doc), [doc]);
  const text = useMemo(() => sceneText(t), [t]);
  const chips = useMemo(() => chipText(t), [t]);
  const rolesRef = useRef<RoleNames>(roles);
  const chipsRef = useRef<ChipText>(chips);
  const editorRef = useRef(editor);
  useEffect(() => {
    rolesRef.current = roles;
    chipsRef.current = chips;
    editorRef.current = editor;
  }, [roles, chips, editor]);

  const legendRef = useRef<HTMLDivElement>(null);

  const fit = useRef(() => {
    const bounds = layoutRef.current?.bounds;
    const pz = panZoomRef.current;
    if (!bounds || !pz) return;
    // The legend floats over the bottom of the canvas: nothing of the drawing may end up beneath it.
    const legend = legendRef.current;
    const covered = legend && svgRef.current ? svgRef.current.getBoundingClientRect().bottom - legend.getBoundingClientRect().top : 0;
    lastFitRef.current = pz.fitTo(bounds, Math.max(0, covered));
  }).current;

  // Mount the framework-free parts once; they read the store themselves where they need to.
  useEffect(() => {
    const svg = svgRef.current, canvas = canvasRef.current;
    if (!svg || !canvas) return;
    const scene = createTopologyScene(svg, {
      onEvent: (e) => editorRef.current.send(asCanvasEvent(e)),
      hitPacket: (p) => animatorRef.current?.hitTest(p),
    });
    const panZoom = createPanZoom(svg, (v) => {
      scene.setViewport(v);
      store.getState().setViewport(v);
    }, {
      // Dragging the background pans with the select tool; other tools use presses themselves
      // (a click places a node, a drag draws a cable), and nodes are dragged by the move tool.
      canPanFrom: (target) => store.getState().editor.tool === 'select' && targetOfElement(target instanceof Element ? target : null).kind !== 'node',
    });
    const start = store.getState().viewport;
    scene.setViewport(start);
    panZoom.update(start);
    const animator = createPacketAnimator(canvas, () => {
      const s = store.getState();
      return {
        timeUs: s.playback.timeUs, records: s.run.records, doc: s.doc, layout: layoutRef.current,
        roles: rolesRef.current, viewport: s.viewport, selectedSeq: s.selection.recordSeq, chipText: chipsRef.current,
      };
    });
    sceneRef.current = scene;
    panZoomRef.current = panZoom;
    animatorRef.current = animator;
    // Refit when the canvas changes size (window, drawer) unless the user has panned or zoomed since.
    const resize = new ResizeObserver(() => {
      const v = store.getState().viewport, f = lastFitRef.current;
      if (!f || (v.x === f.x && v.y === f.y && v.k === f.k)) fit();
    });
    resize.observe(svg);
    // The new lab's layout is computed when React renders it; fit then.
    const unsubscribe = store.subscribe((s, prev) => {
      if (openedLab(s, prev)) fitPendingRef.current = true;
    });
    const theme = new MutationObserver(() => animator.refreshTheme());
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
    return () => {
      theme.disconnect();
      unsubscribe();
      resize.disconnect();
      animator.destroy();
      panZoom.destroy();
      scene.destroy();
      sceneRef.current = null;
      panZoomRef.current = null;
      animatorRef.current = null;
      layoutRef.current = undefined;
      fitPendingRef.current = true;
    };
  }, [store, fit]);

  const highlight = useMemo<SceneSelection>(() => {
    const r = selection.recordSeq === undefined ? undefined : recordAt(records, selection.recordSeq);
    return {
      nodeId: selection.nodeId,
      link: selection.link,
      recordNode: r?.node,
      recordLink: r ? linkMatcher(doc)(r)?.index : undefined,
    };
  }, [selection.nodeId, selection.link, selection.recordSeq, records, doc]);

  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene) return;
    layoutRef.current = scene.update(doc, roles, highlight, text);
    if (fitPendingRef.current) {
      fitPendingRef.current = false;
      fit();
    }
  }, [doc, roles, highlight, text, fit]);

  useEffect(() => {
    if (fitRequest > 0) fit();
  }, [fitRequest, fit]);

  useEffect(() => {
    sceneRef.current?.setPreview(preview);
  }, [preview, doc]);

  return (
    <div className="canvas-root" data-testid="canvas-area">
      <svg ref={svgRef} className="canvas-svg" data-testid="canvas" tabIndex={-1} />
      <canvas ref={canvasRef} className="canvas-packets" data-testid="packets" aria-hidden="true" />
      {doc.nodes.length === 0 && <p className="canvas-empty">{t('canvas.empty')}</p>}
      <Legend ref={legendRef} />
    </div>
  );
});
