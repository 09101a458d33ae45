import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { galleryMessages } from './messages';
import { loadSamples, sampleFile, SAMPLES_BASE, type Sample } from './samples';
import { galleryQueue } from './useGallery';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/**
 * The empty gallery: the bundled sample images as buttons. A click fetches the sample as a `File` and
 * adds it through the gallery queue, like a drop (decode, name and true class all as for the user's own).
 */
export function SamplePicker() {
  const t = useT(galleryMessages);
  const [samples, setSamples] = useState<Sample[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadSamples().then(
      (list) => live && setSamples(list),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, []);

  const add = async (sample: Sample) => {
    setBusy(sample.file);
    try {
      await galleryQueue.addFiles([await sampleFile(sample)]);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null); // also after a cancel or a failed decode: the samples stay clickable
    }
  };

  const group = (kind: Sample['kind'], title: string) => {
    const list = samples.filter((s) => s.kind === kind);
    if (list.length === 0) return null;
    return (
      <>
        <h3>{title}</h3>
        <ul className={kind === 'cifar10' ? 'cifar' : 'photos'}>
          {list.map((s) => (
            <li key={s.file}>
              <button
                data-testid="sample"
                data-file={s.file}
                title={`${s.title} — ${s.source} (${s.licence})`}
                disabled={busy !== null}
                onClick={() => void add(s)}
              >
                <img src={`${SAMPLES_BASE}${s.file}`} alt={s.title} />
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  };

  return (
    <section className="samples" data-testid="samples" aria-label={t('trySample')}>
      <h2>{t('trySample')}</h2>
      {group('cifar10', t('samplesCifar'))}
      {group('photo', t('samplesPhotos'))}
      {error && (
        <p className="error" role="alert">
          {t('samplesFailed', { message: error })}
        </p>
      )}
      <p className="muted hint">{t('sampleHint', { shortcut: isMac ? '⌘O' : 'Ctrl+O' })}</p>
    </section>
  );
}
