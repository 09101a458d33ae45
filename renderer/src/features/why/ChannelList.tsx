import { useEffect, useRef } from 'react';
import { channelMap, type Contribution, type FeatureMaps } from '../../lib/cam';
import type { CamColormap } from '../../lib/cam-colormap';
import { useT } from '../../i18n/i18n';
import { whyMessages } from './messages';
import { paintChannel } from './paint-cam';

type Props = {
  stage: string;
  features: FeatureMaps;
  top: readonly Contribution[];
  colormap: CamColormap;
  onShowChannel: (output: string, channel: number) => void;
};

/** The channels that add most to the class's logit, each with its map; a click opens it in Inspect. */
export function ChannelList({ stage, features, top, colormap, onShowChannel }: Props) {
  const t = useT(whyMessages);
  const max = Math.max(...top.map((c) => Math.abs(c.contribution)), 1e-12);
  return (
    <ol className="channel-list" data-testid="top-channels">
      {top.map((c) => (
        <li key={c.channel} data-channel={c.channel} data-contribution={c.contribution}>
          <button
            title={t('showInInspect', { k: c.channel, stage })}
            onClick={() => onShowChannel(stage, c.channel)}
          >
            <MiniMap features={features} channel={c.channel} colormap={colormap} />
            <span className="what">
              <span className="name">{t('channel', { k: c.channel })}</span>
              <span className="math">
                {fmt(c.weight)} × {fmt(c.mean)} = <b>{fmt(c.contribution)}</b>
              </span>
              <span className={c.contribution >= 0 ? 'bar' : 'bar negative'}>
                <span
                  className="fill"
                  style={{ width: `${((Math.abs(c.contribution) / max) * 100).toFixed(1)}%` }}
                />
              </span>
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

function MiniMap({
  features,
  channel,
  colormap,
}: {
  features: FeatureMaps;
  channel: number;
  colormap: CamColormap;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current)
      paintChannel(ref.current, channelMap(features, channel), features.width, features.height, colormap);
  }, [features, channel, colormap]);
  return <canvas ref={ref} className="mini-map" aria-hidden="true" />;
}

/** Three significant digits, no exponent for the usual magnitudes. */
export function fmt(x: number): string {
  return Math.abs(x) >= 100 || (Math.abs(x) < 0.01 && x !== 0) ? x.toPrecision(3) : x.toFixed(3);
}
