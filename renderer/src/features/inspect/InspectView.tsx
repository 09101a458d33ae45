import { useSession } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { Predictions } from '../classify/Predictions';
import { useClassification } from '../classify/useClassification';
import { Gallery } from '../gallery/Gallery';
import { classFromPath } from '../gallery/gallery-model';
import { inspectMessages } from './messages';

/** The main view: gallery, the selected image, and its top-5. */
export function InspectView() {
  const t = useT(inspectMessages);
  const { client, model: modelState, gallery } = useSession();
  const model = modelState.state.status === 'ready' ? modelState.state.model : null;
  const result = useClassification(client, model, gallery.current);
  const trueClass = model && gallery.current ? classFromPath(gallery.current.name, model.labels) : null;
  return (
    <main className="workspace">
      <aside className="side">
        <Gallery
          images={gallery.images}
          selectedId={gallery.current?.id ?? null}
          onSelect={gallery.setSelected}
        />
        {gallery.errors.map((e) => (
          <p key={e.name} className="error" role="alert" data-testid="drop-error">
            {e.message}
          </p>
        ))}
      </aside>
      <section className="stage">
        {gallery.current ? (
          <figure className="preview">
            <img src={gallery.current.url} alt={gallery.current.name} data-testid="preview" />
            <figcaption>
              {gallery.current.name} · {gallery.current.width}×{gallery.current.height}
            </figcaption>
          </figure>
        ) : (
          <div className="empty">
            <p className="big">{t('dropHere')}</p>
            <p className="muted">{t('formats')}</p>
          </div>
        )}
      </section>
      <aside className="results">
        <h2>{t('top5')}</h2>
        <Predictions result={result} trueClass={trueClass} labels={model?.labels ?? []} />
      </aside>
    </main>
  );
}
