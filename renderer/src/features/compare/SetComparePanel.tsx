import { useEffect, useState } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { useSession } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { recordImageData, itemFile } from '../evaluate/eval-images';
import { cifarSet, type EvalSet } from '../evaluate/eval-sets';
import { classFromPath } from '../gallery/gallery-model';
import { compareMessages } from './messages';
import { sourceLabels, useSetCompare, type SetOutcome, type SetSource } from './useSetCompare';

/** Disagreements listed at most (the counts above cover all of them). */
const SHOWN = 60;

type Props = { ids: string[]; load: (id: string) => Promise<LoadedModel> };

/** Over a set (the gallery or a CIFAR-10 batch): agreement, accuracy per model, and the disagreements. */
export function SetComparePanel({ ids, load }: Props) {
  const t = useT(compareMessages);
  const { client, gallery } = useSession();
  const { state, run, cancel } = useSetCompare(client, load);
  const [error, setError] = useState<string | null>(null);
  const running = state.status === 'running';
  const start = async (make: (first: LoadedModel) => Promise<SetSource> | SetSource) => {
    setError(null);
    try {
      await run(ids, await make(await load(ids[0]!)));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const onGallery = () =>
    start((a) => ({
      kind: 'gallery',
      images: [...gallery.images],
      labels: gallery.images.map((img) => classFromPath(img.name, a.labels)),
    }));
  const onBatch = (file: File) =>
    start(async (a) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return { kind: 'cifar10', set: cifarSet([{ name: file.name, bytes }], a.labels) } as SetSource;
    });
  return (
    <div className="compare-set" data-testid="set-panel">
      <div className="compare-set-bar">
        <button disabled={running || gallery.images.length === 0} onClick={() => void onGallery()}>
          {t('setGallery', { n: gallery.images.length })}
        </button>
        <label className={running ? 'file-button disabled' : 'file-button'}>
          {t('setBatch')}
          <input
            type="file"
            accept=".bin"
            data-testid="set-batch-input"
            disabled={running}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void onBatch(file);
            }}
          />
        </label>
        {running && (
          <>
            <progress value={state.done} max={state.total} data-testid="set-progress" />
            <span className="muted">
              {state.done}/{state.total}
            </span>
            <button onClick={cancel}>{t('cancel')}</button>
          </>
        )}
      </div>
      {error && <p className="error">{t('failed', { message: error })}</p>}
      {state.status === 'failed' && <p className="error">{t('failed', { message: state.message })}</p>}
      {state.status === 'done' && <SetResults outcome={state.outcome} />}
    </div>
  );
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

function SetResults({ outcome }: { outcome: SetOutcome }) {
  const t = useT(compareMessages);
  const { result, models, source } = outcome;
  const n = result.count;
  return (
    <>
      <p data-testid="set-agreement" data-agreed={result.agreed} data-count={n}>
        {t('setAgreement', { agreed: result.agreed, n, rate: pct(result.agreementRate) })}
        {source.kind === 'cifar10' && <span className="muted"> · {source.set.name}</span>}
      </p>
      {!outcome.complete && <p className="compare-note">{t('setCancelled', { n })}</p>}
      <table className="arch-diff compare-set-table" data-testid="set-accuracy">
        <thead>
          <tr>
            <th scope="col">{t('model')}</th>
            <th scope="col">{t('accuracy', { n: result.labelled })}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m, i) => {
            const s = result.models[i]!;
            return (
              <tr
                key={m.summary.id}
                data-model={m.summary.id}
                data-correct={s.correct}
                data-labelled={result.labelled}
              >
                <th scope="row">{m.summary.name}</th>
                <td>
                  {s.accuracy === null
                    ? t('noLabels')
                    : `${pct(s.accuracy)} (${s.correct}/${result.labelled})`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {models.length > 2 && (
        <p className="muted" data-testid="set-pairs">
          {result.pairs
            .map((p) => `${models[p.a]!.summary.name} / ${models[p.b]!.summary.name}: ${pct(p.rate)}`)
            .join(' · ')}
        </p>
      )}
      <Disagreements outcome={outcome} />
    </>
  );
}

function Disagreements({ outcome }: { outcome: SetOutcome }) {
  const t = useT(compareMessages);
  const { gallery } = useSession();
  const { result, models, source, preds } = outcome;
  const labels = models[0]!.labels;
  const truths = sourceLabels(source);
  const open = async (i: number) => {
    if (source.kind === 'gallery') gallery.setSelected(source.images[i]!.id);
    else await gallery.addFiles([await itemFile(source.set, i, labels)]);
  };
  return (
    <>
      <h4>{t('disagreements', { n: result.disagreements.length })}</h4>
      <ul className="compare-disagree" data-testid="disagreements">
        {result.disagreements.slice(0, SHOWN).map((i) => {
          const truth = truths[i];
          const title = models.map((m, k) => `${m.summary.name}: ${labels[preds[k]![i]!]}`).join('\n');
          return (
            <li key={i}>
              <button data-testid="disagreement" data-index={i} title={title} onClick={() => void open(i)}>
                {source.kind === 'gallery' ? (
                  <img src={source.images[i]!.url} alt={source.images[i]!.name} />
                ) : (
                  <RecordThumb set={source.set} item={i} />
                )}
                <span className="compare-disagree-labels">
                  {models.map((m, k) => (
                    <span key={m.summary.id}>
                      {String.fromCharCode(65 + k)}: {labels[preds[k]![i]!]}
                    </span>
                  ))}
                  {truth !== null && truth !== undefined && (
                    <span className="muted">{t('truth', { label: labels[truth] ?? String(truth) })}</span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {result.disagreements.length > SHOWN && (
        <p className="muted">{t('more', { n: result.disagreements.length - SHOWN })}</p>
      )}
    </>
  );
}

/** A CIFAR record drawn at its 32x32 (CSS scales it up). */
function RecordThumb({ set, item }: { set: Extract<EvalSet, { kind: 'cifar10' }>; item: number }) {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  useEffect(() => {
    canvas?.getContext('2d')?.putImageData(recordImageData(set, item), 0, 0);
  }, [canvas, set, item]);
  return <canvas ref={setCanvas} width={32} height={32} className="compare-record" />;
}
