import { useT } from '../../i18n/i18n';
import { COLORMAPS, colormapGradient, type ColormapName } from '../../lib/colormap';
import { SORT_KEYS, type SortKey } from '../../lib/stats';
import type { MapDisplay } from './display';
import { formatValue } from './format';
import { featureMapMessages } from './messages';
import type { ScaleMode } from './paint';

const sortLabel = { index: 'sortIndex', mean: 'sortMean', max: 'sortMax', zero: 'sortZero' } as const;

/** The tile size: the user's, or (0, "auto") larger for stages with few channels. */
export function tileSize(chosen: number, channels: number): number {
  if (chosen > 0) return chosen;
  return channels <= 16 ? 128 : channels <= 64 ? 96 : channels <= 512 ? 72 : 56;
}

type Props = { display: MapDisplay; channels: number; onDisplay: (patch: Partial<MapDisplay>) => void };

/** Colormap, scale, sort order and tile size of the grid. */
export function MapControls({ display, channels, onDisplay }: Props) {
  const t = useT(featureMapMessages);
  return (
    <div className="fm-controls">
      <label>
        {t('colormap')}{' '}
        <select
          data-testid="colormap"
          value={display.colormap}
          onChange={(e) => onDisplay({ colormap: e.target.value as ColormapName })}
        >
          {COLORMAPS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('scale')}{' '}
        <select
          data-testid="scale"
          value={display.scale}
          onChange={(e) => onDisplay({ scale: e.target.value as ScaleMode })}
        >
          <option value="channel">{t('scaleChannel')}</option>
          <option value="shared">{t('scaleShared')}</option>
        </select>
      </label>
      <label>
        {t('sort')}{' '}
        <select
          data-testid="sort"
          value={display.sort}
          onChange={(e) => onDisplay({ sort: e.target.value as SortKey })}
        >
          {SORT_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(sortLabel[k])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tileSize')}{' '}
        <input
          type="range"
          min={32}
          max={192}
          step={8}
          value={tileSize(display.tile, channels)}
          onChange={(e) => onDisplay({ tile: Number(e.target.value) })}
        />
      </label>
    </div>
  );
}

/** The colour bar; with a shared scale, the values at its ends (per channel, each tile has its own). */
export function Legend({ colormap, range }: { colormap: ColormapName; range: [number, number] | null }) {
  const t = useT(featureMapMessages);
  return (
    <span
      className="fm-legend"
      title={range ? t('legend', { lo: formatValue(range[0]), hi: formatValue(range[1]) }) : ''}
    >
      {range && <span>{formatValue(range[0])}</span>}
      <span className="fm-legend-bar" style={{ background: colormapGradient(colormap) }} />
      {range && <span>{formatValue(range[1])}</span>}
    </span>
  );
}
