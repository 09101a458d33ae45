import { useT } from '../../i18n/i18n';
import { inspectMessages } from './messages';

type Props = {
  dead: readonly number[];
  /** how many images the tracker has folded in */
  seen: number;
  /** gallery images not seen yet with this stage */
  unseen: number;
  scanning: { done: number; total: number } | null;
  onScan: () => void;
  onOpen: (channel: number) => void;
};

/** The dead-channel finder: channels zero everywhere in every image seen, and a scan over the gallery. */
export function DeadChannels({ dead, seen, unseen, scanning, onScan, onOpen }: Props) {
  const t = useT(inspectMessages);
  return (
    <section
      className="dead-channels"
      aria-label={t('deadChannels')}
      data-testid="dead-channels"
      data-seen={seen}
    >
      <h2>
        {t('deadChannels')}{' '}
        <span className={dead.length > 0 ? 'count some' : 'count'}>{seen > 0 ? dead.length : ''}</span>
      </h2>
      {seen === 0 ? (
        <p className="muted">{t('deadNeedsImage')}</p>
      ) : dead.length === 0 ? (
        <p className="muted">{t('deadNone')}</p>
      ) : (
        <>
          <p className="muted">{t('deadSeen', { n: seen })}</p>
          <ul className="dead-list">
            {dead.map((c) => (
              <li key={c}>
                <button type="button" data-testid="dead-channel" data-channel={c} onClick={() => onOpen(c)}>
                  #{c}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {scanning ? (
        <p className="muted" role="status">
          {t('deadScanning', { done: scanning.done, total: scanning.total })}
        </p>
      ) : (
        unseen > 0 && (
          <button type="button" className="scan" onClick={onScan} data-testid="dead-scan">
            {t('deadScan', { n: seen + unseen })}
          </button>
        )
      )}
    </section>
  );
}
