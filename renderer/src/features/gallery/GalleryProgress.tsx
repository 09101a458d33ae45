import { useSyncExternalStore } from 'react';
import { useT } from '../../i18n/i18n';
import { galleryMessages } from './messages';
import { galleryQueue } from './useGallery';
import './gallery.css';

/** "Adding 123 / 500…" with a bar and Cancel, over every view, while the gallery queue runs. */
export function GalleryProgress() {
  const t = useT(galleryMessages);
  const { progress } = useSyncExternalStore(galleryQueue.subscribe, galleryQueue.getState);
  if (!progress) return null;
  const { done, total, failed } = progress;
  return (
    <div
      className="gallery-progress"
      role="status"
      aria-label={t('addingLabel')}
      data-testid="gallery-progress"
      data-done={done}
      data-total={total}
    >
      <span>{t('adding', { done, total })}</span>
      <progress max={total} value={done} />
      {failed > 0 && <span className="failed">{t('failedCount', { n: failed })}</span>}
      <button onClick={galleryQueue.cancel}>{t('cancel')}</button>
    </div>
  );
}
