import { memo, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { misclassifiedAs, type ImageOutcome } from '../../lib/metrics';
import { recordImageData } from './eval-images';
import { itemName, type EvalSet } from './eval-sets';
import { evaluateMessages } from './messages';

type Props = {
  set: EvalSet;
  labels: readonly string[];
  outcomes: readonly ImageOutcome[];
  filter: { label: number | null; predicted: number | null };
  onClearFilter: () => void;
  onOpen: (item: number) => void;
};

/** Thumbnails shown at first, and added per "show more": enough to scan, few enough to paint at once. */
const PAGE = 96;

/** The images the model got wrong (all, or one confusion cell's), each opening in the inspector. */
export function Misclassified({ set, labels, outcomes, filter, onClearFilter, onOpen }: Props) {
  const t = useT(evaluateMessages);
  const [limit, setLimit] = useState(PAGE);
  const wrong = misclassifiedAs(outcomes, filter.label, filter.predicted);
  const filtered = filter.label !== null || filter.predicted !== null;
  return (
    <section className="eval-card misclassified" aria-label="Misclassified">
      <h3>
        {t('misclassified', { count: wrong.length })}
        {filtered && (
          <button className="link" onClick={onClearFilter} data-testid="clear-filter">
            {t('filterCell', {
              true: labels[filter.label ?? -1] ?? '*',
              predicted: labels[filter.predicted ?? -1] ?? '*',
            })}{' '}
            · {t('filterAll')}
          </button>
        )}
      </h3>
      <p className="muted small">{t('misclassifiedHint')}</p>
      {wrong.length === 0 && <p className="muted">{t('noneWrong')}</p>}
      <ul className="eval-thumbs" data-testid="misclassified">
        {wrong.slice(0, limit).map((o) => (
          <li key={o.item}>
            <Thumb set={set} outcome={o} labels={labels} onOpen={onOpen} />
          </li>
        ))}
      </ul>
      {wrong.length > limit && (
        <button className="button" onClick={() => setLimit(limit + PAGE)}>
          {t('showMore')} ({wrong.length - limit})
        </button>
      )}
    </section>
  );
}

type ThumbProps = {
  set: EvalSet;
  outcome: ImageOutcome;
  labels: readonly string[];
  onOpen: (item: number) => void;
};

const Thumb = memo(function Thumb({ set, outcome, labels, onOpen }: ThumbProps) {
  const t = useT(evaluateMessages);
  const name = itemName(set, outcome.item);
  const predicted = labels[outcome.predicted] ?? String(outcome.predicted);
  const truth = labels[outcome.label] ?? String(outcome.label);
  const probability = (100 * outcome.probability).toFixed(0);
  return (
    <button
      className="eval-thumb"
      data-item={outcome.item}
      data-predicted={outcome.predicted}
      data-true={outcome.label}
      title={t('thumbTitle', { name, predicted, probability, true: truth })}
      onClick={() => onOpen(outcome.item)}
    >
      {set.kind === 'cifar10' ? (
        <RecordCanvas set={set} item={outcome.item} />
      ) : (
        <FileImage file={set.items[outcome.item]!.file} />
      )}
      <span className="pred">
        <span className="name">{predicted}</span> {probability}%
      </span>
      <span className="truth">{truth}</span>
    </button>
  );
});

function RecordCanvas({ set, item }: { set: Extract<EvalSet, { kind: 'cifar10' }>; item: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    ref.current?.getContext('2d')?.putImageData(recordImageData(set, item), 0, 0);
  }, [set, item]);
  return <canvas ref={ref} width={32} height={32} />;
}

function FileImage({ file }: { file: File }) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    // The object URL lives as long as the thumbnail shows this file.
    const url = URL.createObjectURL(file);
    if (ref.current) ref.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file]);
  return <img ref={ref} alt="" />;
}
