import { useEffect, useMemo, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { useT } from '../../i18n/i18n';
import { classActivationMap, featureMapsOf } from '../../lib/cam';
import type { GalleryImage } from '../gallery/gallery-model';
import type { StageFetcher, StageResult } from '../inspect/stage-fetcher';
import { stageRequest, useModelInput } from '../inspect/useStageOutput';
import { CamSettingsControls, DEFAULT_CAM_SETTINGS, type OverlaySettings } from '../why/CamSettingsControls';
import { paintCam } from '../why/paint-cam';
import { useHeadWeights } from '../why/useHeadWeights';
import { STANDARD } from './AlignedStages';
import { compareMessages } from './messages';

type Props = {
  models: LoadedModel[];
  image: GalleryImage;
  fetcherFor: (id: string) => StageFetcher;
  /** the first model's top-1 class, the default */
  topClass: number;
};

/** Each model's class activation map for one class they share (default: the first model's top-1). */
export function CompareCams({ models, image, fetcherFor, topClass }: Props) {
  const t = useT(compareMessages);
  const [picked, setPicked] = useState<number | null>(null);
  const [settings, setSettings] = useState<OverlaySettings>(DEFAULT_CAM_SETTINGS);
  const labels = models[0]!.labels;
  const cls = picked !== null && picked < labels.length ? picked : topClass;
  return (
    <div className="compare-cams" data-testid="compare-cams">
      <label>
        {t('camClass')}{' '}
        <select
          aria-label={t('camClass')}
          data-testid="cam-class"
          value={picked === null ? 'top' : String(cls)}
          onChange={(e) => setPicked(e.target.value === 'top' ? null : Number(e.target.value))}
        >
          <option value="top">{t('camTop', { label: labels[topClass] ?? String(topClass) })}</option>
          {labels.map((l, i) => (
            <option key={i} value={i}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <CamSettingsControls
        className="compare-cam-controls"
        ramp
        settings={settings}
        onSettings={(patch) => setSettings((s) => ({ ...s, ...patch }))}
      />
      <div className="compare-columns">
        {models.map((m) => (
          <CamColumn
            key={m.summary.id}
            model={m}
            image={image}
            fetcher={fetcherFor(m.summary.id)}
            cls={cls}
            settings={settings}
          />
        ))}
      </div>
    </div>
  );
}

type ColumnProps = {
  model: LoadedModel;
  image: GalleryImage;
  fetcher: StageFetcher;
  cls: number;
  settings: OverlaySettings;
};

/** The features the head pools, fetched through the model's stage fetcher (shared cache with the grid). */
function useHeadFeatures(
  model: LoadedModel,
  image: GalleryImage,
  fetcher: StageFetcher,
  stage: string | null,
) {
  const input = useModelInput(model, image, STANDARD);
  const [last, setLast] = useState<{ key: string; r: StageResult | Error } | null>(null);
  const request = input && stage ? stageRequest(model, image, input, STANDARD, stage) : null;
  const key = request?.key ?? '';
  useEffect(() => {
    if (!request) return;
    let cancelled = false;
    fetcher
      .fetch(request)
      .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))
      .then((r) => {
        if (!cancelled) setLast({ key: request.key, r });
      });
    return () => {
      cancelled = true;
    };
    // The request is rebuilt every render; its key names everything in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher, key]);
  return { input, features: last && last.key === key ? last.r : null };
}

/** The class's CAM from the pooled features and the head; null while either is missing. */
function camOf(head: ReturnType<typeof useHeadWeights>, features: StageResult | Error | null, cls: number) {
  if (head.status !== 'ready' || !features || features instanceof Error) return null;
  try {
    const maps = featureMapsOf(features.data, features.dims);
    const map = classActivationMap(maps, head.head, cls);
    let sum = 0;
    for (const v of map) sum += v;
    // GAP -> Linear: the map's mean plus the bias is exactly the class's logit.
    const logit = sum / map.length + head.head.bias[cls]!;
    return { map, width: maps.width, height: maps.height, logit };
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

function CamColumn({ model, image, fetcher, cls, settings }: ColumnProps) {
  const t = useT(compareMessages);
  const head = useHeadWeights(model);
  const stage = head.status === 'ready' ? head.features : null;
  const { input, features } = useHeadFeatures(model, image, fetcher, stage);
  const cam = useMemo(() => camOf(head, features, cls), [head, features, cls]);
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (!canvas || !input || !cam || cam instanceof Error) return;
    paintCam(canvas, {
      input: input.image,
      cam: cam.map,
      camWidth: cam.width,
      camHeight: cam.height,
      ...settings,
    });
  }, [canvas, input, cam, settings]);
  let note: string | null = null;
  if (head.status === 'unavailable') note = t('camNoHead', { reason: head.reason });
  else if (head.status === 'failed') note = t('failed', { message: head.message });
  else if (features instanceof Error) note = t('failed', { message: features.message });
  else if (cam instanceof Error) note = t('failed', { message: cam.message });
  const ready = cam && !(cam instanceof Error);
  return (
    <article className="compare-column" data-testid="cam-column" data-model={model.summary.id}>
      <h4>{model.summary.name}</h4>
      {note && <p className="error">{note}</p>}
      {!note && !ready && <p className="muted">{t('running')}</p>}
      {ready && (
        <>
          <canvas
            ref={setCanvas}
            className="compare-cam"
            data-testid="compare-cam"
            data-class={model.labels[cls]}
            data-stage={stage}
            data-shape={`${cam.height}×${cam.width}`}
            data-logit={cam.logit}
            data-opacity={settings.opacity}
            data-colormap={settings.colormap}
          />
          <p className="muted">
            {t('camCaption', {
              label: model.labels[cls] ?? String(cls),
              stage: stage ?? '',
              logit: cam.logit.toFixed(2),
            })}
          </p>
        </>
      )}
    </article>
  );
}
