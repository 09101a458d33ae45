import { useMemo, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { useT } from '../../i18n/i18n';
import type { InputSizeChoice } from '../../lib/model-input';
import { DEFAULT_DISPLAY, type MapDisplay } from '../feature-maps/display';
import { MapControls } from '../feature-maps/MapControls';
import type { GalleryImage } from '../gallery/gallery-model';
import type { StageFetcher } from '../inspect/stage-fetcher';
import { stageRequest, useModelInput, useStage } from '../inspect/useStageOutput';
import { compareMessages } from './messages';
import {
  defaultStage,
  shapeDifference,
  shapeText,
  sharedStages,
  zoomedChannel,
  type AlignedStage,
  type OpenChannel,
} from './stage-align';
import { StageBody } from './StageBody';

/** Compared models see the image as classification does: each at its own standard input size. */
export const STANDARD: InputSizeChoice = { kind: 'standard' };

type Props = { models: LoadedModel[]; image: GalleryImage; fetcherFor: (id: string) => StageFetcher };

/** The same stage of every compared model side by side: each model's grid of channels and statistics. */
export function AlignedStages({ models, image, fetcherFor }: Props) {
  const t = useT(compareMessages);
  const stages = useMemo(() => sharedStages(models), [models]);
  const [picked, setPicked] = useState<string | null>(null);
  const [display, setDisplay] = useState<MapDisplay>(DEFAULT_DISPLAY);
  const [open, setOpen] = useState<OpenChannel | null>(null);
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
            onChange={(e) => {
              setPicked(e.target.value);
              setOpen(null);
            }}
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
            stage={stage}
            fetcher={fetcherFor(m.summary.id)}
            display={display}
            open={open}
            onOpen={setOpen}
          />
        ))}
      </div>
    </div>
  );
}

type ColumnProps = {
  model: LoadedModel;
  image: GalleryImage;
  stage: AlignedStage;
  fetcher: StageFetcher;
  display: MapDisplay;
  open: OpenChannel | null;
  onOpen: (open: OpenChannel | null) => void;
};

function StageColumn({ model, image, stage, fetcher, display, open, onOpen }: ColumnProps) {
  const t = useT(compareMessages);
  const id = model.summary.id;
  const input = useModelInput(model, image, STANDARD);
  const state = useStage(fetcher, input ? stageRequest(model, image, input, STANDARD, stage.name) : null);
  return (
    <article className="compare-column compare-stage" data-testid="stage-column" data-model={id}>
      <h4>{model.summary.name}</h4>
      {state.status === 'failed' && <p className="error">{t('failed', { message: state.message })}</p>}
      {state.status !== 'done' && state.status !== 'failed' && <p className="muted">{t('running')}</p>}
      {state.status === 'done' && (
        <StageBody
          result={state.result}
          input={input?.image ?? null}
          display={display}
          zoomed={zoomedChannel(open, stage, id, state.result.layout.channels)}
          onZoom={(channel) => onOpen(channel === null ? null : { channel, model: id })}
        />
      )}
    </article>
  );
}
