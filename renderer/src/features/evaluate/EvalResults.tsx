import { useT } from '../../i18n/i18n';
import type { EvalSummary } from '../../lib/metrics';
import { ConfusionMatrix } from './ConfusionMatrix';
import type { EvalState } from './eval-store';
import { evaluateMessages } from './messages';
import { Misclassified } from './Misclassified';

const pct = (x: number | null, digits = 1) => (x === null ? '–' : `${(100 * x).toFixed(digits)} %`);

type Props = {
  state: EvalState;
  summary: EvalSummary;
  onFilter: (label: number | null, predicted: number | null) => void;
  onOpen: (item: number) => void;
};

/** Totals, per-class accuracy, the confusion heatmap and the misclassified gallery of a (partial) run. */
export function EvalResults({ state, summary, onFilter, onOpen }: Props) {
  const t = useT(evaluateMessages);
  // The model's own array (stable across batches), so memoized thumbnails do not re-render per batch.
  const labels = state.model?.labels ?? summary.labels;
  return (
    <div className="eval-results">
      <Totals state={state} summary={summary} />
      <section className="eval-card per-class" aria-label={t('perClass')}>
        <h3>{t('perClass')}</h3>
        <table data-testid="per-class">
          <thead>
            <tr>
              <th>{t('class')}</th>
              <th className="num">{t('correct')}</th>
              <th className="num" colSpan={2}>
                {t('accuracy')}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.perClass
              .filter((c) => c.count > 0)
              .map((c) => (
                <tr key={c.index} data-class={c.label} data-count={c.count} data-correct={c.correct}>
                  <td>{c.label}</td>
                  <td className="num">
                    {c.correct} / {c.count}
                  </td>
                  <td className="num">{pct(c.accuracy)}</td>
                  <td className="bar-cell">
                    <span className="bar">
                      <span className="fill" style={{ width: pct(c.accuracy ?? 0).replace(' ', '') }} />
                    </span>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
      <section className="eval-card confusion-card" aria-label={t('confusion')}>
        <h3>{t('confusion')}</h3>
        <p className="muted small">{t('confusionHint')}</p>
        <ConfusionMatrix
          labels={labels}
          confusion={summary.confusion}
          filter={state.filter}
          onSelect={onFilter}
        />
      </section>
      {state.set && (
        <Misclassified
          set={state.set}
          labels={labels}
          outcomes={state.outcomes}
          filter={state.filter}
          onClearFilter={() => onFilter(null, null)}
          onOpen={onOpen}
        />
      )}
    </div>
  );
}

/** The headline numbers, with the published error beside ours and where the time went. */
function Totals({ state, summary }: { state: EvalState; summary: EvalSummary }) {
  const t = useT(evaluateMessages);
  const published = state.model?.summary.publishedTestError ?? null;
  const run = state.run;
  const ms = (x: number) => x.toFixed(0);
  return (
    <section
      className="eval-totals"
      data-testid="eval-totals"
      data-count={summary.count}
      data-correct={summary.correct}
      data-accuracy={summary.accuracy}
      data-top5={summary.top5Accuracy}
    >
      <div className="stat">
        <span className="label">{t('accuracy')}</span>
        <span className="value" data-testid="eval-accuracy">
          {pct(summary.accuracy, 2)}
        </span>
        <span className="sub">
          {summary.correct} / {summary.count}
        </span>
      </div>
      <div className="stat">
        <span className="label">{t('error')}</span>
        <span className="value">{pct(summary.error, 2)}</span>
        {published !== null && <span className="sub">{t('published', { value: published.toFixed(2) })}</span>}
      </div>
      <div className="stat">
        <span className="label">{t('top5')}</span>
        <span className="value">{pct(summary.top5Accuracy, 2)}</span>
      </div>
      <div className="stat">
        <span className="label">{t('throughput')}</span>
        <span className="value" data-testid="eval-throughput">
          {summary.imagesPerSecond === null ? '–' : `${summary.imagesPerSecond.toFixed(0)} img/s`}
        </span>
        {run && (
          <span className="sub">
            {t('timeSplit', {
              pre: ms(state.timing.preprocessMs),
              inf: ms(state.timing.inferenceMs),
              backend: run.backend === 'webgpu' ? 'WebGPU' : `WASM ×${run.threads}`,
              batch: run.batchSize,
            })}
          </span>
        )}
      </div>
    </section>
  );
}
