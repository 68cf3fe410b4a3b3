import { memo, type Ref } from 'react';
import { useT } from '../hooks/use-t.ts';

/** The packet colours, so a class can read the animation without the inspector. */
export const Legend = memo(function Legend({ ref }: { readonly ref?: Ref<HTMLDivElement> }) {
  const t = useT();
  const items = [
    ['arp', t('canvas.legend.arp')],
    ['request', t('canvas.legend.request')],
    ['reply', t('canvas.legend.reply')],
    ['icmp', t('canvas.legend.icmp')],
    ['tunnel', t('canvas.legend.tunnel')],
  ] as const;
  return (
    <div ref={ref} className="canvas-legend" data-testid="canvas-legend" aria-label={t('canvas.legend.title')}>
      {items.map(([kind, label]) => (
        <span key={kind} className="canvas-legend-item">
          <span className={`canvas-legend-dot canvas-pkt-${kind}`} aria-hidden="true" />
          {label}
        </span>
      ))}
      <span className="canvas-legend-item">
        <span className="canvas-legend-drop" aria-hidden="true">✕</span>
        {t('canvas.legend.drop')}
      </span>
    </div>
  );
});
