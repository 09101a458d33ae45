import { useMemo } from 'react';
import { useSession } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { channelMeanMap, channelSlice } from '../../lib/stats';
import { Predictions } from '../classify/Predictions';
import { useClassification } from '../classify/useClassification';
import { FeatureMaps } from '../feature-maps/FeatureMaps';
import { Gallery } from '../gallery/Gallery';
import { classFromPath } from '../gallery/gallery-model';
import { useInputSize } from '../input-size/useInputSize';
import { onShowChannel } from '../why/show-channel';
import { DeadChannels } from './DeadChannels';
import type { OverlayMap } from './InputOverlay';
import { InputPanel } from './InputPanel';
import { inspectStore } from './inspect-store';
import { inspectMessages } from './messages';
import type { StageResult } from './stage-fetcher';
import { StageNavigator } from './StageNavigator';
import { StageStats } from './StageStats';
import { useInspect } from './useInspect';
import './inspect.css';

// "Show this channel in Inspect" from the Why view arrives while this view is not mounted (the Why tab
// is), so the session's inspect store listens for it from the start.
onShowChannel(({ output, channel }) => inspectStore.show(output, channel));

/**
 * The main view: gallery and the stage navigator on the left; the selected stage's statistics and
 * feature maps in the middle; the input (with an overlay), the top-5 and the dead channels on the right.
 */
export function InspectView() {
  const t = useT(inspectMessages);
  const { client, model: modelState, gallery } = useSession();
  const { choice: inputSize } = useInputSize();
  const model = modelState.state.status === 'ready' ? modelState.state.model : null;
  const image = gallery.current;
  const result = useClassification(client, model, image);
  const trueClass = model && image ? classFromPath(image.name, model.labels) : null;
  const ins = useInspect(modelState.run, model, image, gallery.images, inputSize);
  const { display, overlay } = ins.state;
  const done = ins.stageState.status === 'done' ? ins.stageState.result : null;
  const deadSet = useMemo(() => new Set(ins.dead), [ins.dead]);
  const overlayMap = useOverlayMap(done, overlay.source, overlay.channel);

  return (
    <main className="workspace inspect">
      <aside className="side inspect-left">
        <Gallery images={gallery.images} selectedId={image?.id ?? null} onSelect={gallery.setSelected} />
        {gallery.errors.map((e) => (
          <p key={e.name} className="error" role="alert" data-testid="drop-error">
            {e.message}
          </p>
        ))}
        {model ? (
          <StageNavigator
            key={model.modelUrl}
            tree={ins.tree}
            selected={ins.stage}
            onSelect={(stage) => inspectStore.select(stage, null)}
          />
        ) : (
          <p className="muted">{t('noModel')}</p>
        )}
      </aside>
      <section className="inspect-center">
        {image ? (
          <StagePanel ins={ins} deadSet={deadSet} />
        ) : (
          <div className="empty">
            <p className="big">{t('dropHere')}</p>
            <p className="muted">{t('formats')}</p>
          </div>
        )}
      </section>
      <aside className="results inspect-right">
        {ins.input && image && (
          <InputPanel
            input={ins.input}
            map={overlayMap}
            colormap={display.colormap}
            choice={inputSize}
            overlay={overlay}
          />
        )}
        <h2>{t('top5')}</h2>
        <Predictions result={result} trueClass={trueClass} labels={model?.labels ?? []} />
        {model && (
          <DeadChannels
            dead={ins.dead}
            seen={ins.seen}
            unseen={ins.unseen.length}
            scanning={ins.scanning}
            onScan={() => void ins.scan()}
            onOpen={inspectStore.openChannel}
          />
        )}
      </aside>
    </main>
  );
}

/** The map the overlay shows: the stage mean, the chosen channel, or nothing. */
function useOverlayMap(
  done: StageResult | null,
  source: 'off' | 'mean' | 'channel',
  channel: number | null,
): OverlayMap | null {
  return useMemo(() => {
    if (!done || source === 'off' || done.layout.height * done.layout.width <= 1) return null;
    const { layout, data } = done;
    const values =
      source === 'channel' && channel !== null && channel < layout.channels
        ? channelSlice(data, layout, channel)
        : channelMeanMap(data, layout);
    return { values, width: layout.width, height: layout.height };
  }, [done, source, channel]);
}

/** The middle: the selected stage's feature maps, or why they are not there yet. */
function StagePanel({ ins, deadSet }: { ins: ReturnType<typeof useInspect>; deadSet: ReadonlySet<number> }) {
  const t = useT(inspectMessages);
  const { stageState } = ins;
  if (stageState.status === 'failed') {
    return (
      <p className="error" role="alert">
        {stageState.message}
      </p>
    );
  }
  if (stageState.status !== 'done')
    return <p className="muted waiting">{t('waiting', { stage: ins.stage ?? '' })}</p>;
  const done = stageState.result;
  return (
    <FeatureMaps
      output={done.output}
      data={done.data}
      layout={done.layout}
      stats={done.stats}
      display={ins.state.display}
      onDisplay={inspectStore.setDisplay}
      dead={deadSet}
      channel={ins.state.selection.channel}
      onChannel={inspectStore.openChannel}
      onOverlayChannel={(c) => inspectStore.setOverlay({ source: 'channel', channel: c })}
      meta={`${done.ms.toFixed(1)} ms · ${done.backend === 'webgpu' ? 'WebGPU' : 'WASM'}`}
      summary={<StageStats data={done.data} stats={done.stats} />}
    />
  );
}
