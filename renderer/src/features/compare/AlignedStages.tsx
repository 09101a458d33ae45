import { useMemo, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { useT } from '../../i18n/i18n';
import { colormapRgba32 } from '../../lib/colormap';
import type { InputSizeChoice } from '../../lib/model-input';
import { channelOrder } from '../../lib/stats';
import { DEFAULT_DISPLAY, type MapDisplay } from '../feature-maps/display';
import { FeatureGrid } from '../feature-maps/FeatureGrid';
import { formatPercent, formatValue } from '../feature-maps/format';
import { MapControls } from '../feature-maps/MapControls';
import { featureMapMessages } from '../feature-maps/messages';
import { channelRanges, paintStage } from '../feature-maps/paint';
import type { GalleryImage } from '../gallery/gallery-model';
import type { StageFetcher, StageResult } from '../inspect/stage-fetcher';
import { StageStats } from '../inspect/StageStats';
import { stageRequest, useModelInput, useStage } from '../inspect/useStageOutput';
import { compareMessages } from './messages';
import { defaultStage, shapeDifference, shapeText, sharedStages } from './stage-align';
import '../feature-maps/feature-maps.css';
import '../inspect/inspect.css';

/** Compared models see the image as classification does: each at its own standard input size. */
export const STANDARD: InputSizeChoice = { kind: 'standard' };
/** Tiles are smaller than in Inspect: two to four grids share the width. */
const COMPARE_TILE = 44;

type Props = { models: LoadedModel[]; image: GalleryImage; fetcherFor: (id: string) => StageFetcher };

/** The same stage of every compared model side by side: each model's grid of channels and statistics. */
export function AlignedStages({ models, image, fetcherFor }: Props) {
  const t = useT(compareMessages);
  const stages = useMemo(() => sharedStages(models), [models]);
  const [picked, setPicked] = useState<string | null>(null);
  const [display, setDisplay] = useState<MapDisplay>(DEFAULT_DISPLAY);
  const stage = stages.find((s) => s.name === picked) ?? stages.find((s) => s.name === defaultStage(stages));
  if (!stage) return <p className="muted">{t('noSharedStage')}</p>;
  const diff = shapeDifference(stage);
  return (
    <div className="compare-stages" data-testid="aligned-stages" data-stage={stage.name}>
      <div className="compare-stage-bar">
        <label>
          {t('stage')}{' '}
          <select
            aria-label={t('stage')}
            data-testid="stage-picker"
            value={stage.name}
            onChange={(e) => setPicked(e.target.value)}
          >
            {stages.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({s.shapes.map(shapeText).join(' / ')})
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="stage-difference" data-difference={diff}>
          {t(`shape_${diff}`)}
        </span>
        <MapControls
          display={display}
          channels={Math.max(...stage.shapes.map(([c]) => c))}
          onDisplay={(patch) => setDisplay((d) => ({ ...d, ...patch }))}
        />
      </div>
      <div className="compare-columns">
        {models.map((m) => (
          <StageColumn
            key={m.summary.id}
            model={m}
            image={image}
            stage={stage.name}
            fetcher={fetcherFor(m.summary.id)}
            display={display}
          />
        ))}
      </div>
    </div>
  );
}

type ColumnProps = {
  model: LoadedModel;
  image: GalleryImage;
  stage: string;
  fetcher: StageFetcher;
  display: MapDisplay;
};

function StageColumn({ model, image, stage, fetcher, display }: ColumnProps) {
  const t = useT(compareMessages);
  const input = useModelInput(model, image, STANDARD);
  const state = useStage(fetcher, input ? stageRequest(model, image, input, STANDARD, stage) : null);
  return (
    <article
      className="compare-column compare-stage"
      data-testid="stage-column"
      data-model={model.summary.id}
    >
      <h4>{model.summary.name}</h4>
      {state.status === 'failed' && <p className="error">{t('failed', { message: state.message })}</p>}
      {state.status !== 'done' && state.status !== 'failed' && <p className="muted">{t('running')}</p>}
      {state.status === 'done' && <StageBody result={state.result} display={display} />}
    </article>
  );
}

/** One model's stage: its shape, the summary statistics (the Inspect view's), and every channel's map. */
function StageBody({ result, display }: { result: StageResult; display: MapDisplay }) {
  const t = useT(compareMessages);
  const tf = useT(featureMapMessages);
  const { layout, stats, data } = result;
  const [hover, setHover] = useState<number | null>(null);
  const atlas = useMemo(
    () => paintStage(data, layout, channelRanges(stats, display.scale), colormapRgba32(display.colormap)),
    [data, layout, stats, display.scale, display.colormap],
  );
  const order = useMemo(() => channelOrder(stats, display.sort), [stats, display.sort]);
  const describe = (c: number) =>
    tf('channelStats', {
      c,
      mean: formatValue(stats.mean[c]!),
      max: formatValue(stats.max[c]!),
      zero: formatPercent(stats.zero[c]!),
    });
  const shape = shapeText([layout.channels, layout.height, layout.width]);
  return (
    <>
      <p data-testid="aligned-shape" data-channels={layout.channels} data-shape={shape}>
        {t('stageShape', { n: layout.channels, shape })}
      </p>
      <StageStats data={data} stats={stats} />
      <p className="fm-hover muted" aria-live="polite">
        {hover !== null ? describe(hover) : '\u00a0'}
      </p>
      <div className="compare-grid-box">
        <FeatureGrid
          layout={layout}
          stats={stats}
          atlas={atlas}
          order={order}
          sortKey={display.sort}
          dead={NO_DEAD}
          tile={display.tile > 0 ? display.tile : COMPARE_TILE}
          selected={null}
          onOpen={setHover}
          onHover={setHover}
          describe={describe}
        />
      </div>
    </>
  );
}

const NO_DEAD: ReadonlySet<number> = new Set();
