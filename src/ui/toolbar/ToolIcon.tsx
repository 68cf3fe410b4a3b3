import type { NodeRole } from '../../lab/document.ts';
import { iconFor } from '../../render/topology/icons.ts';

/** The tools that are not node roles. */
export type PlainTool = 'select' | 'connect' | 'delete' | 'properties';

const PLAIN: Readonly<Record<PlainTool, string>> = {
  // A mouse pointer.
  select: 'M-9 -15 L-9 11 L-3 5 L1 14 L5 12 L1 3 L9 3 Z',
  // Two hosts and the cable between them.
  connect: 'M-16 -4 H-8 V4 H-16 Z M8 -4 H16 V4 H8 Z M-8 0 H8',
  // A waste bin.
  delete: 'M-10 -9 H10 M-4 -9 V-13 H4 V-9 M-8 -9 L-6 14 H6 L8 -9 M-2 -4 V9 M2 -4 V9',
  // Three sliders.
  properties: 'M-13 -9 H13 M-13 0 H13 M-13 9 H13 M-5 -12 V-6 M6 -3 V3 M-2 6 V12',
};

/** A toolbar icon: the canvas's node icon for add-node tools, a line drawing for the others. */
export function ToolIcon({ role, tool }: { role?: NodeRole; tool?: PlainTool }) {
  if (role) {
    const icon = iconFor(role);
    return (
      <svg className="app-tool-icon" viewBox="-30 -30 60 60" aria-hidden="true">
        <path d={icon.shape} style={{ fill: `var(--node-${role})` }} />
        <path d={icon.glyph} className="app-tool-glyph" />
        {icon.dots && <path d={icon.dots} className="app-tool-dots" />}
      </svg>
    );
  }
  return (
    <svg className="app-tool-icon" viewBox="-18 -18 36 36" aria-hidden="true">
      <path d={PLAIN[tool ?? 'select']} className={tool === 'select' ? 'app-tool-line app-tool-line--filled' : 'app-tool-line'} />
    </svg>
  );
}
