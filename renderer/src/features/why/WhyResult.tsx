import { useMemo, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { useT } from '../../i18n/i18n';
import { classActivationMap, mapMean, topContributions, type HeadWeights } from '../../lib/cam';
import type { PredictionRecord } from '../../lib/csv';
import { softmax } from '../../lib/topk';
import { fileStem } from '../export/download';
import {
  csvItem,
  jsonItem,
  npyItem,
  pngItem,
  predictionsJson,
  type ExportItem,
} from '../export/export-items';
import { ExportMenu } from '../export/ExportMenu';
import type { GalleryImage } from '../gallery/gallery-model';
import { CamOverlay } from './CamOverlay';
import type { OverlaySettings } from './CamSettingsControls';
import { ChannelList, fmt } from './ChannelList';
import { ClassPicker } from './ClassPicker';
import { whyMessages } from './messages';
import type { WhyRun } from './useWhyRun';

type Done = Extract<WhyRun, { status: 'done' }>;

/** The user's class choice (kept for the model it was made on) and the overlay settings. */
export type WhyChoices = {
  pick: { model: LoadedModel; cls: number } | null;
  setPick: (pick: { model: LoadedModel; cls: number } | null) => void;
  settings: OverlaySettings;
  setSettings: (patch: Partial<OverlaySettings>) => void;
};

type Props = {
  model: LoadedModel;
  image: GalleryImage;
  run: Done;
  head: HeadWeights;
  choices: WhyChoices;
  onShowChannel: (output: string, channel: number) => void;
};

/** The map, its controls, the class picker and the channels, for one finished run. */
export function WhyResult({ model, image, run, head, choices, onShowChannel }: Props) {
  const t = useT(whyMessages);
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const probs = useMemo(() => softmax(run.logits), [run.logits]);
  const ranked = useMemo(
    () => Array.from(probs.keys()).sort((a, b) => probs[b]! - probs[a]! || a - b),
    [probs],
  );
  const { pick } = choices;
  // an explicit choice holds for the model it was made on; otherwise the map follows the top class
  const following = !pick || pick.model !== model || pick.cls >= head.classes;
  const cls = following ? ranked[0]! : pick.cls;
  const { features } = run;
  const cam = useMemo(() => classActivationMap(features, head, cls), [features, head, cls]);
  const top = useMemo(() => topContributions(features, head, cls, 10), [features, head, cls]);
  const label = model.labels[cls] ?? `class ${cls}`;
  const exportArgs = { t, model, image, run, cls, cam, ranked, probs, canvas: () => canvas };
  return (
    <>
      <section className="why-stage">
        <header className="why-bar">
          <h2>
            {t('title', { label })} {following && <span className="muted">({t('titleTop')})</span>}
          </h2>
          <ExportMenu items={exportItems(exportArgs)} />
        </header>
        <CamFigure
          {...{ image, run, cls, cam, canvas, setCanvas }}
          bias={head.bias[cls]!}
          choices={choices}
        />
      </section>
      <aside className="results why-side">
        <ClassPicker
          labels={model.labels}
          probs={probs}
          ranked={ranked}
          selected={cls}
          following={following}
          onSelect={(c) => choices.setPick(c === null ? null : { model, cls: c })}
        />
        <h2>{t('channels', { label })}</h2>
        <p className="muted help">{t('channelsHelp', { stage: run.stage })}</p>
        <ChannelList
          stage={run.stage}
          features={features}
          top={top}
          colormap={choices.settings.colormap}
          onShowChannel={onShowChannel}
        />
      </aside>
    </>
  );
}

type FigureProps = {
  image: GalleryImage;
  run: Done;
  cls: number;
  cam: Float32Array;
  bias: number;
  canvas: HTMLCanvasElement | null;
  setCanvas: (el: HTMLCanvasElement | null) => void;
  choices: WhyChoices;
};

/**
 * The overlay with its caption. The raw map, its grid and class are on the element's data attributes, so
 * tests (and anyone debugging) can read the exact numbers behind the picture.
 */
function CamFigure({ image, run, cls, cam, bias, canvas, setCanvas, choices }: FigureProps) {
  const t = useT(whyMessages);
  const { features } = run;
  return (
    <figure
      className="why-figure"
      data-testid="cam"
      data-class={cls}
      data-stage={run.stage}
      data-cam-shape={`${features.height},${features.width}`}
      data-cam={JSON.stringify(Array.from(cam))}
      data-logit={run.logits[cls]}
    >
      <CamOverlay
        canvas={canvas}
        setCanvas={setCanvas}
        input={run.input}
        cam={cam}
        camWidth={features.width}
        camHeight={features.height}
        settings={choices.settings}
        onSettings={choices.setSettings}
      />
      <figcaption className="muted">
        {image.name} · {run.input.width}×{run.input.height} → {run.stage} {features.channels}×
        {features.height}×{features.width} ·{' '}
        {t('identity', { sum: fmt(mapMean(cam) + bias), logit: fmt(run.logits[cls]!) })}
      </figcaption>
    </figure>
  );
}

type Translate = (key: keyof (typeof whyMessages)['en'], vars?: Record<string, string | number>) => string;
type ExportArgs = {
  t: Translate;
  model: LoadedModel;
  image: GalleryImage;
  run: Done;
  cls: number;
  cam: Float32Array;
  ranked: readonly number[];
  probs: Float32Array;
  canvas: () => HTMLCanvasElement | null;
};
/** What the view can save: the overlay, the CAM and the stage as arrays, the top-5 as CSV and JSON. */
function exportItems({ t, model, image, run, cls, cam, ranked, probs, canvas }: ExportArgs): ExportItem[] {
  const stem = fileStem(image.name);
  const label = model.labels[cls] ?? `class ${cls}`;
  const { height: h, width: w } = run.features;
  const records: PredictionRecord[] = ranked.slice(0, 5).map((index, i) => ({
    image: image.name,
    model: model.summary.name,
    rank: i + 1,
    index,
    label: model.labels[index] ?? `class ${index}`,
    probability: probs[index]!,
    logit: run.logits[index]!,
  }));
  const input = [1, 3, run.input.height, run.input.width];
  return [
    pngItem('cam-png', t('exportCam'), `${stem}-cam-${label}`, canvas),
    npyItem('cam-npy', t('exportCamNpy', { h, w }), `${stem}-cam-${label}`, cam, [h, w]),
    npyItem(
      'stage-npy',
      t('exportStage', { stage: run.stage, shape: run.dims.join('×') }),
      `${stem}-${run.stage}`,
      run.features.data,
      run.dims,
    ),
    csvItem('predictions-csv', t('exportCsv'), `${stem}-top5`, records),
    jsonItem('predictions-json', t('exportJson'), `${stem}-top5`, {
      input,
      predictions: predictionsJson(records),
    }),
  ];
}
