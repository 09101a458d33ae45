import { useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { useSession } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { Gallery } from '../gallery/Gallery';
import { useInputSize } from '../input-size/useInputSize';
import { whyMessages } from './messages';
import { requestShowChannel } from './show-channel';
import { useHeadWeights, type HeadState } from './useHeadWeights';
import { useWhyRun } from './useWhyRun';
import { DEFAULT_CAM_SETTINGS, type OverlaySettings } from './CamSettingsControls';
import { WhyResult, type WhyChoices } from './WhyResult';
import './why.css';

type Props = {
  /** what a click on a contributing channel does; default: the `lens:show-channel` event */
  onShowChannel?: (output: string, channel: number) => void;
};

/** "Why this class": the class activation map of any class over the image, and the channels behind it. */
export function WhyView({ onShowChannel }: Props = {}) {
  const t = useT(whyMessages);
  const { client, model: modelState, gallery } = useSession();
  const { choice } = useInputSize();
  const model = modelState.state.status === 'ready' ? modelState.state.model : null;
  const head = useHeadWeights(model);
  const run = useWhyRun(
    client,
    model,
    gallery.current,
    choice,
    head.status === 'ready' ? head.features : null,
  );
  const choices = useWhyChoices();
  const show =
    onShowChannel ?? ((output: string, channel: number) => requestShowChannel({ output, channel }));
  let body;
  if (!model) body = <p className="muted">{t('noModel')}</p>;
  else if (!gallery.current) body = <p className="muted empty-why">{t('dropHere')}</p>;
  else if (head.status !== 'ready') body = <HeadMessage head={head} />;
  else if (run.status === 'failed')
    body = (
      <p className="error" role="alert">
        {t('failed', { message: run.message })}
      </p>
    );
  else if (run.status !== 'done') body = <p className="muted">{t('running')}</p>;
  else if (run.features.channels !== head.head.channels)
    body = (
      <p className="error" role="alert">
        {t('failed', {
          message: `${run.stage} has ${run.features.channels} channels, the classifier takes ${head.head.channels}`,
        })}
      </p>
    );
  else
    body = (
      <WhyResult
        model={model}
        image={gallery.current}
        run={run}
        head={head.head}
        choices={choices}
        onShowChannel={show}
      />
    );
  return (
    <main className="workspace why" data-testid="why-view">
      <aside className="side">
        <Gallery
          images={gallery.images}
          selectedId={gallery.current?.id ?? null}
          onSelect={gallery.setSelected}
        />
      </aside>
      {body}
    </main>
  );
}

function HeadMessage({ head }: { head: HeadState }) {
  const t = useT(whyMessages);
  if (head.status === 'unavailable') {
    const reason = head.reason === 'no-ipc' ? t('headNoIpc') : head.reason;
    return (
      <p className="error" role="alert" data-testid="why-head-missing">
        {t('headMissing', { reason })}
      </p>
    );
  }
  if (head.status === 'failed')
    return (
      <p className="error" role="alert">
        {t('headFailed', { message: head.message })}
      </p>
    );
  return <p className="muted">{t('headLoading')}</p>;
}

/** Choices that outlive one run: the picked class (per model) and the overlay settings. */
function useWhyChoices(): WhyChoices {
  const [pick, setPick] = useState<{ model: LoadedModel; cls: number } | null>(null);
  const [settings, set] = useState<OverlaySettings>(DEFAULT_CAM_SETTINGS);
  return { pick, setPick, settings, setSettings: (patch) => set((s) => ({ ...s, ...patch })) };
}
