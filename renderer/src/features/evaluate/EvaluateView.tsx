import { useCallback, useState } from 'react';
import { useSession } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { secondsLeft } from '../../lib/metrics';
import { evaluationCsv, evaluationJson } from '../../lib/metrics-export';
import { downloadBlob, safeFileName } from '../export/download';
import { filesOfDrop, filesOfInput } from './drop-files';
import { openInInspector } from './eval-images';
import { itemName, type PathFile } from './eval-sets';
import { evalStore, useEvalState, type EvalState } from './eval-store';
import { formatCount } from '../feature-maps/format';
import { EvalResults } from './EvalResults';
import { evaluateMessages } from './messages';
import './evaluate.css';

/**
 * Evaluate the toolbar's model on a labelled set: drop (or open) CIFAR-10 batches or class folders, watch
 * the numbers fill in batch by batch, cancel at any time, open the mistakes in the inspector, export.
 */
export function EvaluateView() {
  const t = useT(evaluateMessages);
  const { client, model, settings, gallery } = useSession();
  const state = useEvalState();
  const [over, setOver] = useState(false);
  const modelName = model.models.find((m) => m.id === model.selectedId)?.name ?? '';
  const start = (files: PathFile[]) => {
    if (!model.selectedId || files.length === 0) return;
    void evalStore.start(files, { client, modelId: model.selectedId, backend: settings.backend });
  };
  const { set: evalSet, model: evalModel } = state;
  const addFiles = gallery.addFiles;
  const open = useCallback(
    (item: number) => {
      if (evalSet && evalModel) void openInInspector(evalSet, item, evalModel.labels, addFiles);
    },
    [evalSet, evalModel, addFiles],
  );
  return (
    <main
      className={over ? 'workspace single evaluate over' : 'workspace single evaluate'}
      data-testid="evaluate-drop"
      data-phase={state.phase}
      onDragOver={(e) => {
        // Handled here, not by the shell: a batch file is not an image for the gallery.
        e.preventDefault();
        e.stopPropagation();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        void filesOfDrop(e.dataTransfer).then(start);
      }}
    >
      <EvalBar
        title={model.selectedId ? t('title', { model: modelName }) : t('noModel')}
        state={state}
        onFiles={start}
      />
      <Status state={state} />
      {(state.phase === 'idle' || (state.phase === 'failed' && !state.summary?.count)) && <EmptyState />}
      {state.summary && state.summary.count > 0 && state.model && (
        <EvalResults
          state={state}
          summary={state.summary}
          onFilter={(l, p) => evalStore.setFilter(l, p)}
          onOpen={open}
        />
      )}
    </main>
  );
}

/** Title, the two ways to open a set, cancel while running, export when there are results. */
function EvalBar({
  title,
  state,
  onFiles,
}: {
  title: string;
  state: EvalState;
  onFiles: (f: PathFile[]) => void;
}) {
  const t = useT(evaluateMessages);
  const running = state.phase === 'running' || state.phase === 'loading' || state.phase === 'reading';
  const picked = (e: React.ChangeEvent<HTMLInputElement>) => {
    onFiles(filesOfInput(e.target.files));
    e.target.value = ''; // the same file again is a new run
  };
  return (
    <header className="eval-bar">
      <h2>{title}</h2>
      <label className="button">
        {t('openBatch')}
        <input type="file" accept=".bin" multiple hidden data-testid="open-batch" onChange={picked} />
      </label>
      <label className="button">
        {t('openFolder')}
        <input
          type="file"
          hidden
          data-testid="open-folder"
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
          onChange={picked}
        />
      </label>
      {running && (
        <button className="button" onClick={() => evalStore.cancel()} disabled={state.cancelling}>
          {state.cancelling ? t('cancelling') : t('cancel')}
        </button>
      )}
      {state.summary && state.summary.count > 0 && !running && <ExportButtons state={state} />}
    </header>
  );
}

function EmptyState() {
  const t = useT(evaluateMessages);
  return (
    <div className="empty eval-empty">
      <p className="big">{t('emptyTitle')}</p>
      <p>{t('emptyCifar')}</p>
      <p>{t('emptyFolders')}</p>
      <p className="muted">{t('emptyTable')}</p>
    </div>
  );
}

/** Progress with time left while running; the outcome and what was left out afterwards. */
function Status({ state }: { state: EvalState }) {
  const t = useT(evaluateMessages);
  const { notes } = state;
  const left = secondsLeft(state.done, state.total, state.timing.wallMs);
  const unmatched = notes.unmatched.map((u) => `${u.folder || t('noFolder')} (${u.images})`).join(', ');
  return (
    <div className="eval-status">
      {state.phase === 'loading' && (
        <p className="muted">{t('loading', { model: state.model?.summary.name ?? '' })}</p>
      )}
      {state.phase === 'reading' && <p className="muted">{t('reading')}</p>}
      {(state.phase === 'running' || state.phase === 'cancelled') && (
        <div
          className="eval-progress"
          data-testid="eval-progress"
          data-done={state.done}
          data-total={state.total}
        >
          <progress value={state.done} max={Math.max(1, state.total)} />
          <span>
            {t('progress', {
              done: formatCount(state.done),
              total: formatCount(state.total),
            })}
            {state.phase === 'running' &&
              left !== null &&
              ` · ${t('timeLeft', { seconds: left.toFixed(0) })}`}
          </span>
        </div>
      )}
      {state.phase === 'done' && (
        <p className="muted" data-testid="eval-done">
          {t('done', {
            model: state.model?.summary.name ?? '',
            set: state.set?.name ?? '',
            count: formatCount(state.done),
            seconds: (state.timing.wallMs / 1000).toFixed(1),
          })}
        </p>
      )}
      {state.phase === 'cancelled' && (
        <p className="notice-line" role="status" data-testid="eval-cancelled">
          {t('cancelled', { count: state.done, total: state.total })}
        </p>
      )}
      {state.error && (
        <p className="error" role="alert" data-testid="eval-error">
          {t('failed', { message: state.error })}
        </p>
      )}
      {notes.unmatched.length > 0 && state.model && (
        <p className="notice-line" role="status" data-testid="eval-unmatched">
          {t('unmatched', {
            count: notes.unmatched.length,
            labels: state.model.labels.length,
            list: unmatched,
          })}{' '}
          {t('unmatchedHint')}
        </p>
      )}
      {notes.skipped.length > 0 && (
        <p className="notice-line" data-testid="eval-skipped">
          {t('skipped', { count: notes.skipped.length, list: notes.skipped.map((s) => s.path).join(', ') })}
        </p>
      )}
      {notes.ignoredFiles > 0 && <p className="notice-line">{t('ignored', { count: notes.ignoredFiles })}</p>}
    </div>
  );
}

function ExportButtons({ state }: { state: EvalState }) {
  const t = useT(evaluateMessages);
  const { set, model, summary, run } = state;
  if (!set || !model || !summary || !run) return null;
  const name = (item: number) => itemName(set, item);
  const stem = `${model.summary.id}-${set.name.replace(/\.bin$/i, '')}-eval`;
  const json = () =>
    evaluationJson(
      summary,
      state.outcomes,
      {
        model: { id: model.summary.id, name: model.summary.name, architecture: model.summary.architecture },
        set: { name: set.name, kind: set.kind, images: set.count },
        complete: state.phase === 'done',
        backend: run.backend,
        threads: run.threads,
        batchSize: run.batchSize,
        timing: state.timing,
      },
      name,
    );
  return (
    <>
      <button
        className="button"
        data-testid="export-csv"
        onClick={() =>
          downloadBlob(
            new Blob([evaluationCsv(state.outcomes, summary.labels, name)], { type: 'text/csv' }),
            safeFileName(stem, 'csv'),
          )
        }
      >
        {t('exportCsv')}
      </button>
      <button
        className="button"
        data-testid="export-json"
        onClick={() =>
          downloadBlob(new Blob([json()], { type: 'application/json' }), safeFileName(stem, 'json'))
        }
      >
        {t('exportJson')}
      </button>
    </>
  );
}
