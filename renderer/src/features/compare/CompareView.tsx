import { useState } from 'react';
import type { LoadedModel, ModelSummary } from '../../../../electron/ipc/contract';
import { useSession } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { Gallery } from '../gallery/Gallery';
import type { GalleryImage } from '../gallery/gallery-model';
import { AlignedStages } from './AlignedStages';
import { ArchDiffTable } from './ArchDiffTable';
import { CkaPanel } from './CkaPanel';
import { CompareCams } from './CompareCams';
import { archColumn, compactCount } from './arch-diff';
import { agreement, defaultSelection, hasArchitecture, labelSetConflict } from './compare-model';
import { compareMessages } from './messages';
import { SetComparePanel } from './SetComparePanel';
import { useCompareFetchers } from './useCompareFetchers';
import { useCompareRuns, type SlotResult } from './useCompareRuns';
import './compare.css';

const MAX_MODELS = 4;

/** 2-4 models side by side: architecture diff, and top-5 with agreement on the selected image. */
export function CompareView() {
  const t = useT(compareMessages);
  const { client, settings, model, gallery } = useSession();
  const loadable = model.models.filter((m) => m.loadable);
  // Until the user picks, compare the toolbar's model with the next one (derived, so it follows the list).
  const [picked, setIds] = useState<string[] | null>(null);
  const ids = picked ?? defaultSelection(model.models, model.selectedId);
  const chosen = ids.map((id) => loadable.find((m) => m.id === id)).filter((m) => m !== undefined);
  const conflict = labelSetConflict(chosen);
  const image = gallery.current;
  const { results, load } = useCompareRuns(
    client,
    settings.backend,
    ids,
    image,
    conflict === null && chosen.length >= 2,
  );
  const setSlot = (i: number, id: string) => setIds(ids.map((p, j) => (j === i ? id : p)));
  return (
    <main className="workspace compare" data-testid="compare-view">
      <header className="compare-bar">
        <h2>{t('title')}</h2>
        {ids.map((id, i) => (
          <ModelPicker
            key={i}
            index={i}
            id={id}
            models={loadable}
            onChange={(v) => setSlot(i, v)}
            onRemove={ids.length > 2 ? () => setIds(ids.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        {ids.length < MAX_MODELS && loadable.length > 0 && (
          <button onClick={() => setIds([...ids, loadable[0]!.id])}>{t('add')}</button>
        )}
      </header>
      {chosen.length < 2 ? (
        <p className="muted">{t('needTwo')}</p>
      ) : (
        <div className="compare-body">
          <section>
            <h3>{t('perImage')}</h3>
            <Gallery images={gallery.images} selectedId={image?.id ?? null} onSelect={gallery.setSelected} />
            <PerImage models={chosen} results={results} conflict={conflict} hasImage={image !== null} />
          </section>
          <section>
            <h3>{t('archDiff')}</h3>
            <ArchSection models={chosen} />
          </section>
          {conflict === null && image && <PerImageDetail models={chosen} results={results} image={image} />}
          {conflict === null && (
            <section className="compare-wide">
              <h3>{t('overSet')}</h3>
              <SetComparePanel ids={chosen.map((m) => m.id)} load={load} />
              <CkaSection models={chosen} results={results} />
            </section>
          )}
        </div>
      )}
    </main>
  );
}

type PickerProps = {
  index: number;
  id: string;
  models: ModelSummary[];
  onChange: (id: string) => void;
  onRemove?: () => void;
};

function ModelPicker({ index, id, models, onChange, onRemove }: PickerProps) {
  const t = useT(compareMessages);
  const letter = String.fromCharCode(65 + index);
  return (
    <span className="compare-slot">
      <select aria-label={t('slot', { n: letter })} value={id} onChange={(e) => onChange(e.target.value)}>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      {onRemove && (
        <button aria-label={`${t('remove')} ${letter}`} onClick={onRemove}>
          ×
        </button>
      )}
    </span>
  );
}

function ArchSection({ models }: { models: ModelSummary[] }) {
  const t = useT(compareMessages);
  const known = models.filter(hasArchitecture);
  const unknown = models.filter((m) => !hasArchitecture(m));
  return (
    <>
      {unknown.map((m) => (
        <p key={m.id} className="muted">
          {t('noArch', { name: m.name })}
        </p>
      ))}
      {known.length >= 2 && (
        <ArchDiffTable columns={known.map((m) => ({ title: m.name, architecture: m.architecture }))} />
      )}
    </>
  );
}

type PerImageProps = {
  models: ModelSummary[];
  results: Record<string, SlotResult>;
  conflict: string | null;
  hasImage: boolean;
};

function PerImage({ models, results, conflict, hasImage }: PerImageProps) {
  const t = useT(compareMessages);
  if (conflict) {
    return (
      <p className="compare-note" role="note" data-testid="compare-conflict">
        {t('labelsDiffer', { sets: conflict })}
      </p>
    );
  }
  if (!hasImage) return <p className="muted">{t('dropImage')}</p>;
  const done = models.map((m) => results[m.id]).map((r) => (r?.status === 'done' ? r : null));
  const agree = agreement(done.map((r) => r?.top ?? null));
  const sizes = [
    ...new Set(
      done.filter((r) => r).map((r) => `${r!.model.preprocessing.height}×${r!.model.preprocessing.width}`),
    ),
  ];
  return (
    <>
      {agree && (
        <p
          className={agree.agree ? 'agreement agree' : 'agreement disagree'}
          data-testid="agreement"
          data-agree={agree.agree}
        >
          {agree.agree ? t('agree', { label: agree.label }) : t('disagree')}
        </p>
      )}
      {sizes.length > 1 && <p className="compare-note">{t('inputsDiffer', { sizes: sizes.join(', ') })}</p>}
      <div className="compare-columns">
        {models.map((m) => (
          <ModelColumn key={m.id} summary={m} result={results[m.id]} />
        ))}
      </div>
    </>
  );
}

/** Every compared model's run result, or null until all of them have one. */
function loadedModels(models: ModelSummary[], results: Record<string, SlotResult>): LoadedModel[] | null {
  const done = models.map((m) => results[m.id]);
  return done.every((r) => r?.status === 'done')
    ? done.map((r) => (r as { model: LoadedModel }).model)
    : null;
}

type DetailProps = { models: ModelSummary[]; results: Record<string, SlotResult>; image: GalleryImage };

/** The selected image, model by model: the same stage side by side, and each model's CAM for one class. */
function PerImageDetail({ models, results, image }: DetailProps) {
  const t = useT(compareMessages);
  const { client } = useSession();
  const fetcherFor = useCompareFetchers(client);
  const loaded = loadedModels(models, results);
  const first = results[models[0]!.id];
  if (!loaded || first?.status !== 'done') return null;
  return (
    <>
      <section className="compare-wide">
        <h3>{t('alignedStage')}</h3>
        <AlignedStages models={loaded} image={image} fetcherFor={fetcherFor} />
      </section>
      <section className="compare-wide">
        <h3>{t('cams')}</h3>
        <CompareCams models={loaded} image={image} fetcherFor={fetcherFor} topClass={first.top[0]!.index} />
      </section>
    </>
  );
}

/** Linear CKA between the first two models, once both are loaded (it needs their stage outputs). */
function CkaSection({ models, results }: { models: ModelSummary[]; results: Record<string, SlotResult> }) {
  const t = useT(compareMessages);
  const a = results[models[0]!.id];
  const b = results[models[1]!.id];
  if (a?.status !== 'done' || b?.status !== 'done') return null;
  return (
    <>
      <h3>{t('cka')}</h3>
      <CkaPanel key={`${models[0]!.id}|${models[1]!.id}`} a={a.model} b={b.model} />
    </>
  );
}

function ModelColumn({ summary, result }: { summary: ModelSummary; result: SlotResult | undefined }) {
  const t = useT(compareMessages);
  const arch = hasArchitecture(summary) ? archColumn(summary.architecture) : null;
  return (
    <article className="compare-column" data-testid="compare-column" data-model={summary.id}>
      <h4>{summary.name}</h4>
      {summary.untrained && <p className="warn">{t('untrained')}</p>}
      <dl>
        <dt>{t('params')}</dt>
        <dd>{compactCount(summary.params || arch?.totalParams || 0)}</dd>
        {arch && (
          <>
            <dt>{t('macs')}</dt>
            <dd>{compactCount(arch.totalMacs)}</dd>
            <dt>{t('depth')}</dt>
            <dd>{arch.depth}</dd>
          </>
        )}
        <dt>{t('latency')}</dt>
        <dd data-testid="latency">
          {result?.status === 'done' ? `${result.ms.toFixed(1)} ms (${result.backend})` : '—'}
        </dd>
      </dl>
      {!result && <p className="muted">{t('loading')}</p>}
      {result?.status === 'failed' && <p className="error">{t('failed', { message: result.message })}</p>}
      {result?.status === 'done' && (
        <ol className="compare-top5" data-testid="compare-top5" aria-label={t('top5')}>
          {result.top.map((p) => (
            <li key={p.index} data-label={p.label} data-probability={p.probability}>
              <span>{p.label}</span>
              <span className="muted">{(p.probability * 100).toFixed(1)}%</span>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
