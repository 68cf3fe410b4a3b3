import type { NodeRole } from '../../lab/document.ts';

/**
 * Node icons as SVG path data in a 52 × 52 box centred on the node's position. Each icon is a
 * filled background shape whose outline tells the kind at a glance (circle = router, wide bar =
 * switch, hexagon = director, rounded square = host) plus a white line glyph inside it, so they
 * stay recognisable on a washed-out projector.
 */
export interface NodeIcon {
  /** The filled background shape. */
  readonly shape: string;
  /** White strokes drawn over the shape. */
  readonly glyph: string;
  /** White filled details (LEDs, arrow hubs). */
  readonly dots: string;
  /** Half the icon's width and height, for hit boxes and where links start. */
  readonly halfWidth: number;
  readonly halfHeight: number;
}

const ROUNDED_SQUARE = 'M-16 -24 H16 Q24 -24 24 -16 V16 Q24 24 16 24 H-16 Q-24 24 -24 16 V-16 Q-24 -24 -16 -24 Z';
const circle = (r: number, cx = 0, cy = 0) => `M${cx - r} ${cy} a${r} ${r} 0 1 0 ${2 * r} 0 a${r} ${r} 0 1 0 ${-2 * r} 0 Z`;

const ICONS: Readonly<Record<NodeRole, NodeIcon>> = {
  // A laptop: screen and keyboard base.
  client: {
    shape: ROUNDED_SQUARE,
    glyph: 'M-13 -13 H13 V5 H-13 Z M-18 9 H18 L15 14 H-15 Z',
    dots: '',
    halfWidth: 24, halfHeight: 24,
  },
  // The classic router disc with two arrows in and two out.
  router: {
    shape: circle(25),
    glyph: 'M3 -3 L13 -13 M7 -13 H13 V-7 M-3 3 L-13 13 M-7 13 H-13 V7 M-13 -13 L-3 -3 M-9 -3 H-3 V-9 M13 13 L3 3 M9 3 H3 V9',
    dots: '',
    halfWidth: 25, halfHeight: 25,
  },
  // The classic switch bar: frames forwarded both ways.
  switch: {
    shape: 'M-22 -16 H22 Q28 -16 28 -10 V10 Q28 16 22 16 H-22 Q-28 16 -28 10 V-10 Q-28 -16 -22 -16 Z',
    glyph: 'M-17 -6 H15 M10 -11 L15 -6 L10 -1 M17 6 H-15 M-10 1 L-15 6 L-10 11',
    dots: '',
    halfWidth: 28, halfHeight: 16,
  },
  // A hexagon with one arrow in, fanned out to three: the load balancer.
  director: {
    shape: 'M-26 0 L-13 -23 H13 L26 0 L13 23 H-13 Z',
    glyph: 'M-18 0 H-6 M-6 0 L13 -12 M-6 0 H15 M-6 0 L13 12 M10.2 -5.3 L13 -12 L5.8 -12 M10 -4 L15 0 L10 4 M10.2 5.3 L13 12 L5.8 12',
    dots: circle(3.5, -6, 0),
    halfWidth: 26, halfHeight: 23,
  },
  // A rack of three server units with their LEDs.
  realserver: {
    shape: ROUNDED_SQUARE,
    glyph: 'M-14 -17 H14 V-7 H-14 Z M-14 -5 H14 V5 H-14 Z M-14 7 H14 V17 H-14 Z M-10 -12 H0 M-10 0 H0 M-10 12 H0',
    dots: `${circle(1.8, 8, -12)} ${circle(1.8, 8, 0)} ${circle(1.8, 8, 12)}`,
    halfWidth: 24, halfHeight: 24,
  },
  // A storage cylinder.
  nfs: {
    shape: ROUNDED_SQUARE,
    glyph: 'M-14 -11 a14 5 0 1 0 28 0 a14 5 0 1 0 -28 0 M-14 -11 V11 a14 5 0 0 0 28 0 V-11 M-14 0 a14 5 0 0 0 28 0',
    dots: '',
    halfWidth: 24, halfHeight: 24,
  },
  // A desktop monitor on its stand.
  host: {
    shape: ROUNDED_SQUARE,
    glyph: 'M-15 -15 H15 V6 H-15 Z M-3 6 L-5 13 M3 6 L5 13 M-9 14 H9',
    dots: '',
    halfWidth: 24, halfHeight: 24,
  },
};

/** The icon of a node role. */
export function iconFor(role: NodeRole): NodeIcon {
  return ICONS[role];
}
