import { memo, useEffect, useRef, useState } from 'react';

const hex = (b: number): string => b.toString(16).padStart(2, '0');

/** Bytes per row for the width available: 16 when they fit, else 8. */
function useBytesPerRow(ref: React.RefObject<HTMLElement | null>): number {
  const [perRow, setPerRow] = useState(16);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const charWidth = parseFloat(getComputedStyle(el).fontSize || '14') * 0.62;
      // Offset (6ch) + 16 bytes (3ch each) + an ASCII column (16ch).
      setPerRow(el.clientWidth >= charWidth * 72 ? 16 : 8);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return perRow;
}

/**
 * The bytes of a frame or packet in hex, `tcpdump -xx` style with offsets and printable
 * characters. Bytes in [hiFrom, hiTo) are highlighted; hovering a byte reports its offset.
 */
export const HexView = memo(function HexView({ bytes, hiFrom, hiTo, paddingFrom, onHoverByte, label }: {
  bytes: Uint8Array;
  hiFrom: number;
  hiTo: number;
  paddingFrom: number;
  onHoverByte: (offset: number | undefined) => void;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const perRow = useBytesPerRow(ref);
  const rows: number[] = [];
  for (let o = 0; o < bytes.length; o += perRow) rows.push(o);
  const cls = (i: number) => `insp-byte${i >= hiFrom && i < hiTo ? ' insp-byte--hi' : ''}${i >= paddingFrom ? ' insp-byte--pad' : ''}`;
  return (
    <div
      ref={ref}
      className="insp-hex"
      data-testid="insp-hex"
      aria-label={label}
      onMouseLeave={() => onHoverByte(undefined)}
      onMouseOver={(e) => {
        const at = (e.target as HTMLElement).dataset.offset;
        onHoverByte(at === undefined ? undefined : Number(at));
      }}
    >
      {rows.map((o) => {
        const end = Math.min(o + perRow, bytes.length);
        const cells = [];
        const chars = [];
        for (let i = o; i < end; i++) {
          const b = bytes[i]!;
          cells.push(<span key={i} className={cls(i)} data-offset={i}>{hex(b)}</span>);
          chars.push(<span key={i} className={cls(i)} data-offset={i}>{b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'}</span>);
        }
        return (
          <div key={o} className="insp-hex-row">
            <span className="insp-hex-offset">{o.toString(16).padStart(4, '0')}</span>
            <span className="insp-hex-bytes">{cells}</span>
            <span className="insp-hex-ascii">{chars}</span>
          </div>
        );
      })}
    </div>
  );
});
