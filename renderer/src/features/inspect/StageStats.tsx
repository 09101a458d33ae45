import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { histogram } from '../../lib/histogram';
import type { ChannelStats } from '../../lib/stats';
import { formatCount, formatPercent, formatValue } from '../feature-maps/format';
import { inspectMessages } from './messages';

const BINS = 48;

type Props = { data: Float32Array; stats: ChannelStats };

/** The stage's summary (mean, std, min, max, % zero) and a histogram of all its values. */
export function StageStats({ data, stats }: Props) {
  const t = useT(inspectMessages);
  const s = stats.stage;
  const { layout } = stats;
  // Only the first item of a batch is shown; memoized on the buffer, as hovering re-renders this.
  const h = useMemo(
    () => histogram(data.subarray(0, layout.channels * layout.height * layout.width), BINS),
    [data, layout],
  );
  const peak = Math.log1p(Math.max(1, ...h.counts));
  const rows: [string, string, number, string][] = [
    ['mean', t('mean'), s.mean, formatValue(s.mean)],
    ['std', t('std'), s.std, formatValue(s.std)],
    ['min', t('min'), s.min, formatValue(s.min)],
    ['max', t('max'), s.max, formatValue(s.max)],
    ['zero', t('zero'), s.zero, `${formatPercent(s.zero)}%`],
    ['count', t('values'), s.count, formatCount(s.count)],
  ];
  return (
    <section className="stage-stats" aria-label={t('stageStats')}>
      <dl>
        {rows.map(([id, name, value, text]) => (
          <div key={id}>
            <dt>{name}</dt>
            <dd data-testid={`stage-${id}`} data-value={value}>
              {text}
            </dd>
          </div>
        ))}
      </dl>
      <figure className="histogram-box" title={t('histogram')}>
        <svg
          className="histogram"
          viewBox={`0 0 ${BINS} 40`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`${t('histogram')}: ${t('histogramNote', { bins: BINS, lo: formatValue(h.lo), hi: formatValue(h.hi) })}`}
          data-testid="histogram"
          data-total={h.total}
        >
          {Array.from(h.counts, (count, i) => {
            const height = count > 0 ? Math.max(0.8, (Math.log1p(count) / peak) * 40) : 0;
            return (
              <rect key={i} x={i + 0.08} y={40 - height} width={0.84} height={height} data-count={count}>
                <title>{formatCount(count)}</title>
              </rect>
            );
          })}
        </svg>
        <figcaption className="histogram-axis">
          <span>{formatValue(h.lo)}</span>
          <span>{t('histogram')}</span>
          <span>{formatValue(h.hi)}</span>
        </figcaption>
      </figure>
    </section>
  );
}
