import { inflate, overlapArea, segmentHitsBox, type Box, type Point } from '../geometry.ts';

/** A label to place: its possible boxes, best first. */
export interface LabelRequest {
  readonly key: string;
  readonly candidates: readonly Box[];
  /** The link an interface label belongs to (it may touch its own line). */
  readonly ownLink: number | undefined;
}

export interface Obstacles {
  readonly icons: readonly Box[];
  readonly segments: readonly { readonly a: Point; readonly b: Point; readonly link: number }[];
  /** Labels that stay inside this box keep the drawing compact, so fit-to-screen zooms in further. */
  readonly preferredArea: Box | undefined;
}

// Costs: any overlap is far worse than crossing a line, which is worse than spreading the drawing.
const OVERLAP = 80;
const CROSSING = 5000;
const SPREAD = 25;
const RANK = 40;
/** Labels keep this much space between them. */
const MARGIN = 3;

function overhang(b: Box, area: Box): number {
  return Math.max(0, area.x - b.x) + Math.max(0, b.x + b.w - (area.x + area.w))
    + Math.max(0, area.y - b.y) + Math.max(0, b.y + b.h - (area.y + area.h));
}

/**
 * Chooses one candidate per label: greedily in the order given, then twice more reconsidering each
 * label with all the others in place. The cost of a candidate sums its rank, overlaps with icons
 * and labels already placed (by area), links it crosses, and how far it reaches outside the
 * preferred area. Returns the chosen candidate index per key.
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: Obstacles): Map<string, number> {
  const chosen = new Map<string, number>();
  const cost = (r: LabelRequest, i: number): number => {
    const box = r.candidates[i]!;
    let c = i * RANK;
    for (const icon of obstacles.icons) c += OVERLAP * overlapArea(box, icon);
    const grown = inflate(box, MARGIN);
    for (const other of requests) {
      if (other === r) continue;
      const j = chosen.get(other.key);
      if (j !== undefined) c += OVERLAP * overlapArea(grown, other.candidates[j]!);
    }
    for (const s of obstacles.segments) {
      if (s.link !== r.ownLink && segmentHitsBox(s.a, s.b, box)) c += CROSSING;
    }
    if (obstacles.preferredArea) c += SPREAD * overhang(box, obstacles.preferredArea);
    return c;
  };
  const pick = (r: LabelRequest) => {
    chosen.delete(r.key);
    let best = 0, bestCost = Infinity;
    for (let i = 0; i < r.candidates.length; i++) {
      const c = cost(r, i);
      if (c < bestCost) {
        bestCost = c;
        best = i;
      }
    }
    chosen.set(r.key, best);
  };
  for (let pass = 0; pass < 3; pass++) for (const r of requests) pick(r);
  return chosen;
}
